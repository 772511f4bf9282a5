package sqlite_test

import (
	"context"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// TestStatementsSeek imports, replaces and deletes articles and asks the
// questions, then reads the plan of every statement the store prepared:
// none may scan a table that grows with the articles (only a search
// (SEARCH) through an index or a key).
func TestStatementsSeek(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, filepath.Join(t.TempDir(), "seek.db"))
	first, second := graphtest.SyntheticBatches(20)
	for _, batch := range [][]*graph.Facts{first, second} {
		if err := s.ApplyAll(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	changed := graphtest.Synthetic(3)
	changed.Article.Title += " (corrected)"
	if err := s.Apply(ctx, changed); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteArticle(ctx, graphtest.Synthetic(4).Article.ID); err != nil {
		t.Fatal(err)
	}
	a, b := graphtest.Synthetic(1).Nodes[0].ID, graphtest.Synthetic(1).Nodes[1].ID
	g := graph.New(s)
	for name, ask := range map[string]func() error{
		"search": func() error { _, err := g.Search(ctx, "deal 1", nil, 10); return err },
		"agreements": func() error {
			_, err := g.Agreements(ctx, graph.AgreementFilter{Between: []string{a, b}}, graph.DateDesc, 10, "")
			return err
		},
		"timeline":   func() error { _, err := g.Timeline(ctx, graph.TimelineFilter{Between: []string{a, b}}); return err },
		"paths":      func() error { _, err := g.Paths(ctx, a, b, 3, 5); return err },
		"partners":   func() error { _, err := g.Partners(ctx, a, 10); return err },
		"offices":    func() error { _, err := g.Offices(ctx, nil, []string{a}); return err },
		"neighbours": func() error { _, err := g.Neighbourhood(ctx, a, 2, 50, graph.NeighbourhoodFilter{}); return err },
	} {
		if err := ask(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}

	plans, err := s.Plans(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) < 20 {
		t.Fatalf("only %d statements prepared", len(plans))
	}
	t.Logf("%d statements", len(plans))
	// A scan of a virtual table is of a parameter's list (json_each), one
	// of a VALUES clause of the rows an INSERT gives; a scan of a partial
	// index reads only the rows it holds.
	scan := regexp.MustCompile(`(?m)^SCAN (\w+)(?: (VIRTUAL TABLE|USING (?:COVERING )?INDEX articles_to_upgrade)|(-ROW VALUES CLAUSE))?`)
	for _, q := range slices.Sorted(maps.Keys(plans)) {
		for _, m := range scan.FindAllStringSubmatch(plans[q], -1) {
			if m[2] == "" && m[3] == "" && !slices.Contains(small, m[1]) {
				t.Errorf("scans %s:\n%s\nin\n%s", m[1], plans[q], strings.TrimSpace(q))
			}
		}
	}
}

// small are the tables and table-valued functions a statement may scan:
// the parameters' lists (json_each), the store's own bookkeeping, the
// analysts' corrections and the names they give.
var small = []string{"json_each", "meta", "corrections", "correction_names"}

// TestEvidenceFirst asks for the first passages of facts that many
// articles support: each fact's articles are read in key order (a node's
// claims, an edge's rows), bounded by the article of its limit-th passage,
// and each article's passages of the fact are found by the evidence's key.
// Before, the statement numbered every row of a fact (a window) and kept
// the first: a country's thousands for its first ten.
func TestEvidenceFirst(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, filepath.Join(t.TempDir(), "evidence.db"))
	facts := graphtest.BusyFacts(t, s)
	graphtest.CheckFirstPassages(t, s, facts, 2, func(ask func()) { ask() })
	plans, err := s.Plans(ctx)
	if err != nil {
		t.Fatal(err)
	}
	plan, ok := plans[sqlite.EvidenceFirst]
	if !ok {
		t.Fatal("Evidence with a limit did not prepare its statement")
	}
	for _, bounded := range []string{
		`SEARCH c USING PRIMARY KEY (node_id=? AND article_id<?)`,
		`SEARCH g USING COVERING INDEX edges_from (from_id=? AND type=? AND to_id=? AND title=? AND article_id<?)`,
		`SEARCH e USING PRIMARY KEY (article_id=? AND fact=?)`,
	} {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(bounded) + `$`).MatchString(plan) {
			t.Errorf("Evidence with a limit lacks %q:\n%s", bounded, plan)
		}
	}
	if m := regexp.MustCompile(`(?m)^SCAN (\w+)(?: VIRTUAL TABLE)?.*$`).FindAllStringSubmatch(plan, -1); len(m) != 2 || m[0][1] != "f" || m[1][1] != "f" {
		t.Errorf("Evidence with a limit scans something but its lists:\n%s", plan)
	}
}
