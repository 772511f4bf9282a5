package graphtest

import (
	"cmp"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alaqat/alaqat/graph"
)

// testUnicode round-trips Arabic with diacritics, emoji (with skin tones,
// joiners and flags), a text over 100 KB and a quote of 5,000 runes.
func testUnicode(t *testing.T, newStore func(t *testing.T) graph.Store) {
	const (
		person = "person:muhammad-al-khayyat"
		cafe   = "org:cafe-holdings"
	)
	head := "مُحَمَّد الخَيَّاط التقى 👩🏽‍💻 مهندسين من 🇶🇦 قطر في مقهى Café ☕ يوم ١٤ مايو.\n"
	var filler strings.Builder
	for filler.Len() < 100<<10 {
		filler.WriteString("نصٌّ عربيٌّ طويلٌ with English words, tabs\tand emoji 🚀🏳️‍🌈 — ")
	}
	long := strings.Repeat("أَ😀b", 1250) // 5,000 runes
	text := head + filler.String() + long + " النهاية"

	f := article(graph.Article{
		ID: "article:unicode", URL: "https://例え.example/مقال?q=1&x=🚀", Title: "☕ عنوانٌ 🇶🇦 with\ttab",
		Source: "مصدر «خاص»", Published: graph.Year(2024), Lang: graph.Arabic, Text: text,
	}).
		node(graph.Node{ID: person, Kind: graph.KindPerson, Name: "مُحَمَّد الخَيَّاط",
			Names: names("مُحَمَّد الخَيَّاط", "Muḥammad al-Khayyāṭ")}, "مُحَمَّد الخَيَّاط", long).
		node(graph.Node{ID: cafe, Kind: graph.KindOrganization, Name: "Café ☕ Holdings 🇶🇦",
			Names: names("Café ☕ Holdings 🇶🇦", "مقهى ☕"), OrgKind: graph.OrgCompany}, "Café ☕").
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "قطر", Names: names("قطر", "🇶🇦")}, "🇶🇦 قطر", "النهاية").
		edge(graph.Edge{From: cafe, Type: graph.BasedIn, To: qa, Title: "مقرّها 🇶🇦"}, "👩🏽‍💻 مهندسين من 🇶🇦 قطر").
		facts()
	if utf8.RuneCountInString(long) != 5000 || len(text) < 100<<10 {
		t.Fatalf("fixture: quote of %d runes, text of %d bytes", utf8.RuneCountInString(long), len(text))
	}
	s := fresh(t, newStore, f)
	c := ctx(t)

	arts, err := s.Articles(c, []string{f.Article.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || !reflect.DeepEqual(*arts[0], f.Article) {
		t.Errorf("the article did not come back as stored (%d articles)", len(arts))
		if len(arts) == 1 && arts[0].Text != text {
			t.Errorf("text: %d bytes back, %d stored", len(arts[0].Text), len(text))
		}
	}

	nodes, err := s.Nodes(c, []string{person, cafe, qa})
	if err != nil {
		t.Fatal(err)
	}
	checkNodes(t, "Nodes", nodes, []*graph.Node{&f.Nodes[0], &f.Nodes[1], &f.Nodes[2]})

	edges, err := s.Edges(c, graph.EdgeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	checkEdges(t, "Edges", edges, f.Edges)

	facts := []string{person, cafe, qa, f.Edges[0].Key()}
	got, err := s.Evidence(c, facts, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(f.Evidence)
	slices.SortFunc(want, func(a, b graph.Evidence) int {
		return cmp.Or(strings.Compare(a.Fact, b.Fact), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	checkEvidence(t, "Evidence", got, want)
	runes := []rune(text)
	for _, ev := range got {
		if ev.Start < 0 || ev.End > len(runes) || ev.Start > ev.End || string(runes[ev.Start:ev.End]) != ev.Quote {
			t.Errorf("evidence for %s: offsets %d–%d do not give its quote", ev.Fact, ev.Start, ev.End)
		}
	}
	if i := slices.IndexFunc(got, func(e graph.Evidence) bool { return e.Quote == long }); i < 0 ||
		got[i].End-got[i].Start != 5000 || got[i].Start != utf8.RuneCountInString(head+filler.String()) {
		t.Errorf("the long quote did not come back at its offsets")
	}

	for _, tc := range []struct{ q, want string }{
		{"محمد الخياط", person},
		{"خيّاط", person},
		{"CAFE", cafe},
		{"مقهي", cafe},
		{"al khayyāṭ", person},
	} {
		found, err := s.FindNodes(c, graph.NodeQuery{Text: tc.q})
		if err != nil {
			t.Fatal(err)
		}
		checkIDs(t, "FindNodes("+tc.q+")", found, tc.want)
	}
}
