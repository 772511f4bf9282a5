package sqlite

import (
	"context"
	"fmt"

	"github.com/alaqat/alaqat/graph"
)

// ArticleFacts reads the facts articles were last applied with, text
// included, in the order of ids, each in its canonical form
// (graph.CanonicalFacts).
func (s *Store) ArticleFacts(ctx context.Context, ids []string) ([]*graph.Facts, error) {
	out, err := scanFacts(s.query(ctx, articleFactsQuery, jsonList(ids)))
	if err != nil {
		return nil, fmt.Errorf("sqlite: article facts: %w", err)
	}
	for i, f := range out {
		out[i] = graph.CanonicalFacts(f)
	}
	return graph.InOrder(ids, out, func(f *graph.Facts) string { return f.Article.ID }), nil
}
