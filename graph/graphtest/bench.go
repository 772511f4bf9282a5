package graphtest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// Synthetic returns generated article i: ten nodes (two countries drawn
// from a pool of twenty, so that articles share and merge them, three
// persons, two organizations, an agreement, a meeting and a place), ten
// edges, and one piece of evidence for each node and edge.
func Synthetic(i int) *graph.Facts {
	country := func(j int) (graph.Node, string) {
		code := fmt.Sprintf("%c%c", 'A'+j%20, 'Q')
		name := "Country " + code
		return graph.Node{ID: "country:" + code, Kind: graph.KindCountry, Name: name, Names: names(name, "دولة "+code), ISO2: code}, name
	}
	c1, n1 := country(i)
	c2, n2 := country(i*7 + 3)
	if c1.ID == c2.ID {
		c2, n2 = country(i + 1)
	}
	id := func(kind graph.Kind, what string) string { return fmt.Sprintf("%s:syn-%d-%s", kind, i, what) }
	var text strings.Builder
	sentence := func(s string) string { text.WriteString(s + " "); return s }
	type fact struct {
		node  *graph.Node
		edge  *graph.Edge
		quote string
	}
	var facts []fact
	node := func(n graph.Node, quote string) { facts = append(facts, fact{node: &n, quote: quote}) }
	edge := func(e graph.Edge, quote string) { facts = append(facts, fact{edge: &e, quote: quote}) }

	node(c1, sentence(n1+" and "+n2+" met."))
	node(c2, sentence(n2+" signed."))
	agreement := graph.Node{ID: id(graph.KindAgreement, "deal"), Kind: graph.KindAgreement, Name: fmt.Sprintf("Deal %d", i),
		Names: names(fmt.Sprintf("Deal %d", i)), AgreementKind: graph.AgreementMoU, Date: graph.Date(2000+i%25, 1+i%12, 1+i%28),
		Topics: []string{"trade", "energy"}}
	node(agreement, sentence(fmt.Sprintf("They signed Deal %d.", i)))
	meeting := graph.Node{ID: id(graph.KindMeeting, "talks"), Kind: graph.KindMeeting, Name: fmt.Sprintf("Talks %d", i),
		Names: names(fmt.Sprintf("Talks %d", i)), Date: graph.Year(2000 + i%25)}
	node(meeting, sentence(fmt.Sprintf("Talks %d were held.", i)))
	place := graph.Node{ID: id(graph.KindPlace, "city"), Kind: graph.KindPlace, Name: fmt.Sprintf("City %d", i), Names: names(fmt.Sprintf("City %d", i))}
	node(place, sentence(fmt.Sprintf("They met in City %d.", i)))
	edge(graph.Edge{From: meeting.ID, Type: graph.HeldIn, To: place.ID}, sentence(fmt.Sprintf("Talks %d in City %d.", i, i)))
	edge(graph.Edge{From: place.ID, Type: graph.BasedIn, To: c1.ID}, sentence(fmt.Sprintf("City %d is in %s.", i, n1)))
	edge(graph.Edge{From: c1.ID, Type: graph.PartyTo, To: agreement.ID}, sentence(fmt.Sprintf("%s is party to Deal %d.", n1, i)))
	edge(graph.Edge{From: c2.ID, Type: graph.PartyTo, To: agreement.ID}, sentence(fmt.Sprintf("%s is party too.", n2)))
	for j, c := range []graph.Node{c1, c2, c1} {
		// Each person a name of their own: a family name per article.
		p := graph.Node{ID: fmt.Sprintf("person:syn-%d-%d", j, i), Kind: graph.KindPerson, Name: fmt.Sprintf("Person %d-%d", i, j),
			Names: names(fmt.Sprintf("Person %d-%d", i, j))}
		node(p, sentence(p.Name+" spoke."))
		edge(graph.Edge{From: p.ID, Type: graph.HoldsOffice, To: c.ID, Title: fmt.Sprintf("Minister %d", j), Since: graph.Year(1990 + j)},
			sentence(fmt.Sprintf("%s is Minister %d.", p.Name, j)))
	}
	for j, c := range []graph.Node{c1, c2} {
		o := graph.Node{ID: id(graph.KindOrganization, fmt.Sprint(j)), Kind: graph.KindOrganization, Name: fmt.Sprintf("Company %d-%d", i, j),
			Names: names(fmt.Sprintf("Company %d-%d", i, j)), OrgKind: graph.OrgCompany}
		node(o, sentence(o.Name+" bid."))
		edge(graph.Edge{From: o.ID, Type: graph.BasedIn, To: c.ID}, sentence(fmt.Sprintf("%s is based in %s.", o.Name, c.Name)))
	}
	edge(graph.Edge{From: fmt.Sprintf("person:syn-0-%d", i), Type: graph.ParticipatedIn, To: meeting.ID}, sentence(fmt.Sprintf("Person %d-0 attended.", i)))

	b := article(graph.Article{ID: fmt.Sprintf("article:syn-%06d", i), Title: fmt.Sprintf("Synthetic %d", i), Lang: graph.English,
		Text: text.String()})
	for _, f := range facts {
		if f.node != nil {
			b.node(*f.node, f.quote)
		} else {
			b.edge(*f.edge, f.quote)
		}
	}
	return b.facts()
}

// BenchmarkApply applies one synthetic article per iteration to s and
// reports articles/s and facts/s (nodes and edges; each also carries one
// piece of evidence).
func BenchmarkApply(b *testing.B, s graph.Store) {
	ctx := b.Context()
	var articles, facts int
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		f := Synthetic(i)
		b.StartTimer()
		if err := s.Apply(ctx, f); err != nil {
			b.Fatalf("Apply(%s): %v", f.Article.ID, err)
		}
		articles++
		facts += len(f.Nodes) + len(f.Edges)
	}
	if secs := b.Elapsed().Seconds(); secs > 0 {
		b.ReportMetric(float64(articles)/secs, "articles/s")
		b.ReportMetric(float64(facts)/secs, "facts/s")
	}
}

// SyntheticBatches returns two batches of n generated articles (see
// Synthetic), the agreements of every other article of the second
// undated: importing the second batch finds the first's reports in its
// blocks, by year and, for the undated, by their parties.
func SyntheticBatches(n int) (first, second []*graph.Facts) {
	for i := range n {
		first = append(first, Synthetic(i))
		f := Synthetic(n + i)
		if i%2 == 0 {
			for j := range f.Nodes {
				if f.Nodes[j].Kind == graph.KindAgreement {
					f.Nodes[j].Date = nil
				}
			}
		}
		second = append(second, f)
	}
	return first, second
}
