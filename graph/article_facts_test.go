package graph

import (
	"reflect"
	"testing"
)

func canonicalFixture() *Facts {
	text := "Qatar and Germany signed a deal. Qatar's envoy since 2012, Omar Saleh, spoke; envoy since 2014."
	ev := func(fact string, start, end int) Evidence {
		return Evidence{Fact: fact, ArticleID: "article:x", Start: start, End: end, Quote: string([]rune(text)[start:end])}
	}
	envoy := Edge{From: "person:omar-saleh", Type: HoldsOffice, To: "country:QA", Title: "Envoy"}
	later, earlier := envoy, envoy
	later.Since, earlier.Since = Year(2014), Year(2012)
	return &Facts{
		Article: Article{ID: "article:x", Title: "Deal", Text: text, Published: Date(2020, 1, 2)},
		Nodes: []Node{
			{ID: "person:omar-saleh", Kind: KindPerson, Name: "Omar Saleh"},
			{ID: "country:QA", Kind: KindCountry, Name: "Qatar", Names: []Name{{"Qatar", English}}},
			{ID: "country:DE", Kind: KindCountry, Name: "Germany"},
		},
		Edges:    []Edge{later, {From: "country:QA", Type: PartyTo, To: "country:DE"}, earlier},
		Evidence: []Evidence{ev("country:QA", 0, 5), ev("country:DE", 10, 17), ev("country:QA", 0, 5), ev(envoy.Key(), 41, 58)},
	}
}

// TestCanonicalFacts: nodes by id, edges by key with an edge stated twice
// kept once from its earliest date, evidence by fact and offsets without
// repeats; the input is left as it was.
func TestCanonicalFacts(t *testing.T) {
	f := canonicalFixture()
	before := canonicalFixture()
	c := CanonicalFacts(f)
	if !reflect.DeepEqual(f, before) {
		t.Error("CanonicalFacts changed its input")
	}
	var ids, keys, facts []string
	for _, n := range c.Nodes {
		ids = append(ids, n.ID)
	}
	for _, e := range c.Edges {
		since := ""
		if e.Since != nil {
			since = e.Since.ISO()
		}
		keys = append(keys, e.Key()+" "+since)
	}
	for _, ev := range c.Evidence {
		facts = append(facts, ev.Fact)
	}
	for _, tc := range []struct {
		what      string
		got, want []string
	}{
		{"nodes", ids, []string{"country:DE", "country:QA", "person:omar-saleh"}},
		{"edges", keys, []string{"HOLDS_OFFICE|person:omar-saleh|country:QA|Envoy 2012", "PARTY_TO|country:QA|country:DE "}},
		{"evidence", facts, []string{"HOLDS_OFFICE|person:omar-saleh|country:QA|Envoy", "country:DE", "country:QA"}},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.what, tc.got, tc.want)
		}
	}
	if err := c.Validate(); err != nil {
		t.Errorf("canonical facts do not validate: %v", err)
	}
}

// TestHashIgnoresOrder: facts in another order, or with a repeat Apply
// folds away, have the same Hash; other facts another.
func TestHashIgnoresOrder(t *testing.T) {
	f := canonicalFixture()
	g := canonicalFixture()
	g.Nodes[0], g.Nodes[2] = g.Nodes[2], g.Nodes[0]
	g.Edges[0], g.Edges[1] = g.Edges[1], g.Edges[0]
	g.Evidence = g.Evidence[1:]
	if f.Hash() != g.Hash() || f.Hash() != CanonicalFacts(f).Hash() {
		t.Error("the same facts in another order have another Hash")
	}
	g.Nodes[1].Name = "Qatar State"
	if f.Hash() == g.Hash() {
		t.Error("other facts have the same Hash")
	}
}
