package graphtest

import (
	"context"
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
