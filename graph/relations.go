package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// AgreementFilter selects agreements. Between names two sides (ids, ISO
// codes or names): an agreement matches when its parties include someone
// of each side, a company or minister counting for its country (see Side).
// Party names one side that must take part. From and To bound the date.
type AgreementFilter struct {
	Between []string
	Party   string
	Kinds   []AgreementKind
	Topic   string
	From    *PartialDate
	To      *PartialDate
	Text    string

	// With asks for the page's edges of some types, such as its parties
	// (PartyTo into each agreement), and the nodes at their other ends, in
	// Page.Edges and Page.Ends, when the store can read them with the
	// page. It selects nothing.
	With []Along
}

// Along is an edge type that a page's nodes bring along: the edges of
// Type into them, or out of them when Out.
type Along struct {
	Type string
	Out  bool
}

// MeetingFilter selects meetings; Between and Participant work as for
// agreements, with participants for parties. Topic matches a topic, Text
// the title, a name or a topic, both folded and in part.
type MeetingFilter struct {
	Between     []string
	Participant string
	Topic       string
	From        *PartialDate
	To          *PartialDate
	Text        string
	With        []Along // as AgreementFilter.With
}

// Order orders agreements by date.
type Order int

// Orders of a list by date. Undated items come last in both.
const (
	DateDesc Order = iota
	DateAsc
)

// Agreements returns one page of agreements, ordered by date.
func (g *Graph) Agreements(ctx context.Context, f AgreementFilter, order Order, first int, after string) (Page, error) {
	if len(f.Kinds) == 0 && f.Topic == "" && f.Text == "" {
		if p, done, err := g.lightPage(ctx, KindAgreement, PartyTo, f.Between, f.Party, f.From, f.To, order, first, after, f.With); done {
			return p, err
		}
	}
	all, err := g.involved(ctx, KindAgreement, PartyTo, f.Between, f.Party, order)
	if err != nil {
		return Page{}, err
	}
	nodes := slices.DeleteFunc(slices.Clone(all), func(n *Node) bool {
		if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, n.AgreementKind) {
			return true
		}
		return !matches(n, f.Topic, f.Text) || !InRange(n.Date, f.From, f.To)
	})
	return paginate(nodes, order, first, after)
}

// Meetings returns one page of meetings, ordered by date.
func (g *Graph) Meetings(ctx context.Context, f MeetingFilter, order Order, first int, after string) (Page, error) {
	if f.Topic == "" && f.Text == "" {
		if p, done, err := g.lightPage(ctx, KindMeeting, ParticipatedIn, f.Between, f.Participant, f.From, f.To, order, first, after, f.With); done {
			return p, err
		}
	}
	all, err := g.involved(ctx, KindMeeting, ParticipatedIn, f.Between, f.Participant, order)
	if err != nil {
		return Page{}, err
	}
	nodes := slices.DeleteFunc(slices.Clone(all), func(n *Node) bool { return !matches(n, f.Topic, f.Text) || !InRange(n.Date, f.From, f.To) })
	return paginate(nodes, order, first, after)
}

// lightPage is a page of agreements or meetings filtered by sides and
// dates alone, answered by the store (see Questions): the list holds only
// ids and dates, and only the page's nodes are read whole. done is false
// when the store cannot answer.
func (g *Graph) lightPage(ctx context.Context, kind Kind, rel string, between []string, party string, from, to *PartialDate, order Order, first int, after string, with []Along) (_ Page, done bool, _ error) {
	refs := slices.Clone(between)
	if party != "" {
		refs = append(refs, party)
	}
	if p, done, err := g.storePage(ctx, []Kind{kind}, []string{rel}, refs, from, to, order, first, after, with); done {
		return p, true, err
	}
	nodes, done, err := g.involvedIn(ctx, []Kind{kind}, []string{rel}, refs, order, false)
	if !done || err != nil {
		return Page{}, done, err
	}
	nodes = slices.DeleteFunc(nodes, func(n *Node) bool { return !InRange(n.Date, from, to) })
	p, err := paginate(nodes, order, first, after)
	if err != nil || len(p.Nodes) == 0 {
		return p, true, err
	}
	ids := make([]string, len(p.Nodes))
	for i, n := range p.Nodes {
		ids[i] = n.ID
	}
	if p.Nodes, err = g.Store.Nodes(ctx, ids); err != nil {
		return Page{}, true, err
	}
	return p, true, nil
}

// storePage is lightPage (and a timeline's first events) read by the
// store in one call (Questions.InvolvedPage), with the page's edges with;
// done is false when the store does not page, or the cursor is not a date
// cursor, and the caller goes on.
func (g *Graph) storePage(ctx context.Context, kinds []Kind, rels, refs []string, from, to *PartialDate, order Order, first int, after string, with []Along) (_ Page, done bool, _ error) {
	q, ok := g.questions()
	if !ok || len(refs) == 0 || first < 0 {
		return Page{}, false, nil
	}
	var place *Node
	if after != "" {
		var err error
		if place, _, err = cursorPlace(after); err != nil || place == nil {
			return Page{}, false, nil
		}
	}
	var ip InvolvedPage
	known, err := g.withSides(ctx, refs, func(sides []string) (err error) {
		ip, err = q.InvolvedPage(ctx, PageQuery{Kinds: kinds, Rels: rels, Sides: sides,
			From: from, To: to, Order: order, First: first, After: place, With: with})
		return err
	})
	switch {
	case unsupported(err):
		return Page{}, false, nil
	case err != nil:
		return Page{}, true, err
	case !known:
		return Page{Nodes: []*Node{}, With: with}, true, nil
	}
	p := Page{Nodes: ip.Nodes, Total: ip.Total, HasNext: ip.HasNext}
	if len(p.Nodes) > 0 {
		p.EndCursor = DateCursor(p.Nodes[len(p.Nodes)-1])
	}
	if len(with) > 0 {
		p.With, p.Edges, p.Ends = with, ip.Edges, ip.Ends
	}
	return p, true, nil
}

// matches reports whether a node has a topic containing topic and a title,
// name or topic containing text, compared folded; empty ones match all.
func matches(n *Node, topic, text string) bool {
	contains := func(s, sub string) bool { return strings.Contains(Fold(s), sub) }
	if topic = Fold(topic); topic != "" && !slices.ContainsFunc(n.Topics, func(t string) bool { return contains(t, topic) }) {
		return false
	}
	if text = Fold(text); text != "" && !contains(n.Title, text) && !contains(n.Name, text) &&
		!slices.ContainsFunc(n.Names, func(x Name) bool { return contains(x.Text, text) }) &&
		!slices.ContainsFunc(n.Topics, func(t string) bool { return contains(t, text) }) {
		return false
	}
	return true
}

// involved returns the nodes of kind (agreements or meetings) joined by rel
// to someone of every side named in between, and of party's side, sorted
// by date in order. The list and its nodes are shared (see joinedAll).
func (g *Graph) involved(ctx context.Context, kind Kind, rel string, between []string, party string, order Order) ([]*Node, error) {
	refs := slices.Clone(between)
	if party != "" {
		refs = append(refs, party)
	}
	return g.joinedAll(ctx, []Kind{kind}, []string{rel}, refs, order)
}

// joinedAll returns the nodes of kinds that edges of the types rels join
// to someone of the side (see Side) of every reference (every node of
// kinds when there is no reference), sorted by date in order. It returns
// none when a reference is the ISO code of a country the graph does not
// know yet, which has no dealings. The list is remembered for the store's
// generation and shared: callers copy it before changing it and clone the
// nodes they hand out.
func (g *Graph) joinedAll(ctx context.Context, kinds []Kind, rels []string, refs []string, order Order) ([]*Node, error) {
	if nodes, done, err := g.involvedIn(ctx, kinds, rels, refs, order, true); done || err != nil {
		return nodes, err
	}
	ctx, gen, ok := g.generation(ctx)
	sides := make([]*Node, 0, len(refs))
	key := []string{"joinedAll", fmt.Sprint(order), fmt.Sprint(kinds), fmt.Sprint(rels)}
	for _, ref := range refs {
		n, err := g.Resolve(ctx, ref)
		if ErrorCode(err) == ENOTFOUND && isCode(strings.TrimSpace(ref)) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		sides = append(sides, n)
		key = append(key, n.ID)
	}
	return remember(g, gen, ok, key, func() ([]*Node, error) {
		var nodes []*Node
		if len(sides) == 0 {
			var err error
			if nodes, err = g.Store.FindNodes(ctx, NodeQuery{Kinds: kinds}); err != nil {
				return nil, err
			}
		} else {
			sets := make([]map[string]bool, 0, len(sides))
			for _, n := range sides {
				joined, err := g.joined(ctx, gen, ok, rels, n)
				if err != nil {
					return nil, err
				}
				sets = append(sets, joined)
			}
			// The smallest set first: a hot country joins thousands of
			// nodes, a dyad a few hundred.
			slices.SortFunc(sets, func(a, b map[string]bool) int { return cmp.Compare(len(a), len(b)) })
			var ids []string
			for id := range sets[0] {
				if !slices.ContainsFunc(sets[1:], func(s map[string]bool) bool { return !s[id] }) {
					ids = append(ids, id)
				}
			}
			slices.Sort(ids)
			var err error
			if nodes, err = g.Store.Nodes(ctx, ids); err != nil {
				return nil, err
			}
		}
		nodes = slices.DeleteFunc(nodes, func(n *Node) bool { return !slices.Contains(kinds, n.Kind) })
		slices.SortFunc(nodes, byDate(order))
		return nodes, nil
	})
}

// involvedIn is joinedAll answered by the store (see Questions), when it
// can: done is false when it cannot. Without full, the nodes have only
// their id, kind and date.
func (g *Graph) involvedIn(ctx context.Context, kinds []Kind, rels []string, refs []string, order Order, full bool) (_ []*Node, done bool, _ error) {
	q, ok := g.questions()
	if !ok || len(refs) == 0 {
		return nil, false, nil
	}
	var nodes []*Node
	known, err := g.withSides(ctx, refs, func(sides []string) (err error) {
		nodes, err = q.Involved(ctx, InvolvedQuery{Kinds: kinds, Rels: rels, Sides: sides, Full: full})
		return err
	})
	switch {
	case unsupported(err):
		return nil, false, nil
	case err != nil || !known:
		return nil, true, err
	}
	nodes = slices.DeleteFunc(nodes, func(n *Node) bool { return !slices.Contains(kinds, n.Kind) })
	slices.SortFunc(nodes, byDate(order))
	return nodes, true, nil
}

// withSides calls ask with the ids of the nodes refs name. A reference
// that looks like a two-letter ISO code is taken for the country's id at
// first, without a read; only if ask finds no such node (ENOTFOUND) is
// every reference resolved (see Resolve) and ask called again. known is
// false, and ask not called again, when a reference is the ISO code of a
// country the graph does not know yet, which has no dealings.
func (g *Graph) withSides(ctx context.Context, refs []string, ask func(sides []string) error) (known bool, _ error) {
	sides := make([]string, len(refs))
	var guessed []int
	for i, ref := range refs {
		if ref = strings.TrimSpace(ref); len(ref) == 2 && isCode(ref) {
			sides[i], guessed = "country:"+ref, append(guessed, i)
		}
	}
	resolve := func() (bool, error) {
		for i, ref := range refs {
			if sides[i] != "" {
				continue
			}
			n, err := g.Resolve(ctx, ref)
			if ErrorCode(err) == ENOTFOUND && isCode(strings.TrimSpace(ref)) {
				return false, nil
			}
			if err != nil {
				return true, err
			}
			sides[i] = n.ID
		}
		return true, nil
	}
	known, err := resolve()
	switch {
	case known && err == nil:
		if err = ask(sides); ErrorCode(err) != ENOTFOUND || len(guessed) == 0 {
			return true, err
		}
	case len(guessed) == 0:
		return known, err
	}
	// Every reference resolved in order, as Resolve would: which one is
	// not found first decides the answer.
	for _, i := range guessed {
		sides[i] = ""
	}
	if known, err := resolve(); !known || err != nil {
		return known, err
	}
	return true, ask(sides)
}

// sides resolves each reference to the ids that act for it (see Side). It
// returns nil when a reference is the ISO code of a country the graph does
// not know yet, which has no dealings. With offices, it returns too the
// HOLDS_OFFICE edges in the sides: into a country or its organizations,
// into an organization, from a person.
func (g *Graph) sides(ctx context.Context, refs []string, offices bool) ([]map[string]bool, []Edge, error) {
	var out []map[string]bool
	var held []Edge
	for _, ref := range refs {
		n, err := g.Resolve(ctx, ref)
		if ErrorCode(err) == ENOTFOUND && isCode(strings.TrimSpace(ref)) {
			return nil, nil, nil
		}
		if err != nil {
			return nil, nil, err
		}
		side, inCountry, err := g.side(ctx, n)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, side)
		if !offices {
			continue
		}
		switch n.Kind {
		case KindCountry:
			held = append(held, inCountry...) // read on the way
		case KindOrganization, KindPerson:
			q := EdgeQuery{Types: []string{HoldsOffice}, To: []string{n.ID}}
			if n.Kind == KindPerson {
				q = EdgeQuery{Types: []string{HoldsOffice}, From: []string{n.ID}}
			}
			es, err := g.Store.Edges(ctx, q)
			if err != nil {
				return nil, nil, err
			}
			held = append(held, es...)
		}
	}
	return out, held, nil
}

// joined returns the ids of the nodes that edges of the types rels join to
// someone of n's side, remembered for the store's generation: a country's
// side and its thousands of agreements are read once, not per question.
func (g *Graph) joined(ctx context.Context, gen int64, ok bool, rels []string, n *Node) (map[string]bool, error) {
	return remember(g, gen, ok, append([]string{"joined", n.ID}, rels...), func() (map[string]bool, error) {
		side, err := remember(g, gen, ok, []string{"side", n.ID}, func() (map[string]bool, error) { return g.Side(ctx, n) })
		if err != nil {
			return nil, err
		}
		es, err := g.Store.Edges(ctx, EdgeQuery{Types: rels, From: keys(side)})
		if err != nil {
			return nil, err
		}
		ids := make(map[string]bool, len(es))
		for _, e := range es {
			ids[e.To] = true
		}
		return ids, nil
	})
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TimelineFilter selects timeline items. Kinds are "agreement",
// "meeting" and "office" (all when empty), in any case.
type TimelineFilter struct {
	Between []string
	Entity  string
	From    *PartialDate
	To      *PartialDate
	Kinds   []string
	First   int // at most this many items, the first in order; 0 for all
}

// Timeline item kinds.
const (
	TimelineAgreement = "agreement"
	TimelineMeeting   = "meeting"
	TimelineOffice    = "office" // a person takes up an office
)

// TimelineItem is one dated (or undated) event of a timeline: an agreement
// or a meeting (Node), or an office taken up (Node is the person, Office
// the office).
type TimelineItem struct {
	Date   *PartialDate
	Kind   string
	Title  string
	Node   *Node
	Office *Office
}

// Timeline returns agreements, meetings and offices taken up, oldest
// first, undated last, ties by id. Dates of different precision sort as
// ComparePartialDates does: 2018 before 2018-05-14 before 2019. Agreements
// and meetings are those between the sides named in Between and Entity;
// offices are those taken up, on a known date, in any of those sides (in a
// country or one of its organizations; by a person), or anywhere when
// no side is named.
func (g *Graph) Timeline(ctx context.Context, f TimelineFilter) ([]TimelineItem, error) {
	var rels []string
	var kinds []Kind
	offices := len(f.Kinds) == 0
	for _, k := range f.Kinds {
		switch strings.ToLower(k) {
		case TimelineAgreement, TimelineMeeting:
		case TimelineOffice:
			offices = true
		default:
			return nil, Errorf(EINVALID, "unknown timeline kind %q: want agreement, meeting or office", k)
		}
	}
	for _, k := range []struct {
		kind Kind
		rel  string
	}{{KindAgreement, PartyTo}, {KindMeeting, ParticipatedIn}} {
		if len(f.Kinds) == 0 || slices.ContainsFunc(f.Kinds, func(x string) bool { return strings.EqualFold(x, string(k.kind)) }) {
			rels, kinds = append(rels, k.rel), append(kinds, k.kind)
		}
	}
	refs := slices.Clone(f.Between)
	if f.Entity != "" {
		refs = append(refs, f.Entity)
	}
	var held []Edge
	if len(refs) > 0 && offices {
		edges, known, err := g.officesHeld(ctx, refs)
		if err != nil {
			return nil, err
		}
		if !known {
			return []TimelineItem{}, nil // a country the graph does not know yet
		}
		held = edges
	}
	var nodes []*Node
	if len(kinds) > 0 {
		first, done, err := g.firstEvents(ctx, kinds, rels, refs, f)
		switch {
		case err != nil:
			return nil, err
		case done:
			nodes = first
		default:
			// One reading of the sides, and one edge read per side for
			// both kinds, remembered for the store's generation.
			all, err := g.joinedAll(ctx, kinds, rels, refs, DateAsc)
			if err != nil {
				return nil, err
			}
			nodes = slices.DeleteFunc(slices.Clone(all), func(n *Node) bool { return !InRange(n.Date, f.From, f.To) })
		}
	}
	items := make([]TimelineItem, 0, len(nodes))
	for _, n := range nodes {
		n = n.Clone()
		items = append(items, TimelineItem{Date: n.Date, Kind: string(n.Kind), Title: cmp.Or(n.Title, n.Name), Node: n})
	}
	if offices {
		taken, err := g.officesTaken(ctx, len(refs) == 0, held, f.From, f.To)
		if err != nil {
			return nil, err
		}
		items = append(items, taken...)
	}
	slices.SortFunc(items, func(a, b TimelineItem) int {
		return cmp.Or(ComparePartialDates(a.Date, b.Date), cmp.Compare(a.key(), b.key()))
	})
	if f.First > 0 && len(items) > f.First {
		items = items[:f.First]
	}
	return items, nil
}

// firstEvents returns the first f.First agreements and meetings of a
// timeline in its order, within its dates, as a page the store reads in
// one call (see storePage): the items after them cannot be among the
// timeline's first, whatever offices come between. done is false when the
// timeline wants all its items, or the store does not page, and Timeline
// reads them all.
func (g *Graph) firstEvents(ctx context.Context, kinds []Kind, rels, refs []string, f TimelineFilter) (_ []*Node, done bool, _ error) {
	if f.First <= 0 {
		return nil, false, nil
	}
	p, done, err := g.storePage(ctx, kinds, rels, refs, f.From, f.To, DateAsc, f.First, "", nil)
	return p.Nodes, done, err
}

// officesHeld returns the HOLDS_OFFICE edges held in the sides refs name
// (see Questions.OfficesIn), from the store when it answers, else from
// the sides' edges. known is false when a reference is the ISO code of a
// country the graph does not know yet.
func (g *Graph) officesHeld(ctx context.Context, refs []string) (held []Edge, known bool, _ error) {
	if q, ok := g.questions(); ok {
		known, err := g.withSides(ctx, refs, func(sides []string) (err error) {
			held, err = q.OfficesIn(ctx, sides)
			return err
		})
		if !unsupported(err) {
			return held, known, err
		}
	}
	sides, held, err := g.sides(ctx, refs, true)
	return held, sides != nil, err
}

// key tells items of one date apart: a node's id, an office's edge key.
func (it TimelineItem) key() string {
	if it.Office != nil {
		return it.Office.Key
	}
	return it.Node.ID
}

// officesTaken returns the offices taken up on a known date within
// [from, to] as timeline items: those of held, or every one when anywhere.
func (g *Graph) officesTaken(ctx context.Context, anywhere bool, held []Edge, from, to *PartialDate) ([]TimelineItem, error) {
	es := held
	if anywhere {
		var err error
		if es, err = g.Store.Edges(ctx, EdgeQuery{Types: []string{HoldsOffice}}); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	es = slices.DeleteFunc(slices.Clone(es), func(e Edge) bool {
		dup := seen[e.Key()]
		seen[e.Key()] = true
		return dup || e.Since == nil || !InRange(e.Since, from, to)
	})
	if len(es) == 0 {
		return nil, nil
	}
	offices, err := g.officesOf(ctx, es)
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, e := range es {
		ids[e.From], ids[e.To] = true, true
	}
	nodes, err := g.Store.Nodes(ctx, keys(ids))
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*Node, len(nodes))
	for _, n := range nodes {
		byID[n.ID] = n
	}
	items := make([]TimelineItem, 0, len(offices))
	for i := range offices {
		o := &offices[i]
		person, holder := byID[o.PersonID], byID[cmp.Or(o.OrganizationID, o.CountryID)]
		if person == nil {
			continue
		}
		title := person.Name + " becomes " + o.Title
		if holder != nil {
			title += " of " + holder.Name
		}
		items = append(items, TimelineItem{Date: o.Since, Kind: TimelineOffice, Title: title, Node: person, Office: o})
	}
	return items, nil
}

// YearStats counts a year's dealings: agreements (by kind) and meetings.
// Year is 0 for the undated ones.
type YearStats struct {
	Year           int
	Agreements     int
	Meetings       int
	AgreementKinds map[AgreementKind]int
}

// RelationStats counts, per year, the agreements and meetings between the
// sides (as Timeline finds them) within [from, to], for charts: every
// year from the first to the last one with any, oldest first, years
// without dealings counted as zeros, then the undated ones (Year 0) if any.
func (g *Graph) RelationStats(ctx context.Context, between []string, from, to *PartialDate) ([]YearStats, error) {
	if len(between) == 0 {
		return nil, Errorf(EINVALID, "relation statistics need at least one side in between")
	}
	items, err := g.Timeline(ctx, TimelineFilter{Between: between, From: from, To: to, Kinds: []string{TimelineAgreement, TimelineMeeting}})
	if err != nil {
		return nil, err
	}
	var out []YearStats
	var undated *YearStats
	for _, it := range items {
		var y *YearStats
		if it.Date == nil {
			if undated == nil {
				undated = &YearStats{AgreementKinds: map[AgreementKind]int{}}
			}
			y = undated
		} else {
			for len(out) == 0 || out[len(out)-1].Year < it.Date.Year {
				next := it.Date.Year
				if len(out) > 0 {
					next = out[len(out)-1].Year + 1
				}
				out = append(out, YearStats{Year: next, AgreementKinds: map[AgreementKind]int{}})
			}
			y = &out[len(out)-1]
		}
		if it.Node.Kind == KindAgreement {
			y.Agreements++
			y.AgreementKinds[cmp.Or(it.Node.AgreementKind, AgreementGeneral)]++
		} else {
			y.Meetings++
		}
	}
	if undated != nil {
		out = append(out, *undated)
	}
	return out, nil
}

// Office is a person's office: a title held in a country or organization.
type Office struct {
	Title          string
	PersonID       string
	CountryID      string // "" when unknown
	OrganizationID string // "" when the office is a country's
	Since          *PartialDate
	Key            string // the HOLDS_OFFICE edge's key, for its evidence
}

// Offices returns the offices held by persons (From) or in countries and
// organizations (To); an office held in an organization names the
// organization's country too.
func (g *Graph) Offices(ctx context.Context, persons, holders []string) ([]Office, error) {
	es, err := g.Store.Edges(ctx, EdgeQuery{Types: []string{HoldsOffice}, From: persons, To: holders})
	if err != nil {
		return nil, err
	}
	return g.officesOf(ctx, es)
}

// officesOf turns HOLDS_OFFICE edges into offices, reading the countries
// of the organizations among their holders at once.
func (g *Graph) officesOf(ctx context.Context, es []Edge) ([]Office, error) {
	var orgs []string
	for _, e := range es {
		if KindOf(e.To) == KindOrganization {
			orgs = append(orgs, e.To)
		}
	}
	home := map[string]string{}
	if len(orgs) > 0 {
		cs, err := g.CountriesOf(ctx, orgs)
		if err != nil {
			return nil, err
		}
		for o, c := range cs {
			home[o] = c[0]
		}
	}
	out := make([]Office, 0, len(es))
	for _, e := range es {
		o := Office{Title: e.Title, PersonID: e.From, Since: e.Since, Key: e.Key()}
		if KindOf(e.To) == KindCountry {
			o.CountryID = e.To
		} else {
			o.OrganizationID, o.CountryID = e.To, home[e.To]
		}
		out = append(out, o)
	}
	return out, nil
}

// Partnership sums up one counterpart country's dealings with a country.
type Partnership struct {
	CountryID  string
	Agreements int
	Meetings   int
	First      *PartialDate
	Last       *PartialDate
}

// Partners returns the countries that share agreements or meetings with a
// country, most active first, then by id.
func (g *Graph) Partners(ctx context.Context, country string, first int) ([]Partnership, error) {
	ctx, gen, ok := g.generation(ctx)
	c, err := g.Resolve(ctx, country)
	if err != nil {
		return nil, err
	}
	joined, err := g.joined(ctx, gen, ok, []string{PartyTo, ParticipatedIn}, c)
	if err != nil {
		return nil, err
	}
	nodes, err := g.Store.Nodes(ctx, keys(joined))
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
	}
	countries, err := g.NodesCountries(ctx, ids)
	if err != nil {
		return nil, err
	}
	byCountry := map[string]*Partnership{}
	for _, n := range nodes {
		for _, other := range countries[n.ID] {
			if other == c.ID {
				continue
			}
			p := byCountry[other]
			if p == nil {
				p = &Partnership{CountryID: other}
				byCountry[other] = p
			}
			if n.Kind == KindAgreement {
				p.Agreements++
			} else {
				p.Meetings++
			}
			if n.Date != nil {
				if p.First == nil || ComparePartialDates(n.Date, p.First) < 0 {
					p.First = n.Date
				}
				if p.Last == nil || ComparePartialDates(n.Date, p.Last) > 0 {
					p.Last = n.Date
				}
			}
		}
	}
	out := make([]Partnership, 0, len(byCountry))
	for _, p := range byCountry {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Partnership) int {
		return cmp.Or(cmp.Compare(b.Agreements+b.Meetings, a.Agreements+a.Meetings), cmp.Compare(a.CountryID, b.CountryID))
	})
	if first > 0 && len(out) > first {
		out = out[:first]
	}
	return out, nil
}

// NodeCountries returns the countries an agreement or meeting involves:
// those its parties or participants stand for.
func (g *Graph) NodeCountries(ctx context.Context, id string) ([]string, error) {
	cs, err := g.NodesCountries(ctx, []string{id})
	return cs[id], err
}

// NodesCountries is NodeCountries for many agreements and meetings at once:
// one read of their parties and participants, one of those's countries.
func (g *Graph) NodesCountries(ctx context.Context, ids []string) (map[string][]string, error) {
	if len(ids) == 0 {
		return map[string][]string{}, nil
	}
	es, err := g.Store.Edges(ctx, EdgeQuery{Types: []string{PartyTo, ParticipatedIn}, To: ids})
	if err != nil {
		return nil, err
	}
	from := make([]string, 0, len(es))
	for _, e := range es {
		from = append(from, e.From)
	}
	cs, err := g.CountriesOf(ctx, from)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, e := range es {
		for _, c := range cs[e.From] {
			if !slices.Contains(out[e.To], c) {
				out[e.To] = append(out[e.To], c)
			}
		}
	}
	for id := range out {
		slices.Sort(out[id])
	}
	return out, nil
}

// Related returns the ids joined to id by edges of type rel: outgoing
// (id is From) when out is true, else incoming, in the Store's edge order.
func (g *Graph) Related(ctx context.Context, id, rel string, out bool) ([]string, error) {
	q := EdgeQuery{Types: []string{rel}}
	if out {
		q.From = []string{id}
	} else {
		q.To = []string{id}
	}
	es, err := g.Store.Edges(ctx, q)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(es))
	for _, e := range es {
		other := e.To
		if !out {
			other = e.From
		}
		if !slices.Contains(ids, other) {
			ids = append(ids, other)
		}
	}
	return ids, nil
}
