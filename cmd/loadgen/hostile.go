package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/alaqat/alaqat/cmd/internal/hostile"
	"github.com/alaqat/alaqat/graph"
)

// runHostile sends a running server every case of the hostile-client
// suite, one after the other, and reports for each the wall time, whether
// the server answered as it must, and the server's memory: its anonymous
// resident memory (heap, stacks, SQLite's page caches; not the database
// file it maps) before the case and at its highest during it, read from
// /proc every 10 ms. After each case it checks /healthz and a normal
// query.
func runHostile(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("loadgen hostile", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "http://127.0.0.1:8080", "the server, without a path (on this machine)")
	pid := fs.Int("pid", 0, "the server's process id, to read its memory from /proc (required)")
	token := fs.String("token", os.Getenv("ALAQAT_TOKEN"), "the server's token, for the cases that need it and for --big (default $ALAQAT_TOKEN)")
	big := fs.Int("big", 0, "first import this many articles of 200 KB whose ids sort first (needs the token), so that the text cases meet long texts")
	only := fs.String("case", "", "run only the cases whose name contains this")
	warm := fs.Bool("warm", true, "first ask the analysts' questions, so that the server's caches hold what a server in use holds")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `loadgen hostile sends a running server the hostile-client suite of issue 11
(cmd/internal/hostile) and reports, per case, the wall time, the answer and
the server's extra memory.

Example:
  /tmp/loadgen seed --db /tmp/load.db --articles 100000
  ALAQAT_TOKEN=t /tmp/server --db /tmp/load.db --addr 127.0.0.1:18080 --response-cache 0 & 
  ALAQAT_TOKEN=t /tmp/loadgen hostile --url http://127.0.0.1:18080 --pid $! --big 40

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *pid <= 0 {
		return fmt.Errorf("hostile: --pid is required (the server's process id)")
	}
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	if *big > 0 {
		if err := importBig(ctx, client, *base, *token, *big, stderr); err != nil {
			return err
		}
	}
	// Warm the server's caches with the analysts' questions, as a server
	// in use has them.
	if *warm {
		for _, q := range append(slices.Clone(mix), `{ country(code: "QA") { partners(first: 5) { agreements } } }`) {
			body, _ := json.Marshal(map[string]string{"query": q})
			post(ctx, client, *base+"/graphql", body)
		}
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "case\tanswer\twall\tmemory before\tpeak extra\thealthy after\t")
	failed := 0
	for _, c := range hostile.Cases() {
		if !strings.Contains(c.Name, *only) || (c.NeedsToken && *token == "") {
			continue
		}
		before, err := anonRSS(*pid)
		if err != nil {
			return err
		}
		peak := before
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			t := time.NewTicker(10 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					if m, err := anonRSS(*pid); err == nil {
						peak = max(peak, m)
					}
				}
			}
		})
		o := hostile.Run(ctx, client, *base, *token, c)
		close(stop)
		wg.Wait()
		verdict := "ok"
		if err := c.Check(o); err != nil {
			verdict, failed = "FAIL: "+err.Error(), failed+1
		}
		healthy := "yes"
		if err := healthyAfter(ctx, client, *base); err != nil {
			healthy, failed = "NO: "+err.Error(), failed+1
		}
		fmt.Fprintf(tw, "%s\t%s\t%v\t%d MB\t%d MB\t%s\t\n", c.Name, answer(o, verdict), o.Took.Round(time.Millisecond), before>>20, (peak-before)>>20, healthy)
	}
	tw.Flush()
	if failed > 0 {
		return fmt.Errorf("hostile: %d checks failed", failed)
	}
	return nil
}

// answer sums up what a case got: its statuses and codes.
func answer(o hostile.Outcome, verdict string) string {
	var parts []string
	for s, n := range o.Statuses {
		parts = append(parts, fmt.Sprintf("%d×%d", n, s))
	}
	for c, n := range o.Codes {
		if c == "" {
			c = "data"
		}
		parts = append(parts, fmt.Sprintf("%d×%s", n, c))
	}
	slices.Sort(parts)
	return strings.Join(parts, " ") + " " + verdict
}

// anonRSS reads a process's anonymous resident memory, in bytes.
func anonRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("hostile: the server's memory: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "RssAnon:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("hostile: no RssAnon in /proc/%d/status", pid)
}

// healthyAfter checks that the server answers /healthz and a normal query.
func healthyAfter(ctx context.Context, client *http.Client, base string) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("/healthz answered %d", resp.StatusCode)
	}
	body, _ := json.Marshal(map[string]string{"query": `{ search(text: "Qatar", first: 1) { id } }`})
	if !post(ctx, client, base+"/graphql", body) {
		return fmt.Errorf("a normal query was not answered")
	}
	return nil
}

// importBig imports n articles of 200 KB of text through the API, with
// URLs chosen so that their ids sort before every other article's.
func importBig(ctx context.Context, client *http.Client, base, token string, n int, stderr io.Writer) error {
	if token == "" {
		return fmt.Errorf("hostile: --big needs the server's token")
	}
	text := "Long report | Test Wire\n\n" + strings.Repeat("The delegations talked at length about trade, energy and the weather. ", 2900)
	imported := 0
	for i := 0; imported < n; i++ {
		url := fmt.Sprintf("https://example.org/long-report/%d", i)
		if !strings.HasPrefix(graph.ShortHash("url", url), "00") {
			continue
		}
		body, _ := json.Marshal(map[string]any{
			"query":     `mutation($in: ArticleInput!) { importArticle(input: $in) { article { id } } }`,
			"variables": map[string]any{"in": map[string]any{"text": text, "url": url}},
		})
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || bytes.Contains(b, []byte(`"errors"`)) {
			return fmt.Errorf("hostile: importing a long article: %d %.300s", resp.StatusCode, b)
		}
		imported++
	}
	fmt.Fprintf(stderr, "imported %d articles of 200 KB\n", n)
	return nil
}
