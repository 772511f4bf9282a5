package graphtest

import (
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// checkFactsHash checks graph.FactsHasher, for stores that implement it:
// FactsHash(id) is the digest of the facts the article was last applied
// with, "" for an article the store does not hold. It runs inside other
// tests, on their store, so that it costs no store of its own.
func checkFactsHash(t *testing.T, s graph.Store, id, want string) {
	t.Helper()
	h, ok := s.(graph.FactsHasher)
	if !ok {
		return
	}
	if got, err := h.FactsHash(ctx(t), id); err != nil || got != want {
		t.Errorf("FactsHash(%s) = %q, %v; want %q", id, got, err, want)
	}
}
