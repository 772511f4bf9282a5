package transfer

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// failing is a real store that goes away at its write number failAt:
// that write commits (commits) or not, and fails with EUNAVAILABLE, and
// so does every later call, reads too unless answers is set (the store
// came back for the Writer's question).
type failing struct {
	*sqlite.Store
	writes, failAt int
	commits        bool
	unknown        bool // the error says the commit's fate is unknown
	answers        bool
	down           bool
}

func (s *failing) gone() error {
	err := &graph.Error{Code: graph.EUNAVAILABLE, Message: "server gone"}
	if s.unknown {
		return fmt.Errorf("%w: %w", err, graph.ErrCommitUnknown)
	}
	return err
}

func (s *failing) ApplyAll(ctx context.Context, all []*graph.Facts) error {
	if s.down {
		return s.gone()
	}
	if s.writes++; s.writes < s.failAt {
		return s.Store.ApplyAll(ctx, all)
	}
	s.down = true
	if s.commits {
		if err := s.Store.ApplyAll(ctx, all); err != nil {
			return err
		}
	}
	return s.gone()
}

func (s *failing) Apply(ctx context.Context, f *graph.Facts) error {
	return s.ApplyAll(ctx, []*graph.Facts{f})
}

func (s *failing) FactsHashes(ctx context.Context, ids []string) (map[string]string, error) {
	if s.down && !s.answers {
		return nil, s.gone()
	}
	return s.Store.FactsHashes(ctx, ids)
}

// TestWriterWhenTheStoreGoesAway writes 12 articles in batches of 4 to a
// store that goes away at the second batch: the first batch is reported
// stored; the second as stored if its commit went through and the store
// can tell, as perhaps not stored if it cannot tell, else as not stored;
// the third, never sent, as not stored.
func TestWriterWhenTheStoreGoesAway(t *testing.T) {
	for _, tc := range []struct {
		name                     string
		commits, unknown, answer bool
		stored, perhaps          int
	}{
		{"the batch did not commit", false, false, false, 4, 0},
		{"the batch did not commit, the store answers again", false, false, true, 4, 0},
		{"the batch committed, the store answers again", true, true, true, 8, 0},
		{"the batch committed, the store cannot tell", true, true, false, 4, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inner, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "x.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer inner.Close()
			s := &failing{Store: inner, failAt: 2, commits: tc.commits, unknown: tc.unknown, answers: tc.answer}
			var stored, perhaps, notStored int
			w := NewWriter(s, 4, func(o Outcome) {
				switch {
				case o.Err == nil:
					stored++
				case strings.HasPrefix(o.Err.Error(), "perhaps not stored"):
					perhaps++
				case strings.HasPrefix(o.Err.Error(), "not stored"):
					notStored++
				default:
					t.Errorf("%s: %v", o.ID, o.Err)
				}
			})
			for i := range 12 {
				if err := w.Add(t.Context(), graphtest.Synthetic(i)); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Flush(t.Context()); err != nil {
				t.Fatal(err)
			}
			if stored != tc.stored || perhaps != tc.perhaps || notStored != 12-tc.stored-tc.perhaps {
				t.Errorf("%d stored, %d perhaps, %d not stored; want %d, %d, %d", stored, perhaps, notStored, tc.stored, tc.perhaps, 12-tc.stored-tc.perhaps)
			}
			if w.Unavailable() == nil {
				t.Errorf("Unavailable() = nil after the store went away")
			}
			c, err := inner.Counts(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if held := map[bool]int{false: 4, true: 8}[tc.commits]; c.Articles != held {
				t.Errorf("the store holds %d articles, want %d", c.Articles, held)
			}
		})
	}
}

// gated is a real store whose batch writes wait to be let through, and
// which counts how many it holds at once.
type gated struct {
	*sqlite.Store
	entered      chan int      // a batch's size, as its write starts
	release      chan struct{} // lets one write through
	holding, max atomic.Int32
}

func (s *gated) ApplyAll(ctx context.Context, all []*graph.Facts) error {
	n := s.holding.Add(1)
	defer s.holding.Add(-1)
	if n > s.max.Load() {
		s.max.Store(n)
	}
	s.entered <- len(all)
	<-s.release
	return s.Store.ApplyAll(ctx, all)
}

// TestWriterOverlaps holds the Writer's first batch in the store and
// adds the next batch meanwhile: adding must not wait for the store
// (reading overlaps writing), the outcomes come on the caller's goroutine
// in order, and one batch is written at a time.
func TestWriterOverlaps(t *testing.T) {
	inner, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer inner.Close()
	s := &gated{Store: inner, entered: make(chan int, 4), release: make(chan struct{})}
	var got []string
	w := NewWriter(s, 3, func(o Outcome) {
		if o.Err != nil {
			t.Errorf("%s: %v", o.ID, o.Err)
		}
		got = append(got, o.ID)
	})
	added := make(chan error)
	go func() {
		for i := range 5 { // the first batch, and two of the second
			if err := w.Add(t.Context(), graphtest.Synthetic(i)); err != nil {
				added <- err
				return
			}
		}
		added <- nil
	}()
	if n := <-s.entered; n != 3 {
		t.Fatalf("the first write has %d articles, want 3", n)
	}
	select {
	case err := <-added:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Add waited for the store's write of the batch before")
	}
	if len(got) != 0 {
		t.Errorf("outcomes %v before the first batch was written", got)
	}
	go func() { // let both batches through
		s.release <- struct{}{}
		<-s.entered
		s.release <- struct{}{}
	}()
	if err := w.Add(t.Context(), graphtest.Synthetic(5)); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 6 {
		want = append(want, graphtest.Synthetic(i).Article.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("outcomes for\n%v\nwant\n%v", got, want)
	}
	if m := s.max.Load(); m != 1 {
		t.Errorf("%d batches written at once, want 1", m)
	}
	if c, err := inner.Counts(t.Context()); err != nil || c.Articles != 6 {
		t.Errorf("the store holds %d articles (%v), want 6", c.Articles, err)
	}
}
