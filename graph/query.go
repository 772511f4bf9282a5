package graph

import (
	"cmp"
	"context"
	"encoding/base64"
	"slices"
	"strings"
)

// Graph answers analysts' questions over a Store. Its rules (what "between
// two states" means, how a timeline is ordered, which paths are shortest)
// are the same whatever the backend, because they live here and the backends
// only answer Store's primitive reads.
type Graph struct {
	Store Store

	memo memo // what was derived at the store's current generation
}

// New returns a Graph over s.
func New(s Store) *Graph { return &Graph{Store: s} }

// maxCandidates bounds how many nodes one search reads before ranking.
const maxCandidates = 2000

// Node returns one node by id, ENOTFOUND if it is not in the graph.
func (g *Graph) Node(ctx context.Context, id string) (*Node, error) {
	ns, err := g.Store.Nodes(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if len(ns) == 0 {
		return nil, Errorf(ENOTFOUND, "no entity %q", id)
	}
	return ns[0], nil
}

// Resolve returns the node an analyst's reference names: an id
// ("country:QA"), an ISO 3166 code of two or three letters ("QA", "QAT"), or
// an exact name in either language, compared folded. ENOTFOUND otherwise.
func (g *Graph) Resolve(ctx context.Context, ref string) (*Node, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil, Errorf(EINVALID, "empty entity reference")
	}
	if KindOf(ref).Valid() && strings.Contains(ref, ":") {
		if ns, err := g.Store.Nodes(ctx, []string{ref}); err != nil || len(ns) > 0 {
			return first1(ns, err)
		}
		// An id analysts merged into another names that other now.
		if to, err := g.mergedInto(ctx, ref); err != nil || to != "" {
			if err != nil {
				return nil, err
			}
			if ns, err := g.Store.Nodes(ctx, []string{to}); err != nil || len(ns) > 0 {
				return first1(ns, err)
			}
		}
	}
	if isCode(ref) {
		if c, err := g.byCode(ctx, ref); err != nil || c != nil {
			return c, err
		}
	}
	found, err := g.Search(ctx, ref, nil, 1)
	if err != nil {
		return nil, err
	}
	if len(found) == 1 && hasExactName(found[0], Fold(ref)) {
		return found[0], nil
	}
	return nil, Errorf(ENOTFOUND, "no entity %q", ref)
}

// mergedInto returns the entity a merge in force made id part of, or "".
func (g *Graph) mergedInto(ctx context.Context, id string) (string, error) {
	all, err := g.Store.Corrections(ctx, CorrectionQuery{})
	if err != nil {
		return "", err
	}
	if to := Redirect(MergeTargets(Active(all)), id); to != id {
		return to, nil
	}
	return "", nil
}

// byCode returns the country with an ISO 3166 alpha-2 or alpha-3 code, or
// nil.
func (g *Graph) byCode(ctx context.Context, code string) (*Node, error) {
	code = strings.ToUpper(code)
	if len(code) == 2 {
		ns, err := g.Store.Nodes(ctx, []string{"country:" + code})
		if err != nil || len(ns) == 0 {
			return nil, err
		}
		return ns[0], nil
	}
	countries, err := g.Store.FindNodes(ctx, NodeQuery{Kinds: []Kind{KindCountry}})
	if err != nil {
		return nil, err
	}
	for _, c := range countries {
		if c.ISO3 == code {
			return c, nil
		}
	}
	return nil, nil
}

func first1(ns []*Node, err error) (*Node, error) {
	if err != nil {
		return nil, err
	}
	return ns[0], nil
}

func isCode(s string) bool {
	if len(s) != 2 && len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func hasExactName(n *Node, folded string) bool {
	for _, x := range n.Names {
		if Fold(x.Text) == folded {
			return true
		}
	}
	return Fold(n.Name) == folded
}

// Search finds nodes by name in Arabic or English. Matches rank: a name
// equal to the text, then a name starting with it, then a word of a name
// starting with it, then any name containing it; ties go by kind, then id.
// An ISO code of a country finds the country too.
func (g *Graph) Search(ctx context.Context, text string, kinds []Kind, first int) ([]*Node, error) {
	q := Fold(text)
	if q == "" {
		return nil, Errorf(EINVALID, "search text is empty")
	}
	if first <= 0 {
		first = 20
	}
	if qs, ok := g.questions(); ok {
		code := ""
		if t := strings.TrimSpace(text); isCode(t) && (len(kinds) == 0 || slices.Contains(kinds, KindCountry)) {
			code = t
		}
		found, err := qs.SearchNodes(ctx, SearchQuery{Text: q, Code: code, Kinds: kinds, First: first})
		if !unsupported(err) {
			if len(found) == 0 {
				found = nil
			}
			return found, err
		}
	}
	ctx, _, _ = g.generation(ctx) // one reading of it for every read below
	// One read per kind, so that a thousand agreement titles naming Qatar
	// cannot crowd the country itself out of the candidates.
	var found []*Node
	for _, k := range Kinds {
		if len(kinds) > 0 && !slices.Contains(kinds, k) {
			continue
		}
		ns, err := g.Store.FindNodes(ctx, NodeQuery{Kinds: []Kind{k}, Text: text, Limit: maxCandidates})
		if err != nil {
			return nil, err
		}
		found = append(found, ns...)
	}
	if isCode(strings.TrimSpace(text)) && (len(kinds) == 0 || slices.Contains(kinds, KindCountry)) {
		c, err := g.byCode(ctx, strings.TrimSpace(text))
		if err != nil {
			return nil, err
		}
		if c != nil && !slices.ContainsFunc(found, func(n *Node) bool { return n.ID == c.ID }) {
			found = append(found, c)
		}
	}
	rank := func(n *Node) int {
		best := 4
		if n.ISO2 == strings.ToUpper(q) || n.ISO3 == strings.ToUpper(q) {
			best = 0
		}
		for _, name := range append([]Name{{Text: n.Name}}, n.Names...) {
			f := Fold(name.Text)
			switch {
			case f == q:
				best = min(best, 0)
			case strings.HasPrefix(f, q):
				best = min(best, 1)
			case strings.Contains(" "+f, " "+q) || strings.Contains(" "+f, " ال"+q):
				best = min(best, 2)
			case strings.Contains(f, q):
				best = min(best, 3)
			}
		}
		return best
	}
	slices.SortStableFunc(found, func(a, b *Node) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), cmp.Compare(a.ID, b.ID))
	})
	if len(found) > first {
		found = found[:first]
	}
	return found, nil
}

func kindOrder(k Kind) int { return slices.Index(Kinds, k) }

// Side returns the ids that act for a node: for a country, the country, the
// organizations based in it, and the persons holding an office of it or of
// one of its organizations; for anything else, the node alone.
func (g *Graph) Side(ctx context.Context, n *Node) (map[string]bool, error) {
	side, _, err := g.side(ctx, n)
	return side, err
}

// side is Side, with the offices held in the side that it reads on the way
// (HOLDS_OFFICE edges into the country and its organizations).
func (g *Graph) side(ctx context.Context, n *Node) (map[string]bool, []Edge, error) {
	side := map[string]bool{n.ID: true}
	if n.Kind != KindCountry {
		return side, nil, nil
	}
	in, err := g.Store.Edges(ctx, EdgeQuery{Types: []string{BasedIn, HoldsOffice}, To: []string{n.ID}})
	if err != nil {
		return nil, nil, err
	}
	var orgs []string
	var offices []Edge
	for _, e := range in {
		side[e.From] = true
		if KindOf(e.From) == KindOrganization {
			orgs = append(orgs, e.From)
		}
		if e.Type == HoldsOffice {
			offices = append(offices, e)
		}
	}
	if len(orgs) > 0 {
		staff, err := g.Store.Edges(ctx, EdgeQuery{Types: []string{HoldsOffice}, To: orgs})
		if err != nil {
			return nil, nil, err
		}
		for _, e := range staff {
			side[e.From] = true
		}
		offices = append(offices, staff...)
	}
	return side, offices, nil
}

// CountriesOf returns, for each id, the countries it stands for: a country
// itself, an organization's or a place's home country, a person's countries
// of office (directly or through an organization). Ids with none are absent.
func (g *Graph) CountriesOf(ctx context.Context, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	add := func(id, c string) {
		if !slices.Contains(out[id], c) {
			out[id] = append(out[id], c)
		}
	}
	var others []string
	for _, id := range ids {
		if KindOf(id) == KindCountry {
			add(id, id)
		} else {
			others = append(others, id)
		}
	}
	if len(others) == 0 {
		return out, nil
	}
	es, err := g.Store.Edges(ctx, EdgeQuery{Types: []string{BasedIn, HoldsOffice}, From: others})
	if err != nil {
		return nil, err
	}
	viaOrg := map[string][]string{} // org → persons of these ids holding office in it
	for _, e := range es {
		switch KindOf(e.To) {
		case KindCountry:
			add(e.From, e.To)
		case KindOrganization:
			viaOrg[e.To] = append(viaOrg[e.To], e.From)
		}
	}
	if len(viaOrg) > 0 {
		orgs := make([]string, 0, len(viaOrg))
		for o := range viaOrg {
			orgs = append(orgs, o)
		}
		slices.Sort(orgs)
		homes, err := g.Store.Edges(ctx, EdgeQuery{Types: []string{BasedIn}, From: orgs})
		if err != nil {
			return nil, err
		}
		for _, e := range homes {
			for _, p := range viaOrg[e.From] {
				add(p, e.To)
			}
		}
	}
	for id := range out {
		slices.Sort(out[id])
	}
	return out, nil
}

// Page is one page of a list, with the cursor to ask for the next.
type Page struct {
	Nodes     []*Node
	Total     int
	HasNext   bool
	EndCursor string

	// With is what the store read with the page (the filter's With), nil
	// when it did not: Edges are those edges of the page's nodes, ordered
	// by CompareEdges, and Ends the nodes at their other ends, each once.
	With  []Along
	Edges []Edge
	Ends  []*Node
}

// Cursor returns the opaque cursor that points after an id in a list
// ordered by id (articles).
func Cursor(id string) string { return base64.RawURLEncoding.EncodeToString([]byte(id)) }

// dateCursorPrefix marks a cursor that holds a place in a list ordered by
// date: the date and id of the node it points after.
const dateCursorPrefix = "d1|"

// DateCursor returns the opaque cursor that points after a node in a list
// ordered by date. It holds the node's place (its date and id), not the
// node, so it stays valid when the list changes between two pages: the
// next page starts after that place even if the node itself was deleted.
func DateCursor(n *Node) string {
	iso := ""
	if n.Date != nil {
		iso = n.Date.ISO()
	}
	return base64.RawURLEncoding.EncodeToString([]byte(dateCursorPrefix + iso + "|" + n.ID))
}

// cursorPlace reads a cursor: the place a date cursor (DateCursor) holds,
// its date and id, or nil and the id an older cursor holds.
func cursorPlace(after string) (place *Node, id string, err error) {
	raw, err := base64.RawURLEncoding.DecodeString(after)
	if err != nil {
		return nil, "", Errorf(EINVALID, "invalid cursor %q", after)
	}
	rest, ok := strings.CutPrefix(string(raw), dateCursorPrefix)
	if !ok {
		return nil, string(raw), nil
	}
	iso, nid, _ := strings.Cut(rest, "|")
	place = &Node{ID: nid}
	if iso != "" {
		if place.Date, err = ParsePartialDate(iso); err != nil || nid == "" {
			return nil, "", Errorf(EINVALID, "invalid cursor %q", after)
		}
	}
	return place, "", nil
}

// byDate returns the order of a list by date: undated last, ties by id.
func byDate(order Order) func(a, b *Node) int {
	return func(a, b *Node) int {
		c := ComparePartialDates(a.Date, b.Date)
		if order == DateDesc && a.Date != nil && b.Date != nil {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.ID, b.ID))
	}
}

// paginate returns the page of first nodes after the cursor, nodes being
// sorted in order.
func paginate(nodes []*Node, order Order, first int, after string) (Page, error) {
	p := Page{Total: len(nodes)}
	if first < 0 {
		return p, Errorf(EINVALID, "first must not be negative")
	}
	if after != "" {
		place, raw, err := cursorPlace(after)
		if err != nil {
			return p, err
		}
		if place != nil {
			cmp := byDate(order)
			i := slices.IndexFunc(nodes, func(n *Node) bool { return cmp(place, n) < 0 })
			if i < 0 {
				i = len(nodes)
			}
			nodes = nodes[i:]
		} else {
			// A cursor of the id alone, as servers before DateCursor gave.
			i := slices.IndexFunc(nodes, func(n *Node) bool { return n.ID == raw })
			if i < 0 {
				return p, Errorf(EINVALID, "cursor %q points at nothing in this list", after)
			}
			nodes = nodes[i+1:]
		}
	}
	if len(nodes) > first {
		nodes, p.HasNext = nodes[:first], true
	}
	p.Nodes = make([]*Node, len(nodes))
	for i, n := range nodes {
		p.Nodes[i] = n.Clone() // the list may be shared (see joinedAll)
	}
	if len(nodes) > 0 {
		p.EndCursor = DateCursor(nodes[len(nodes)-1])
	}
	return p, nil
}
