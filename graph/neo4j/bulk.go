package neo4j

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/alaqat/alaqat/graph"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The statements of a bulk write: those of one article's, each taking its
// rows from every article at once, the article named by row.article.
var (
	cypherExisting = `UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN count(a) AS n`

	cypherArticles = `UNWIND $rows AS row MERGE (a:Article {id: row.id}) SET a = row.props`

	cypherClaimsAll = `UNWIND $rows AS row MATCH (a:Article {id: row.article}) ` +
		perLabel("CREATE (n)-[:CLAIMED_IN {data: row.data}]->(a)")

	cypherEdgesAll = strings.ReplaceAll(cypherEdges, "$article", "row.article")

	cypherEvidenceAll = `UNWIND $rows AS row MATCH (a:Article {id: row.article}) ` + entity("row.owner", "n") +
		` CREATE (n)-[:SUPPORTED_BY {fact: row.fact, quote: row.quote, start: row.start, ` + "`end`" + `: row.end}]->(a)`
)

// errExisting says that an article of a bulk write is in the graph already.
var errExisting = errors.New("an article is in the graph already")

// ApplyAll stores several articles' facts as Apply would one after the
// other. Articles new to the graph go in one transaction, each kind of row
// of all of them as one statement, and the nodes they touch are merged
// again once, not once per article: bulk loads of thousands of articles
// naming the same countries need that. Each article stays whole. If one of
// them is in the graph already, or named twice, every article goes through
// Apply instead.
func (s *Store) ApplyAll(ctx context.Context, all []*graph.Facts) error {
	ws := make([]*write, 0, len(all))
	seen := map[string]bool{}
	for _, f := range all {
		if err := f.Validate(); err != nil {
			return fmt.Errorf("neo4j: apply %s: %w", f.Article.ID, err)
		}
		w, err := newWrite(f)
		if err != nil {
			return fmt.Errorf("neo4j: apply %s: %w", f.Article.ID, err)
		}
		if seen[w.article] {
			ws = nil
			break
		}
		seen[w.article] = true
		ws = append(ws, w)
	}
	if len(ws) > 0 {
		err := s.inWrite(ctx, func(ctx context.Context, tx neo.ManagedTransaction) error { return writeNew(ctx, tx, ws) })
		if !errors.Is(err, errExisting) {
			if err != nil {
				return fmt.Errorf("neo4j: apply %d articles from %s: %w", len(ws), ws[0].article, err)
			}
			return nil
		}
	}
	for _, f := range all {
		if err := s.Apply(ctx, f); err != nil {
			return err
		}
	}
	return nil
}

// writeNew writes articles none of which is in the graph yet.
func writeNew(ctx context.Context, tx neo.ManagedTransaction, ws []*write) error {
	ids := make([]string, len(ws))
	var touched []string
	var articles, claims, edges, evidence []map[string]any
	for i, w := range ws {
		ids[i] = w.article
		touched = append(touched, w.nodes...)
		articles = append(articles, map[string]any{"id": w.article, "props": w.props})
		for _, rows := range []struct {
			in  []map[string]any
			out *[]map[string]any
		}{{w.claims, &claims}, {w.edges, &edges}, {w.evidence, &evidence}} {
			for _, r := range rows.in {
				r["article"] = w.article
				*rows.out = append(*rows.out, r)
			}
		}
	}
	recs, err := run(ctx, tx, cypherExisting, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	if n, _ := recs[0].Values[0].(int64); n > 0 {
		return errExisting
	}
	slices.Sort(touched)
	touched = slices.Compact(touched)
	for _, st := range []struct {
		cypher string
		params map[string]any
	}{
		{cypherLock, map[string]any{"ids": touched}},
		{cypherArticles, map[string]any{"rows": articles}},
		{cypherClaimsAll, map[string]any{"rows": claims}},
		{cypherEdgesAll, map[string]any{"rows": edges}},
		{cypherEvidenceAll, map[string]any{"rows": evidence}},
	} {
		if rows, ok := st.params["rows"].([]map[string]any); ok && len(rows) == 0 {
			continue
		}
		if _, err := run(ctx, tx, st.cypher, st.params); err != nil {
			return err
		}
	}
	return remerge(ctx, tx, touched)
}
