package neo4j

import (
	"context"

	"github.com/alaqat/alaqat/graph"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// SetAfterAnnounce makes every write of this process run f between its
// announcement and its commit: tests stop a writer there.
func SetAfterAnnounce(f func()) { afterAnnounce = f }

// SetProfiled makes every statement of a transaction (run) run profiled,
// and hands f the statement, its parameters and its plan; nil stops it.
func SetProfiled(f func(cypher string, params map[string]any, plan neo.ProfiledPlan)) { profiled = f }

// ClaimsRead is the statement that reads nodes' claims for merging, with
// the ids in its parameter "ids".
var ClaimsRead = cypherClaimsOf

// BlockReportsRead is the statement of BlockReports.
const BlockReportsRead = cypherBlockReports

// BlockReportsAndReports answers qs in a write transaction twice: with
// BlockReports, in one statement, and with Reports, one query at a time.
func (s *Store) BlockReportsAndReports(ctx context.Context, articles []string, qs func([]graph.Report) []graph.ReportQuery) (block, single [][]graph.Report, err error) {
	err = s.inWrite(ctx, func(ctx context.Context, tx neo.ManagedTransaction) error {
		w := &ntx{tx: tx}
		stored, err := w.Reports(ctx, graph.ReportQuery{Articles: articles})
		if err != nil {
			return err
		}
		queries := qs(stored)
		if block, err = w.BlockReports(ctx, queries); err != nil {
			return err
		}
		for _, q := range queries {
			rs, err := w.Reports(ctx, q)
			if err != nil {
				return err
			}
			single = append(single, rs)
		}
		return nil
	})
	return block, single, err
}
