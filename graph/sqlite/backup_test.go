package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/alaqat/alaqat/graph/graphtest"
)

// TestBackupVacuumInto checks the backup the README gives: VACUUM INTO
// copies the database, while it is open and written to, into a file that
// opens as a store holding the same articles and facts.
func TestBackupVacuumInto(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "alaqat.db")
	s := mustOpen(t, path)
	var ids []string
	for i := range 20 {
		f := graphtest.Synthetic(i)
		ids = append(ids, f.Article.ID)
		if err := s.Apply(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	// The statement as a user runs it, from another connection than the
	// store's (sqlite3 alaqat.db "VACUUM INTO 'backup.db'").
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	backup := filepath.Join(dir, "backup.db")
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, backup); err != nil {
		t.Fatalf("VACUUM INTO: %v", err)
	}
	// Written after the backup: not in it.
	if err := s.Apply(ctx, graphtest.Synthetic(99)); err != nil {
		t.Fatal(err)
	}
	b := mustOpen(t, backup)
	want, err := s.ArticleFacts(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	got, err := b.ArticleFacts(ctx, append(ids, graphtest.Synthetic(99).Article.ID))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the backup holds other facts: %d articles, want %d", len(got), len(want))
	}
	c, err := b.Counts(ctx)
	if err != nil || c.Articles != 20 {
		t.Errorf("the backup counts %+v, %v; want 20 articles", c, err)
	}
}
