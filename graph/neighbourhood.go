package graph

import (
	"cmp"
	"context"
	"slices"
)

// Bounds of Neighbourhood: a drawing of more than a few hundred entities
// reads as a hairball, and three hops from a country reach most of a graph.
const (
	MaxNeighbourhoodHops  = 2
	MaxNeighbourhoodNodes = 500
	// maxNeighbourhoodEdges bounds the relations drawn per entity drawn.
	maxNeighbourhoodEdges = 8
	// maxNeighbourhoodCandidates bounds the entities of one hop read
	// (for their dates) per entity drawn: a country is one hop from
	// thousands of agreements, of which only the best linked are read.
	maxNeighbourhoodCandidates = 20
)

// NeighbourhoodFilter narrows a Neighbourhood, as the timeline's filter
// does: Kinds are the kinds of entity shown and walked through (all when
// empty; the centre is always shown); From and To keep the agreements
// and meetings dated within them, dropping undated ones when either is set.
type NeighbourhoodFilter struct {
	Kinds    []Kind
	From, To *PartialDate
}

// Neighbour is one entity of a neighbourhood and how many relations away
// from the centre it is.
type Neighbour struct {
	Node *Node
	Hops int
}

// Neighbourhood is the part of the graph around one entity, for drawing.
type Neighbourhood struct {
	// Nodes has the centre first, then the entities one hop away, then
	// two hops; within a hop by kind, in the order of Kinds, and within a
	// kind in the order Graph.Neighbourhood chose them.
	Nodes []Neighbour
	// Edges are every relation among Nodes, in Store.Edges' order.
	Edges []Edge
	// Truncated tells that more was within reach than the bound allowed.
	Truncated bool
}

// Neighbourhood returns the entities within hops (1 or 2) relations of
// the one ref names, following relations either way, and the relations
// among them: a country's agreements, organizations, officials and
// meetings at one hop, and their other parties, participants and places
// at two. At most first entities are kept (between 1 and
// MaxNeighbourhoodNodes, the centre included), the nearer hop first.
// Within a hop, the kinds take turns in the order of Kinds, so that
// thousands of agreements do not crowd out the persons; within a kind,
// the entities linked to more of those already kept come first, then the
// newest, the undated after the dated, then by id. The second hop walks
// from the entities kept at the first only. The answer is the same in
// every backend.
func (g *Graph) Neighbourhood(ctx context.Context, ref string, hops, first int, f NeighbourhoodFilter) (*Neighbourhood, error) {
	if hops < 1 || hops > MaxNeighbourhoodHops {
		return nil, Errorf(EINVALID, "hops must be 1 or %d", MaxNeighbourhoodHops)
	}
	if first < 1 || first > MaxNeighbourhoodNodes {
		return nil, Errorf(EINVALID, "first must be between 1 and %d", MaxNeighbourhoodNodes)
	}
	for _, k := range f.Kinds {
		if !k.Valid() {
			return nil, Errorf(EINVALID, "unknown kind %q", k)
		}
	}
	ctx, _, _ = g.generation(ctx) // one reading of it for every read below
	center, err := g.Resolve(ctx, ref)
	if err != nil {
		return nil, err
	}
	out := &Neighbourhood{Nodes: []Neighbour{{Node: center.Clone()}}}
	kept := map[string]bool{center.ID: true}
	frontier := []string{center.ID}
	for hop := 1; hop <= hops && len(frontier) > 0; hop++ {
		outgoing, err := g.Store.Edges(ctx, EdgeQuery{From: frontier})
		if err != nil {
			return nil, err
		}
		incoming, err := g.Store.Edges(ctx, EdgeQuery{To: frontier})
		if err != nil {
			return nil, err
		}
		// How many relations link each entity of this hop to those kept.
		links := map[string]int{}
		note := func(id string) {
			if !kept[id] && (len(f.Kinds) == 0 || slices.Contains(f.Kinds, KindOf(id))) {
				links[id]++
			}
		}
		for _, e := range outgoing {
			note(e.To)
		}
		for _, e := range incoming {
			note(e.From)
		}
		room := first - len(out.Nodes)
		if room == 0 {
			out.Truncated = len(links) > 0
			break
		}
		found, cut, err := g.neighbours(ctx, links, room, f)
		if err != nil {
			return nil, err
		}
		out.Truncated = out.Truncated || cut
		frontier = frontier[:0]
		for _, n := range found {
			kept[n.ID] = true
			out.Nodes = append(out.Nodes, Neighbour{Node: n.Clone(), Hops: hop})
			frontier = append(frontier, n.ID)
		}
		slices.Sort(frontier)
	}
	ids := make([]string, 0, len(out.Nodes))
	for _, n := range out.Nodes {
		ids = append(ids, n.Node.ID)
	}
	slices.Sort(ids)
	edges, err := g.Store.Edges(ctx, EdgeQuery{From: ids, To: ids})
	if err != nil {
		return nil, err
	}
	if limit := maxNeighbourhoodEdges * first; len(edges) > limit {
		edges, out.Truncated = edges[:limit], true
	}
	out.Edges = edges
	return out, nil
}

// neighbours picks at most room of the entities of one hop (ids, each
// with the relations linking it to those kept), in the order
// Neighbourhood states; cut tells whether some were left out for room.
func (g *Graph) neighbours(ctx context.Context, links map[string]int, room int, f NeighbourhoodFilter) (_ []*Node, cut bool, _ error) {
	ids := make([]string, 0, len(links))
	for id := range links {
		ids = append(ids, id)
	}
	byLinks := func(a, b string) int { return cmp.Or(cmp.Compare(links[b], links[a]), cmp.Compare(a, b)) }
	slices.SortFunc(ids, byLinks)
	if limit := maxNeighbourhoodCandidates * room; len(ids) > limit {
		ids, cut = ids[:limit], true
	}
	nodes, err := g.Store.Nodes(ctx, ids)
	if err != nil {
		return nil, false, err
	}
	byKind := map[Kind][]*Node{}
	for _, n := range nodes {
		if (n.Kind == KindAgreement || n.Kind == KindMeeting) && !InRange(n.Date, f.From, f.To) {
			continue
		}
		byKind[n.Kind] = append(byKind[n.Kind], n)
	}
	for _, ns := range byKind {
		slices.SortFunc(ns, func(a, b *Node) int {
			return cmp.Or(cmp.Compare(links[b.ID], links[a.ID]), newestFirst(a.Date, b.Date), cmp.Compare(a.ID, b.ID))
		})
	}
	total := 0
	for _, ns := range byKind {
		total += len(ns)
	}
	var picked []*Node
	for turn := 0; len(picked) < min(room, total); turn++ {
		for _, k := range Kinds {
			if ns := byKind[k]; turn < len(ns) && len(picked) < room {
				picked = append(picked, ns[turn])
			}
		}
	}
	// Shown by kind, each kind in its order.
	rank := map[*Node]int{}
	for _, ns := range byKind {
		for i, n := range ns {
			rank[n] = i
		}
	}
	slices.SortFunc(picked, func(a, b *Node) int {
		return cmp.Or(cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), cmp.Compare(rank[a], rank[b]))
	})
	cut = cut || total > len(picked)
	return picked, cut, nil
}

// newestFirst orders dates newest first, undated last.
func newestFirst(a, b *PartialDate) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return ComparePartialDates(b, a)
}
