package gql

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alaqat/alaqat/graph"
)

// authorKey carries the name of the analyst whose token a request bears.
type authorKey struct{}

// author returns the name that goes with the request's token.
func author(ctx context.Context) string {
	if a, _ := ctx.Value(authorKey{}).(string); a != "" {
		return a
	}
	return "analyst"
}

// correct records a correction made through the API, by the analyst whose
// token the request bears.
func (r *Resolver) correct(ctx context.Context, c graph.Correction, reason *string) (*graph.Correction, error) {
	if err := authorize(ctx); err != nil {
		return nil, err
	}
	if reason != nil {
		c.Reason = strings.TrimSpace(*reason)
	}
	c.Author = author(ctx)
	done, err := r.Graph.Store.Correct(ctx, c)
	if err != nil {
		return nil, err
	}
	return &done, nil
}

// resolveID turns an analyst's reference (id, ISO code or exact name) into
// the id of the entity it names.
func (r *Resolver) resolveID(ctx context.Context, ref string) (string, error) {
	n, err := r.Graph.Resolve(ctx, ref)
	if err != nil {
		return "", err
	}
	return n.ID, nil
}

// corrections returns the corrections about an id, read once per request
// for all of them: corrections are few.
func (r *Resolver) corrections(ctx context.Context, id string) ([]graph.Correction, error) {
	all, err := r.loadersFor(ctx).allCorrections(ctx, r.Graph.Store)
	if err != nil {
		return nil, err
	}
	out := []graph.Correction{}
	for _, c := range all {
		if c.IsAbout(id) {
			out = append(out, c)
		}
	}
	return out, nil
}

// correctionsOnce reads every correction once per request.
type correctionsOnce struct {
	once sync.Once
	all  []graph.Correction
	err  error
}

func (c *correctionsOnce) get(ctx context.Context, store graph.Store) ([]graph.Correction, error) {
	c.once.Do(func() { c.all, c.err = store.Corrections(ctx, graph.CorrectionQuery{}) })
	return c.all, c.err
}

// correctionCursor points after a correction in their order.
func correctionCursor(c graph.Correction) string { return graph.Cursor(c.ID) }

// correctionsPage answers Query.corrections.
func (r *Resolver) correctionsPage(ctx context.Context, about *string, first *int, after *string) (*CorrectionConnection, error) {
	n, err := limit(first, 50)
	if err != nil {
		return nil, err
	}
	q := graph.CorrectionQuery{}
	if about != nil {
		q.About = strings.TrimSpace(*about)
	}
	if after != nil {
		id, err := decodeCursor(*after)
		seq, perr := strconv.ParseInt(strings.TrimPrefix(id, "correction:"), 10, 64)
		if err != nil || perr != nil || !strings.HasPrefix(id, "correction:") {
			return nil, graph.Errorf(graph.EINVALID, "invalid cursor %q", *after)
		}
		q.After = seq
	}
	all, err := r.Graph.Store.Corrections(ctx, graph.CorrectionQuery{About: q.About})
	if err != nil {
		return nil, err
	}
	c := &CorrectionConnection{Edges: []CorrectionEdge{}, PageInfo: &PageInfo{}, TotalCount: len(all)}
	var page []graph.Correction
	for _, x := range all {
		if x.Seq > q.After {
			page = append(page, x)
		}
	}
	if len(page) > n {
		page, c.PageInfo.HasNextPage = page[:n], true
	}
	for i := range page {
		c.Edges = append(c.Edges, CorrectionEdge{Cursor: correctionCursor(page[i]), Node: &page[i]})
	}
	if len(page) > 0 {
		end := correctionCursor(page[len(page)-1])
		c.PageInfo.EndCursor = &end
	}
	return c, nil
}

func correctionTime(c *graph.Correction) string { return c.At.UTC().Format(time.RFC3339Nano) }

// article loads one article.
func (r *Resolver) article(ctx context.Context, id string) (*graph.Article, error) {
	a, err := r.loadersFor(ctx).articles.Load(ctx, id)
	if graph.ErrorCode(err) == graph.ENOTFOUND {
		return nil, nil
	}
	return a, err
}
