package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/cmd/internal/hostile"
	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/sqlite"
	"github.com/alaqat/alaqat/loader"
)

// hostileStore writes a store for the hostile cases: the seed article,
// synthetic articles, and articles of 200 KB of text that come first in
// the list of articles (their ids sort first), so that asking for every
// article's text makes an answer larger than the server allows.
func hostileStore(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hostile.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := loader.Import(ctx, s, []string{"../../seeds"}, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	var all []*graph.Facts
	for i := range 300 {
		all = append(all, graphtest.Synthetic(i))
	}
	paragraph := strings.Repeat("The delegations talked at length about trade, energy and the weather. ", 2900) // 200 KB
	for i := range 40 {
		all = append(all, &graph.Facts{Article: graph.Article{ID: fmt.Sprintf("article:000000%06d", i), Title: fmt.Sprint("Long report ", i),
			Lang: graph.English, Text: paragraph}})
	}
	if err := s.ApplyAll(ctx, all); err != nil {
		t.Fatal(err)
	}
	return path
}

// Every hostile case is refused or answered within the server's limits,
// and the server then still answers /healthz and a normal query; a
// refused request leaves one log line, never a stack trace.
func TestHostileClients(t *testing.T) {
	tokenFile := filepath.Join(t.TempDir(), "token")
	os.WriteFile(tokenFile, []byte("h0stile-test-token\n"), 0o600)
	base, logs := startServerOn(t, hostileStore(t), "--token-file", tokenFile, "--response-cache", "0")
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			o := hostile.Run(context.Background(), http.DefaultClient, base, "h0stile-test-token", c)
			t.Logf("%s: %v, statuses %v, codes %v, largest answer %d bytes", c.What, o.Took, o.Statuses, o.Codes, o.Bytes)
			if err := c.Check(o); err != nil {
				t.Error(err)
			}
			checkHealthy(t, base)
		})
	}
	log := logs.String()
	for _, leak := range []string{"goroutine ", "panic", ".go:", "h0stile-test-token", "runtime/debug"} {
		if strings.Contains(log, leak) {
			t.Errorf("the log holds %q:\n%.2000s", leak, log)
		}
	}
	// One line per refused request, saying why.
	if n := len(regexp.MustCompile(`(?m)^.*status=400.*refused="batched requests are not supported.*$`).FindAllString(log, -1)); n != 1 {
		t.Errorf("%d log lines for the batch, want 1:\n%.3000s", n, log)
	}
}

// checkHealthy fails unless the server answers /healthz and a normal
// query.
func checkHealthy(t *testing.T, base string) {
	t.Helper()
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(b) != "ok\n" {
		t.Errorf("/healthz: %d %q", resp.StatusCode, b)
	}
	checkAnswers(t, base)
}
