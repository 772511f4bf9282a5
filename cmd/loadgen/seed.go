package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/graph"
)

// seed fills a store with synthetic articles (see world) for load tests.
func seed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("loadgen seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", backend.Usage)
	articles := fs.Int("articles", 100000, "how many synthetic articles")
	from := fs.Int("from", 0, "number of the first article (to add to a store seeded before)")
	countries := fs.Int("countries", 200, "how many countries")
	seedN := fs.Uint64("seed", 1, "random seed: the same seed gives the same articles")
	batch := fs.Int("batch", 200, "articles per transaction where the store can take several (SQLite); each stays whole")
	writers := fs.Int("writers", 1, "articles written at once (Neo4j takes several; SQLite has one writer)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `loadgen seed imports synthetic articles into a store, for load tests: about
200 countries whose share of the news falls off with their rank, each with
pools of ministers, companies and cities that articles name again and again;
about half the articles carry an agreement, the others a meeting. Qatar–Germany
(QA–DE) is a hot dyad, with Barzan and Rheinmetall among their companies.
Each article is one Apply, as the loader does.

Example:
  go run ./cmd/loadgen seed --db /tmp/load.db --articles 100000

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" {
		return fmt.Errorf("seed: --db is required")
	}
	if *articles < 0 || *countries < 2 || *writers < 1 {
		return fmt.Errorf("seed: --articles must not be negative, --countries at least 2, --writers at least 1")
	}
	store, err := backend.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	w := newWorld(*countries)
	bulk, ok := store.(interface {
		ApplyAll(context.Context, []*graph.Facts) error
	})
	if !ok || *batch < 1 {
		*batch = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Generation runs ahead of the writers, in order.
	facts := make(chan []*graph.Facts, 8)
	go func() {
		defer close(facts)
		var b []*graph.Facts
		for i := *from; i < *from+*articles && ctx.Err() == nil; i++ {
			if b = append(b, w.article(*seedN, i)); len(b) == *batch {
				facts <- b
				b = nil
			}
		}
		if len(b) > 0 {
			facts <- b
		}
	}()
	var done atomic.Int64
	var firstErr error
	var once sync.Once
	start := time.Now()
	var wg sync.WaitGroup
	for range *writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range facts {
				var err error
				if len(b) > 1 {
					err = bulk.ApplyAll(ctx, b)
				} else {
					err = store.Apply(ctx, b[0])
				}
				if err != nil {
					once.Do(func() { firstErr = fmt.Errorf("seed: articles from %s: %w", b[0].Article.ID, err); cancel() })
					return
				}
				if n := done.Add(int64(len(b))); n/10000 != (n-int64(len(b)))/10000 {
					fmt.Fprintf(stderr, "seed: %d articles in %v\n", n, time.Since(start).Round(time.Second))
				}
			}
		}()
	}
	wg.Wait()
	for range facts { // drain after an error
	}
	if firstErr != nil {
		return firstErr
	}
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "seeded %d articles in %v (%.0f articles/s)\n", done.Load(), elapsed.Round(time.Millisecond), float64(done.Load())/elapsed.Seconds())
	return nil
}
