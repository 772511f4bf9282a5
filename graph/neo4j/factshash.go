package neo4j

import (
	"context"

	"github.com/alaqat/alaqat/graph"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// FactsHash returns the digest of the facts the article was last applied
// with, or "" if the store holds no such article (graph.FactsHasher).
func (s *Store) FactsHash(ctx context.Context, articleID string) (string, error) {
	res, err := neo.ExecuteQuery(ctx, s.driver, `MATCH (a:Article {id: $id}) RETURN a.factsHash AS h`, map[string]any{"id": articleID},
		neo.EagerResultTransformer, s.queryOptions()...)
	if err != nil || len(res.Records) == 0 {
		return "", err
	}
	h, _ := res.Records[0].Values[0].(string)
	return h, nil
}

var _ graph.FactsHasher = (*Store)(nil)
