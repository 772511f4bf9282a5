package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// One log line per request: method, path, status, duration, and for
// GraphQL the operation's name, its cost and the rows it read; never the
// variables, the query string or the token.
func TestRequestLog(t *testing.T) {
	t.Setenv("ALAQAT_TOKEN", "l0g-secret-token")
	base, logs := startServer(t)
	body, _ := json.Marshal(map[string]any{"query": `query Officials($code: String!) { country(code: $code) { officials { title } } }`,
		"operationName": "Officials", "variables": map[string]any{"code": "DE-secret-variable"}})
	post(t, base, bytes.NewReader(body), "Authorization", "Bearer l0g-secret-token")
	resp, err := http.Get(base + "/graphql?query=" + "%7B__typename%7D&variables=%7B%22v%22%3A%22get-secret-variable%22%7D")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var line string
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "operation=Officials") {
			line = l
		}
	}
	for _, want := range []string{"msg=request", "method=POST", "path=/graphql", "status=200", "ms=", "operation=Officials", "cost=", "rows="} {
		if !strings.Contains(line, want) {
			t.Errorf("log line %q lacks %s", line, want)
		}
	}
	for _, secret := range []string{"secret-variable", "l0g-secret-token", "__typename"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log holds %q:\n%s", secret, logs)
		}
	}
}

// /metrics answers in Prometheus's text format: requests, latencies by
// operation, costs, store calls, imports and cache hits; behind the token
// with --private.
func TestMetrics(t *testing.T) {
	t.Setenv("ALAQAT_TOKEN", "m3trics-token")
	base, _ := startServer(t)
	auth := []string{"Authorization", "Bearer m3trics-token"}
	for range 2 { // the second is a cache hit
		query(t, base, `query Dyad { agreements(filter: {between: ["QA", "DE"]}) { totalCount } }`, nil)
	}
	query(t, base, `mutation($text: String!) { importArticle(input: {text: $text}) { entities } }`,
		map[string]any{"text": "Oman and Japan meet | Wire\n\nOman and Japan held talks in Muscat."}, auth...)
	metrics := get(t, base+"/metrics")
	for _, want := range []string{
		`alaqat_http_requests_total{code="200",route="/graphql"}`,
		`alaqat_graphql_duration_seconds_bucket{operation="Dyad"`,
		`alaqat_graphql_cost_count`,
		`alaqat_store_calls_total{method="Edges"}`,
		`alaqat_store_rows_total`,
		`alaqat_imports_total{result="imported"} 1`,
		`alaqat_response_cache_total{result="hit"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	tokenFile := filepath.Join(t.TempDir(), "token")
	os.WriteFile(tokenFile, []byte("pr1vate-token\n"), 0o600)
	private, _ := startServer(t, "--private", "--token-file", tokenFile)
	if resp, err := http.Get(private + "/metrics"); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("/metrics of a private server without the token: %v %v", resp.StatusCode, err)
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	return string(b)
}

// The server listens on this machine only unless --addr says otherwise.
func TestDefaultAddress(t *testing.T) {
	var out bytes.Buffer
	run(context.Background(), []string{"--help"}, &out, nil)
	if !strings.Contains(out.String(), `-addr string`) || !strings.Contains(out.String(), `(default "127.0.0.1:8080")`) {
		t.Errorf("--help does not give 127.0.0.1:8080 as --addr's default:\n%s", out.String())
	}
}
