package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/graph/neo4j/neo4jtest"
	"github.com/alaqat/alaqat/loader"
)

// Analysts' corrections through the API change every answer that
// involved what they touch, stay in force when the article is deleted and
// imported again, and are undone: on SQLite and on Neo4j.
func TestCorrectionsThroughAPI(t *testing.T) {
	t.Run("SQLite", func(t *testing.T) {
		t.Setenv("ALAQAT_TOKEN", "secret")
		db := filepath.Join(t.TempDir(), "alaqat.db")
		base, _ := startServerOn(t, db, "--author", "Layla")
		checkCorrections(t, base, db)
	})
	t.Run("Neo4j", func(t *testing.T) {
		neo4jtest.Lock(t)
		neo4jtest.Wipe(t)
		uri, _ := neo4jtest.Server(t)
		importSeeds(t, uri)
		t.Setenv("ALAQAT_TOKEN", "secret")
		base, _ := startServerOn(t, uri, "--author", "Layla")
		checkCorrections(t, base, uri)
	})
}

func importSeeds(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	store, err := backend.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := loader.Import(ctx, store, []string{"../../seeds"}, loader.Options{}); err != nil {
		t.Fatal(err)
	}
}

// answers asks the questions a correction can change and returns their
// answers as compact JSON, one per question.
func answers(t *testing.T, base string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, q := range map[string]string{
		"search":   `{ search(text: "Barzan") { id } }`,
		"between":  `{ agreements(filter: {between: ["QA", "DE"]}, orderBy: DATE_ASC) { totalCount edges { node { id parties { id } } } } }`,
		"timeline": `{ timeline(filter: {between: ["QA", "DE"]}) { kind entity { id } } }`,
		"paths":    `{ paths(from: "org:barzan-holdings", to: "DE", maxHops: 2, first: 1) { steps { from { id } to { id } } } }`,
		"partners": `{ country(code: "QA") { partners { country { iso2 } agreements meetings } } }`,
		"stats":    `{ relationStats(between: ["QA", "DE"]) { year agreements meetings } }`,
	} {
		b, _ := json.Marshal(query(t, base, q, nil))
		out[name] = string(b)
	}
	return out
}

func checkCorrections(t *testing.T, base, db string) {
	auth := []string{"Authorization", "Bearer secret"}
	correct := func(t *testing.T, q string) map[string]any {
		t.Helper()
		out := query(t, base, q, nil, auth...)
		if out["errors"] != nil {
			t.Fatalf("%s: %v", q, out["errors"])
		}
		for _, v := range out["data"].(map[string]any) {
			return v.(map[string]any)
		}
		return nil
	}
	before := answers(t, base)
	if !strings.Contains(before["search"], "org:barzan-holdings") || !strings.Contains(before["between"], `"totalCount":3`) {
		t.Fatalf("the seed answers otherwise than expected: %v", before)
	}

	// Without the token, nothing changes.
	if out := query(t, base, `mutation { mergeEntities(into: "Rheinmetall", from: "Barzan Holdings") { id } }`, nil); out["errors"] == nil {
		t.Errorf("a merge without the token went through: %v", out)
	}

	// Barzan Holdings is made part of Rheinmetall; the Qatar–Germany
	// agreement between the governments is rejected.
	merge := correct(t, `mutation { mergeEntities(into: "Rheinmetall", from: "Barzan Holdings", reason: "test") { id op target source author at undone } }`)
	if merge["author"] != "Layla" || merge["op"] != "MERGE" || merge["target"] != "org:rheinmetall" || merge["undone"] != false {
		t.Errorf("merge: %v", merge)
	}
	// The agreement whose parties are the two states themselves.
	gov := query(t, base, `{ agreements(filter: {between: ["QA", "DE"]}) { edges { node { id parties { id } } } } }`, nil)
	govID := ""
	for _, e := range gov["data"].(map[string]any)["agreements"].(map[string]any)["edges"].([]any) {
		node := e.(map[string]any)["node"].(map[string]any)
		if p, _ := json.Marshal(node["parties"]); string(p) == `[{"id":"country:DE"},{"id":"country:QA"}]` {
			govID = node["id"].(string)
		}
	}
	if govID == "" {
		t.Fatalf("no agreement of Qatar and Germany themselves: %v", gov)
	}
	out := query(t, base, `mutation($id: String!) { rejectFact(fact: $id, reason: "test") { id } }`, map[string]any{"id": govID}, auth...)
	if out["errors"] != nil {
		t.Fatalf("reject: %v", out["errors"])
	}
	after := answers(t, base)
	for name, a := range after {
		if a == before[name] {
			t.Errorf("%s: the same answer after the corrections: %s", name, a)
		}
	}
	if strings.Contains(after["search"], "org:barzan-holdings") || !strings.Contains(after["search"], "org:rheinmetall") {
		t.Errorf("search Barzan after the merge: %s", after["search"])
	}
	if strings.Contains(after["between"], govID) {
		t.Errorf("between still has the rejected agreement %s: %s", govID, after["between"])
	}

	// The article deleted and imported again: the corrections stay.
	articles := query(t, base, `{ articles(first: 1) { edges { node { id } } } }`, nil)
	id := articles["data"].(map[string]any)["articles"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"].(string)
	if out := query(t, base, `mutation { deleteArticle(id: "`+id+`") }`, nil, auth...); out["errors"] != nil {
		t.Fatalf("delete: %v", out["errors"])
	}
	importSeeds(t, db)
	if again := answers(t, base); !equalAnswers(again, after) {
		t.Errorf("after importing the article again:\n\tgot  %v\n\twant %v", again, after)
	}

	// Every correction is listed, on the entity too; undoing both gives
	// the seed's answers back.
	list := query(t, base, `{ corrections { totalCount edges { node { id op target undone } } } entity(id: "org:rheinmetall") { corrections { op source } } }`, nil)
	b, _ := json.Marshal(list)
	if !strings.Contains(string(b), `"totalCount":2`) || !strings.Contains(string(b), `"source":"org:barzan-holdings"`) {
		t.Errorf("corrections: %s", b)
	}
	correct(t, `mutation { undoCorrection(id: "correction:1") { id } }`)
	correct(t, `mutation { undoCorrection(id: "correction:2") { id } }`)
	if undone := answers(t, base); !equalAnswers(undone, before) {
		t.Errorf("after undoing:\n\tgot  %v\n\twant %v", undone, before)
	}
}

func equalAnswers(a, b map[string]string) bool {
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return len(a) == len(b)
}
