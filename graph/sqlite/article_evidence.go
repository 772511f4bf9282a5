package sqlite

import (
	"context"
	"fmt"

	"github.com/alaqat/alaqat/graph"
)

// ArticleEvidence reads every passage of these articles that supports a
// fact.
func (s *Store) ArticleEvidence(ctx context.Context, articles []string) ([]graph.Evidence, error) {
	if len(articles) == 0 {
		return nil, nil
	}
	rows, err := s.query(ctx, `SELECT fact, article_id, start, end, quote FROM evidence
		WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, fact, start, end`, jsonList(articles))
	if err != nil {
		return nil, fmt.Errorf("sqlite: article evidence: %w", err)
	}
	return scanEvidence(rows)
}
