package gql

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/alaqat/alaqat/graph"
	"github.com/vektah/gqlparser/v2/ast"
)

// lean answers the timeline and agreements root fields itself when they
// ask only for plain fields (for a timeline: date and its parts, kind,
// title; for a page of agreements: the count, the page's info, cursors,
// and each agreement's id, names, title, kind, date, topics and its
// parties' ids and names), writing the JSON gqlgen would write. gqlgen
// marshals every element of a list, and every resolver field, on a
// goroutine of its own, whose stack then grows as the marshalling goes
// deeper: for a timeline of hundreds of items that was most of the
// server's CPU, twice the hand-written Cypher floor's, and a third of it
// for a page of agreements with their parties (README, "Against its peers
// on Neo4j"). Anything else (evidence, countries, directives, an error, a
// field added to the schema later) goes the usual way: the arguments are
// gqlgen's own, parsed by its generated code, the resolvers are the same,
// and TestLeanTimeline and TestLeanAgreements hold the answers to be byte
// for byte gqlgen's.
type lean struct {
	schema    *executableSchema
	resolvers ResolverRoot
}

// around is the root-field middleware (handler.Server.AroundRootFields).
func (l lean) around(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	// The root field's own Object is its name (gqlgen's); the field
	// context around it is its operation's type.
	rf, parent := graphql.GetRootFieldContext(ctx), graphql.GetFieldContext(ctx)
	if rf == nil || parent == nil || parent.Object != "Query" {
		return next(ctx)
	}
	var out graphql.Marshaler
	ok := false
	switch rf.Field.Name {
	case "timeline":
		out, ok = l.timeline(ctx, rf.Field)
	case "agreements":
		out, ok = l.agreements(ctx, rf.Field)
	}
	if !ok {
		return next(ctx)
	}
	leanAnswers.Add(1)
	return out
}

// leanAnswers counts the root fields lean wrote (for tests).
var leanAnswers atomic.Int64

// leanItemFields are the fields of TimelineItem and of PartialDate that
// lean writes.
var leanItemFields = map[string]bool{"__typename": true, "date": true, "kind": true, "title": true}
var leanDateFields = map[string]bool{"__typename": true, "iso": true, "year": true, "month": true, "day": true}

// timeline writes the answer, or says it cannot.
func (l lean) timeline(ctx context.Context, field graphql.CollectedField) (graphql.Marshaler, bool) {
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
			writeKey(&b, i, f.Alias)
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
		writeKey(b, i, f.Alias)
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

// writeKey writes the key of an object's i-th field, after a comma
// unless it is the first.
func writeKey(b *bytes.Buffer, i int, alias string) {
	if i > 0 {
		b.WriteByte(',')
	}
	graphql.MarshalString(alias).MarshalGQL(b)
	b.WriteByte(':')
}

func writeIntOrNull(b *bytes.Buffer, v *int) {
	if v == nil {
		graphql.Null.MarshalGQL(b)
		return
	}
	graphql.MarshalInt(*v).MarshalGQL(b)
}

// The fields of a page of agreements that lean writes, by type.
var (
	leanConnectionFields = map[string]bool{"__typename": true, "totalCount": true, "pageInfo": true, "edges": true}
	leanPageInfoFields   = map[string]bool{"__typename": true, "hasNextPage": true, "endCursor": true}
	leanEdgeFields       = map[string]bool{"__typename": true, "cursor": true, "node": true}
	leanAgreementFields  = map[string]bool{"__typename": true, "id": true, "name": true, "title": true, "kind": true, "date": true, "topics": true, "parties": true}
	leanPartyFields      = map[string]bool{"__typename": true, "id": true, "name": true}
)

// leanFields collects the fields of a selection for a type's implementors,
// or says that one is not among allowed or carries a directive.
func leanFields(oc *graphql.OperationContext, sel []graphql.CollectedField, implementors []string, allowed map[string]bool) ([]graphql.CollectedField, bool) {
	var out []graphql.CollectedField
	for _, f := range sel {
		out = append(out, graphql.CollectFields(oc, f.Selections, implementors)...)
	}
	for _, f := range out {
		if !allowed[f.Name] || len(f.Directives) > 0 || len(f.Deferrables) > 0 {
			return nil, false
		}
	}
	return out, true
}

// partyImplementors are the implementors of each kind of entity a party
// can be, as gqlgen collects their fields.
var partyImplementors = map[graph.Kind][]string{
	graph.KindCountry: countryImplementors, graph.KindPerson: personImplementors, graph.KindOrganization: organizationImplementors,
	graph.KindAgreement: agreementImplementors, graph.KindMeeting: meetingImplementors, graph.KindPlace: placeImplementors,
}

// agreements writes a page of agreements, or says it cannot.
func (l lean) agreements(ctx context.Context, field graphql.CollectedField) (graphql.Marshaler, bool) {
	oc := graphql.GetOperationContext(ctx)
	ec := newExecutionContext(oc, l.schema, nil)
	top := []graphql.CollectedField{field}
	conn, ok := leanFields(oc, top, agreementConnectionImplementors, leanConnectionFields)
	if !ok {
		return nil, false
	}
	// What each part of the page asks, collected once: the fields of
	// pageInfo, edges, node, date and parties (by kind), in the order
	// CollectFields gives (each response key once).
	var pageInfo, edges, node, dates []graphql.CollectedField
	parties := map[graph.Kind][]graphql.CollectedField{}
	lang := map[*ast.Field]*graph.Lang{} // the lang argument of each name or title field
	args := func(f graphql.CollectedField, parse func(context.Context, map[string]any) (map[string]any, error)) bool {
		a, err := parse(ctx, f.ArgumentMap(oc.Variables))
		if err != nil {
			return false
		}
		lang[f.Field], _ = a["lang"].(*graph.Lang)
		return true
	}
	for _, f := range conn {
		switch f.Name {
		case "pageInfo":
			if pageInfo, ok = leanFields(oc, []graphql.CollectedField{f}, pageInfoImplementors, leanPageInfoFields); !ok {
				return nil, false
			}
		case "edges":
			if edges, ok = leanFields(oc, []graphql.CollectedField{f}, agreementEdgeImplementors, leanEdgeFields); !ok {
				return nil, false
			}
		}
	}
	for _, f := range edges {
		if f.Name != "node" {
			continue
		}
		if node, ok = leanFields(oc, []graphql.CollectedField{f}, agreementImplementors, leanAgreementFields); !ok {
			return nil, false
		}
	}
	for _, f := range node {
		switch f.Name {
		case "date":
			if dates, ok = leanFields(oc, []graphql.CollectedField{f}, partialDateImplementors, leanDateFields); !ok {
				return nil, false
			}
		case "name":
			ok = args(f, ec.field_Agreement_name_args)
		case "title":
			ok = args(f, ec.field_Agreement_title_args)
		case "parties":
			for k, impl := range partyImplementors {
				if parties[k], ok = leanFields(oc, []graphql.CollectedField{f}, impl, leanPartyFields); !ok {
					return nil, false
				}
				for _, p := range parties[k] {
					if p.Name == "name" && !args(p, ec.field_Country_name_args) {
						return nil, false
					}
				}
			}
		}
		if !ok {
			return nil, false
		}
	}
	a, err := ec.field_Query_agreements_args(ctx, field.ArgumentMap(oc.Variables))
	if err != nil {
		return nil, false
	}
	filter, _ := a["filter"].(*AgreementFilter)
	orderBy, _ := a["orderBy"].(*AgreementOrder)
	first, _ := a["first"].(*int)
	after, _ := a["after"].(*string)
	// The field's context, as gqlgen gives it to the resolver: the
	// prefetch reads the selections from it.
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Query", Field: field, Args: a, IsMethod: true, IsResolver: true})
	c, err := l.resolvers.Query().Agreements(ctx, filter, orderBy, first, after)
	if err != nil || c == nil {
		return nil, false
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range conn {
		writeKey(&b, i, f.Alias)
		switch f.Name {
		case "__typename":
			graphql.MarshalString("AgreementConnection").MarshalGQL(&b)
		case "totalCount":
			graphql.MarshalInt(c.TotalCount).MarshalGQL(&b)
		case "pageInfo":
			b.WriteByte('{')
			for j, p := range pageInfo {
				writeKey(&b, j, p.Alias)
				switch p.Name {
				case "__typename":
					graphql.MarshalString("PageInfo").MarshalGQL(&b)
				case "hasNextPage":
					graphql.MarshalBoolean(c.PageInfo.HasNextPage).MarshalGQL(&b)
				case "endCursor":
					if c.PageInfo.EndCursor == nil {
						graphql.Null.MarshalGQL(&b)
					} else {
						graphql.MarshalString(*c.PageInfo.EndCursor).MarshalGQL(&b)
					}
				}
			}
			b.WriteByte('}')
		case "edges":
			b.WriteByte('[')
			for n, e := range c.Edges {
				if n > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('{')
				for j, ef := range edges {
					writeKey(&b, j, ef.Alias)
					switch ef.Name {
					case "__typename":
						graphql.MarshalString("AgreementEdge").MarshalGQL(&b)
					case "cursor":
						graphql.MarshalString(e.Cursor).MarshalGQL(&b)
					case "node":
						if !l.writeAgreement(ctx, &b, e.Node, node, dates, parties, lang) {
							return nil, false
						}
					}
				}
				b.WriteByte('}')
			}
			b.WriteByte(']')
		}
	}
	b.WriteByte('}')
	return graphql.WriterFunc(func(w io.Writer) { w.Write(b.Bytes()) }), true
}

// writeAgreement writes one agreement with the fields asked for.
func (l lean) writeAgreement(ctx context.Context, b *bytes.Buffer, a *Agreement, fields, dates []graphql.CollectedField,
	parties map[graph.Kind][]graphql.CollectedField, lang map[*ast.Field]*graph.Lang) bool {
	r := l.resolvers.Agreement()
	b.WriteByte('{')
	for i, f := range fields {
		writeKey(b, i, f.Alias)
		switch f.Name {
		case "__typename":
			graphql.MarshalString("Agreement").MarshalGQL(b)
		case "id":
			graphql.MarshalID(a.ID).MarshalGQL(b)
		case "name", "title":
			resolve := r.Name
			if f.Name == "title" {
				resolve = r.Title
			}
			s, err := resolve(ctx, a, lang[f.Field])
			if err != nil {
				return false
			}
			graphql.MarshalString(s).MarshalGQL(b)
		case "kind":
			a.AgreementKind.MarshalGQL(b)
		case "date":
			writeDate(b, a.Date, dates)
		case "topics":
			b.WriteByte('[')
			for j, t := range a.Topics {
				if j > 0 {
					b.WriteByte(',')
				}
				graphql.MarshalString(t).MarshalGQL(b)
			}
			b.WriteByte(']')
		case "parties":
			ps, err := r.Parties(ctx, a)
			if err != nil || !l.writeParties(ctx, b, ps, parties, lang) {
				return false
			}
		}
	}
	b.WriteByte('}')
	return true
}

// writeParties writes an agreement's parties with the fields asked of
// each one's kind.
func (l lean) writeParties(ctx context.Context, b *bytes.Buffer, ps []Entity, fields map[graph.Kind][]graphql.CollectedField, lang map[*ast.Field]*graph.Lang) bool {
	b.WriteByte('[')
	for n, p := range ps {
		if p == nil {
			return false
		}
		if n > 0 {
			b.WriteByte(',')
		}
		node := p.node()
		fs, ok := fields[node.Kind]
		if !ok {
			return false
		}
		b.WriteByte('{')
		for i, f := range fs {
			writeKey(b, i, f.Alias)
			switch f.Name {
			case "__typename":
				graphql.MarshalString(partyImplementors[node.Kind][0]).MarshalGQL(b)
			case "id":
				graphql.MarshalID(node.ID).MarshalGQL(b)
			case "name":
				s, err := l.entityName(ctx, p, lang[f.Field])
				if err != nil {
					return false
				}
				graphql.MarshalString(s).MarshalGQL(b)
			}
		}
		b.WriteByte('}')
	}
	b.WriteByte(']')
	return true
}

var errUnknownEntity = errors.New("an entity of no known type")

// entityName is the name resolver of an entity's type.
func (l lean) entityName(ctx context.Context, e Entity, lang *graph.Lang) (string, error) {
	switch e := e.(type) {
	case Country:
		return l.resolvers.Country().Name(ctx, &e, lang)
	case Person:
		return l.resolvers.Person().Name(ctx, &e, lang)
	case Organization:
		return l.resolvers.Organization().Name(ctx, &e, lang)
	case Agreement:
		return l.resolvers.Agreement().Name(ctx, &e, lang)
	case Meeting:
		return l.resolvers.Meeting().Name(ctx, &e, lang)
	case Place:
		return l.resolvers.Place().Name(ctx, &e, lang)
	}
	return "", errUnknownEntity
}
