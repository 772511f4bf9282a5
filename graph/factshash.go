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

// BatchSizer is a Store that tells how many articles one bulk write
// (ApplyAll) should hold: the size its measurements found fastest.
// Importers use it when told no size. Implementing it is optional.
type BatchSizer interface {
	BatchSize() int
}
