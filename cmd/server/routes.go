package main

import (
	"net/http"

	graphiql "github.com/99designs/gqlgen/graphql/playground"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/alaqat/alaqat/graph/gql"
)

// routes is every path the server answers, in one place: the GraphQL
// endpoint api, its pages, health and metrics (reg, when not nil, behind
// the token with private).
func routes(api, health http.Handler, reg *prometheus.Registry, token string, private, playground bool) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/graphql", api)
	if playground {
		mux.Handle("GET /{$}", graphiql.Handler("Alaqat", "/graphql"))
	}
	timeline := gql.TimelinePage()
	mux.Handle("GET /timeline", timeline)
	mux.Handle("GET /timeline/", timeline) // its script, style and vis-timeline
	mux.Handle("GET /healthz", health)
	if reg != nil {
		var metrics http.Handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{MaxRequestsInFlight: 2})
		if private {
			metrics = gql.RequireToken(token, metrics)
		}
		mux.Handle("GET /metrics", metrics)
	}
	return mux
}
