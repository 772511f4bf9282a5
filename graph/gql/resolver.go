package gql

import "github.com/alaqat/alaqat/graph"

// Resolver is the root of the resolvers: the graph to query, and the
// importer that mutations use (nil: the API is read-only).
type Resolver struct {
	Graph    *graph.Graph
	Importer Importer
	metrics  *Metrics
}
