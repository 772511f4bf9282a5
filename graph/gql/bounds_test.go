package gql_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/gql"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// dealStore is a real store of n synthetic deals.
func dealStore(t testing.TB, n int) graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "deals.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range n {
		if err := s.Apply(ctx, dealFacts(i)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func ask(h http.Handler, q string) (int, map[string]any) {
	body, _ := json.Marshal(map[string]any{"query": q})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

func errorCodes(answer map[string]any) []string {
	var codes []string
	errs, _ := answer["errors"].([]any)
	for _, e := range errs {
		ext, _ := e.(map[string]any)["extensions"].(map[string]any)
		c, _ := ext["code"].(string)
		codes = append(codes, c)
	}
	return codes
}

// What a request reads from the store and writes back is bounded while it
// runs: over either bound it ends with one error and no data.
func TestBudgets(t *testing.T) {
	g := graph.New(dealStore(t, 60))
	const q = `{ a: agreements(filter: {between: ["QA"]}, first: 60) { edges { node { id parties { id } evidence(first: 2) { quote article { title } } } } }
		b: meetings(filter: {between: ["DE"]}, first: 60) { edges { node { id participants { id } } } } }`
	for _, tc := range []struct {
		name string
		opt  gql.Options
		code string
	}{
		{"within", gql.Options{}, ""},
		{"rows", gql.Options{RowBudget: 100}, "BUDGET_EXCEEDED"},
		{"bytes", gql.Options{ByteBudget: 4 << 10}, "BUDGET_EXCEEDED"},
		{"answer", gql.Options{MaxResponseBytes: 8 << 10}, "RESPONSE_TOO_LARGE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, got := ask(gql.NewHandler(g, tc.opt), q)
			codes := errorCodes(got)
			switch {
			case tc.code == "" && (status != 200 || len(codes) > 0 || got["data"] == nil):
				t.Errorf("%d %v, want an answer", status, codes)
			case tc.code != "" && (len(codes) != 1 || codes[0] != tc.code || got["data"] != nil):
				t.Errorf("%d %v data %v, want one error %s and no data", status, codes, got["data"] != nil, tc.code)
			}
		})
	}
}

// gatedStore holds every search until the gate opens.
type gatedStore struct {
	graph.Store
	gate chan struct{}
}

func (s *gatedStore) FindNodes(ctx context.Context, q graph.NodeQuery) ([]*graph.Node, error) {
	select {
	case <-s.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return s.Store.FindNodes(ctx, q)
}

// A request that finds the server answering as many as it allows is
// answered 503 at once, with Retry-After; those let in are answered.
func TestConcurrencyBound(t *testing.T) {
	store := &gatedStore{Store: dealStore(t, 5), gate: make(chan struct{})}
	h := gql.NewHandler(graph.New(store), gql.Options{MaxConcurrent: 2})
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	refused := make(chan struct{}, 6)
	for range 6 {
		wg.Go(func() {
			body, _ := json.Marshal(map[string]any{"query": `{ search(text: "deal") { id } }`})
			req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code == 503 {
				if rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), `"busy"`) {
					t.Errorf("503 without Retry-After or code busy: %v %s", rec.Header(), rec.Body)
				}
				refused <- struct{}{}
			}
			mu.Lock()
			statuses[rec.Code]++
			mu.Unlock()
		})
	}
	for range 4 { // two are held in the store: the four others are refused meanwhile
		<-refused
	}
	close(store.gate)
	wg.Wait()
	if statuses[200] != 2 || statuses[503] != 4 {
		t.Errorf("statuses %v: want 2 answered, 4 refused", statuses)
	}
}

// Clients that send their bodies slowly hold no answering slot: with one
// request answered at a time, a normal request is answered while two
// others are still sending theirs.
func TestSlowBodies(t *testing.T) {
	srv := httptest.NewServer(gql.NewHandler(graph.New(dealStore(t, 3)), gql.Options{MaxConcurrent: 1}))
	t.Cleanup(srv.Close)
	for range 2 {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\": ")
	}
	time.Sleep(100 * time.Millisecond) // both are being read
	body, _ := json.Marshal(map[string]any{"query": `{ search(text: "deal") { id } }`})
	resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("a request while two bodies trickle in: %d, want 200", resp.StatusCode)
	}
}
