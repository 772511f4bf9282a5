package neo4j

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/alaqat/alaqat/graph"
)

// The analysts' questions in one Cypher statement each (graph.Questions).
// A country's side (graph.Graph.Side) is walked in the database: from the
// side that reaches fewer nodes (the degree of its country, which Neo4j
// keeps with the node), and every other side is checked per candidate,
// from the candidate's few parties towards the country, never by
// collecting a country's side into a list.

// sideMembers binds p to each member of x's side: x itself, and for a
// country what is based in it or holds an office of it, and who holds an
// office of one of its organizations.
const sideMembers = `CALL (x) {
  RETURN x AS p
  UNION
  MATCH (x:Country)<-[:BASED_IN|HOLDS_OFFICE]-(p) RETURN p
  UNION
  MATCH (x:Country)<-[:BASED_IN|HOLDS_OFFICE]-(:Organization)<-[:HOLDS_OFFICE]-(p) RETURN p
}`

// involves is true when e involves every other side: each country
// (codes, read once a statement) among those its parties are or act
// for, which every write keeps on e (cypherCountries), and anything else
// among its parties.
func involves(rels string) string {
	return `all(c IN codes WHERE c IN e.countries) AND all(y IN others WHERE EXISTS { (e)<-[:` + rels + `]-(y) })`
}

// lookup binds name to the entity with the id in parameter param, through
// its label's uniqueness index.
func lookup(match, name, param, id string) (string, bool) {
	k := graph.KindOf(id)
	if !k.Valid() {
		return "", false
	}
	return fmt.Sprintf("%s (%s:%s {id: $%s})\n", match, name, labels[k], param), true
}

// involvedMatch is the statement of Involved up to the candidates: each
// node e of q.Kinds joined by q.Rels to someone of every side, once; ok
// is false when nothing can match.
func involvedMatch(q graph.InvolvedQuery) (cypher string, params map[string]any, ok bool, err error) {
	rels := edgeTypes(q.Rels)
	var kinds []string
	for _, k := range q.Kinds {
		if l, ok := labels[k]; ok {
			kinds = append(kinds, l)
		}
	}
	if rels == "" || len(kinds) == 0 || len(q.Sides) == 0 {
		return "", nil, false, nil
	}
	params = map[string]any{}
	var b strings.Builder
	names := make([]string, len(q.Sides))
	for i, id := range q.Sides {
		names[i] = fmt.Sprintf("s%d", i)
		m, ok := lookup("MATCH", names[i], names[i], id)
		if !ok {
			return "", nil, false, graph.Errorf(graph.ENOTFOUND, "no entity %q", id)
		}
		b.WriteString(m)
		params[names[i]] = id
	}
	if pair, codes, ok := countryPair(q); ok {
		// Two countries or more: what their Pair includes, of the kinds
		// asked, that involves the others too.
		params["pair"], params["codes"] = pair, codes
		fmt.Fprintf(&b, `MATCH (:Pair {id: $pair})-[:INCLUDES]->(e:%s)
WITH DISTINCT e
WHERE all(c IN $codes WHERE c IN e.countries)
`, strings.Join(kinds, "|"))
		return b.String(), params, true, nil
	}
	fmt.Fprintf(&b, `WITH [%s] AS sides
WITH sides, [x IN sides | CASE WHEN x:Country THEN COUNT { (x)<-[:BASED_IN|HOLDS_OFFICE]-() } ELSE 0 END] AS sizes
WITH sides, reduce(b = 0, i IN range(0, size(sides) - 1) | CASE WHEN sizes[i] < sizes[b] THEN i ELSE b END) AS pick
WITH sides[pick] AS x, [j IN range(0, size(sides) - 1) WHERE j <> pick | sides[j]] AS others
WITH x, [y IN others WHERE y:Country | y.id] AS codes, [y IN others WHERE NOT y:Country] AS others
%s
MATCH (p)-[:%s]->(e:%s)
WITH DISTINCT e, codes, others
WHERE %s
`, strings.Join(names, ", "), sideMembers, rels, strings.Join(kinds, "|"), involves(rels))
	return b.String(), params, true, nil
}

// countryPair returns the id of the Pair of q's first two sides and the
// ids of the others, when q's sides are two countries or more and it asks
// for agreements by PARTY_TO or meetings by PARTICIPATED_IN, each of
// which its countries follow (see cypherCountries): then the candidates
// are what the pair includes.
func countryPair(q graph.InvolvedQuery) (pair string, codes []string, ok bool) {
	if len(q.Sides) < 2 || len(q.Kinds) != len(q.Rels) {
		return "", nil, false
	}
	for _, id := range q.Sides {
		if graph.KindOf(id) != graph.KindCountry {
			return "", nil, false
		}
	}
	for _, k := range q.Kinds {
		want := countriesFollow[k]
		if want == "" || !slices.Contains(q.Rels, want) {
			return "", nil, false
		}
	}
	a, b := q.Sides[0], q.Sides[1]
	if a == b {
		return "", nil, false // one country twice: no pair, everything it is in
	}
	if b < a {
		a, b = b, a
	}
	return a + "|" + b, q.Sides[2:], true
}

// countriesFollow is the relation the countries of a kind of node follow
// (see cypherCountries).
var countriesFollow = map[graph.Kind]string{graph.KindAgreement: graph.PartyTo, graph.KindMeeting: graph.ParticipatedIn}

// Involved finds the agreements or meetings of every side in one statement.
func (s *Store) Involved(ctx context.Context, q graph.InvolvedQuery) ([]*graph.Node, error) {
	match, params, ok, err := involvedMatch(q)
	if !ok {
		return nil, err
	}
	ret := "[e.id, e.date]"
	if q.Full {
		ret = "[" + node("e") + "]"
	}
	cypher := match + "RETURN " + ret + " AS row"
	nodes, err := read(ctx, s, func(r *reader) ([]*graph.Node, error) {
		recs, err := r.rows(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			// Nothing, or a side that is not there: tell them apart.
			return nil, allThere(ctx, r, q.Sides)
		}
		if q.Full {
			return nodesOf(recs)
		}
		out := make([]*graph.Node, 0, len(recs))
		for _, r := range recs {
			id, _ := r.Values[0].(string)
			n := &graph.Node{ID: id, Kind: graph.KindOf(id)}
			if iso, _ := r.Values[1].(string); iso != "" {
				if n.Date, err = graph.ParsePartialDate(iso); err != nil {
					return nil, fmt.Errorf("node %s: %w", id, err)
				}
			}
			out = append(out, n)
		}
		return out, nil
	})
	if err != nil && graph.ErrorCode(err) != graph.ENOTFOUND {
		return nil, fmt.Errorf("neo4j: involved: %w", err)
	}
	return nodes, err
}

// InvolvedPage reads a page of Involved's nodes in one statement: the
// candidates kept in the date range and sorted in the database on their
// dateSort key (which orders as graph.ComparePartialDates), counted, cut
// after the cursor's place, and the page's nodes returned with their
// q.With edges and the nodes at those's other ends.
func (s *Store) InvolvedPage(ctx context.Context, q graph.PageQuery) (graph.InvolvedPage, error) {
	page := graph.InvolvedPage{Nodes: []*graph.Node{}}
	match, params, ok, err := involvedMatch(graph.InvolvedQuery{Kinds: q.Kinds, Rels: q.Rels, Sides: q.Sides})
	if !ok {
		return page, err
	}
	var b strings.Builder
	b.WriteString(match)
	// A date known to a year or a month is in range when a day of it is:
	// compare it with the bound cut to its own precision.
	inRange := func(op string, d time.Time, param string) {
		y, m, day := int64(d.Year()), int64(d.Month()), int64(d.Day())
		params[param+"Y"], params[param+"M"], params[param+"D"] = y*10000, y*10000+m*100, y*10000+m*100+day
		fmt.Fprintf(&b, `  AND CASE WHEN e.dateSort %% 100 <> 0 THEN e.dateSort %[1]s $%[2]sD
           WHEN e.dateSort %% 10000 <> 0 THEN e.dateSort %[1]s $%[2]sM
           ELSE e.dateSort %[1]s $%[2]sY END
`, op, param)
	}
	if q.From != nil {
		inRange(">=", q.From.FirstDay(), "from")
	}
	if q.To != nil {
		inRange("<=", q.To.LastDay(), "to")
	}
	dir, before := "DESC", "<"
	if q.Order == graph.DateAsc {
		dir, before = "ASC", ">"
	}
	params["first"] = q.First
	params["placeId"], params["placeSort"] = nil, nil
	if q.After != nil {
		params["placeId"] = q.After.ID
		if q.After.Date != nil {
			params["placeSort"] = dateSort(q.After.Date)
		}
	}
	// After the place: undated after dated, ties by id.
	fmt.Fprintf(&b, `WITH e ORDER BY e.dateSort IS NULL, e.dateSort %s, e.id
WITH collect(e) AS es
WITH size(es) AS total, [e IN es WHERE $placeId IS NULL OR CASE
    WHEN $placeSort IS NULL THEN e.dateSort IS NULL AND e.id > $placeId
    WHEN e.dateSort IS NULL THEN true
    ELSE e.dateSort %s $placeSort OR (e.dateSort = $placeSort AND e.id > $placeId) END][0..$first + 1] AS page
`, dir, before)
	// Each kind of edge along, in a subquery of its own: the page's nodes
	// are t for edges into them, f for edges out of them.
	edges, ends := []string{"[]"}, []string{"[]"}
	for i, w := range q.With {
		rel := edgeTypes([]string{w.Type})
		if rel == "" {
			continue
		}
		at, end := "t", "f"
		if w.Out {
			at, end = "f", "t"
		}
		fmt.Fprintf(&b, `CALL (page) {
  UNWIND page[0..$first] AS %s
  MATCH (f)-[r:%s]->(t)
  RETURN collect([type(r), f.id, t.id, r.title, r.since]) AS edges%d, collect(DISTINCT %s) AS ends%d
}
`, at, rel, i, node(end), i)
		edges, ends = append(edges, fmt.Sprintf("edges%d", i)), append(ends, fmt.Sprintf("ends%d", i))
	}
	fmt.Fprintf(&b, "RETURN [total, [e IN page | %s], %s, %s] AS row", node("e"), strings.Join(edges, " + "), strings.Join(ends, " + "))
	cypher := b.String()
	page, err = read(ctx, s, func(r *reader) (graph.InvolvedPage, error) {
		page := graph.InvolvedPage{Nodes: []*graph.Node{}}
		recs, err := r.rows(ctx, cypher, params)
		if err != nil {
			return page, err
		}
		if len(recs) == 0 || len(recs[0].Values) < 4 {
			return page, fmt.Errorf("no answer")
		}
		v := recs[0].Values
		total, _ := v[0].(int64)
		nodes, _ := v[1].([]any)
		if total == 0 {
			// Nothing, or a side that is not there: tell them apart.
			return page, allThere(ctx, r, q.Sides)
		}
		page.Total = int(total)
		if page.Nodes, err = nodesOf(columns(nodes)); err != nil {
			return page, err
		}
		if len(page.Nodes) > q.First {
			page.Nodes, page.HasNext = page.Nodes[:q.First], true
		}
		edges, _ := v[2].([]any)
		if page.Edges, err = edgesOf(records(edges)); err != nil {
			return page, err
		}
		slices.SortFunc(page.Edges, graph.CompareEdges)
		ends, _ := v[3].([]any)
		if page.Ends, err = nodesOf(columns(ends)); err != nil {
			return page, err
		}
		// A node at the end of two kinds of edge comes once.
		slices.SortFunc(page.Ends, func(a, b *graph.Node) int { return cmp.Compare(a.ID, b.ID) })
		page.Ends = slices.CompactFunc(page.Ends, func(a, b *graph.Node) bool { return a.ID == b.ID })
		return page, nil
	})
	if err != nil && graph.ErrorCode(err) != graph.ENOTFOUND {
		return page, fmt.Errorf("neo4j: involved page: %w", err)
	}
	return page, err
}

// allThere returns ENOTFOUND for the first of ids that is not in the
// graph.
func allThere(ctx context.Context, r *reader, ids []string) error {
	params := map[string]any{}
	lookup, ok := byLabel(ids, params)
	if !ok {
		return graph.Errorf(graph.ENOTFOUND, "no entity %q", ids[0])
	}
	recs, err := r.rows(ctx, lookup+" RETURN [n.id] AS row", params)
	if err != nil {
		return err
	}
	found := firstColumn(recs)
	for _, id := range ids {
		if !slices.Contains(found, id) {
			return graph.Errorf(graph.ENOTFOUND, "no entity %q", id)
		}
	}
	return nil
}

// maxCandidates is graph.Search's bound on the nodes of one kind it ranks.
const maxCandidates = 2000

// SearchNodes finds and ranks nodes by name in one statement: per label,
// the text index on the folded names narrows, the list of folded names
// decides, and the first maxCandidates by id are ranked, as graph.Search
// ranks them.
func (s *Store) SearchNodes(ctx context.Context, q graph.SearchQuery) ([]*graph.Node, error) {
	if q.Text == "" || q.First <= 0 {
		return nil, nil
	}
	var parts []string
	order := "CASE"
	for i, k := range graph.Kinds {
		l := labels[k]
		order += fmt.Sprintf(" WHEN n:%s THEN %d", l, i)
		if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, k) {
			continue
		}
		parts = append(parts, fmt.Sprintf(`MATCH (n:%s) WHERE n.foldedText CONTAINS $q AND any(x IN n.folded WHERE x CONTAINS $q)
  WITH n ORDER BY n.id LIMIT %d RETURN n`, l, maxCandidates))
		if k == graph.KindCountry && q.Code != "" {
			parts = append(parts, `MATCH (n:Country) WHERE (size($code) = 2 AND n.id = 'country:' + $code) OR (size($code) = 3 AND n.iso3 = $code) RETURN n`)
		}
	}
	order += " END"
	if len(parts) == 0 {
		return nil, nil
	}
	cypher := "CALL () {\n  " + strings.Join(parts, "\n  UNION\n  ") + `
}
WITH n, reduce(m = CASE WHEN n.iso2 = $upper OR n.iso3 = $upper THEN 0 ELSE 4 END, x IN coalesce(n.folded, []) |
  CASE WHEN x = $q THEN 0
       WHEN m > 1 AND x STARTS WITH $q THEN 1
       WHEN m > 2 AND ((' ' + x) CONTAINS (' ' + $q) OR (' ' + x) CONTAINS (' ال' + $q)) THEN 2
       WHEN m > 3 AND x CONTAINS $q THEN 3
       ELSE m END) AS rank
RETURN [` + node("n") + `] AS row ORDER BY rank, ` + order + `, n.id LIMIT $first`
	params := map[string]any{"q": q.Text, "code": q.Code, "upper": strings.ToUpper(q.Text), "first": q.First}
	nodes, err := read(ctx, s, func(r *reader) ([]*graph.Node, error) {
		recs, err := r.rows(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		return nodesOf(recs)
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: search: %w", err)
	}
	return nodes, nil
}

// OfficesIn reads the offices held in the sides of these nodes in one
// statement.
func (s *Store) OfficesIn(ctx context.Context, ids []string) ([]graph.Edge, error) {
	var b strings.Builder
	var parts, names []string
	params := map[string]any{}
	for i, id := range slices.Compact(slices.Sorted(slices.Values(ids))) {
		x := fmt.Sprintf("s%d", i)
		m, ok := lookup("MATCH", x, x, id)
		if !ok {
			return nil, graph.Errorf(graph.ENOTFOUND, "no entity %q", id)
		}
		b.WriteString(m)
		params[x] = id
		names = append(names, x)
		switch graph.KindOf(id) {
		case graph.KindCountry:
			parts = append(parts,
				"MATCH ()-[r:HOLDS_OFFICE]->("+x+") RETURN r",
				"MATCH ()-[r:HOLDS_OFFICE]->(:Organization)-[:BASED_IN|HOLDS_OFFICE]->("+x+") RETURN r")
		case graph.KindOrganization:
			parts = append(parts, "MATCH ()-[r:HOLDS_OFFICE]->("+x+") RETURN r")
		case graph.KindPerson:
			parts = append(parts, "MATCH ("+x+")-[r:HOLDS_OFFICE]->() RETURN r")
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "MATCH ()-[r:HOLDS_OFFICE]->() WHERE false RETURN r")
	}
	// Every side is matched first: one that is not there leaves no row.
	fmt.Fprintf(&b, "CALL (%s) {\n  %s\n}\nRETURN [type(r), startNode(r).id, endNode(r).id, r.title, r.since] AS row",
		strings.Join(names, ", "), strings.Join(parts, "\n  UNION\n  "))
	cypher := b.String()
	edges, err := read(ctx, s, func(r *reader) ([]graph.Edge, error) {
		recs, err := r.rows(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, allThere(ctx, r, ids)
		}
		return edgesOf(recs)
	})
	if err != nil && graph.ErrorCode(err) != graph.ENOTFOUND {
		return nil, fmt.Errorf("neo4j: offices: %w", err)
	}
	slices.SortFunc(edges, graph.CompareEdges)
	return edges, err
}

// ShortestPaths finds every shortest path in one statement and orders them
// in the database as graph.PathLess does, keeping the first.
func (s *Store) ShortestPaths(ctx context.Context, from, to string, maxHops, first int) ([]graph.Path, error) {
	if maxHops < 1 || maxHops > graph.MaxHops {
		return nil, graph.Errorf(graph.EINVALID, "maxHops must be between 1 and %d", graph.MaxHops)
	}
	params := map[string]any{"from": from, "to": to, "first": first}
	a, ok1 := lookup("MATCH", "a", "from", from)
	b, ok2 := lookup("MATCH", "b", "to", to)
	if !ok1 || !ok2 || first <= 0 {
		return []graph.Path{}, nil
	}
	// A step's key: whether it follows its edge (0) or goes against it
	// (1), then the edge's type, From, To and title; a path's key is its
	// steps' keys from the target back, compared as lists are.
	cypher := a + b + fmt.Sprintf(`MATCH p = allShortestPaths((a)-[:%s*..%d]-(b))
WITH p, [i IN range(0, length(p) - 1) | [CASE WHEN startNode(relationships(p)[i]) = nodes(p)[i] THEN 0 ELSE 1 END,
  type(relationships(p)[i]), startNode(relationships(p)[i]).id, endNode(relationships(p)[i]).id,
  coalesce(relationships(p)[i].title, ''), relationships(p)[i].since, nodes(p)[i].id, nodes(p)[i + 1].id]] AS steps
RETURN [steps] AS row ORDER BY reverse([s IN steps | s[0..5]]) LIMIT $first`, edgeTypes(nil), maxHops)
	paths, err := read(ctx, s, func(r *reader) ([]graph.Path, error) {
		recs, err := r.rows(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		out := make([]graph.Path, 0, len(recs))
		for _, r := range recs {
			steps, _ := r.Values[0].([]any)
			path := make(graph.Path, 0, len(steps))
			for _, st := range steps {
				v, _ := st.([]any)
				if len(v) != 8 {
					return nil, fmt.Errorf("unexpected step %v", st)
				}
				e, err := edgeOf(v[1:6])
				if err != nil {
					return nil, err
				}
				fromID, _ := v[6].(string)
				toID, _ := v[7].(string)
				path = append(path, graph.Step{From: fromID, To: toID, Edge: e})
			}
			out = append(out, path)
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: paths: %w", err)
	}
	return graph.SortPaths(paths, first), nil // as Go compares strings, too
}

var _ graph.Questions = (*Store)(nil)
