package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/neo4j/neo4jtest"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/transfer"
)

// seededStore imports the seeds into a new SQLite file and returns its
// path and what it holds.
func seededStore(t *testing.T) (string, graph.Counts) {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "source.db")
	store, err := backend.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if rep, err := loader.Import(ctx, store, []string{"../../seeds"}, loader.Options{}); err != nil || rep.Articles != 1 {
		t.Fatalf("importing the seeds: %+v, %v", rep, err)
	}
	counts, err := store.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return db, counts
}

func counts(t *testing.T, db string) graph.Counts {
	t.Helper()
	store, err := backend.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	c, err := store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestExportImportRoundTrip exports the seeded store as JSON Lines and
// imports the file into an empty store: the server then gives the golden
// answers, the counts are the same, and exporting again gives the same
// bytes.
func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	src, want := seededStore(t)
	export := func(db string) []byte {
		store, err := backend.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		var out bytes.Buffer
		if _, err := transfer.Export(ctx, store, transfer.ExportOptions{Format: transfer.JSONL}, &out); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "alaqat.jsonl")
	if err := os.WriteFile(file, export(src), 0o644); err != nil {
		t.Fatal(err)
	}

	dst := filepath.Join(dir, "copy.db")
	store, err := backend.Open(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := loader.Import(ctx, store, []string{file}, loader.Options{})
	store.Close()
	if err != nil || rep.Articles != 1 || len(rep.Failures) > 0 {
		t.Fatalf("importing the export: %+v, %v", rep, err)
	}
	if got := counts(t, dst); !reflect.DeepEqual(got, want) {
		t.Errorf("counts after the round trip: %+v, want %+v", got, want)
	}
	first, _ := os.ReadFile(file)
	if again := export(dst); !bytes.Equal(again, first) {
		t.Errorf("exporting the imported store gives other bytes (%d, was %d)", len(again), len(first))
	}
	base, logs := startServerOn(t, dst)
	if bytes.Contains([]byte(logs.String()), []byte("importing the seed articles")) {
		t.Fatal("the server seeded the imported store: it was empty")
	}
	checkAcceptance(t, base, false)
}

// TestCopyToNeo4jAndBack copies the seeded SQLite store into a real,
// empty Neo4j and from there into a new SQLite file: each gives the golden
// answers and the same counts, and a second copy changes nothing.
func TestCopyToNeo4jAndBack(t *testing.T) {
	neo4jtest.Lock(t)
	neo4jtest.Wipe(t)
	uri, _ := neo4jtest.Server(t)
	ctx := context.Background()
	src, want := seededStore(t)
	copyStores := func(from, to string) transfer.CopyReport {
		t.Helper()
		f, err := backend.Open(ctx, from)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		d, err := backend.Open(ctx, to)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		rep, err := transfer.Copy(ctx, f, d, transfer.CopyOptions{})
		if err != nil || len(rep.Failures) > 0 {
			t.Fatalf("copy %s → %s: %+v, %v", from, to, rep, err)
		}
		if !reflect.DeepEqual(rep.To, want) || !reflect.DeepEqual(rep.From, want) {
			t.Errorf("copy %s → %s: counts from %+v, to %+v; want %+v", from, to, rep.From, rep.To, want)
		}
		return rep
	}
	if rep := copyStores(src, uri); rep.Copied != 1 {
		t.Errorf("first copy into Neo4j: %d copied, want 1", rep.Copied)
	}
	if rep := copyStores(src, uri); rep.Copied != 0 || rep.Unchanged != 1 {
		t.Errorf("second copy into Neo4j: %d copied, %d unchanged; want 0 and 1", rep.Copied, rep.Unchanged)
	}
	t.Run("Neo4j", func(t *testing.T) {
		base, _ := startServerOn(t, uri)
		checkAcceptance(t, base, false)
	})
	back := filepath.Join(t.TempDir(), "back.db")
	if rep := copyStores(uri, back); rep.Copied != 1 {
		t.Errorf("copy back from Neo4j: %d copied, want 1", rep.Copied)
	}
	t.Run("BackToSQLite", func(t *testing.T) {
		base, _ := startServerOn(t, back)
		checkAcceptance(t, base, false)
	})
}
