package gql_test

import (
	"bytes"
	"context"
	"encoding/json"
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

// slowStore is the real store, each read made slow enough that a query of
// many reads lasts seconds; it counts the reads begun.
type slowStore struct {
	graph.Store
	begun atomic.Int64
}

func (s *slowStore) wait(ctx context.Context) error {
	s.begun.Add(1)
	select {
	case <-time.After(20 * time.Millisecond):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *slowStore) FindNodes(ctx context.Context, q graph.NodeQuery) ([]*graph.Node, error) {
	if err := s.wait(ctx); err != nil {
		return nil, err
	}
	return s.Store.FindNodes(ctx, q)
}

func (s *slowStore) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	if err := s.wait(ctx); err != nil {
		return nil, err
	}
	return s.Store.Nodes(ctx, ids)
}

// A client that goes away stops the work of its request: no store read
// begins after it left (those under way end with its context).
func TestClientGoneStopsWork(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "gone.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range 10 {
		if err := s.Apply(ctx, dealFacts(i)); err != nil {
			t.Fatal(err)
		}
	}
	store := &slowStore{Store: s}
	srv := httptest.NewServer(gql.NewHandler(graph.New(store), gql.Options{}))
	t.Cleanup(srv.Close)

	// 60 searches of 6 kinds each: 360 reads, 4 at a time, 1.8 s at least.
	var q strings.Builder
	q.WriteString("{ ")
	for i := range 60 {
		q.WriteString("s" + string(rune('a'+i/26)) + string(rune('a'+i%26)) + `: search(text: "deal") { id } `)
	}
	q.WriteString("}")
	body, _ := json.Marshal(map[string]any{"query": q.String()})
	client, leave := context.WithCancel(ctx)
	req, _ := http.NewRequestWithContext(client, http.MethodPost, srv.URL, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	time.Sleep(200 * time.Millisecond)
	leave()
	if err := <-done; err == nil {
		t.Fatal("the request was answered before the client left: make the query longer")
	}
	time.Sleep(50 * time.Millisecond) // the server sees the connection close
	atLeave := store.begun.Load()
	time.Sleep(500 * time.Millisecond)
	after := store.begun.Load()
	t.Logf("store reads begun: %d when the client left, %d half a second later (of 360)", atLeave, after)
	if after != atLeave {
		t.Errorf("%d store reads began after the client left", after-atLeave)
	}
	if atLeave > 100 {
		t.Errorf("%d store reads when the client left, want a few", atLeave)
	}
}
