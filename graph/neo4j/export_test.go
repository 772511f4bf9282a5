package neo4j

import neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"

// SetAfterAnnounce makes every write of this process run f between its
// announcement and its commit: tests stop a writer there.
func SetAfterAnnounce(f func()) { afterAnnounce = f }

// SetProfiled makes every statement of a transaction (run) run profiled,
// and hands f the statement, its parameters and its plan; nil stops it.
func SetProfiled(f func(cypher string, params map[string]any, plan neo.ProfiledPlan)) { profiled = f }

// ClaimsRead is the statement that reads nodes' claims for merging, with
// the ids in its parameter "ids".
var ClaimsRead = cypherClaimsOf
