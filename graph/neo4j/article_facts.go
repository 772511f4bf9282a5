package neo4j

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/alaqat/alaqat/graph"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// cypherArticleFacts reads each article with its claims, the edges it
// supports (through the nodes it claims: an edge's From is one) with the
// since it stated, at its position in r.articles, and its evidence.
var cypherArticleFacts = `UNWIND $ids AS id MATCH (a:Article {id: id})
	RETURN a,
	  COLLECT { MATCH (n)-[c:CLAIMED_IN]->(a) RETURN c.data } AS claims,
	  COLLECT { MATCH (a)<-[:CLAIMED_IN]-(f)-[r:` + edgeTypes(nil) + `]->(t) WHERE a.id IN r.articles
	    RETURN [type(r), f.id, t.id, coalesce(r.title, ''),
	      coalesce([i IN range(0, size(r.articles) - 1) WHERE r.articles[i] = a.id | r.sinces[i]][0], '')] } AS edges,
	  COLLECT { MATCH ()-[s:SUPPORTED_BY]->(a) RETURN [s.fact, s.quote, s.start, s.` + "`end`" + `] } AS evidence`

// ArticleFacts reads back what each article claimed, in one read
// transaction (see read), so that a writer never splits an article.
func (s *Store) ArticleFacts(ctx context.Context, ids []string) ([]*graph.Facts, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	found, err := read(ctx, s, func(tx neo.ManagedTransaction) ([]*graph.Facts, error) {
		recs, err := run(ctx, tx, cypherArticleFacts, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		out := make([]*graph.Facts, 0, len(recs))
		for _, r := range recs {
			f, err := factsOf(r)
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: article facts: %w", err)
	}
	out := graph.InOrder(ids, found, func(f *graph.Facts) string { return f.Article.ID })
	for i, f := range out {
		// Ordered in Go, as Go compares strings, so that both stores agree.
		out[i] = graph.CanonicalFacts(f)
	}
	return out, nil
}

// factsOf reads one record of cypherArticleFacts.
func factsOf(r *neo.Record) (*graph.Facts, error) {
	n, ok := r.Values[0].(neo.Node)
	if !ok {
		return nil, fmt.Errorf("unexpected %T for an article", r.Values[0])
	}
	a, err := articleOf(n.Props)
	if err != nil {
		return nil, err
	}
	f := &graph.Facts{Article: *a}
	claims, _ := r.Values[1].([]any)
	for _, c := range claims {
		data, _ := c.(string)
		var node graph.Node
		if err := json.Unmarshal([]byte(data), &node); err != nil {
			return nil, fmt.Errorf("article %s: claim: %w", a.ID, err)
		}
		f.Nodes = append(f.Nodes, node)
	}
	edges, _ := r.Values[2].([]any)
	for _, v := range edges {
		row, _ := v.([]any)
		if len(row) != 5 {
			return nil, fmt.Errorf("article %s: malformed edge", a.ID)
		}
		e := graph.Edge{}
		e.Type, _ = row[0].(string)
		e.From, _ = row[1].(string)
		e.To, _ = row[2].(string)
		e.Title, _ = row[3].(string)
		if since, _ := row[4].(string); since != "" {
			if e.Since, err = graph.ParsePartialDate(since); err != nil {
				return nil, fmt.Errorf("article %s: edge %s: %w", a.ID, e.Key(), err)
			}
		}
		f.Edges = append(f.Edges, e)
	}
	evidence, _ := r.Values[3].([]any)
	for _, v := range evidence {
		row, _ := v.([]any)
		if len(row) != 4 {
			return nil, fmt.Errorf("article %s: malformed evidence", a.ID)
		}
		ev := graph.Evidence{ArticleID: a.ID}
		ev.Fact, _ = row[0].(string)
		ev.Quote, _ = row[1].(string)
		ev.Start, ev.End = integer(row[2]), integer(row[3])
		f.Evidence = append(f.Evidence, ev)
	}
	return f, nil
}
