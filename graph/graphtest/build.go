package graphtest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alaqat/alaqat/graph"
)

// builder writes the Facts of one article. Evidence is given as quotes,
// located in the article's text, so that offsets are right by construction.
type builder struct {
	f graph.Facts
}

func article(a graph.Article) *builder {
	return &builder{f: graph.Facts{Article: a}}
}

// node adds a node with evidence for each quote.
func (b *builder) node(n graph.Node, quotes ...string) *builder {
	b.f.Nodes = append(b.f.Nodes, n)
	for _, q := range quotes {
		b.quote(n.ID, q, 0)
	}
	return b
}

// edge adds an edge with evidence for each quote.
func (b *builder) edge(e graph.Edge, quotes ...string) *builder {
	b.f.Edges = append(b.f.Edges, e)
	for _, q := range quotes {
		b.quote(e.Key(), q, 0)
	}
	return b
}

// quote adds evidence for fact: the nth (from 0) occurrence of q in the text.
func (b *builder) quote(fact, q string, nth int) *builder {
	text := b.f.Article.Text
	from := 0
	for ; ; nth-- {
		i := strings.Index(text[from:], q)
		if i < 0 {
			panic(fmt.Sprintf("graphtest: quote %q not in the text of %s", q, b.f.Article.ID))
		}
		if nth == 0 {
			start := utf8.RuneCountInString(text[:from+i])
			b.f.Evidence = append(b.f.Evidence, graph.Evidence{
				Fact: fact, ArticleID: b.f.Article.ID, Quote: q,
				Start: start, End: start + utf8.RuneCountInString(q),
			})
			return b
		}
		from += i + len(q)
	}
}

func (b *builder) facts() *graph.Facts { return &b.f }

// names builds Names from spellings, each in the language of its script.
func names(texts ...string) []graph.Name {
	out := make([]graph.Name, len(texts))
	for i, s := range texts {
		out[i] = graph.Name{Text: s, Lang: graph.LangOf(s)}
	}
	return out
}

// merged returns what the store should show for each node id the facts
// claim: graph.Merge over the claims ordered by article id.
func merged(fs ...*graph.Facts) map[string]*graph.Node {
	sorted := slices.Clone(fs)
	slices.SortFunc(sorted, func(a, b *graph.Facts) int { return cmp.Compare(a.Article.ID, b.Article.ID) })
	claims := map[string][]graph.Node{}
	for _, f := range sorted {
		for _, n := range f.Nodes {
			claims[n.ID] = append(claims[n.ID], n)
		}
	}
	out := map[string]*graph.Node{}
	for id, c := range claims {
		n := graph.Merge(c)
		out[id] = &n
	}
	return out
}

// pick returns the nodes of m with these ids, in this order.
func pick(m map[string]*graph.Node, ids ...string) []*graph.Node {
	out := make([]*graph.Node, len(ids))
	for i, id := range ids {
		n, ok := m[id]
		if !ok {
			panic("graphtest: no fixture node " + id)
		}
		out[i] = n
	}
	return out
}

// show formats a value for a failure message.
func show(v any) string {
	b, err := json.MarshalIndent(v, "\t", "  ")
	if err != nil {
		return fmt.Sprintf("%+v", v)
	}
	return string(b)
}

// equal reports whether got and want are deeply equal, an empty slice
// equalling a nil one at the top level.
func equal[T any](got, want []T) bool {
	if len(got) == 0 && len(want) == 0 {
		return true
	}
	return reflect.DeepEqual(got, want)
}

func checkNodes(t *testing.T, what string, got []*graph.Node, want []*graph.Node) {
	t.Helper()
	if !equal(got, want) {
		t.Errorf("%s:\n\tgot  %s\n\twant %s", what, show(got), show(want))
	}
}

func checkIDs(t *testing.T, what string, got []*graph.Node, want ...string) {
	t.Helper()
	ids := make([]string, len(got))
	for i, n := range got {
		ids[i] = n.ID
	}
	if !equal(ids, want) {
		t.Errorf("%s: got ids %q, want %q", what, ids, want)
	}
}

func checkEdges(t *testing.T, what string, got, want []graph.Edge) {
	t.Helper()
	if !equal(got, want) {
		t.Errorf("%s:\n\tgot  %s\n\twant %s", what, show(got), show(want))
	}
}

func checkEvidence(t *testing.T, what string, got, want []graph.Evidence) {
	t.Helper()
	if !equal(got, want) {
		t.Errorf("%s:\n\tgot  %s\n\twant %s", what, show(got), show(want))
	}
}

// normCounts drops kinds counted zero: a store may leave them out.
func normCounts(c graph.Counts) graph.Counts {
	out := c
	out.Nodes = map[graph.Kind]int{}
	for k, n := range c.Nodes {
		if n != 0 {
			out.Nodes[k] = n
		}
	}
	return out
}

func checkCounts(t *testing.T, got, want graph.Counts) {
	t.Helper()
	if g, w := normCounts(got), normCounts(want); !reflect.DeepEqual(g, w) {
		t.Errorf("Counts:\n\tgot  %+v\n\twant %+v", g, w)
	}
}

// countsOf is what a store holding exactly these facts must count.
func countsOf(fs ...*graph.Facts) graph.Counts {
	c := graph.Counts{Nodes: map[graph.Kind]int{}}
	nodes, edges, evidence := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, f := range fs {
		c.Articles++
		for _, n := range f.Nodes {
			if !nodes[n.ID] {
				nodes[n.ID] = true
				c.Nodes[n.Kind]++
			}
		}
		for _, e := range f.Edges {
			edges[e.Key()] = true
		}
		for _, ev := range f.Evidence {
			evidence[fmt.Sprint(ev.Fact, ev.ArticleID, ev.Start, ev.End)] = true
		}
	}
	c.Edges, c.Evidence = len(edges), len(evidence)
	return c
}

// requireCode fails unless err carries the graph error code.
func requireCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := graph.ErrorCode(err); got != code {
		t.Errorf("%s: error %v (code %q), want code %q", what, err, got, code)
	}
}
