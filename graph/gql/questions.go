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

// questions returns the store's Questions, or an error saying it has none.
func (s meteredStore) questions(method string) (graph.Questions, error) {
	if q, ok := s.Store.(graph.Questions); ok {
		return q, nil
	}
	return nil, fmt.Errorf("%s: %w", method, errors.ErrUnsupported)
}

// Involved passes through, counted.
func (s meteredStore) Involved(ctx context.Context, q graph.InvolvedQuery) ([]*graph.Node, error) {
	qs, err := s.questions("Involved")
	if err != nil {
		return nil, err
	}
	done, err := s.enter(ctx, "Involved")
	if err != nil {
		return nil, err
	}
	defer done()
	ns, err := qs.Involved(ctx, q)
	if err = s.spend(ctx, err, len(ns), nodesSize(ns)); err != nil {
		return nil, err
	}
	return ns, nil
}

// SearchNodes passes through, counted.
func (s meteredStore) SearchNodes(ctx context.Context, q graph.SearchQuery) ([]*graph.Node, error) {
	qs, err := s.questions("SearchNodes")
	if err != nil {
		return nil, err
	}
	done, err := s.enter(ctx, "SearchNodes")
	if err != nil {
		return nil, err
	}
	defer done()
	ns, err := qs.SearchNodes(ctx, q)
	if err = s.spend(ctx, err, len(ns), nodesSize(ns)); err != nil {
		return nil, err
	}
	return ns, nil
}

// OfficesIn passes through, counted.
func (s meteredStore) OfficesIn(ctx context.Context, nodes []string) ([]graph.Edge, error) {
	qs, err := s.questions("OfficesIn")
	if err != nil {
		return nil, err
	}
	done, err := s.enter(ctx, "OfficesIn")
	if err != nil {
		return nil, err
	}
	defer done()
	es, err := qs.OfficesIn(ctx, nodes)
	if err = s.spend(ctx, err, len(es), edgesSize(es)); err != nil {
		return nil, err
	}
	return es, nil
}

// ShortestPaths passes through, counted.
func (s meteredStore) ShortestPaths(ctx context.Context, from, to string, maxHops, first int) ([]graph.Path, error) {
	qs, err := s.questions("ShortestPaths")
	if err != nil {
		return nil, err
	}
	done, err := s.enter(ctx, "ShortestPaths")
	if err != nil {
		return nil, err
	}
	defer done()
	ps, err := qs.ShortestPaths(ctx, from, to, maxHops, first)
	rows, size := 0, 0
	for _, p := range ps {
		for _, st := range p {
			rows++
			size += len(st.From) + len(st.To) + len(st.Edge.Type) + len(st.Edge.Title) + 16
		}
	}
	if err = s.spend(ctx, err, rows, size); err != nil {
		return nil, err
	}
	return ps, nil
}
