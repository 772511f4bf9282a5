package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sync"
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

// BenchmarkQueriesAtScale measures the analysts' questions on a store of
// 3,000 synthetic articles (twenty countries, 3,000 agreements):
// go test -run - -bench QueriesAtScale -benchtime 20x ./graph/sqlite
func BenchmarkQueriesAtScale(b *testing.B) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "scale.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for i := range 3000 {
		if err := s.Apply(ctx, graphtest.Synthetic(i)); err != nil {
			b.Fatal(err)
		}
	}
	g := graph.New(s)
	for _, q := range []struct {
		name string
		run  func() error
	}{
		{"AgreementsBetween", func() error {
			_, err := g.Agreements(ctx, graph.AgreementFilter{Between: []string{"AQ", "DQ"}}, graph.DateAsc, 50, "")
			return err
		}},
		{"Timeline", func() error {
			_, err := g.Timeline(ctx, graph.TimelineFilter{Between: []string{"AQ", "DQ"}})
			return err
		}},
		{"Search", func() error { _, err := g.Search(ctx, "Country AQ", nil, 20); return err }},
		{"Paths", func() error { _, err := g.Paths(ctx, "country:AQ", "country:DQ", 3, 5); return err }},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if err := q.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Any number of processes may open a new file at once: the migrations run
// under the write lock, each once. The test runs itself as eight
// processes that open one new file together, then imports and reads.
func TestOpenConcurrently(t *testing.T) {
	if path := os.Getenv("ALAQAT_TEST_OPEN"); path != "" {
		s, err := sqlite.Open(context.Background(), path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		defer s.Close()
		if _, err := s.Counts(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(4)
		}
		return
	}
	for round := range 3 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("new-%d.db", round))
		var wg sync.WaitGroup
		errs := make([]error, 8)
		outs := make([][]byte, 8)
		for i := range errs {
			wg.Go(func() {
				cmd := exec.Command(os.Args[0], "-test.run=^TestOpenConcurrently$")
				cmd.Env = append(os.Environ(), "ALAQAT_TEST_OPEN="+path)
				outs[i], errs[i] = cmd.CombinedOutput()
			})
		}
		// And goroutines of this process, each with its own connections.
		for range 4 {
			wg.Go(func() {
				s, err := sqlite.Open(context.Background(), path)
				if err != nil {
					t.Errorf("round %d, in process: %v", round, err)
					return
				}
				s.Close()
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("round %d, process %d: %v\n%s", round, i, err, outs[i])
			}
		}
		s := mustOpen(t, path)
		if err := s.Apply(context.Background(), graphtest.Synthetic(1)); err != nil {
			t.Errorf("round %d: import after the concurrent opens: %v", round, err)
		}
	}
}

// A new store's file has pages of sqlite.PageSize, whether Open creates it
// or finds it empty; a store made with other pages keeps them, and works.
func TestPageSize(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old := filepath.Join(dir, "old.db")
	db, err := sql.Open("sqlite", "file:"+old)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"PRAGMA page_size = 4096", "PRAGMA journal_mode = WAL", "CREATE TABLE t (x)"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		want       int
	}{
		{"new", filepath.Join(dir, "new.db"), sqlite.PageSize},
		{"empty", empty, sqlite.PageSize},
		{"older", old, 4096},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t, tc.path)
			if err := s.Apply(ctx, graphtest.Synthetic(1)); err != nil {
				t.Fatal(err)
			}
			if c, err := s.Counts(ctx); err != nil || c.Articles != 1 {
				t.Errorf("Counts = %+v, %v; want 1 article", c, err)
			}
			db, err := sql.Open("sqlite", "file:"+tc.path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var size int
			var mode string
			if err := db.QueryRowContext(ctx, "SELECT * FROM pragma_page_size(), pragma_journal_mode()").Scan(&size, &mode); err != nil {
				t.Fatal(err)
			}
			if size != tc.want || mode != "wal" {
				t.Errorf("page_size %d, journal_mode %s; want %d, wal", size, mode, tc.want)
			}
		})
	}
}
