package neo4j

import (
	"fmt"
	"slices"
	"strings"

	"github.com/alaqat/alaqat/graph"
)

// claim is what one article says about one node.
type claim struct {
	article string
	node    graph.Node
}

// mergedProps returns the properties of a node as its claims add up: the
// fields of graph.Merge over the claims in article order, with the
// analysts' corrections in force (graph.Overlay), and every folded
// spelling of its names, for search.
func mergedProps(claims []claim, active []graph.Correction) map[string]any {
	slices.SortFunc(claims, func(a, b claim) int { return strings.Compare(a.article, b.article) })
	nodes := make([]graph.Node, len(claims))
	for i, c := range claims {
		nodes[i] = c.node
	}
	n := graph.Merge(nodes)
	graph.Overlay(&n, active)
	var folded []string
	for _, t := range append([]string{n.Name}, nameTexts(n.Names)...) {
		if f := graph.Fold(t); f != "" && !slices.Contains(folded, f) {
			folded = append(folded, f)
		}
	}
	slices.Sort(folded)

	p := map[string]any{"id": n.ID}
	set := func(key, v string) {
		if v != "" {
			p[key] = v
		}
	}
	set("name", n.Name)
	if len(n.Names) > 0 {
		texts := nameTexts(n.Names)
		langs := make([]string, len(n.Names))
		for i, x := range n.Names {
			langs[i] = string(x.Lang)
		}
		p["names"], p["nameLangs"], p["namesText"] = texts, langs, strings.Join(texts, "\n")
	}
	if len(folded) > 0 {
		// The list decides a match; the text, under a text index, finds
		// the candidates (an index cannot look inside a list).
		p["folded"], p["foldedText"] = folded, strings.Join(folded, "\n")
	}
	set("iso2", n.ISO2)
	set("iso3", n.ISO3)
	set("orgKind", string(n.OrgKind))
	set("title", n.Title)
	set("agreementKind", string(n.AgreementKind))
	if n.Date != nil {
		p["date"], p["dateSort"] = n.Date.ISO(), dateSort(n.Date)
	}
	if len(n.Topics) > 0 {
		p["topics"] = n.Topics
	}
	return p
}

// dateSort orders partial dates as graph.ComparePartialDates does, as one
// integer for the range indexes: 2018 < 2018-01 < 2018-01-01.
func dateSort(d *graph.PartialDate) int64 {
	return int64(d.Year)*10000 + int64(d.Month)*100 + int64(d.Day)
}

func nameTexts(ns []graph.Name) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Text
	}
	return out
}

// nodeOf reads a node back from the properties mergedProps wrote.
// nodeFields are the properties nodeOf reads, as a Cypher map projection:
// reads return a node through node(v), so that its derived properties
// (folded names, actsFor, countries, the date's sort key), which serve the
// indexes and the questions, stay in the database. Returning nodes whole
// made Bolt carry them and the server decode them: a timeline of 1,500
// items is 1,500 nodes.
const nodeFields = ".id, .name, .iso2, .iso3, .orgKind, .title, .agreementKind, .topics, .names, .nameLangs, .date"

// node is the projection of the node bound to v that nodeOf reads.
func node(v string) string { return v + " {" + nodeFields + "}" }

func nodeOf(p map[string]any) (*graph.Node, error) {
	n := &graph.Node{
		ID:            str(p, "id"),
		Name:          str(p, "name"),
		ISO2:          str(p, "iso2"),
		ISO3:          str(p, "iso3"),
		OrgKind:       graph.OrgKind(str(p, "orgKind")),
		Title:         str(p, "title"),
		AgreementKind: graph.AgreementKind(str(p, "agreementKind")),
		Topics:        strs(p, "topics"),
	}
	n.Kind = graph.KindOf(n.ID)
	texts, langs := strs(p, "names"), strs(p, "nameLangs")
	for i, t := range texts {
		lang := graph.LangOf(t)
		if i < len(langs) {
			lang = graph.Lang(langs[i])
		}
		n.Names = append(n.Names, graph.Name{Text: t, Lang: lang})
	}
	if d := str(p, "date"); d != "" {
		var err error
		if n.Date, err = graph.ParsePartialDate(d); err != nil {
			return nil, fmt.Errorf("node %s: %w", n.ID, err)
		}
	}
	return n, nil
}

// articleProps returns the properties of an Article node.
func articleProps(a graph.Article) map[string]any {
	p := map[string]any{
		"id": a.ID, "url": a.URL, "title": a.Title, "source": a.Source, "lang": string(a.Lang), "text": a.Text,
	}
	if a.Published != nil {
		p["published"] = a.Published.ISO()
	}
	return p
}

// articleFields projects an article node a on the properties
// articleProps writes, those of a graph.Article: not the facts it was
// applied with, their digest or its mentions, which are the writers'.
// The facts are larger than the text (the seed's 6,763 characters against
// 3,848; a synthetic article's five times), and a page of passages'
// articles read them for nothing.
const articleFields = "a {.id, .url, .title, .source, .lang, .text, .published}"

// articleOf reads an article from its properties (articleFields).
func articleOf(p map[string]any) (*graph.Article, error) {
	a := &graph.Article{
		ID: str(p, "id"), URL: str(p, "url"), Title: str(p, "title"), Source: str(p, "source"),
		Lang: graph.Lang(str(p, "lang")), Text: str(p, "text"),
	}
	if d := str(p, "published"); d != "" {
		var err error
		if a.Published, err = graph.ParsePartialDate(d); err != nil {
			return nil, fmt.Errorf("article %s: %w", a.ID, err)
		}
	}
	return a, nil
}

func iso(d *graph.PartialDate) string {
	if d == nil {
		return ""
	}
	return d.ISO()
}

func str(p map[string]any, key string) string {
	s, _ := p[key].(string)
	return s
}

func strs(p map[string]any, key string) []string { return strList(p[key]) }

// strList reads a list of strings as the driver returns it (nil if v is
// not a list).
func strList(v any) []string {
	l, _ := v.([]any)
	if len(l) == 0 {
		return nil
	}
	out := make([]string, 0, len(l))
	for _, v := range l {
		s, _ := v.(string)
		out = append(out, s)
	}
	return out
}

func integer(v any) int {
	n, _ := v.(int64)
	return int(n)
}
