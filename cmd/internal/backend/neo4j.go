package backend

import (
	"context"
	"os"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/neo4j"
)

// openNeo4j opens a Neo4j store; credentials and the database come from
// the environment, never from the command line, so they stay out of shell
// history and process lists.
func openNeo4j(ctx context.Context, url string) (graph.Store, error) {
	return neo4j.Open(ctx, url, neo4j.Options{
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	})
}
