package gql

import (
	"context"
	"encoding/json"
	"fmt"
	"math"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Defaults of the limits one operation must keep (see Options).
const (
	DefaultDepthLimit      = 12
	DefaultComplexityLimit = 50000
	DefaultFieldLimit      = 100
)

// unboundedListWeight is what a list field without a first argument
// (parties, officials, participants) counts for: the rows it may bring.
const unboundedListWeight = 10

// limits refuses, before anything runs, an operation that nests deeper
// than depth, selects more than fields fields in one selection set
// (aliases included: the batching attack), or costs more than cost, and,
// with noIntrospection, one that asks for __schema or __type. A field
// costs 1 plus its selection's cost, times its page size for a field with a
// first argument (the default when not given) or unboundedListWeight for
// any other list: a page of 500 with evidence of 10 costs what it reads.
type limits struct {
	depth, fields, cost int
	noIntrospection     bool
}

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = limits{}

// ExtensionName names the extension in gqlgen's stats.
func (limits) ExtensionName() string { return "AlaqatLimits" }

// Validate accepts any schema.
func (limits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext measures the operation and refuses it when it is
// over a limit.
func (l limits) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	w := walker{oc: oc, l: l}
	cost := w.cost(oc.Operation.SelectionSet, 1)
	if w.err != nil {
		return w.err
	}
	if cost > l.cost {
		return limitError("COMPLEXITY_LIMIT_EXCEEDED",
			"the query costs %d, more than the %d allowed: ask for smaller pages (first) or fewer fields", cost, l.cost)
	}
	return nil
}

type walker struct {
	oc  *graphql.OperationContext
	l   limits
	err *gqlerror.Error
}

func limitError(code, format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{Message: fmt.Sprintf(format, args...), Extensions: map[string]any{"code": code}}
}

// cost returns the cost of a selection set at a depth, recording the
// first limit broken. Fragments count where they are spread; validation has
// already refused fragment cycles.
func (w *walker) cost(set ast.SelectionSet, depth int) int {
	if w.err != nil || len(set) == 0 {
		return 0
	}
	if depth > w.l.depth {
		w.err = limitError("DEPTH_LIMIT_EXCEEDED", "the query nests deeper than %d levels", w.l.depth)
		return 0
	}
	if n := countFields(set); n > w.l.fields {
		w.err = limitError("FIELD_LIMIT_EXCEEDED", "a selection asks for %d fields, more than the %d allowed (aliases count)", n, w.l.fields)
		return 0
	}
	total := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			total += w.fieldCost(s, depth)
		case *ast.InlineFragment:
			total += w.cost(s.SelectionSet, depth)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				total += w.cost(s.Definition.SelectionSet, depth)
			}
		}
		if total > w.l.cost {
			return total // no need to count on: already refused
		}
	}
	return total
}

func (w *walker) fieldCost(f *ast.Field, depth int) int {
	switch f.Name {
	case "__typename":
		return 0
	case "__schema", "__type":
		if w.l.noIntrospection {
			w.err = limitError("INTROSPECTION_DISABLED", "introspection is turned off on this server: the schema is in schema/alaqat.graphqls")
			return 0
		}
	}
	weight := 1
	if f.Definition != nil {
		first, hasFirst := f.ArgumentMap(w.oc.Variables)["first"]
		if n, ok := asInt(first); ok {
			weight = n
		}
		switch {
		case weight > maxFirst:
			w.err = limitError("PAGE_LIMIT_EXCEEDED", "%s: first must be between 0 and %d", f.Alias, maxFirst)
			return 0
		case hasFirst && first != nil:
			weight = max(weight, 1)
		case f.Name == "edges":
			// A connection's edges: the connection counted its page.
		case f.Definition.Type != nil && f.Definition.Type.Elem != nil:
			weight = unboundedListWeight
		}
	}
	return 1 + weight*w.cost(f.SelectionSet, depth+1)
}

// countFields counts the fields of one selection set, those of its inline
// fragments and spreads included.
func countFields(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			n++
		case *ast.InlineFragment:
			n += countFields(s.SelectionSet)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				n += countFields(s.Definition.SelectionSet)
			}
		}
	}
	return n
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
