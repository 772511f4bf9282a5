package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/alaqat/alaqat/graph"
)

// upgrade brings a store written before identity resolution up to date:
// its articles' rows were their facts as they gave them, so it takes them
// as such, gives each article the id it has now (graph.ArticleID) and
// applies it again, a hundred articles to a transaction. It does nothing
// on a store already upgraded.
func (s *Store) upgrade(ctx context.Context) error {
	for {
		ids, err := s.strings(ctx, `SELECT id FROM articles WHERE facts = '' ORDER BY id LIMIT 100`)
		if err != nil || len(ids) == 0 {
			return err
		}
		err = s.inTx(ctx, func(tx *sql.Tx) error {
			w := &writer{tx: tx, stmts: map[string]*sql.Stmt{}}
			defer w.close()
			for _, id := range ids {
				f, err := w.rowsAsFacts(ctx, id)
				if err != nil {
					return fmt.Errorf("upgrading article %s: %w", id, err)
				}
				if err := w.exec(ctx, `DELETE FROM articles WHERE id = ?`, id); err != nil {
					return err
				}
				a := &f.Article
				a.ID = graph.ArticleID(a.URL, a.Title, a.Source, a.Text)
				for i := range f.Evidence {
					f.Evidence[i].ArticleID = a.ID
				}
				if err := w.apply(ctx, f, f.Hash()); err != nil {
					return fmt.Errorf("upgrading article %s: %w", id, err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
}

// rowsAsFacts reads an article's share of the graph as its facts.
func (w *writer) rowsAsFacts(ctx context.Context, id string) (*graph.Facts, error) {
	f := &graph.Facts{}
	var published, lang string
	a := &f.Article
	if err := w.tx.QueryRowContext(ctx, `SELECT id, url, title, source, published, lang, text FROM articles WHERE id = ?`, id).
		Scan(&a.ID, &a.URL, &a.Title, &a.Source, &published, &lang, &a.Text); err != nil {
		return nil, err
	}
	a.Lang = graph.Lang(lang)
	if published != "" {
		a.Published, _ = graph.ParsePartialDate(published)
	}
	rows, err := w.tx.QueryContext(ctx, `SELECT data FROM claims WHERE article_id = ? ORDER BY raw_id`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var data string
		var n graph.Node
		if err := rows.Scan(&data); err != nil {
			rows.Close()
			return nil, err
		}
		if err := json.Unmarshal([]byte(data), &n); err != nil {
			rows.Close()
			return nil, err
		}
		f.Nodes = append(f.Nodes, n)
	}
	rows.Close()
	rows, err = w.tx.QueryContext(ctx, `SELECT type, from_id, to_id, title, since FROM edges WHERE article_id = ? ORDER BY type, from_id, to_id, title`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var e graph.Edge
		var since string
		if err := rows.Scan(&e.Type, &e.From, &e.To, &e.Title, &since); err != nil {
			rows.Close()
			return nil, err
		}
		if since != "" {
			e.Since, _ = graph.ParsePartialDate(since)
		}
		f.Edges = append(f.Edges, e)
	}
	rows.Close()
	rows, err = w.tx.QueryContext(ctx, `SELECT fact, article_id, start, end, quote FROM evidence WHERE article_id = ? ORDER BY fact, start, end`, id)
	if err != nil {
		return nil, err
	}
	evidence, err := scanEvidence(rows)
	f.Evidence = evidence
	return f, err
}
