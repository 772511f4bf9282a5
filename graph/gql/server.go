package gql

import (
	"bytes"
	"cmp"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/alaqat/alaqat/graph"
)

// Options configure the GraphQL handler. The zero value serves a
// read-only API with the default limits, introspection on.
type Options struct {
	// Token, when set, is the bearer token that mutations need. Without
	// it mutations are disabled and the API is read-only.
	Token string
	// Author is the name corrections made with Token are recorded under
	// (default "analyst").
	Author string
	// PrivateQueries makes queries need the token too.
	PrivateQueries bool
	// Importer imports articles for the importArticle mutation.
	Importer Importer
	// DepthLimit bounds how deep one query nests (default DefaultDepthLimit).
	DepthLimit int
	// FieldLimit bounds the fields of one selection set, aliases and
	// spread fragments included (default DefaultFieldLimit).
	FieldLimit int
	// ComplexityLimit bounds the cost of one query as the cost model
	// counts it (default DefaultComplexityLimit; see weights).
	ComplexityLimit int
	// TokenLimit bounds the tokens of a query document (default
	// DefaultTokenLimit).
	TokenLimit int
	// SelectionLimit bounds the fields a query document writes (default
	// DefaultSelectionLimit).
	SelectionLimit int
	// RowBudget and ByteBudget bound what one request reads from the
	// store (defaults DefaultRowBudget, DefaultByteBudget): a request that
	// reads more is stopped, its work included, and answered with one error.
	RowBudget, ByteBudget int64
	// StoreCallsAtOnce bounds the store calls one request makes at the
	// same time (default DefaultStoreCallsAtOnce).
	StoreCallsAtOnce int
	// MaxResponseBytes bounds an answer (default DefaultMaxResponseBytes):
	// a larger one is replaced by an error.
	MaxResponseBytes int
	// MaxConcurrent bounds the requests answered at once (default
	// DefaultMaxConcurrent); one more is answered 503 at once.
	MaxConcurrent int
	// MaxBodyBytes bounds a request's body (default DefaultMaxBodyBytes).
	MaxBodyBytes int64
	// ResponseCache is how many answers to keep for queries asked again,
	// byte for byte, before the store changes (0: none). It needs a store
	// that tells its generation (graph.Versioned).
	ResponseCache int
	// Timeout bounds the time of one query (default 30s). The store sees
	// it as the request context's deadline.
	Timeout time.Duration
	// NoIntrospection refuses __schema and __type queries.
	NoIntrospection bool
	// Words are those of titles in Arabic (graph.TitleWords).
	Words *graph.TitleWords
	// Metrics, when set, count requests, costs, store calls, imports and
	// cache hits.
	Metrics *Metrics
	// GQLGenOnly answers every field through gqlgen's generated code,
	// without the lean path for timelines, agreements and meetings (see
	// lean): for comparing the two.
	GQLGenOnly bool
}

// Defaults of the bounds of a request (see Options).
const (
	// DefaultMaxBodyBytes bounds a request's body: a query, its variables
	// or an imported article's text.
	DefaultMaxBodyBytes = 1 << 20
	// DefaultMaxResponseBytes bounds an answer: 16 articles of the
	// longest text the loader takes.
	DefaultMaxResponseBytes = 4 << 20
	// DefaultMaxConcurrent bounds the requests answered at once: with
	// each bounded by its budget, it bounds the server's memory.
	DefaultMaxConcurrent = 16
)

// NewHandler returns the GraphQL endpoint over g: POST and GET, limits
// on a query's tokens, selections, depth and cost before it runs, a
// budget of rows and bytes read and a timeout while it runs (both reach
// the store and stop its work), bounds on the body, the answer and the
// requests answered at once, malformed requests refused with 400,
// persisted queries, introspection unless turned off, per-request
// loaders, errors carrying their graph.Error code and nothing internal,
// and bearer-token checks.
func NewHandler(g *graph.Graph, opt Options) http.Handler {
	opt.DepthLimit = cmp.Or(opt.DepthLimit, DefaultDepthLimit)
	opt.FieldLimit = cmp.Or(opt.FieldLimit, DefaultFieldLimit)
	opt.ComplexityLimit = cmp.Or(opt.ComplexityLimit, DefaultComplexityLimit)
	opt.TokenLimit = cmp.Or(opt.TokenLimit, DefaultTokenLimit)
	opt.SelectionLimit = cmp.Or(opt.SelectionLimit, DefaultSelectionLimit)
	opt.RowBudget = cmp.Or(opt.RowBudget, DefaultRowBudget)
	opt.ByteBudget = cmp.Or(opt.ByteBudget, DefaultByteBudget)
	opt.StoreCallsAtOnce = cmp.Or(opt.StoreCallsAtOnce, DefaultStoreCallsAtOnce)
	opt.MaxResponseBytes = cmp.Or(opt.MaxResponseBytes, DefaultMaxResponseBytes)
	opt.MaxConcurrent = cmp.Or(opt.MaxConcurrent, DefaultMaxConcurrent)
	opt.MaxBodyBytes = cmp.Or(opt.MaxBodyBytes, DefaultMaxBodyBytes)
	opt.Timeout = cmp.Or(opt.Timeout, 30*time.Second)
	m := opt.Metrics
	store := metered(g.Store, m)
	resolvers := &Resolver{Graph: graph.New(store), Importer: opt.Importer, metrics: m, Words: opt.Words}
	schema := NewExecutableSchema(Config{Resolvers: resolvers})
	srv := handler.New(schema)
	if !opt.GQLGenOnly {
		srv.AroundRootFields(lean{schema: schema.(*executableSchema), resolvers: resolvers}.around)
	}
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	parsed := smallOnly[*ast.QueryDocument]{lru.New[*ast.QueryDocument](1000)}
	srv.SetQueryCache(parsed)
	srv.SetParserTokenLimit(opt.TokenLimit)
	if !opt.NoIntrospection {
		srv.Use(extension.Introspection{})
	} else {
		srv.SetDisableSuggestion(true) // suggestions would spell out the schema
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: smallOnly[string]{lru.New[string](100)}})
	srv.Use(limits{depth: opt.DepthLimit, fields: opt.FieldLimit, cost: opt.ComplexityLimit,
		tokens: opt.TokenLimit, selections: opt.SelectionLimit, noIntrospection: opt.NoIntrospection, parsed: parsed})
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(func(ctx context.Context, err any) error {
		slog.ErrorContext(ctx, "graphql: panic", "panic", fmt.Sprint(err), "at", panicSite())
		return graph.Errorf(graph.EINTERNAL, "internal error")
	})
	srv.AroundResponses(finish(opt.MaxResponseBytes))
	srv.AroundOperations(freshForWrites)
	var h http.Handler = srv
	h = WithLoaders(store, h)
	h = withSnapshot(g.Store, h)
	h = withBudget(opt, h)
	h = withResponseCache(g.Store, opt.ResponseCache, m, h)
	h = checkRequest(h)
	h = withAuth(opt.Token, opt.PrivateQueries, h)
	h = withAuthor(opt.Author, h)
	h = limitConcurrency(opt.MaxConcurrent, h)
	// Bodies are read before a request takes one of the slots above, so
	// that clients sending theirs slowly hold no slot; readersPerSlot times
	// as many may be read at once, each at most MaxBodyBytes and within
	// bodyTimeout.
	h = limitBody(opt.MaxBodyBytes, h)
	h = limitConcurrency(readersPerSlot*opt.MaxConcurrent, h)
	return markGraphQL(m, h)
}

// markGraphQL tells the request's log line that it is a GraphQL request,
// and counts it in flight.
func markGraphQL(m *Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := noteOf(r.Context()); n != nil {
			n.set(func(n *requestNote) { n.graphql = true })
		}
		m.inflight(1)
		defer m.inflight(-1)
		next.ServeHTTP(w, r)
	})
}

// withBudget gives each request its deadline and its budget of store
// reads (see budget), and notes what it read for its log line.
func withBudget(opt Options, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), opt.Timeout)
		defer cancel()
		ctx, b := newBudget(ctx, opt.RowBudget, opt.ByteBudget, int64(opt.MaxResponseBytes), opt.StoreCallsAtOnce)
		defer b.cancel(nil)
		next.ServeHTTP(&endedWriter{ResponseWriter: w, ctx: ctx}, r.WithContext(ctx))
		if n := noteOf(ctx); n != nil {
			n.set(func(n *requestNote) { n.rows, n.bytes = b.rows.Load(), b.bytes.Load() })
		}
	})
}

// endedWriter answers the timeout's error where gqlgen would answer
// "null": it answers nothing to a request whose context ended before its
// execution began.
type endedWriter struct {
	http.ResponseWriter
	ctx     context.Context
	started bool
}

func (w *endedWriter) Write(b []byte) (int, error) {
	if !w.started && w.ctx.Err() != nil && string(bytes.TrimSpace(b)) == "null" {
		w.started = true
		msg := "the query took longer than the server allows"
		if n := noteOf(w.ctx); n != nil {
			n.setProblem(msg)
			n.setReason("timeout")
		}
		body, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{"message": msg, "extensions": map[string]any{"code": "timeout"}}}})
		w.ResponseWriter.Write(body)
		return len(b), nil
	}
	w.started = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *endedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish ends a response: one error in place of the data when the
// request's budget ran out, its time ran out or its answer is larger
// than maxBytes; and a mark for the response cache on a query answered
// without errors.
func finish(maxBytes int) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if resp == nil {
			// gqlgen answers nothing for a request whose context ended.
			resp = &graphql.Response{}
		}
		end := func(reason, code, msg string) {
			if n := noteOf(ctx); n != nil {
				n.setProblem(msg)
				n.setReason(reason)
			}
			resp = &graphql.Response{Errors: gqlerror.List{{Message: msg, Extensions: map[string]any{"code": code}}}}
		}
		b := budgetOf(ctx)
		switch {
		case b != nil && b.spent():
			e := b.error()
			end("budget", e.Code, e.Message)
		case b != nil && context.Cause(ctx) == errTooLarge:
			e := tooLarge(b.maxWritten)
			end("too_large", e.Code, e.Message)
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			end("timeout", "timeout", "the query took longer than the server allows")
		case ctx.Err() != nil && resp.Data == nil && resp.Errors == nil:
			end("gone", "timeout", "the request ended before it was answered")
		case len(resp.Data) > maxBytes:
			e := tooLarge(int64(maxBytes))
			end("too_large", e.Code, e.Message)
		}
		noteCacheable(ctx, resp)
		return resp
	}
}

// panicSite is the file and line a recovered panic came from: the log
// says where in one line, never with a stack trace.
func panicSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") && !strings.Contains(f.File, "/gqlgen/") {
			return fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		if !more {
			return "unknown"
		}
	}
}

// readersPerSlot is how many bodies may be read at once for each request
// that may be answered at once.
const readersPerSlot = 4

// bodyTimeout bounds the time a client takes to send its body: one that
// trickles it holds a reader's slot no longer.
const bodyTimeout = 10 * time.Second

// limitBody refuses a body longer than max with 413 before anything reads
// it, whether its length is declared or not, and one not sent within
// bodyTimeout with 400.
func limitBody(limit int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Not every ResponseWriter can set a deadline (httptest's cannot);
		// the server's ReadTimeout bounds those. Once the body is read the
		// deadline goes: net/http keeps reading the connection to see the
		// client leave, and a deadline passing would end the request.
		rc := http.NewResponseController(w)
		if r.ContentLength > limit {
			refuse(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request body is larger than the %d bytes allowed", limit))
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			_ = rc.SetReadDeadline(time.Now().Add(bodyTimeout))
			b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
			_ = rc.SetReadDeadline(time.Time{})
			if err != nil {
				var tooLarge *http.MaxBytesError
				if errors.As(err, &tooLarge) {
					refuse(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request body is larger than the %d bytes allowed", limit))
				} else {
					refuse(w, r, http.StatusBadRequest, fmt.Sprintf("the request body was not sent whole within %v", bodyTimeout))
				}
				return
			}
			r.Body = newBody(b)
		}
		next.ServeHTTP(w, r)
	})
}

// writeError answers with one GraphQL error, before the executor ran.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{"message": msg, "extensions": map[string]any{"code": code}}}})
	w.Write(b)
}

// presentError shows a graph.Error's message and code; anything else is
// an internal error whose details stay in the server.
func presentError(ctx context.Context, err error) *gqlerror.Error {
	gerr := graphql.DefaultErrorPresenter(ctx, err)
	var ge *graph.Error
	if errors.As(err, &ge) {
		gerr.Message = ge.Message
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		gerr.Extensions["code"] = ge.Code
		return gerr
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		gerr.Message = "the query took longer than the server allows"
		gerr.Extensions = map[string]any{"code": "timeout"}
		return gerr
	}
	var qe *gqlerror.Error
	if errors.As(err, &qe) && qe.Err == nil {
		return gerr // a validation or parse error: its message is for the user
	}
	// The details are for the server's log, not for the client.
	slog.ErrorContext(ctx, "graphql: internal error", "err", err, "path", gerr.Path.String())
	gerr.Message = "internal error"
	gerr.Extensions = map[string]any{"code": graph.EINTERNAL}
	return gerr
}

type authKey struct{}

// access is what a request's credentials allow.
type access int

const (
	noToken  access = iota // the server has no token: mutations are disabled
	denied                 // the request lacks the server's token
	admitted               // the request carries the server's token
)

// withAuth compares the request's bearer token with the server's in
// constant time. With private set, only requests with it get through.
func withAuth(token string, private bool, next http.Handler) http.Handler {
	want := []byte(token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := noToken
		if token != "" {
			a = denied
			got, ok := bearer(r.Header.Get("Authorization"))
			if ok && subtle.ConstantTimeCompare([]byte(got), want) == 1 {
				a = admitted
			}
		}
		if private && a != admitted && r.Method != http.MethodOptions {
			w.Header().Set("WWW-Authenticate", `Bearer realm="alaqat"`)
			if n := noteOf(r.Context()); n != nil {
				n.setProblem("no bearer token")
				n.setReason("unauthorized")
			}
			writeError(w, http.StatusUnauthorized, graph.EUNAUTHORIZED, "this server answers only requests with its bearer token (Authorization: Bearer …)")
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authKey{}, a)))
	})
}

// withAuthor records who corrections are made by: the name that goes with
// the server's token.
func withAuthor(name string, next http.Handler) http.Handler {
	if name == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authorKey{}, name)))
	})
}

// bearer returns the token of an Authorization header of the Bearer
// scheme, whose name is case-insensitive (RFC 9110, section 11.1).
func bearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// authorize lets a mutation through only with the server's bearer token.
func authorize(ctx context.Context) error {
	switch a, _ := ctx.Value(authKey{}).(access); a {
	case admitted:
		return nil
	case denied:
		return graph.Errorf(graph.EUNAUTHORIZED, "changes need the server's bearer token (Authorization: Bearer …)")
	}
	return graph.Errorf(graph.EUNAUTHORIZED, "changes are disabled: the server was started without a token ($ALAQAT_TOKEN or --token-file)")
}

// WithCORS lets browser pages of the given origins ("*" for any) call
// next, answering their preflight requests; other origins get no CORS
// headers, so browsers keep their pages out. Without origins it is next.
func WithCORS(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin != "" && (slices.Contains(origins, "*") || slices.Contains(origins, origin)) {
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", origin)
			h.Add("Vary", "Origin")
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
				h.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// RequireToken lets through only requests that carry the bearer token:
// for the routes besides the API that --private closes (metrics).
func RequireToken(token string, next http.Handler) http.Handler {
	return withAuth(token, true, next)
}
