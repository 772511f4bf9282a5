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

// ArticleEvidence reads every passage of these articles that supports a
// fact.
func (s *Store) ArticleEvidence(ctx context.Context, articles []string) ([]graph.Evidence, error) {
	if len(articles) == 0 {
		return nil, nil
	}
	const cypher = "MATCH ()-[s:SUPPORTED_BY]->(a:Article) WHERE a.id IN $ids RETURN s.fact, a.id, s.quote, s.start, s.`end`"
	out, err := read(ctx, s, func(tx neo.ManagedTransaction) ([]graph.Evidence, error) {
		recs, err := run(ctx, tx, cypher, map[string]any{"ids": articles})
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
	if err != nil {
		return nil, fmt.Errorf("neo4j: article evidence: %w", err)
	}
	// Ordered here, as Go compares strings, so that both stores agree.
	slices.SortFunc(out, func(a, b graph.Evidence) int {
		return cmp.Or(strings.Compare(a.ArticleID, b.ArticleID), strings.Compare(a.Fact, b.Fact),
			cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	return out, nil
}
