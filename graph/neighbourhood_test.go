package graph_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/neo4j/neo4jtest"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// neighbourhoodWorld is a small graph of our own around Oman: two
// ministers, two companies, three agreements (2019, 2021, undated), a
// meeting in Muscat in 2020, Japan and Korea as partners.
func neighbourhoodWorld() *graph.Facts {
	text := "Oman, Japan and Korea. Badr Albusaidi, Foreign Minister of Oman, met Takeshi Iwaya in Muscat. " +
		"OmanOil and JPower signed a deal. Oman and Japan signed an accord; Oman and Korea signed a memorandum."
	f := &graph.Facts{Article: graph.Article{ID: "article:0a0a0a0a0a0a", Title: "Oman's partners", Text: text, Lang: graph.English}}
	node := func(n graph.Node, quote string) {
		f.Nodes = append(f.Nodes, n)
		i := strings.Index(text, quote)
		start := utf8.RuneCountInString(text[:i])
		f.Evidence = append(f.Evidence, graph.Evidence{Fact: n.ID, ArticleID: f.Article.ID, Quote: quote, Start: start, End: start + utf8.RuneCountInString(quote)})
	}
	country := func(iso, name string) {
		node(graph.Node{ID: "country:" + iso, Kind: graph.KindCountry, Name: name, Names: []graph.Name{{Text: name, Lang: graph.English}}, ISO2: iso}, name)
	}
	named := func(id string, kind graph.Kind, name, quote string, date *graph.PartialDate) {
		n := graph.Node{ID: id, Kind: kind, Name: name, Names: []graph.Name{{Text: name, Lang: graph.English}}, Date: date}
		if kind == graph.KindAgreement || kind == graph.KindMeeting {
			n.Title = name
		}
		node(n, quote)
	}
	country("OM", "Oman")
	country("JP", "Japan")
	country("KR", "Korea")
	named("person:badr-albusaidi", graph.KindPerson, "Badr Albusaidi", "Badr Albusaidi", nil)
	named("person:takeshi-iwaya", graph.KindPerson, "Takeshi Iwaya", "Takeshi Iwaya", nil)
	named("org:omanoil", graph.KindOrganization, "OmanOil", "OmanOil", nil)
	named("org:jpower", graph.KindOrganization, "JPower", "JPower", nil)
	named("place:muscat", graph.KindPlace, "Muscat", "Muscat", nil)
	named("agreement:a2019", graph.KindAgreement, "Oman – Japan accord", "Oman and Japan signed an accord", graph.Date(2019, 3, 0))
	named("agreement:a2021", graph.KindAgreement, "OmanOil – JPower deal", "OmanOil and JPower signed a deal", graph.Year(2021))
	named("agreement:aundated", graph.KindAgreement, "Oman – Korea memorandum", "Oman and Korea signed a memorandum", nil)
	named("meeting:m2020", graph.KindMeeting, "Albusaidi and Iwaya in Muscat", "met Takeshi Iwaya in Muscat", graph.Date(2020, 5, 2))
	f.Edges = []graph.Edge{
		{From: "person:badr-albusaidi", Type: graph.HoldsOffice, To: "country:OM", Title: "Foreign Minister"},
		{From: "person:takeshi-iwaya", Type: graph.HoldsOffice, To: "country:JP", Title: "Foreign Minister"},
		{From: "org:omanoil", Type: graph.BasedIn, To: "country:OM"},
		{From: "org:jpower", Type: graph.BasedIn, To: "country:JP"},
		{From: "place:muscat", Type: graph.BasedIn, To: "country:OM"},
		{From: "country:OM", Type: graph.PartyTo, To: "agreement:a2019"},
		{From: "country:JP", Type: graph.PartyTo, To: "agreement:a2019"},
		{From: "person:badr-albusaidi", Type: graph.Signed, To: "agreement:a2019"},
		{From: "org:omanoil", Type: graph.PartyTo, To: "agreement:a2021"},
		{From: "org:jpower", Type: graph.PartyTo, To: "agreement:a2021"},
		{From: "country:OM", Type: graph.PartyTo, To: "agreement:aundated"},
		{From: "country:KR", Type: graph.PartyTo, To: "agreement:aundated"},
		{From: "person:badr-albusaidi", Type: graph.ParticipatedIn, To: "meeting:m2020"},
		{From: "person:takeshi-iwaya", Type: graph.ParticipatedIn, To: "meeting:m2020"},
		{From: "meeting:m2020", Type: graph.HeldIn, To: "place:muscat"},
	}
	return f
}

// TestNeighbourhood checks Graph.Neighbourhood on both stores, as the
// conformance suite does for the other questions: the same entities, in
// the same order, and the same relations, whatever the backend.
func TestNeighbourhood(t *testing.T) {
	stores := []struct {
		name string
		open func(t *testing.T) graph.Store
	}{
		{"sqlite", func(t *testing.T) graph.Store {
			s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "alaqat.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}},
		{"neo4j", func(t *testing.T) graph.Store { return neo4jtest.OpenEmpty(t) }},
	}
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			s := st.open(t)
			ctx := context.Background()
			if err := s.Apply(ctx, neighbourhoodWorld()); err != nil {
				t.Fatalf("Apply: %v", err)
			}
			checkNeighbourhood(t, graph.New(s))
		})
	}
}

func checkNeighbourhood(t *testing.T, g *graph.Graph) {
	ctx := context.Background()
	tests := []struct {
		name      string
		ref       string
		hops      int
		first     int
		filter    graph.NeighbourhoodFilter
		nodes     string // id@hops, in order
		edges     []string
		truncated bool
	}{
		{
			name: "one hop", ref: "OM", hops: 1, first: 100,
			// By kind; the dated agreement before the undated one.
			nodes: "country:OM@0 person:badr-albusaidi@1 org:omanoil@1 agreement:a2019@1 agreement:aundated@1 place:muscat@1",
			edges: []string{
				"BASED_IN|org:omanoil|country:OM", "BASED_IN|place:muscat|country:OM",
				"HOLDS_OFFICE|person:badr-albusaidi|country:OM|Foreign Minister",
				"PARTY_TO|country:OM|agreement:a2019", "PARTY_TO|country:OM|agreement:aundated",
				"SIGNED|person:badr-albusaidi|agreement:a2019",
			},
		},
		{
			name: "two hops", ref: "country:OM", hops: 2, first: 100,
			// The meeting is linked to two of the first hop (its
			// participant, its place): it comes first of its kind, and
			// relations among the second hop (none here) would be drawn too.
			nodes: "country:OM@0 person:badr-albusaidi@1 org:omanoil@1 agreement:a2019@1 agreement:aundated@1 place:muscat@1 " +
				"country:JP@2 country:KR@2 agreement:a2021@2 meeting:m2020@2",
			edges: []string{
				"BASED_IN|org:omanoil|country:OM", "BASED_IN|place:muscat|country:OM",
				"HELD_IN|meeting:m2020|place:muscat",
				"HOLDS_OFFICE|person:badr-albusaidi|country:OM|Foreign Minister",
				"PARTICIPATED_IN|person:badr-albusaidi|meeting:m2020",
				"PARTY_TO|country:JP|agreement:a2019", "PARTY_TO|country:KR|agreement:aundated",
				"PARTY_TO|country:OM|agreement:a2019", "PARTY_TO|country:OM|agreement:aundated",
				"PARTY_TO|org:omanoil|agreement:a2021",
				"SIGNED|person:badr-albusaidi|agreement:a2019",
			},
		},
		{
			name: "capped", ref: "Oman", hops: 2, first: 4,
			// Three places: the first hop may take one (half), the minister;
			// the second hop walks from him to the meeting (the accord he
			// signed is one hop from Oman: not of the second); the place
			// left goes back to the first hop, whose kinds take turns.
			nodes: "country:OM@0 person:badr-albusaidi@1 org:omanoil@1 meeting:m2020@2",
			edges: []string{
				"BASED_IN|org:omanoil|country:OM",
				"HOLDS_OFFICE|person:badr-albusaidi|country:OM|Foreign Minister",
				"PARTICIPATED_IN|person:badr-albusaidi|meeting:m2020",
			},
			truncated: true,
		},
		{
			name: "half for the second hop", ref: "OM", hops: 2, first: 6,
			// Five places: two for the first hop, whose company and minister
			// lead to the 2021 deal and the meeting; the last place goes
			// back to the first hop (the 2019 accord, newer than the
			// undated one).
			nodes: "country:OM@0 person:badr-albusaidi@1 org:omanoil@1 agreement:a2019@1 agreement:a2021@2 meeting:m2020@2",
			edges: []string{
				"BASED_IN|org:omanoil|country:OM",
				"HOLDS_OFFICE|person:badr-albusaidi|country:OM|Foreign Minister",
				"PARTICIPATED_IN|person:badr-albusaidi|meeting:m2020",
				"PARTY_TO|country:OM|agreement:a2019",
				"PARTY_TO|org:omanoil|agreement:a2021",
				"SIGNED|person:badr-albusaidi|agreement:a2019",
			},
			truncated: true,
		},
		{
			name: "one hop capped", ref: "OM", hops: 1, first: 4,
			// One hop has the whole room; the kinds take turns.
			nodes: "country:OM@0 person:badr-albusaidi@1 org:omanoil@1 agreement:a2019@1",
			edges: []string{
				"BASED_IN|org:omanoil|country:OM",
				"HOLDS_OFFICE|person:badr-albusaidi|country:OM|Foreign Minister",
				"PARTY_TO|country:OM|agreement:a2019",
				"SIGNED|person:badr-albusaidi|agreement:a2019",
			},
			truncated: true,
		},
		{
			name: "kinds", ref: "OM", hops: 2, first: 100,
			filter: graph.NeighbourhoodFilter{Kinds: []graph.Kind{graph.KindCountry, graph.KindAgreement}},
			// Persons and organizations are neither shown nor walked
			// through: the companies' deal is out of reach.
			nodes: "country:OM@0 agreement:a2019@1 agreement:aundated@1 country:JP@2 country:KR@2",
			edges: []string{
				"PARTY_TO|country:JP|agreement:a2019", "PARTY_TO|country:KR|agreement:aundated",
				"PARTY_TO|country:OM|agreement:a2019", "PARTY_TO|country:OM|agreement:aundated",
			},
		},
		{
			name: "dates", ref: "OM", hops: 2, first: 100,
			filter: graph.NeighbourhoodFilter{From: graph.Year(2020)},
			// The 2019 and the undated agreements drop, and Japan and Korea
			// with them; the 2020 meeting and the 2021 deal stay.
			nodes: "country:OM@0 person:badr-albusaidi@1 org:omanoil@1 place:muscat@1 agreement:a2021@2 meeting:m2020@2",
			edges: []string{
				"BASED_IN|org:omanoil|country:OM", "BASED_IN|place:muscat|country:OM",
				"HELD_IN|meeting:m2020|place:muscat",
				"HOLDS_OFFICE|person:badr-albusaidi|country:OM|Foreign Minister",
				"PARTICIPATED_IN|person:badr-albusaidi|meeting:m2020",
				"PARTY_TO|org:omanoil|agreement:a2021",
			},
		},
		{
			name: "a meeting", ref: "meeting:m2020", hops: 1, first: 100,
			nodes: "meeting:m2020@0 person:badr-albusaidi@1 person:takeshi-iwaya@1 place:muscat@1",
			edges: []string{
				"HELD_IN|meeting:m2020|place:muscat",
				"PARTICIPATED_IN|person:badr-albusaidi|meeting:m2020",
				"PARTICIPATED_IN|person:takeshi-iwaya|meeting:m2020",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nb, err := g.Neighbourhood(ctx, tc.ref, tc.hops, tc.first, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			var nodes []string
			for _, n := range nb.Nodes {
				nodes = append(nodes, n.Node.ID+"@"+string(rune('0'+n.Hops)))
			}
			if got := strings.Join(nodes, " "); got != tc.nodes {
				t.Errorf("nodes\n\tgot  %s\n\twant %s", got, tc.nodes)
			}
			var edges []string
			for _, e := range nb.Edges {
				edges = append(edges, e.Key())
			}
			if !slices.Equal(edges, tc.edges) {
				t.Errorf("edges\n\tgot  %q\n\twant %q", edges, tc.edges)
			}
			if nb.Truncated != tc.truncated {
				t.Errorf("truncated = %v, want %v", nb.Truncated, tc.truncated)
			}
		})
	}

	for _, tc := range []struct {
		name        string
		hops, first int
		ref         string
		kinds       []graph.Kind
		code        string
	}{
		{"no hops", 0, 10, "OM", nil, graph.EINVALID},
		{"three hops", 3, 10, "OM", nil, graph.EINVALID},
		{"none", 1, 0, "OM", nil, graph.EINVALID},
		{"too many", 1, graph.MaxNeighbourhoodNodes + 1, "OM", nil, graph.EINVALID},
		{"unknown kind", 1, 10, "OM", []graph.Kind{"planet"}, graph.EINVALID},
		{"unknown entity", 1, 10, "Atlantis", nil, graph.ENOTFOUND},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := g.Neighbourhood(ctx, tc.ref, tc.hops, tc.first, graph.NeighbourhoodFilter{Kinds: tc.kinds})
			if code := graph.ErrorCode(err); code != tc.code {
				t.Errorf("error %v (code %q), want code %q", err, code, tc.code)
			}
		})
	}
}

// BenchmarkNeighbourhood measures the network view's question on an
// SQLite store of 3,000 synthetic articles (twenty countries, each a
// party to about 300 agreements, with some 450 officials and 300
// companies): go test -run - -bench Neighbourhood ./graph
func BenchmarkNeighbourhood(b *testing.B) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "scale.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var batch []*graph.Facts
	for i := range 3000 {
		batch = append(batch, graphtest.Synthetic(i))
		if len(batch) == 500 {
			if err := s.ApplyAll(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	g := graph.New(s)
	for _, q := range []struct {
		name        string
		hops, first int
	}{
		{"Country/1hop/100", 1, 100},
		{"Country/2hops/100", 2, 100},
		{"Country/2hops/500", 2, 500},
	} {
		b.Run(q.name, func(b *testing.B) {
			var nb *graph.Neighbourhood
			for b.Loop() {
				if nb, err = g.Neighbourhood(ctx, "country:AQ", q.hops, q.first, graph.NeighbourhoodFilter{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(nb.Nodes)), "nodes")
			countries := 0
			for _, n := range nb.Nodes {
				if n.Node.Kind == graph.KindCountry {
					countries++
				}
			}
			b.ReportMetric(float64(countries), "countries")
			b.ReportMetric(float64(len(nb.Edges)), "edges")
		})
	}
}
