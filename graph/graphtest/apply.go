package graphtest

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// roundTrip is one article that states every kind of node and every type of
// edge, each field set.
func roundTrip() *graph.Facts {
	const (
		sara   = "person:sara-haddad"
		falcon = "agreement:falcon-contract"
		summit = "meeting:lusail-summit-2021"
		lusail = "place:lusail"
	)
	return article(graph.Article{
		ID: "article:round-trip", URL: "https://news.example/falcon", Title: "Falcon contract signed at Lusail",
		Source: "Example News", Published: graph.Date(2021, 2, 3), Lang: graph.English,
		Text: "🇶🇦 Qatar: Qatar's Minister of State for Defence Sara Haddad, in office since November 2020, signed the Falcon contract " +
			"with Acme Defence of Germany at the Lusail summit, held in Lusail on 2 February 2021.",
	}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar", Names: names("Qatar", "قطر"), ISO2: "QA", ISO3: "QAT"}, "Qatar").
		node(graph.Node{ID: de, Kind: graph.KindCountry, Name: "Germany", Names: names("Germany"), ISO2: "DE", ISO3: "DEU"}, "Germany").
		node(graph.Node{ID: sara, Kind: graph.KindPerson, Name: "Sara Haddad", Names: names("Sara Haddad", "سارة حداد")}, "Sara Haddad").
		node(graph.Node{ID: acme, Kind: graph.KindOrganization, Name: "Acme Defence", Names: names("Acme Defence"), OrgKind: graph.OrgCompany},
			"Acme Defence").
		node(graph.Node{ID: falcon, Kind: graph.KindAgreement, Name: "Falcon contract", Names: names("Falcon contract", "عقد فالكون"),
			Title: "Falcon aircraft contract", AgreementKind: graph.AgreementContract, Date: graph.Date(2021, 2, 2),
			Topics: []string{"defence", "aviation"}}, "the Falcon contract").
		node(graph.Node{ID: summit, Kind: graph.KindMeeting, Name: "Lusail summit", Names: names("Lusail summit"),
			Title: "Lusail summit 2021", Date: graph.Date(2021, 2, 2), Topics: []string{"security"}}, "the Lusail summit").
		node(graph.Node{ID: lusail, Kind: graph.KindPlace, Name: "Lusail", Names: names("Lusail", "لوسيل")}).
		edge(graph.Edge{From: sara, Type: graph.HoldsOffice, To: qa, Title: "Minister of State for Defence", Since: month(2020, 11)},
			"Minister of State for Defence Sara Haddad, in office since November 2020").
		edge(graph.Edge{From: acme, Type: graph.BasedIn, To: de}, "Acme Defence of Germany").
		edge(graph.Edge{From: lusail, Type: graph.BasedIn, To: qa}).
		edge(graph.Edge{From: qa, Type: graph.PartyTo, To: falcon}).
		edge(graph.Edge{From: acme, Type: graph.PartyTo, To: falcon}, "the Falcon contract with Acme Defence").
		edge(graph.Edge{From: sara, Type: graph.ParticipatedIn, To: summit}).
		edge(graph.Edge{From: summit, Type: graph.HeldIn, To: lusail}, "held in Lusail on 2 February 2021").
		edge(graph.Edge{From: sara, Type: graph.Signed, To: falcon}, "Sara Haddad, in office since November 2020, signed the Falcon contract").
		quote(qa, "Qatar", 1).
		facts()
}

func testRoundTrip(t *testing.T, newStore func(t *testing.T) graph.Store) {
	f := roundTrip()
	s := fresh(t, newStore, f)
	c := ctx(t)

	t.Run("Nodes", func(t *testing.T) {
		ids := []string{"place:lusail", "country:XX", qa, "meeting:lusail-summit-2021", "agreement:falcon-contract", acme,
			"person:sara-haddad", de, "bogus"}
		got, err := s.Nodes(c, ids)
		if err != nil {
			t.Fatal(err)
		}
		want := []*graph.Node{&f.Nodes[6], &f.Nodes[0], &f.Nodes[5], &f.Nodes[4], &f.Nodes[3], &f.Nodes[2], &f.Nodes[1]}
		checkNodes(t, "Nodes", got, want)
		if got, err := s.Nodes(c, nil); err != nil || len(got) != 0 {
			t.Errorf("Nodes(nil) = %d, %v; want none", len(got), err)
		}
	})
	t.Run("Edges", func(t *testing.T) {
		got, err := s.Edges(c, graph.EdgeQuery{})
		if err != nil {
			t.Fatal(err)
		}
		e := f.Edges
		checkEdges(t, "Edges", got, []graph.Edge{e[1], e[2], e[6], e[0], e[5], e[3], e[4], e[7]})
	})
	t.Run("Evidence", func(t *testing.T) {
		got, err := s.Evidence(c, []string{qa}, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Offsets count runes: the flag is two of them.
		checkEvidence(t, "Evidence(country:QA)", got, []graph.Evidence{
			{Fact: qa, ArticleID: f.Article.ID, Quote: "Qatar", Start: 3, End: 8},
			{Fact: qa, ArticleID: f.Article.ID, Quote: "Qatar", Start: 10, End: 15},
		})
		office := f.Edges[0].Key()
		got, err = s.Evidence(c, []string{office}, 0)
		if err != nil {
			t.Fatal(err)
		}
		checkEvidence(t, "Evidence(office)", got, []graph.Evidence{{Fact: office, ArticleID: f.Article.ID,
			Quote: "Minister of State for Defence Sara Haddad, in office since November 2020", Start: 18, End: 90}})
	})
	t.Run("Counts", func(t *testing.T) {
		got, err := s.Counts(c)
		if err != nil {
			t.Fatal(err)
		}
		checkCounts(t, got, graph.Counts{Articles: 1, Edges: 8, Evidence: 12, Nodes: map[graph.Kind]int{
			graph.KindCountry: 2, graph.KindPerson: 1, graph.KindOrganization: 1, graph.KindAgreement: 1,
			graph.KindMeeting: 1, graph.KindPlace: 1,
		}})
	})
	t.Run("Article", func(t *testing.T) {
		got, err := s.Articles(c, []string{f.Article.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !reflect.DeepEqual(*got[0], f.Article) {
			t.Errorf("Articles:\n\tgot  %s\n\twant %s", show(got), show(f.Article))
		}
	})
}

func testArticles(t *testing.T, newStore func(t *testing.T) graph.Store) {
	w := world()
	s := fresh(t, newStore, w[2], w[0], w[1])
	c := ctx(t)
	a1, a2, a3 := w[0].Article, w[1].Article, w[2].Article

	got, err := s.Articles(c, []string{a3.ID, "article:unknown", a1.ID, a2.ID})
	if err != nil {
		t.Fatal(err)
	}
	if want := []*graph.Article{&a3, &a1, &a2}; !reflect.DeepEqual(got, want) {
		t.Errorf("Articles:\n\tgot  %s\n\twant %s", show(got), show(want))
	}
	for _, tc := range []struct {
		after string
		limit int
		want  []*graph.Article
	}{
		{"", 2, []*graph.Article{&a1, &a2}},
		{a2.ID, 2, []*graph.Article{&a3}},
		{"", 10, []*graph.Article{&a1, &a2, &a3}},
		{"article:world-1a", 10, []*graph.Article{&a2, &a3}},
		{a3.ID, 5, nil},
		{"", 0, nil},
	} {
		got, err := s.ListArticles(c, tc.after, tc.limit)
		if err != nil {
			t.Fatalf("ListArticles(%q, %d): %v", tc.after, tc.limit, err)
		}
		if !equal(got, tc.want) {
			t.Errorf("ListArticles(%q, %d):\n\tgot  %s\n\twant %s", tc.after, tc.limit, show(got), show(tc.want))
		}
	}
}

// state is everything a store shows, for comparing two stores.
type state struct {
	Counts   graph.Counts
	Nodes    []*graph.Node
	Edges    []graph.Edge
	Evidence []graph.Evidence
	Articles []*graph.Article
}

// snapshot reads everything s shows, the evidence of its nodes and edges
// and of the extra facts (which may be gone).
func snapshot(t *testing.T, s graph.Store, extra ...string) state {
	t.Helper()
	c := ctx(t)
	var st state
	var err error
	if st.Counts, err = s.Counts(c); err != nil {
		t.Fatal(err)
	}
	st.Counts = normCounts(st.Counts)
	if st.Nodes, err = s.FindNodes(c, graph.NodeQuery{}); err != nil {
		t.Fatal(err)
	}
	if st.Edges, err = s.Edges(c, graph.EdgeQuery{}); err != nil {
		t.Fatal(err)
	}
	facts := slices.Clone(extra)
	for _, n := range st.Nodes {
		facts = append(facts, n.ID)
	}
	for _, e := range st.Edges {
		facts = append(facts, e.Key())
	}
	slices.Sort(facts)
	if st.Evidence, err = s.Evidence(c, slices.Compact(facts), 0); err != nil {
		t.Fatal(err)
	}
	if st.Articles, err = s.ListArticles(c, "", 1000); err != nil {
		t.Fatal(err)
	}
	if len(st.Nodes) == 0 {
		st.Nodes = nil
	}
	if len(st.Edges) == 0 {
		st.Edges = nil
	}
	if len(st.Evidence) == 0 {
		st.Evidence = nil
	}
	if len(st.Articles) == 0 {
		st.Articles = nil
	}
	return st
}

// factIDs lists every node id and edge key of the facts.
func factIDs(fs ...*graph.Facts) []string {
	var out []string
	for _, f := range fs {
		for _, n := range f.Nodes {
			out = append(out, n.ID)
		}
		for _, e := range f.Edges {
			out = append(out, e.Key())
		}
	}
	return out
}

func checkState(t *testing.T, what string, got, want state) {
	t.Helper()
	if !reflect.DeepEqual(got.Counts, want.Counts) {
		t.Errorf("%s: Counts\n\tgot  %+v\n\twant %+v", what, got.Counts, want.Counts)
	}
	checkNodes(t, what+": nodes", got.Nodes, want.Nodes)
	checkEdges(t, what+": edges", got.Edges, want.Edges)
	checkEvidence(t, what+": evidence", got.Evidence, want.Evidence)
	if !equal(got.Articles, want.Articles) {
		t.Errorf("%s: articles\n\tgot  %s\n\twant %s", what, show(got.Articles), show(want.Articles))
	}
}

func testIdempotent(t *testing.T, newStore func(t *testing.T) graph.Store) {
	w := world()
	s := fresh(t, newStore, w...)
	all := factIDs(w...)
	once := snapshot(t, s, all...)
	checkCounts(t, once.Counts, countsOf(w...))
	checkNodes(t, "nodes after one import", once.Nodes, pick(merged(w...), worldIDs...))
	checkEdges(t, "edges after one import", once.Edges, worldEdges())

	apply(t, s, w[1], w[0], w[2])
	checkState(t, "after the same facts twice", snapshot(t, s, all...), once)
	apply(t, s, world()...) // equal facts, newly built
	checkState(t, "after equal facts a third time", snapshot(t, s, all...), once)
}

// reimportFixture is an article in two versions and another article that
// supports some of what the first version claimed.
func reimportFixture() (v1, v2, other *graph.Facts) {
	const envoy, oldDeal, newDeal = "person:omar-saleh", "agreement:old-deal", "agreement:new-deal"
	v1 = article(graph.Article{ID: "article:re-a", Title: "Envoy named", Lang: graph.English,
		Text: "Qatar and Germany agreed the old deal. Omar Saleh is Qatar's envoy."}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar", Names: names("Qatar"), ISO2: "QA"}, "Qatar").
		node(graph.Node{ID: de, Kind: graph.KindCountry, Name: "Germany", Names: names("Germany"), ISO2: "DE"}, "Germany").
		node(graph.Node{ID: envoy, Kind: graph.KindPerson, Name: "Omar Saleh", Names: names("Omar Saleh", "عمر صالح")}, "Omar Saleh").
		node(graph.Node{ID: oldDeal, Kind: graph.KindAgreement, Name: "Old deal", Names: names("Old deal"),
			Date: graph.Year(2015), Topics: []string{"trade"}}, "the old deal").
		edge(graph.Edge{From: qa, Type: graph.PartyTo, To: oldDeal}, "Qatar and Germany agreed the old deal").
		edge(graph.Edge{From: de, Type: graph.PartyTo, To: oldDeal}, "Qatar and Germany agreed the old deal").
		edge(graph.Edge{From: envoy, Type: graph.HoldsOffice, To: qa, Title: "Envoy", Since: graph.Year(2014)}, "Omar Saleh is Qatar's envoy").
		facts()
	v2 = article(graph.Article{ID: "article:re-a", Title: "Envoy named (corrected)", Source: "Example Wire", Lang: graph.English,
		Published: graph.Year(2016), Text: "Correction: Qatar and France agreed a new deal."}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar", Names: names("Qatar", "دولة قطر"), ISO3: "QAT"}, "Qatar").
		node(graph.Node{ID: fr, Kind: graph.KindCountry, Name: "France", Names: names("France")}, "France").
		node(graph.Node{ID: newDeal, Kind: graph.KindAgreement, Name: "New deal", Names: names("New deal"), Date: graph.Year(2016)}, "a new deal").
		edge(graph.Edge{From: qa, Type: graph.PartyTo, To: newDeal}, "Qatar and France agreed a new deal").
		edge(graph.Edge{From: fr, Type: graph.PartyTo, To: newDeal}, "Qatar and France agreed a new deal").
		facts()
	other = article(graph.Article{ID: "article:re-b", Title: "Old deal recalled", Lang: graph.English,
		Text: "Qatar recalled the old deal of 2015."}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar", Names: names("Qatar", "قطر")}, "Qatar").
		node(graph.Node{ID: oldDeal, Kind: graph.KindAgreement, Name: "Old deal", Names: names("Old deal", "الصفقة القديمة"),
			Topics: []string{"history"}}, "the old deal of 2015").
		edge(graph.Edge{From: qa, Type: graph.PartyTo, To: oldDeal}, "Qatar recalled the old deal").
		facts()
	return v1, v2, other
}

func testReimport(t *testing.T, newStore func(t *testing.T) graph.Store) {
	v1, v2, other := reimportFixture()
	all := factIDs(v1, v2, other)
	s := fresh(t, newStore, v1, other, v2)
	c := ctx(t)
	checkFactsHash(t, s, v1.Article.ID, v2.Hash())
	checkFactsHash(t, s, "article:never-imported", "")

	got := snapshot(t, s, all...)
	checkCounts(t, got.Counts, countsOf(other, v2))
	checkNodes(t, "nodes", got.Nodes, pick(merged(other, v2), "agreement:new-deal", "agreement:old-deal", fr, qa))

	// What only the first version claimed is gone; what the other article
	// supports stays, as that article alone describes it.
	for _, id := range []string{de, "person:omar-saleh"} {
		if ns, err := s.Nodes(c, []string{id}); err != nil || len(ns) != 0 {
			t.Errorf("Nodes(%s) = %s, %v; want it gone", id, show(ns), err)
		}
	}
	if ns, err := s.FindNodes(c, graph.NodeQuery{Text: "عمر صالح"}); err != nil || len(ns) != 0 {
		t.Errorf("FindNodes(old name) = %s, %v; want nothing", show(ns), err)
	}
	checkEdges(t, "edges", got.Edges, []graph.Edge{
		{From: fr, Type: graph.PartyTo, To: "agreement:new-deal"},
		{From: qa, Type: graph.PartyTo, To: "agreement:new-deal"},
		{From: qa, Type: graph.PartyTo, To: "agreement:old-deal"},
	})
	old := graph.Edge{From: qa, Type: graph.PartyTo, To: "agreement:old-deal"}.Key()
	ev, err := s.Evidence(c, []string{old}, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, "evidence of a fact the other article supports", ev,
		[]graph.Evidence{{Fact: old, ArticleID: other.Article.ID, Quote: "Qatar recalled the old deal", Start: 0, End: 27}})
	arts, err := s.Articles(c, []string{v1.Article.ID})
	if err != nil || len(arts) != 1 || !reflect.DeepEqual(*arts[0], v2.Article) {
		t.Errorf("Articles(%s) = %s, %v; want the second version", v1.Article.ID, show(arts), err)
	}
	// Last, as it replaces the store: the same as if v1 had never been.
	checkState(t, "re-imported", got, snapshot(t, fresh(t, newStore, other, v2), all...))
}

func testDeleteArticle(t *testing.T, newStore func(t *testing.T) graph.Store) {
	v1, _, other := reimportFixture()
	all := factIDs(v1, other)
	s := fresh(t, newStore, v1, other)
	c := ctx(t)

	if err := s.DeleteArticle(c, v1.Article.ID); err != nil {
		t.Fatalf("DeleteArticle: %v", err)
	}
	checkFactsHash(t, s, v1.Article.ID, "")
	checkFactsHash(t, s, other.Article.ID, other.Hash())
	got := snapshot(t, s, all...)
	checkCounts(t, got.Counts, countsOf(other))
	checkNodes(t, "nodes", got.Nodes, pick(merged(other), "agreement:old-deal", qa))
	for _, q := range []string{"Omar", "عمر", "Germany"} {
		if ns, err := s.FindNodes(c, graph.NodeQuery{Text: q}); err != nil || len(ns) != 0 {
			t.Errorf("FindNodes(%q) = %s, %v; want nothing", q, show(ns), err)
		}
	}
	if es, err := s.Edges(c, graph.EdgeQuery{From: []string{"person:omar-saleh", de}}); err != nil || len(es) != 0 {
		t.Errorf("Edges of deleted nodes = %s, %v; want none", show(es), err)
	}
	if ev, err := s.Evidence(c, factIDs(v1), 0); err != nil || slices.ContainsFunc(ev, func(e graph.Evidence) bool {
		return e.ArticleID == v1.Article.ID
	}) {
		t.Errorf("evidence of the deleted article left: %s, %v", show(ev), err)
	}
	if as, err := s.Articles(c, []string{v1.Article.ID}); err != nil || len(as) != 0 {
		t.Errorf("Articles(deleted) = %s, %v; want none", show(as), err)
	}

	requireCode(t, "DeleteArticle(again)", s.DeleteArticle(c, v1.Article.ID), graph.ENOTFOUND)
	requireCode(t, "DeleteArticle(unknown)", s.DeleteArticle(c, "article:never-seen"), graph.ENOTFOUND)

	if err := s.DeleteArticle(c, other.Article.ID); err != nil {
		t.Fatalf("DeleteArticle(last): %v", err)
	}
	checkState(t, "after deleting every article", snapshot(t, s, all...), state{Counts: normCounts(graph.Counts{})})
	// Last, as it replaces the store: the same as if v1 had never been.
	checkState(t, "after delete", got, snapshot(t, fresh(t, newStore, other), all...))
}

// testForgottenNames removes the only article that gives an entity a
// name, by deleting it and by importing it again without the name: the
// entity, which other articles name otherwise, is no longer found by it,
// and a search of one result finds the entity that still has it.
func testForgottenNames(t *testing.T, newStore func(t *testing.T) graph.Store) {
	const zx, bank = "org:ev-a-zephyr", "org:ev-b-zefir-bank"
	text := "Zephyr Trading, known as Zefir, opened in Doha."
	alias := article(graph.Article{ID: "article:names-alias", Title: "alias", Text: text}).
		node(graph.Node{ID: zx, Kind: graph.KindOrganization, Name: "Zephyr Trading", Names: names("Zephyr Trading", "Zefir")}, "Zephyr Trading").
		facts()
	plain := article(graph.Article{ID: "article:names-plain", Title: "plain", Text: "Zephyr Trading grew; Zefir Bank lent."}).
		node(graph.Node{ID: zx, Kind: graph.KindOrganization, Name: "Zephyr Trading"}, "Zephyr Trading").
		node(graph.Node{ID: bank, Kind: graph.KindOrganization, Name: "Zefir Bank"}, "Zefir Bank").
		facts()
	s := fresh(t, newStore, alias, plain)
	c := ctx(t)
	found := func(t *testing.T, text string, limit int, want ...string) {
		t.Helper()
		ns, err := s.FindNodes(c, graph.NodeQuery{Text: text, Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		checkIDs(t, fmt.Sprintf("FindNodes(%s, %d)", text, limit), ns, want...)
	}
	found(t, "zefir", 0, zx, bank)
	found(t, "zefir", 1, zx)
	if err := s.DeleteArticle(c, alias.Article.ID); err != nil {
		t.Fatal(err)
	}
	found(t, "zefir", 0, bank)
	found(t, "zefir", 1, bank)
	found(t, "zephyr", 0, zx)
	apply(t, s, alias)
	found(t, "zefir", 1, zx)
	without := article(alias.Article).
		node(graph.Node{ID: zx, Kind: graph.KindOrganization, Name: "Zephyr Trading"}, "Zephyr Trading").
		facts()
	apply(t, s, without)
	found(t, "zefir", 1, bank)
	found(t, "zephyr", 0, zx)
}
