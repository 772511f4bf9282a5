package gql

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// Defaults of the limits one operation must keep (see Options).
const (
	DefaultDepthLimit      = 12
	DefaultComplexityLimit = 50000
	DefaultFieldLimit      = 100
	// DefaultTokenLimit bounds the tokens of a query document: the
	// README's longest query has 60, GraphiQL's introspection 300.
	DefaultTokenLimit = 5000
	// DefaultSelectionLimit bounds the fields a document writes, summed
	// over every selection and fragment as written.
	DefaultSelectionLimit = 1000
)

// unboundedListWeight is what a list field without a first argument
// (parties, participants, signatories) counts for: the rows it may bring.
const unboundedListWeight = 10

// fieldWeight is the cost model: what one field costs to resolve beyond
// the rows of its selection, and how many times its selection is resolved
// (its page size) where that is not its first argument. The figures are
// measured on 100,000 synthetic articles (README, "Hostile clients"): a
// unit is about what reading one row costs, ~10 µs of the server's time.
type fieldWeight struct {
	base int // what the field itself costs
	many int // how many items its list brings, when it has no first argument
}

// weights are the fields that cost more than 1, by type and field. Fields
// not named cost 1, times unboundedListWeight for lists.
var weights = map[string]fieldWeight{
	// Every agreement or meeting a country takes part in, with their
	// countries: 0.15–0.7 s for the busiest country of the 100,000
	// articles, 2 s the first time; one per query.
	"Country.partners": {base: 30000},
	// The lists of one entity: up to hundreds on the busiest nodes.
	"Country.officials":       {base: 50, many: 50},
	"Country.organizations":   {base: 50, many: 50},
	"Person.offices":          {base: 10, many: 10},
	"Person.meetings":         {base: 50, many: 50},
	"Person.agreements":       {base: 50, many: 50},
	"Organization.agreements": {base: 50, many: 50},
	"Article.entities":        {base: 20, many: 30},
	"Article.agreements":      {base: 20, many: 10},
	"Article.meetings":        {base: 20, many: 10},
	"Article.relations":       {base: 20, many: 30},
	"Article.text":            {base: 500}, // up to 256 KiB each
	"Query.search":            {base: 300},
	"Query.entity":            {base: 10},
	"Query.country":           {base: 10},
	"Query.article":           {base: 10},
	"Query.articles":          {base: 10},
	"Query.agreements":        {base: 1000},
	"Query.meetings":          {base: 1000},
	"Query.timeline":          {base: 5000},
	"Query.relationStats":     {base: 5000, many: 30},
	"Query.paths":             {base: 2000},
	// The edges of the centre and, with two hops, of up to half of first
	// entities around it (a few thousand rows for a country); the page's
	// own size is counted by first.
	"Query.neighbourhood":       {base: 5000},
	"Agreement.countries":       {base: 1},
	"Meeting.countries":         {base: 1},
	"YearStats.agreementKinds":  {many: 4},
	"PathStep.evidence":         {many: 10},
	"Office.evidence":           {many: 10},
	"TimelineItem.office":       {base: 1},
	"ArticleConnection.edges":   {},
	"AgreementConnection.edges": {},
	"MeetingConnection.edges":   {},
}

// introspectionCost is what asking for the schema costs.
const introspectionCost = 100

// unfiltered is what a list over the whole store costs on top of its
// weight: timeline, agreements and meetings with no side to start from
// read every agreement and meeting (0.5–2 s on 100,000 articles).
const unfiltered = 15000

// limits refuses, before anything runs, an operation that nests deeper
// than depth, selects more than fields fields in one selection set
// (aliases and spread fragments included: the batching attack), or costs
// more than cost, and, with noIntrospection, one that asks for __schema or
// __type. Before gqlgen validates a document (which takes time quadratic
// in the fields of one selection), it refuses one of more than tokens
// tokens, more than selections fields as written, or more than fields
// fields in one selection once its fragments are spread. Each fragment is
// measured once, so the time taken is linear in the document's size.
type limits struct {
	depth, fields, cost int
	tokens, selections  int
	noIntrospection     bool
	parsed              graphql.Cache[*ast.QueryDocument] // gqlgen's cache of valid documents
}

var _ interface {
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = limits{}

// ExtensionName names the extension in gqlgen's stats.
func (limits) ExtensionName() string { return "AlaqatLimits" }

// Validate accepts any schema.
func (limits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters measures a document gqlgen has not validated
// before, and refuses it when it is too large to validate.
func (l limits) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if p.Query == "" {
		return nil
	}
	if l.parsed != nil {
		if _, ok := l.parsed.Get(ctx, p.Query); ok {
			return nil
		}
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, l.tokens)
	if err != nil {
		if gerr, ok := err.(*gqlerror.Error); ok && strings.HasPrefix(gerr.Message, "exceeded token limit") {
			return limitError(ctx, "TOKEN_LIMIT_EXCEEDED", "the query has more than the %d tokens allowed", l.tokens)
		}
		return nil // gqlgen says what is wrong with it
	}
	m := sizer{fragments: map[string]*ast.FragmentDefinition{}, done: map[string]int{}, busy: map[string]bool{}, limit: l.fields}
	for _, f := range doc.Fragments {
		m.fragments[f.Name] = f
	}
	for _, op := range doc.Operations {
		m.set(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		m.set(f.SelectionSet)
	}
	switch {
	case m.widest > l.fields:
		return limitError(ctx, "FIELD_LIMIT_EXCEEDED", "a selection asks for %d fields, more than the %d allowed (aliases and fragments count)", m.widest, l.fields)
	case m.written > l.selections:
		return limitError(ctx, "SELECTION_LIMIT_EXCEEDED", "the query selects %d fields, more than the %d allowed", m.written, l.selections)
	}
	return nil
}

// sizer counts the fields of a document as written and the widest
// selection once fragments are spread, each fragment counted once.
type sizer struct {
	fragments map[string]*ast.FragmentDefinition
	done      map[string]int // fragment → its fields, spread
	busy      map[string]bool
	limit     int
	written   int
	widest    int
}

// set returns the fields of one selection, fragments spread.
func (m *sizer) set(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			n++
			m.written++
			m.set(s.SelectionSet)
		case *ast.InlineFragment:
			n += m.set(s.SelectionSet)
		case *ast.FragmentSpread:
			n += m.fragment(s.Name)
		}
	}
	m.widest = max(m.widest, n)
	return min(n, math.MaxInt32)
}

func (m *sizer) fragment(name string) int {
	if n, ok := m.done[name]; ok {
		return n
	}
	f := m.fragments[name]
	if f == nil || m.busy[name] {
		return 0 // unknown or a cycle: validation says so
	}
	m.busy[name] = true
	written := m.written
	n := m.set(f.SelectionSet)
	m.written = written // a fragment's fields are counted where it is defined
	m.busy[name] = false
	m.done[name] = n
	return n
}

// MutateOperationContext measures the operation and refuses it when it is
// over a limit; the cost goes to the request's log line and metrics.
func (l limits) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if n := noteOf(ctx); n != nil {
		n.setOperation(oc.Operation.Name)
	}
	w := walker{oc: oc, l: l, fragments: map[string]measure{}}
	m := w.measure(oc.Operation.SelectionSet)
	if w.err != nil {
		return w.err.gql(ctx)
	}
	if n := noteOf(ctx); n != nil {
		n.setCost(m.cost)
	}
	if m.depth > l.depth {
		return limitError(ctx, "DEPTH_LIMIT_EXCEEDED", "the query nests deeper than %d levels", l.depth)
	}
	if m.cost > l.cost {
		return limitError(ctx, "COMPLEXITY_LIMIT_EXCEEDED",
			"the query costs %d, more than the %d allowed: ask for smaller pages (first) or fewer fields", m.cost, l.cost)
	}
	return nil
}

// measure is the cost and depth of a selection.
type measure struct{ cost, depth int }

type walker struct {
	oc        *graphql.OperationContext
	l         limits
	fragments map[string]measure // each fragment measured once
	err       *limitErr
}

type limitErr struct{ code, msg string }

func (e *limitErr) gql(ctx context.Context) *gqlerror.Error {
	return limitError(ctx, e.code, "%s", e.msg)
}

// limitError is a refusal by a limit; the request's log line notes it.
func limitError(ctx context.Context, code, format string, args ...any) *gqlerror.Error {
	msg := fmt.Sprintf(format, args...)
	if n := noteOf(ctx); n != nil {
		n.setProblem(msg)
		n.setReason("limit")
	}
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": code}}
}

// capped keeps costs from overflowing: anything past it is refused anyway.
const capped = math.MaxInt32

func add(a, b int) int { return min(a+b, capped) }

func mul(a, b int) int {
	if a != 0 && b > capped/a {
		return capped
	}
	return min(a*b, capped)
}

// measure returns the cost and depth of a selection set. Fragments count
// where they are spread, measured once: validation has refused cycles.
func (w *walker) measure(set ast.SelectionSet) measure {
	var m measure
	for _, sel := range set {
		if w.err != nil {
			return m
		}
		var s measure
		switch sel := sel.(type) {
		case *ast.Field:
			s = w.field(sel)
		case *ast.InlineFragment:
			s = w.measure(sel.SelectionSet)
		case *ast.FragmentSpread:
			var ok bool
			if s, ok = w.fragments[sel.Name]; !ok && sel.Definition != nil {
				s = w.measure(sel.Definition.SelectionSet)
				w.fragments[sel.Name] = s
			}
		}
		m.cost = add(m.cost, s.cost)
		m.depth = max(m.depth, s.depth)
	}
	return m
}

func (w *walker) field(f *ast.Field) measure {
	switch f.Name {
	case "__typename":
		return measure{depth: 1}
	case "__schema", "__type":
		if w.l.noIntrospection {
			w.err = &limitErr{"INTROSPECTION_DISABLED", "introspection is turned off on this server: the schema is in schema/alaqat.graphqls"}
			return measure{}
		}
		// The schema, however deep GraphiQL's introspection query nests
		// (13 levels), is answered from memory: what it costs is bounded
		// by the schema's size, not the store's.
		return measure{cost: introspectionCost, depth: 1}
	}
	sub := w.measure(f.SelectionSet)
	if f.Definition == nil {
		return measure{cost: add(1, sub.cost), depth: 1 + sub.depth}
	}
	owner := ""
	if f.ObjectDefinition != nil {
		owner = f.ObjectDefinition.Name
	}
	wt, weighted := weights[owner+"."+f.Name]
	base := max(wt.base, 1)
	args := f.ArgumentMap(w.oc.Variables)
	if owner != "Mutation" {
		if name, n := longest(args); n > maxArgument {
			w.err = &limitErr{"ARGUMENT_TOO_LONG", fmt.Sprintf("%s: %s is %d bytes long, more than the %d allowed", f.Alias, name, n, maxArgument)}
			return measure{}
		}
	}
	first, hasFirst := args["first"]
	many := 1
	if n, ok := asInt(first); ok {
		many = n
	}
	switch {
	case many > maxFirst:
		w.err = &limitErr{"PAGE_LIMIT_EXCEEDED", fmt.Sprintf("%s: first must be between 0 and %d", f.Alias, maxFirst)}
		return measure{}
	case hasFirst && first != nil:
		many = max(many, 1)
	case weighted && wt.many > 0:
		many = wt.many
	case f.Name == "edges" || (weighted && f.Definition.Type != nil && f.Definition.Type.Elem == nil):
		// A connection's edges (the connection counted its page), or a
		// single value.
	case f.Definition.Type != nil && f.Definition.Type.Elem != nil:
		many = unboundedListWeight
	}
	if owner == "Query" && wholeStore(f.Name, args) {
		base = add(base, unfiltered)
	}
	return measure{cost: add(base, mul(many, sub.cost)), depth: 1 + sub.depth}
}

// maxArgument bounds a query's string arguments (search text, names,
// ids, dates): each is compared with thousands of names. An imported
// article's text, a mutation's, is bounded by the body alone.
const maxArgument = 1000

// longest returns the argument holding the longest string, however deep
// in lists and input objects, and its length.
func longest(args map[string]any) (string, int) {
	name, n := "", 0
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case string:
			if len(v) > n {
				name, n = key, len(v)
			}
		case map[string]any:
			for k, x := range v {
				walk(key+"."+k, x)
			}
		case []any:
			for _, x := range v {
				walk(key, x)
			}
		}
	}
	for k, v := range args {
		walk(k, v)
	}
	return name, n
}

// wholeStore tells whether a root list reads every agreement and meeting:
// no side, party or entity to start from.
func wholeStore(field string, args map[string]any) bool {
	switch field {
	case "timeline", "agreements", "meetings":
	default:
		return false
	}
	filter, _ := args["filter"].(map[string]any)
	for _, k := range []string{"between", "entity", "party", "participant"} {
		switch v := filter[k].(type) {
		case string:
			if v != "" {
				return false
			}
		case []any:
			if len(v) > 0 {
				return false
			}
		}
	}
	return true
}

// asInt reads an integer argument as a literal or a variable gives it.
func asInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int32:
		return int(n), true
	case int64:
		return int(min(max(n, math.MinInt32), math.MaxInt32)), true
	case float64:
		return int(min(max(n, math.MinInt32), math.MaxInt32)), true
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return asInt(i)
		}
		if f, err := n.Float64(); err == nil {
			return asInt(f)
		}
	}
	return 0, false
}
