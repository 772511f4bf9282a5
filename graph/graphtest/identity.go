package graphtest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// A newsroom of our own: short articles, each built from the facts it
// states, for the identity rules (see graph.Resolve). Countries and
// companies are named in the article's language.
var countryNames = map[string][2]string{
	"QA": {"Qatar", "قطر"}, "DE": {"Germany", "ألمانيا"}, "ES": {"Spain", "إسبانيا"},
	"MA": {"Morocco", "المغرب"}, "EG": {"Egypt", "مصر"}, "JP": {"Japan", "اليابان"},
}

var orgNames = map[string][3]string{ // id → English, Arabic, country
	"org:rheinmetall": {"Rheinmetall", "راينميتال", "DE"},
	"org:airbus":      {"Airbus", "إيرباص", "DE"},
	"org:barzan":      {"Barzan Holdings", "برزان القابضة", "QA"},
}

// story is one article's account of agreements, meetings and persons.
type story struct {
	id        string
	lang      graph.Lang
	published *graph.PartialDate
	deals     []deal
	meetings  []meet
}

// deal is an agreement as one article reports it.
type deal struct {
	node    string   // the id the article gives it
	parties []string // ISO codes or org ids
	kind    graph.AgreementKind
	date    *graph.PartialDate
	topics  []string
}

// meet is a meeting as one article reports it.
type meet struct {
	node   string
	date   *graph.PartialDate
	place  string // "" or a city
	people []official
}

// official is a person as an article names them: both spellings, the one
// used being that of the article's language.
type official struct {
	en, ar  string
	country string
	title   string
}

// facts writes the story as an article: a sentence per fact, so that
// every fact has its evidence.
func (s story) facts() *graph.Facts {
	ar := s.lang == graph.Arabic
	pick := func(en, arabic string) string {
		if ar && arabic != "" {
			return arabic
		}
		return en
	}
	var text strings.Builder
	text.WriteString(s.id + ".")
	say := func(sentence string) string {
		text.WriteString(" " + sentence + ".")
		return sentence
	}
	b := article(graph.Article{ID: "article:" + s.id, Title: s.id, Lang: s.lang, Published: s.published})
	type pending struct {
		quote string
		edge  *graph.Edge
		node  *graph.Node
	}
	var todo []pending
	seen := map[string]bool{}
	addNode := func(n graph.Node, quote string) {
		if seen[n.ID] {
			return
		}
		seen[n.ID] = true
		todo = append(todo, pending{node: &n, quote: quote})
	}
	addEdge := func(e graph.Edge, quote string) {
		if seen[e.Key()] {
			return
		}
		seen[e.Key()] = true
		todo = append(todo, pending{edge: &e, quote: quote})
	}
	var party func(p string) string
	party = func(p string) string {
		if cn, ok := countryNames[p]; ok {
			name := pick(cn[0], cn[1])
			addNode(graph.Node{ID: "country:" + p, Kind: graph.KindCountry, Name: name, Names: names(name), ISO2: p}, say(name))
			return "country:" + p
		}
		o := orgNames[p]
		name := pick(o[0], o[1])
		addNode(graph.Node{ID: p, Kind: graph.KindOrganization, Name: name, Names: names(name), OrgKind: graph.OrgCompany}, say(name))
		home := party(o[2])
		addEdge(graph.Edge{From: p, Type: graph.BasedIn, To: home}, say(name+" of "+o[2]))
		return p
	}
	for _, d := range s.deals {
		title := fmt.Sprint(d.parties, " ", d.kind, " ", d.topics, " ", d.date)
		addNode(graph.Node{ID: d.node, Kind: graph.KindAgreement, Name: title, Names: names(title), Title: title,
			AgreementKind: d.kind, Date: d.date, Topics: d.topics}, say(title))
		for _, p := range d.parties {
			id := party(p)
			addEdge(graph.Edge{From: id, Type: graph.PartyTo, To: d.node}, say(id+" signed "+title))
		}
	}
	for _, m := range s.meetings {
		title := fmt.Sprint("meeting ", m.place, " ", m.date)
		addNode(graph.Node{ID: m.node, Kind: graph.KindMeeting, Name: title, Names: names(title), Title: title, Date: m.date}, say(title))
		if m.place != "" {
			place := "place:" + graph.Slug(m.place)
			addNode(graph.Node{ID: place, Kind: graph.KindPlace, Name: m.place, Names: names(m.place)}, say(m.place))
			addEdge(graph.Edge{From: m.node, Type: graph.HeldIn, To: place}, say(title+" in "+m.place))
		}
		for _, p := range m.people {
			name := pick(p.en, p.ar)
			id := "person:" + graph.Slug(name)
			addNode(graph.Node{ID: id, Kind: graph.KindPerson, Name: name, Names: names(name)}, say(name))
			if p.country != "" {
				c := party(p.country)
				addEdge(graph.Edge{From: id, Type: graph.HoldsOffice, To: c, Title: p.title}, say(name+", "+p.title))
			}
			addEdge(graph.Edge{From: id, Type: graph.ParticipatedIn, To: m.node}, say(name+" at "+title))
		}
	}
	b.f.Article.Text = text.String()
	for _, p := range todo {
		if p.node != nil {
			b.node(*p.node, p.quote)
		} else {
			b.edge(*p.edge, p.quote)
		}
	}
	return b.facts()
}

// groupsOf returns the entities of one kind a store holds, each as the
// articles that give evidence of it ("a+b", sorted), sorted.
func groupsOf(t *testing.T, s graph.Store, kind graph.Kind) []string {
	t.Helper()
	ids, ev := evidenceOfKind(t, s, kind)
	byNode := map[string][]string{}
	for _, e := range ev {
		a := strings.TrimPrefix(e.ArticleID, "article:")
		if !slices.Contains(byNode[e.Fact], a) {
			byNode[e.Fact] = append(byNode[e.Fact], a)
		}
	}
	var out []string
	for _, id := range ids {
		arts := byNode[id]
		slices.Sort(arts)
		out = append(out, strings.Join(arts, "+"))
	}
	slices.Sort(out)
	return out
}

// evidenceOfKind returns the ids of the entities of one kind a store
// holds, and all their evidence.
func evidenceOfKind(t *testing.T, s graph.Store, kind graph.Kind) ([]string, []graph.Evidence) {
	t.Helper()
	c := ctx(t)
	nodes, err := s.FindNodes(c, graph.NodeQuery{Kinds: []graph.Kind{kind}})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
	}
	ev, err := s.Evidence(c, ids, 0)
	if err != nil {
		t.Fatal(err)
	}
	return ids, ev
}

var (
	planas   = official{"Luis Planas", "لويس بلاناس", "ES", "Minister of Agriculture"}
	bouari   = official{"Ahmed El Bouari", "أحمد البواري", "MA", "Minister of Agriculture"}
	madbouly = official{"Mostafa Madbouly", "مصطفى مدبولي", "EG", "Prime Minister"}
	iwai     = official{"Fumio Iwai", "فوميو إيواي", "JP", "Minister of State"}
	murai    = official{"Sultan bin Saad Al Muraikhi", "سلطان بن سعد المريخي", "QA", "Minister of State for Foreign Affairs"}
)

func testIdentity(t *testing.T, newStore func(t *testing.T) graph.Store) {
	water, rail, defence := []string{"water"}, []string{"rail"}, []string{"defence", "ammunition"}
	tests := []struct {
		name    string
		kind    graph.Kind
		stories []story
		want    []string // the articles behind each entity
	}{
		{
			name: "two MoUs of one year between one pair are two",
			kind: graph.KindAgreement,
			stories: []story{
				{id: "water", lang: graph.English, deals: []deal{{"agreement:x", []string{"QA", "DE"}, graph.AgreementMoU, graph.Date(2025, 5, 3), water}}},
				{id: "rail", lang: graph.English, deals: []deal{{"agreement:x", []string{"QA", "DE"}, graph.AgreementMoU, graph.Date(2025, 11, 9), rail}}},
			},
			want: []string{"rail", "water"},
		},
		{
			name: "one deal told in Arabic and English, at two precisions, is one",
			kind: graph.KindAgreement,
			stories: []story{
				{id: "en", lang: graph.English, deals: []deal{{"agreement:a", []string{"QA", "DE"}, graph.AgreementMoU, graph.Date(2025, 5, 3), water}}},
				{id: "ar", lang: graph.Arabic, deals: []deal{{"agreement:b", []string{"QA", "DE"}, graph.AgreementGeneral, month(2025, 5), []string{"water", "desalination"}}}},
				{id: "later", lang: graph.English, deals: []deal{{"agreement:c", []string{"QA", "DE"}, graph.AgreementMoU, graph.Year(2025), nil}}},
			},
			want: []string{"ar+en+later"},
		},
		{
			name: "an undated report joins the deal it clearly describes, and no other",
			kind: graph.KindAgreement,
			stories: []story{
				{id: "dated", lang: graph.English, deals: []deal{{"agreement:a", []string{"QA", "DE"}, graph.AgreementMoU, graph.Date(2025, 5, 3), water}}},
				{id: "subject", lang: graph.Arabic, deals: []deal{{"agreement:b", []string{"QA", "DE"}, graph.AgreementMoU, nil, water}}},
				{id: "vague", lang: graph.English, deals: []deal{{"agreement:c", []string{"QA", "DE"}, graph.AgreementMoU, nil, nil}}},
				{id: "vague2", lang: graph.English, deals: []deal{{"agreement:c", []string{"QA", "DE"}, graph.AgreementMoU, nil, nil}}},
			},
			want: []string{"dated+subject", "vague", "vague2"},
		},
		{
			name: "a report that fits two deals is neither",
			kind: graph.KindAgreement,
			stories: []story{
				{id: "water", lang: graph.English, deals: []deal{{"agreement:x", []string{"QA", "DE"}, graph.AgreementMoU, graph.Date(2025, 5, 3), water}}},
				{id: "rail", lang: graph.English, deals: []deal{{"agreement:x", []string{"QA", "DE"}, graph.AgreementMoU, graph.Date(2025, 11, 9), rail}}},
				{id: "year", lang: graph.English, deals: []deal{{"agreement:x", []string{"QA", "DE"}, graph.AgreementMoU, graph.Year(2025), nil}}},
			},
			want: []string{"rail", "water", "year"},
		},
		{
			name: "two agreements in one article are two, though nothing else tells them apart",
			kind: graph.KindAgreement,
			stories: []story{
				{id: "summit", lang: graph.English, deals: []deal{
					{"agreement:a", []string{"QA", "DE"}, graph.AgreementMoU, graph.Date(2025, 5, 3), nil},
					{"agreement:b", []string{"QA", "DE"}, graph.AgreementMoU, graph.Date(2025, 5, 3), nil},
				}},
				{id: "report", lang: graph.Arabic, deals: []deal{{"agreement:c", []string{"QA", "DE"}, graph.AgreementMoU, graph.Date(2025, 5, 3), nil}}},
			},
			want: []string{"report", "summit", "summit"},
		},
		{
			name: "two companies of one country on one day are two deals; the company's deal is Germany's too",
			kind: graph.KindAgreement,
			stories: []story{
				{id: "rheinmetall", lang: graph.English, deals: []deal{{"agreement:a", []string{"org:barzan", "org:rheinmetall"}, graph.AgreementContract, graph.Date(2024, 2, 1), defence}}},
				{id: "airbus", lang: graph.English, deals: []deal{{"agreement:b", []string{"org:barzan", "org:airbus"}, graph.AgreementContract, graph.Date(2024, 2, 1), defence}}},
				{id: "rheinmetall-ar", lang: graph.Arabic, deals: []deal{{"agreement:c", []string{"org:barzan", "org:rheinmetall"}, graph.AgreementGeneral, month(2024, 2), []string{"ammunition"}}}},
			},
			want: []string{"airbus", "rheinmetall+rheinmetall-ar"},
		},
		{
			name: "one meeting told in both languages is one, its participants once",
			kind: graph.KindMeeting,
			stories: []story{
				{id: "en", lang: graph.English, meetings: []meet{{"meeting:a", graph.Date(2025, 3, 10), "Rabat", []official{planas, bouari}}}},
				{id: "ar", lang: graph.Arabic, meetings: []meet{{"meeting:b", graph.Date(2025, 3, 10), "Rabat", []official{planas, bouari}}}},
				{id: "next-day", lang: graph.English, meetings: []meet{{"meeting:c", graph.Date(2025, 3, 11), "Rabat", []official{planas, bouari}}}},
			},
			want: []string{"ar+en", "next-day"},
		},
		{
			name: "the sessions and the signing of a summit on one day are one meeting",
			kind: graph.KindMeeting,
			stories: []story{
				{id: "summit", lang: graph.English, meetings: []meet{
					{"meeting:talks", graph.Date(2025, 4, 2), "Cairo", []official{madbouly, iwai}},
					{"meeting:signing", graph.Date(2025, 4, 2), "Cairo", []official{iwai, madbouly}},
				}},
			},
			want: []string{"summit"},
		},
		{
			name: "an undated meeting joins one of the same place and participants",
			kind: graph.KindMeeting,
			stories: []story{
				{id: "dated", lang: graph.English, meetings: []meet{{"meeting:a", graph.Date(2025, 3, 10), "Rabat", []official{planas, bouari}}}},
				{id: "undated", lang: graph.Arabic, meetings: []meet{{"meeting:b", nil, "Rabat", []official{bouari, planas}}}},
				{id: "elsewhere", lang: graph.English, meetings: []meet{{"meeting:c", nil, "Madrid", []official{bouari, planas}}}},
			},
			want: []string{"dated+undated", "elsewhere"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			for _, st := range tt.stories {
				apply(t, s, st.facts())
			}
			if got := groupsOf(t, s, tt.kind); !slices.Equal(got, tt.want) {
				t.Errorf("%ss by articles: %q, want %q", tt.kind, got, tt.want)
			}
		})
	}

	t.Run("persons across scripts and forms", func(t *testing.T) {
		s := newStore(t)
		short := official{"Al Muraikhi", "المريخي", "QA", "Minister of State for Foreign Affairs"}
		styled := official{"HE Sultan bin Saad Al Muraikhi", "سعادة السيد سلطان بن سعد المريخي", "QA", "Minister of State for Foreign Affairs"}
		namesake := official{"Luis Planes", "لويس بلانيس", "MA", "Ambassador"} // spelt alike, of another country
		for _, st := range []story{
			{id: "en", lang: graph.English, meetings: []meet{{"meeting:a", graph.Date(2025, 3, 10), "Rabat", []official{planas, bouari}}}},
			{id: "ar", lang: graph.Arabic, meetings: []meet{{"meeting:a", graph.Date(2025, 6, 1), "Madrid", []official{planas, bouari}}}},
			{id: "qa-en", lang: graph.English, meetings: []meet{{"meeting:q", graph.Date(2025, 1, 5), "Doha", []official{murai, iwai}}}},
			{id: "qa-ar", lang: graph.Arabic, meetings: []meet{{"meeting:q", graph.Date(2025, 1, 6), "Doha", []official{short, iwai}}}},
			{id: "qa-styled", lang: graph.English, meetings: []meet{{"meeting:q", graph.Date(2025, 1, 7), "Doha", []official{styled}}}},
			{id: "ma", lang: graph.English, meetings: []meet{{"meeting:m", graph.Date(2025, 2, 1), "Rabat", []official{namesake}}}},
		} {
			apply(t, s, st.facts())
		}
		persons, err := s.FindNodes(ctx(t), graph.NodeQuery{Kinds: []graph.Kind{graph.KindPerson}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range persons {
			var spellings []string
			for _, n := range p.Names {
				spellings = append(spellings, n.Text)
			}
			got = append(got, p.ID+" = "+strings.Join(spellings, " | "))
		}
		// One person per official: the Arabic and the Latin spelling, the
		// styled and the plain form, the short form once the full one is
		// known; the namesake of another country apart. The id is the
		// plain Latin one.
		want := []string{
			"person:ahmed-el-bouari = أحمد البواري | Ahmed El Bouari",
			"person:fumio-iwai = فوميو إيواي | Fumio Iwai",
			"person:luis-planas = لويس بلاناس | Luis Planas",
			"person:luis-planes = Luis Planes",
			"person:sultan-bin-saad-al-muraikhi = المريخي | Sultan bin Saad Al Muraikhi | HE Sultan bin Saad Al Muraikhi",
		}
		if !slices.Equal(got, want) {
			t.Errorf("persons:\n\tgot  %q\n\twant %q", got, want)
		}
	})
}
