package neo4j

import (
	"context"
	"fmt"
	"time"

	"github.com/alaqat/alaqat/graph"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Correct records an analyst's correction and applies it, in one
// transaction: a merge or a rejection rewrites the share of every article
// it touches, names are merged into the entity's properties again.
func (s *Store) Correct(ctx context.Context, c graph.Correction) (graph.Correction, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	if c.At.IsZero() { // a correction copied from another store keeps its time
		c.At = time.Now().UTC().Truncate(time.Millisecond)
	}
	var out graph.Correction
	err := s.inWrite(ctx, func(ctx context.Context, tx neo.ManagedTransaction) error {
		w := &ntx{tx: tx}
		if err := c.Check(ctx, w); err != nil {
			return err
		}
		// The sequence comes from a bookkeeping node of its own, under its
		// lock (not the commit counters' node, which the commit itself
		// takes in a transaction of its own: that would wait for this one).
		recs, err := w.run(ctx, `MERGE (q:Writes {id: 'corrections'}) ON CREATE SET q.seq = 0
			SET q.seq = q.seq + 1 RETURN q.seq`, nil)
		if err != nil {
			return err
		}
		out = c
		out.Seq, _ = recs[0].Values[0].(int64)
		out.ID = fmt.Sprintf("correction:%d", out.Seq)
		if _, err := w.run(ctx, `CREATE (c:Correction {seq: $seq, op: $op, target: $target, source: $source, name: $name,
				article: $article, reason: $reason, author: $author, at: $at})`, map[string]any{
			"seq": out.Seq, "op": string(out.Op), "target": out.Target, "source": out.Source, "name": out.Name,
			"article": out.Article, "reason": out.Reason, "author": out.Author, "at": out.At.Format(time.RFC3339Nano),
		}); err != nil {
			return err
		}
		return graph.ApplyCorrection(ctx, w, out)
	})
	if err != nil {
		return c, fmt.Errorf("neo4j: correct: %w", err)
	}
	return out, nil
}

// exists reports whether the statement returns a row.
func (w *ntx) exists(ctx context.Context, cypher string, params map[string]any) (bool, error) {
	recs, err := w.run(ctx, cypher, params)
	return len(recs) > 0, err
}

var _ graph.Holdings = (*ntx)(nil)

// HasEntity implements graph.Holdings.
func (w *ntx) HasEntity(ctx context.Context, id string) (bool, error) {
	if !graph.KindOf(id).Valid() {
		return false, nil
	}
	return w.exists(ctx, `MATCH (n:`+labels[graph.KindOf(id)]+` {id: $id}) RETURN 1`, map[string]any{"id": id})
}

// HasFact implements graph.Holdings.
func (w *ntx) HasFact(ctx context.Context, fact string, e *graph.Edge, article string) (bool, error) {
	params := map[string]any{"article": article, "id": fact}
	if e != nil {
		if !graph.KindOf(e.From).Valid() || !graph.KindOf(e.To).Valid() {
			return false, nil
		}
		params["from"], params["to"], params["title"], params["key"] = e.From, e.To, e.Title, e.Key()
		return w.exists(ctx, `MATCH (:`+labels[graph.KindOf(e.From)]+` {id: $from})-[r:`+e.Type+` {title: $title}]->(:`+labels[graph.KindOf(e.To)]+` {id: $to})
			WHERE $article = '' OR EXISTS { MATCH (a:Article {id: $article}) WHERE $key IN a.edgeKeys } RETURN 1 LIMIT 1`, params)
	}
	if !graph.KindOf(fact).Valid() {
		return false, nil
	}
	return w.exists(ctx, `MATCH (n:`+labels[graph.KindOf(fact)]+` {id: $id})-[:CLAIMED_IN]->(a:Article)
		WHERE $article = '' OR a.id = $article RETURN 1 LIMIT 1`, params)
}

// HasCorrection implements graph.Holdings.
func (w *ntx) HasCorrection(ctx context.Context, seq int64) (bool, error) {
	return w.exists(ctx, `MATCH (c:Correction {seq: $seq}) RETURN 1`, map[string]any{"seq": seq})
}

// Renamed merges an entity's properties again, now that corrections give
// it other names.
func (w *ntx) Renamed(ctx context.Context, entity string, active []graph.Correction) error {
	w.active, w.read = active, true
	return w.remerge(ctx, []string{entity})
}

// Corrections lists corrections oldest first (see graph.CorrectionQuery),
// each with whether a later undo took it back.
func (s *Store) Corrections(ctx context.Context, q graph.CorrectionQuery) ([]graph.Correction, error) {
	all, err := read(ctx, s, func(r *reader) ([]graph.Correction, error) {
		recs, err := r.rows(ctx, `MATCH (c:Correction) RETURN [c] AS row ORDER BY c.seq`, nil)
		if err != nil {
			return nil, err
		}
		return correctionsOf(recs)
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: corrections: %w", err)
	}
	return q.Select(all), nil
}

func correctionsOf(recs []*neo.Record) ([]graph.Correction, error) {
	out := make([]graph.Correction, 0, len(recs))
	for _, r := range recs {
		n, ok := r.Values[0].(neo.Node)
		if !ok {
			return nil, fmt.Errorf("unexpected %T for a correction", r.Values[0])
		}
		p := n.Props
		c := graph.Correction{
			Op: graph.CorrectionOp(str(p, "op")), Target: str(p, "target"), Source: str(p, "source"), Name: str(p, "name"),
			Article: str(p, "article"), Reason: str(p, "reason"), Author: str(p, "author"),
		}
		c.Seq, _ = p["seq"].(int64)
		c.ID = fmt.Sprintf("correction:%d", c.Seq)
		c.At, _ = time.Parse(time.RFC3339Nano, str(p, "at"))
		out = append(out, c)
	}
	return out, nil
}

// ArticleFacts reads the facts articles were last applied with, text
// included, in the order of ids.
func (s *Store) ArticleFacts(ctx context.Context, ids []string) ([]*graph.Facts, error) {
	out, err := read(ctx, s, func(r *reader) ([]*graph.Facts, error) {
		recs, err := r.rows(ctx, `MATCH (a:Article) WHERE a.id IN $ids RETURN [a.facts, a.text] AS row`, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		return factsOf(recs)
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: article facts: %w", err)
	}
	for i, f := range out {
		out[i] = graph.CanonicalFacts(f)
	}
	return graph.InOrder(ids, out, func(f *graph.Facts) string { return f.Article.ID }), nil
}

// factsOf decodes records of an article's facts (graph.EncodeFacts) and text.
func factsOf(recs []*neo.Record) ([]*graph.Facts, error) {
	out := make([]*graph.Facts, 0, len(recs))
	for _, r := range recs {
		data, _ := r.Values[0].(string)
		text, _ := r.Values[1].(string)
		f, err := graph.DecodeFacts([]byte(data), text)
		if err != nil {
			return nil, fmt.Errorf("article facts: %w", err)
		}
		out = append(out, f)
	}
	return out, nil
}
