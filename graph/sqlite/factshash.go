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

// FactsHashes returns the digest of the facts each of these articles was
// last applied with, by id, leaving out the articles the store does not
// hold: one query for a batch.
func (s *Store) FactsHashes(ctx context.Context, ids []string) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, facts_hash FROM articles WHERE id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]string, len(ids))
	for rows.Next() {
		var id string
		var h sql.NullString
		if err := rows.Scan(&id, &h); err != nil {
			return nil, err
		}
		out[id] = h.String
	}
	return out, rows.Err()
}
