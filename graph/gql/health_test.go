package gql_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/gql"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// /healthz says ok while the store answers and 503 once it does not,
// from a check in the background: answering it reads nothing.
func TestHealth(t *testing.T) {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "health.db"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h, _ := gql.Health(ctx, s, 10*time.Millisecond)
	get := func() (int, string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
		return rec.Code, rec.Body.String()
	}
	if code, body := get(); code != 200 || body != "ok\n" {
		t.Errorf("store open: %d %q", code, body)
	}
	s.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		code, body := get()
		if code == http.StatusServiceUnavailable && strings.Contains(body, "store unavailable") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("store closed: still %d %q", code, body)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// slowCounts is a store whose checks take a while, and which counts the
// checks running.
type slowCounts struct {
	graph.Store
	running, started atomic.Int64
}

func (s *slowCounts) Counts(ctx context.Context) (graph.Counts, error) {
	s.started.Add(1)
	s.running.Add(1)
	defer s.running.Add(-1)
	time.Sleep(20 * time.Millisecond) // not cut short by ctx: a check finishing its work
	return s.Store.Counts(ctx)
}

// Once its context ends, the health check stops, and stopped returns only
// when no check runs any more: the server closes the store after it.
func TestHealthStops(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "health.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &slowCounts{Store: plainStore{db}}
	ctx, cancel := context.WithCancel(context.Background())
	_, stopped := gql.Health(ctx, s, time.Millisecond)
	for s.started.Load() < 3 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	stopped()
	if n := s.running.Load(); n != 0 {
		t.Errorf("%d checks still running after stopped returned", n)
	}
	after := s.started.Load()
	time.Sleep(50 * time.Millisecond)
	if n := s.started.Load(); n != after {
		t.Errorf("%d checks started after stopped returned", n-after)
	}
}

// plainStore hides every interface of a store but graph.Store.
type plainStore struct{ graph.Store }
