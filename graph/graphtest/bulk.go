package graphtest

import (
	"context"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// BulkStore is a Store that can store several articles in one call, for
// bulk loads (both backends can): the result must be that of applying them
// one after the other.
type BulkStore interface {
	graph.Store
	ApplyAll(ctx context.Context, all []*graph.Facts) error
}

// testApplyAll checks that ApplyAll, where a store has it, leaves the store
// as Apply one by one would: new articles, articles already there, an
// article named twice, and invalid facts, which change nothing.
func testApplyAll(t *testing.T, newStore func(t *testing.T) graph.Store) {
	w := world()
	all := factIDs(w...)
	one := fresh(t, newStore, w...)
	want := snapshot(t, one, all...)

	s, ok := newStore(t).(BulkStore)
	if !ok {
		t.Skip("the store has no ApplyAll")
	}
	bulk := func(what string, fs ...*graph.Facts) {
		t.Helper()
		if err := s.ApplyAll(ctx(t), fs); err != nil {
			t.Fatalf("ApplyAll(%s): %v", what, err)
		}
	}
	bulk("the world", w...)
	checkState(t, "after ApplyAll", snapshot(t, s, all...), want)
	bulk("the world again", world()...)
	checkState(t, "after ApplyAll of the same facts", snapshot(t, s, all...), want)
	bulk("an article twice", world2(), world2())
	checkState(t, "after ApplyAll of an article twice", snapshot(t, s, all...), want)

	bad := world1()
	bad.Article.ID = "article:other"
	bad.Evidence[0].Start++
	if err := s.ApplyAll(ctx(t), []*graph.Facts{world3(), bad}); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("ApplyAll(invalid facts) = %v, want EINVALID", err)
	}
	checkState(t, "after ApplyAll of invalid facts", snapshot(t, s, all...), want)
}

// testBatchedIdentity imports a generated world, where many articles tell
// of one agreement, meeting or person, in batches (ApplyAll), from one
// writer and then from three at once: the graph is the one of applying
// the articles one after the other. A batch resolves identity once for
// all its new articles; this holds it to resolving them one by one.
func testBatchedIdentity(t *testing.T, newStore func(t *testing.T) graph.Store) {
	w := newIDWorld(17, 40, 20)
	want := snapshot(t, fresh(t, newStore, w.articles...))
	order := slices.Clone(w.articles)
	rand.New(rand.NewPCG(7, 8)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for _, tc := range []struct {
		name           string
		writers, batch int
	}{
		{"one writer, batches of 7", 1, 7},
		{"three writers, batches of 5", 3, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, ok := newStore(t).(BulkStore)
			if !ok {
				t.Skip("the store has no ApplyAll")
			}
			c := ctx(t)
			var batches [][]*graph.Facts
			for i := 0; i < len(order); i += tc.batch {
				batches = append(batches, order[i:min(i+tc.batch, len(order))])
			}
			var wg sync.WaitGroup
			for k := range tc.writers {
				wg.Go(func() {
					for i := k; i < len(batches); i += tc.writers {
						if err := s.ApplyAll(c, batches[i]); err != nil {
							t.Errorf("writer %d: ApplyAll(batch %d): %v", k, i, err)
							return
						}
					}
				})
			}
			wg.Wait()
			if t.Failed() {
				return
			}
			checkState(t, "written in batches", snapshot(t, s), want)
		})
	}
}
