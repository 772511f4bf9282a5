package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/alaqat/alaqat/graph"
)

// ArticleFacts reads back what each article claimed, in one read
// transaction so that a loader writing meanwhile never splits an article.
func (s *Store) ArticleFacts(ctx context.Context, ids []string) ([]*graph.Facts, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: article facts: %w", err)
	}
	defer tx.Rollback()
	list := jsonList(ids)
	byID := map[string]*graph.Facts{}
	var found []*graph.Facts

	rows, err := tx.QueryContext(ctx, `SELECT id, url, title, source, published, lang, text FROM articles
		WHERE id IN (SELECT value FROM json_each(?))`, list)
	if err != nil {
		return nil, fmt.Errorf("sqlite: article facts: %w", err)
	}
	for rows.Next() {
		f := &graph.Facts{}
		a := &f.Article
		var published, lang string
		if err := rows.Scan(&a.ID, &a.URL, &a.Title, &a.Source, &published, &lang, &a.Text); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: article facts: %w", err)
		}
		a.Lang = graph.Lang(lang)
		if published != "" {
			if a.Published, err = graph.ParsePartialDate(published); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: article %s: %w", a.ID, err)
			}
		}
		byID[a.ID] = f
		found = append(found, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: article facts: %w", err)
	}

	rows, err = tx.QueryContext(ctx, `SELECT article_id, node_id, data FROM claims
		WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, node_id`, list)
	if err != nil {
		return nil, fmt.Errorf("sqlite: article facts: %w", err)
	}
	for rows.Next() {
		var article, id, data string
		if err := rows.Scan(&article, &id, &data); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: article facts: %w", err)
		}
		var n graph.Node
		if err := json.Unmarshal([]byte(data), &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: article %s: node %s: %w", article, id, err)
		}
		if f := byID[article]; f != nil {
			f.Nodes = append(f.Nodes, n)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: article facts: %w", err)
	}

	rows, err = tx.QueryContext(ctx, `SELECT article_id, type, from_id, to_id, title, since FROM edges
		WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, type, from_id, to_id, title`, list)
	if err != nil {
		return nil, fmt.Errorf("sqlite: article facts: %w", err)
	}
	for rows.Next() {
		var article, since string
		var e graph.Edge
		if err := rows.Scan(&article, &e.Type, &e.From, &e.To, &e.Title, &since); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: article facts: %w", err)
		}
		if since != "" {
			if e.Since, err = graph.ParsePartialDate(since); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: article %s: edge %s: %w", article, e.Key(), err)
			}
		}
		if f := byID[article]; f != nil {
			f.Edges = append(f.Edges, e)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: article facts: %w", err)
	}

	rows, err = tx.QueryContext(ctx, `SELECT fact, article_id, start, end, quote FROM evidence
		WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, fact, start, end`, list)
	if err != nil {
		return nil, fmt.Errorf("sqlite: article facts: %w", err)
	}
	evidence, err := scanEvidence(rows)
	if err != nil {
		return nil, fmt.Errorf("sqlite: article facts: %w", err)
	}
	for _, ev := range evidence {
		if f := byID[ev.ArticleID]; f != nil {
			f.Evidence = append(f.Evidence, ev)
		}
	}

	out := graph.InOrder(ids, found, func(f *graph.Facts) string { return f.Article.ID })
	for i, f := range out {
		// Ordered as Go compares strings, as the Neo4j store's are.
		out[i] = graph.CanonicalFacts(f)
	}
	return out, nil
}
