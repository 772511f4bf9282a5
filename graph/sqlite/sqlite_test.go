package sqlite_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// mustOpen opens a store on path and closes it when the test ends.
func mustOpen(tb testing.TB, path string) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store {
		return mustOpen(t, filepath.Join(t.TempDir(), "alaqat.db"))
	})
}

// TestReopen checks that data survives closing the file and that opening
// it again, which runs the migrations again, changes nothing.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "alaqat.db")
	f := graphtest.Synthetic(1)

	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(ctx, f); err != nil {
		t.Fatal(err)
	}
	before, err := s.FindNodes(ctx, graph.NodeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	for i := range 2 {
		s := mustOpen(t, path)
		after, err := s.FindNodes(ctx, graph.NodeQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(after, before) {
			t.Errorf("reopen %d: nodes differ:\n\tgot  %+v\n\twant %+v", i+1, after, before)
		}
		counts, err := s.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts.Articles != 1 || counts.Edges != len(f.Edges) || counts.Evidence != len(f.Evidence) {
			t.Errorf("reopen %d: counts %+v", i+1, counts)
		}
		// Idempotent: the same facts again change nothing.
		if err := s.Apply(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenEmptyPath(t *testing.T) {
	if _, err := sqlite.Open(context.Background(), ""); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("Open(\"\") = %v, want EINVALID", err)
	}
}

func BenchmarkApply(b *testing.B) {
	graphtest.BenchmarkApply(b, mustOpen(b, filepath.Join(b.TempDir(), "bench.db")))
}
