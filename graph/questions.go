package graph

import (
	"context"
	"errors"
	"slices"
)

// Questions is a Store that answers the analysts' heaviest questions
// itself, each in one statement (Cypher on Neo4j, SQL on SQLite), where
// Graph would otherwise compute the answer from many small reads. Graph
// asks it when the store has it and the question fits, and keeps its own
// computation (from Store's reads alone) as the reference: the conformance
// suite holds each method to the answer that computation gives.
//
// A method may return an error wrapping errors.ErrUnsupported (a wrapper
// over a store without it); Graph then computes the answer itself.
type Questions interface {
	// Involved returns the nodes of q.Kinds that an edge of one of q.Rels
	// joins to someone of the side (see Graph.Side) of every node of
	// q.Sides, in any order: whole nodes when q.Full, otherwise with only
	// ID, Kind and Date set. ENOTFOUND when a node of q.Sides is not in
	// the graph.
	Involved(ctx context.Context, q InvolvedQuery) ([]*Node, error)

	// SearchNodes returns at most q.First nodes as Graph.Search ranks them.
	SearchNodes(ctx context.Context, q SearchQuery) ([]*Node, error)

	// OfficesIn returns the HOLDS_OFFICE edges held in the sides of these
	// nodes, as Graph.Timeline lists them: for a country, the edges into it
	// and into the organizations based in it or holding an office of it;
	// for an organization, the edges into it; for a person, the edges from
	// it. Ordered as Store.Edges orders edges, duplicates removed.
	OfficesIn(ctx context.Context, nodes []string) ([]Edge, error)

	// ShortestPaths returns up to first shortest paths between two nodes
	// (ids), of at most maxHops steps, in Graph.Paths' order.
	ShortestPaths(ctx context.Context, from, to string, maxHops, first int) ([]Path, error)

	// EdgesWithEnds returns what Store.Edges(q) returns and, read in the
	// same call, the nodes at the ends that q leaves open: the edges' To
	// nodes when q.From is given, otherwise their From nodes; each once, in
	// no particular order. A page's parties, participants and places cost
	// one read instead of Edges' and then Nodes'.
	EdgesWithEnds(ctx context.Context, q EdgeQuery) ([]Edge, []*Node, error)

	// InvolvedPage returns the page of Involved's nodes that Graph's
	// Agreements and Meetings give for sides, a date range and a date
	// cursor: the total in the range, the page's whole nodes in order,
	// and the q.With edges of the page's nodes with the nodes at their
	// other ends. A page of agreements between two countries with their
	// parties is one read.
	InvolvedPage(ctx context.Context, q PageQuery) (InvolvedPage, error)
}

// PageQuery selects a page for Questions.InvolvedPage.
type PageQuery struct {
	Kinds    []Kind   // agreements, meetings
	Rels     []string // PARTY_TO, PARTICIPATED_IN
	Sides    []string // node ids, at least one
	From, To *PartialDate
	Order    Order
	First    int   // at least 0
	After    *Node // the place a date cursor holds (ID and Date), nil for the first page
	With     []Along
}

// InvolvedPage is a page that Questions.InvolvedPage reads.
type InvolvedPage struct {
	Total   int     // the nodes in the range, before the cursor too
	Nodes   []*Node // the page, at most First
	HasNext bool
	Edges   []Edge  // the PageQuery.With edges of Nodes, ordered by CompareEdges
	Ends    []*Node // the nodes at their other ends, each once
}

// InvolvedQuery selects nodes for Questions.Involved.
type InvolvedQuery struct {
	Kinds []Kind   // agreements, meetings
	Rels  []string // PARTY_TO, PARTICIPATED_IN
	Sides []string // node ids, at least one
	Full  bool     // whole nodes, not only their ids and dates
}

// SearchQuery is a search for Questions.SearchNodes, as Graph.Search
// states it: Text folded (see Fold), Code the text when it is an ISO code
// of a country (see isCode), Kinds those to search (all when empty).
type SearchQuery struct {
	Text  string
	Code  string
	Kinds []Kind
	First int
}

// questions returns the store's Questions, if it has them.
func (g *Graph) questions() (Questions, bool) {
	q, ok := g.Store.(Questions)
	return q, ok
}

// unsupported tells whether a Questions method left the question to Graph.
func unsupported(err error) bool { return errors.Is(err, errors.ErrUnsupported) }

// PathLess orders two shortest paths between the same nodes as Graph.Paths
// lists them: by their last steps first (the walk back from the target),
// each step by whether it follows its edge's direction (those first), then
// by the edge's type, From, To and Title. Stores that find paths
// themselves sort them with it.
func PathLess(a, b Path) int {
	for i, j := len(a)-1, len(b)-1; i >= 0 && j >= 0; i, j = i-1, j-1 {
		if c := compareSteps(a[i], b[j]); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

func compareSteps(a, b Step) int {
	ra, rb := a.Edge.From != a.From, b.Edge.From != b.From // walked against the edge
	switch {
	case ra != rb && !ra:
		return -1
	case ra != rb:
		return 1
	}
	return CompareEdges(a.Edge, b.Edge)
}

// SortPaths sorts paths in Graph.Paths' order (see PathLess) and keeps the
// first.
func SortPaths(paths []Path, first int) []Path {
	slices.SortFunc(paths, PathLess)
	if len(paths) > first {
		paths = paths[:first]
	}
	return paths
}
