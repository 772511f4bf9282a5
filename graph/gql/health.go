package gql

import (
	"context"
	"errors"
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
// 503 with the reason otherwise. It checks until ctx ends; stopped waits
// for that, a check in flight included, so that the store is closed only
// after it (a check still returning its connection to the Neo4j driver's
// pool as the driver closed raced with it).
func Health(ctx context.Context, store graph.Store, interval time.Duration) (h http.Handler, stopped func()) {
	hl := &health{}
	check := func() {
		c, cancel := context.WithTimeout(ctx, max(interval, time.Second))
		defer cancel()
		var err error
		if v, ok := store.(graph.Versioned); ok {
			_, err = v.Generation(c) // one row, where Counts counts them all
		} else {
			_, err = store.Counts(c)
		}
		hl.set(err)
	}
	check()
	done := make(chan struct{})
	go func() {
		defer close(done)
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
	return hl, func() { <-done }
}

type health struct {
	mu   sync.Mutex
	err  error
	seen time.Time // when the store last answered
}

// busyFor is how long a store whose connections are all taken (a check
// that timed out waiting) still counts as up: a flood of queries is not
// an outage, a store that answers nothing for this long is.
const busyFor = 30 * time.Second

func (h *health) set(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case err == nil:
		h.err, h.seen = nil, time.Now()
	case errors.Is(err, context.DeadlineExceeded) && time.Since(h.seen) < busyFor:
	default:
		h.err = err
	}
}

func (h *health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	err, seen := h.err, h.seen
	h.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		if seen.IsZero() {
			fmt.Fprintln(w, "store unavailable")
		} else {
			fmt.Fprintf(w, "store unavailable (last answered %s ago)\n", time.Since(seen).Round(time.Second))
		}
		return
	}
	fmt.Fprintln(w, "ok")
}
