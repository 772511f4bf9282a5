package gql

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/alaqat/alaqat/graph"
)

// Health answers GET /healthz from what a background check last saw of
// the store, so that it costs nothing and never waits for the store's
// connections, which a flood of queries may hold: 200 "ok" while the
// store answered the last check (every interval, within its own bound),
// 503 with the reason otherwise. It checks until ctx ends.
func Health(ctx context.Context, store graph.Store, interval time.Duration) http.Handler {
	h := &health{}
	check := func() {
		c, cancel := context.WithTimeout(ctx, max(interval, time.Second))
		defer cancel()
		var err error
		if v, ok := store.(graph.Versioned); ok {
			_, err = v.Generation(c) // one row, where Counts counts them all
		} else {
			_, err = store.Counts(c)
		}
		h.set(err)
	}
	check()
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				check()
			}
		}
	}()
	return h
}

type health struct {
	mu   sync.Mutex
	err  error
	seen time.Time
}

func (h *health) set(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.err, h.seen = err, time.Now()
}

func (h *health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	err, seen := h.err, h.seen
	h.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "store unavailable (checked %s ago)\n", time.Since(seen).Round(time.Second))
		return
	}
	fmt.Fprintln(w, "ok")
}
