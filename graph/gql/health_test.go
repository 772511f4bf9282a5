package gql_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	h := gql.Health(ctx, s, 10*time.Millisecond)
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
