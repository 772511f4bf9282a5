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
	"runtime/debug"
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
	// FieldLimit bounds the fields of one selection set, aliases included
	// (default DefaultFieldLimit).
	FieldLimit int
	// ComplexityLimit bounds the cost of one query, list fields weighted
	// by their page size (default DefaultComplexityLimit; see limits).
	ComplexityLimit int
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
}

// DefaultMaxBodyBytes is the default bound of a request's body: a query,
// its variables or an imported article's text.
const DefaultMaxBodyBytes = 1 << 20

// NewHandler returns the GraphQL endpoint over g: POST and GET, depth,
// field and complexity limits, a body size limit, a timeout passed to the
// store, persisted queries, introspection unless turned off, per-request
// loaders, errors carrying their graph.Error code and nothing internal,
// and bearer-token checks.
func NewHandler(g *graph.Graph, opt Options) http.Handler {
	opt.DepthLimit = cmp.Or(opt.DepthLimit, DefaultDepthLimit)
	opt.FieldLimit = cmp.Or(opt.FieldLimit, DefaultFieldLimit)
	opt.ComplexityLimit = cmp.Or(opt.ComplexityLimit, DefaultComplexityLimit)
	opt.MaxBodyBytes = cmp.Or(opt.MaxBodyBytes, DefaultMaxBodyBytes)
	opt.Timeout = cmp.Or(opt.Timeout, 30*time.Second)
	srv := handler.New(NewExecutableSchema(Config{Resolvers: &Resolver{Graph: g, Importer: opt.Importer, Words: opt.Words}}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if !opt.NoIntrospection {
		srv.Use(extension.Introspection{})
	} else {
		srv.SetDisableSuggestion(true) // suggestions would spell out the schema
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(limits{depth: opt.DepthLimit, fields: opt.FieldLimit, cost: opt.ComplexityLimit, noIntrospection: opt.NoIntrospection})
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(func(ctx context.Context, err any) error {
		slog.ErrorContext(ctx, "graphql: panic", "panic", err, "stack", string(debug.Stack()))
		return graph.Errorf(graph.EINTERNAL, "internal error")
	})
	srv.AroundResponses(noteCacheable)
	var h http.Handler = srv
	h = WithLoaders(g.Store, h)
	h = withResponseCache(g.Store, opt.ResponseCache, h)
	h = withAuth(opt.Token, opt.PrivateQueries, h)
	h = withAuthor(opt.Author, h)
	h = http.TimeoutHandler(h, opt.Timeout, `{"errors":[{"message":"the query took longer than the server allows","extensions":{"code":"timeout"}}]}`)
	return limitBody(opt.MaxBodyBytes, h)
}

// limitBody refuses a body longer than max with 413 before anything reads
// it, whether its length is declared or not.
func limitBody(limit int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the request body is larger than the %d bytes allowed", limit))
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
			if err != nil {
				var tooLarge *http.MaxBytesError
				if errors.As(err, &tooLarge) {
					writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the request body is larger than the %d bytes allowed", limit))
				} else {
					writeError(w, http.StatusBadRequest, graph.EINVALID, "the request body could not be read")
				}
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(b))
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
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if ok && subtle.ConstantTimeCompare([]byte(got), want) == 1 {
				a = admitted
			}
		}
		if private && a != admitted && r.Method != http.MethodOptions {
			w.Header().Set("WWW-Authenticate", `Bearer realm="alaqat"`)
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
