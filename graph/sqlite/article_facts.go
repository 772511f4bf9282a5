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
	rows, err := s.query(ctx, `SELECT facts, text FROM articles WHERE id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, fmt.Errorf("sqlite: article facts: %w", err)
	}
	defer rows.Close()
	var out []*graph.Facts
	for rows.Next() {
		var data, text string
		if err := rows.Scan(&data, &text); err != nil {
			return nil, err
		}
		f, err := decodeFacts(data, text)
		if err != nil {
			return nil, err
		}
		out = append(out, graph.CanonicalFacts(f))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return graph.InOrder(ids, out, func(f *graph.Facts) string { return f.Article.ID }), nil
}
