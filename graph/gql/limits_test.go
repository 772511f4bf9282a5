package gql_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/gql"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// The cost model, pinned: each query is allowed at exactly its cost and
// refused one below, with the cost in the message.
func TestQueryCost(t *testing.T) {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cost.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	g := graph.New(s)
	for _, tc := range []struct {
		query string
		cost  int
	}{
		// agreements 1000 + 50 × (edges 1 + node (1 + id 1)).
		{`{ agreements(filter: {between: ["QA"]}) { edges { node { id } } } }`, 1000 + 50*3},
		// With no side to start from, it reads every agreement: 15 000 more.
		{`{ agreements { edges { node { id } } } }`, 16000 + 50*3},
		{`{ agreements(filter: {party: "QA"}, first: 5) { totalCount edges { node { id } } } }`, 1000 + 5*(1+3)},
		// A list without first counts 10 times: search 300 + 20 × (1 + 10 × 1).
		{`{ search(text: "x") { ... on Agreement { parties { id } } } }`, 300 + 20*(1+10)},
		// Fragments count where they are spread; __typename is free.
		{`{ search(text: "x", first: 2) { ...F __typename } } fragment F on Entity { id evidence(first: 3) { quote } }`, 300 + 2*(1+1+3)},
		{`{ a: country(code: "QA") { id } b: country(code: "DE") { id } }`, 2 * 11},
		// The expensive fields: partners, timeline, relationStats, paths, text.
		{`{ country(code: "QA") { partners(first: 1) { agreements } } }`, 10 + 30000 + 1},
		{`{ timeline(filter: {between: ["QA", "DE"]}, first: 10) { title } }`, 5000 + 10},
		{`{ timeline(filter: {}, first: 10) { title } }`, 20000 + 10},
		{`{ relationStats(between: ["QA"]) { year } }`, 5000 + 30},
		{`{ paths(from: "QA", to: "DE") { steps { relation } } }`, 2000 + 5*(1+10)},
		{`{ articles(first: 10) { edges { node { text } } } }`, 10 + 10*(1+1+500)},
		{`{ country(code: "QA") { officials { title } } }`, 10 + 50 + 50},
		// The schema costs 100 however deeply it is asked for (GraphiQL's
		// introspection nests 13 levels).
		{`{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } } } } }`, 100},
		{`{ __type(name: "Query") { name } search(text: "x", first: 1) { id } }`, 100 + 300 + 1},
	} {
		for _, limit := range []int{tc.cost, tc.cost - 1} {
			h := gql.NewHandler(g, gql.Options{ComplexityLimit: limit})
			body, _ := json.Marshal(map[string]any{"query": tc.query})
			req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			refused := strings.Contains(rec.Body.String(), "COMPLEXITY_LIMIT_EXCEEDED")
			if refused != (limit < tc.cost) {
				t.Errorf("%s with limit %d: %s; want it to cost %d", tc.query, limit, rec.Body, tc.cost)
			}
		}
	}
}

// A store failure reaches the client as "internal error", its details
// (SQL, driver messages) kept in the server's log.
func TestInternalErrorsHidden(t *testing.T) {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "closed.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close() // every read now fails inside database/sql
	h := gql.NewHandler(graph.New(s), gql.Options{})
	body, _ := json.Marshal(map[string]any{"query": `{ agreements { totalCount } search(text: "Qatar") { id } }`})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	got := rec.Body.String()
	if !strings.Contains(got, `"message":"internal error"`) || !strings.Contains(got, `"code":"internal"`) {
		t.Errorf("answer %s: want internal errors", got)
	}
	for _, leak := range []string{"sql", "SELECT", "closed", "goroutine", ".go:"} {
		if strings.Contains(got, leak) {
			t.Errorf("answer %s leaks %q", got, leak)
		}
	}
}

// GraphiQL's introspection query (graphql-js's, 13 levels deep) is
// answered: the schema costs what it costs however deeply it is asked.
func TestIntrospectionQuery(t *testing.T) {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "intro.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	const q = `query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name }
  types { ...FullType } directives { name description locations args { ...InputValue } } } }
fragment FullType on __Type { kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue } interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`
	body, _ := json.Marshal(map[string]any{"query": q})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	gql.NewHandler(graph.New(s), gql.Options{}).ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"queryType":{"name":"Query"}`) || strings.Contains(rec.Body.String(), `"errors"`) {
		t.Errorf("%d %.300s", rec.Code, rec.Body)
	}
}
