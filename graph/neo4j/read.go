package neo4j

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/alaqat/alaqat/graph"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// nodesOf reads the node in column 0 of each record: a projection (see
// node) or a whole node.
func nodesOf(recs []*neo.Record) ([]*graph.Node, error) {
	out := make([]*graph.Node, 0, len(recs))
	for _, r := range recs {
		var props map[string]any
		switch v := r.Values[0].(type) {
		case map[string]any:
			props = v
		case neo.Node:
			props = v.Props
		case nil:
			// Deleted by a write that committed after the index found it
			// and before its properties were read: that write moved the
			// marks, and read tries again (TestConformance's
			// ConcurrentReaders saw it once in several runs).
			continue
		default:
			return nil, fmt.Errorf("unexpected %T for a node", r.Values[0])
		}
		node, err := nodeOf(props)
		if err != nil {
			return nil, err
		}
		out = append(out, node)
	}
	return out, nil
}

// Nodes returns the nodes with these ids, in the order of ids.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	params := map[string]any{}
	lookup, ok := byLabel(ids, params)
	if !ok {
		return nil, nil
	}
	found, err := read(ctx, s, func(r *reader) ([]*graph.Node, error) {
		recs, err := r.rows(ctx, lookup+" RETURN ["+node("n")+"] AS row", params)
		if err != nil {
			return nil, err
		}
		return nodesOf(recs)
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: nodes: %w", err)
	}
	return graph.InOrder(ids, found, func(n *graph.Node) string { return n.ID }), nil
}

// FindNodes returns the nodes of the kinds with a folded name containing
// the folded text, ordered by id.
func (s *Store) FindNodes(ctx context.Context, q graph.NodeQuery) ([]*graph.Node, error) {
	var ls []string
	for _, k := range graph.Kinds {
		if len(q.Kinds) == 0 || slices.Contains(q.Kinds, k) {
			ls = append(ls, labels[k])
		}
	}
	if len(ls) == 0 {
		return nil, nil
	}
	// A substring of folded names, as SQLite's LIKE '%text%': the full-text
	// indexes tokenize and stem, which would answer differently.
	cypher := "MATCH (n:" + strings.Join(ls, "|") + ") WHERE $text = '' OR any(x IN n.folded WHERE x CONTAINS $text) RETURN [" + node("n") + "] AS row"
	nodes, err := read(ctx, s, func(r *reader) ([]*graph.Node, error) {
		recs, err := r.rows(ctx, cypher, map[string]any{"text": graph.Fold(q.Text)})
		if err != nil {
			return nil, err
		}
		return nodesOf(recs)
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: find nodes: %w", err)
	}
	slices.SortFunc(nodes, func(a, b *graph.Node) int { return strings.Compare(a.ID, b.ID) })
	if q.Limit > 0 && len(nodes) > q.Limit {
		nodes = nodes[:q.Limit]
	}
	return nodes, nil
}

// Edges returns the edges of the types between the nodes, ordered by type,
// From, To and Title.
func (s *Store) Edges(ctx context.Context, q graph.EdgeQuery) ([]graph.Edge, error) {
	match, params, ok := matchEdges(q)
	if !ok {
		return nil, nil
	}
	edges, err := read(ctx, s, func(r *reader) ([]graph.Edge, error) {
		recs, err := r.rows(ctx, match+" RETURN [type(r), f.id, t.id, r.title, r.since] AS row", params)
		if err != nil {
			return nil, err
		}
		return edgesOf(recs)
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: edges: %w", err)
	}
	slices.SortFunc(edges, graph.CompareEdges)
	return edges, nil
}

// EdgesWithEnds reads the edges as Edges does and the nodes at their open
// ends in the same statement.
func (s *Store) EdgesWithEnds(ctx context.Context, q graph.EdgeQuery) ([]graph.Edge, []*graph.Node, error) {
	match, params, ok := matchEdges(q)
	if !ok {
		return nil, nil, nil
	}
	end := "f"
	if len(q.From) > 0 {
		end = "t"
	}
	cypher := match + " WITH collect([type(r), f.id, t.id, r.title, r.since]) AS rows, collect(DISTINCT " + node(end) + ") AS ends RETURN [rows, ends] AS row"
	var ends []*graph.Node
	edges, err := read(ctx, s, func(r *reader) ([]graph.Edge, error) {
		recs, err := r.rows(ctx, cypher, params)
		if err != nil || len(recs) == 0 {
			return nil, err
		}
		list, _ := recs[0].Values[0].([]any)
		nodes, _ := recs[0].Values[1].([]any)
		if ends, err = nodesOf(columns(nodes)); err != nil {
			return nil, err
		}
		return edgesOf(records(list))
	})
	if err != nil {
		return nil, nil, fmt.Errorf("neo4j: edges with ends: %w", err)
	}
	slices.SortFunc(edges, graph.CompareEdges)
	return edges, ends, nil
}

// matchEdges is the MATCH of Edges' statement, binding f, r and t, with
// its parameters; false when the query can match nothing.
func matchEdges(q graph.EdgeQuery) (string, map[string]any, bool) {
	types := edgeTypes(q.Types)
	if types == "" {
		return "", nil, false
	}
	// Start from the side that names nodes, through its labels' indexes.
	params := map[string]any{"to": q.To}
	if len(q.To) == 0 {
		params["to"] = nil
	}
	switch {
	case len(q.From) > 0:
		lookup, ok := byLabel(q.From, params)
		return lookup + " WITH n AS f MATCH (f)-[r:" + types + "]->(t) WHERE $to IS NULL OR t.id IN $to", params, ok
	case len(q.To) > 0:
		lookup, ok := byLabel(q.To, params)
		return lookup + " WITH n AS t MATCH (f)-[r:" + types + "]->(t)", params, ok
	default:
		return "MATCH (f)-[r:" + types + "]->(t)", params, true
	}
}

// Evidence returns the evidence for the facts, ordered by fact, article id,
// Start and End, at most limit per fact. Each passage knows its article's
// id (article), and the index on (fact, article) gives a fact's passages in
// that order: a limit reads that many, not a country's thousands.
func (s *Store) Evidence(ctx context.Context, facts []string, limit int) ([]graph.Evidence, error) {
	if len(facts) == 0 {
		return nil, nil
	}
	cypher := "MATCH ()-[s:SUPPORTED_BY]->() WHERE s.fact IN $ids AND s.article IS NOT NULL RETURN [s.fact, s.article, s.quote, s.start, s.`end`] AS row"
	params := map[string]any{"ids": facts}
	if limit > 0 {
		cypher = cypherEvidenceFirst
		params = map[string]any{"ids": slices.Compact(slices.Sorted(slices.Values(facts))), "limit": limit}
	}
	evidence, err := s.readEvidence(ctx, cypher, params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: evidence: %w", err)
	}
	slices.SortFunc(evidence, func(a, b graph.Evidence) int {
		return cmp.Or(strings.Compare(a.Fact, b.Fact), strings.Compare(a.ArticleID, b.ArticleID),
			cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	return evidence, nil
}

// cypherEvidenceFirst reads each fact's first $limit passages, by article
// id, start and end, in the order of the index on (fact, article): the
// seek reads past $limit only within the last article kept (PartialTop).
const cypherEvidenceFirst = `UNWIND $ids AS id
	CALL (id) {
		MATCH ()-[s:SUPPORTED_BY]->() WHERE s.fact = id AND s.article IS NOT NULL
		WITH s ORDER BY s.fact, s.article, s.start, s.` + "`end`" + ` LIMIT $limit
		RETURN [id, s.article, s.quote, s.start, s.` + "`end`" + `] AS row
	}
	RETURN row`

// Articles returns the articles with these ids, in the order of ids.
func (s *Store) Articles(ctx context.Context, ids []string) ([]*graph.Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	found, err := s.articles(ctx, "MATCH (a:Article) WHERE a.id IN $ids RETURN ["+articleFields+"] AS row", map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return graph.InOrder(ids, found, func(a *graph.Article) string { return a.ID }), nil
}

// ListArticles returns up to limit articles whose id is greater than
// after, ordered by id.
func (s *Store) ListArticles(ctx context.Context, after string, limit int) ([]*graph.Article, error) {
	if limit <= 0 {
		return nil, nil
	}
	// Article ids are "article:" and hex digits, which Cypher orders as Go does.
	out, err := s.articles(ctx, "MATCH (a:Article) WHERE a.id > $after RETURN ["+articleFields+"] AS row ORDER BY a.id LIMIT $limit",
		map[string]any{"after": after, "limit": limit})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b *graph.Article) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

func (s *Store) articles(ctx context.Context, cypher string, params map[string]any) ([]*graph.Article, error) {
	out, err := read(ctx, s, func(r *reader) ([]*graph.Article, error) {
		recs, err := r.rows(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		out := make([]*graph.Article, 0, len(recs))
		for _, r := range recs {
			props, ok := r.Values[0].(map[string]any)
			if !ok {
				return nil, fmt.Errorf("unexpected %T for an article", r.Values[0])
			}
			a, err := articleOf(props)
			if err != nil {
				return nil, err
			}
			out = append(out, a)
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: articles: %w", err)
	}
	return out, nil
}

// Counts counts articles, nodes by kind, edges and evidence, from the
// server's count store.
func (s *Store) Counts(ctx context.Context) (graph.Counts, error) {
	parts := []string{"MATCH (n:Article) RETURN ['Article', count(n)] AS row"}
	for _, k := range graph.Kinds {
		parts = append(parts, fmt.Sprintf("MATCH (n:%s) RETURN ['%s', count(n)] AS row", labels[k], k))
	}
	for _, t := range append(slices.Clone(graph.EdgeTypes), "SUPPORTED_BY") {
		parts = append(parts, fmt.Sprintf("MATCH ()-[r:%s]->() RETURN ['%s', count(r)] AS row", t, t))
	}
	c := graph.Counts{Nodes: map[graph.Kind]int{}}
	recs, err := read(ctx, s, func(r *reader) ([]*neo.Record, error) {
		return r.rows(ctx, strings.Join(parts, " UNION ALL "), nil)
	})
	if err != nil {
		return c, fmt.Errorf("neo4j: counts: %w", err)
	}
	for _, r := range recs {
		k, _ := r.Values[0].(string)
		n := integer(r.Values[1])
		switch {
		case k == "Article":
			c.Articles = n
		case k == "SUPPORTED_BY":
			c.Evidence = n
		case graph.Kind(k).Valid():
			if n > 0 {
				c.Nodes[graph.Kind(k)] = n
			}
		default:
			c.Edges += n
		}
	}
	return c, nil
}

// readEvidence runs a query of SUPPORTED_BY relationships, returning
// fact, article id, quote, start and end.
func (s *Store) readEvidence(ctx context.Context, cypher string, params map[string]any) ([]graph.Evidence, error) {
	return read(ctx, s, func(r *reader) ([]graph.Evidence, error) {
		recs, err := r.rows(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		out := make([]graph.Evidence, len(recs))
		for i, r := range recs {
			out[i].Fact, _ = r.Values[0].(string)
			out[i].ArticleID, _ = r.Values[1].(string)
			out[i].Quote, _ = r.Values[2].(string)
			out[i].Start, out[i].End = integer(r.Values[3]), integer(r.Values[4])
		}
		return out, nil
	})
}

// edgesOf reads the edge of each record (see edgeOf).
func edgesOf(recs []*neo.Record) ([]graph.Edge, error) {
	out := make([]graph.Edge, 0, len(recs))
	for _, r := range recs {
		e, err := edgeOf(r.Values)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// edgeOf reads an edge from the values type, from id, to id, title and
// since.
func edgeOf(v []any) (graph.Edge, error) {
	e := graph.Edge{}
	e.Type, _ = v[0].(string)
	e.From, _ = v[1].(string)
	e.To, _ = v[2].(string)
	e.Title, _ = v[3].(string)
	if since, _ := v[4].(string); since != "" {
		var err error
		if e.Since, err = graph.ParsePartialDate(since); err != nil {
			return e, fmt.Errorf("edge %s: %w", e.Key(), err)
		}
	}
	return e, nil
}
