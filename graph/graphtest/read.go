package graphtest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
)

func testFindNodes(t *testing.T, newStore func(t *testing.T) graph.Store) {
	w := world()
	s := fresh(t, newStore, w...)
	all := merged(w...)
	for _, tc := range []struct {
		name string
		q    graph.NodeQuery
		want []string
	}{
		{"All", graph.NodeQuery{}, worldIDs},
		{"Kind", graph.NodeQuery{Kinds: []graph.Kind{graph.KindCountry}}, []string{de, fr, jp, qa}},
		{"Kinds", graph.NodeQuery{Kinds: []graph.Kind{graph.KindPlace, graph.KindMeeting}}, []string{consult, talks, berlin, doha}},
		{"UnknownKind", graph.NodeQuery{Kinds: []graph.Kind{"planet"}}, nil},
		{"Limit", graph.NodeQuery{Limit: 3}, []string{contract, culture, defence}},
		{"KindLimit", graph.NodeQuery{Kinds: []graph.Kind{graph.KindPerson}, Limit: 2}, []string{ahmed, karl}},
		{"EnglishAnyCase", graph.NodeQuery{Text: "GERMANY"}, []string{defence, energy, health, de}},
		{"Substring", graph.NodeQuery{Text: "doha"}, []string{talks, port, nordoha, doha}},
		{"SubstringKind", graph.NodeQuery{Text: "Doha", Kinds: []graph.Kind{graph.KindOrganization}}, []string{port, nordoha}},
		{"SubstringLimit", graph.NodeQuery{Text: "doha", Limit: 2}, []string{talks, port}},
		{"Hyphen", graph.NodeQuery{Text: "al nasr"}, []string{ahmed}},
		{"Apostrophe", graph.NodeQuery{Text: "Nor'doha"}, []string{nordoha}},
		{"Alef", graph.NodeQuery{Text: "احمد"}, []string{ahmed}},
		{"AlefStored", graph.NodeQuery{Text: "المانيا"}, []string{de}},
		{"TehMarbuta", graph.NodeQuery{Text: "الدوحه"}, []string{doha}},
		{"Diacritics", graph.NodeQuery{Text: "قَطَر"}, []string{qa}},
		{"Tatweel", graph.NodeQuery{Text: "بـرلـين"}, []string{berlin}},
		{"ArabicIndicDigits", graph.NodeQuery{Text: "٢٠٣٠"}, []string{vision}},
		{"ArabicDigitsStored", graph.NodeQuery{Text: "رؤية 2030"}, []string{vision}},
		{"Accents", graph.NodeQuery{Text: "Nasr Karl Wébèr"}, nil},
		{"AccentFolded", graph.NodeQuery{Text: "Wébèr"}, []string{karl}},
		{"ArabicName", graph.NodeQuery{Text: "اليابان", Kinds: []graph.Kind{graph.KindCountry}}, []string{jp}},
		{"TitleIsNotAName", graph.NodeQuery{Text: "Doha talks on defence"}, nil},
		{"Nothing", graph.NodeQuery{Text: "zzz"}, nil},
		{"LikeWildcards", graph.NodeQuery{Text: "%"}, worldIDs},
		{"Underscore", graph.NodeQuery{Text: "q_tar"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.FindNodes(ctx(t), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var want []*graph.Node
			if len(tc.want) > 0 {
				want = pick(all, tc.want...)
			}
			checkNodes(t, "FindNodes", got, want)
		})
	}
}

func testEdges(t *testing.T, newStore func(t *testing.T) graph.Store) {
	s := fresh(t, newStore, world()...)
	all := worldEdges()
	for _, tc := range []struct {
		name string
		q    graph.EdgeQuery
		want []graph.Edge
	}{
		{"All", graph.EdgeQuery{}, all},
		{"Type", graph.EdgeQuery{Types: []string{graph.HeldIn}}, all[3:5]},
		{"Types", graph.EdgeQuery{Types: []string{graph.HoldsOffice, graph.BasedIn}}, append(all[0:3:3], all[5:9]...)},
		{"UnknownType", graph.EdgeQuery{Types: []string{"ADMIRES"}}, nil},
		{"From", graph.EdgeQuery{From: []string{ahmed}}, []graph.Edge{all[5], all[6], all[11], all[22]}},
		{"To", graph.EdgeQuery{To: []string{qa}}, []graph.Edge{all[2], all[5], all[6]}},
		{"FromMany", graph.EdgeQuery{From: []string{karl, acme, "person:nobody"}}, []graph.Edge{all[0], all[7], all[12], all[21]}},
		{"TypeTo", graph.EdgeQuery{Types: []string{graph.PartyTo}, To: []string{defence, culture}},
			[]graph.Edge{all[13], all[16], all[17], all[18]}},
		{"FromTo", graph.EdgeQuery{From: []string{qa}, To: []string{health, consult}}, []graph.Edge{all[10], all[20]}},
		{"TypesFrom", graph.EdgeQuery{Types: []string{graph.PartyTo, graph.BasedIn}, From: []string{acme}}, []graph.Edge{all[0], all[21]}},
		{"TypeFromTo", graph.EdgeQuery{Types: []string{graph.HoldsOffice}, From: []string{ahmed}, To: []string{qa}}, all[5:7]},
		{"FromUnknown", graph.EdgeQuery{From: []string{"person:nobody"}}, nil},
		{"NoMatch", graph.EdgeQuery{Types: []string{graph.HeldIn}, From: []string{qa}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Edges(ctx(t), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			checkEdges(t, "Edges", got, tc.want)
		})
	}
}

func testEvidence(t *testing.T, newStore func(t *testing.T) graph.Store) {
	based := graph.Edge{From: doha, Type: graph.BasedIn, To: qa}
	b := article(graph.Article{ID: "article:ev-b", Title: "b", Text: "Qatar, Qatar and again Qatar. Doha. Germany."}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar"}).
		node(graph.Node{ID: de, Kind: graph.KindCountry, Name: "Germany"}, "Germany").
		node(graph.Node{ID: doha, Kind: graph.KindPlace, Name: "Doha"}).
		edge(based, "Doha").
		quote(qa, "Qatar", 2).quote(qa, "Qatar, Qatar", 0).quote(qa, "Qatar", 0).quote(qa, "Qatar", 1).
		facts()
	a := article(graph.Article{ID: "article:ev-a", Title: "a", Text: "In Doha, Qatar met Qatar."}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar"}).
		node(graph.Node{ID: doha, Kind: graph.KindPlace, Name: "Doha"}, "Doha").
		edge(based, "In Doha, Qatar").
		quote(qa, "Qatar", 1).quote(qa, "Qatar", 0).
		facts()
	s := fresh(t, newStore, b, a)
	ev := func(f *graph.Facts, fact, quote string, start int) graph.Evidence {
		return graph.Evidence{Fact: fact, ArticleID: f.Article.ID, Quote: quote, Start: start, End: start + len([]rune(quote))}
	}
	qaA := []graph.Evidence{ev(a, qa, "Qatar", 9), ev(a, qa, "Qatar", 19)}
	qaB := []graph.Evidence{ev(b, qa, "Qatar", 0), ev(b, qa, "Qatar, Qatar", 0), ev(b, qa, "Qatar", 7), ev(b, qa, "Qatar", 23)}
	key := based.Key()
	for _, tc := range []struct {
		name  string
		facts []string
		limit int
		want  []graph.Evidence
	}{
		{"ByArticleThenStart", []string{qa}, 0, append(qaA, qaB...)},
		{"Limit", []string{qa}, 3, append(qaA, qaB[0])},
		{"LimitEndBreaksTie", []string{qa}, 4, append(qaA, qaB[:2]...)},
		{"NegativeLimit", []string{qa}, -1, append(qaA, qaB...)},
		{"Edge", []string{key}, 0, []graph.Evidence{ev(a, key, "In Doha, Qatar", 0), ev(b, key, "Doha", 30)}},
		// Facts sort as Go strings: "BASED_IN|…" before "country:…".
		{"PerFact", []string{qa, doha, key, de}, 1, []graph.Evidence{
			ev(a, key, "In Doha, Qatar", 0), ev(b, de, "Germany", 36), qaA[0], ev(a, doha, "Doha", 3)}},
		{"Unknown", []string{"country:FR"}, 0, nil},
		{"None", nil, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Evidence(ctx(t), tc.facts, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			checkEvidence(t, "Evidence", got, tc.want)
		})
	}
}

// testArticleEvidence reads what articles say: every passage of theirs, by
// article, fact (as Go orders strings), start and end.
func testArticleEvidence(t *testing.T, newStore func(t *testing.T) graph.Store) {
	s := fresh(t, newStore, world()...)
	w1 := world1()
	got, err := s.ArticleEvidence(ctx(t), []string{w1.Article.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(w1.Evidence)
	slices.SortFunc(want, func(a, b graph.Evidence) int {
		return cmp.Or(strings.Compare(a.Fact, b.Fact), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	checkEvidence(t, "ArticleEvidence(world-1)", got, want)

	both, err := s.ArticleEvidence(ctx(t), []string{"article:world-3", "article:nope", w1.Article.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(both) != len(w1.Evidence)+len(world3().Evidence) || both[0].ArticleID != w1.Article.ID ||
		both[len(both)-1].ArticleID != "article:world-3" {
		t.Errorf("ArticleEvidence(world-3, nope, world-1): %d passages, first of %s; want %d, world-1's first",
			len(both), both[0].ArticleID, len(w1.Evidence)+len(world3().Evidence))
	}
	if none, err := s.ArticleEvidence(ctx(t), []string{"article:nope"}); err != nil || len(none) != 0 {
		t.Errorf("ArticleEvidence(unknown) = %v, %v; want none", none, err)
	}
	if err := s.DeleteArticle(ctx(t), w1.Article.ID); err != nil {
		t.Fatal(err)
	}
	if gone, err := s.ArticleEvidence(ctx(t), []string{w1.Article.ID}); err != nil || len(gone) != 0 {
		t.Errorf("ArticleEvidence after delete = %d passages, %v; want none", len(gone), err)
	}
}

// testEvidenceMerged reads the passages of an entity that one article
// names twice (two companies an analyst merged), that another names with
// no passage, and of an office whose title has the key's separator: each
// passage once, in order, cut at every limit.
func testEvidenceMerged(t *testing.T, newStore func(t *testing.T) graph.Store) {
	const x, y, omar = "org:ev-sahel", "org:ev-sahel-holding", "person:ev-omar"
	office := graph.Edge{From: omar, Type: graph.HoldsOffice, To: qa, Title: "Minister of State | Trade"}
	sahel := graph.Node{ID: x, Kind: graph.KindOrganization, Name: "Sahel"}
	holding := graph.Node{ID: y, Kind: graph.KindOrganization, Name: "Sahel Holding"}
	both := article(graph.Article{ID: "article:ev-both", Title: "both", Text: "Sahel signed. Omar, Qatar's minister, praised Sahel Holding and Sahel."}).
		node(sahel, "Sahel signed").quote(x, "Sahel", 2).
		node(holding, "Sahel Holding").
		node(graph.Node{ID: omar, Kind: graph.KindPerson, Name: "Omar"}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar"}, "Qatar").
		edge(office, "Omar, Qatar's minister").
		facts()
	silent := article(graph.Article{ID: "article:ev-a-silent", Title: "silent", Text: "Nothing quoted."}).
		node(sahel).facts()
	later := article(graph.Article{ID: "article:ev-later", Title: "later", Text: "Sahel Holding grew; Omar, Qatar's minister, said so."}).
		node(holding, "Sahel Holding").
		node(graph.Node{ID: omar, Kind: graph.KindPerson, Name: "Omar"}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar"}).
		edge(office, "Omar, Qatar's minister").
		facts()
	s := fresh(t, newStore, both, silent, later)
	if _, err := s.Correct(ctx(t), graph.Correction{Op: graph.OpMerge, Target: x, Source: y, Author: "tester"}); err != nil {
		t.Fatal(err)
	}
	ev := func(f *graph.Facts, fact, quote string, start int) graph.Evidence {
		return graph.Evidence{Fact: fact, ArticleID: f.Article.ID, Quote: quote, Start: start, End: start + len([]rune(quote))}
	}
	key := office.Key()
	want := []graph.Evidence{ // by fact, article, start, end
		ev(both, key, "Omar, Qatar's minister", 14),
		ev(later, key, "Omar, Qatar's minister", 20),
		ev(both, x, "Sahel signed", 0), ev(both, x, "Sahel Holding", 46), ev(both, x, "Sahel", 64),
		ev(later, x, "Sahel Holding", 0),
	}
	for limit := range 6 {
		var cut []graph.Evidence
		for i, e := range want {
			if limit == 0 || i < limit || want[i-limit].Fact != e.Fact {
				cut = append(cut, e)
			}
		}
		got, err := s.Evidence(ctx(t), []string{x, key, y}, limit)
		if err != nil {
			t.Fatal(err)
		}
		checkEvidence(t, fmt.Sprintf("Evidence(first: %d)", limit), got, cut)
	}
}
