package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// layout6 turns the evidence and the claims of a store back into their
// layout before migration 7: evidence keyed by fact with an index by
// article, claims keyed (node, raw id, article).
const layout6 = `
CREATE TABLE evidence_by_fact (
    fact TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, end INTEGER NOT NULL, quote TEXT NOT NULL,
    PRIMARY KEY (fact, article_id, start, end)
) STRICT, WITHOUT ROWID;
INSERT INTO evidence_by_fact SELECT fact, article_id, start, end, quote FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_by_fact RENAME TO evidence;
CREATE INDEX evidence_article ON evidence(article_id);
CREATE TABLE claims_by_raw (
    node_id TEXT NOT NULL, raw_id TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (node_id, raw_id, article_id)
) STRICT, WITHOUT ROWID;
INSERT INTO claims_by_raw SELECT node_id, raw_id, article_id, kind, data FROM claims;
DROP TABLE claims;
ALTER TABLE claims_by_raw RENAME TO claims;
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX claims_kind ON claims(kind, node_id);
PRAGMA user_version = 6;`

// TestEvidenceByArticle opens a store of layout 6 (evidence keyed by fact)
// and checks that migration 7 keys the passages by article and the claims
// by node and article, and that every answer read from them is the same.
func TestEvidenceByArticle(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "layout6.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	facts := graphtest.BusyFacts(t, s)
	type answers struct {
		All, First []graph.Evidence
		Articles   []graph.Evidence
		Nodes      []*graph.Node
	}
	read := func(s *sqlite.Store) answers {
		t.Helper()
		var a answers
		var err error
		if a.All, err = s.Evidence(ctx, facts, 0); err != nil {
			t.Fatal(err)
		}
		if a.First, err = s.Evidence(ctx, facts, 3); err != nil {
			t.Fatal(err)
		}
		var articles []string
		for _, ev := range a.All {
			articles = append(articles, ev.ArticleID)
		}
		if a.Articles, err = s.ArticleEvidence(ctx, slices.Compact(slices.Sorted(slices.Values(articles)))); err != nil {
			t.Fatal(err)
		}
		if a.Nodes, err = s.Nodes(ctx, facts); err != nil {
			t.Fatal(err)
		}
		return a
	}
	want := read(s)
	if len(want.All) < 3*8 || len(want.First) != 3*3 {
		t.Fatalf("%d passages, %d first: too few to tell", len(want.All), len(want.First))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(layout6); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	s = mustOpen(t, path)
	if got := read(s); !reflect.DeepEqual(got, want) {
		t.Errorf("after migration 7, the answers differ:\n\tgot  %+v\n\twant %+v", got, want)
	}
	db, err = sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for table, key := range map[string][]string{
		"evidence": {"article_id", "fact", "start", "end"},
		"claims":   {"node_id", "article_id", "raw_id"},
	} {
		rows, err := db.Query(`SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`, table)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			got = append(got, name)
		}
		rows.Close()
		if !slices.Equal(got, key) {
			t.Errorf("%s keyed by %q, want %q", table, got, key)
		}
	}
	var old int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'evidence_article'`).Scan(&old); err != nil || old != 0 {
		t.Errorf("the index of the evidence by article is still there (%d, %v)", old, err)
	}
}
