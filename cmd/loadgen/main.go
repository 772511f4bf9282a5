// Command loadgen measures a running Alaqat server: it sends the analysts'
// GraphQL queries from several workers for a bounded time or number of
// requests and reports throughput and latency percentiles. It only talks
// to the address it is given, meant to be a server on this machine.
//
//	loadgen [--url http://127.0.0.1:8080/graphql] [--query mix|dyad|search|timeline|paths] [--workers 8] [--duration 10s] [--requests 0]
//	loadgen seed --db PATH|URL [--articles 100000]
//	loadgen hostile --url http://127.0.0.1:8080 --pid PID [--token T] [--big 40]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// mix is the acceptance queries of the API and a few heavier ones.
var mix = []string{
	`{ search(text: "راينميتال") { id name } }`,
	`{ search(text: "Rheinmetall") { id name } }`,
	`{ agreements(filter: {between: ["QA", "DE"]}, orderBy: DATE_ASC) { edges { node { id title date { year iso } parties { id name } evidence { quote article { title } } } } } }`,
	`{ country(code: "DE") { officials { title person { name } country { iso2 } } } }`,
	`{ meetings(filter: {between: ["QA", "DE"]}) { edges { node { place { name } participants { name } } } } }`,
	`{ timeline(filter: {between: ["QA", "DE"]}) { date { iso } kind title } }`,
	`{ paths(from: "Barzan", to: "DE") { steps { from { id } relation to { id } } } }`,
}

// sets are the queries --query names: the mix, or one question alone.
var sets = map[string][]string{
	"mix":      mix,
	"dyad":     {`{ agreements(filter: {between: ["QA", "DE"]}, first: 20) { totalCount edges { node { id title date { iso } parties { id name } } } } }`},
	"search":   {`{ search(text: "Rheinmetall") { id name } }`, `{ search(text: "قطر") { id name } }`},
	"timeline": {`{ timeline(filter: {between: ["QA", "DE"]}) { date { iso } kind title } }`},
	"paths":    {`{ paths(from: "Barzan", to: "DE") { steps { from { id } relation to { id } } } }`},
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "hostile" {
		if err := runHostile(context.Background(), os.Args[2:], os.Stdout, os.Stderr); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				os.Exit(0)
			}
			fmt.Fprintf(os.Stderr, "loadgen: %v\n", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "seed" {
		if err := seed(context.Background(), os.Args[2:], os.Stdout, os.Stderr); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				os.Exit(0)
			}
			fmt.Fprintf(os.Stderr, "loadgen: %v\n", err)
			os.Exit(1)
		}
		return
	}
	url := flag.String("url", "http://127.0.0.1:8080/graphql", "GraphQL endpoint of the server to measure")
	workers := flag.Int("workers", 8, "concurrent clients")
	duration := flag.Duration("duration", 10*time.Second, "how long to send (at most 5m)")
	requests := flag.Int("requests", 0, "stop after this many requests (0: only the duration bounds it)")
	set := flag.String("query", "mix", "what to send: mix (the API's acceptance queries, in turn), dyad (a page of 20 QA–DE agreements with parties), search, timeline or paths")
	flag.Usage = func() {
		fmt.Fprint(flag.CommandLine.Output(), `loadgen measures a running Alaqat server: it sends the analysts' GraphQL
queries from several workers, for a bounded time or number of requests, and
reports throughput and latency percentiles. Point it only at a server on
this machine.

Example:
  go run ./cmd/server --addr 127.0.0.1:8080 &
  go run ./cmd/loadgen --workers 8 --duration 10s

  # on 100,000 synthetic articles, one question at a time
  go run ./cmd/loadgen seed --db /tmp/load.db --articles 100000
  go run ./cmd/server --db /tmp/load.db --addr 127.0.0.1:8080 &
  go run ./cmd/loadgen --query dyad --workers 8 --duration 20s

Flags:
`)
		flag.PrintDefaults()
	}
	flag.Parse()
	queries, ok := sets[*set]
	if !ok {
		fmt.Fprintf(os.Stderr, "loadgen: unknown --query %q (mix, dyad, search, timeline, paths)\n", *set)
		os.Exit(2)
	}
	if *duration > 5*time.Minute {
		*duration = 5 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()

	var sent, failed atomic.Int64
	var mu sync.Mutex
	var latencies []time.Duration
	client := &http.Client{Timeout: 30 * time.Second}
	var wg sync.WaitGroup
	start := time.Now()
	for w := range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for i := w; ctx.Err() == nil; i++ {
				n := sent.Add(1)
				if *requests > 0 && n > int64(*requests) {
					break
				}
				body, _ := json.Marshal(map[string]string{"query": queries[i%len(queries)]})
				t0 := time.Now()
				ok := post(ctx, client, *url, body)
				if ctx.Err() != nil {
					break
				}
				mine = append(mine, time.Since(t0))
				if !ok {
					failed.Add(1)
				}
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if len(latencies) == 0 {
		fmt.Fprintln(os.Stderr, "loadgen: no request completed")
		os.Exit(1)
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration { return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))] }
	fmt.Printf("requests %d  failed %d  in %v  (%d workers)\n", len(latencies), failed.Load(), elapsed.Round(time.Millisecond), *workers)
	fmt.Printf("throughput %.0f req/s\n", float64(len(latencies))/elapsed.Seconds())
	fmt.Printf("latency p50 %v  p95 %v  p99 %v  max %v\n", pct(.50), pct(.95), pct(.99), latencies[len(latencies)-1])
	if failed.Load() > 0 {
		os.Exit(1)
	}
}

// post sends one query and reports whether it answered without errors.
func post(ctx context.Context, c *http.Client, url string, body []byte) bool {
	req, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var out struct {
		Errors []any `json:"errors"`
	}
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode == 200 && json.Unmarshal(b, &out) == nil && len(out.Errors) == 0
}
