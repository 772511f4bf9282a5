package gql_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/gql"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// counting is a real store that counts the calls made to it.
type counting struct {
	graph.Store
	calls atomic.Int64
}

func (c *counting) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	c.calls.Add(1)
	return c.Store.Nodes(ctx, ids)
}

func (c *counting) FindNodes(ctx context.Context, q graph.NodeQuery) ([]*graph.Node, error) {
	c.calls.Add(1)
	return c.Store.FindNodes(ctx, q)
}

func (c *counting) Edges(ctx context.Context, q graph.EdgeQuery) ([]graph.Edge, error) {
	c.calls.Add(1)
	return c.Store.Edges(ctx, q)
}

func (c *counting) Evidence(ctx context.Context, facts []string, limit int) ([]graph.Evidence, error) {
	c.calls.Add(1)
	return c.Store.Evidence(ctx, facts, limit)
}

func (c *counting) Articles(ctx context.Context, ids []string) ([]*graph.Article, error) {
	c.calls.Add(1)
	return c.Store.Articles(ctx, ids)
}

func (c *counting) ListArticles(ctx context.Context, after string, limit int) ([]*graph.Article, error) {
	c.calls.Add(1)
	return c.Store.ListArticles(ctx, after, limit)
}

func (c *counting) Counts(ctx context.Context) (graph.Counts, error) {
	c.calls.Add(1)
	return c.Store.Counts(ctx)
}

// dealFacts is one article of our own: Qatar and a German company sign
// deal i, a minister and his counterpart meet about it.
func dealFacts(i int) *graph.Facts {
	deal := fmt.Sprintf("deal number %d", i)
	text := fmt.Sprintf("Qatar and Acme Defence of Germany signed %s in Doha. Minister Ali Hamad met Minister Karl Weber on %s.", deal, deal)
	art := graph.Article{ID: fmt.Sprintf("article:deal-%03d", i), Title: "Deal " + fmt.Sprint(i), Text: text, Lang: graph.English}
	agreement := fmt.Sprintf("agreement:deal-%03d", i)
	meeting := fmt.Sprintf("meeting:deal-%03d", i)
	date := graph.Date(2000+i%20, 1+i%12, 1+i%28)
	f := &graph.Facts{Article: art, Nodes: []graph.Node{
		{ID: "country:QA", Kind: graph.KindCountry, Name: "Qatar", ISO2: "QA", ISO3: "QAT"},
		{ID: "country:DE", Kind: graph.KindCountry, Name: "Germany", ISO2: "DE", ISO3: "DEU"},
		{ID: "org:acme", Kind: graph.KindOrganization, Name: "Acme Defence", OrgKind: graph.OrgCompany},
		{ID: "person:ali-hamad", Kind: graph.KindPerson, Name: "Ali Hamad"},
		{ID: "person:karl-weber", Kind: graph.KindPerson, Name: "Karl Weber"},
		{ID: "place:doha", Kind: graph.KindPlace, Name: "Doha"},
		{ID: agreement, Kind: graph.KindAgreement, Name: "Deal " + fmt.Sprint(i), Title: "Deal " + fmt.Sprint(i), AgreementKind: graph.AgreementContract, Date: date},
		{ID: meeting, Kind: graph.KindMeeting, Name: "Meeting " + fmt.Sprint(i), Title: "Meeting " + fmt.Sprint(i), Date: date},
	}, Edges: []graph.Edge{
		{From: "org:acme", Type: graph.BasedIn, To: "country:DE"},
		{From: "place:doha", Type: graph.BasedIn, To: "country:QA"},
		{From: "person:ali-hamad", Type: graph.HoldsOffice, To: "country:QA", Title: "Minister"},
		{From: "person:karl-weber", Type: graph.HoldsOffice, To: "country:DE", Title: "Minister"},
		{From: "country:QA", Type: graph.PartyTo, To: agreement},
		{From: "org:acme", Type: graph.PartyTo, To: agreement},
		{From: "person:ali-hamad", Type: graph.ParticipatedIn, To: meeting},
		{From: "person:karl-weber", Type: graph.ParticipatedIn, To: meeting},
		{From: meeting, Type: graph.HeldIn, To: "place:doha"},
	}}
	for _, fact := range []string{agreement, meeting} {
		start := len([]rune(text[:strings.Index(text, deal)]))
		f.Evidence = append(f.Evidence, graph.Evidence{Fact: fact, ArticleID: art.ID, Quote: deal, Start: start, End: start + len(deal)})
	}
	return f
}

// post sends one GraphQL query to h and returns the recorded answer.
func post(ctx context.Context, h http.Handler, query string, vars map[string]any) *httptest.ResponseRecorder {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body)).WithContext(ctx)
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	return rec
}

// A page of agreements, meetings or a timeline with what hangs off each
// item costs a fixed number of store calls, whatever the page's size: the
// loaders read each kind of thing once for the whole page.
func TestStoreCallsPerPage(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "calls.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range 60 {
		if err := s.Apply(ctx, dealFacts(i)); err != nil {
			t.Fatal(err)
		}
	}
	store := &counting{Store: s}
	h := gql.NewHandler(graph.New(store), gql.Options{})
	for _, tc := range []struct{ name, query, list string }{
		{"agreements", `query($n: Int) { agreements(filter: {between: ["QA", "DE"]}, first: $n) { edges { node {
			id title date { iso } parties { id name } countries { iso2 } signatories { id }
			evidence { quote article { title } } } } } }`, "agreements"},
		{"meetings", `query($n: Int) { meetings(filter: {between: ["QA", "DE"]}, first: $n) { edges { node {
			id participants { name } place { name } countries { iso2 } evidence(first: 2) { quote article { title } } } } } }`, "meetings"},
		{"timeline", `query($n: Int) { timeline(filter: {between: ["QA", "DE"]}, first: $n) { date { iso } kind title entity {
			id evidence { quote article { url } } ... on Agreement { parties { name } countries { iso2 } } ... on Meeting { participants { name } countries { iso2 } } } } }`, "timeline"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := map[int]int64{}
			for _, n := range []int{5, 50} {
				store.calls.Store(0)
				rec := post(ctx, h, tc.query, map[string]any{"n": n})
				calls[n] = store.calls.Load()
				if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
					t.Fatalf("first %d: %d %s", n, rec.Code, rec.Body)
				}
				for _, want := range []string{`"quote":"deal number`, `"iso2":"DE"`} {
					if got := bytes.Count(rec.Body.Bytes(), []byte(want)); got < n {
						t.Errorf("first %d: %d × %s in the answer, want at least %d", n, got, want, n)
					}
				}
			}
			t.Logf("store calls: %d for 5 items, %d for 50", calls[5], calls[50])
			if calls[5] != calls[50] || calls[50] > 20 {
				t.Errorf("store calls: %d for a page of 5, %d for 50; want the same few", calls[5], calls[50])
			}
		})
	}
}

// Paths read their steps' nodes at once, and their evidence only when the
// query asks for it, in one more call: as many calls for five paths as
// for one.
func TestStoreCallsPaths(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "calls.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range 12 {
		if err := s.Apply(ctx, dealFacts(i)); err != nil {
			t.Fatal(err)
		}
	}
	store := &evidenceCounting{counting: counting{Store: s}}
	h := gql.NewHandler(graph.New(store), gql.Options{})
	for _, tc := range []struct {
		name, query string
		evidence    bool
	}{
		{"no evidence", `query($n: Int) { paths(from: "QA", to: "DE", first: $n) { steps { from { id name } relation to { id name } } } }`, false},
		{"evidence", `query($n: Int) { paths(from: "QA", to: "DE", first: $n) { steps { from { id } to { id } evidence { quote } } } }`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := map[int]int64{}
			for _, n := range []int{1, 5} {
				store.calls.Store(0)
				store.evidence.Store(0)
				rec := post(ctx, h, tc.query, map[string]any{"n": n})
				calls[n] = store.calls.Load()
				if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
					t.Fatalf("first %d: %d %s", n, rec.Code, rec.Body)
				}
				if got := bytes.Count(rec.Body.Bytes(), []byte(`"steps"`)); got != n {
					t.Fatalf("first %d: %d paths", n, got)
				}
				if ev := store.evidence.Load(); (ev > 0) != tc.evidence || ev > 1 {
					t.Errorf("first %d: %d evidence reads; want %v", n, ev, tc.evidence)
				}
			}
			t.Logf("store calls: %d for one path, %d for five", calls[1], calls[5])
			if calls[1] != calls[5] {
				t.Errorf("store calls: %d for one path, %d for five; want the same", calls[1], calls[5])
			}
		})
	}
}

// evidenceCounting counts the evidence reads apart.
type evidenceCounting struct {
	counting
	evidence atomic.Int64
}

func (c *evidenceCounting) Evidence(ctx context.Context, facts []string, limit int) ([]graph.Evidence, error) {
	c.evidence.Add(1)
	return c.counting.Evidence(ctx, facts, limit)
}

// asking is a store that answers two questions itself (graph.Questions),
// by Graph's own computation over the store it wraps, and counts them.
type asking struct {
	*sqlite.Store
	involved, offices, ends, nodes, pages, edges atomic.Int64
	noEnds, noPages                              atomic.Bool
}

// InvolvedPage answers from Graph's own computation over the store, with
// Edges and Nodes for the page's edges, and counts.
func (a *asking) InvolvedPage(ctx context.Context, q graph.PageQuery) (graph.InvolvedPage, error) {
	a.pages.Add(1)
	if a.noPages.Load() {
		return graph.InvolvedPage{}, errors.ErrUnsupported
	}
	after := ""
	if q.After != nil {
		after = graph.DateCursor(q.After)
	}
	g := graph.New(a.Store)
	p, err := g.Agreements(ctx, graph.AgreementFilter{Between: q.Sides, From: q.From, To: q.To}, q.Order, q.First, after)
	if q.Kinds[0] == graph.KindMeeting {
		p, err = g.Meetings(ctx, graph.MeetingFilter{Between: q.Sides, From: q.From, To: q.To}, q.Order, q.First, after)
	}
	if err != nil {
		return graph.InvolvedPage{}, err
	}
	out := graph.InvolvedPage{Total: p.Total, Nodes: p.Nodes, HasNext: p.HasNext}
	var ids, far []string
	for _, n := range p.Nodes {
		ids = append(ids, n.ID)
	}
	for _, w := range q.With {
		if len(ids) == 0 {
			break
		}
		eq := graph.EdgeQuery{Types: []string{w.Type}, To: ids}
		if w.Out {
			eq = graph.EdgeQuery{Types: []string{w.Type}, From: ids}
		}
		es, err := a.Store.Edges(ctx, eq)
		if err != nil {
			return out, err
		}
		for _, e := range es {
			if w.Out {
				far = append(far, e.To)
			} else {
				far = append(far, e.From)
			}
		}
		out.Edges = append(out.Edges, es...)
	}
	slices.SortFunc(out.Edges, graph.CompareEdges)
	out.Ends, err = a.Store.Nodes(ctx, slices.Compact(slices.Sorted(slices.Values(far))))
	return out, err
}

func (a *asking) Involved(ctx context.Context, q graph.InvolvedQuery) ([]*graph.Node, error) {
	a.involved.Add(1)
	return nil, fmt.Errorf("counted: %w", errors.ErrUnsupported)
}

func (a *asking) OfficesIn(ctx context.Context, ids []string) ([]graph.Edge, error) {
	a.offices.Add(1)
	return nil, fmt.Errorf("counted: %w", errors.ErrUnsupported)
}

func (a *asking) SearchNodes(ctx context.Context, q graph.SearchQuery) ([]*graph.Node, error) {
	return nil, errors.ErrUnsupported
}

func (a *asking) ShortestPaths(ctx context.Context, from, to string, maxHops, first int) ([]graph.Path, error) {
	return nil, errors.ErrUnsupported
}

// EdgesWithEnds answers, from Edges and then Nodes, and counts.
func (a *asking) EdgesWithEnds(ctx context.Context, q graph.EdgeQuery) ([]graph.Edge, []*graph.Node, error) {
	a.ends.Add(1)
	if a.noEnds.Load() {
		return nil, nil, errors.ErrUnsupported
	}
	edges, err := a.Store.Edges(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	for _, e := range edges {
		if len(q.From) > 0 {
			ids = append(ids, e.To)
		} else {
			ids = append(ids, e.From)
		}
	}
	ends, err := a.Store.Nodes(ctx, slices.Compact(slices.Sorted(slices.Values(ids))))
	return edges, ends, err
}

// Edges counts.
func (a *asking) Edges(ctx context.Context, q graph.EdgeQuery) ([]graph.Edge, error) {
	a.edges.Add(1)
	return a.Store.Edges(ctx, q)
}

// Nodes counts.
func (a *asking) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	a.nodes.Add(1)
	return a.Store.Nodes(ctx, ids)
}

// The server asks the store's own answers (graph.Questions) through its
// meter, rather than computing them from small reads.
func TestServerAsksTheStore(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ask.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range 5 {
		if err := s.Apply(ctx, dealFacts(i)); err != nil {
			t.Fatal(err)
		}
	}
	store := &asking{Store: s}
	store.noPages.Store(true)
	h := gql.NewHandler(graph.New(store), gql.Options{})
	for _, q := range []string{
		`{ agreements(filter: {between: ["QA", "DE"]}, first: 2) { totalCount edges { node { id } } } }`,
		`{ timeline(filter: {between: ["QA", "DE"]}) { kind title entity { id } } }`,
	} {
		rec := post(ctx, h, q, nil)
		if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) || !bytes.Contains(rec.Body.Bytes(), []byte("deal-00")) {
			t.Fatalf("%s: %d %s", q, rec.Code, rec.Body)
		}
	}
	// The store leaves Involved to Graph (errors.ErrUnsupported), which
	// then asks it again on the way: twice for the page.
	if store.involved.Load() < 2 || store.offices.Load() != 1 {
		t.Errorf("the store was asked Involved %d times, OfficesIn %d; want 2 or more, and 1", store.involved.Load(), store.offices.Load())
	}

	// A page's parties come with their edges: one node read fewer than
	// when the store reads edges alone.
	nodeReads := map[bool]int64{}
	for _, noEnds := range []bool{true, false} {
		store.noEnds.Store(noEnds)
		store.ends.Store(0)
		store.nodes.Store(0)
		rec := post(ctx, h, `{ agreements(filter: {between: ["QA", "DE"]}, first: 3) { edges { node { id parties { id name } } } } }`, nil)
		if rec.Code != http.StatusOK || !bytes.Contains(rec.Body.Bytes(), []byte(`"name":"Acme Defence"`)) {
			t.Fatalf("parties: %d %s", rec.Code, rec.Body)
		}
		if store.ends.Load() != 1 {
			t.Errorf("a page with its parties: EdgesWithEnds asked %d times, want 1", store.ends.Load())
		}
		nodeReads[noEnds] = store.nodes.Load()
	}
	if nodeReads[false] != nodeReads[true]-1 {
		t.Errorf("node reads for a page with its parties: %d with EdgesWithEnds, %d without; want one fewer", nodeReads[false], nodeReads[true])
	}

	// A store that pages (Questions.InvolvedPage) reads a page of
	// agreements with their parties in one call, and the answer is the
	// same; other edges (signatories) are read as before.
	for _, tc := range []struct {
		q    string
		ends int64
	}{
		{`{ agreements(filter: {between: ["QA", "DE"]}, first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title parties { id name } } } } }`, 0},
		{`{ agreements(filter: {between: ["QA", "DE"], from: "2002-02"}, orderBy: DATE_ASC, first: 2) { edges { node { id parties { id } signatories { id } } } } }`, 1},
		{`{ meetings(filter: {between: ["QA", "DE"]}, first: 3) { totalCount edges { node { id participants { id name } place { id name } } } } }`, 0},
		{`{ meetings(filter: {between: ["QA", "DE"]}, first: 3) { edges { node { id place { name } } } } }`, 0},
	} {
		q := tc.q
		store.noPages.Store(true)
		want := post(ctx, h, q, nil)
		store.noPages.Store(false)
		store.pages.Store(0)
		store.ends.Store(0)
		store.nodes.Store(0)
		store.involved.Store(0)
		store.edges.Store(0)
		got := post(ctx, h, q, nil)
		if got.Code != http.StatusOK || got.Body.String() != want.Body.String() || !bytes.Contains(got.Body.Bytes(), []byte("deal-00")) {
			t.Errorf("%s:\n got %d %s\nwant %s", q, got.Code, got.Body, want.Body)
		}
		if store.pages.Load() != 1 || store.involved.Load() != 0 || store.ends.Load() != tc.ends || store.nodes.Load() != 0 || store.edges.Load() != 0 {
			t.Errorf("%s: asked InvolvedPage %d times, Involved %d, EdgesWithEnds %d, Nodes %d, Edges %d; want 1, 0, %d, 0 and 0", q,
				store.pages.Load(), store.involved.Load(), store.ends.Load(), store.nodes.Load(), store.edges.Load(), tc.ends)
		}
	}
}

// More requests at once than the store has connections, each holding one
// for its snapshot and asking what no statement was prepared for yet: all
// are answered (a snapshot's reads never wait for a second connection).
func TestSnapshotsHoldingEveryConnection(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "conns.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range 8 {
		if err := s.Apply(ctx, dealFacts(i)); err != nil {
			t.Fatal(err)
		}
	}
	s.SetMaxConns(2)
	h := gql.NewHandler(graph.New(s), gql.Options{MaxConcurrent: 64})
	queries := []string{
		`{ agreements(filter: {between: ["QA", "DE"]}, first: 3) { totalCount edges { node { id parties { name } } } } }`,
		`{ timeline(filter: {between: ["QA", "DE"]}) { kind title } }`,
		`{ search(text: "Acme") { id } }`,
		`{ paths(from: "QA", to: "DE") { steps { relation } } }`,
		`{ meetings(filter: {between: ["QA", "DE"]}) { totalCount } }`,
	}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := post(ctx, h, queries[i%len(queries)], nil)
			if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
				t.Errorf("%s: %d %s", queries[i%len(queries)], rec.Code, rec.Body)
			}
		}()
	}
	wg.Wait()
}
