package loader

import (
	"context"
	"slices"
	"strings"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/arabic"
	"github.com/alaqat/alaqat/loader/extract"
)

// ResolvePersons gives a person the gazetteer does not know the id of a
// person already in the store when both hold the same office of the same
// country and their names agree across scripts (arabic.SameName): "قيس بن
// محمد اليوسف, وزير التجارة العماني" in an Arabic article is the "Qais Al
// Yousef, Oman's Minister of Commerce" an English article brought before.
// Nothing is merged on a name alone, and nothing when two stored persons
// would fit. The facts are rewritten in place, evidence included.
func ResolvePersons(ctx context.Context, store graph.Store, x *extract.Extractor, f *graph.Facts) error {
	// The persons to resolve: unknown to the gazetteer and to the store.
	var ids []string
	for _, n := range f.Nodes {
		if n.Kind == graph.KindPerson && !x.KnowsPerson(n.ID) {
			ids = append(ids, n.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	stored, err := store.Nodes(ctx, ids)
	if err != nil {
		return err
	}
	unknown := map[string]bool{}
	for _, id := range ids {
		unknown[id] = true
	}
	for _, n := range stored {
		delete(unknown, n.ID) // the store knows this id: nothing to resolve
	}
	// Their offices, and the stored holders of offices in the same places,
	// read once for all of them.
	var offices []graph.Edge
	var places []string
	for _, e := range f.Edges {
		if e.Type == graph.HoldsOffice && unknown[e.From] && e.Title != "" {
			offices = append(offices, e)
			if !slices.Contains(places, e.To) {
				places = append(places, e.To)
			}
		}
	}
	if len(offices) == 0 {
		return nil
	}
	held, err := store.Edges(ctx, graph.EdgeQuery{Types: []string{graph.HoldsOffice}, To: places})
	if err != nil {
		return err
	}
	var holderIDs []string
	for _, h := range held {
		if !unknown[h.From] && !slices.Contains(holderIDs, h.From) {
			holderIDs = append(holderIDs, h.From)
		}
	}
	holders, err := store.Nodes(ctx, holderIDs)
	if err != nil {
		return err
	}
	byID := make(map[string]*graph.Node, len(holders))
	for _, h := range holders {
		byID[h.ID] = h
	}
	inFacts := map[string]bool{}
	for _, n := range f.Nodes {
		inFacts[n.ID] = true
	}
	rename := map[string]string{}
	for _, n := range f.Nodes {
		if !unknown[n.ID] {
			continue
		}
		match, ambiguous := "", false
		for _, e := range offices {
			if e.From != n.ID {
				continue
			}
			id, one := samePerson(n, e, held, byID)
			switch {
			case !one:
				ambiguous = true
			case id == "":
			case inFacts[id] || match != "" && match != id:
				ambiguous = true // two answers: no guess
			default:
				match = id
			}
		}
		if match != "" && !ambiguous {
			rename[n.ID] = match
			inFacts[match] = true
		}
	}
	if len(rename) > 0 {
		renameNodes(f, rename)
	}
	return nil
}

// samePerson returns the one stored person (among held's holders, byID)
// who holds an office of the rank of e in e's country or organization
// under a name that agrees with n's, or ""; one is false when several do.
// The rank, not the whole title, as articles name one portfolio
// differently ("Minister of Trade", "Minister of Commerce and Industry").
func samePerson(n graph.Node, e graph.Edge, held []graph.Edge, byID map[string]*graph.Node) (id string, one bool) {
	for _, h := range held {
		c := byID[h.From]
		if h.To != e.To || !sameRank(h.Title, e.Title) || c == nil || c.Kind != graph.KindPerson || c.ID == id || !agree(n, *c) {
			continue
		}
		if id != "" {
			return "", false // two stored persons fit: no guess
		}
		id = c.ID
	}
	return id, true
}

// agree reports whether some name of a and some name of b are one name.
func agree(a, b graph.Node) bool {
	for _, x := range names(a) {
		for _, y := range names(b) {
			if arabic.SameName(x, y) {
				return true
			}
		}
	}
	return false
}

func names(n graph.Node) []string {
	out := []string{n.Name}
	for _, nm := range n.Names {
		out = append(out, nm.Text)
	}
	return out
}

// renameNodes rewrites node ids in f: the nodes, the edges that join them
// and the evidence of both.
func renameNodes(f *graph.Facts, rename map[string]string) {
	to := func(id string) string {
		if n, ok := rename[id]; ok {
			return n
		}
		return id
	}
	keys := map[string]string{}
	for i, e := range f.Edges {
		old := e.Key()
		e.From, e.To = to(e.From), to(e.To)
		f.Edges[i] = e
		keys[old] = e.Key()
	}
	for i := range f.Nodes {
		f.Nodes[i].ID = to(f.Nodes[i].ID)
	}
	for i, ev := range f.Evidence {
		if k, ok := keys[ev.Fact]; ok {
			f.Evidence[i].Fact = k
		} else {
			f.Evidence[i].Fact = to(ev.Fact)
		}
	}
}

// sameRank reports whether two office titles are of one rank: the same
// first word (Minister, Ambassador, Deputy …).
func sameRank(a, b string) bool {
	fa, _, _ := strings.Cut(a, " ")
	fb, _, _ := strings.Cut(b, " ")
	return strings.EqualFold(fa, fb)
}

// Apply stores one article's facts: persons resolved against the store
// (ResolvePersons), then store.Apply in one transaction.
func Apply(ctx context.Context, store graph.Store, x *extract.Extractor, f *graph.Facts) error {
	if err := ResolvePersons(ctx, store, x, f); err != nil {
		return err
	}
	return store.Apply(ctx, f)
}
