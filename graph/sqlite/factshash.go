package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/alaqat/alaqat/graph"
)

// FactsHash returns the digest of the facts the article was last applied
// with, or "" if the store holds no such article (graph.FactsHasher).
func (s *Store) FactsHash(ctx context.Context, articleID string) (string, error) {
	var h sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT facts_hash FROM articles WHERE id = ?`, articleID).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return h.String, err
}

var _ graph.FactsHasher = (*Store)(nil)
