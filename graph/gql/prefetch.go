package gql

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"github.com/alaqat/alaqat/graph"
)

// prefetchPage is prefetch for a page of agreements or meetings, whose
// edges of some types the store may have read with it (graph.Page.With):
// those, and the nodes at their other ends, prime the loaders and are not
// read again. A page of agreements with their parties, or of meetings with
// their participants and places, is then one read.
func (r *Resolver) prefetchPage(ctx context.Context, p graph.Page, path ...string) error {
	l := r.loadersFor(ctx)
	for _, w := range p.With {
		other := map[string][]string{}
		for _, e := range p.Edges { // ordered, as fetchRelated reads them
			if e.Type != w.Type {
				continue
			}
			at, end := e.To, e.From
			if w.Out {
				at, end = e.From, e.To
			}
			if !slices.Contains(other[at], end) {
				other[at] = append(other[at], end)
			}
		}
		for _, n := range p.Nodes {
			l.related.Prime(relatedKey{n.ID, w.Type, w.Out}, other[n.ID])
		}
	}
	for _, n := range p.Ends {
		l.nodes.Prime(n.ID, n)
	}
	return r.prefetch(ctx, p.Nodes, p.With, path...)
}

// prefetch reads at once, for a page of agreements and meetings, what the
// query selects under them, path naming the fields from the current one
// down to the nodes (edges, node for a connection): their parties,
// signatories, participants, places, countries and evidence, those's nodes
// and the evidence's articles. Each read is one store call whatever the
// page's size, and the nodes' resolvers then find it in the loaders'
// cache: a page of 50 costs what a page of 5 does. The edges primed are
// in the loaders already (see prefetchPage).
func (r *Resolver) prefetch(ctx context.Context, nodes []*graph.Node, primed []graph.Along, path ...string) error {
	fc := graphql.GetFieldContext(ctx)
	if len(nodes) == 0 || fc == nil || fc.Field.Field == nil {
		return nil
	}
	oc := graphql.GetOperationContext(ctx)
	fields := graphql.CollectFields(oc, fc.Field.Selections, nil)
	for _, name := range path {
		var next []graphql.CollectedField
		for _, f := range fields {
			if f.Name == name {
				next = append(next, graphql.CollectFields(oc, f.Selections, nil)...)
			}
		}
		fields = next
	}
	l := r.loadersFor(ctx)
	var rel []relatedKey
	var events, facts []string
	var evidence []evidenceKey
	articles := false
	for _, f := range fields {
		for _, n := range nodes {
			switch {
			case f.Name == "parties" && n.Kind == graph.KindAgreement && !slices.Contains(primed, graph.Along{Type: graph.PartyTo}):
				rel = append(rel, relatedKey{n.ID, graph.PartyTo, false})
			case f.Name == "signatories" && n.Kind == graph.KindAgreement:
				rel = append(rel, relatedKey{n.ID, graph.Signed, false})
			case f.Name == "participants" && n.Kind == graph.KindMeeting && !slices.Contains(primed, graph.Along{Type: graph.ParticipatedIn}):
				rel = append(rel, relatedKey{n.ID, graph.ParticipatedIn, false})
			case f.Name == "place" && n.Kind == graph.KindMeeting && !slices.Contains(primed, graph.Along{Type: graph.HeldIn, Out: true}):
				rel = append(rel, relatedKey{n.ID, graph.HeldIn, true})
			case f.Name == "countries":
				events = append(events, n.ID)
			case f.Name == "evidence":
				facts = append(facts, n.ID)
			}
		}
		if f.Name == "evidence" {
			limit := 10
			if n, ok := asInt(f.ArgumentMap(oc.Variables)["first"]); ok {
				limit = n
			}
			if limit <= 0 {
				continue
			}
			for _, id := range facts {
				evidence = append(evidence, evidenceKey{id, limit})
			}
			facts = facts[:0]
			for _, sub := range graphql.CollectFields(oc, f.Selections, nil) {
				articles = articles || sub.Name == "article"
			}
		}
	}
	var ids []string
	related, read, err := primeRelated(ctx, l, rel)
	if err != nil {
		return err
	}
	for _, x := range related {
		for _, id := range x {
			if !read[id] {
				ids = append(ids, id)
			}
		}
	}
	countries, err := prime(ctx, l.countries, l.f.countries, events)
	if err != nil {
		return err
	}
	for _, x := range countries {
		ids = append(ids, x...)
	}
	if _, err := prime(ctx, l.nodes, l.f.nodes, ids); err != nil {
		return err
	}
	found, err := prime(ctx, l.evidence, l.f.evidence, evidence)
	if err != nil || !articles {
		return err
	}
	var arts []string
	for _, ev := range found {
		for _, e := range ev {
			arts = append(arts, e.ArticleID)
		}
	}
	_, err = prime(ctx, l.articles, l.f.articles, arts)
	return err
}

// primeRelated is prime for the related loader. When the store reads the
// nodes at the other ends in the same call, it primes the nodes loader
// with them too, and says which ids it read.
func primeRelated(ctx context.Context, l *loaders, keys []relatedKey) ([][]string, map[string]bool, error) {
	keys = uniq(keys)
	if len(keys) == 0 {
		return nil, nil, nil
	}
	vals, ends, err := l.f.relatedEnds(ctx, keys)
	if err != nil {
		return nil, nil, err
	}
	for i, k := range keys {
		l.related.Prime(k, vals[i])
	}
	read := make(map[string]bool, len(ends))
	for _, n := range ends {
		l.nodes.Prime(n.ID, n)
		read[n.ID] = true
	}
	return vals, read, nil
}

// selects tells whether the query selects the field at path under the
// current one (edges, node, text).
func selects(ctx context.Context, path ...string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return false
	}
	oc := graphql.GetOperationContext(ctx)
	fields := graphql.CollectFields(oc, fc.Field.Selections, nil)
	for i, name := range path {
		var next []graphql.CollectedField
		for _, f := range fields {
			if f.Name == name {
				if i == len(path)-1 {
					return true
				}
				next = append(next, graphql.CollectFields(oc, f.Selections, nil)...)
			}
		}
		fields = next
	}
	return false
}
