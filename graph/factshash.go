package graph

import "context"

// FactsHasher is a Store that can tell the digest (Facts.Hash) of the facts
// an article was last applied with. Importers use it to tell an article
// imported again unchanged, which Apply skips anyway, from a new or
// changed one. Implementing it is optional.
type FactsHasher interface {
	// FactsHash returns the digest stored with the article, or "" if the
	// store holds no such article.
	FactsHash(ctx context.Context, articleID string) (string, error)
}
