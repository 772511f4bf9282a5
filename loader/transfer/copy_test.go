package transfer

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// refusing is a real store that refuses to write one article, as a store
// may refuse what it cannot hold: the copy writes the others.
type refusing struct {
	*sqlite.Store
	bad string
}

var errRefused = errors.New("refused")

func (r refusing) Apply(ctx context.Context, f *graph.Facts) error {
	if f.Article.ID == r.bad {
		return errRefused
	}
	return r.Store.Apply(ctx, f)
}

func (r refusing) ApplyAll(ctx context.Context, all []*graph.Facts) error {
	for _, f := range all {
		if f.Article.ID == r.bad {
			return errRefused
		}
	}
	return r.Store.ApplyAll(ctx, all)
}

func open(t *testing.T, name string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestCopyFailure: an article the destination refuses costs only itself,
// in a batch written at once or one by one, and a second copy writes only
// what is missing.
func TestCopyFailure(t *testing.T) {
	ctx := context.Background()
	src := open(t, "src.db")
	for i := range 7 {
		if err := src.Apply(ctx, graphtest.Synthetic(i)); err != nil {
			t.Fatal(err)
		}
	}
	bad := graphtest.Synthetic(3).Article.ID
	for _, batch := range []int{1, 3, 500} {
		dst := refusing{open(t, "dst.db"), bad}
		var progress []string
		rep, err := Copy(ctx, src, dst, CopyOptions{Batch: batch, Progress: func(p CopyProgress) { progress = append(progress, p.ID) }})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Copied != 6 || len(rep.Failures) != 1 || rep.Failures[0].ID != bad || !errors.Is(rep.Failures[0].Err, errRefused) {
			t.Errorf("batch %d: %d copied, failures %+v; want 6 and %s refused", batch, rep.Copied, rep.Failures, bad)
		}
		if len(progress) != 7 || rep.To.Articles != 6 {
			t.Errorf("batch %d: progress for %d articles, destination holds %d; want 7 and 6", batch, len(progress), rep.To.Articles)
		}
		dst.bad = ""
		rep, err = Copy(ctx, src, dst, CopyOptions{Batch: batch})
		if err != nil || rep.Copied != 1 || rep.Unchanged != 6 || rep.To.Articles != 7 {
			t.Errorf("batch %d, copied again: %+v, %v; want 1 copied, 6 unchanged", batch, rep, err)
		}
	}
}
