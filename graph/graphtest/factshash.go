package graphtest

import (
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// testFactsHash checks graph.FactsHasher, for stores that implement it:
// the digest of the facts an article was last applied with, "" for an
// article the store does not hold.
func testFactsHash(t *testing.T, newStore func(t *testing.T) graph.Store) {
	s := newStore(t)
	h, ok := s.(graph.FactsHasher)
	if !ok {
		t.Skip("the store does not implement graph.FactsHasher")
	}
	c := ctx(t)
	v1, v2, _ := reimportFixture()
	id := v1.Article.ID
	check := func(what, want string) {
		t.Helper()
		if got, err := h.FactsHash(c, id); err != nil || got != want {
			t.Errorf("%s: FactsHash = %q, %v; want %q", what, got, err, want)
		}
	}
	check("before any import", "")
	apply(t, s, v1)
	check("after the first version", v1.Hash())
	apply(t, s, v2)
	check("after the second version", v2.Hash())
	if err := s.DeleteArticle(c, id); err != nil {
		t.Fatal(err)
	}
	check("after delete", "")
}
