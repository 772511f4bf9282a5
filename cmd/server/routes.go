package main

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/alaqat/alaqat/graph/gql"
	"github.com/alaqat/alaqat/graph/gql/pages"
)

// routes is every path the server answers, in one place: the GraphQL
// endpoint api, its pages, health and metrics (reg, when not nil, behind
// the token with private).
func routes(api, health http.Handler, reg *prometheus.Registry, token string, private, playground bool) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/graphql", api)
	pages.Register(mux, pages.Options{NoGraphiQL: !playground}) // GraphiQL, timeline, network view
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
