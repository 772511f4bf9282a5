package neo4j

import (
	"context"

	"github.com/alaqat/alaqat/graph"
)

// FactsHash returns the digest of the facts the article was last applied
// with, or "" if the store holds no such article (graph.FactsHasher).
func (s *Store) FactsHash(ctx context.Context, articleID string) (string, error) {
	return s.factsHash(ctx, articleID)
}

var _ graph.FactsHasher = (*Store)(nil)
