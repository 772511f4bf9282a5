package gql

import (
	"bytes"
	"context"
	"io"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/alaqat/alaqat/graph"
)

// leanTimeline answers the timeline root field itself when its items ask
// only for plain fields (date and its parts, kind, title, __typename),
// writing the JSON gqlgen would write. gqlgen marshals every element of a
// list, and every resolver field, on a goroutine of its own, whose stack
// then grows as the marshalling goes deeper: for a timeline of hundreds of
// items that was most of the server's CPU, twice the hand-written Cypher
// floor's (README, "Against its peers on Neo4j"). Anything else (entity,
// office, an error, a field added to the schema later) goes the usual
// way: the arguments are gqlgen's own, parsed by its generated code, and
// TestLeanTimeline holds the answers to be byte for byte gqlgen's.
type leanTimeline struct {
	schema    *executableSchema
	resolvers ResolverRoot
}

// around is the root-field middleware (handler.Server.AroundRootFields).
func (l leanTimeline) around(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	// The root field's own Object is its name (gqlgen's); the field
	// context around it is its operation's type.
	rf, parent := graphql.GetRootFieldContext(ctx), graphql.GetFieldContext(ctx)
	if rf == nil || parent == nil || parent.Object != "Query" || rf.Field.Name != "timeline" {
		return next(ctx)
	}
	if out, ok := l.timeline(ctx, rf.Field); ok {
		leanAnswers.Add(1)
		return out
	}
	return next(ctx)
}

// leanAnswers counts the timelines leanTimeline wrote (for tests).
var leanAnswers atomic.Int64

// leanItemFields are the fields of TimelineItem and of PartialDate that
// leanTimeline writes.
var leanItemFields = map[string]bool{"__typename": true, "date": true, "kind": true, "title": true}
var leanDateFields = map[string]bool{"__typename": true, "iso": true, "year": true, "month": true, "day": true}

// timeline writes the answer, or says it cannot.
func (l leanTimeline) timeline(ctx context.Context, field graphql.CollectedField) (graphql.Marshaler, bool) {
	oc := graphql.GetOperationContext(ctx)
	items := graphql.CollectFields(oc, field.Selections, []string{"TimelineItem"})
	langs := make([]*graph.Lang, len(items)) // each title field's lang argument
	dates := make([][]graphql.CollectedField, len(items))
	ec := newExecutionContext(oc, l.schema, nil)
	for i, f := range items {
		if !leanItemFields[f.Name] || len(f.Directives) > 0 || len(f.Deferrables) > 0 {
			return nil, false
		}
		switch f.Name {
		case "date":
			dates[i] = graphql.CollectFields(oc, f.Selections, []string{"PartialDate"})
			for _, d := range dates[i] {
				if !leanDateFields[d.Name] || len(d.Directives) > 0 || len(d.Deferrables) > 0 {
					return nil, false
				}
			}
		case "title":
			args, err := ec.field_TimelineItem_title_args(ctx, f.ArgumentMap(oc.Variables))
			if err != nil {
				return nil, false
			}
			langs[i], _ = args["lang"].(*graph.Lang)
		}
	}
	args, err := ec.field_Query_timeline_args(ctx, field.ArgumentMap(oc.Variables))
	if err != nil {
		return nil, false
	}
	filter, _ := args["filter"].(TimelineFilter)
	first, _ := args["first"].(*int)
	// The field's context, as gqlgen gives it to the resolver: the
	// prefetch reads the selections from it.
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Query", Field: field, Args: args, IsMethod: true, IsResolver: true})
	list, err := l.resolvers.Query().Timeline(ctx, filter, first)
	if err != nil {
		return nil, false
	}
	var b bytes.Buffer
	b.WriteByte('[')
	for n := range list {
		it := &list[n]
		if n > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('{')
		for i, f := range items { // CollectFields gives each response key once
			if i > 0 {
				b.WriteByte(',')
			}
			graphql.MarshalString(f.Alias).MarshalGQL(&b)
			b.WriteByte(':')
			switch f.Name {
			case "__typename":
				graphql.MarshalString("TimelineItem").MarshalGQL(&b)
			case "kind":
				graphql.MarshalString(it.Kind).MarshalGQL(&b)
			case "title":
				title, err := l.resolvers.TimelineItem().Title(ctx, it, langs[i])
				if err != nil {
					return nil, false
				}
				graphql.MarshalString(title).MarshalGQL(&b)
			case "date":
				writeDate(&b, it.Date, dates[i])
			}
		}
		b.WriteByte('}')
	}
	b.WriteByte(']')
	return graphql.WriterFunc(func(w io.Writer) { w.Write(b.Bytes()) }), true
}

// writeDate writes a PartialDate with the fields asked for, or null.
func writeDate(b *bytes.Buffer, d *graph.PartialDate, fields []graphql.CollectedField) {
	if d == nil {
		graphql.Null.MarshalGQL(b)
		return
	}
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		graphql.MarshalString(f.Alias).MarshalGQL(b)
		b.WriteByte(':')
		switch f.Name {
		case "__typename":
			graphql.MarshalString("PartialDate").MarshalGQL(b)
		case "iso":
			graphql.MarshalString(d.ISO()).MarshalGQL(b)
		case "year":
			graphql.MarshalInt(d.Year).MarshalGQL(b)
		case "month":
			writeIntOrNull(b, d.MonthOrNil())
		case "day":
			writeIntOrNull(b, d.DayOrNil())
		}
	}
	b.WriteByte('}')
}

func writeIntOrNull(b *bytes.Buffer, v *int) {
	if v == nil {
		graphql.Null.MarshalGQL(b)
		return
	}
	graphql.MarshalInt(*v).MarshalGQL(b)
}
