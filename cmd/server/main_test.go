package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/graph/neo4j/neo4jtest"
	"github.com/alaqat/alaqat/loader"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// syncBuffer is a log the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer runs the real server on a fresh SQLite file in a temp dir,
// seeded from the repository's seeds/, and returns its base URL and log.
func startServer(t *testing.T, extra ...string) (string, *syncBuffer) {
	t.Helper()
	return startServerOn(t, filepath.Join(t.TempDir(), "alaqat.db"), extra...)
}

// startServerOn runs the real server on the store db names.
func startServerOn(t *testing.T, db string, extra ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	args := append([]string{"--db", db, "--addr", "127.0.0.1:0", "--seeds", "../../seeds"}, extra...)
	go func() { done <- run(ctx, args, logs, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("server stopped before serving: %v\n%s", err, logs)
	case <-time.After(60 * time.Second):
		t.Fatalf("server did not start\n%s", logs)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return "http://" + addr, logs
}

func query(t *testing.T, base, q string, vars map[string]any, header ...string) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	_, out := post(t, base, bytes.NewReader(body), header...)
	return out
}

// The acceptance queries of API.md, as written, against the seed.
var acceptance = []struct {
	name, query string
}{
	{"search-arabic", `{ search(text: "راينميتال") { id name } }`},
	{"search-english", `{ search(text: "Rheinmetall") { id name } }`},
	{"agreements-between", `{ agreements(filter: {between: ["QA", "DE"]}, orderBy: DATE_ASC) {
    edges { node { id title date { year iso } parties { id name } evidence { quote article { title } } } } } }`},
	{"officials", `{ country(code: "DE") { officials { title person { name } country { iso2 } } } }`},
	{"meetings-between", `{ meetings(filter: {between: ["QA", "DE"]}) { edges { node { place { name } participants { name } } } } }`},
	{"timeline", `{ timeline(filter: {between: ["QA", "DE"]}) { date { iso } kind title } }`},
}

// More of the analysts' questions, one per capability, answered alike by
// both stores; the README quotes these answers.
var capabilities = []struct {
	name, query string
}{
	{"article", `{ article(id: "article:e4dfb2f0b012") { title entities(kinds: [PERSON, ORGANIZATION]) { id }
    agreements { id title } meetings { id title } relations { type from { id } to { id } title } } }`},
	{"article-unknown", `{ article(id: "article:000000000000") { id } }`},
	{"articles", `{ articles(first: 1) { totalCount pageInfo { hasNextPage } edges { node { id title published { iso } } } } }`},
	{"agreements-filtered", `{ agreements(filter: {between: ["QA", "DE"], kinds: [AGREEMENT], topic: "laser", text: "barzan"}) {
    totalCount edges { node { title topics } } } }`},
	{"agreements-range", `{ agreements(filter: {party: "Rheinmetall", from: "2018-05", to: "2018-05-14"}, orderBy: DATE_DESC) {
    totalCount edges { node { title date { iso } } } } }`},
	{"agreements-page-1", `{ agreements(filter: {between: ["QA", "DE"]}, orderBy: DATE_ASC, first: 2) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`},
	{"agreements-page-2", `{ agreements(filter: {between: ["QA", "DE"]}, orderBy: DATE_ASC, first: 2, after: "ZDF8fGFncmVlbWVudDo1MzY1NDQ0YThhOTU") {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`},
	{"meetings-filtered", `{ meetings(filter: {participant: "Alexander Dobrindt", text: "doha"}, orderBy: DATE_DESC) {
    totalCount edges { node { title countries { iso2 } } } } }`},
	{"timeline-kinds", `{ timeline(filter: {entity: "Khalifa bin Hamad bin Khalifa Al Thani", kinds: ["meeting", "office"]}) {
    date { iso } kind title entity { id } office { title } } }`},
	{"relation-stats", `{ relationStats(between: ["QA", "DE"]) { year agreements meetings agreementKinds { kind count } } }`},
	{"partners", `{ country(code: "QA") { partners { country { iso2 } agreements meetings first { iso } last { iso } } } }`},
	{"paths", `{ paths(from: "Barzan Holdings", to: "DE", maxHops: 3) { steps { from { id } relation forward to { id } evidence { start end } } } }`},
	{"neighbourhood", `{ neighbourhood(id: "QA", hops: 2, first: 10) { truncated nodes { hops entity { id name(lang: AR) } }
    relations { type from { id } to { id } title evidence(first: 1) { start end } } } }`},
	{"titles", `{ agreements(filter: {between: ["QA", "DE"]}, orderBy: DATE_ASC) { edges { node { title ar: title(lang: AR) en: title(lang: EN) } } }
    meetings(filter: {between: ["QA", "DE"]}) { edges { node { title ar: title(lang: AR) } } }
    timeline(filter: {between: ["QA", "DE"]}) { kind ar: title(lang: AR) } }`},
	{"neighbourhood-filtered", `{ neighbourhood(id: "Rheinmetall", hops: 2, filter: {kinds: [COUNTRY, ORGANIZATION, AGREEMENT], from: "2018"}) {
    truncated nodes { hops entity { __typename id } } relations { type from { id } to { id } } } }`},
}

func TestAcceptanceQueries(t *testing.T) {
	base, logs := startServer(t)
	if !strings.Contains(logs.String(), "importing the seed articles") {
		t.Errorf("the log does not say the seeds were imported:\n%s", logs)
	}
	checkAcceptance(t, base, *update)
}

// checkAcceptance asks the acceptance queries and compares each answer
// with its golden file (rewriting them when update is set).
func checkAcceptance(t *testing.T, base string, update bool) {
	for _, tc := range append(acceptance[:len(acceptance):len(acceptance)], capabilities...) {
		t.Run(tc.name, func(t *testing.T) {
			got := query(t, base, tc.query, nil)
			if got["errors"] != nil {
				t.Fatalf("errors: %v", got["errors"])
			}
			b, _ := json.MarshalIndent(got["data"], "", "  ")
			golden := filepath.Join("testdata", tc.name+".golden.json")
			if update {
				os.MkdirAll("testdata", 0o755)
				os.WriteFile(golden, append(b, '\n'), 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if string(want) != string(b)+"\n" {
				t.Errorf("answer differs from %s:\n%s", golden, b)
			}
		})
	}
}

// The facts the issue names, checked directly so that a golden file
// rewritten by mistake cannot hide their loss.
func TestAcceptanceFacts(t *testing.T) {
	base, _ := startServer(t)
	ids := func(q string) []string {
		var out []string
		for _, e := range query(t, base, q, nil)["data"].(map[string]any)["search"].([]any) {
			out = append(out, e.(map[string]any)["id"].(string))
		}
		return out
	}
	ar, en := ids(`{ search(text: "راينميتال") { id } }`), ids(`{ search(text: "Rheinmetall") { id } }`)
	if len(ar) == 0 || len(en) == 0 || ar[0] != en[0] || ar[0] != "org:rheinmetall" {
		t.Errorf("search: Arabic %v, English %v; want both first org:rheinmetall", ar, en)
	}

	data := query(t, base, acceptance[2].query, nil)["data"].(map[string]any)
	edges := data["agreements"].(map[string]any)["edges"].([]any)
	if len(edges) < 3 {
		t.Fatalf("want at least 3 Qatar–Germany agreements, got %d", len(edges))
	}
	first := edges[0].(map[string]any)["node"].(map[string]any)
	if d, _ := first["date"].(map[string]any); d == nil || d["year"].(float64) != 2018 {
		t.Errorf("oldest agreement: date %v, want 2018", first["date"])
	}
	var parties []string
	for _, p := range first["parties"].([]any) {
		parties = append(parties, p.(map[string]any)["id"].(string))
	}
	if strings.Join(parties, ",") != "country:QA,org:rheinmetall" {
		t.Errorf("2018 parties = %v, want Qatar and Rheinmetall", parties)
	}
	ev := first["evidence"].([]any)
	if len(ev) == 0 || !strings.Contains(ev[0].(map[string]any)["quote"].(string), "2018") {
		t.Errorf("2018 agreement evidence = %v", ev)
	}

	officials := query(t, base, acceptance[3].query, nil)["data"].(map[string]any)["country"].(map[string]any)["officials"].([]any)
	found := false
	for _, o := range officials {
		o := o.(map[string]any)
		name := o["person"].(map[string]any)["name"].(string)
		if o["title"] == "Minister of Interior" && (strings.Contains(name, "Dobrindt") || strings.Contains(name, "دوبرينت")) {
			found = true
		}
	}
	if !found {
		t.Errorf("Germany's officials %v lack Dobrindt as Minister of Interior", officials)
	}

	meetings := query(t, base, acceptance[4].query, nil)["data"].(map[string]any)["meetings"].(map[string]any)["edges"].([]any)
	if len(meetings) != 1 {
		t.Fatalf("want one Doha meeting, got %d", len(meetings))
	}
	m := meetings[0].(map[string]any)["node"].(map[string]any)
	if m["place"].(map[string]any)["name"] != "Doha" || len(m["participants"].([]any)) != 2 {
		t.Errorf("meeting = %v, want both ministers in Doha", m)
	}
}

func TestEndpoints(t *testing.T) {
	tokenFile := filepath.Join(t.TempDir(), "token")
	os.WriteFile(tokenFile, []byte("s3cret\n"), 0o600)
	base, _ := startServer(t, "--token-file", tokenFile)
	for _, tc := range []struct {
		path, want string
		code       int
	}{
		{"/healthz", "ok", 200},
		{"/", "GraphiQL", 200},
		{"/timeline", "Alaqat timeline", 200},
		{"/graph?entity=QA", "Alaqat network", 200},
		{"/nope", "not found", 404},
	} {
		resp, err := http.Get(base + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.code || !strings.Contains(strings.ToLower(string(b)), strings.ToLower(tc.want)) {
			t.Errorf("GET %s: %d, want %d with %q", tc.path, resp.StatusCode, tc.code, tc.want)
		}
	}

	// Mutations need the token; with it, an imported article is queryable
	// and deleting it takes its facts away.
	const imp = `mutation($text: String!) { importArticle(input: {text: $text, published: "2026-03-04"}) { article { id } entities } }`
	text := "Oman and Japan sign energy deal | Test Wire\n\nOmani Foreign Minister Badr Albusaidi and his Japanese counterpart Takeshi Iwaya signed an agreement on energy in Muscat on Tuesday."
	denied := query(t, base, imp, map[string]any{"text": text})
	if denied["errors"] == nil || !strings.Contains(denied["errors"].([]any)[0].(map[string]any)["message"].(string), "token") {
		t.Errorf("mutation without token: %v, want an error about the token", denied)
	}
	ok := query(t, base, imp, map[string]any{"text": text}, "Authorization", "Bearer s3cret")
	if ok["errors"] != nil {
		t.Fatalf("import: %v", ok["errors"])
	}
	id := ok["data"].(map[string]any)["importArticle"].(map[string]any)["article"].(map[string]any)["id"].(string)
	count := func() int {
		r := query(t, base, `{ agreements(filter: {between: ["OM", "JP"]}) { edges { node { id } } } }`, nil)
		if r["data"] == nil {
			t.Fatalf("query: %v", r)
		}
		return len(r["data"].(map[string]any)["agreements"].(map[string]any)["edges"].([]any))
	}
	if n := count(); n != 1 {
		t.Errorf("after import: %d Oman–Japan agreements, want 1", n)
	}
	// Who signed, and a signatory's deals.
	signed := query(t, base, `{ agreements(filter: {between: ["OM", "JP"]}) { edges { node { signatories { id } } } }
		entity(id: "person:badr-albusaidi") { ... on Person { agreements { id } } } }`, nil)
	b, _ := json.Marshal(signed["data"])
	if !strings.Contains(string(b), `"signatories":[{"id":"person:badr-albusaidi"},{"id":"person:takeshi-iwaya"}]`) ||
		!strings.Contains(string(b), `"agreements":[{"id":"agreement:`) {
		t.Errorf("signatories and a signatory's agreements: %s", b)
	}
	del := query(t, base, `mutation($id: ID!) { deleteArticle(id: $id) }`, map[string]any{"id": id}, "Authorization", "Bearer s3cret")
	if del["errors"] != nil {
		t.Fatalf("delete: %v", del["errors"])
	}
	if n := count(); n != 0 {
		t.Errorf("after delete: %d Oman–Japan agreements, want 0", n)
	}
}

func TestBadQueries(t *testing.T) {
	base, _ := startServer(t)
	for _, tc := range []struct{ name, query, want string }{
		{"syntax", `{ search(text: }`, "Unexpected"},
		{"unknown field", `{ nope }`, "Cannot query field"},
		{"bad date", `{ agreements(filter: {from: "2018-13"}) { totalCount } }`, "invalid date"},
		{"unknown entity", `{ paths(from: "country:QA", to: "Atlantis") { steps { relation } } }`, "no entity"},
		{"too many", `{ search(text: "a", first: 100000) { id } }`, "first must be"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := query(t, base, tc.query, nil)
			errs, _ := got["errors"].([]any)
			if len(errs) == 0 || !strings.Contains(errs[0].(map[string]any)["message"].(string), tc.want) {
				t.Errorf("got %v, want an error containing %q", got, tc.want)
			}
		})
	}
}

// TestAcceptanceQueriesNeo4j runs the same queries against a real Neo4j
// (NEO4J_URI): the answers must equal SQLite's, ids and order included.
func TestAcceptanceQueriesNeo4j(t *testing.T) {
	neo4jtest.Lock(t)
	neo4jtest.Wipe(t)
	uri, _ := neo4jtest.Server(t)
	// The routing scheme, as a cluster is addressed: the server must answer
	// alike through it (the conformance suite uses the URI as given).
	uri = strings.Replace(uri, "bolt://", "neo4j://", 1)
	ctx := context.Background()
	store, err := backend.Open(ctx, uri)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := loader.Import(ctx, store, []string{"../../seeds"}, loader.Options{})
	store.Close()
	if err != nil || rep.Articles != 1 {
		t.Fatalf("importing the seeds into Neo4j: %+v, %v", rep, err)
	}
	base, _ := startServerOn(t, uri)
	checkAcceptance(t, base, false) // the same golden answers as SQLite
}

// post sends a raw body to /graphql and returns the status and the
// decoded answer.
func post(t *testing.T, base string, body io.Reader, header ...string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/graphql", body)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return resp.StatusCode, out
}

// firstError returns the message and code of an answer's first error.
func firstError(answer map[string]any) (msg, code string) {
	errs, _ := answer["errors"].([]any)
	if len(errs) == 0 {
		return "", ""
	}
	e := errs[0].(map[string]any)
	msg, _ = e["message"].(string)
	if ext, ok := e["extensions"].(map[string]any); ok {
		code, _ = ext["code"].(string)
	}
	return msg, code
}

const normalQuery = `{ search(text: "Qatar", first: 1) { id } }`

// operation is the body of a POST asking q.
func operation(q string) io.Reader {
	b, _ := json.Marshal(map[string]any{"query": q})
	return bytes.NewReader(b)
}

// checkAnswers asks a normal query and fails unless it is answered.
func checkAnswers(t *testing.T, base string, header ...string) {
	t.Helper()
	got := query(t, base, normalQuery, nil, header...)
	if got["errors"] != nil || !strings.Contains(fmt.Sprint(got["data"]), "country:QA") {
		t.Errorf("a normal query: %v", got)
	}
}

// Malicious queries are refused with a clear error before they run, and
// the server answers the next query.
func TestMaliciousQueries(t *testing.T) {
	base, _ := startServer(t)
	deep := `{ entity(id: "QA") { ` + strings.Repeat(`... on Organization { agreements { parties { `, 25) + `id` + strings.Repeat(` } } }`, 25) + ` } }`
	var aliases strings.Builder
	aliases.WriteString("{ ")
	for i := range 200 {
		fmt.Fprintf(&aliases, `a%d: country(code: "QA") { id } `, i)
	}
	aliases.WriteString("}")
	for _, tc := range []struct{ name, query, want, code string }{
		{"depth 50", deep, "deeper than", "DEPTH_LIMIT_EXCEEDED"},
		{"200 aliases", aliases.String(), "200 fields", "FIELD_LIMIT_EXCEEDED"},
		{"first 1000000", `{ agreements(first: 1000000) { totalCount } }`, "first must be between 0 and 500", "PAGE_LIMIT_EXCEEDED"},
		{"nested pages", `{ timeline(filter: {}, first: 500) { entity { evidence(first: 500) { article { id } } ... on Agreement { parties { evidence(first: 500) { quote } } } } } }`,
			"more than the", "COMPLEXITY_LIMIT_EXCEEDED"},
		{"fragment cycle", `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`, "Cannot spread fragment", "GRAPHQL_VALIDATION_FAILED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			got := query(t, base, tc.query, nil)
			t.Logf("refused in %v", time.Since(start)) // for people: timing is not asserted
			msg, code := firstError(got)
			if !strings.Contains(msg, tc.want) || code != tc.code || got["data"] != nil {
				t.Errorf("got %.300v\nwant an error %q with code %q and no data", got, tc.want, tc.code)
			}
			checkAnswers(t, base)
		})
	}
	t.Run("page size in a variable", func(t *testing.T) {
		for _, q := range []string{
			`query($n: Int) { agreements(first: $n) { totalCount } }`,
			`query($n: Int) { search(text: "Qatar") { evidence(first: $n) { quote } } }`,
		} {
			got := query(t, base, q, map[string]any{"n": 1000000})
			if msg, code := firstError(got); !strings.Contains(msg, "first must be between 0 and 500") || code != "PAGE_LIMIT_EXCEEDED" {
				t.Errorf("%s with n = 10⁶: %v", q, got)
			}
		}
		checkAnswers(t, base)
	})
	t.Run("10 MB body", func(t *testing.T) {
		big := `{"query": "{ search(text: \"` + strings.Repeat("x", 10<<20) + `\") { id } }"}`
		start := time.Now()
		status, got := post(t, base, strings.NewReader(big))
		t.Logf("refused in %v", time.Since(start))
		msg, code := firstError(got)
		if status != http.StatusRequestEntityTooLarge || !strings.Contains(msg, "larger than") || code != "too_large" {
			t.Errorf("status %d, %v; want 413 and an error about the size", status, got)
		}
		// Sent in chunks, its length unknown beforehand.
		status, got = post(t, base, io.MultiReader(strings.NewReader(big)))
		if msg, _ := firstError(got); status != http.StatusRequestEntityTooLarge || !strings.Contains(msg, "larger than") {
			t.Errorf("chunked: status %d, %v; want 413", status, got)
		}
		checkAnswers(t, base)
	})
	t.Run("no internals in errors", func(t *testing.T) {
		got := query(t, base, `{ agreements(filter: {between: ["QA", "DE"]}, after: "!!") { totalCount } }`, nil)
		msg, code := firstError(got)
		if code != "invalid" || strings.Contains(strings.ToLower(msg), "sql") || strings.Contains(msg, "goroutine") {
			t.Errorf("bad cursor: %v", got)
		}
	})
}

// Access: without a token mutations are disabled and say why; with
// --private, queries need the token too.
func TestAccess(t *testing.T) {
	const del = `mutation { deleteArticle(id: "article:nope") }`
	t.Run("no token", func(t *testing.T) {
		t.Setenv("ALAQAT_TOKEN", "")
		base, _ := startServer(t)
		msg, code := firstError(query(t, base, del, nil, "Authorization", "Bearer guess"))
		if code != "unauthorized" || !strings.Contains(msg, "disabled") {
			t.Errorf("mutation on a server without token: %q %q; want it disabled", msg, code)
		}
		checkAnswers(t, base)
	})
	t.Run("environment", func(t *testing.T) {
		t.Setenv("ALAQAT_TOKEN", "from-env")
		base, _ := startServer(t)
		if msg, _ := firstError(query(t, base, del, nil, "Authorization", "Bearer wrong")); !strings.Contains(msg, "bearer token") {
			t.Errorf("wrong token: %q", msg)
		}
		if msg, code := firstError(query(t, base, del, nil, "Authorization", "Bearer from-env")); code != "not_found" {
			t.Errorf("right token: %q %q; want not_found for an unknown article", msg, code)
		}
	})
	t.Run("private", func(t *testing.T) {
		t.Setenv("ALAQAT_TOKEN", "")
		tokenFile := filepath.Join(t.TempDir(), "token")
		os.WriteFile(tokenFile, []byte("p4ss\n"), 0o600)
		base, _ := startServer(t, "--token-file", tokenFile, "--private")
		status, got := post(t, base, operation(normalQuery))
		if msg, code := firstError(got); status != http.StatusUnauthorized || code != "unauthorized" || !strings.Contains(msg, "bearer token") {
			t.Errorf("query without token: %d %v; want 401", status, got)
		}
		checkAnswers(t, base, "Authorization", "Bearer p4ss")
	})
	t.Run("token on the command line", func(t *testing.T) {
		err := run(context.Background(), []string{"--db", filepath.Join(t.TempDir(), "x.db"), "--token", "s3cret"}, io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), "--token-file") {
			t.Errorf("run --token: %v, want a pointer to --token-file", err)
		}
	})
	t.Run("token file", func(t *testing.T) {
		for _, tc := range []struct{ content, want string }{
			{"", "holds no token"}, {"\n\n", "holds no token"},
			{"abc\x00def\n", "byte 0x00 at 3"}, {"two words\n", "byte 0x20 at 3"}, {"naïve\n", "printable ASCII"},
			{strings.Repeat("x", 5000), "longer than 4096 bytes"},
		} {
			f := filepath.Join(t.TempDir(), "token")
			os.WriteFile(f, []byte(tc.content), 0o600)
			err := run(context.Background(), []string{"--db", filepath.Join(t.TempDir(), "x.db"), "--token-file", f}, io.Discard, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), f) {
				t.Errorf("token file %q: %v, want %q naming the file", tc.content, err, tc.want)
			}
		}
		err := run(context.Background(), []string{"--db", filepath.Join(t.TempDir(), "x.db"), "--token-file", "/nonexistent/token"}, io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), "/nonexistent/token") {
			t.Errorf("missing token file: %v", err)
		}
	})
	t.Run("private without token", func(t *testing.T) {
		t.Setenv("ALAQAT_TOKEN", "")
		err := run(context.Background(), []string{"--db", filepath.Join(t.TempDir(), "x.db"), "--private"}, io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), "--private needs a token") {
			t.Errorf("run --private without token: %v", err)
		}
	})
}

// Production switches: no introspection, no GraphiQL, CORS for the
// origins named only.
func TestProductionFlags(t *testing.T) {
	base, _ := startServer(t, "--introspection=false", "--playground=false", "--cors-origins", "https://analyst.example")
	if msg, _ := firstError(query(t, base, `{ __schema { types { name } } }`, nil)); !strings.Contains(msg, "introspection") {
		t.Errorf("introspection off: %q", msg)
	}
	if resp, err := http.Get(base + "/"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET / with the playground off: %v %v", resp.StatusCode, err)
	}
	for _, tc := range []struct{ origin, want string }{
		{"https://analyst.example", "https://analyst.example"},
		{"https://evil.example", ""},
	} {
		req, _ := http.NewRequest("OPTIONS", base+"/graphql", nil)
		req.Header.Set("Origin", tc.origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tc.want {
			t.Errorf("preflight from %s: Allow-Origin %q, want %q", tc.origin, got, tc.want)
		}
	}
	checkAnswers(t, base)
}

// The timeout reaches the store through the request's context: a query
// past it is refused with a clear error, not left running.
func TestTimeout(t *testing.T) {
	base, _ := startServer(t, "--timeout", "1ns")
	status, got := post(t, base, operation(normalQuery))
	if msg, code := firstError(got); !strings.Contains(msg, "took longer than the server allows") || code != "timeout" {
		t.Errorf("status %d, %v; want a timeout error", status, got)
	}
}

// Automatic persisted queries: a query sent once with its hash can then be
// asked by the hash alone, over GET too.
func TestPersistedQueries(t *testing.T) {
	base, _ := startServer(t)
	sum := sha256.Sum256([]byte(normalQuery))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
	body := func(q string) io.Reader {
		m := map[string]any{"extensions": ext}
		if q != "" {
			m["query"] = q
		}
		b, _ := json.Marshal(m)
		return bytes.NewReader(b)
	}
	if _, got := post(t, base, body("")); !strings.Contains(fmt.Sprint(got["errors"]), "PersistedQueryNotFound") {
		t.Errorf("an unknown hash: %v, want PersistedQueryNotFound", got)
	}
	if _, got := post(t, base, body(normalQuery)); got["errors"] != nil {
		t.Fatalf("registering the query: %v", got)
	}
	e, _ := json.Marshal(ext)
	resp, err := http.Get(base + "/graphql?extensions=" + url.QueryEscape(string(e)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got map[string]any
	json.NewDecoder(resp.Body).Decode(&got)
	if got["errors"] != nil || !strings.Contains(fmt.Sprint(got["data"]), "country:QA") {
		t.Errorf("GET by hash: %v", got)
	}
}
