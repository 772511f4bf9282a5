package graph

import (
	"cmp"
	"slices"
	"strings"
)

// CanonicalFacts returns a copy of f as a store keeps it, the form
// Store.ArticleFacts gives back: nodes ordered by id; edges ordered by
// type, From, To and Title, an edge stated twice kept once with the
// earliest Since stated; evidence ordered by fact, Start and End, the same
// passage for the same fact kept once; an empty list is nil. Two facts
// that Apply stores alike have equal canonical forms (and so equal
// Hashes).
func CanonicalFacts(f *Facts) *Facts {
	out := &Facts{Article: f.Article}
	if f.Article.Published != nil {
		d := *f.Article.Published
		out.Article.Published = &d
	}
	for _, n := range f.Nodes {
		out.Nodes = append(out.Nodes, *n.Clone())
	}
	slices.SortStableFunc(out.Nodes, func(a, b Node) int { return strings.Compare(a.ID, b.ID) })

	var edges []Edge
	for _, e := range f.Edges {
		if e.Since != nil {
			d := *e.Since
			e.Since = &d
		}
		edges = append(edges, e)
	}
	slices.SortStableFunc(edges, CompareEdges)
	for _, e := range edges {
		if k := len(out.Edges) - 1; k >= 0 && CompareEdges(out.Edges[k], e) == 0 {
			if out.Edges[k].Since == nil || (e.Since != nil && ComparePartialDates(e.Since, out.Edges[k].Since) < 0) {
				out.Edges[k].Since = e.Since
			}
			continue
		}
		out.Edges = append(out.Edges, e)
	}

	if len(f.Evidence) > 0 {
		out.Evidence = slices.Clone(f.Evidence)
	}
	slices.SortStableFunc(out.Evidence, compareEvidence)
	out.Evidence = slices.CompactFunc(out.Evidence, func(a, b Evidence) bool { return compareEvidence(a, b) == 0 })
	return out
}

// CompareEdges orders edges as Store.Edges returns them: by type, From, To
// and Title.
func CompareEdges(a, b Edge) int {
	return cmp.Or(strings.Compare(a.Type, b.Type), strings.Compare(a.From, b.From),
		strings.Compare(a.To, b.To), strings.Compare(a.Title, b.Title))
}

func compareEvidence(a, b Evidence) int {
	return cmp.Or(strings.Compare(a.Fact, b.Fact), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
}

// SplitNew tells, for a write of several articles, the articles new to
// the store, each named once in all, from the others (their positions in
// all, in order): stores write the new ones together and the others one
// at a time. held reads which of these article ids the store holds. A
// write of one article has nothing to share: it is all "others".
func SplitNew(all []*Facts, held func(ids []string) ([]string, error)) (fresh []*Facts, rest []int, err error) {
	if len(all) == 1 {
		return nil, []int{0}, nil
	}
	ids := make([]string, len(all))
	named := make(map[string]int, len(all))
	for i, f := range all {
		ids[i] = f.Article.ID
		named[f.Article.ID]++
	}
	found, err := held(ids)
	if err != nil {
		return nil, nil, err
	}
	stored := make(map[string]bool, len(found))
	for _, id := range found {
		stored[id] = true
	}
	for i, f := range all {
		if named[f.Article.ID] == 1 && !stored[f.Article.ID] {
			fresh = append(fresh, f)
		} else {
			rest = append(rest, i)
		}
	}
	return fresh, rest, nil
}
