package gql

import (
	"context"
	"encoding/base64"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/alaqat/alaqat/graph"
)

func nameIn(n *graph.Node, lang *graph.Lang) string {
	if lang == nil {
		return n.Name
	}
	return n.NameIn(*lang)
}

func wrapAll(nodes []*graph.Node) []Entity {
	out := make([]Entity, len(nodes))
	for i, n := range nodes {
		out[i] = wrap(n)
	}
	return out
}

// related loads the nodes joined to id by edges of type rel.
func (r *Resolver) related(ctx context.Context, id, rel string, out bool) ([]Entity, error) {
	ids, err := r.relatedIDs(ctx, id, rel, out)
	if err != nil {
		return nil, err
	}
	nodes, err := r.nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	return wrapAll(nodes), nil
}

// persons loads the persons joined to id by incoming edges of type rel.
func (r *Resolver) persons(ctx context.Context, id, rel string) ([]Person, error) {
	entities, err := r.related(ctx, id, rel, false)
	if err != nil {
		return nil, err
	}
	out := []Person{}
	for _, e := range entities {
		if p, ok := e.(Person); ok {
			out = append(out, p)
		}
	}
	return out, nil
}

func (r *Resolver) nodeCountries(ctx context.Context, id string) ([]Country, error) {
	ids, err := r.loadersFor(ctx).countries.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	nodes, err := r.nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []Country{}
	for _, n := range nodes {
		out = append(out, Country{n})
	}
	return out, nil
}

func (r *Resolver) homeCountry(ctx context.Context, id string) (*Country, error) {
	ids, err := r.relatedIDs(ctx, id, graph.BasedIn, true)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	n, err := r.node(ctx, ids[0])
	if n == nil || err != nil {
		return nil, err
	}
	return &Country{n}, nil
}

func (r *Resolver) agreementsOf(ctx context.Context, id string, rels ...string) ([]Agreement, error) {
	var ids []string
	for _, rel := range rels {
		found, err := r.relatedIDs(ctx, id, rel, true)
		if err != nil {
			return nil, err
		}
		for _, a := range found {
			if !slices.Contains(ids, a) {
				ids = append(ids, a)
			}
		}
	}
	nodes, err := r.nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []Agreement{}
	for _, n := range nodes {
		out = append(out, Agreement{n})
	}
	return out, nil
}

func pageInfo(p graph.Page) *PageInfo {
	info := &PageInfo{HasNextPage: p.HasNext}
	if p.EndCursor != "" {
		c := p.EndCursor
		info.EndCursor = &c
	}
	return info
}

// decodeCursor reads a cursor of the articles list: an article's id as
// graph.Cursor wrote it. Anything else was not given by this server.
func decodeCursor(c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	id, ok := strings.CutPrefix(string(b), "article:")
	if err != nil || !ok || id == "" || !printable(id) {
		return "", graph.Errorf(graph.EINVALID, "invalid cursor %.40q: pass the endCursor or a cursor of a previous page", c)
	}
	return string(b), nil
}

// printable tells whether s is printable ASCII without spaces, as ids are.
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// checkBetween refuses a between list that cannot name two sides: more
// than two references, or a code that is no ISO 3166 country's (a code of
// a country the graph does not know yet is no error: it has no dealings).
func checkBetween(between []string) error {
	if len(between) > 2 {
		return graph.Errorf(graph.EINVALID, "between takes one or two sides, not %d", len(between))
	}
	for _, ref := range between {
		ref = strings.TrimSpace(ref)
		if !isCode(ref) {
			continue
		}
		if r, err := language.ParseRegion(ref); err != nil || !r.IsCountry() {
			return graph.Errorf(graph.EINVALID, "between: %q is no ISO 3166 country code", ref)
		}
	}
	return nil
}

// isCode tells whether ref is written as an ISO 3166 code: two or three
// capital letters, as graph.Resolve reads them.
func isCode(ref string) bool {
	if len(ref) != 2 && len(ref) != 3 {
		return false
	}
	for _, c := range ref {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

func parseDate(s *string) (*graph.PartialDate, error) {
	if s == nil || *s == "" {
		return nil, nil
	}
	return graph.ParsePartialDate(*s)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

// maxFirst bounds every page size.
const maxFirst = 500

func limit(first *int, def int) (int, error) {
	n := intOr(first, def)
	if n < 0 || n > maxFirst {
		return 0, graph.Errorf(graph.EINVALID, "first must be between 0 and %d", maxFirst)
	}
	return n, nil
}

// entity loads one node as its GraphQL type; an error if it is gone.
func (r *Resolver) entity(ctx context.Context, id string) (Entity, error) {
	n, err := r.node(ctx, id)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return nil, graph.Errorf(graph.ENOTFOUND, "no entity %q", id)
	}
	return wrap(n), nil
}

// articleFacts returns the nodes (by id) and edges (in key order) an
// article gives evidence for.
func (r *Resolver) articleFacts(ctx context.Context, article string) ([]*graph.Node, []graph.Edge, error) {
	evidence, err := r.loadersFor(ctx).articleEvidence.Load(ctx, article)
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	var edges []graph.Edge
	for i, ev := range evidence {
		if i > 0 && ev.Fact == evidence[i-1].Fact {
			continue
		}
		if e, ok := graph.ParseEdgeKey(ev.Fact); ok {
			edges = append(edges, e)
		} else {
			ids = append(ids, ev.Fact)
		}
	}
	nodes, err := r.nodes(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	return nodes, edges, nil
}
