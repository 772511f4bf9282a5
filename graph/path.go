package graph

import (
	"context"
	"slices"
)

// Step is one edge of a path, walked from From to To; Edge is the edge as
// stored, which may point the other way.
type Step struct {
	From string
	To   string
	Edge Edge
}

// Path is a chain of steps from one node to another.
type Path []Step

// MaxHops bounds Paths' search so that a query cannot walk the whole graph.
const MaxHops = 6

// Paths returns up to first shortest paths between two nodes, following
// edges either way, of at most maxHops steps. Paths come in a fixed order,
// that of Store.Edges along them, the same in every backend.
func (g *Graph) Paths(ctx context.Context, from, to string, maxHops, first int) ([]Path, error) {
	if maxHops < 1 || maxHops > MaxHops {
		return nil, Errorf(EINVALID, "maxHops must be between 1 and %d", MaxHops)
	}
	ctx, _, _ = g.generation(ctx) // one reading of it for every read below
	a, err := g.Resolve(ctx, from)
	if err != nil {
		return nil, err
	}
	b, err := g.Resolve(ctx, to)
	if err != nil {
		return nil, err
	}
	if a.ID == b.ID {
		return []Path{}, nil
	}
	if q, ok := g.questions(); ok {
		paths, err := q.ShortestPaths(ctx, a.ID, b.ID, maxHops, first)
		if !unsupported(err) {
			return paths, err
		}
	}
	// Breadth-first from a, one batch of edge reads per hop, remembering for
	// each node every edge that reached it first (its predecessors).
	dist := map[string]int{a.ID: 0}
	preds := map[string][]Step{}
	frontier := []string{a.ID}
	for hop := 1; hop <= maxHops && len(frontier) > 0 && dist[b.ID] == 0; hop++ {
		// First the edges from the frontier to b alone: when there are
		// some, they are all of b's predecessors, and the frontier's other
		// edges (thousands, from a country) need not be read at all. They
		// come in the order of the full reading below, of which they are
		// part.
		toB, err := g.Store.Edges(ctx, EdgeQuery{From: frontier, To: []string{b.ID}})
		if err != nil {
			return nil, err
		}
		fromB, err := g.Store.Edges(ctx, EdgeQuery{From: []string{b.ID}, To: frontier})
		if err != nil {
			return nil, err
		}
		if len(toB)+len(fromB) > 0 {
			for _, e := range toB {
				preds[b.ID] = append(preds[b.ID], Step{From: e.From, To: e.To, Edge: e})
			}
			for _, e := range fromB {
				preds[b.ID] = append(preds[b.ID], Step{From: e.To, To: e.From, Edge: e})
			}
			dist[b.ID] = hop
			break
		}
		out, err := g.Store.Edges(ctx, EdgeQuery{From: frontier})
		if err != nil {
			return nil, err
		}
		in, err := g.Store.Edges(ctx, EdgeQuery{To: frontier})
		if err != nil {
			return nil, err
		}
		steps := make([]Step, 0, len(out)+len(in))
		for _, e := range out {
			steps = append(steps, Step{From: e.From, To: e.To, Edge: e})
		}
		for _, e := range in {
			steps = append(steps, Step{From: e.To, To: e.From, Edge: e})
		}
		var next []string
		for _, s := range steps {
			d, seen := dist[s.To]
			if seen && d < hop {
				continue
			}
			if !seen {
				dist[s.To] = hop
				next = append(next, s.To)
			}
			preds[s.To] = append(preds[s.To], s)
		}
		slices.Sort(next)
		frontier = next
	}
	if _, ok := dist[b.ID]; !ok {
		return []Path{}, nil
	}
	// Walk back from b through predecessors, in order, until first paths.
	var paths []Path
	var walk func(at string, tail Path)
	walk = func(at string, tail Path) {
		if len(paths) >= first {
			return
		}
		if at == a.ID {
			p := slices.Clone(tail)
			slices.Reverse(p)
			paths = append(paths, p)
			return
		}
		for _, s := range preds[at] {
			if slices.ContainsFunc(tail, func(t Step) bool { return t.Edge.Key() == s.Edge.Key() }) {
				continue
			}
			walk(s.From, append(tail, s))
		}
	}
	walk(b.ID, nil)
	return paths, nil
}
