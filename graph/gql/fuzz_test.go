package gql_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/gql"
)

// panicLog remembers whether a log line told of a panic.
type panicLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *panicLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if bytes.Contains(p, []byte("panic")) {
		l.lines = append(l.lines, string(p))
	}
	return len(p), nil
}

// FuzzHandler sends the GraphQL endpoint, as the server mounts it (log
// line, metrics, every bound), any method, content type, token and body:
// whatever comes, the answer is one of the statuses the API documents,
// JSON with errors that carry a code, never a panic.
func FuzzHandler(f *testing.F) {
	for _, seed := range []struct {
		method, contentType, auth, body string
	}{
		{"POST", "application/json", "", `{"query": "{ search(text: \"Qatar\") { id name } }"}`},
		{"POST", "application/json", "Bearer s3cret", `{"query": "mutation { deleteArticle(id: \"article:x\") }"}`},
		{"POST", "application/json", "bearer s3cret", `{"query": "query Q($n: Int) { agreements(first: $n) { totalCount } }", "variables": {"n": 5}, "operationName": "Q"}`},
		{"POST", "application/json", "", `[{"query": "{ __typename }"}]`},
		{"POST", "application/json", "", `{"query": "{ ...A } fragment A on Query { ...A }"}`},
		{"POST", "application/json; charset=utf-8", "", `{"query": "{ articles(after: \"enp6\") { totalCount } }"}`},
		{"POST", "text/plain", "", `{ __typename }`},
		{"GET", "", "", ``},
		{"PUT", "application/json", "Basic x", `{}`},
		{"POST", "application/json", "", `{"query": "{ timeline(filter: {between: [\"QA\", \"XX\"]}) { title } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "00"}}}`},
	} {
		f.Add(seed.method, seed.contentType, seed.auth, []byte(seed.body))
	}
	g := graph.New(dealStore(f, 8))
	logs := &panicLog{}
	h := gql.Observe(slog.New(slog.NewTextHandler(logs, nil)), gql.NewMetrics(prometheus.NewRegistry()),
		gql.NewHandler(g, gql.Options{Token: "s3cret", ResponseCache: 16, MaxResponseBytes: 256 << 10}))
	f.Fuzz(func(t *testing.T, method, contentType, auth string, body []byte) {
		if !validMethod(method) {
			return
		}
		req := httptest.NewRequest(http.MethodGet, "/graphql", bytes.NewReader(body))
		req.Method = method
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 400, 401, 405, 413, 415, 422, 503:
		default:
			t.Fatalf("status %d for %s %q %q: %s", rec.Code, method, contentType, body, rec.Body)
		}
		if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			var answer struct {
				Errors []struct {
					Message string `json:"message"`
				} `json:"errors"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
				t.Fatalf("status %d, answer not JSON: %q", rec.Code, rec.Body)
			}
		}
		logs.mu.Lock()
		defer logs.mu.Unlock()
		if len(logs.lines) > 0 {
			t.Fatalf("panic for %s %q %q: %s", method, contentType, body, logs.lines[0])
		}
	})
}

func validMethod(m string) bool {
	if m == "" || len(m) > 16 {
		return false
	}
	for _, c := range m {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}
