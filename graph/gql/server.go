package gql

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
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

// Options configure the GraphQL handler.
type Options struct {
	// Token, when set, is the bearer token that mutations need. Without
	// it the API is read-only.
	Token string
	// Importer imports articles for the importArticle mutation.
	Importer Importer
	// ComplexityLimit bounds the cost of one query (default 2000).
	ComplexityLimit int
	// Timeout bounds the time of one query (default 30s).
	Timeout time.Duration
}

// NewHandler returns the GraphQL endpoint over g: POST and GET, a
// complexity limit, persisted queries, introspection, per-request loaders,
// errors carrying their graph.Error code, and bearer-token checks for
// mutations.
func NewHandler(g *graph.Graph, opt Options) http.Handler {
	if opt.ComplexityLimit == 0 {
		opt.ComplexityLimit = 2000
	}
	if opt.Timeout == 0 {
		opt.Timeout = 30 * time.Second
	}
	srv := handler.New(NewExecutableSchema(Config{Resolvers: &Resolver{Graph: g, Importer: opt.Importer}}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(extension.FixedComplexityLimit(opt.ComplexityLimit))
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(func(ctx context.Context, err any) error {
		slog.ErrorContext(ctx, "graphql: panic", "panic", err, "stack", string(debug.Stack()))
		return graph.Errorf(graph.EINTERNAL, "internal error")
	})
	var h http.Handler = srv
	h = WithLoaders(g.Store, h)
	h = withAuth(opt.Token, h)
	return http.TimeoutHandler(h, opt.Timeout, `{"errors":[{"message":"query timed out"}]}`)
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

func withAuth(token string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		allowed := token != "" && ok && subtle.ConstantTimeCompare([]byte(got), []byte(token)) == 1
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authKey{}, allowed)))
	})
}

// authorize lets a mutation through only with the server's bearer token.
func authorize(ctx context.Context) error {
	if ok, _ := ctx.Value(authKey{}).(bool); ok {
		return nil
	}
	return graph.Errorf(graph.EUNAUTHORIZED, "changes need the server's bearer token (Authorization: Bearer …)")
}
