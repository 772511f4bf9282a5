package gql_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/gql"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// leanFacts is dealFacts with dates of every precision (day, month, year,
// none), Arabic names, and offices taken up on a date.
func leanFacts(i int) *graph.Facts {
	f := dealFacts(i)
	for j := range f.Nodes {
		n := &f.Nodes[j]
		switch n.Kind {
		case graph.KindAgreement, graph.KindMeeting:
			switch i % 4 {
			case 1:
				n.Date = &graph.PartialDate{Year: 2001 + i%9, Month: 1 + i%12}
			case 2:
				n.Date = graph.Year(2001 + i%9)
			case 3:
				n.Date = nil
			}
		case graph.KindCountry:
			ar := map[string]string{"country:QA": "قطر", "country:DE": "ألمانيا"}[n.ID]
			n.Names = []graph.Name{{Text: n.Name, Lang: graph.English}, {Text: ar, Lang: graph.Arabic}}
		case graph.KindPerson:
			n.Names = []graph.Name{{Text: n.Name, Lang: graph.English}, {Text: "الوزير " + fmt.Sprint(len(n.ID)), Lang: graph.Arabic}}
		}
	}
	for j := range f.Edges {
		if f.Edges[j].Type == graph.HoldsOffice && i%3 == 0 {
			f.Edges[j].Since = graph.Date(2010+i%7, 1+i%12, 1)
		}
	}
	if i%5 == 4 { // a meeting whose place the article does not say
		f.Edges = slices.DeleteFunc(f.Edges, func(e graph.Edge) bool { return e.Type == graph.HeldIn })
	}
	return f
}

// leanServers are two servers over one store of leanFacts: with the lean
// path, and with gqlgen alone.
func leanServers(t *testing.T) (lean, plain http.Handler) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "lean.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range 40 {
		if err := s.Apply(ctx, leanFacts(i)); err != nil {
			t.Fatal(err)
		}
	}
	g := graph.New(s)
	return gql.NewHandler(g, gql.Options{}), gql.NewHandler(g, gql.Options{GQLGenOnly: true})
}

// TestLeanTimeline asks timelines of every shape through the server with
// its lean path and through gqlgen alone, and wants the same bytes; the
// lean path must have answered those it is for.
func TestLeanTimeline(t *testing.T) {
	lean, plain := leanServers(t)
	between := `filter: {between: ["QA", "DE"]}`
	for _, tc := range []leanCase{
		{"peers' query", `{ timeline(` + between + `) { date { iso } kind title } }`, nil, 1},
		{"every plain field, aliases", `{ t: timeline(` + between + `, first: 17) { __typename when: date { __typename iso year month day }
			k: kind title en: title(lang: EN) ar: title(lang: AR) } }`, nil, 1},
		{"fragments", `query { timeline(filter: {entity: "country:QA"}) { ...F ... on TimelineItem { title(lang: AR) } } }
			fragment F on TimelineItem { kind date { year ...D } } fragment D on PartialDate { month day }`, nil, 1},
		{"variables", `query($l: Lang, $f: TimelineFilter!, $n: Int) { timeline(filter: $f, first: $n) { title(lang: $l) date { iso month } } }`,
			map[string]any{"l": "AR", "f": map[string]any{"between": []string{"DE", "QA"}, "from": "2003", "to": "2008-06"}, "n": 9}, 1},
		{"offices only", `{ timeline(filter: {between: ["QA", "DE"], kinds: ["office"]}) { kind title(lang: AR) date { iso day } } }`, nil, 1},
		{"two timelines", `{ a: timeline(` + between + `) { kind } b: timeline(filter: {entity: "org:acme"}) { title } }`, nil, 2},
		{"empty", `{ timeline(filter: {between: ["QA", "DE"], from: "1900", to: "1901"}) { kind } }`, nil, 1},
		{"directives go through gqlgen", `query($x: Boolean!) { timeline(` + between + `) { kind @include(if: $x) title @skip(if: $x) } }`,
			map[string]any{"x": true}, 0},
		{"entity goes through gqlgen", `{ timeline(` + between + `) { kind entity { id name } office { title } } }`, nil, 0},
		{"one side", `{ timeline(filter: {between: ["QA"]}) { kind date { year } } }`, nil, 1},
		{"an error goes through gqlgen", `{ timeline(filter: {between: ["QA", "DE", "FR"]}) { kind } }`, nil, 0},
		{"an unknown entity goes through gqlgen", `{ timeline(filter: {entity: "org:nobody"}) { kind } }`, nil, 0},
		{"a bad date goes through gqlgen", `{ timeline(filter: {between: ["QA", "DE"], from: "May"}) { kind } }`, nil, 0},
		{"beside other fields", `{ timeline(` + between + `) { kind } entity(id: "QA") { id } }`, nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) { checkLean(t, lean, plain, tc) })
	}
}

// TestLeanAgreements asks pages of agreements of every shape through the
// server with its lean path and through gqlgen alone, and wants the same
// bytes; the lean path must have answered those it is for.
func TestLeanAgreements(t *testing.T) {
	ctx := context.Background()
	lean, plain := leanServers(t)
	var page struct {
		Data struct {
			Agreements struct{ PageInfo struct{ EndCursor string } }
		}
	}
	rec := post(ctx, plain, `{ agreements(filter: {between: ["QA", "DE"]}, first: 5) { pageInfo { endCursor } } }`, nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || page.Data.Agreements.PageInfo.EndCursor == "" {
		t.Fatalf("a first page: %v %s", err, rec.Body)
	}
	between := `filter: {between: ["QA", "DE"]}`
	for _, tc := range []leanCase{
		{"peers' query", `{ agreements(` + between + `, first: 20) { totalCount edges { node { id title date { iso } parties { id name } } } } }`, nil, 1},
		{"every plain field, aliases", `{ a: agreements(` + between + `, first: 30) { __typename n: totalCount p: pageInfo { __typename hasNextPage endCursor }
			e: edges { __typename c: cursor node { __typename id name ar: name(lang: AR) title en: title(lang: EN) ar2: title(lang: AR) kind
			when: date { __typename iso year month day } topics parties { __typename id name ar: name(lang: AR) } } } } }`, nil, 1},
		{"fragments, one alias for different types", `query { agreements(filter: {party: "QA"}, orderBy: DATE_ASC) { ...C } }
			fragment C on AgreementConnection { totalCount edges { ...E } }
			fragment E on AgreementEdge { node { ... on Entity { id } ...A } }
			fragment A on Agreement { date { year ...D } parties { ... on Country { x: name(lang: AR) iso2 } ... on Organization { x: name } ... on Person { x: name(lang: EN) } } }
			fragment D on PartialDate { month day }`, nil, 0},
		{"fragments by type", `query { agreements(filter: {party: "QA"}, orderBy: DATE_ASC) { ...C } }
			fragment C on AgreementConnection { totalCount edges { ...E } }
			fragment E on AgreementEdge { node { ... on Entity { id } ...A } }
			fragment A on Agreement { date { year ...D } parties { ... on Country { x: name(lang: AR) } ... on Organization { x: name } ... on Person { x: name(lang: EN) } } }
			fragment D on PartialDate { month day }`, nil, 1},
		{"variables and a cursor", `query($l: Lang, $f: AgreementFilter, $n: Int, $a: String) { agreements(filter: $f, first: $n, after: $a) {
			pageInfo { hasNextPage endCursor } edges { cursor node { title(lang: $l) parties { name(lang: $l) } } } } }`,
			map[string]any{"l": "AR", "f": map[string]any{"between": []string{"DE", "QA"}, "from": "2003"}, "n": 4, "a": page.Data.Agreements.PageInfo.EndCursor}, 1},
		{"no filter", `{ agreements { totalCount edges { node { id } } } }`, nil, 1},
		{"empty", `{ agreements(filter: {between: ["QA", "DE"], from: "1900", to: "1901"}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } } }`, nil, 1},
		{"kinds and text", `{ agreements(filter: {kinds: [CONTRACT], text: "deal"}, first: 3) { totalCount edges { node { kind topics } } } }`, nil, 1},
		{"two pages and a timeline", `{ a: agreements(` + between + `) { totalCount } b: agreements(first: 2) { edges { node { id } } } timeline(` + between + `) { kind } }`, nil, 3},
		{"evidence goes through gqlgen", `{ agreements(` + between + `) { edges { node { id evidence { quote } } } } }`, nil, 0},
		{"signatories go through gqlgen", `{ agreements(` + between + `) { edges { node { signatories { id } } } } }`, nil, 0},
		{"parties' evidence goes through gqlgen", `{ agreements(` + between + `) { edges { node { parties { id evidence { quote } } } } } }`, nil, 0},
		{"directives go through gqlgen", `query($x: Boolean!) { agreements(` + between + `) { totalCount @include(if: $x) } }`, map[string]any{"x": true}, 0},
		{"an error goes through gqlgen", `{ agreements(filter: {between: ["QA", "DE", "FR"]}) { totalCount } }`, nil, 0},
		{"a bad cursor goes through gqlgen", `{ agreements(` + between + `, after: "nonsense") { totalCount } }`, nil, 0},
		{"a bad date goes through gqlgen", `{ agreements(filter: {from: "May"}) { totalCount } }`, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) { checkLean(t, lean, plain, tc) })
	}
}

// leanCase is a query asked both ways, and how many root fields the lean
// path must answer.
type leanCase struct {
	name  string
	query string
	vars  map[string]any
	lean  int64
}

// checkLean asks a query of both servers and wants the same bytes, the
// lean path answering tc.lean root fields, and an answer of two items or
// more, without errors, where it does (unless the case is "empty").
func checkLean(t *testing.T, lean, plain http.Handler, tc leanCase) {
	t.Helper()
	ctx := context.Background()
	before := gql.LeanAnswers()
	got := post(ctx, lean, tc.query, tc.vars)
	answered := gql.LeanAnswers() - before
	want := post(ctx, plain, tc.query, tc.vars)
	if got.Code != want.Code || got.Body.String() != want.Body.String() {
		t.Errorf("lean: %d %s\ngqlgen: %d %s", got.Code, got.Body, want.Code, want.Body)
	}
	if answered != tc.lean {
		t.Errorf("the lean path answered %d root fields, want %d", answered, tc.lean)
	}
	if tc.lean > 0 && (strings.Contains(want.Body.String(), `"errors"`) || tc.name != "empty" && !strings.Contains(want.Body.String(), "},{")) {
		t.Errorf("an error, or fewer than two items: %s", want.Body)
	}
}

// TestLeanMeetings is TestLeanAgreements for pages of meetings, with their
// participants and place (null where no article says it).
func TestLeanMeetings(t *testing.T) {
	lean, plain := leanServers(t)
	between := `filter: {between: ["QA", "DE"]}`
	if rec := post(context.Background(), plain, `{ meetings(`+between+`) { edges { node { place { id } } } } }`, nil); !strings.Contains(rec.Body.String(), `"place":null`) {
		t.Fatalf("no meeting without a place: %s", rec.Body)
	}
	for _, tc := range []leanCase{
		{"an analyst's query", `{ meetings(` + between + `, first: 20) { totalCount edges { node { id title date { iso } participants { id name } place { id name } } } } }`, nil, 1},
		{"every plain field, aliases", `{ m: meetings(` + between + `, orderBy: DATE_DESC, first: 30) { __typename n: totalCount p: pageInfo { __typename hasNextPage endCursor }
			e: edges { __typename c: cursor node { __typename id name ar: name(lang: AR) title en: title(lang: EN) ar2: title(lang: AR)
			when: date { __typename iso year month day } topics participants { __typename id name ar: name(lang: AR) } place { __typename id name ar: name(lang: AR) } } } } }`, nil, 1},
		{"one alias, other arguments", `{ meetings(filter: {participant: "Ali Hamad"}) { edges { node { x: participants { n: name } y: place { n: name(lang: AR) } } } } }`, nil, 1},
		{"fragments", `query { meetings(` + between + `) { ...C } }
			fragment C on MeetingConnection { totalCount edges { node { ... on Entity { id } ...M } } }
			fragment M on Meeting { date { year } place { ... on Place { name } } participants { ... on Person { id } } }`, nil, 1},
		{"variables and a page", `query($l: Lang, $f: MeetingFilter, $n: Int) { meetings(filter: $f, first: $n) { pageInfo { hasNextPage endCursor } edges { cursor node { title(lang: $l) place { name(lang: $l) } } } } }`,
			map[string]any{"l": "AR", "f": map[string]any{"between": []string{"DE", "QA"}, "from": "2003"}, "n": 4}, 1},
		{"beside agreements", `{ meetings(` + between + `) { totalCount } agreements(` + between + `) { edges { node { id } } } }`, nil, 2},
		{"countries go through gqlgen", `{ meetings(` + between + `) { edges { node { id countries { id } } } } }`, nil, 0},
		{"a place's evidence goes through gqlgen", `{ meetings(` + between + `) { edges { node { place { evidence { quote } } } } } }`, nil, 0},
		{"an error goes through gqlgen", `{ meetings(filter: {between: ["QA", "DE", "FR"]}) { totalCount } }`, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) { checkLean(t, lean, plain, tc) })
	}
}
