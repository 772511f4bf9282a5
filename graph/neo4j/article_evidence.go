package neo4j

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/alaqat/alaqat/graph"
)

// ArticleEvidence reads every passage of these articles that supports a
// fact.
func (s *Store) ArticleEvidence(ctx context.Context, articles []string) ([]graph.Evidence, error) {
	if len(articles) == 0 {
		return nil, nil
	}
	const cypher = "MATCH ()-[s:SUPPORTED_BY]->(a:Article) WHERE a.id IN $ids RETURN [s.fact, a.id, s.quote, s.start, s.`end`] AS row"
	out, err := s.readEvidence(ctx, cypher, map[string]any{"ids": articles})
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
