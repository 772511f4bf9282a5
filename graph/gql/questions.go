package gql

import (
	"context"
	"errors"
	"fmt"

	"github.com/alaqat/alaqat/graph"
)

// The store's own answers to the analysts' questions (graph.Questions)
// pass through the meter like its other reads, counted against the
// request's budget. Over a store without them, each says so
// (errors.ErrUnsupported) and Graph answers from the store's reads.

var _ graph.Questions = meteredStore{}

// ask asks the store one of its questions through the meter: measure
// tells the rows and bytes of the answer.
func ask[T any](ctx context.Context, s meteredStore, method string, fn func(graph.Questions) (T, error), measure func(T) (rows, bytes int)) (T, error) {
	var zero T
	q, ok := s.Store.(graph.Questions)
	if !ok {
		return zero, fmt.Errorf("%s: %w", method, errors.ErrUnsupported)
	}
	done, err := s.enter(ctx, method)
	if err != nil {
		return zero, err
	}
	defer done()
	v, err := fn(q)
	rows, bytes := measure(v)
	if err = s.spend(ctx, err, rows, bytes); err != nil {
		return zero, err
	}
	return v, nil
}

func measureNodes(ns []*graph.Node) (int, int) { return len(ns), nodesSize(ns) }

// Involved passes through, counted.
func (s meteredStore) Involved(ctx context.Context, q graph.InvolvedQuery) ([]*graph.Node, error) {
	return ask(ctx, s, "Involved", func(qs graph.Questions) ([]*graph.Node, error) { return qs.Involved(ctx, q) }, measureNodes)
}

// SearchNodes passes through, counted.
func (s meteredStore) SearchNodes(ctx context.Context, q graph.SearchQuery) ([]*graph.Node, error) {
	return ask(ctx, s, "SearchNodes", func(qs graph.Questions) ([]*graph.Node, error) { return qs.SearchNodes(ctx, q) }, measureNodes)
}

// OfficesIn passes through, counted.
func (s meteredStore) OfficesIn(ctx context.Context, nodes []string) ([]graph.Edge, error) {
	return ask(ctx, s, "OfficesIn", func(qs graph.Questions) ([]graph.Edge, error) { return qs.OfficesIn(ctx, nodes) },
		func(es []graph.Edge) (int, int) { return len(es), edgesSize(es) })
}

// ShortestPaths passes through, counted: a row and an edge's bytes a step.
func (s meteredStore) ShortestPaths(ctx context.Context, from, to string, maxHops, first int) ([]graph.Path, error) {
	return ask(ctx, s, "ShortestPaths", func(qs graph.Questions) ([]graph.Path, error) { return qs.ShortestPaths(ctx, from, to, maxHops, first) },
		func(ps []graph.Path) (rows, bytes int) {
			for _, p := range ps {
				for _, st := range p {
					rows++
					bytes += len(st.From) + len(st.To) + len(st.Edge.Type) + len(st.Edge.Title) + 16
				}
			}
			return rows, bytes
		})
}

// EdgesWithEnds passes through, counted: a row an edge and a node.
func (s meteredStore) EdgesWithEnds(ctx context.Context, q graph.EdgeQuery) ([]graph.Edge, []*graph.Node, error) {
	type both struct {
		edges []graph.Edge
		ends  []*graph.Node
	}
	v, err := ask(ctx, s, "EdgesWithEnds", func(qs graph.Questions) (both, error) {
		es, ns, err := qs.EdgesWithEnds(ctx, q)
		return both{es, ns}, err
	}, func(v both) (int, int) { return len(v.edges) + len(v.ends), edgesSize(v.edges) + nodesSize(v.ends) })
	return v.edges, v.ends, err
}

// InvolvedPage passes through, counted: a row for each node the store went
// through (the total in the range), and for each node and edge returned,
// so that a page of a country's thousand agreements costs what reading
// them does.
func (s meteredStore) InvolvedPage(ctx context.Context, q graph.PageQuery) (graph.InvolvedPage, error) {
	return ask(ctx, s, "InvolvedPage", func(qs graph.Questions) (graph.InvolvedPage, error) { return qs.InvolvedPage(ctx, q) },
		func(p graph.InvolvedPage) (int, int) {
			return p.Total + len(p.Nodes) + len(p.Edges) + len(p.Ends), nodesSize(p.Nodes) + edgesSize(p.Edges) + nodesSize(p.Ends)
		})
}
