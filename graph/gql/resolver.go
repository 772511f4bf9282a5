package gql

import "github.com/alaqat/alaqat/graph"

// Resolver is the root of the resolvers: the graph to query, and the
// importer that mutations use (nil: the API is read-only).
type Resolver struct {
	Graph    *graph.Graph
	Importer Importer
	// Words are those of titles in Arabic (graph.TitleWords); without them,
	// titles asked for in Arabic keep English words around Arabic names.
	Words   *graph.TitleWords
	metrics *Metrics
}
