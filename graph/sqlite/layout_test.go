package sqlite_test

import (
	"context"
	"database/sql"
	"log/slog"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// layout6 turns the evidence, claims, edges and names of a store back into
// their layout before migrations 7 to 10: evidence keyed by fact with an
// index by article, claims keyed (node, raw id, article), edges keyed by
// type and ends with an index by article, each with its article a foreign
// key, and a row of names for each article and spelling.
const layout6 = `
DROP TRIGGER article_rows_deleted;
DROP TRIGGER claims_deleted;
DROP TABLE node_kinds;
CREATE TABLE names (
    folded TEXT NOT NULL, node_id TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, kind TEXT NOT NULL,
    PRIMARY KEY (folded, node_id, article_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX names_article ON names(article_id);
INSERT OR IGNORE INTO names SELECT j.value, c.node_id, c.article_id, c.kind FROM claims c, json_each(c.folded) j;
ALTER TABLE node_names DROP COLUMN claims;
CREATE TRIGGER names_inserted AFTER INSERT ON names BEGIN
    INSERT OR IGNORE INTO node_names (folded, node_id, kind) VALUES (new.folded, new.node_id, new.kind);
END;
CREATE TRIGGER names_deleted AFTER DELETE ON names
    WHEN NOT EXISTS (SELECT 1 FROM names WHERE folded = old.folded AND node_id = old.node_id)
BEGIN
    DELETE FROM node_names WHERE folded = old.folded AND node_id = old.node_id;
END;
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
CREATE TABLE edges_by_type (
    type TEXT NOT NULL, from_id TEXT NOT NULL, to_id TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, since TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (type, from_id, to_id, title, article_id)
) STRICT, WITHOUT ROWID;
INSERT INTO edges_by_type SELECT type, from_id, to_id, title, article_id, since FROM edges;
DROP TABLE edges;
ALTER TABLE edges_by_type RENAME TO edges;
CREATE INDEX edges_from ON edges(from_id, type, since);
CREATE INDEX edges_to ON edges(to_id, type, since);
CREATE INDEX edges_article ON edges(article_id);
PRAGMA user_version = 6;`

// TestRowsByArticle opens a store of layout 6 (evidence keyed by fact,
// edges by type, a row of names for each article and spelling) and checks
// that migrations 7 to 10 key the passages and the edges by article and the
// claims by node and article, count each spelling's claims in place of the
// names' rows and each entity's claims in place of an index of the claims
// by kind, and that every answer read from them is the same.
func TestRowsByArticle(t *testing.T) {
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
		From, To   []graph.Edge
		Found      [][]*graph.Node
		Counts     graph.Counts
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
		if a.From, err = s.Edges(ctx, graph.EdgeQuery{From: facts}); err != nil {
			t.Fatal(err)
		}
		if a.To, err = s.Edges(ctx, graph.EdgeQuery{To: facts}); err != nil {
			t.Fatal(err)
		}
		if a.Counts, err = s.Counts(ctx); err != nil {
			t.Fatal(err)
		}
		for _, kind := range []graph.Kind{graph.KindCountry, graph.KindAgreement} {
			found, err := s.FindNodes(ctx, graph.NodeQuery{Kinds: []graph.Kind{kind}})
			if err != nil {
				t.Fatal(err)
			}
			a.Found = append(a.Found, found)
		}
		for _, n := range a.Nodes {
			for _, text := range []string{n.Name, n.Name[:2]} { // the trigram index, and LIKE
				found, err := s.FindNodes(ctx, graph.NodeQuery{Text: text})
				if err != nil {
					t.Fatal(err)
				}
				a.Found = append(a.Found, found)
			}
		}
		return a
	}
	want := read(s)
	if len(want.All) < 3*8 || len(want.First) != 3*3 || len(want.From)+len(want.To) < 3 || len(want.Found[0]) == 0 || len(want.Found[2]) == 0 {
		t.Fatalf("%d passages, %d first, %d edges: too few to tell", len(want.All), len(want.First), len(want.From)+len(want.To))
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

	var logged strings.Builder
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, nil)))
	s = mustOpen(t, path)
	if l := logged.String(); !strings.Contains(l, "bringing the store up to date") || !strings.Contains(l, "layout=6 to=10") ||
		!strings.Contains(l, `the store is up to date" layout=10 took=`) {
		t.Errorf("opening a store of layout 6 logs\n%s", l)
	}
	logged.Reset()
	mustOpen(t, filepath.Join(t.TempDir(), "new.db"))
	if logged.Len() > 0 {
		t.Errorf("opening a new store logs\n%s", logged.String())
	}
	if got := read(s); !reflect.DeepEqual(got, want) {
		t.Errorf("after migrations 7 to 10, the answers differ:\n\tgot  %+v\n\twant %+v", got, want)
	}
	db, err = sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for table, key := range map[string][]string{
		"evidence": {"article_id", "fact", "start", "end"},
		"claims":   {"node_id", "article_id", "raw_id"},
		"edges":    {"article_id", "type", "from_id", "to_id", "title"},
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
	var miscounted int
	if err := db.QueryRow(`SELECT count(*) FROM node_names n WHERE claims != (SELECT count(*) FROM claims c, json_each(c.folded) j
		WHERE c.node_id = n.node_id AND j.value = n.folded)`).Scan(&miscounted); err != nil || miscounted != 0 {
		t.Errorf("%d spellings count other than the claims that give them (%v)", miscounted, err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM (SELECT kind, node_id, count(*) AS n FROM claims GROUP BY kind, node_id) c
		FULL JOIN node_kinds k USING (kind, node_id) WHERE c.n IS NOT k.claims`).Scan(&miscounted); err != nil || miscounted != 0 {
		t.Errorf("%d entities count other than their claims (%v)", miscounted, err)
	}
	for _, index := range []string{"evidence_article", "edges_article", "names", "claims_kind"} {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = ?`, index).Scan(&n); err != nil || n != 0 {
			t.Errorf("the index %s, which the key now gives, is still there (%d, %v)", index, n, err)
		}
	}
}
