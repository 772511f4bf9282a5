package graphtest

import (
	"reflect"
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// testArticleFacts checks that ArticleFacts gives back what Apply stored:
// each article's own claims (not merged with other articles'), its edges
// with the Since it stated, its evidence, in canonical order; the latest
// version of a re-imported article; nothing of unknown or deleted
// articles. Applying what it gives to an empty store gives the same graph,
// which is how exports and copies between stores work.
func testArticleFacts(t *testing.T, newStore func(t *testing.T) graph.Store) {
	w := world()
	v1, v2, other := reimportFixture()
	twice := article(graph.Article{ID: "article:twice", Title: "Said twice", Lang: graph.English,
		Text: "Omar Saleh has been Qatar's envoy since 2014. Omar Saleh, envoy since 2012, spoke."}).
		node(graph.Node{ID: "person:omar-saleh", Kind: graph.KindPerson, Name: "Omar Saleh"}, "Omar Saleh").
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar", ISO2: "QA"}, "Qatar").
		// The same edge stated twice: the store keeps it once, from the
		// earliest date stated; the same passage twice counts once.
		edge(graph.Edge{From: "person:omar-saleh", Type: graph.HoldsOffice, To: qa, Title: "Envoy", Since: graph.Year(2014)},
			"Qatar's envoy since 2014").
		edge(graph.Edge{From: "person:omar-saleh", Type: graph.HoldsOffice, To: qa, Title: "Envoy", Since: graph.Year(2012)},
			"envoy since 2012", "envoy since 2012").
		facts()
	// Nodes and evidence out of order, as an extractor may give them.
	twice.Nodes[0], twice.Nodes[1] = twice.Nodes[1], twice.Nodes[0]
	twice.Evidence[0], twice.Evidence[len(twice.Evidence)-1] = twice.Evidence[len(twice.Evidence)-1], twice.Evidence[0]

	s := fresh(t, newStore, append(w, v1, other, twice)...)
	apply(t, s, v2)
	all := append(w, v2, other, twice)
	ids := []string{"article:unknown"}
	var want []*graph.Facts
	for _, f := range all {
		ids = append(ids, f.Article.ID)
		want = append(want, graph.CanonicalFacts(f))
	}
	ids = append(ids, w[0].Article.ID) // asked twice, given once

	got, err := s.ArticleFacts(ctx(t), ids)
	if err != nil {
		t.Fatalf("ArticleFacts: %v", err)
	}
	checkFacts(t, "ArticleFacts", got, want)
	if last := got[len(got)-1]; len(last.Edges) != 1 || last.Edges[0].Since == nil || last.Edges[0].Since.ISO() != "2012" {
		t.Errorf("an edge stated twice came back as %s; want it once, since 2012 (the earliest stated)", show(last.Edges))
	}
	for i, f := range got {
		if f.Hash() != want[i].Hash() {
			t.Errorf("%s: Hash of ArticleFacts differs from the Hash of the canonical facts", f.Article.ID)
		}
	}
	if none, err := s.ArticleFacts(ctx(t), nil); err != nil || len(none) != 0 {
		t.Errorf("ArticleFacts(nil) = %d facts, %v; want none", len(none), err)
	}

	// A copy: what ArticleFacts gives, applied to an empty store, shows
	// the same graph, and gives back the same facts.
	facts := append(factIDs(append(all, v1)...), "article:unknown")
	copied := fresh(t, newStore, got...)
	checkState(t, "a store made from ArticleFacts", snapshot(t, copied, facts...), snapshot(t, s, facts...))
	again, err := copied.ArticleFacts(ctx(t), ids)
	if err != nil {
		t.Fatalf("ArticleFacts of the copy: %v", err)
	}
	checkFacts(t, "ArticleFacts of the copy", again, want)

	if err := s.DeleteArticle(ctx(t), other.Article.ID); err != nil {
		t.Fatal(err)
	}
	if gone, err := s.ArticleFacts(ctx(t), []string{other.Article.ID}); err != nil || len(gone) != 0 {
		t.Errorf("ArticleFacts of a deleted article = %d facts, %v; want none", len(gone), err)
	}
}

func checkFacts(t *testing.T, what string, got, want []*graph.Facts) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d articles, want %d", what, len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s: %s\n\tgot  %s\n\twant %s", what, want[i].Article.ID, show(got[i]), show(want[i]))
		}
	}
}
