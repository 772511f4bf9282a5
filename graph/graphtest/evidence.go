package graphtest

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// BusyFacts writes 120 synthetic articles to s, in two batches, and returns
// the three facts with the most passages (countries), the most first: facts
// whose first passages a store can read without reading them all.
func BusyFacts(t testing.TB, s BulkStore) []string {
	t.Helper()
	first, second := SyntheticBatches(60)
	counts := map[string]int{}
	for _, batch := range [][]*graph.Facts{first, second} {
		if err := s.ApplyAll(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		for _, f := range batch {
			for _, ev := range f.Evidence {
				counts[ev.Fact]++
			}
		}
	}
	facts := slices.SortedFunc(maps.Keys(counts), func(a, b string) int { return cmp.Or(counts[b]-counts[a], strings.Compare(a, b)) })[:3]
	if counts[facts[2]] < 8 {
		t.Fatalf("the most supported facts have %d, %d and %d passages: too few to tell", counts[facts[0]], counts[facts[1]], counts[facts[2]])
	}
	return facts
}

// CheckFirstPassages asks s for the first limit passages of facts (the
// first of them named twice) and checks them against all their passages,
// cut; ask runs around that one call (to watch what it reads). It returns
// how many passages the facts have.
func CheckFirstPassages(t testing.TB, s graph.Store, facts []string, limit int, ask func(func())) int {
	t.Helper()
	ctx := context.Background()
	all, err := s.Evidence(ctx, facts, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []graph.Evidence
	ask(func() { got, err = s.Evidence(ctx, append(slices.Clone(facts), facts[0]), limit) })
	if err != nil {
		t.Fatal(err)
	}
	var want []graph.Evidence
	for i, ev := range all {
		if i < limit || all[i-limit].Fact != ev.Fact {
			want = append(want, ev)
		}
	}
	if show(got) != show(want) {
		t.Errorf("Evidence(%v, %d) =\n%v\nwant\n%v", facts, limit, show(got), show(want))
	}
	return len(all)
}
