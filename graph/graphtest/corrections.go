package graphtest

import (
	"slices"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// testCorrections makes analysts' corrections on the world fixture and
// checks that every answer follows them, that importing an article again
// leaves them in force, and that undo takes them back.
func testCorrections(t *testing.T, newStore func(t *testing.T) graph.Store) {
	s := fresh(t, newStore, world()...)
	g := graph.New(s)
	c := ctx(t)
	correct := func(t *testing.T, x graph.Correction) graph.Correction {
		t.Helper()
		x.Author = "tester"
		done, err := s.Correct(c, x)
		if err != nil {
			t.Fatalf("Correct(%+v): %v", x, err)
		}
		return done
	}
	between := func(t *testing.T) []string {
		t.Helper()
		p, err := g.Agreements(c, graph.AgreementFilter{Between: []string{"QA", "DE"}}, graph.DateAsc, 50, "")
		if err != nil {
			t.Fatal(err)
		}
		return ids(p.Nodes)
	}
	search := func(t *testing.T, text string) []string {
		t.Helper()
		found, err := g.Search(c, text, nil, 10)
		if err != nil {
			t.Fatal(err)
		}
		return ids(found)
	}
	edgesOf := func(t *testing.T, id string) []string {
		t.Helper()
		es, err := s.Edges(c, graph.EdgeQuery{From: []string{id}})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range es {
			out = append(out, e.Key())
		}
		return out
	}
	contractParty := graph.Edge{From: acme, Type: graph.PartyTo, To: contract}.Key()
	nordohaParty := graph.Edge{From: nordoha, Type: graph.PartyTo, To: contract}.Key()

	if got := between(t); !slices.Contains(got, contract) {
		t.Fatalf("before: agreements between QA and DE %q lack the Acme contract", got)
	}

	var merge, reject graph.Correction
	t.Run("Merge", func(t *testing.T) {
		merge = correct(t, graph.Correction{Op: graph.OpMerge, Target: nordoha, Source: acme, Reason: "one company"})
		if merge.ID == "" || merge.Seq == 0 || merge.At.IsZero() {
			t.Errorf("the correction came back without its id, sequence or time: %+v", merge)
		}
		if ns, _ := s.Nodes(c, []string{acme}); len(ns) != 0 {
			t.Errorf("the merged entity is still there: %v", ids(ns))
		}
		// Nordoha now is the German company that signed the contract.
		if got := edgesOf(t, nordoha); !slices.Contains(got, nordohaParty) ||
			!slices.Contains(got, graph.Edge{From: nordoha, Type: graph.BasedIn, To: de}.Key()) {
			t.Errorf("Nordoha's edges %q lack Acme's", got)
		}
		if got := between(t); !slices.Contains(got, contract) {
			t.Errorf("agreements between QA and DE %q lack the contract of the merged company", got)
		}
		if got := search(t, "acme"); !slices.Equal(got, []string{nordoha}) {
			t.Errorf("search acme: %q, want Nordoha, which has Acme's names", got)
		}
		if n, err := g.Resolve(c, acme); err != nil || n.ID != nordoha {
			t.Errorf("the merged id resolves to %v, %v; want %s", n, err, nordoha)
		}
		paths, err := g.Paths(c, nordoha, de, 2, 1)
		if err != nil || len(paths) == 0 {
			t.Errorf("no path from Nordoha to Germany: %v", err)
		}
	})
	t.Run("Names", func(t *testing.T) {
		correct(t, graph.Correction{Op: graph.OpAlias, Target: nordoha, Name: "نوردوحة للتجارة"})
		correct(t, graph.Correction{Op: graph.OpUnalias, Target: nordoha, Name: "Acme Defence"})
		correct(t, graph.Correction{Op: graph.OpRename, Target: nordoha, Name: "Nordoha Group"})
		if got := search(t, "نوردوحه"); !slices.Equal(got, []string{nordoha}) {
			t.Errorf("search by the alias: %q", got)
		}
		if got := search(t, "acme defence"); len(got) != 0 {
			t.Errorf("search by a name taken away: %q, want nothing", got)
		}
		ns, err := s.Nodes(c, []string{nordoha})
		if err != nil || len(ns) != 1 {
			t.Fatalf("Nodes: %v, %v", ns, err)
		}
		if n := ns[0]; n.Name != "Nordoha Group" || !slices.ContainsFunc(n.Names, func(x graph.Name) bool { return x.Text == "نوردوحة للتجارة" }) ||
			slices.ContainsFunc(n.Names, func(x graph.Name) bool { return x.Text == "Acme Defence" }) {
			t.Errorf("names after the corrections: %q %+v", n.Name, n.Names)
		}
	})
	t.Run("Reject", func(t *testing.T) {
		reject = correct(t, graph.Correction{Op: graph.OpReject, Target: nordohaParty, Reason: "misread"})
		if got := between(t); slices.Contains(got, contract) {
			t.Errorf("a rejected party still makes the contract Germany's: %q", got)
		}
		// One article's claim of a node: the health memorandum, which only
		// world-3 claims, goes; its other facts stay.
		correct(t, graph.Correction{Op: graph.OpReject, Target: health, Article: "article:world-3"})
		if ns, _ := s.Nodes(c, []string{health, culture}); !slices.Equal(ids(ns), []string{culture}) {
			t.Errorf("after rejecting world-3's health memorandum: %q, want the culture one only", ids(ns))
		}
	})
	t.Run("SurvivesReimport", func(t *testing.T) {
		// world-2 again, its text edited: the same URL, so it replaces itself.
		w2 := world2()
		w2.Article.Text += " "
		apply(t, s, w2)
		if ns, _ := s.Nodes(c, []string{acme}); len(ns) != 0 {
			t.Errorf("the merge did not survive re-importing: %v", ids(ns))
		}
		if got := edgesOf(t, nordoha); slices.Contains(got, nordohaParty) || slices.Contains(got, contractParty) {
			t.Errorf("the rejection did not survive re-importing: %q", got)
		}
		if got := search(t, "نوردوحه"); !slices.Equal(got, []string{nordoha}) {
			t.Errorf("the alias did not survive re-importing: %q", got)
		}
	})
	t.Run("Undo", func(t *testing.T) {
		correct(t, graph.Correction{Op: graph.OpUndo, Target: reject.ID, Reason: "it was right"})
		if got := between(t); !slices.Contains(got, contract) {
			t.Errorf("undoing the rejection: %q lack the contract", got)
		}
		undoMerge := correct(t, graph.Correction{Op: graph.OpUndo, Target: merge.ID})
		if ns, _ := s.Nodes(c, []string{acme}); len(ns) != 1 {
			t.Errorf("undoing the merge: Acme is %d nodes", len(ns))
		}
		if got := edgesOf(t, acme); !slices.Contains(got, contractParty) {
			t.Errorf("undoing the merge: Acme's edges %q", got)
		}
		// An undo taken back gives the merge back.
		correct(t, graph.Correction{Op: graph.OpUndo, Target: undoMerge.ID})
		if ns, _ := s.Nodes(c, []string{acme}); len(ns) != 0 {
			t.Errorf("undoing the undo: Acme is back")
		}
	})
	t.Run("List", func(t *testing.T) {
		all, err := s.Corrections(c, graph.CorrectionQuery{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range all {
			line := string(x.Op) + " " + x.Target
			if x.Undone {
				line += " (undone)"
			}
			if x.Author != "tester" {
				line += " by " + x.Author
			}
			got = append(got, line)
		}
		want := []string{
			"merge " + nordoha, "alias " + nordoha, "unalias " + nordoha, "rename " + nordoha,
			"reject " + nordohaParty + " (undone)", "reject " + health, "undo " + reject.ID, "undo " + merge.ID + " (undone)", "undo correction:8",
		}
		if !slices.Equal(got, want) {
			t.Errorf("corrections:\n\tgot  %q\n\twant %q", got, want)
		}
		about, err := s.Corrections(c, graph.CorrectionQuery{About: acme})
		if err != nil || len(about) != 1 || about[0].ID != merge.ID {
			t.Errorf("corrections about Acme: %+v, %v", about, err)
		}
		// Rejecting an edge is about both of its ends.
		var aboutContract []string
		onContract, err := s.Corrections(c, graph.CorrectionQuery{About: contract})
		for _, x := range onContract {
			aboutContract = append(aboutContract, string(x.Op)+" "+x.Target)
		}
		if err != nil || !slices.Equal(aboutContract, []string{"reject " + nordohaParty}) {
			t.Errorf("corrections about the contract: %q, %v", aboutContract, err)
		}
		page, err := s.Corrections(c, graph.CorrectionQuery{After: 2, Limit: 2})
		if err != nil || len(page) != 2 || page[0].Seq != 3 {
			t.Errorf("a page of corrections: %+v, %v", page, err)
		}
	})
	t.Run("Invalid", func(t *testing.T) {
		for _, tc := range []struct {
			x    graph.Correction
			code string
		}{
			{graph.Correction{Op: graph.OpMerge, Target: qa, Source: acme}, graph.EINVALID},
			{graph.Correction{Op: graph.OpMerge, Target: qa, Source: "country:XX"}, graph.ENOTFOUND},
			{graph.Correction{Op: graph.OpAlias, Target: qa}, graph.EINVALID},
			{graph.Correction{Op: graph.OpReject, Target: "PARTY_TO|country:QA|agreement:none"}, graph.ENOTFOUND},
			{graph.Correction{Op: graph.OpReject, Target: culture, Article: "article:world-1"}, graph.ENOTFOUND},
			{graph.Correction{Op: graph.OpUndo, Target: "correction:999"}, graph.ENOTFOUND},
			{graph.Correction{Op: "erase", Target: qa}, graph.EINVALID},
			{graph.Correction{Op: graph.OpRename, Target: qa, Name: strings.Repeat("x", 3000)}, graph.EINVALID},
		} {
			_, err := s.Correct(c, tc.x)
			requireCode(t, "Correct("+string(tc.x.Op)+" "+tc.x.Target+")", err, tc.code)
		}
	})
}

func ids(ns []*graph.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}
