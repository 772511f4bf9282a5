// Command server serves Alaqat's GraphQL API, a GraphiQL page to try it and
// a timeline of agreements in the browser. On an empty embedded store it
// first imports the seed articles, so a fresh clone answers at once.
//
//	server [--db URL] [--addr 127.0.0.1:8080] [--token-file FILE] [--private] [--seeds DIR]
//
// Mutations need the bearer token from $ALAQAT_TOKEN or --token-file; with
// none the API is read-only. --private makes queries need it too.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/gql"
	"github.com/alaqat/alaqat/graph/sqlite"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/article"
	"github.com/alaqat/alaqat/loader/extract"
)

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintf(os.Stderr, "server: %v\n", err)
		os.Exit(1)
	}
}

// tuneGC lets the heap grow to five times what is live between
// collections, unless GOGC says otherwise, with a soft limit of 256 MiB
// (GOMEMLIMIT overrides it) past which it collects as often as needed. A
// request allocates much and keeps little: with Go's default the collector
// took a fifth of the server's CPU, and the live heap stays in the tens of
// megabytes.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
}

// run serves until ctx ends. ready, when not nil, gets the address the
// server listens on once it accepts connections (tests use port 0).
func run(ctx context.Context, args []string, stderr io.Writer, ready chan<- string) error {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", backend.DefaultDB(), backend.Usage)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (\":8080\" for every interface)")
	tokenFile := fs.String("token-file", "", "file holding the bearer token that mutations need (default: $ALAQAT_TOKEN; with neither, mutations are disabled)")
	author := fs.String("author", cmp.Or(os.Getenv("ALAQAT_AUTHOR"), "analyst"), "the name analysts' corrections made with the token are recorded under ($ALAQAT_AUTHOR sets the default)")
	oldToken := fs.String("token", "", "no longer taken: a token on the command line shows in ps; use $ALAQAT_TOKEN or --token-file")
	private := fs.Bool("private", false, "queries need the bearer token too")
	introspection := fs.Bool("introspection", true, "answer introspection queries (__schema); turn off in production")
	playground := fs.Bool("playground", true, "serve GraphiQL at /; turn off in production")
	cors := fs.String("cors-origins", "", "comma-separated origins whose browser pages may call /graphql (\"*\" for any; default: none)")
	timeout := fs.Duration("timeout", 30*time.Second, "longest a query may take, the store's reads included")
	cache := fs.Int("response-cache", 1024, "answers kept for queries asked again before the store changes (0: none)")
	maxRequests := fs.Int("max-requests", gql.DefaultMaxConcurrent, "GraphQL requests answered at once; one more is answered 503 at once")
	maxResponse := fs.Int("max-response", gql.DefaultMaxResponseBytes>>20, "largest answer, in MiB; a larger one is an error")
	storeConns := fs.Int("store-conns", sqlite.DefaultMaxConns, "connections the embedded store opens at most")
	metrics := fs.Bool("metrics", true, "serve Prometheus metrics at /metrics (behind the token with --private)")
	logFormat := fs.String("log-format", "text", "log lines as text or json")
	logLevel := fs.String("log-level", "info", "least important log lines written: debug, info (a line per request), warn or error")
	seeds := fs.String("seeds", "seeds", "articles to import into an empty embedded store before serving")
	pprofAddr := fs.String("pprof", "", "loopback address to serve Go's profiles on (/debug/pprof/), for load tests; none when empty")
	gaz := fs.String("gazetteer", os.Getenv("ALAQAT_GAZETTEER"), backend.GazetteerUsage)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `server serves Alaqat's GraphQL API over the graph store.

  POST/GET /graphql   the API (schema/alaqat.graphqls)
  GET /               GraphiQL, to try queries
  GET /timeline       agreements and meetings of two countries or one entity, in the browser
  GET /graph          the network around one entity (/graph?entity=QA), in the browser
  GET /healthz        200 while the store answers (checked in the background)
  GET /metrics        Prometheus metrics

On an empty embedded store it imports the seed articles first.

It listens on 127.0.0.1:8080 (this machine only) unless --addr says
otherwise. Queries are open and mutations disabled unless a bearer token is
given ($ALAQAT_TOKEN or --token-file): then mutations need it, and with
--private queries (and /metrics) too. Every query is bounded before it runs
(5 000 tokens, 1 000 fields, 100 per selection, 12 levels, a cost of 50 000,
pages of 500, arguments of 1 000 bytes, a 1 MiB body) and while it runs
(1 000 000 rows and 16 MiB read from the store, a 4 MiB answer, --timeout);
at most --max-requests are answered at once (503 past them). One line is
logged per request (never its variables or token).

Example:
  server --addr 127.0.0.1:8080
  ALAQAT_TOKEN=… server --private --introspection=false --playground=false --cors-origins https://analysts.example
  curl -s localhost:8080/graphql -H 'Content-Type: application/json' \
    -d '{"query":"{ search(text: \"Rheinmetall\") { id name } }"}'

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	log, err := newLogger(stderr, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	slog.SetDefault(log)
	if *oldToken != "" {
		return errors.New("--token is no longer taken, as any user can read it in ps: set $ALAQAT_TOKEN or use --token-file")
	}
	token, err := readToken(*tokenFile)
	if err != nil {
		return err
	}
	if *private && token == "" {
		return errors.New("--private needs a token: set $ALAQAT_TOKEN or --token-file")
	}

	x, err := backend.Extractor(*gaz)
	if err != nil {
		return err
	}
	store, err := backend.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	if backend.IsEmbedded(*db) {
		if err := seed(ctx, store, *seeds, x, log); err != nil {
			return err
		}
	}

	if c, ok := store.(interface{ SetMaxConns(int) }); ok {
		c.SetMaxConns(*storeConns)
	}
	var reg *prometheus.Registry
	var m *gql.Metrics
	if *metrics {
		reg = prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
		m = gql.NewMetrics(reg)
	}
	api := gql.NewHandler(graph.New(store), gql.Options{Token: token, PrivateQueries: *private, Importer: importer{store: store, x: x},
		Author: strings.TrimSpace(*author), Words: x.TitleWords(),
		Timeout: *timeout, NoIntrospection: !*introspection, ResponseCache: *cache, Metrics: m,
		MaxConcurrent: *maxRequests, MaxResponseBytes: *maxResponse << 20})
	// The health checks stop before the store closes (deferred first).
	healthCtx, stopHealth := context.WithCancel(ctx)
	healthz, healthStopped := gql.Health(healthCtx, store, 5*time.Second)
	defer func() {
		stopHealth()
		healthStopped()
	}()
	mux := routes(gql.WithCORS(splitList(*cors), api), healthz, reg, token, *private, *playground)

	if *pprofAddr != "" {
		if err := servePprof(ctx, *pprofAddr, log); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: gql.Observe(log, m, mux), MaxHeaderBytes: 64 << 10, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: max(60*time.Second, *timeout+10*time.Second), WriteTimeout: max(60*time.Second, *timeout+10*time.Second)}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String(), "metrics", *metrics, "graphql", "/graphql", "store", redact(*db), "mutations", token != "", "private", *private)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// seed imports the seed articles into an empty store and says so.
func seed(ctx context.Context, store graph.Store, dir string, x *extract.Extractor, log *slog.Logger) error {
	c, err := store.Counts(ctx)
	if err != nil {
		return err
	}
	if c.Articles > 0 {
		return nil
	}
	if _, err := os.Stat(dir); err != nil {
		log.Warn("the store is empty and there are no seeds to import", "seeds", dir)
		return nil
	}
	log.Info("the store is empty: importing the seed articles", "seeds", dir)
	rep, err := loader.Import(ctx, store, []string{dir}, loader.Options{Extractor: x})
	if err != nil {
		return err
	}
	for _, f := range rep.Failures {
		log.Error("seed failed", "input", f.Origin, "err", f.Err)
	}
	log.Info("seeded", "articles", rep.Articles, "entities", rep.Nodes, "relations", rep.Edges)
	return nil
}

// importer runs the loader's pipeline for the importArticle mutation.
type importer struct {
	store graph.Store
	x     *extract.Extractor
}

// ImportText reads an article given as text (title line optional),
// extracts it and applies it, as loader import does for a file.
func (im importer) ImportText(ctx context.Context, in gql.ArticleInput) (*graph.Facts, error) {
	var a article.Article
	if in.Title != nil && strings.TrimSpace(*in.Title) != "" {
		a = article.Article{Title: *in.Title, Text: strings.TrimSpace(in.Text)}
	} else {
		arts, err := article.Read(strings.NewReader(in.Text), "input", article.TXT)
		if err != nil {
			return nil, graph.Errorf(graph.EINVALID, "%v", err)
		}
		a = arts[0]
	}
	if strings.TrimSpace(a.Text) == "" {
		return nil, graph.Errorf(graph.EINVALID, "the article has no text")
	}
	for _, v := range []struct {
		dst *string
		src *string
	}{{&a.URL, in.URL}, {&a.Source, in.Source}, {&a.Published, in.Published}} {
		if v.src != nil {
			*v.dst = *v.src
		}
	}
	if a.Published != "" {
		if _, err := graph.ParsePartialDate(a.Published); err != nil {
			return nil, err
		}
	}
	a.Origin = "importArticle"
	f := loader.Extract(im.x, a)
	if err := im.store.Apply(ctx, f); err != nil {
		return nil, err
	}
	return f, nil
}

// readToken returns the bearer token: the first line of file when one is
// named, else $ALAQAT_TOKEN; "" when neither gives one. A token must be
// something a client can send in an Authorization header: printable
// ASCII without spaces, at most maxToken bytes.
func readToken(file string) (string, error) {
	if file == "" {
		tok := strings.TrimSpace(os.Getenv("ALAQAT_TOKEN"))
		if err := checkToken(tok); err != nil {
			return "", fmt.Errorf("$ALAQAT_TOKEN: %w", err)
		}
		return tok, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return "", fmt.Errorf("--token-file: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxToken+2))
	if err != nil {
		return "", fmt.Errorf("--token-file %s: %w", file, err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	if line = strings.TrimSpace(line); line == "" {
		return "", fmt.Errorf("--token-file %s: the file holds no token", file)
	}
	if err := checkToken(line); err != nil {
		return "", fmt.Errorf("--token-file %s: %w", file, err)
	}
	return line, nil
}

// maxToken bounds a token's length.
const maxToken = 4096

// checkToken refuses a token no client could send: a NUL byte, a space or
// a letter outside printable ASCII would make every request's token differ
// from it, and the server would turn everyone away without saying why.
func checkToken(tok string) error {
	if len(tok) > maxToken {
		return fmt.Errorf("the token is longer than %d bytes", maxToken)
	}
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; c < 0x21 || c > 0x7e {
			return fmt.Errorf("the token holds byte %#02x at %d: a token is printable ASCII without spaces", c, i)
		}
	}
	return nil
}

// splitList splits a comma-separated flag, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// redact hides credentials a URL may carry.
func redact(url string) string {
	if i := strings.Index(url, "@"); i >= 0 {
		if j := strings.Index(url, "://"); j >= 0 && j < i {
			return url[:j+3] + "…" + url[i:]
		}
	}
	return url
}

// servePprof serves Go's profiles on a loopback address until ctx ends.
func servePprof(ctx context.Context, addr string, log *slog.Logger) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--pprof %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("--pprof %q: profiles are served on a loopback address only", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	go func() { <-ctx.Done(); srv.Close() }()
	log.Info("profiles", "addr", ln.Addr().String(), "path", "/debug/pprof/")
	return nil
}
