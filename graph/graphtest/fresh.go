package graphtest

import (
	"reflect"
	"slices"
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// freshArticle adds a German minister no earlier article knew, party to a
// new agreement with Qatar, and a new spelling of Qatar: it changes a
// country's side, a dyad's agreements and a merged node at once.
func freshArticle() *graph.Facts {
	const minister, pact = "person:new-minister", "agreement:fresh-pact"
	return article(graph.Article{
		ID: "article:fresh", Title: "A new pact", Lang: graph.English,
		Text: "Katar and Minister of Economy Jana Roth of Germany signed the fresh pact in 2021.",
	}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar", Names: names("Katar")}, "Katar").
		node(graph.Node{ID: de, Kind: graph.KindCountry, Name: "Germany", Names: names("Germany")}, "Germany").
		node(graph.Node{ID: minister, Kind: graph.KindPerson, Name: "Jana Roth", Names: names("Jana Roth")}, "Jana Roth").
		node(graph.Node{ID: pact, Kind: graph.KindAgreement, Name: "Fresh pact", Names: names("Fresh pact"),
			Date: graph.Year(2021)}, "the fresh pact").
		edge(graph.Edge{From: minister, Type: graph.HoldsOffice, To: de, Title: "Minister of Economy"}, "Minister of Economy Jana Roth of Germany").
		edge(graph.Edge{From: qa, Type: graph.PartyTo, To: pact}, "Katar and Minister").
		edge(graph.Edge{From: minister, Type: graph.PartyTo, To: pact}, "Jana Roth of Germany signed").
		facts()
}

// testFresh asks one long-lived Graph the same questions before and after
// writes: whatever a store or Graph keeps between questions (see
// graph.Versioned), answers follow every import and deletion. A store that
// implements graph.Versioned must raise its generation with each.
func testFresh(t *testing.T, newStore func(t *testing.T) graph.Store) {
	s := fresh(t, newStore, world()...)
	g := graph.New(s)
	generation := func() int64 {
		v, ok := s.(graph.Versioned)
		if !ok {
			return 0
		}
		gen, err := v.Generation(ctx(t))
		if err != nil {
			t.Fatalf("Generation: %v", err)
		}
		return gen
	}
	type answers struct {
		agreements, timeline []string
		qatarNames           []string
		katar                []string // what a name search for Katar finds
		partners             int      // agreements and meetings with Germany
	}
	ask := func() answers {
		t.Helper()
		var a answers
		p, err := g.Agreements(ctx(t), graph.AgreementFilter{Between: []string{"QA", "DE"}}, graph.DateAsc, 50, "")
		if err != nil {
			t.Fatalf("Agreements: %v", err)
		}
		for _, n := range p.Nodes {
			a.agreements = append(a.agreements, n.ID)
		}
		items, err := g.Timeline(ctx(t), graph.TimelineFilter{Between: []string{"QA", "DE"}})
		if err != nil {
			t.Fatalf("Timeline: %v", err)
		}
		for _, it := range items {
			a.timeline = append(a.timeline, it.Node.ID)
		}
		n, err := g.Node(ctx(t), qa)
		if err != nil {
			t.Fatalf("Node: %v", err)
		}
		for _, x := range n.Names {
			a.qatarNames = append(a.qatarNames, x.Text)
		}
		found, err := s.FindNodes(ctx(t), graph.NodeQuery{Text: "katar"})
		if err != nil {
			t.Fatalf("FindNodes: %v", err)
		}
		for _, n := range found {
			a.katar = append(a.katar, n.ID)
		}
		ps, err := g.Partners(ctx(t), "QA", 0)
		if err != nil {
			t.Fatalf("Partners: %v", err)
		}
		for _, p := range ps {
			if p.CountryID == de {
				a.partners = p.Agreements + p.Meetings
			}
		}
		return a
	}
	gen0, before := generation(), ask()
	if slices.Contains(before.agreements, "agreement:fresh-pact") || slices.Contains(before.qatarNames, "Katar") {
		t.Fatalf("the fixture is not fresh: %+v", before)
	}
	ask() // asked twice: anything kept is kept now

	apply(t, s, freshArticle())
	gen1, after := generation(), ask()
	if _, ok := s.(graph.Versioned); ok && gen1 <= gen0 {
		t.Errorf("Generation after Apply = %d, want more than %d", gen1, gen0)
	}
	if !slices.Contains(after.agreements, "agreement:fresh-pact") || !slices.Contains(after.timeline, "agreement:fresh-pact") {
		t.Errorf("after Apply, the new QA–DE pact is missing: agreements %v, timeline %v", after.agreements, after.timeline)
	}
	if !slices.Contains(after.qatarNames, "Katar") || !slices.Equal(after.katar, []string{qa}) {
		t.Errorf("after Apply, Qatar's names %v lack Katar, or a search for it finds %v", after.qatarNames, after.katar)
	}
	if after.partners != before.partners+1 {
		t.Errorf("after Apply, QA–DE dealings = %d, want %d", after.partners, before.partners+1)
	}

	if err := s.DeleteArticle(ctx(t), "article:fresh"); err != nil {
		t.Fatalf("DeleteArticle: %v", err)
	}
	gen2, again := generation(), ask()
	if _, ok := s.(graph.Versioned); ok && gen2 <= gen1 {
		t.Errorf("Generation after DeleteArticle = %d, want more than %d", gen2, gen1)
	}
	if !reflect.DeepEqual(again, before) {
		t.Errorf("after DeleteArticle:\n\tgot  %+v\n\twant %+v", again, before)
	}
}
