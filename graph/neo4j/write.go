package neo4j

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/alaqat/alaqat/graph"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Apply stores one article's facts, replacing its earlier claims, in one
// transaction.
func (s *Store) Apply(ctx context.Context, f *graph.Facts) error {
	if err := f.Validate(); err != nil {
		return fmt.Errorf("neo4j: apply %s: %w", f.Article.ID, err)
	}
	w, err := newWrite(f)
	if err != nil {
		return fmt.Errorf("neo4j: apply %s: %w", f.Article.ID, err)
	}
	// Imported before with the same facts: nothing to change. A concurrent
	// import of other facts wins as if it came after this one.
	if old, err := s.factsHash(ctx, f.Article.ID); err == nil && old != "" && old == w.props["factsHash"] {
		return nil
	}
	if err := s.write(ctx, w); err != nil {
		return fmt.Errorf("neo4j: apply %s: %w", f.Article.ID, err)
	}
	return nil
}

// DeleteArticle removes an article, its claims and its evidence; nodes and
// edges no other article supports go with them.
func (s *Store) DeleteArticle(ctx context.Context, id string) error {
	if err := s.write(ctx, &write{article: id, delete: true}); err != nil {
		return fmt.Errorf("neo4j: delete %s: %w", id, err)
	}
	return nil
}

// factsHash reads the digest of the facts an article was last imported
// with, "" if it is not in the graph.
func (s *Store) factsHash(ctx context.Context, id string) (string, error) {
	res, err := neo.ExecuteQuery(ctx, s.driver, `MATCH (a:Article {id: $id}) RETURN a.factsHash AS h`, map[string]any{"id": id},
		neo.EagerResultTransformer, s.queryOptions()...)
	if err != nil || len(res.Records) == 0 {
		return "", err
	}
	h, _ := res.Records[0].Values[0].(string)
	return h, nil
}

// write is one article's change, prepared as statement parameters.
type write struct {
	article  string
	delete   bool
	props    map[string]any   // the Article node's properties
	nodes    []string         // ids of the nodes the article claims
	claims   []map[string]any // {id, data}
	edges    []map[string]any // {type, from, to, title, since}
	evidence []map[string]any // {owner, fact, quote, start, end}
}

func newWrite(f *graph.Facts) (*write, error) {
	w := &write{article: f.Article.ID, props: articleProps(f.Article)}
	w.props["factsHash"] = f.Hash()
	for _, n := range f.Nodes {
		row, err := claimRow(n)
		if err != nil {
			return nil, err
		}
		w.nodes = append(w.nodes, n.ID)
		w.claims = append(w.claims, row)
	}
	// One row per edge key, with the earliest since the article states, as
	// the article may state an edge twice.
	edges := map[string]graph.Edge{}
	for _, e := range f.Edges {
		if old, ok := edges[e.Key()]; !ok || (e.Since != nil && graph.ComparePartialDates(e.Since, old.Since) < 0) {
			edges[e.Key()] = e
		}
	}
	for _, key := range sortedKeys(edges) {
		e := edges[key]
		w.edges = append(w.edges, map[string]any{"type": e.Type, "from": e.From, "to": e.To, "title": e.Title, "since": iso(e.Since)})
	}
	// Evidence leaves the node it supports, or an edge's From node; the
	// same passage for the same fact counts once.
	seen := map[string]bool{}
	for _, ev := range f.Evidence {
		id := fmt.Sprint(ev.Fact, "\x00", ev.Start, "\x00", ev.End)
		if seen[id] {
			continue
		}
		seen[id] = true
		owner := ev.Fact
		if e, ok := edges[ev.Fact]; ok {
			owner = e.From
		}
		w.evidence = append(w.evidence, map[string]any{"owner": owner, "fact": ev.Fact, "quote": ev.Quote, "start": ev.Start, "end": ev.End})
	}
	return w, nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// perLabel repeats body (a clause using n) once per entity label, each
// guarded so that it runs for rows whose id is of that label's kind: MERGE
// needs its label written out to use the label's uniqueness constraint.
func perLabel(body string) string {
	var b strings.Builder
	for _, k := range graph.Kinds {
		fmt.Fprintf(&b, "FOREACH (_ IN CASE WHEN row.id STARTS WITH '%s:' THEN [1] ELSE [] END | MERGE (n:%s {id: row.id}) %s) ",
			k, labels[k], body)
	}
	return b.String()
}

// perType repeats body (a clause using f, t and r) once per edge type,
// each guarded by the row's type.
func perType(body string) string {
	var b strings.Builder
	for _, t := range graph.EdgeTypes {
		fmt.Fprintf(&b, "FOREACH (_ IN CASE WHEN row.type = '%s' THEN [1] ELSE [] END | MERGE (f)-[r:%s {title: row.title}]->(t) %s) ",
			t, t, body)
	}
	return b.String()
}

// earliest is the Cypher for the earliest non-empty ISO date of r.sinces:
// ISO partial dates order as strings do.
const earliest = "reduce(m = null, x IN r.sinces | CASE WHEN x = '' OR (m IS NOT NULL AND m <= x) THEN m ELSE x END)"

var (
	// The nodes the article claimed before, and whether it exists.
	cypherOld = `OPTIONAL MATCH (a:Article {id: $article})
		RETURN a IS NOT NULL AS found, [(a)<-[:CLAIMED_IN]-(n) | n.id] AS nodes`

	// Create missing nodes and lock every node the write touches, in id
	// order, so that concurrent writes to a node take turns: the edges and
	// merged properties below are read and rewritten under these locks.
	cypherLock = `UNWIND $ids AS id WITH {id: id} AS row ` + perLabel("SET n._lock = true REMOVE n._lock")

	// Withdraw the article's support from its edges; delete the edges left
	// with none.
	cypherUnsupport = `MATCH (:Article {id: $article})<-[:CLAIMED_IN]-(n)-[r:` + edgeTypes(nil) + `]->()
		WHERE $article IN r.articles
		WITH DISTINCT r, [i IN range(0, size(r.articles) - 1) WHERE r.articles[i] <> $article] AS keep
		SET r.sinces = [i IN keep | r.sinces[i]], r.articles = [i IN keep | r.articles[i]]
		SET r.since = ` + earliest + `
		WITH r WHERE size(r.articles) = 0
		DELETE r`

	cypherDropClaims = `MATCH (:Article {id: $article})<-[r:CLAIMED_IN|SUPPORTED_BY]-() DELETE r`

	cypherDeleteArticle = `MATCH (a:Article {id: $article}) DETACH DELETE a`

	cypherArticle = `MERGE (a:Article {id: $article}) SET a = $props`

	cypherClaims = `MATCH (a:Article {id: $article}) UNWIND $rows AS row ` +
		perLabel("CREATE (n)-[:CLAIMED_IN {data: row.data}]->(a)")

	cypherEdges = `UNWIND $rows AS row ` +
		entity("row.from", "f") + ` ` + entity("row.to", "t") + ` ` +
		perType(`ON CREATE SET r.articles = [$article], r.sinces = [row.since]
			ON MATCH SET r.articles = r.articles + $article, r.sinces = r.sinces + row.since
			SET r.since = `+earliest)

	cypherEvidence = `MATCH (a:Article {id: $article}) UNWIND $rows AS row ` + entity("row.owner", "n") +
		` CREATE (n)-[:SUPPORTED_BY {fact: row.fact, quote: row.quote, start: row.start, ` + "`end`" + `: row.end}]->(a)`

	// Each distinct claim once, with the first article that made it: many
	// articles make the same claim (every article naming Qatar claims the
	// gazetteer's Qatar), and merging each distinct claim once, in the
	// order of its first article, gives what merging them all would.
	cypherClaimsOf = `UNWIND $ids AS id ` + entity("id", "n") +
		` RETURN id, COLLECT { MATCH (n)-[c:CLAIMED_IN]->(a:Article) WITH c.data AS data, min(a.id) AS first RETURN [first, data] } AS claims`

	cypherRemove = `UNWIND $ids AS id ` + entity("id", "n") + ` DETACH DELETE n`

	cypherSetProps = `UNWIND $rows AS row ` + entity("row.id", "n") + ` SET n = row.props`
)

// write applies w in one managed transaction, announcing its commit to
// readers before and confirming it after (see read).
func (s *Store) write(ctx context.Context, w *write) error {
	return s.inWrite(ctx, w.run)
}

// inWrite runs fn in one managed write transaction, announcing its commit
// to readers before and confirming it after (see read).
func (s *Store) inWrite(ctx context.Context, fn func(context.Context, neo.ManagedTransaction) error) (err error) {
	sess := s.session(ctx, neo.AccessModeWrite)
	defer sess.Close(ctx)
	announced := 0 // the driver may retry a transaction that failed to commit
	defer func() {
		if announced == 0 {
			return
		}
		// Confirm even if ctx ended: readers wait for it.
		c, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if cerr := s.mark(c, cypherFinished, announced); cerr != nil && err == nil {
			err = fmt.Errorf("confirming the commit: %w", cerr)
		}
	}()
	_, err = sess.ExecuteWrite(ctx, func(tx neo.ManagedTransaction) (any, error) {
		if err := fn(ctx, tx); err != nil {
			return nil, err
		}
		if err := s.mark(ctx, cypherStarted, 1); err != nil {
			return nil, fmt.Errorf("announcing the commit: %w", err)
		}
		announced++
		return nil, nil
	})
	return err
}

func (w *write) run(ctx context.Context, tx neo.ManagedTransaction) error {
	p := map[string]any{"article": w.article}
	recs, err := run(ctx, tx, cypherOld, p)
	if err != nil {
		return err
	}
	found, _ := recs[0].Get("found")
	if w.delete && found != true {
		return graph.Errorf(graph.ENOTFOUND, "no article %q", w.article)
	}
	nodes, _ := recs[0].Get("nodes")
	touched := append(strs(map[string]any{"nodes": nodes}, "nodes"), w.nodes...)
	slices.Sort(touched)
	touched = slices.Compact(touched)

	type step struct {
		cypher string
		params map[string]any
	}
	steps := []step{{cypherLock, map[string]any{"ids": touched}}, {cypherUnsupport, p}}
	if w.delete {
		steps = append(steps, step{cypherDeleteArticle, p})
	} else {
		steps = append(steps,
			step{cypherDropClaims, p},
			step{cypherArticle, map[string]any{"article": w.article, "props": w.props}},
			step{cypherClaims, map[string]any{"article": w.article, "rows": w.claims}},
			step{cypherEdges, map[string]any{"article": w.article, "rows": w.edges}},
			step{cypherEvidence, map[string]any{"article": w.article, "rows": w.evidence}},
		)
	}
	for _, st := range steps {
		if rows, ok := st.params["rows"].([]map[string]any); ok && len(rows) == 0 {
			continue
		}
		if _, err := run(ctx, tx, st.cypher, st.params); err != nil {
			return err
		}
	}
	return remerge(ctx, tx, touched)
}

// remerge recomputes the properties of the nodes from their claims, and
// deletes the nodes no article claims any more.
func remerge(ctx context.Context, tx neo.ManagedTransaction, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	recs, err := run(ctx, tx, cypherClaimsOf, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	var gone []string
	var rows []map[string]any
	for _, r := range recs {
		id, _ := r.Values[0].(string)
		list, _ := r.Values[1].([]any)
		if len(list) == 0 {
			gone = append(gone, id)
			continue
		}
		claims := make([]claim, 0, len(list))
		for _, v := range list {
			pair, _ := v.([]any)
			if len(pair) != 2 {
				return fmt.Errorf("node %s: malformed claim", id)
			}
			c := claim{}
			c.article, _ = pair[0].(string)
			data, _ := pair[1].(string)
			if err := json.Unmarshal([]byte(data), &c.node); err != nil {
				return fmt.Errorf("node %s: claim of %s: %w", id, c.article, err)
			}
			claims = append(claims, c)
		}
		rows = append(rows, map[string]any{"id": id, "props": mergedProps(claims)})
	}
	slices.SortFunc(rows, func(a, b map[string]any) int { return cmp.Compare(a["id"].(string), b["id"].(string)) })
	if len(gone) > 0 {
		if _, err := run(ctx, tx, cypherRemove, map[string]any{"ids": gone}); err != nil {
			return err
		}
	}
	if len(rows) > 0 {
		if _, err := run(ctx, tx, cypherSetProps, map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	return nil
}
