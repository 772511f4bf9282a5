package graph

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Report is what one article says about one agreement, meeting or person,
// as identity resolution reads it: the article's own facts, nothing else,
// so that a report never changes unless its article does. Stores keep the
// reports of every article and resolve them into entities (see Resolve);
// the fields that select candidates (Block, Match, Year) are what they
// index.
type Report struct {
	Key       string       `json:"k"`           // Article + " " + Node: one report of one article
	Article   string       `json:"a,omitempty"` // the article's id
	Node      string       `json:"n"`           // the node's id in the article's facts (its raw id)
	Kind      Kind         `json:"K"`           // agreement, meeting or person
	Block     string       `json:"b"`           // reports of two blocks are never one entity
	Match     string       `json:"m,omitempty"` // agreements: their parties; meetings: their place; persons: ""
	Year      int          `json:"y,omitempty"` // the year of Date, 0 when undated
	Published *PartialDate `json:"p,omitempty"` // the article's publication date
	Entity    string       `json:"-"`           // the entity it was last resolved to (stores keep it beside)

	// Agreements and meetings.
	Date          *PartialDate  `json:"d,omitempty"`
	AgreementKind AgreementKind `json:"A,omitempty"`
	Topics        []string      `json:"t,omitempty"`
	Parties       []Party       `json:"P,omitempty"` // agreements, sorted by ID
	Place         string        `json:"l,omitempty"` // meetings: the place's id
	People        []string      `json:"e,omitempty"` // meetings: the name skeletons of participants (see NameKey), sorted

	// Persons.
	Name      string   `json:"N,omitempty"` // the name the article prefers
	Words     []string `json:"w,omitempty"` // NameSkeleton of the name the id was made from
	Countries []string `json:"c,omitempty"` // countries of the offices the article gives, sorted
	Ranks     []string `json:"r,omitempty"` // first words of those offices' titles, folded, sorted
}

// Party is one party to an agreement, with the side it acts for: its
// country where the article gives one (a company's home, a minister's
// country), else itself.
type Party struct {
	ID   string `json:"i"`
	Side string `json:"s"`
}

// Sides returns the distinct sides of an agreement's parties, sorted.
func (r *Report) Sides() []string {
	var out []string
	for _, p := range r.Parties {
		out = append(out, p.Side)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// NameKey is the skeleton of a person's name as one string ("ls blns"): two
// spellings in either script with the same key are one name.
func NameKey(name string) string { return strings.Join(NameSkeleton(name), " ") }

// resolvable reports whether identity resolution decides which entity a
// node of this kind is; the other kinds are what their ids say.
func resolvable(k Kind) bool {
	return k == KindAgreement || k == KindMeeting || k == KindPerson
}

// ReportKey is the key of the report an article makes of a node.
func ReportKey(article, node string) string { return article + " " + node }

// ReportsOf returns the reports one article's facts make, in the order of
// their nodes.
func ReportsOf(f *Facts) []Report {
	byID := make(map[string]*Node, len(f.Nodes))
	for i := range f.Nodes {
		byID[f.Nodes[i].ID] = &f.Nodes[i]
	}
	homes := map[string][]string{} // organization or place → its countries, in this article
	var offices []Edge
	for _, e := range f.Edges {
		switch e.Type {
		case BasedIn:
			if KindOf(e.To) == KindCountry {
				homes[e.From] = append(homes[e.From], e.To)
			}
		case HoldsOffice:
			offices = append(offices, e)
		}
	}
	// countriesOf is what a node acts for in this article: a country is
	// itself, an organization its home, a person the countries of their
	// offices (directly or through an organization).
	countriesOf := func(id string) []string {
		var out []string
		switch KindOf(id) {
		case KindCountry:
			out = []string{id}
		case KindOrganization, KindPlace:
			out = slices.Clone(homes[id])
		case KindPerson:
			for _, e := range offices {
				if e.From != id {
					continue
				}
				if KindOf(e.To) == KindCountry {
					out = append(out, e.To)
				} else {
					out = append(out, homes[e.To]...)
				}
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}

	var out []Report
	for _, n := range f.Nodes {
		if !resolvable(n.Kind) {
			continue
		}
		r := Report{Key: ReportKey(f.Article.ID, n.ID), Article: f.Article.ID, Node: n.ID, Kind: n.Kind, Published: f.Article.Published}
		switch n.Kind {
		case KindAgreement:
			r.Date, r.AgreementKind, r.Topics = n.Date, n.AgreementKind, sortedSet(n.Topics)
			for _, e := range f.Edges {
				if e.Type == PartyTo && e.To == n.ID {
					side := e.From
					if cs := countriesOf(e.From); len(cs) == 1 {
						side = cs[0]
					}
					r.Parties = append(r.Parties, Party{ID: e.From, Side: side})
				}
			}
			slices.SortFunc(r.Parties, func(a, b Party) int { return strings.Compare(a.ID, b.ID) })
			r.Parties = slices.CompactFunc(r.Parties, func(a, b Party) bool { return a.ID == b.ID })
			r.Block = "agreement|" + strings.Join(r.Sides(), ",")
			ids := make([]string, len(r.Parties))
			for i, p := range r.Parties {
				ids[i] = p.ID
			}
			r.Match = strings.Join(ids, ",")
		case KindMeeting:
			r.Date, r.Topics = n.Date, sortedSet(n.Topics)
			var sides []string
			for _, e := range f.Edges {
				switch {
				case e.Type == ParticipatedIn && e.To == n.ID:
					sides = append(sides, countriesOf(e.From)...)
					if p := byID[e.From]; p != nil && p.Kind == KindPerson {
						if k := NameKey(p.Name); k != "" {
							r.People = append(r.People, k)
						}
					}
				case e.Type == HeldIn && e.From == n.ID:
					r.Place = e.To
				}
			}
			r.People = sortedSet(r.People)
			r.Block = "meeting|" + strings.Join(sortedSet(sides), ",")
			r.Match = r.Place
		case KindPerson:
			// The words come from the id, which the name gave, so that every
			// report of one person id is in one block with one name.
			r.Name = n.Name
			r.Words = NameSkeleton(idName(n.ID))
			r.Countries = countriesOf(n.ID)
			for _, e := range offices {
				if e.From == n.ID && e.Title != "" {
					first, _, _ := strings.Cut(Fold(e.Title), " ")
					r.Ranks = append(r.Ranks, first)
				}
			}
			r.Ranks = sortedSet(r.Ranks)
			r.Block = PersonBlock(n.ID)
		}
		if r.Date != nil {
			r.Year = r.Date.Year
		}
		out = append(out, r)
	}
	return out
}

func sortedSet(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}

// PersonBlock is the block of a person id: the skeleton of its last word
// (see NameSkeleton), which every spelling of the name and its short forms
// share.
func PersonBlock(id string) string {
	words := NameSkeleton(idName(id))
	last := "_"
	if len(words) > 0 {
		last = words[len(words)-1]
	}
	return "person|" + last
}

// idName is the name a person's id was made from ("person:luis-planas" →
// "luis planas").
func idName(id string) string {
	_, slug, _ := strings.Cut(id, ":")
	return strings.ReplaceAll(slug, "-", " ")
}

// PersonTally is what every article naming one person id says of them
// together: how many name each country and rank of office, how many name
// them at all. Stores keep one per person id, added to and taken from as
// articles come and go, so that a person named by thousands of articles
// is resolved from one row, not thousands; the tally depends on the set
// of articles alone.
type PersonTally struct {
	Node      string
	Block     string
	Name      string
	Words     []string
	Countries map[string]int
	Ranks     map[string]int
	Articles  int
}

// Add counts an article's report of the person in (sign 1) or out (-1).
func (t *PersonTally) Add(r Report, sign int) {
	if t.Countries == nil {
		t.Countries, t.Ranks = map[string]int{}, map[string]int{}
	}
	t.Node, t.Block, t.Words = r.Node, r.Block, r.Words
	if sign > 0 && (t.Name == "" || r.Name < t.Name) {
		t.Name = r.Name
	}
	t.Articles += sign
	for _, c := range r.Countries {
		if t.Countries[c] += sign; t.Countries[c] <= 0 {
			delete(t.Countries, c)
		}
	}
	for _, x := range r.Ranks {
		if t.Ranks[x] += sign; t.Ranks[x] <= 0 {
			delete(t.Ranks, x)
		}
	}
}

// Report is the tally as one report of the person id, for Resolve: its
// Key is the id.
func (t *PersonTally) Report() Report {
	r := Report{Key: t.Node, Node: t.Node, Kind: KindPerson, Block: t.Block, Name: t.Name, Words: t.Words}
	for c := range t.Countries {
		r.Countries = append(r.Countries, c)
	}
	for x := range t.Ranks {
		r.Ranks = append(r.Ranks, x)
	}
	r.Countries, r.Ranks = sortedSet(r.Countries), sortedSet(r.Ranks)
	return r
}

// SplitReports splits an article's reports: those of agreements and
// meetings, which stores keep per article, and those of persons, which
// they tally per person id (see PersonTally).
func SplitReports(rs []Report) (events, persons []Report) {
	for _, r := range rs {
		if r.Kind == KindPerson {
			persons = append(persons, r)
		} else {
			events = append(events, r)
		}
	}
	return events, persons
}

// StoredTally is a person's tally as a store keeps it: under its person
// id, in its block, with the entity it was last resolved into and the
// tally as JSON.
type StoredTally struct {
	Node, Block, Entity, Data string
}

// TallyNodes returns the person ids an article's former (out) and new
// (in) person reports name, sorted, each once: the tallies to read.
func TallyNodes(out, in []Report) []string {
	var nodes []string
	for _, r := range slices.Concat(out, in) {
		nodes = append(nodes, r.Node)
	}
	slices.Sort(nodes)
	return slices.Compact(nodes)
}

// Retally takes an article's former person reports (out) out of the
// tallies of nodes (TallyNodes(out, in)) and its new ones (in) in, from
// the tallies a store holds of them (stored). It returns the tallies
// touched as reports, for Rewrite: as they were for those no article
// names any more (with the entity they had), as they are now for the
// others; the person ids whose tally goes, and the tallies to write.
func Retally(stored []StoredTally, nodes []string, out, in []Report) (seeds []Report, gone []string, keep []StoredTally, err error) {
	tallies := map[string]*PersonTally{}
	entities := map[string]string{}
	for _, s := range stored {
		t := &PersonTally{}
		if err := json.Unmarshal([]byte(s.Data), t); err != nil {
			return nil, nil, nil, fmt.Errorf("person tally %s: %w", s.Node, err)
		}
		tallies[s.Node], entities[s.Node] = t, s.Entity
	}
	for _, x := range []struct {
		rs   []Report
		sign int
	}{{out, -1}, {in, 1}} {
		for _, r := range x.rs {
			t := tallies[r.Node]
			if t == nil {
				t = &PersonTally{}
				tallies[r.Node] = t
			}
			t.Add(r, x.sign)
		}
	}
	for _, node := range nodes {
		t := tallies[node]
		r := t.Report()
		r.Entity = entities[node]
		seeds = append(seeds, r)
		if t.Articles <= 0 {
			gone = append(gone, node)
			continue
		}
		data, err := json.Marshal(t)
		if err != nil {
			return nil, nil, nil, err
		}
		keep = append(keep, StoredTally{Node: node, Block: t.Block, Entity: entities[node], Data: string(data)})
	}
	return seeds, gone, keep, nil
}
