package extract

import (
	"cmp"
	"slices"
	"strings"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/gazetteer"
)

// maxEvidence bounds the quotes kept for one fact of one article.
const maxEvidence = 3

// builder assembles graph.Facts, keeping nodes, edges and evidence unique.
type builder struct {
	f     *graph.Facts
	nodes map[string]int
	edges map[string]bool
	ev    map[string][]int // fact → sentences quoted, maxEvidence at most
	a     *analysis
}

func (b *builder) node(n graph.Node) string {
	if i, ok := b.nodes[n.ID]; ok {
		for _, x := range n.Names {
			b.f.Nodes[i].AddName(x.Text)
		}
		return n.ID
	}
	b.nodes[n.ID] = len(b.f.Nodes)
	b.f.Nodes = append(b.f.Nodes, n)
	return n.ID
}

func (b *builder) taken(id string) bool { _, ok := b.nodes[id]; return ok }

func (b *builder) edge(e graph.Edge, sents ...int) {
	key := e.Key()
	if !b.edges[key] {
		b.edges[key] = true
		b.f.Edges = append(b.f.Edges, e)
	}
	b.evidence(key, sents...)
}

func (b *builder) evidence(fact string, sents ...int) {
	seen := b.ev[fact]
	for _, si := range sents {
		if slices.Contains(seen, si) || len(seen) >= maxEvidence {
			continue
		}
		seen = append(seen, si)
		q, start, end := b.a.quote(si)
		b.f.Evidence = append(b.f.Evidence, graph.Evidence{Fact: fact, ArticleID: b.a.art.ID, Quote: q, Start: start, End: end})
	}
	b.ev[fact] = seen
}

func sentsOf(spans []span) []int {
	var out []int
	for _, s := range spans {
		if !slices.Contains(out, s.sent) {
			out = append(out, s.sent)
		}
	}
	slices.Sort(out)
	return out
}

// facts turns the analysis into the graph's facts: the countries that act
// (parties, homes of persons and organizations, the main pair), persons and
// their offices, organizations, places, agreements and meetings.
func (a *analysis) facts(x *Extractor) *graph.Facts {
	b := &builder{f: &graph.Facts{Article: *a.art}, nodes: map[string]int{}, edges: map[string]bool{}, ev: map[string][]int{}, a: a}

	// A country's node and evidence come from the gazetteer and the whole
	// article: made once, they are the same every time.
	countryIDs := map[string]string{}
	countryID := func(iso string) string {
		if id, ok := countryIDs[iso]; ok {
			return id
		}
		c := x.gaz.Countries[iso]
		if c == nil {
			return ""
		}
		n := graph.Node{ID: "country:" + iso, Kind: graph.KindCountry, Name: c.NamesEN[0], ISO2: c.ISO2, ISO3: c.ISO3}
		// Every spelling the gazetteer knows, so that search and references
		// by name find the country however an analyst writes it.
		for _, name := range append(slices.Clone(c.NamesEN), c.NamesAR...) {
			n.AddName(name)
		}
		id := b.node(n)
		if e := a.countries[iso]; e != nil {
			b.evidence(id, sentsOf(e.mentions)...)
		}
		countryIDs[iso] = id
		return id
	}
	orgID := func(o *orgEntry) string {
		n := graph.Node{ID: "org:" + o.key(), Kind: graph.KindOrganization, OrgKind: graph.OrgKind(o.ref.kind)}
		if k := o.ref.known; k != nil {
			n.Name = first(k.NamesEN, k.NamesAR)
			for _, name := range append(slices.Clone(k.NamesEN), k.NamesAR...) {
				n.AddName(name)
			}
		} else {
			n.Name = o.ref.name
			n.AddName(o.ref.name)
		}
		if n.OrgKind == "" {
			n.OrgKind = graph.OrgOther
		}
		id := b.node(n)
		b.evidence(id, sentsOf(o.mentions)...)
		if o.ref.country != "" {
			if c := countryID(o.ref.country); c != "" {
				b.edge(graph.Edge{From: id, Type: graph.BasedIn, To: c}, sentsOf(o.mentions)[:1]...)
			}
		}
		return id
	}
	personID := func(p *person) string {
		n := graph.Node{ID: "person:" + graph.Slug(p.names[0]), Kind: graph.KindPerson, Name: p.names[0]}
		if known := x.knownPerson(p); known != nil {
			n.ID, n.Name = "person:"+known.ID, known.NamesEN[0]
			for _, name := range append(slices.Clone(known.NamesEN), known.NamesAR...) {
				n.AddName(name)
			}
		}
		for _, name := range p.names {
			n.AddName(name)
		}
		if len(p.offices) > 0 {
			n.Title = p.offices[0].title // the office as stated, even where its country is not
		}
		id := b.node(n)
		b.evidence(id, sentsOf(p.mentions)...)
		return id
	}

	// Organizations: all but international bodies named in passing, which
	// count only as parties.
	for _, o := range a.orgs {
		if o.ref.kind != string(graph.OrgInternational) {
			orgID(o)
		}
	}
	for _, p := range a.persons {
		id := personID(p)
		for _, o := range p.offices {
			switch {
			case o.org != nil:
				if e := a.org(o.org); e != nil {
					b.edge(graph.Edge{From: id, Type: graph.HoldsOffice, To: orgID(e), Title: o.title}, o.sent)
					continue
				}
				fallthrough
			default:
				iso := cmp.Or(o.country, p.Country())
				if c := countryID(iso); c != "" {
					b.edge(graph.Edge{From: id, Type: graph.HoldsOffice, To: c, Title: o.title}, o.sent)
				}
			}
		}
	}
	// The main pair acts in the story when the article names both more than once.
	for _, iso := range a.pair() {
		if e := a.countries[iso]; e != nil && len(e.mentions) >= 2 {
			countryID(iso)
		}
	}
	for _, ag := range a.agreements {
		var partyIDs, names []string
		for _, p := range ag.parties {
			var id string
			switch {
			case p.country != "":
				id = countryID(p.country)
			case p.org != nil:
				id = orgID(p.org)
			case p.person != nil:
				id = personID(p.person)
			}
			if id != "" && !slices.Contains(partyIDs, id) {
				partyIDs = append(partyIDs, id)
				names = append(names, b.f.Nodes[b.nodes[id]].Name)
			}
		}
		if len(partyIDs) == 0 {
			continue
		}
		sorted := slices.Sorted(slices.Values(partyIDs))
		year := ""
		if ag.date != nil {
			year = ag.date.ISO()[:4]
		}
		id := "agreement:" + graph.ShortHash(append(sorted, ag.kind, year)...)
		for n := 2; b.taken(id); n++ {
			id = "agreement:" + graph.ShortHash(append(sorted, ag.kind, year, string(rune('0'+n)))...)
		}
		title := agreementTitle(names, ag)
		n := graph.Node{ID: id, Kind: graph.KindAgreement, Name: title, Title: title, AgreementKind: graph.AgreementKind(ag.kind), Date: ag.date, Topics: ag.topics}
		n.AddName(title)
		b.node(n)
		b.evidence(id, ag.sents...)
		for _, pid := range partyIDs {
			b.edge(graph.Edge{From: pid, Type: graph.PartyTo, To: id}, ag.sents...)
		}
		for _, p := range ag.signatories {
			b.edge(graph.Edge{From: personID(p), Type: graph.Signed, To: id}, ag.sents...)
		}
	}
	for _, m := range a.meetings {
		var ids, names []string
		for _, p := range m.participants {
			id := personID(p)
			ids = append(ids, id)
			names = append(names, b.f.Nodes[b.nodes[id]].Name)
		}
		placeID := ""
		if m.place != nil {
			placeID = x.place(b, m.place, a, m.placeSent, countryID)
		}
		date := ""
		if m.date != nil {
			date = m.date.ISO()
		}
		id := "meeting:" + graph.ShortHash(append(slices.Sorted(slices.Values(ids)), date, placeID)...)
		title := "Meeting of " + strings.Join(names, ", ")
		if m.place != nil {
			title += " in " + m.place.city
		}
		n := graph.Node{ID: id, Kind: graph.KindMeeting, Name: title, Title: title, Date: m.date}
		n.AddName(title)
		b.node(n)
		b.evidence(id, m.sents...)
		for _, pid := range ids {
			b.edge(graph.Edge{From: pid, Type: graph.ParticipatedIn, To: id}, m.sents...)
		}
		for _, iso := range m.hosts {
			if c := countryID(iso); c != "" {
				b.edge(graph.Edge{From: c, Type: graph.ParticipatedIn, To: id}, m.sents...)
			}
		}
		if placeID != "" {
			b.edge(graph.Edge{From: id, Type: graph.HeldIn, To: placeID}, m.placeSent)
		}
	}
	return b.f
}

// knownPerson returns the gazetteer's entry for a person, by any of the
// names the article gives them, or nil.
func (x *Extractor) knownPerson(p *person) *gazetteer.Person {
	for _, name := range p.names {
		if k := x.gaz.PersonNamed(name); k != nil {
			return k
		}
	}
	return nil
}

// place adds the node of a city named in the text, with its country.
func (x *Extractor) place(b *builder, m *mention, a *analysis, si int, countryID func(string) string) string {
	id := "place:" + graph.Slug(m.city)
	n := graph.Node{ID: id, Kind: graph.KindPlace, Name: m.city}
	n.AddName(m.city)
	s := a.sentences[si]
	if ar := cityForm(m.country, s.toks[m.i].Folded, spanText(s.toks, m.i+1, m.j)); ar != "" {
		n.AddName(ar)
	} else if len(m.country.CitiesEN) > 0 && m.city == m.country.CitiesEN[0] && len(m.country.CitiesAR) > 0 {
		n.AddName(m.country.CitiesAR[0]) // a capital named by its country
	}
	b.node(n)
	b.evidence(id, si)
	if c := countryID(m.country.ISO2); c != "" {
		b.edge(graph.Edge{From: id, Type: graph.BasedIn, To: c}, si)
	}
	return id
}

// cityForm returns the gazetteer's Arabic spelling of a city as matched,
// without the clitics of the text ("بالدوحة" → "الدوحة").
func cityForm(c *gazetteer.Country, firstFolded, rest string) string {
	for _, name := range c.CitiesAR {
		words := strings.Fields(graph.Fold(name))
		if len(words) == 0 {
			continue
		}
		for _, st := range stemsOf(firstFolded) {
			if st == words[0] && graph.Fold(rest) == strings.Join(words[1:], " ") {
				return name
			}
		}
	}
	return ""
}

var kindLabels = map[string]string{"agreement": "agreement", "mou": "memorandum of understanding", "contract": "contract", "other": "arrangement"}

// agreementTitle writes a readable one-line title: "Qatar – Rheinmetall
// agreement on ammunition, training".
func agreementTitle(parties []string, ag *agreement) string {
	t := strings.Join(parties, " – ") + " " + kindLabels[ag.kind]
	topics := ag.topics
	if len(topics) > 3 {
		topics = topics[:3]
	}
	if len(topics) > 0 {
		t += " on " + strings.Join(topics, ", ")
	}
	return t
}

func first(lists ...[]string) string {
	for _, l := range lists {
		if len(l) > 0 {
			return l[0]
		}
	}
	return ""
}
