package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/alaqat/alaqat/graph"
)

// Correct records an analyst's correction and applies it, in one
// transaction: a merge or a rejection rewrites the share of every article
// it touches, names take effect when the entity is read.
func (s *Store) Correct(ctx context.Context, c graph.Correction) (graph.Correction, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	if c.At.IsZero() { // a correction copied from another store keeps its time
		c.At = time.Now().UTC().Truncate(time.Millisecond)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		w := &writer{tx: tx, stmts: map[string]*sql.Stmt{}}
		defer w.close()
		if err := c.Check(ctx, w); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO corrections (op, target, source, name, article, reason, author, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			string(c.Op), c.Target, c.Source, c.Name, c.Article, c.Reason, c.Author, c.At.Format(time.RFC3339Nano))
		if err != nil {
			return err
		}
		if c.Seq, err = res.LastInsertId(); err != nil {
			return err
		}
		c.ID = fmt.Sprintf("correction:%d", c.Seq)
		return graph.ApplyCorrection(ctx, w, c)
	})
	return c, err
}

// exists reports whether query finds a row.
func (w *writer) exists(ctx context.Context, query string, args ...any) (bool, error) {
	var one int
	err := w.tx.QueryRowContext(ctx, query, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

var _ graph.Holdings = (*writer)(nil)

// HasEntity implements graph.Holdings.
func (w *writer) HasEntity(ctx context.Context, id string) (bool, error) {
	return w.exists(ctx, `SELECT 1 FROM claims WHERE node_id = ? LIMIT 1`, id)
}

// HasFact implements graph.Holdings.
func (w *writer) HasFact(ctx context.Context, fact string, e *graph.Edge, article string) (bool, error) {
	if e != nil {
		return w.exists(ctx, `SELECT 1 FROM edges WHERE type = ? AND from_id = ? AND to_id = ? AND title = ? AND (?5 = '' OR article_id = ?5) LIMIT 1`,
			e.Type, e.From, e.To, e.Title, article)
	}
	return w.exists(ctx, `SELECT 1 FROM claims WHERE node_id = ? AND (?2 = '' OR article_id = ?2) LIMIT 1`, fact, article)
}

// HasCorrection implements graph.Holdings.
func (w *writer) HasCorrection(ctx context.Context, seq int64) (bool, error) {
	return w.exists(ctx, `SELECT 1 FROM corrections WHERE seq = ?`, seq)
}

// Renamed rebuilds the names that corrections give entities, which name
// search reads beside the articles' names.
func (w *writer) Renamed(ctx context.Context, _ string, active []graph.Correction) error {
	if err := w.exec(ctx, `DELETE FROM correction_names`); err != nil {
		return err
	}
	for _, c := range active {
		if (c.Op == graph.OpAlias || c.Op == graph.OpRename) && graph.Fold(c.Name) != "" {
			if err := w.exec(ctx, `INSERT OR IGNORE INTO correction_names (folded, node_id, kind) VALUES (?, ?, ?)`,
				graph.Fold(c.Name), c.Target, string(graph.KindOf(c.Target))); err != nil {
				return err
			}
		}
	}
	return nil
}

// Corrections lists corrections oldest first (see graph.CorrectionQuery),
// each with whether a later undo took it back.
func (s *Store) Corrections(ctx context.Context, q graph.CorrectionQuery) ([]graph.Correction, error) {
	rows, err := s.query(ctx, correctionColumns+` ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: corrections: %w", err)
	}
	all, err := scanCorrections(rows)
	if err != nil {
		return nil, fmt.Errorf("sqlite: corrections: %w", err)
	}
	return q.Select(all), nil
}

// activeCorrections returns the corrections in force at generation gen,
// from the cache while it holds.
func (s *Store) activeCorrections(ctx context.Context, gen int64) ([]graph.Correction, error) {
	s.corrections.mu.Lock()
	defer s.corrections.mu.Unlock()
	if v, ok := s.corrections.get(gen, ""); ok {
		return v, nil
	}
	rows, err := s.query(ctx, correctionColumns+` ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	all, err := scanCorrections(rows)
	if err != nil {
		return nil, err
	}
	active := graph.Active(all)
	s.corrections.put(gen, "", active, 1)
	return active, nil
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
