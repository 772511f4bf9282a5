package gql_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/gql"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// versioned is a counting store that tells its generation too.
type versioned struct {
	*counting
	v graph.Versioned
}

func (s versioned) Generation(ctx context.Context) (int64, error) { return s.v.Generation(ctx) }

// A query asked again before the store changes is answered from the cache
// without reading the store; an import makes the next answer fresh;
// mutations and answers with errors are never replayed.
func TestResponseCache(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range 3 {
		if err := s.Apply(ctx, dealFacts(i)); err != nil {
			t.Fatal(err)
		}
	}
	store := versioned{&counting{Store: s}, s}
	h := gql.NewHandler(graph.New(store), gql.Options{ResponseCache: 16, Token: "secret"})
	post := func(query, token string) (*httptest.ResponseRecorder, int64) {
		t.Helper()
		store.calls.Store(0)
		body, _ := json.Marshal(map[string]any{"query": query})
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body)).WithContext(ctx)
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d %s", query, rec.Code, rec.Body)
		}
		return rec, store.calls.Load()
	}
	const dyad = `{ agreements(filter: {between: ["QA", "DE"]}) { totalCount edges { node { title } } } }`

	first, calls := post(dyad, "")
	if calls == 0 || first.Header().Get("X-Alaqat-Cache") != "" {
		t.Fatalf("first answer: %d store calls, cache %q; want it read from the store", calls, first.Header().Get("X-Alaqat-Cache"))
	}
	again, calls := post(dyad, "")
	if calls != 0 || again.Header().Get("X-Alaqat-Cache") != "hit" || !bytes.Equal(again.Body.Bytes(), first.Body.Bytes()) {
		t.Errorf("same query again: %d store calls, cache %q, same answer %v; want a hit with no store call",
			calls, again.Header().Get("X-Alaqat-Cache"), bytes.Equal(again.Body.Bytes(), first.Body.Bytes()))
	}

	// An import raises the store's generation: the answer is read afresh.
	if err := s.Apply(ctx, dealFacts(3)); err != nil {
		t.Fatal(err)
	}
	fresh, calls := post(dyad, "")
	if calls == 0 || !bytes.Contains(fresh.Body.Bytes(), []byte(`"totalCount":4`)) {
		t.Errorf("after an import: %d store calls, %s; want 4 agreements read afresh", calls, fresh.Body)
	}

	// A mutation asked twice runs twice: the second delete finds nothing.
	const del = `mutation { deleteArticle(id: "article:deal-003") }`
	if rec, _ := post(del, "secret"); bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
		t.Fatalf("delete: %s", rec.Body)
	}
	if rec, _ := post(del, "secret"); !bytes.Contains(rec.Body.Bytes(), []byte(`not_found`)) || rec.Header().Get("X-Alaqat-Cache") != "" {
		t.Errorf("the same delete again: %s; want not_found from the store, not a replay", rec.Body)
	}

	// An answer with errors is not kept.
	const bad = `{ entity(id: "country:XX") { id } agreements(filter: {between: ["QA", "nowhere-at-all"]}) { totalCount } }`
	if rec, _ := post(bad, ""); !bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
		t.Fatalf("the bad query answered without errors: %s", rec.Body)
	}
	if rec, calls := post(bad, ""); rec.Header().Get("X-Alaqat-Cache") != "" || calls == 0 {
		t.Errorf("an answer with errors was replayed: %s", rec.Body)
	}
}
