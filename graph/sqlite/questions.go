package sqlite

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/alaqat/alaqat/graph"
)

// The analysts' questions that SQLite answers in SQL (graph.Questions):
// who is on each side and what they joined, in one statement. Search
// (through the trigram index of names) and shortest paths (a few indexed
// edge reads per hop) Graph computes from the store's reads, which run in
// this process: it answers them with errors.ErrUnsupported.

// sideSQL lists (k, id) for each side k of the JSON list ?1: the side's
// node, and for a country what is based in it or holds an office of it,
// and who holds an office of one of its organizations (graph.Graph.Side).
const sideSQL = `side(k, id) AS (
	SELECT key, value FROM json_each(?1)
	UNION
	SELECT s.key, e.from_id FROM json_each(?1) s
		JOIN edges e INDEXED BY edges_to ON e.to_id = s.value AND e.type IN ('BASED_IN', 'HOLDS_OFFICE')
		WHERE s.value LIKE 'country:%'
	UNION
	SELECT s.key, staff.from_id FROM json_each(?1) s
		JOIN edges o INDEXED BY edges_to ON o.to_id = s.value AND o.type IN ('BASED_IN', 'HOLDS_OFFICE') AND o.from_id LIKE 'org:%'
		JOIN edges staff INDEXED BY edges_to ON staff.to_id = o.from_id AND staff.type = 'HOLDS_OFFICE'
		WHERE s.value LIKE 'country:%'
)`

// Involved finds in one statement the nodes an edge of q.Rels joins to
// someone of every side, then reads them (whole: the node cache has them).
func (s *Store) Involved(ctx context.Context, q graph.InvolvedQuery) ([]*graph.Node, error) {
	if len(q.Sides) == 0 || len(q.Rels) == 0 || len(q.Kinds) == 0 {
		return nil, nil
	}
	sides := slices.Compact(slices.Sorted(slices.Values(q.Sides)))
	if err := s.allThere(ctx, sides); err != nil {
		return nil, err
	}
	kinds := make([]string, len(q.Kinds))
	for i, k := range q.Kinds {
		kinds[i] = string(k) + ":%"
	}
	ids, err := s.strings(ctx, `WITH `+sideSQL+`
		SELECT e.to_id FROM side JOIN edges e INDEXED BY edges_from ON e.from_id = side.id
			AND e.type IN (SELECT value FROM json_each(?2))
		WHERE EXISTS (SELECT 1 FROM json_each(?3) WHERE e.to_id LIKE value)
		GROUP BY e.to_id HAVING count(DISTINCT side.k) = json_array_length(?1)`,
		jsonList(sides), jsonList(q.Rels), jsonList(kinds))
	if err != nil {
		return nil, fmt.Errorf("sqlite: involved: %w", err)
	}
	return s.Nodes(ctx, ids)
}

// allThere returns ENOTFOUND for the first of ids that is not in the graph.
func (s *Store) allThere(ctx context.Context, ids []string) error {
	found, err := s.Nodes(ctx, ids)
	if err != nil {
		return err
	}
	if len(found) < len(ids) {
		for _, id := range ids {
			if !slices.ContainsFunc(found, func(n *graph.Node) bool { return n.ID == id }) {
				return graph.Errorf(graph.ENOTFOUND, "no entity %q", id)
			}
		}
	}
	return nil
}

// OfficesIn reads the offices held in the sides: HOLDS_OFFICE edges into a
// side's country or organizations, or from its person.
func (s *Store) OfficesIn(ctx context.Context, ids []string) ([]graph.Edge, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if err := s.allThere(ctx, ids); err != nil {
		return nil, err
	}
	var holders, persons []string
	for _, id := range ids {
		switch graph.KindOf(id) {
		case graph.KindCountry, graph.KindOrganization:
			holders = append(holders, id)
		case graph.KindPerson:
			persons = append(persons, id)
		}
	}
	// A country's organizations hold offices too.
	orgs, err := s.strings(ctx, `SELECT DISTINCT from_id FROM edges INDEXED BY edges_to
		WHERE to_id IN (SELECT value FROM json_each(?)) AND type IN ('BASED_IN', 'HOLDS_OFFICE') AND from_id LIKE 'org:%'`,
		jsonList(slices.DeleteFunc(slices.Clone(holders), func(id string) bool { return graph.KindOf(id) != graph.KindCountry })))
	if err != nil {
		return nil, fmt.Errorf("sqlite: offices: %w", err)
	}
	holders = append(holders, orgs...)
	var out []graph.Edge
	for _, q := range []graph.EdgeQuery{{Types: []string{graph.HoldsOffice}, To: holders}, {Types: []string{graph.HoldsOffice}, From: persons}} {
		if len(q.To)+len(q.From) == 0 {
			continue
		}
		es, err := s.readEdges(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("sqlite: offices: %w", err)
		}
		out = append(out, es...)
	}
	slices.SortFunc(out, func(a, b graph.Edge) int { return compareKeys(a, b) })
	return slices.CompactFunc(out, func(a, b graph.Edge) bool { return a.Key() == b.Key() }), nil
}

// compareKeys orders edges as Store.Edges does: type, From, To, Title.
func compareKeys(a, b graph.Edge) int {
	for _, c := range [][2]string{{a.Type, b.Type}, {a.From, b.From}, {a.To, b.To}, {a.Title, b.Title}} {
		if c[0] != c[1] {
			if c[0] < c[1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// SearchNodes leaves search to Graph (see above).
func (s *Store) SearchNodes(context.Context, graph.SearchQuery) ([]*graph.Node, error) {
	return nil, fmt.Errorf("sqlite: search: %w", errors.ErrUnsupported)
}

// ShortestPaths leaves paths to Graph (see above).
func (s *Store) ShortestPaths(context.Context, string, string, int, int) ([]graph.Path, error) {
	return nil, fmt.Errorf("sqlite: paths: %w", errors.ErrUnsupported)
}

var _ graph.Questions = (*Store)(nil)
