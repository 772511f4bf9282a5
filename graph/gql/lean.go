package gql

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"io"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/alaqat/alaqat/graph"
	"github.com/vektah/gqlparser/v2/ast"
)

// lean answers the timeline, agreements and meetings root fields itself
// when they ask only for plain fields (for a timeline: date and its parts,
// kind, title; for a page of agreements or meetings: the count, the page's
// info, cursors, and each node's id, names, title, kind, date, topics and
// its parties', participants' or place's ids and names), writing the JSON
// gqlgen would write. gqlgen
// marshals every element of a list, and every resolver field, on a
// goroutine of its own, whose stack then grows as the marshalling goes
// deeper: for a timeline of hundreds of items that was most of the
// server's CPU, twice the hand-written Cypher floor's, and a third of it
// for a page of agreements with their parties (README, "Against its peers
// on Neo4j"). Anything else (evidence, countries, directives, an error, a
// field added to the schema later) goes the usual way: the arguments are
// gqlgen's own, parsed by its generated code, the resolvers are the same,
// and TestLeanTimeline, TestLeanAgreements and TestLeanMeetings hold the
// answers to be byte for byte gqlgen's.
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
		out, ok = l.page(ctx, rf.Field, leanAgreements)
	case "meetings":
		out, ok = l.page(ctx, rf.Field, leanMeetings)
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

// The fields of a page of agreements or meetings that lean writes, by
// type.
var (
	leanConnectionFields = map[string]bool{"__typename": true, "totalCount": true, "pageInfo": true, "edges": true}
	leanPageInfoFields   = map[string]bool{"__typename": true, "hasNextPage": true, "endCursor": true}
	leanEdgeFields       = map[string]bool{"__typename": true, "cursor": true, "node": true}
	leanEntityFields     = map[string]bool{"__typename": true, "id": true, "name": true}
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

// entityImplementors are the implementors of each kind of entity, as
// gqlgen collects their fields.
var entityImplementors = map[graph.Kind][]string{
	graph.KindCountry: countryImplementors, graph.KindPerson: personImplementors, graph.KindOrganization: organizationImplementors,
	graph.KindAgreement: agreementImplementors, graph.KindMeeting: meetingImplementors, graph.KindPlace: placeImplementors,
}

// leanList is what lean needs of one kind of page: its types' names and
// implementors, the fields it writes of a node (those naming entities:
// a list, or one entity, with their id, name and __typename), and how to
// ask the root field's resolver for the page.
type leanList struct {
	connection, edge, node string
	connImpl, edgeImpl     []string
	nodeImpl               []string
	fields                 map[string]bool
	lists, one             string     // the field of a node's entities (parties, participants), of its one entity (place)
	args, nameArgs         argsParser // the root field's, a node's name's
	titleArgs              argsParser
	ask                    func(ctx context.Context, q QueryResolver, args map[string]any) (leanPage, error)
}

// argsParser is one of gqlgen's generated parsers of a field's arguments.
type argsParser = func(*executionContext, context.Context, map[string]any) (map[string]any, error)

// leanPage is a page of agreements or meetings as the resolver gave it.
type leanPage struct {
	total   int
	info    *PageInfo
	cursors []string
	nodes   []*graph.Node
}

var leanAgreements = leanList{
	connection: "AgreementConnection", edge: "AgreementEdge", node: "Agreement",
	connImpl: agreementConnectionImplementors, edgeImpl: agreementEdgeImplementors, nodeImpl: agreementImplementors,
	fields:    map[string]bool{"__typename": true, "id": true, "name": true, "title": true, "kind": true, "date": true, "topics": true, "parties": true},
	lists:     "parties",
	args:      (*executionContext).field_Query_agreements_args,
	nameArgs:  (*executionContext).field_Agreement_name_args,
	titleArgs: (*executionContext).field_Agreement_title_args,
	ask: func(ctx context.Context, q QueryResolver, a map[string]any) (leanPage, error) {
		filter, _ := a["filter"].(*AgreementFilter)
		orderBy, _ := a["orderBy"].(*AgreementOrder)
		first, _ := a["first"].(*int)
		after, _ := a["after"].(*string)
		c, err := q.Agreements(ctx, filter, orderBy, first, after)
		if err != nil || c == nil || c.PageInfo == nil {
			return leanPage{}, cmp.Or(err, errNoPage)
		}
		p := leanPage{total: c.TotalCount, info: c.PageInfo}
		for _, e := range c.Edges {
			p.cursors, p.nodes = append(p.cursors, e.Cursor), append(p.nodes, e.Node.Node)
		}
		return p, nil
	},
}

var leanMeetings = leanList{
	connection: "MeetingConnection", edge: "MeetingEdge", node: "Meeting",
	connImpl: meetingConnectionImplementors, edgeImpl: meetingEdgeImplementors, nodeImpl: meetingImplementors,
	fields: map[string]bool{"__typename": true, "id": true, "name": true, "title": true, "date": true, "topics": true, "participants": true, "place": true},
	lists:  "participants", one: "place",
	args:      (*executionContext).field_Query_meetings_args,
	nameArgs:  (*executionContext).field_Meeting_name_args,
	titleArgs: (*executionContext).field_Meeting_title_args,
	ask: func(ctx context.Context, q QueryResolver, a map[string]any) (leanPage, error) {
		filter, _ := a["filter"].(*MeetingFilter)
		orderBy, _ := a["orderBy"].(*MeetingOrder)
		first, _ := a["first"].(*int)
		after, _ := a["after"].(*string)
		c, err := q.Meetings(ctx, filter, orderBy, first, after)
		if err != nil || c == nil || c.PageInfo == nil {
			return leanPage{}, cmp.Or(err, errNoPage)
		}
		p := leanPage{total: c.TotalCount, info: c.PageInfo}
		for _, e := range c.Edges {
			p.cursors, p.nodes = append(p.cursors, e.Cursor), append(p.nodes, e.Node.Node)
		}
		return p, nil
	},
}

var errNoPage = errors.New("no page")

// leanSelection is what a query asks of a page, collected once: the
// fields of the connection, pageInfo, edges, node and date, and of the
// entities a node names, by their kind; and the lang argument of each
// name or title field.
type leanSelection struct {
	conn, pageInfo, edges, node, dates []graphql.CollectedField
	entities                           map[string]map[graph.Kind][]graphql.CollectedField // by the node's field
	lang                               map[*ast.Field]*graph.Lang
}

// page writes a page of agreements or meetings, or says it cannot.
func (l lean) page(ctx context.Context, field graphql.CollectedField, list leanList) (graphql.Marshaler, bool) {
	oc := graphql.GetOperationContext(ctx)
	ec := newExecutionContext(oc, l.schema, nil)
	sel := leanSelection{entities: map[string]map[graph.Kind][]graphql.CollectedField{}, lang: map[*ast.Field]*graph.Lang{}}
	args := func(f graphql.CollectedField, parse argsParser) bool {
		a, err := parse(ec, ctx, f.ArgumentMap(oc.Variables))
		if err != nil {
			return false
		}
		sel.lang[f.Field], _ = a["lang"].(*graph.Lang)
		return true
	}
	one := func(f graphql.CollectedField, impl []string, allowed map[string]bool) ([]graphql.CollectedField, bool) {
		return leanFields(oc, []graphql.CollectedField{f}, impl, allowed)
	}
	var ok bool
	if sel.conn, ok = one(field, list.connImpl, leanConnectionFields); !ok {
		return nil, false
	}
	for _, f := range sel.conn {
		switch f.Name {
		case "pageInfo":
			sel.pageInfo, ok = one(f, pageInfoImplementors, leanPageInfoFields)
		case "edges":
			sel.edges, ok = one(f, list.edgeImpl, leanEdgeFields)
		}
		if !ok {
			return nil, false
		}
	}
	for _, f := range sel.edges {
		if f.Name == "node" {
			if sel.node, ok = one(f, list.nodeImpl, list.fields); !ok {
				return nil, false
			}
		}
	}
	for _, f := range sel.node {
		switch f.Name {
		case "date":
			sel.dates, ok = one(f, partialDateImplementors, leanDateFields)
		case "name":
			ok = args(f, list.nameArgs)
		case "title":
			ok = args(f, list.titleArgs)
		case list.lists, list.one:
			for k, impl := range entityImplementors {
				var fs []graphql.CollectedField
				if fs, ok = one(f, impl, leanEntityFields); !ok {
					return nil, false
				}
				// Each kind its own selection (fragments on a type), each
				// name field its own lang (the same for every kind).
				for _, e := range fs {
					if e.Name == "name" && !args(e, (*executionContext).field_Country_name_args) {
						return nil, false
					}
				}
				if sel.entities[f.Alias] == nil {
					sel.entities[f.Alias] = map[graph.Kind][]graphql.CollectedField{}
				}
				sel.entities[f.Alias][k] = fs
			}
		}
		if !ok {
			return nil, false
		}
	}
	a, err := list.args(ec, ctx, field.ArgumentMap(oc.Variables))
	if err != nil {
		return nil, false
	}
	// The field's context, as gqlgen gives it to the resolver: the
	// prefetch reads the selections from it.
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Query", Field: field, Args: a, IsMethod: true, IsResolver: true})
	p, err := list.ask(ctx, l.resolvers.Query(), a)
	if err != nil {
		return nil, false
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range sel.conn {
		writeKey(&b, i, f.Alias)
		switch f.Name {
		case "__typename":
			graphql.MarshalString(list.connection).MarshalGQL(&b)
		case "totalCount":
			graphql.MarshalInt(p.total).MarshalGQL(&b)
		case "pageInfo":
			b.WriteByte('{')
			for j, pf := range sel.pageInfo {
				writeKey(&b, j, pf.Alias)
				switch pf.Name {
				case "__typename":
					graphql.MarshalString("PageInfo").MarshalGQL(&b)
				case "hasNextPage":
					graphql.MarshalBoolean(p.info.HasNextPage).MarshalGQL(&b)
				case "endCursor":
					if p.info.EndCursor == nil {
						graphql.Null.MarshalGQL(&b)
					} else {
						graphql.MarshalString(*p.info.EndCursor).MarshalGQL(&b)
					}
				}
			}
			b.WriteByte('}')
		case "edges":
			b.WriteByte('[')
			for n, node := range p.nodes {
				if n > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('{')
				for j, ef := range sel.edges {
					writeKey(&b, j, ef.Alias)
					switch ef.Name {
					case "__typename":
						graphql.MarshalString(list.edge).MarshalGQL(&b)
					case "cursor":
						graphql.MarshalString(p.cursors[n]).MarshalGQL(&b)
					case "node":
						if !l.writeNode(ctx, &b, list, node, &sel) {
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

// writeNode writes one agreement or meeting with the fields asked for.
func (l lean) writeNode(ctx context.Context, b *bytes.Buffer, list leanList, n *graph.Node, sel *leanSelection) bool {
	b.WriteByte('{')
	for i, f := range sel.node {
		writeKey(b, i, f.Alias)
		switch f.Name {
		case "__typename":
			graphql.MarshalString(list.node).MarshalGQL(b)
		case "id":
			graphql.MarshalID(n.ID).MarshalGQL(b)
		case "name", "title":
			s, err := l.nodeText(ctx, n, f.Name, sel.lang[f.Field])
			if err != nil {
				return false
			}
			graphql.MarshalString(s).MarshalGQL(b)
		case "kind":
			n.AgreementKind.MarshalGQL(b)
		case "date":
			writeDate(b, n.Date, sel.dates)
		case "topics":
			b.WriteByte('[')
			for j, t := range n.Topics {
				if j > 0 {
					b.WriteByte(',')
				}
				graphql.MarshalString(t).MarshalGQL(b)
			}
			b.WriteByte(']')
		case list.lists:
			es, err := l.nodeEntities(ctx, n)
			if err != nil {
				return false
			}
			b.WriteByte('[')
			for j, e := range es {
				if j > 0 {
					b.WriteByte(',')
				}
				if !l.writeEntity(ctx, b, e, sel.entities[f.Alias], sel.lang) {
					return false
				}
			}
			b.WriteByte(']')
		case list.one:
			place, err := l.resolvers.Meeting().Place(ctx, &Meeting{n})
			if err != nil {
				return false
			}
			if place == nil {
				graphql.Null.MarshalGQL(b)
			} else if !l.writeEntity(ctx, b, *place, sel.entities[f.Alias], sel.lang) {
				return false
			}
		}
	}
	b.WriteByte('}')
	return true
}

// nodeText is an agreement's or a meeting's name or title, from its
// resolver.
func (l lean) nodeText(ctx context.Context, n *graph.Node, field string, lang *graph.Lang) (string, error) {
	switch {
	case n.Kind == graph.KindAgreement && field == "title":
		return l.resolvers.Agreement().Title(ctx, &Agreement{n}, lang)
	case n.Kind == graph.KindAgreement:
		return l.resolvers.Agreement().Name(ctx, &Agreement{n}, lang)
	case field == "title":
		return l.resolvers.Meeting().Title(ctx, &Meeting{n}, lang)
	}
	return l.resolvers.Meeting().Name(ctx, &Meeting{n}, lang)
}

// nodeEntities are an agreement's parties or a meeting's participants,
// from their resolver.
func (l lean) nodeEntities(ctx context.Context, n *graph.Node) ([]Entity, error) {
	if n.Kind == graph.KindAgreement {
		return l.resolvers.Agreement().Parties(ctx, &Agreement{n})
	}
	ps, err := l.resolvers.Meeting().Participants(ctx, &Meeting{n})
	es := make([]Entity, len(ps))
	for i, p := range ps {
		es[i] = p
	}
	return es, err
}

// writeEntity writes a party, participant or place with the fields
// asked of its kind.
func (l lean) writeEntity(ctx context.Context, b *bytes.Buffer, e Entity, fields map[graph.Kind][]graphql.CollectedField, lang map[*ast.Field]*graph.Lang) bool {
	if e == nil {
		return false
	}
	node := e.node()
	fs, ok := fields[node.Kind]
	if !ok {
		return false
	}
	b.WriteByte('{')
	for i, f := range fs {
		writeKey(b, i, f.Alias)
		switch f.Name {
		case "__typename":
			graphql.MarshalString(entityImplementors[node.Kind][0]).MarshalGQL(b)
		case "id":
			graphql.MarshalID(node.ID).MarshalGQL(b)
		case "name":
			s, err := l.entityName(ctx, e, lang[f.Field])
			if err != nil {
				return false
			}
			graphql.MarshalString(s).MarshalGQL(b)
		}
	}
	b.WriteByte('}')
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
