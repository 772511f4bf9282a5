package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/graph"
)

// A corrections file applied to the seed's store: the corrections take
// effect, applying the file again changes nothing, a bad entry costs only
// itself and is named by file and line, and importing the seed again
// leaves the corrections in force.
func TestCorrect(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	if code, _, errs := runLoader(t, "", "import", "--db", db, "../../seeds"); code != exitOK {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	file := filepath.Join(dir, "curation.yaml")
	os.WriteFile(file, []byte(`# our curation
- op: alias
  entity: QA
  name: دولة قطر
- op: merge
  into: Rheinmetall
  from: org:barzan-holdings
  reason: one company, for the test
- op: rename
  entity: atlantis
  name: X
- op: erase
  entity: QA
`), 0o644)

	code, out, errs := runLoader(t, "", "correct", file, "--db", db, "--author", "Layla")
	if code != exitFailed || !strings.Contains(out, "2 applied, 0 already in force, 2 failed") ||
		!strings.Contains(errs, file+":9: entity: no entity \"atlantis\"") || !strings.Contains(errs, file+":12: op \"erase\"") {
		t.Fatalf("first: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = runLoader(t, "", "correct", "--db", db, file)
	if code != exitFailed || !strings.Contains(out, "0 applied, 2 already in force, 2 failed") {
		t.Errorf("again: exit %d\n%s", code, out)
	}
	if code, _, errs := runLoader(t, "", "import", "--db", db, "../../seeds"); code != exitOK {
		t.Fatalf("import again: exit %d: %s", code, errs)
	}

	ctx := context.Background()
	store, err := backend.OpenExisting(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	g := graph.New(store)
	if n, err := g.Resolve(ctx, "دولة قطر"); err != nil || n.ID != "country:QA" {
		t.Errorf("the alias finds %v, %v", n, err)
	}
	if ns, _ := store.Nodes(ctx, []string{"org:barzan-holdings"}); len(ns) != 0 {
		t.Errorf("Barzan Holdings is still there after the merge and the import again")
	}
	cs, err := store.Corrections(ctx, graph.CorrectionQuery{})
	if err != nil || len(cs) != 2 || cs[0].Author != "Layla" || cs[1].Reason != "one company, for the test" {
		t.Errorf("corrections: %+v, %v", cs, err)
	}
	if code, _, errs := runLoader(t, "", "correct", "--db", filepath.Join(dir, "none.db"), file); code != exitFatal || !strings.Contains(errs, "no such store") {
		t.Errorf("a missing store: exit %d, %s", code, errs)
	}
}
