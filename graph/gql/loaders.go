package gql

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/alaqat/alaqat/graph"
)

// loaders batch the reads of one request: the nodes and evidence that many
// resolvers of one query ask for one at a time go to the store as one call.
// A list resolver that knows its page (agreements, meetings, timeline)
// goes further and prefetches what the query selects under the page's
// nodes, one store call per kind of read whatever the page's size (see
// prefetch); the loaders then answer the nodes' resolvers from their cache.
type loaders struct {
	nodes     *dataloadgen.Loader[string, *graph.Node]
	related   *dataloadgen.Loader[relatedKey, []string]
	evidence  *dataloadgen.Loader[evidenceKey, []graph.Evidence]
	articles  *dataloadgen.Loader[string, *graph.Article]
	countries *dataloadgen.Loader[string, []string]
	// articleEvidence holds every passage of an article, by article id.
	articleEvidence *dataloadgen.Loader[string, []graph.Evidence]
	// corrections holds every correction, read once if asked for.
	corrections correctionsOnce

	f fetchers
}

// fetchers read a batch of keys from the store: the loaders' batch
// functions, which prefetch calls directly.
type fetchers struct {
	nodes   func(ctx context.Context, ids []string) ([]*graph.Node, []error)
	related func(ctx context.Context, keys []relatedKey) ([][]string, []error)
	// relatedEnds is related, with the nodes at the other ends when the
	// store reads them in the same call (graph.Questions.EdgesWithEnds).
	relatedEnds func(ctx context.Context, keys []relatedKey) ([][]string, []*graph.Node, error)
	evidence    func(ctx context.Context, keys []evidenceKey) ([][]graph.Evidence, []error)
	articles    func(ctx context.Context, ids []string) ([]*graph.Article, []error)
	countries   func(ctx context.Context, ids []string) ([][]string, []error)

	articleEvidence func(ctx context.Context, ids []string) ([][]graph.Evidence, []error)
}

// relatedKey asks for the ids joined to id by edges of type rel, outgoing
// (id is From) when out is true.
type relatedKey struct {
	id  string
	rel string
	out bool
}

type evidenceKey struct {
	fact  string
	limit int
}

type loadersKey struct{}

// WithLoaders attaches fresh per-request loaders over store to each
// request's context.
func WithLoaders(store graph.Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), loadersKey{}, newLoaders(store))))
	})
}

func newFetchers(store graph.Store) fetchers {
	g := graph.New(store)
	return fetchers{
		nodes: func(ctx context.Context, ids []string) ([]*graph.Node, []error) {
			found, err := store.Nodes(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			byID := make(map[string]*graph.Node, len(found))
			for _, n := range found {
				byID[n.ID] = n
			}
			out := make([]*graph.Node, len(ids))
			errs := make([]error, len(ids))
			for i, id := range ids {
				if out[i] = byID[id]; out[i] == nil {
					errs[i] = graph.Errorf(graph.ENOTFOUND, "no entity %q", id)
				}
			}
			return out, errs
		},
		related: func(ctx context.Context, keys []relatedKey) ([][]string, []error) {
			out, _, err := fetchRelated(ctx, store, keys, false)
			if err != nil {
				return nil, []error{err}
			}
			return out, nil
		},
		relatedEnds: func(ctx context.Context, keys []relatedKey) ([][]string, []*graph.Node, error) {
			return fetchRelated(ctx, store, keys, true)
		},
		evidence: func(ctx context.Context, keys []evidenceKey) ([][]graph.Evidence, []error) {
			limit := 0
			facts := make([]string, len(keys))
			for i, k := range keys {
				facts[i] = k.fact
				limit = max(limit, k.limit)
			}
			found, err := store.Evidence(ctx, facts, limit)
			if err != nil {
				return nil, []error{err}
			}
			byFact := map[string][]graph.Evidence{}
			for _, e := range found {
				byFact[e.Fact] = append(byFact[e.Fact], e)
			}
			out := make([][]graph.Evidence, len(keys))
			for i, k := range keys {
				ev := byFact[k.fact]
				if k.limit > 0 && len(ev) > k.limit {
					ev = ev[:k.limit]
				}
				out[i] = ev
			}
			return out, nil
		},
		articles: func(ctx context.Context, ids []string) ([]*graph.Article, []error) {
			found, err := store.Articles(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			byID := map[string]*graph.Article{}
			for _, a := range found {
				byID[a.ID] = a
			}
			out := make([]*graph.Article, len(ids))
			errs := make([]error, len(ids))
			for i, id := range ids {
				if out[i] = byID[id]; out[i] == nil {
					errs[i] = graph.Errorf(graph.ENOTFOUND, "no article %q", id)
				}
			}
			return out, errs
		},
		countries: func(ctx context.Context, ids []string) ([][]string, []error) {
			found, err := g.NodesCountries(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			out := make([][]string, len(ids))
			for i, id := range ids {
				out[i] = found[id]
			}
			return out, nil
		},
		articleEvidence: func(ctx context.Context, ids []string) ([][]graph.Evidence, []error) {
			found, err := store.ArticleEvidence(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			byArticle := map[string][]graph.Evidence{}
			for _, e := range found {
				byArticle[e.ArticleID] = append(byArticle[e.ArticleID], e)
			}
			out := make([][]graph.Evidence, len(ids))
			for i, id := range ids {
				out[i] = byArticle[id]
			}
			return out, nil
		},
	}
}

// fetchRelated reads the ids joined to each key's id, one edge read per
// type and direction for all the keys at once; with ends, also the nodes at
// the other ends, when the store reads them in the same call.
func fetchRelated(ctx context.Context, store graph.Store, keys []relatedKey, ends bool) ([][]string, []*graph.Node, error) {
	type group struct {
		rel string
		out bool
	}
	var groups []group
	ids := map[group][]string{}
	for _, k := range keys {
		g := group{k.rel, k.out}
		if ids[g] == nil {
			groups = append(groups, g)
		}
		ids[g] = append(ids[g], k.id)
	}
	read := func(q graph.EdgeQuery) ([]graph.Edge, []*graph.Node, error) {
		if qs, ok := store.(graph.Questions); ok && ends {
			if es, ns, err := qs.EdgesWithEnds(ctx, q); !errors.Is(err, errors.ErrUnsupported) {
				return es, ns, err
			}
		}
		es, err := store.Edges(ctx, q)
		return es, nil, err
	}
	found := map[relatedKey][]string{}
	var nodes []*graph.Node
	for _, g := range groups {
		q := graph.EdgeQuery{Types: []string{g.rel}}
		if g.out {
			q.From = ids[g]
		} else {
			q.To = ids[g]
		}
		es, ns, err := read(q)
		if err != nil {
			return nil, nil, err
		}
		nodes = append(nodes, ns...)
		for _, e := range es {
			k, other := relatedKey{e.From, g.rel, true}, e.To
			if !g.out {
				k, other = relatedKey{e.To, g.rel, false}, e.From
			}
			if !slices.Contains(found[k], other) {
				found[k] = append(found[k], other)
			}
		}
	}
	out := make([][]string, len(keys))
	for i, k := range keys {
		out[i] = found[k]
	}
	return out, nodes, nil
}

func newLoaders(store graph.Store) *loaders {
	wait := dataloadgen.WithWait(time.Millisecond)
	f := newFetchers(store)
	return &loaders{
		nodes:     dataloadgen.NewLoader(f.nodes, wait),
		related:   dataloadgen.NewLoader(f.related, wait),
		evidence:  dataloadgen.NewLoader(f.evidence, wait),
		articles:  dataloadgen.NewLoader(f.articles, wait),
		countries: dataloadgen.NewLoader(f.countries, wait),

		articleEvidence: dataloadgen.NewLoader(f.articleEvidence, wait),
		f:               f,
	}
}

// prime reads keys with one call of fetch and puts what it found in the
// loader's cache, so that the resolvers' loads that follow cost nothing.
// Keys it cannot find are left for the loader to report.
func prime[K comparable, V any](ctx context.Context, l *dataloadgen.Loader[K, V], fetch func(context.Context, []K) ([]V, []error), keys []K) ([]V, error) {
	keys = uniq(keys)
	if len(keys) == 0 {
		return nil, nil
	}
	vals, errs := fetch(ctx, keys)
	if len(vals) == 0 && len(errs) > 0 {
		return nil, errs[0]
	}
	found := vals[:0:0]
	for i, k := range keys {
		if len(errs) == 0 || errs[i] == nil {
			l.Prime(k, vals[i])
			found = append(found, vals[i])
		}
	}
	return found, nil
}

func uniq[K comparable](keys []K) []K {
	seen := make(map[K]bool, len(keys))
	out := keys[:0:0]
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// allCorrections returns every correction, read once per request.
func (l *loaders) allCorrections(ctx context.Context, store graph.Store) ([]graph.Correction, error) {
	return l.corrections.get(ctx, store)
}

// loadersFor returns the request's loaders, or fresh ones over the
// resolver's store when the handler was not wrapped (tests, scripts).
func (r *Resolver) loadersFor(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return newLoaders(r.Graph.Store)
}

// nodes loads nodes by id, in order, leaving out ids no longer in the graph.
func (r *Resolver) nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	found, err := r.loadersFor(ctx).nodes.LoadAll(ctx, ids)
	out := make([]*graph.Node, 0, len(ids))
	for _, n := range found {
		if n != nil {
			out = append(out, n)
		}
	}
	if err != nil && len(out) == 0 && len(ids) > 0 {
		if graph.ErrorCode(err) == graph.ENOTFOUND {
			return out, nil
		}
		return nil, err
	}
	return out, nil
}

// relatedIDs loads the ids joined to id by edges of type rel, batched
// with the other resolvers of the request, in the Store's edge order.
func (r *Resolver) relatedIDs(ctx context.Context, id, rel string, out bool) ([]string, error) {
	return r.loadersFor(ctx).related.Load(ctx, relatedKey{id, rel, out})
}

// node loads one node, nil if it is not in the graph.
func (r *Resolver) node(ctx context.Context, id string) (*graph.Node, error) {
	if id == "" {
		return nil, nil
	}
	n, err := r.loadersFor(ctx).nodes.Load(ctx, id)
	if graph.ErrorCode(err) == graph.ENOTFOUND {
		return nil, nil
	}
	return n, err
}

func (r *Resolver) evidence(ctx context.Context, fact string, first *int) ([]graph.Evidence, error) {
	limit := 10
	if first != nil {
		limit = *first
	}
	if limit < 0 || limit > maxFirst {
		return nil, graph.Errorf(graph.EINVALID, "first must be between 0 and %d", maxFirst)
	}
	if limit == 0 {
		return []graph.Evidence{}, nil
	}
	return r.loadersFor(ctx).evidence.Load(ctx, evidenceKey{fact, limit})
}
