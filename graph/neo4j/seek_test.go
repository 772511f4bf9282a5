package neo4j_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/neo4j"
	"github.com/alaqat/alaqat/graph/neo4j/neo4jtest"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// scanned are the plan operators that read every node of a label or every
// relationship of a type: a statement that uses one on a label that grows
// with the articles costs more with every article imported.
var scanned = []string{"AllNodesScan", "NodeByLabelScan", "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan",
	"DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan"}

// smallLabels may be scanned: there are about two hundred countries
// whatever the articles, and the corrections are the analysts' own.
var smallLabels = []string{":Country", ":Correction"}

// TestWritesSeek runs imports, replacements, a deletion and the questions
// the store answers itself, keeps every statement they send with its
// parameters, and asks Neo4j for the plan of each: none may scan a label
// or a relationship type that grows with the graph. A whole block of
// reports was read by scanning every report (the composite indexes serve
// a block alone only with a predicate on their second property), which no
// answer shows but which made each import slower than the one before.
func TestWritesSeek(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.OpenEmpty(t)

	var mu sync.Mutex
	var bad []string
	statements := map[string]bool{}
	neo4j.SetProfiled(func(cypher string, _ map[string]any, plan neo.ProfiledPlan) {
		mu.Lock()
		defer mu.Unlock()
		statements[cypher] = true
		if scans := scans(plan); len(scans) > 0 {
			bad = append(bad, fmt.Sprintf("scans %s in\n%s", strings.Join(scans, "; "), cypher))
		}
	})
	t.Cleanup(func() { neo4j.SetProfiled(nil) })

	first, second := graphtest.SyntheticBatches(20)
	for _, batch := range [][]*graph.Facts{first, second} {
		if err := s.ApplyAll(ctx, batch); err != nil {
			t.Fatalf("ApplyAll: %v", err)
		}
	}
	// An article again with other facts, and one deleted.
	changed := graphtest.Synthetic(3)
	var meeting string
	for _, n := range changed.Nodes {
		if n.Kind == graph.KindMeeting {
			meeting = n.ID
		}
	}
	changed.Nodes = slices.DeleteFunc(changed.Nodes, func(n graph.Node) bool { return n.ID == meeting })
	changed.Edges = slices.DeleteFunc(changed.Edges, func(e graph.Edge) bool {
		return e.Type == graph.HeldIn || e.Type == graph.ParticipatedIn
	})
	changed.Evidence = slices.DeleteFunc(changed.Evidence, func(ev graph.Evidence) bool {
		return strings.Contains(ev.Fact, meeting)
	})
	if err := s.Apply(ctx, changed); err != nil {
		t.Fatalf("Apply changed: %v", err)
	}
	if err := s.DeleteArticle(ctx, graphtest.Synthetic(4).Article.ID); err != nil {
		t.Fatalf("DeleteArticle: %v", err)
	}

	// The questions.
	a, b := graphtest.Synthetic(1).Nodes[0].ID, graphtest.Synthetic(1).Nodes[1].ID
	if _, err := s.Involved(ctx, graph.InvolvedQuery{Kinds: []graph.Kind{graph.KindAgreement, graph.KindMeeting},
		Rels: []string{graph.PartyTo, graph.ParticipatedIn}, Sides: []string{a, b}, Full: true}); err != nil {
		t.Fatalf("Involved: %v", err)
	}
	for _, q := range []graph.PageQuery{
		{Kinds: []graph.Kind{graph.KindAgreement}, Rels: []string{graph.PartyTo}, Sides: []string{a, b}, First: 5, With: []graph.Along{{Type: graph.PartyTo}}},
		{Kinds: []graph.Kind{graph.KindMeeting}, Rels: []string{graph.ParticipatedIn}, Sides: []string{a}, First: 2, Order: graph.DateAsc,
			From: graph.Year(2000), To: graph.Date(2030, 5, 0), After: &graph.Node{ID: "meeting:x", Date: graph.Year(2001)},
			With: []graph.Along{{Type: graph.ParticipatedIn}, {Type: graph.HeldIn, Out: true}}},
	} {
		if _, err := s.InvolvedPage(ctx, q); err != nil {
			t.Fatalf("InvolvedPage: %v", err)
		}
	}
	if _, err := s.SearchNodes(ctx, graph.SearchQuery{Text: graph.Fold("deal 1"), First: 10}); err != nil {
		t.Fatalf("SearchNodes: %v", err)
	}
	if _, err := s.OfficesIn(ctx, []string{a, b}); err != nil {
		t.Fatalf("OfficesIn: %v", err)
	}
	if _, err := s.ShortestPaths(ctx, a, b, 4, 5); err != nil {
		t.Fatalf("ShortestPaths: %v", err)
	}
	if _, _, err := s.EdgesWithEnds(ctx, graph.EdgeQuery{To: []string{a}}); err != nil {
		t.Fatalf("EdgesWithEnds: %v", err)
	}
	neo4j.SetProfiled(nil)
	if len(statements) < 20 {
		t.Fatalf("only %d statements profiled: does run still profile?", len(statements))
	}
	for _, b := range slices.Compact(slices.Sorted(slices.Values(bad))) {
		t.Error(b)
	}
}

// scans lists the operators of p that scan a label or type not among
// smallLabels, with their details.
func scans(p neo.ProfiledPlan) []string {
	if p == nil {
		return nil
	}
	var out []string
	op, _, _ := strings.Cut(p.Operator(), "@")
	if slices.Contains(scanned, op) {
		details := fmt.Sprint(p.Arguments()["Details"])
		if !slices.ContainsFunc(smallLabels, func(l string) bool { return strings.HasSuffix(details, l) }) {
			out = append(out, op+" "+details)
		}
	}
	for _, c := range p.Children() {
		out = append(out, scans(c)...)
	}
	return out
}

// TestBlockReports checks that reading several blocks in one statement
// gives, for each, what reading it alone gives (Reports, one statement a
// query): by year, by match, whole, and an entity's reports in its block,
// in a block it is not in too; and that it reads only the reports it
// returns.
func TestBlockReports(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.OpenEmpty(t)
	var batch []*graph.Facts
	var ids []string
	for i := range 30 {
		f := graphtest.Synthetic(i)
		if i%3 == 0 {
			for j := range f.Nodes {
				if f.Nodes[j].Kind == graph.KindAgreement {
					f.Nodes[j].Date = nil
				}
			}
		}
		batch, ids = append(batch, f), append(ids, f.Article.ID)
	}
	if err := s.ApplyAll(ctx, batch); err != nil {
		t.Fatal(err)
	}
	var kinds map[string]int
	block, single, err := s.BlockReportsAndReports(ctx, ids, func(stored []graph.Report) []graph.ReportQuery {
		kinds = map[string]int{}
		var qs []graph.ReportQuery
		for _, r := range stored {
			qs = append(qs,
				graph.ReportQuery{Block: r.Block, Year: r.Year},
				graph.ReportQuery{Block: r.Block, Match: r.Match},
				graph.ReportQuery{Block: r.Block},
				graph.ReportQuery{Block: r.Block, Entities: []string{r.Entity}},
				graph.ReportQuery{Block: "no such block", Entities: []string{r.Entity}})
			kinds["year"] += min(r.Year, 1)
			kinds["entity"] += min(len(r.Entity), 1)
		}
		for _, f := range batch[:5] {
			for _, n := range f.Nodes {
				if n.Kind == graph.KindPerson {
					qs = append(qs, graph.ReportQuery{Block: graph.PersonBlock(n.ID)})
				}
			}
		}
		return qs
	})
	if err != nil {
		t.Fatal(err)
	}
	if kinds["year"] == 0 || kinds["entity"] == 0 || len(single) < 100 {
		t.Fatalf("the world gives %d queries (%v): too few to compare", len(single), kinds)
	}
	nonEmpty := 0
	for i := range single {
		if g, w := fmt.Sprintf("%+v", block[i]), fmt.Sprintf("%+v", single[i]); g != w {
			t.Errorf("query %d: BlockReports gives\n%s\nReports gives\n%s", i, g, w)
		}
		nonEmpty += min(len(single[i]), 1)
	}
	if nonEmpty < len(single)/2 {
		t.Errorf("only %d of %d queries found reports", nonEmpty, len(single))
	}

	// What it reads: each query's reports and no others. A kind of query
	// has a branch of the statement; a branch that read the whole block
	// for queries of another kind, and dropped the rows after, read every
	// report of a block for each query in it.
	var seeks []int64
	neo4j.SetProfiled(func(cypher string, _ map[string]any, plan neo.ProfiledPlan) {
		if cypher == neo4j.BlockReportsRead {
			seeks = append(seeks, seekRows(plan))
		}
	})
	t.Cleanup(func() { neo4j.SetProfiled(nil) })
	block, _, err = s.BlockReportsAndReports(ctx, ids, func(stored []graph.Report) []graph.ReportQuery {
		var qs []graph.ReportQuery
		for _, r := range stored {
			qs = append(qs, graph.ReportQuery{Block: r.Block, Year: r.Year}, graph.ReportQuery{Block: r.Block, Match: r.Match},
				graph.ReportQuery{Block: r.Block, Entities: []string{r.Entity}})
		}
		return qs
	})
	neo4j.SetProfiled(nil)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, rs := range block {
		found += len(rs)
	}
	// The first statement is BlockReports of all queries; Reports reads
	// one block a statement after it.
	if len(seeks) == 0 || seeks[0] > int64(found) {
		t.Errorf("BlockReports of %d queries read %v reports by index to find %d", len(block), seeks[:min(len(seeks), 1)], found)
	}
}

// seekRows is the number of rows the index seeks of p found.
func seekRows(p neo.ProfiledPlan) int64 {
	var n int64
	if op, _, _ := strings.Cut(p.Operator(), "@"); strings.Contains(op, "Seek") {
		n += p.Records()
	}
	for _, c := range p.Children() {
		n += seekRows(c)
	}
	return n
}

// TestEvidenceFirst asks for the first passages of facts that many
// articles support: Neo4j finds them in the order of the index on (fact,
// article) and reads those alone. The statement read and sent every quote
// of a fact, and the store cut them in Go: a country's thousands for its
// first ten.
func TestEvidenceFirst(t *testing.T) {
	s := neo4jtest.OpenEmpty(t)
	facts := graphtest.BusyFacts(t, s)
	const limit = 2
	var quotes, seeks int64
	var scanning []string
	passages := graphtest.CheckFirstPassages(t, s, facts, limit, func(ask func()) {
		neo4j.SetProfiled(func(cypher string, _ map[string]any, plan neo.ProfiledPlan) {
			if strings.Contains(cypher, "SUPPORTED_BY") {
				quotes += rowsReading(plan, "quote")
				seeks += seekRows(plan)
				scanning = append(scanning, scans(plan)...)
			}
		})
		defer neo4j.SetProfiled(nil)
		ask()
	})
	t.Logf("%d facts, %d passages: %d found by index, %d quotes read for %d each", len(facts), passages, seeks, quotes, limit)
	if quotes == 0 || quotes > int64(limit*len(facts)) {
		t.Errorf("Evidence of %d facts, %d each, read %d quotes (the facts have %d passages)", len(facts), limit, quotes, passages)
	}
	if len(scanning) > 0 {
		t.Errorf("Evidence with a limit scans %s", strings.Join(scanning, "; "))
	}
	// In the index's order, each fact's seek stops after its limit-th
	// passage's article, with the row that shows the article changed:
	// two more rows each at most here (an article quotes a country twice
	// at most); and the statement reads the write counters twice.
	if seeks == 0 || seeks > int64((limit+2)*len(facts)+2) {
		t.Errorf("Evidence of %d facts, %d each, found %d passages by index (the facts have %d)", len(facts), limit, seeks, passages)
	}
}

// rowsReading is the number of rows of the operators of p whose details
// name the property prop.
func rowsReading(p neo.ProfiledPlan, prop string) int64 {
	var n int64
	if det, _ := p.Arguments()["Details"].(string); strings.Contains(det, "."+prop) {
		n += p.Records()
	}
	for _, c := range p.Children() {
		n += rowsReading(c, prop)
	}
	return n
}
