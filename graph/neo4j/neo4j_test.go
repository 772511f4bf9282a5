package neo4j_test

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/neo4j"
	"github.com/alaqat/alaqat/graph/neo4j/neo4jtest"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The tests run against the server named by NEO4J_URI (see neo4jtest),
// holding it for the whole test: other packages' tests share it.

func TestConformance(t *testing.T) {
	neo4jtest.Lock(t) // skips (or fails in CI) once, not in every subtest
	uri, opts := neo4jtest.Server(t)
	graphtest.Run(t, func(t *testing.T) graph.Store {
		neo4jtest.Wipe(t)
		s, err := neo4j.Open(context.Background(), uri, opts)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return s
	})
}

// TestReopen checks that opening again keeps the data and that creating
// the schema again is harmless.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.OpenEmpty(t)
	f := graphtest.Synthetic(1)
	if err := s.Apply(ctx, f); err != nil {
		t.Fatal(err)
	}
	again := neo4jtest.Reopen(t)
	counts, err := again.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Articles != 1 || counts.Edges != len(f.Edges) || counts.Evidence != len(f.Evidence) {
		t.Errorf("after reopening: counts %+v", counts)
	}
}

// TestOpenUnreachable needs no server: the error of a failed Open names
// the server but none of the credentials.
func TestOpenUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := neo4j.Open(ctx, "bolt://user:secret@127.0.0.1:1", neo4j.Options{Username: "neo4j", Password: "hunter2"})
	if err == nil {
		t.Fatal("Open of a closed port succeeded")
	}
	for _, secret := range []string{"secret", "hunter2"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q reveals a credential", err)
		}
	}
}

func BenchmarkApply(b *testing.B) {
	graphtest.BenchmarkApply(b, neo4jtest.OpenEmpty(b))
}

// TestUnconfirmedCommit leaves a commit announced but never confirmed, as a
// writer that died at the wrong moment would: readers wait a little, then
// repair the bookkeeping and read on.
func TestUnconfirmedCommit(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.OpenEmpty(t)
	if err := s.Apply(ctx, graphtest.Synthetic(1)); err != nil {
		t.Fatal(err)
	}
	driver, dbOpts := neo4jtest.Driver(t)
	if _, err := neo.ExecuteQuery(ctx, driver, "MATCH (w:Writes {id: 'alaqat'}) SET w.started = w.started + 1",
		nil, neo.EagerResultTransformer, dbOpts...); err != nil {
		t.Fatal(err)
	}
	for i, limit := range []time.Duration{30 * time.Second, time.Second} {
		start := time.Now()
		c, cancel := context.WithTimeout(ctx, limit)
		counts, err := s.Counts(c)
		cancel()
		if err != nil || counts.Articles != 1 {
			t.Fatalf("read %d after an unconfirmed commit: %+v, %v (after %v)", i+1, counts, err, time.Since(start))
		}
		t.Logf("read %d took %v", i+1, time.Since(start).Round(time.Millisecond))
	}
}

// An agreement's or a meeting's countries (the property the questions
// check sides on) list each country once, however many of its parties are
// or act for it.
func TestCountriesListedOnce(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.OpenEmpty(t)
	text := "Germany, Qatar and Acme Defence of Germany signed the deal. Ministers Ali Hamad and Omar Saad of Qatar met in Doha."
	art := graph.Article{ID: "article:countries-once", Title: "Deal", Text: text, Lang: graph.English}
	f := &graph.Facts{Article: art, Nodes: []graph.Node{
		{ID: "country:QA", Kind: graph.KindCountry, Name: "Qatar", ISO2: "QA"},
		{ID: "country:DE", Kind: graph.KindCountry, Name: "Germany", ISO2: "DE"},
		{ID: "org:acme", Kind: graph.KindOrganization, Name: "Acme Defence", OrgKind: graph.OrgCompany},
		{ID: "person:ali-hamad", Kind: graph.KindPerson, Name: "Ali Hamad"},
		{ID: "person:omar-saad", Kind: graph.KindPerson, Name: "Omar Saad"},
		{ID: "agreement:deal", Kind: graph.KindAgreement, Name: "the deal", Title: "the deal", AgreementKind: graph.AgreementContract},
		{ID: "meeting:doha", Kind: graph.KindMeeting, Name: "Doha meeting", Title: "Doha meeting"},
	}, Edges: []graph.Edge{
		{From: "org:acme", Type: graph.BasedIn, To: "country:DE"},
		{From: "person:ali-hamad", Type: graph.HoldsOffice, To: "country:QA", Title: "Minister"},
		{From: "person:omar-saad", Type: graph.HoldsOffice, To: "country:QA", Title: "Minister"},
		{From: "country:DE", Type: graph.PartyTo, To: "agreement:deal"},
		{From: "country:QA", Type: graph.PartyTo, To: "agreement:deal"},
		{From: "org:acme", Type: graph.PartyTo, To: "agreement:deal"},
		{From: "person:ali-hamad", Type: graph.ParticipatedIn, To: "meeting:doha"},
		{From: "person:omar-saad", Type: graph.ParticipatedIn, To: "meeting:doha"},
	}}
	for _, ev := range []struct{ fact, quote string }{{"agreement:deal", "signed the deal"}, {"meeting:doha", "met in Doha"}} {
		start := len([]rune(text[:strings.Index(text, ev.quote)]))
		f.Evidence = append(f.Evidence, graph.Evidence{Fact: ev.fact, ArticleID: art.ID, Quote: ev.quote, Start: start, End: start + len([]rune(ev.quote))})
	}
	if err := s.Apply(ctx, f); err != nil {
		t.Fatal(err)
	}
	driver, dbOpts := neo4jtest.Driver(t)
	res, err := neo.ExecuteQuery(ctx, driver, `MATCH (e:Agreement|Meeting)
		RETURN count(e) AS events, sum(size(e.countries)) AS listed,
		       sum(size(reduce(acc = [], c IN e.countries | CASE WHEN c IN acc THEN acc ELSE acc + c END))) AS distinct`,
		nil, neo.EagerResultTransformer, dbOpts...)
	if err != nil {
		t.Fatal(err)
	}
	r := res.Records[0]
	events, listed, distinct := r.Values[0].(int64), r.Values[1].(int64), r.Values[2].(int64)
	if events == 0 || distinct == 0 {
		t.Fatalf("%d events, %d countries: the world holds no dealings", events, distinct)
	}
	if events != 2 || distinct != 3 || listed != distinct {
		t.Errorf("%d events list %d countries, %d of them distinct; want 2 events listing 3 (DE and QA, QA)", events, listed, distinct)
	}

	// Each two countries an agreement or meeting involves have a Pair.
	deal := graph.InvolvedQuery{Kinds: []graph.Kind{graph.KindAgreement}, Rels: []string{graph.PartyTo}, Sides: []string{"country:QA", "country:DE"}}
	if got, err := s.Involved(ctx, deal); err != nil || len(got) != 1 {
		t.Fatalf("Involved(QA, DE) = %d agreements, %v; want the deal", len(got), err)
	}

	// A graph of layout 1, which could list a country twice and had no
	// Pairs, is mended when the store opens.
	if _, err := neo.ExecuteQuery(ctx, driver, `MATCH (e:Agreement) SET e.countries = e.countries + e.countries
		WITH count(*) AS n MATCH (p:Pair) DETACH DELETE p
		WITH count(*) AS n MATCH (w:Writes {id: 'alaqat'}) SET w.layout = 1`, nil, neo.EagerResultTransformer, dbOpts...); err != nil {
		t.Fatal(err)
	}
	again := neo4jtest.Reopen(t)
	res, err = neo.ExecuteQuery(ctx, driver, `MATCH (e:Agreement) RETURN e.countries`, nil, neo.EagerResultTransformer, dbOpts...)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := res.Records[0].Values[0].([]any)
	ids := make([]string, len(list))
	for i, c := range list {
		ids[i], _ = c.(string)
	}
	slices.Sort(ids)
	if got := fmt.Sprint(ids); got != "[country:DE country:QA]" {
		t.Errorf("after reopening a layout 1 graph: countries %s, want [country:DE country:QA]", got)
	}
	if got, err := again.Involved(ctx, deal); err != nil || len(got) != 1 {
		t.Errorf("after reopening a layout 1 graph: Involved(QA, DE) = %d agreements, %v; want the deal", len(got), err)
	}
}

// TestEntityLabelMended opens a graph of layout 2, whose entity nodes
// lack the Entity label that writes find them by: the store must label
// them when it opens, or an article's edges to a node imported before
// would be dropped.
func TestEntityLabelMended(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.OpenEmpty(t)
	old, later := graphtest.Synthetic(0), graphtest.Synthetic(20) // one country in common
	if err := s.Apply(ctx, old); err != nil {
		t.Fatal(err)
	}
	driver, dbOpts := neo4jtest.Driver(t)
	if _, err := neo.ExecuteQuery(ctx, driver, `MATCH (n:Entity) REMOVE n:Entity
		WITH count(*) AS n MATCH (w:Writes {id: 'alaqat'}) SET w.layout = 2`, nil, neo.EagerResultTransformer, dbOpts...); err != nil {
		t.Fatal(err)
	}
	again := neo4jtest.Reopen(t)
	if err := again.Apply(ctx, later); err != nil {
		t.Fatal(err)
	}
	country := old.Nodes[0].ID
	want := 0
	for _, f := range []*graph.Facts{old, later} {
		for _, e := range f.Edges {
			if e.To == country && e.Type == graph.HoldsOffice {
				want++
			}
		}
	}
	got, err := again.Edges(ctx, graph.EdgeQuery{Types: []string{graph.HoldsOffice}, To: []string{country}})
	if err != nil {
		t.Fatal(err)
	}
	if want < 2 || len(got) != want {
		t.Errorf("%d offices held in %s after the second article, want %d (from both articles)", len(got), country, want)
	}
	res, err := neo.ExecuteQuery(ctx, driver, `MATCH (n) WHERE NOT n:Entity AND NOT n:Article AND NOT n:Report AND NOT n:PersonTally
		AND NOT n:Block AND NOT n:Writes AND NOT n:Correction AND NOT n:Pair RETURN count(n)`, nil, neo.EagerResultTransformer, dbOpts...)
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Records[0].Values[0].(int64); n != 0 {
		t.Errorf("%d entity nodes without the Entity label", n)
	}
}

// TestMergeGainedClaims imports articles one batch at a time and checks
// each node against the same articles imported in one batch, where every
// node is merged from all its claims. Between batches a node that only
// gains claims it already had is not merged again (settled); these are the
// cases where it must be: a claim it had, now first made by an earlier
// article, and claims lost by an article imported again in the batch
// that gives the claim. The cases run with a last batch of the articles
// as listed, and again with one more article, which makes the batch's new
// articles be written together (graph.MaterializeAller) rather than one
// at a time (Materialize).
func TestMergeGainedClaims(t *testing.T) {
	ctx := context.Background()
	acme := func(article, name string, withAcme bool) *graph.Facts {
		f := &graph.Facts{Article: graph.Article{ID: "article:" + article, Title: "Acme " + article, Text: name + " bid.", Lang: graph.English},
			Nodes: []graph.Node{{ID: "country:QA", Kind: graph.KindCountry, Name: "Qatar", ISO2: "QA"}}}
		if withAcme {
			f.Nodes = append(f.Nodes, graph.Node{ID: "org:acme", Kind: graph.KindOrganization, Name: name, OrgKind: graph.OrgCompany})
			f.Edges = []graph.Edge{{From: "org:acme", Type: graph.BasedIn, To: "country:QA"}}
		}
		return f
	}
	for _, tc := range []struct {
		name    string
		batches [][]*graph.Facts
		settled bool // the last batch reads no claims of the two nodes
	}{
		{"an earlier article makes a claim the node had", [][]*graph.Facts{
			{acme("m", "Acme Corp", true)},
			{acme("z", "Acme Corporation", true)},
			{acme("a", "Acme Corporation", true)},
		}, false},
		{"an article imported again drops the claim the node was merged from", [][]*graph.Facts{
			{acme("m", "Acme Corp", true)},
			{acme("n", "Acme Corporation", true)},
			{acme("m", "Acme Corp", false), acme("p", "Acme Corporation", true)},
		}, false},
		{"a claim the node had, later", [][]*graph.Facts{
			{acme("m", "Acme Corp", true)},
			{acme("n", "Acme Corporation", true)},
			{acme("p", "Acme Corp", true)},
		}, true},
		{"the same claims again, later", [][]*graph.Facts{
			{acme("m", "Acme Corp", true)},
			{acme("n", "Acme Corporation", true)},
			{acme("p", "Acme Corp", true), acme("q", "Acme Corporation", true)},
		}, true},
	} {
		for _, more := range []bool{false, true} {
			if more {
				last := len(tc.batches) - 1
				tc.batches[last] = append(tc.batches[last], acme("y", "", false))
			}
			t.Run(fmt.Sprintf("%s/%d", tc.name, len(tc.batches[len(tc.batches)-1])), func(t *testing.T) {
				ids := []string{"org:acme", "country:QA"}
				s := neo4jtest.OpenEmpty(t)
				var read []string // the nodes whose claims the last batch read
				for i, b := range tc.batches {
					if i == len(tc.batches)-1 {
						neo4j.SetProfiled(func(cypher string, params map[string]any, _ neo.ProfiledPlan) {
							if cypher == neo4j.ClaimsRead {
								ids, _ := params["ids"].([]string)
								read = append(read, ids...)
							}
						})
					}
					err := s.ApplyAll(ctx, b)
					neo4j.SetProfiled(nil)
					if err != nil {
						t.Fatal(err)
					}
				}
				if tc.settled && len(read) > 0 {
					t.Errorf("the last batch read the claims of %v, which gained only claims they had", read)
				}
				if !tc.settled && !slices.Contains(read, "org:acme") {
					t.Errorf("the last batch did not read the claims of org:acme (read %v)", read)
				}
				got, err := s.Nodes(ctx, ids)
				if err != nil {
					t.Fatal(err)
				}
				// The same articles, each as last imported, in one batch.
				last := map[string]*graph.Facts{}
				for _, b := range tc.batches {
					for _, f := range b {
						last[f.Article.ID] = f
					}
				}
				neo4jtest.Wipe(t) // held since OpenEmpty
				uri, opts := neo4jtest.Server(t)
				if s, err = neo4j.Open(ctx, uri, opts); err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				var all []*graph.Facts
				for _, id := range slices.Sorted(maps.Keys(last)) {
					all = append(all, last[id])
				}
				if err := s.ApplyAll(ctx, all); err != nil {
					t.Fatal(err)
				}
				want, err := s.Nodes(ctx, ids)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) || len(want) != len(ids) {
					t.Fatalf("%d nodes after the batches, %d after one batch; want %d", len(got), len(want), len(ids))
				}
				for i := range want {
					if g, w := fmt.Sprintf("%+v", *got[i]), fmt.Sprintf("%+v", *want[i]); g != w {
						t.Errorf("after the batches\n%s\nafter one batch\n%s", g, w)
					}
				}
			})
		}
	}
}

// TestEvidenceKeyed opens a graph written before passages knew their
// article (layout 4, with the index on fact alone): the store gives each
// its article's id and drops that index, and a fact's first passages are
// those of the graph written now. The program's log says when the upgrade
// starts and ends (it may take minutes), and says nothing for an empty
// graph.
func TestEvidenceKeyed(t *testing.T) {
	ctx := context.Background()
	var logged strings.Builder
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, nil)))
	s := neo4jtest.OpenEmpty(t)
	if logged.Len() > 0 {
		t.Errorf("opening an empty graph logs\n%s", logged.String())
	}
	first, second := graphtest.SyntheticBatches(12)
	if err := s.ApplyAll(ctx, append(first, second...)); err != nil {
		t.Fatal(err)
	}
	fact := first[0].Nodes[0].ID // a country most articles name
	want, err := s.Evidence(ctx, []string{fact}, 3)
	if err != nil {
		t.Fatal(err)
	}
	driver, dbOpts := neo4jtest.Driver(t)
	for _, q := range []string{
		`MATCH ()-[r:SUPPORTED_BY]->() REMOVE r.article WITH count(*) AS n MATCH (w:Writes {id: 'alaqat'}) SET w.layout = 4`,
		`CREATE INDEX supportedByFact IF NOT EXISTS FOR ()-[r:SUPPORTED_BY]-() ON (r.fact)`,
	} {
		if _, err := neo.ExecuteQuery(ctx, driver, q, nil, neo.EagerResultTransformer, dbOpts...); err != nil {
			t.Fatal(err)
		}
	}
	again := neo4jtest.Reopen(t)
	// The program's log says that the upgrade runs, and when it is done.
	if l := logged.String(); !strings.Contains(l, "bringing the graph up to date") || !strings.Contains(l, "layout=4 to=6") ||
		!strings.Contains(l, `the graph is up to date" layout=6`) {
		t.Errorf("opening a graph of layout 4 logs\n%s", l)
	}
	got, err := again.Evidence(ctx, []string{fact}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 3 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Evidence(%s, 3) after the upgrade =\n%v\nwant\n%v", fact, got, want)
	}
	for q, wantN := range map[string]int64{
		`MATCH ()-[r:SUPPORTED_BY]->(a) WHERE r.article IS NULL OR r.article <> a.id RETURN count(r)`: 0,
		`SHOW INDEXES YIELD name WHERE name = 'supportedByFact' RETURN count(*)`:                      0,
		`MATCH ()-[r:SUPPORTED_BY]->() RETURN sign(count(r))`:                                         1,
	} {
		res, err := neo.ExecuteQuery(ctx, driver, q, nil, neo.EagerResultTransformer, dbOpts...)
		if err != nil {
			t.Fatal(err)
		}
		if n := res.Records[0].Values[0].(int64); n != wantN {
			t.Errorf("%s: %d, want %d", q, n, wantN)
		}
	}
}

// TestSupportCounted follows the support of one edge that several articles
// give, with dates and without (layout 6: counts on the edge, a list of
// edges on each article), through an article imported again and
// deletions; and opens the same graph written as layout 5 did (each edge
// listing its articles and their dates): the upgrade gives each edge and
// article what the writes give.
func TestSupportCounted(t *testing.T) {
	ctx := context.Background()
	acme := func(article string, since *graph.PartialDate, based bool) *graph.Facts {
		f := &graph.Facts{Article: graph.Article{ID: "article:" + article, Title: "Acme " + article, Text: "Acme is in Qatar.", Lang: graph.English},
			Nodes: []graph.Node{{ID: "country:QA", Kind: graph.KindCountry, Name: "Qatar", ISO2: "QA"},
				{ID: "org:acme", Kind: graph.KindOrganization, Name: "Acme", OrgKind: graph.OrgCompany}}}
		if based {
			f.Edges = []graph.Edge{{From: "org:acme", Type: graph.BasedIn, To: "country:QA", Since: since}}
		}
		return f
	}
	s := neo4jtest.OpenEmpty(t)
	first, second := graphtest.SyntheticBatches(6)
	for _, b := range [][]*graph.Facts{
		append(first, acme("a", graph.Year(2019), true), acme("b", graph.Year(2018), true)),
		append(second, acme("c", nil, true), acme("d", graph.Year(2019), true)),
		{acme("b", graph.Year(2018), false)}, // imported again without the edge
	} {
		if err := s.ApplyAll(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	driver, dbOpts := neo4jtest.Driver(t)
	query := func(q string) [][]any {
		t.Helper()
		res, err := neo.ExecuteQuery(ctx, driver, q, nil, neo.EagerResultTransformer, dbOpts...)
		if err != nil {
			t.Fatal(err)
		}
		var out [][]any
		for _, r := range res.Records {
			out = append(out, r.Values)
		}
		return out
	}
	// snapshot gives every edge's support and dates, and every article's
	// edges, in an order of their own.
	snapshot := func() []string {
		t.Helper()
		var out []string
		for _, r := range query(`MATCH (f)-[r:` + strings.Join(graph.EdgeTypes, "|") + `]->(t)
			RETURN type(r) + '|' + f.id + '|' + t.id + '|' + r.title, r.support, r.since, r.sinceValues, r.sinceCounts`) {
			vals, counts := r[3].([]any), r[4].([]any)
			dates := make([]string, len(vals))
			for i := range vals {
				dates[i] = fmt.Sprintf("%v×%v", vals[i], counts[i])
			}
			slices.Sort(dates)
			out = append(out, fmt.Sprintf("edge %v support %v since %v dates %v", r[0], r[1], r[2], dates))
		}
		for _, r := range query(`MATCH (a:Article) RETURN a.id, a.edgeKeys, a.edgeSinces`) {
			keys, sinces := r[1].([]any), r[2].([]any)
			edges := make([]string, len(keys))
			for i := range keys {
				edges[i] = fmt.Sprintf("%v@%v", keys[i], sinces[i])
			}
			slices.Sort(edges)
			out = append(out, fmt.Sprintf("article %v edges %v", r[0], edges))
		}
		slices.Sort(out)
		return out
	}
	acmeEdge := func() string {
		t.Helper()
		for _, l := range snapshot() {
			if strings.HasPrefix(l, "edge BASED_IN|org:acme|country:QA|") {
				return l
			}
		}
		return ""
	}
	if got, want := acmeEdge(), "edge BASED_IN|org:acme|country:QA| support 3 since 2019 dates [2019×2]"; got != want {
		t.Errorf("after b dropped the edge:\n%s\nwant\n%s", got, want)
	}
	want := snapshot()

	// The same graph as layout 5 wrote it.
	for _, q := range []string{
		`MATCH (a:Article) UNWIND range(0, size(a.edgeKeys) - 1) AS i
			WITH a, a.edgeKeys[i] AS key, a.edgeSinces[i] AS since ORDER BY a.id
			WITH key, collect(a.id) AS articles, collect(since) AS sinces
			MATCH (f)-[r]->(t) WHERE type(r) + '|' + f.id + '|' + t.id + CASE WHEN r.title <> '' THEN '|' + r.title ELSE '' END = key
			SET r.articles = articles, r.sinces = sinces REMOVE r.support, r.sinceValues, r.sinceCounts`,
		`MATCH (a:Article) REMOVE a.edgeKeys, a.edgeSinces WITH count(*) AS n MATCH (w:Writes {id: 'alaqat'}) SET w.layout = 5`,
	} {
		query(q)
	}
	if n := query(`MATCH ()-[r]->() WHERE r.support IS NOT NULL OR r.sinceValues IS NOT NULL RETURN count(r)`)[0][0].(int64); n != 0 {
		t.Fatalf("%d edges still counted as layout 6 counts them", n)
	}
	s = neo4jtest.Reopen(t)
	if got := snapshot(); !slices.Equal(got, want) {
		t.Errorf("after the upgrade from layout 5:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := query(`MATCH ()-[r]->() WHERE r.articles IS NOT NULL OR r.sinces IS NOT NULL RETURN count(r)`)[0][0].(int64); n != 0 {
		t.Errorf("%d edges still list their articles after the upgrade", n)
	}

	// Deleting the articles takes their support back, then the edge.
	for _, tc := range []struct{ article, want string }{
		{"article:a", "edge BASED_IN|org:acme|country:QA| support 2 since 2019 dates [2019×1]"},
		{"article:d", "edge BASED_IN|org:acme|country:QA| support 1 since <nil> dates []"},
		{"article:c", ""},
	} {
		if err := s.DeleteArticle(ctx, tc.article); err != nil {
			t.Fatal(err)
		}
		if got := acmeEdge(); got != tc.want {
			t.Errorf("after deleting %s:\n%s\nwant\n%s", tc.article, got, tc.want)
		}
	}
}
