package graphtest

import (
	"testing"

	"github.com/alaqat/alaqat/graph"
)

const (
	gasDeal = "agreement:gas-deal"
	nasser  = "person:nasser-khalil"
)

// mergeFixture is two articles that describe the same nodes and edges
// differently. Article "a" sorts first but is applied last.
func mergeFixture() (a, b *graph.Facts) {
	office := func(title string, since *graph.PartialDate) graph.Edge {
		return graph.Edge{From: nasser, Type: graph.HoldsOffice, To: qa, Title: title, Since: since}
	}
	a = article(graph.Article{ID: "article:merge-a", Title: "أ", Lang: graph.Arabic,
		Text: "وقّعت قطر صفقة الغاز عام 2019، وحضرها ناصر خليل."}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar", Names: names("Qatar"), ISO3: "QAT"}, "قطر").
		node(graph.Node{ID: gasDeal, Kind: graph.KindAgreement, Name: "Gas deal", Names: names("Gas deal", "صفقة الغاز"),
			Date: graph.Year(2019), Topics: []string{"gas", "energy"}}, "صفقة الغاز").
		node(graph.Node{ID: nasser, Kind: graph.KindPerson, Name: "ناصر خليل", Names: names("ناصر خليل")}, "ناصر خليل").
		edge(graph.Edge{From: qa, Type: graph.PartyTo, To: gasDeal}, "وقّعت قطر صفقة الغاز").
		edge(office("Adviser", graph.Year(2017))).
		edge(office("Envoy", nil)).
		edge(office("Counsellor", graph.Year(2016))).
		facts()
	b = article(graph.Article{ID: "article:merge-b", Title: "B", Lang: graph.English,
		Text: "Nasser Khalil, adviser since March 2016, saw the State of Qatar sign the gas memorandum in May 2019."}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "قطر", Names: names("قطر", "دولة قطر"), ISO2: "QA"}, "State of Qatar").
		node(graph.Node{ID: gasDeal, Kind: graph.KindAgreement, Name: "صفقة الغاز", Names: names("صفقة الغاز"), Title: "Gas memorandum",
			AgreementKind: graph.AgreementMoU, Date: month(2019, 5), Topics: []string{"energy", "defence"}}, "the gas memorandum").
		node(graph.Node{ID: nasser, Kind: graph.KindPerson, Name: "Nasser Khalil", Names: names("Nasser Khalil")}, "Nasser Khalil").
		edge(graph.Edge{From: qa, Type: graph.PartyTo, To: gasDeal}, "the State of Qatar sign the gas memorandum").
		edge(office("Adviser", month(2016, 3)), "Nasser Khalil, adviser since March 2016").
		edge(office("Envoy", graph.Date(2019, 7, 1))).
		edge(office("Counsellor", month(2016, 3))).
		facts()
	return a, b
}

func testMerge(t *testing.T, newStore func(t *testing.T) graph.Store) {
	a, b := mergeFixture()
	s := fresh(t, newStore, b, a)
	c := ctx(t)
	ids := []string{gasDeal, qa, nasser}
	office := func(title string, since *graph.PartialDate) graph.Edge {
		return graph.Edge{From: nasser, Type: graph.HoldsOffice, To: qa, Title: title, Since: since}
	}
	party := graph.Edge{From: qa, Type: graph.PartyTo, To: gasDeal}

	check := func(t *testing.T, nodes []*graph.Node, edges []graph.Edge) {
		t.Helper()
		got, err := s.Nodes(c, ids)
		if err != nil {
			t.Fatal(err)
		}
		checkNodes(t, "Nodes", got, nodes)
		gotEdges, err := s.Edges(c, graph.EdgeQuery{})
		if err != nil {
			t.Fatal(err)
		}
		checkEdges(t, "Edges", gotEdges, edges)
	}

	t.Run("Both", func(t *testing.T) {
		// The two reports of the gas deal agree (2019 contains May 2019, a
		// topic in common), so they are one agreement. Claims merge in
		// article order (a, then b) whatever the order of import: a's name
		// wins, b's more precise date wins, b fills what a left empty,
		// names and topics are the union, the English name is preferred.
		// An edge's Since is the earliest any article states.
		check(t, []*graph.Node{
			{ID: gasDeal, Kind: graph.KindAgreement, Name: "Gas deal", Names: names("Gas deal", "صفقة الغاز"),
				Title: "Gas memorandum", AgreementKind: graph.AgreementMoU, Date: month(2019, 5),
				Topics: []string{"gas", "energy", "defence"}},
			{ID: qa, Kind: graph.KindCountry, Name: "Qatar", Names: names("Qatar", "قطر", "دولة قطر"), ISO2: "QA", ISO3: "QAT"},
			{ID: nasser, Kind: graph.KindPerson, Name: "Nasser Khalil", Names: names("ناصر خليل", "Nasser Khalil")},
		}, []graph.Edge{
			office("Adviser", month(2016, 3)),
			office("Counsellor", graph.Year(2016)),
			office("Envoy", graph.Date(2019, 7, 1)),
			party,
		})
		checkNodes(t, "merged", pick(merged(a, b), ids...), pick(merged(b, a), ids...))
		for _, q := range []string{"دولة قطر", "Qatar", "قطر"} {
			found, err := s.FindNodes(c, graph.NodeQuery{Text: q})
			if err != nil {
				t.Fatal(err)
			}
			checkIDs(t, "FindNodes("+q+")", found, qa)
		}
		counts, err := s.Counts(c)
		if err != nil {
			t.Fatal(err)
		}
		checkCounts(t, counts, countsOf(a, b))
	})
	t.Run("WithoutA", func(t *testing.T) {
		if err := s.DeleteArticle(c, a.Article.ID); err != nil {
			t.Fatal(err)
		}
		check(t, []*graph.Node{&b.Nodes[1], &b.Nodes[0], &b.Nodes[2]}, []graph.Edge{
			office("Adviser", month(2016, 3)),
			office("Counsellor", month(2016, 3)),
			office("Envoy", graph.Date(2019, 7, 1)),
			party,
		})
		if found, err := s.FindNodes(c, graph.NodeQuery{Text: "gas deal"}); err != nil || len(found) != 0 {
			t.Errorf("FindNodes(a name only a stated) = %s, %v; want nothing", show(found), err)
		}
	})
	t.Run("WithoutB", func(t *testing.T) {
		apply(t, s, a)
		if err := s.DeleteArticle(c, b.Article.ID); err != nil {
			t.Fatal(err)
		}
		check(t, []*graph.Node{&a.Nodes[1], &a.Nodes[0], &a.Nodes[2]}, []graph.Edge{
			office("Adviser", graph.Year(2017)),
			office("Counsellor", graph.Year(2016)),
			office("Envoy", nil),
			party,
		})
		if found, err := s.FindNodes(c, graph.NodeQuery{Text: "دولة"}); err != nil || len(found) != 0 {
			t.Errorf("FindNodes(a name only b stated) = %s, %v; want nothing", show(found), err)
		}
	})
}

func testInvalid(t *testing.T, newStore func(t *testing.T) graph.Store) {
	keep := article(graph.Article{ID: "article:keep", Title: "Kept", Text: "قطر وألمانيا"}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "قطر", Names: names("قطر")}, "قطر").
		node(graph.Node{ID: de, Kind: graph.KindCountry, Name: "ألمانيا", Names: names("ألمانيا")}, "ألمانيا").
		facts()
	s := fresh(t, newStore, keep)
	all := append(factIDs(keep), "agreement:missing", "place:doha")
	before := snapshot(t, s, all...)

	// broken returns facts that replace "keep", changed by fn.
	broken := func(fn func(f *graph.Facts)) *graph.Facts {
		f := article(graph.Article{ID: "article:keep", Title: "Changed", Text: "قطر وألمانيا والدوحة"}).
			node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar", Names: names("Qatar")}, "قطر").
			node(graph.Node{ID: "place:doha", Kind: graph.KindPlace, Name: "الدوحة", Names: names("الدوحة")}, "الدوحة").
			edge(graph.Edge{From: "place:doha", Type: graph.BasedIn, To: qa}, "قطر وألمانيا والدوحة").
			facts()
		fn(f)
		return f
	}
	for _, tc := range []struct {
		name  string
		facts *graph.Facts
	}{
		{"EdgeToNodeNotInFacts", broken(func(f *graph.Facts) {
			f.Edges = append(f.Edges, graph.Edge{From: qa, Type: graph.PartyTo, To: "agreement:missing"})
		})},
		{"QuoteNotAtOffsets", broken(func(f *graph.Facts) { f.Evidence[1].Start, f.Evidence[1].End = 4, 11 })},
		{"OffsetsInBytes", broken(func(f *graph.Facts) { f.Evidence[1].Start, f.Evidence[1].End = 26, 38 })},
		{"OffsetsPastText", broken(func(f *graph.Facts) { f.Evidence[2].End = 100 })},
		{"EvidenceForUnknownFact", broken(func(f *graph.Facts) { f.Evidence[0].Fact = "country:FR" })},
		{"EvidenceOfOtherArticle", broken(func(f *graph.Facts) { f.Evidence[0].ArticleID = "article:other" })},
		{"NodeIDNotOfKind", broken(func(f *graph.Facts) { f.Nodes[1].Kind = graph.KindCountry })},
		{"NodeTwice", broken(func(f *graph.Facts) { f.Nodes = append(f.Nodes, f.Nodes[0]) })},
		{"UnknownEdgeType", broken(func(f *graph.Facts) { f.Edges[0].Type = "ADMIRES"; f.Evidence = f.Evidence[:2] })},
		{"InvalidDate", broken(func(f *graph.Facts) { f.Nodes[1].Date = &graph.PartialDate{Year: 2020, Month: 13} })},
		{"ArticleIDWithoutPrefix", broken(func(f *graph.Facts) {
			f.Article.ID = "news-1"
			for i := range f.Evidence {
				f.Evidence[i].ArticleID = "news-1"
			}
		})},
		{"EmptyText", article(graph.Article{ID: "article:empty", Text: " \n "}).facts()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requireCode(t, "Apply", s.Apply(ctx(t), tc.facts), graph.EINVALID)
			checkState(t, "after invalid facts", snapshot(t, s, all...), before)
		})
	}
}
