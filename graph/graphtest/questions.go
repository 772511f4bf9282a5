package graphtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alaqat/alaqat/graph"
)

// plain hides every interface of a store but graph.Store, so that Graph
// computes each answer itself from Store's reads: the reference that a
// store's own answers (graph.Questions) are held to.
type plain struct{ graph.Store }

// relCountry is a country of the relations world.
type relCountry struct{ iso, iso3, en, ar string }

var relCountries = []relCountry{
	{"QA", "QAT", "Qatar", "قطر"}, {"DE", "DEU", "Germany", "ألمانيا"}, {"FR", "FRA", "France", "فرنسا"},
	{"TR", "TUR", "Turkey", "تركيا"}, {"EG", "EGY", "Egypt", "مصر"}, {"OM", "OMN", "Oman", "عمان"},
}

// relationsWorld returns articles of a generated world of relations:
// ministers of each country (some taking office on a known date),
// companies based in them with staff, agreements between countries,
// companies and ministers (dated to a year, month or day, or not at all),
// meetings of ministers and staff in cities. Every way of acting for a
// country (itself, based in it, office in it, office in one of its
// companies) takes part, so that every rule of a side is exercised.
func relationsWorld(seed uint64, events int) []*graph.Facts {
	r := rand.New(rand.NewPCG(seed, 7))
	type actor struct {
		node  graph.Node
		edges []graph.Edge
	}
	var actors [][]actor // by country
	byID := map[string]graph.Node{}
	var cities []graph.Node
	for ci, c := range relCountries {
		country := graph.Node{ID: "country:" + c.iso, Kind: graph.KindCountry, Name: c.en, Names: names(c.en, c.ar), ISO2: c.iso, ISO3: c.iso3}
		as := []actor{{node: country}}
		for m := range 3 {
			name := fmt.Sprintf("%s Minister %c", c.en, 'A'+m)
			p := graph.Node{ID: "person:" + graph.Slug(name), Kind: graph.KindPerson, Name: name, Names: names(name, "الوزير "+c.ar+fmt.Sprint(m))}
			e := graph.Edge{From: p.ID, Type: graph.HoldsOffice, To: country.ID, Title: []string{"Minister of Defence", "Foreign Minister", "Minister of Energy"}[m]}
			if m != 2 {
				e.Since = graph.Date(2010+ci+m, 1+m, 0)
			}
			as = append(as, actor{node: p, edges: []graph.Edge{e}})
		}
		for k := range 2 {
			name := fmt.Sprintf("%s Works %d", c.en, k)
			o := graph.Node{ID: "org:" + graph.Slug(name), Kind: graph.KindOrganization, Name: name, Names: names(name, "شركة "+c.ar), OrgKind: graph.OrgCompany}
			as = append(as, actor{node: o, edges: []graph.Edge{{From: o.ID, Type: graph.BasedIn, To: country.ID}}})
			staff := fmt.Sprintf("%s Chief %d", c.en, k)
			p := graph.Node{ID: "person:" + graph.Slug(staff), Kind: graph.KindPerson, Name: staff, Names: names(staff)}
			// The second chief's articles leave the company's country to
			// others, which may come later or be deleted.
			staffEdges := []graph.Edge{{From: p.ID, Type: graph.HoldsOffice, To: o.ID, Title: "Chief Executive", Since: graph.Year(2015 + k)}}
			if k == 0 {
				staffEdges = append(staffEdges, graph.Edge{From: o.ID, Type: graph.BasedIn, To: country.ID})
			}
			as = append(as, actor{node: p, edges: staffEdges})
		}
		for _, a := range as {
			byID[a.node.ID] = a.node
		}
		actors = append(actors, as)
		city := fmt.Sprintf("%s City", c.en)
		cities = append(cities, graph.Node{ID: "place:" + graph.Slug(city), Kind: graph.KindPlace, Name: city, Names: names(city, "مدينة "+c.ar)})
	}
	date := func() *graph.PartialDate {
		switch r.IntN(5) {
		case 0:
			return nil
		case 1:
			return graph.Year(2010 + r.IntN(8))
		case 2:
			return graph.Date(2010+r.IntN(8), 1+r.IntN(12), 0)
		}
		return graph.Date(2010+r.IntN(8), 1+r.IntN(12), 1+r.IntN(28))
	}
	var out []*graph.Facts
	for i := range events {
		a, b := r.IntN(len(relCountries)), r.IntN(len(relCountries)-1)
		if b >= a {
			b++
		}
		pa, pb := actors[a][r.IntN(len(actors[a]))], actors[b][r.IntN(len(actors[b]))]
		token := fmt.Sprintf("Event%03d", i)
		text := token + ": " + pa.node.Name + " and " + pb.node.Name + "."
		bl := article(graph.Article{ID: fmt.Sprintf("article:rel-%03d", i), Title: token, Text: text, Lang: graph.English})
		has := func(id string) bool {
			return slices.ContainsFunc(bl.f.Nodes, func(n graph.Node) bool { return n.ID == id })
		}
		for _, x := range []actor{pa, pb} {
			if !has(x.node.ID) {
				bl.node(x.node, x.node.Name)
			}
			for _, e := range x.edges {
				for _, id := range []string{e.From, e.To} {
					if !has(id) {
						bl.node(byID[id])
					}
				}
				if !slices.ContainsFunc(bl.f.Edges, func(f graph.Edge) bool { return f.Key() == e.Key() }) {
					bl.edge(e)
				}
			}
		}
		if pa.node.ID == pb.node.ID {
			continue
		}
		if r.IntN(3) > 0 {
			kind := []graph.AgreementKind{graph.AgreementMoU, graph.AgreementContract, graph.AgreementGeneral}[r.IntN(3)]
			topic := []string{"defence", "energy", "trade"}[r.IntN(3)]
			title := fmt.Sprintf("%s %s on %s", token, kind, topic)
			id := "agreement:" + graph.Slug(token)
			bl.node(graph.Node{ID: id, Kind: graph.KindAgreement, Name: title, Names: names(title, "اتفاقية "+token), Title: title,
				AgreementKind: kind, Date: date(), Topics: []string{topic}}, token)
			bl.edge(graph.Edge{From: pa.node.ID, Type: graph.PartyTo, To: id})
			bl.edge(graph.Edge{From: pb.node.ID, Type: graph.PartyTo, To: id})
		} else {
			id := "meeting:" + graph.Slug(token)
			city := cities[[]int{a, b}[r.IntN(2)]]
			bl.node(graph.Node{ID: id, Kind: graph.KindMeeting, Name: "Meeting " + token, Names: names("Meeting " + token), Title: "Meeting " + token, Date: date()}, token)
			bl.node(city)
			bl.edge(graph.Edge{From: id, Type: graph.HeldIn, To: city.ID})
			bl.edge(graph.Edge{From: pa.node.ID, Type: graph.ParticipatedIn, To: id})
			bl.edge(graph.Edge{From: pb.node.ID, Type: graph.ParticipatedIn, To: id})
		}
		out = append(out, bl.facts())
	}
	return out
}

// testQuestions holds a store's own answers to the analysts' questions
// (graph.Questions) to those Graph computes from the store's reads, on a
// generated world: agreements and meetings between every pair of sides
// (countries by code, name and id, companies, ministers), page by page;
// timelines; searches in both scripts, by code and in part; shortest paths
// between nodes of every kind.
func testQuestions(t *testing.T, newStore func(t *testing.T) graph.Store) {
	s := newStore(t)
	if _, ok := s.(graph.Questions); !ok {
		t.Skip("the store answers no question itself")
	}
	// Some thousand questions, each asked twice: under the race detector,
	// in CI beside other packages' tests and another engineer's Neo4j
	// tests, it once ran into ctx's two minutes (57 s alone with -race).
	c, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	world := relationsWorld(11, 90)
	apply(t, s, world...)
	own, ref := graph.New(s), graph.New(plain{s})
	compare := func(what string, got, want any, gerr, werr error) {
		t.Helper()
		if graph.ErrorCode(gerr) != graph.ErrorCode(werr) || (gerr == nil) != (werr == nil) {
			t.Errorf("%s: error %v, want %v", what, gerr, werr)
			return
		}
		if show(got) != show(want) {
			t.Errorf("%s:\n got %s\nwant %s", what, show(got), show(want))
		}
	}
	sides := []string{"QA", "DE", "FR", "TR", "EG", "OM", "Qatar", "ألمانيا", "FRA", "country:TR",
		"org:qatar-works-0", "person:germany-minister-a", "ZZ", "Nowhere", "UN"}
	var between [][]string
	dated := map[string]bool{} // pairs of countries paged in date ranges, each pair once
	for i, a := range sides {
		between = append(between, []string{a})
		for j, b := range sides {
			if i != j && (i < 6 && j < 6 || (i+j)%3 == 0) {
				between = append(between, []string{a, b})
				dated[a+"|"+b] = i < j && j < 6
			}
		}
	}
	pages, withEdges := 0, 0
	for _, bw := range between {
		for _, order := range []graph.Order{graph.DateDesc, graph.DateAsc} {
			after := ""
			for range 20 {
				f := graph.AgreementFilter{Between: bw}
				got, gerr := own.Agreements(c, f, order, 4, after)
				want, werr := ref.Agreements(c, f, order, 4, after)
				compare(fmt.Sprintf("Agreements(%v, %v, after %q)", bw, order, after), got, want, gerr, werr)
				pages++
				if gerr != nil || !want.HasNext {
					break
				}
				after = want.EndCursor
			}
		}
		dates := graph.AgreementFilter{Between: bw, From: graph.Year(2012), To: graph.Date(2015, 6, 0)}
		got, gerr := own.Agreements(c, dates, graph.DateDesc, 50, "")
		want, werr := ref.Agreements(c, dates, graph.DateDesc, 50, "")
		compare(fmt.Sprintf("Agreements(%v, 2012 to 2015-06)", bw), got, want, gerr, werr)
		if len(bw) == 2 && dated[bw[0]+"|"+bw[1]] {
			// Bounds of every precision, alone and together, page by page
			// in both orders, with the parties read along.
			for _, r := range [][2]*graph.PartialDate{{graph.Date(2013, 3, 15), nil}, {nil, graph.Date(2014, 7, 0)},
				{graph.Date(2011, 2, 0), graph.Date(2016, 11, 30)}, {graph.Year(2014), graph.Year(2014)}} {
				for _, order := range []graph.Order{graph.DateDesc, graph.DateAsc} {
					after := ""
					for range 20 {
						parties := []graph.Along{{Type: graph.PartyTo}}
						f := graph.AgreementFilter{Between: bw, From: r[0], To: r[1], With: parties}
						got, gerr := own.Agreements(c, f, order, 3, after)
						f.With = nil
						want, werr := ref.Agreements(c, f, order, 3, after)
						what := fmt.Sprintf("Agreements(%v, %v to %v, %v, after %q)", bw, r[0], r[1], order, after)
						if gerr == nil {
							compareWith(t, s, what, &got, parties)
						}
						compare(what, got, want, gerr, werr)
						if gerr != nil || !want.HasNext {
							break
						}
						after = want.EndCursor
					}
					along := []graph.Along{{Type: graph.ParticipatedIn}, {Type: graph.HeldIn, Out: true}}
					mf := graph.MeetingFilter{Between: bw, From: r[0], To: r[1], With: along}
					got, gerr := own.Meetings(c, mf, order, 2, "")
					mf.With = nil
					want, werr := ref.Meetings(c, mf, order, 2, "")
					what := fmt.Sprintf("Meetings(%v, %v to %v, %v)", bw, r[0], r[1], order)
					if gerr == nil {
						compareWith(t, s, what, &got, along)
					}
					compare(what, got, want, gerr, werr)
					if len(want.Nodes) > 0 {
						withEdges++
					}
				}
			}
		}
		if len(bw) == 2 {
			party := graph.AgreementFilter{Between: bw[:1], Party: bw[1], Kinds: []graph.AgreementKind{graph.AgreementMoU}}
			got, gerr = own.Agreements(c, party, graph.DateAsc, 50, "")
			want, werr = ref.Agreements(c, party, graph.DateAsc, 50, "")
			compare(fmt.Sprintf("Agreements(%v, party %s, MoUs)", bw[:1], bw[1]), got, want, gerr, werr)
		}
		mf := graph.MeetingFilter{Between: bw}
		gotM, gerr := own.Meetings(c, mf, graph.DateDesc, 100, "")
		wantM, werr := ref.Meetings(c, mf, graph.DateDesc, 100, "")
		compare(fmt.Sprintf("Meetings(%v)", bw), gotM, wantM, gerr, werr)
		// The first items of a timeline are paged in the store.
		for _, kinds := range [][]string{nil, {"office"}, {"agreement", "meeting"}} {
			for _, first := range []int{0, 3} {
				tf := graph.TimelineFilter{Between: bw, Kinds: kinds, First: first}
				gotT, gerr := own.Timeline(c, tf)
				wantT, werr := ref.Timeline(c, tf)
				compare(fmt.Sprintf("Timeline(%v, %v, first %d)", bw, kinds, first), gotT, wantT, gerr, werr)
			}
		}
		for _, first := range []int{0, 2} {
			tf := graph.TimelineFilter{Entity: bw[0], From: graph.Year(2011), To: graph.Year(2016), First: first}
			gotT, gerr := own.Timeline(c, tf)
			wantT, werr := ref.Timeline(c, tf)
			compare(fmt.Sprintf("Timeline(entity %s, 2011 to 2016, first %d)", bw[0], first), gotT, wantT, gerr, werr)
		}
	}
	if pages < 200 || withEdges < 20 {
		t.Errorf("only %d pages compared, %d pages of meetings in a date range", pages, withEdges)
	}
	compareEdgesWithEnds(t, s, s.(graph.Questions))

	// A company's country taken back (the articles that said it deleted):
	// its chief no longer acts for that country.
	deleted := 0
	for _, f := range world {
		if slices.ContainsFunc(f.Edges, func(e graph.Edge) bool { return e.From == "org:qatar-works-1" && e.Type == graph.BasedIn }) {
			if err := s.DeleteArticle(c, f.Article.ID); err != nil {
				t.Fatal(err)
			}
			deleted++
		}
	}
	if deleted == 0 {
		t.Fatal("no article says where Qatar Works 1 is")
	}
	for _, bw := range [][]string{{"QA", "DE"}, {"QA", "FR"}, {"QA", "TR"}, {"QA"}, {"DE", "QA"}, {"QA", "EG"}, {"OM", "QA"}} {
		f := graph.AgreementFilter{Between: bw}
		got, gerr := own.Agreements(c, f, graph.DateAsc, 100, "")
		want, werr := ref.Agreements(c, f, graph.DateAsc, 100, "")
		compare(fmt.Sprintf("after deleting, Agreements(%v)", bw), got, want, gerr, werr)
		tf := graph.TimelineFilter{Between: bw}
		gotT, gerr := own.Timeline(c, tf)
		wantT, werr := ref.Timeline(c, tf)
		compare(fmt.Sprintf("after deleting, Timeline(%v)", bw), gotT, wantT, gerr, werr)
	}

	all, err := s.FindNodes(c, graph.NodeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"QA", "QAT", "DEU", "qa", "Qatar", "قطر", "الوزير", "Minister", "minister a", "works", "Event01", "on defence",
		"City", "مدينة", "e", "ZZ", "nothing like it", "OM", "عمان", "Chief"}
	for _, n := range all {
		texts = append(texts, n.Name, n.Name[:min(4, len(n.Name))])
	}
	for _, text := range texts {
		for _, kinds := range [][]graph.Kind{nil, {graph.KindCountry, graph.KindPerson}, {graph.KindAgreement}} {
			for _, first := range []int{1, 3, 20} {
				got, gerr := own.Search(c, text, kinds, first)
				want, werr := ref.Search(c, text, kinds, first)
				compare(fmt.Sprintf("Search(%q, %v, %d)", text, kinds, first), got, want, gerr, werr)
			}
		}
	}

	r := rand.New(rand.NewPCG(3, 5))
	found := 0
	actors := slices.DeleteFunc(slices.Clone(all), func(n *graph.Node) bool {
		return n.Kind == graph.KindAgreement || n.Kind == graph.KindMeeting
	})
	for range 150 {
		a, b := all[r.IntN(len(all))], actors[r.IntN(len(actors))]
		hops, first := 2+r.IntN(3), 1+r.IntN(6)
		got, gerr := own.Paths(c, a.ID, b.ID, hops, first)
		want, werr := ref.Paths(c, a.ID, b.ID, hops, first)
		compare(fmt.Sprintf("Paths(%s, %s, %d, %d)", a.ID, b.ID, hops, first), got, want, gerr, werr)
		if len(want) > 1 {
			found++
		}
	}
	for _, p := range [][2]string{{"Qatar Works 0", "DE"}, {"QA", "DE"}, {"QA", "Nowhere"}} {
		got, gerr := own.Paths(c, p[0], p[1], 4, 5)
		want, werr := ref.Paths(c, p[0], p[1], 4, 5)
		compare(fmt.Sprintf("Paths(%s, %s)", p[0], p[1]), got, want, gerr, werr)
	}
	if found < 10 {
		t.Errorf("only %d of the random pairs had more than one path", found)
	}
}

// compareWith holds the edges a page brought along (graph.Page.With) to
// what Edges and then Nodes give for its nodes, and then clears them, so
// that the page compares with one read without them. A store that pages
// with Questions must bring them, and find some of each kind.
func compareWith(t *testing.T, s graph.Store, what string, p *graph.Page, with []graph.Along) {
	t.Helper()
	if !slices.Equal(p.With, with) {
		t.Errorf("%s: %v read with the page, want %v", what, p.With, with)
		return
	}
	c := ctx(t)
	var ids, far []string
	for _, n := range p.Nodes {
		ids = append(ids, n.ID)
	}
	var want []graph.Edge
	for _, w := range with {
		if len(ids) == 0 { // no From or To: every edge
			break
		}
		q := graph.EdgeQuery{Types: []string{w.Type}, To: ids}
		if w.Out {
			q = graph.EdgeQuery{Types: []string{w.Type}, From: ids}
		}
		es, err := s.Edges(c, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) == 0 {
			t.Errorf("%s: no %v edges of the page", what, w)
		}
		for _, e := range es {
			end := e.From
			if w.Out {
				end = e.To
			}
			if !slices.Contains(far, end) {
				far = append(far, end)
			}
		}
		want = append(want, es...)
	}
	slices.SortFunc(want, graph.CompareEdges)
	slices.Sort(far)
	wantEnds, err := s.Nodes(c, far)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(p.Ends, func(a, b *graph.Node) int { return strings.Compare(a.ID, b.ID) })
	if !equal(p.Edges, want) || !equal(p.Ends, wantEnds) {
		t.Errorf("%s: the page's edges\n got %s %s\nwant %s %s", what, show(p.Edges), show(p.Ends), show(want), show(wantEnds))
	}
	p.With, p.Edges, p.Ends = nil, nil, nil
}

// compareEdgesWithEnds holds EdgesWithEnds to Edges and then Nodes of the
// open ends, for each type of edge from and to a few sets of nodes.
func compareEdgesWithEnds(t *testing.T, s graph.Store, qs graph.Questions) {
	t.Helper()
	c := ctx(t)
	all, err := s.FindNodes(c, graph.NodeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(all))
	for i, n := range all {
		ids[i] = n.ID
	}
	r := rand.New(rand.NewPCG(7, 9))
	var queries []graph.EdgeQuery
	for _, typ := range append([]string{""}, graph.EdgeTypes...) {
		var types []string
		if typ != "" {
			types = []string{typ}
		}
		for range 4 {
			some := make([]string, 1+r.IntN(6))
			for i := range some {
				some[i] = ids[r.IntN(len(ids))]
			}
			queries = append(queries, graph.EdgeQuery{Types: types, From: some}, graph.EdgeQuery{Types: types, To: some},
				graph.EdgeQuery{Types: types, From: some, To: ids[:len(ids)/2]})
		}
	}
	queries = append(queries, graph.EdgeQuery{Types: []string{graph.PartyTo}, To: []string{"agreement:none"}},
		graph.EdgeQuery{Types: []string{"NO_SUCH_TYPE"}, From: ids[:3]})
	nonEmpty := 0
	for _, q := range queries {
		edges, ends, err := qs.EdgesWithEnds(c, q)
		if err != nil {
			t.Fatalf("EdgesWithEnds(%+v): %v", q, err)
		}
		want, err := s.Edges(c, q)
		if err != nil {
			t.Fatal(err)
		}
		if (len(edges) > 0 || len(want) > 0) && show(edges) != show(want) {
			t.Errorf("EdgesWithEnds(%+v) edges:\n got %s\nwant %s", q, show(edges), show(want))
		}
		var far []string
		for _, e := range want {
			id := e.From
			if len(q.From) > 0 {
				id = e.To
			}
			if !slices.Contains(far, id) {
				far = append(far, id)
			}
		}
		slices.Sort(far)
		wantEnds, err := s.Nodes(c, far)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(ends, func(a, b *graph.Node) int { return strings.Compare(a.ID, b.ID) })
		if (len(ends) > 0 || len(wantEnds) > 0) && show(ends) != show(wantEnds) {
			t.Errorf("EdgesWithEnds(%+v) ends:\n got %s\nwant %s", q, show(ends), show(wantEnds))
		}
		if len(want) > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < len(queries)/4 {
		t.Errorf("only %d of %d edge queries found edges", nonEmpty, len(queries))
	}
}
