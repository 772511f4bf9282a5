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
// MaxNeighbourhoodNodes, the centre included).
//
// Which, when there are more: with two hops, the first takes at most
// half the room, so that a country's partners (two hops away, through
// its agreements) are not crowded out by its hundreds of agreements; the
// second hop walks from the entities kept at the first and takes what it
// can; room left is given back to the first hop. Within a hop the kinds
// take turns in the order of Kinds, so that agreements do not crowd out
// persons either; within a kind, the entities linked to more of those
// already kept come first (the partner of ten agreements before that of
// one), then the newest, the undated after the dated, then by id. The
// answer is the same in every backend.
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
	out := &Neighbourhood{}
	room := first - 1
	// seen holds the centre and every entity of the first hop, kept or
	// not: none of them is two hops away.
	seen := map[string]bool{center.ID: true}
	ring1, cut, err := g.ring(ctx, []string{center.ID}, seen, room, f)
	if err != nil {
		return nil, err
	}
	out.Truncated = cut
	take1 := len(ring1)
	if hops == 2 {
		take1 = min(take1, max(room/2, 1))
	}
	take1 = min(take1, room)
	var ring2 []*Node
	if hops == 2 && take1 > 0 {
		for _, n := range ring1 {
			seen[n.ID] = true
		}
		frontier := make([]string, take1)
		for i, n := range ring1[:take1] {
			frontier[i] = n.ID
		}
		slices.Sort(frontier)
		if ring2, cut, err = g.ring(ctx, frontier, seen, room-take1, f); err != nil {
			return nil, err
		}
		out.Truncated = out.Truncated || cut
		if len(ring2) > room-take1 {
			ring2, out.Truncated = ring2[:room-take1], true
		}
	}
	// The room the second hop left goes back to the first.
	take1 = min(len(ring1), room-len(ring2))
	if take1 < len(ring1) {
		out.Truncated = true
	}
	out.Nodes = append(out.Nodes, Neighbour{Node: center.Clone()})
	for hop, ring := range [][]*Node{ring1[:take1], ring2} {
		ring = byKind(ring)
		for _, n := range ring {
			out.Nodes = append(out.Nodes, Neighbour{Node: n.Clone(), Hops: hop + 1})
		}
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

// ring returns the entities one relation away from frontier and not
// seen, that the filter lets through, in the order Neighbourhood takes
// them (see there); room bounds how many are read, and cut tells
// whether some were left unread.
func (g *Graph) ring(ctx context.Context, frontier []string, seen map[string]bool, room int, f NeighbourhoodFilter) (_ []*Node, cut bool, _ error) {
	outgoing, err := g.Store.Edges(ctx, EdgeQuery{From: frontier})
	if err != nil {
		return nil, false, err
	}
	incoming, err := g.Store.Edges(ctx, EdgeQuery{To: frontier})
	if err != nil {
		return nil, false, err
	}
	// How many relations link each entity to the frontier.
	links := map[string]int{}
	note := func(id string) {
		if !seen[id] && (len(f.Kinds) == 0 || slices.Contains(f.Kinds, KindOf(id))) {
			links[id]++
		}
	}
	for _, e := range outgoing {
		note(e.To)
	}
	for _, e := range incoming {
		note(e.From)
	}
	ids := make([]string, 0, len(links))
	for id := range links {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(links[b], links[a]), cmp.Compare(a, b)) })
	if limit := maxNeighbourhoodCandidates * max(room, 1); len(ids) > limit {
		ids, cut = ids[:limit], true
	}
	nodes, err := g.Store.Nodes(ctx, ids)
	if err != nil {
		return nil, false, err
	}
	kinds := map[Kind][]*Node{}
	for _, n := range nodes {
		if (n.Kind == KindAgreement || n.Kind == KindMeeting) && !InRange(n.Date, f.From, f.To) {
			continue
		}
		kinds[n.Kind] = append(kinds[n.Kind], n)
	}
	total := 0
	for _, ns := range kinds {
		slices.SortFunc(ns, func(a, b *Node) int {
			return cmp.Or(cmp.Compare(links[b.ID], links[a.ID]), newestFirst(a.Date, b.Date), cmp.Compare(a.ID, b.ID))
		})
		total += len(ns)
	}
	// The kinds take turns: the best of each, then the second best…
	ranked := make([]*Node, 0, total)
	for turn := 0; len(ranked) < total; turn++ {
		for _, k := range Kinds {
			if ns := kinds[k]; turn < len(ns) {
				ranked = append(ranked, ns[turn])
			}
		}
	}
	return ranked, cut, nil
}

// byKind orders the entities of one hop for showing: by kind, in the
// order of Kinds, each kind in the order it was taken.
func byKind(ns []*Node) []*Node {
	ns = slices.Clone(ns)
	slices.SortStableFunc(ns, func(a, b *Node) int { return cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)) })
	return ns
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
