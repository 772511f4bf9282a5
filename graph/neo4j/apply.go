package neo4j

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/alaqat/alaqat/graph"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Apply stores one article's facts, replacing its earlier claims, in one
// transaction, and resolves the identity of what it reports (see
// graph.Rewrite).
func (s *Store) Apply(ctx context.Context, f *graph.Facts) error {
	return s.ApplyAll(ctx, []*graph.Facts{f})
}

// BatchSize is how many articles an import writes in one transaction by
// default: 1,000, the fastest measured (README, "Importing at speed");
// a larger batch holds more of the server's transaction memory.
func (s *Store) BatchSize() int { return 1000 }

// ApplyAll stores several articles' facts in one transaction, as Apply
// would one after the other: each article stays whole, and either all of
// them are stored or none. Articles imported before with the same facts
// are left alone.
func (s *Store) ApplyAll(ctx context.Context, all []*graph.Facts) error {
	for _, f := range all {
		if err := f.Validate(); err != nil {
			return fmt.Errorf("neo4j: apply %s: %w", f.Article.ID, err)
		}
	}
	// Imported before with the same facts: nothing to change. A concurrent
	// import of other facts wins as if it came after this one.
	ids := make([]string, len(all))
	for i, f := range all {
		ids[i] = f.Article.ID
	}
	stored, err := s.FactsHashes(ctx, ids)
	if err != nil {
		return fmt.Errorf("neo4j: apply %s: %w", all[0].Article.ID, err)
	}
	var todo []*graph.Facts
	for _, f := range all {
		if old := stored[f.Article.ID]; old != "" && old == f.Hash() {
			continue
		}
		todo = append(todo, f)
	}
	if len(todo) == 0 {
		return nil
	}
	err = s.inWrite(ctx, func(ctx context.Context, tx neo.ManagedTransaction) error {
		w := &ntx{tx: tx, batch: true, touched: map[string]bool{}}
		fresh, rest, err := graph.SplitNew(todo, func(ids []string) ([]string, error) {
			recs, err := w.run(ctx, `UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN id`, map[string]any{"ids": ids})
			return firstColumn(recs), err
		})
		if err != nil {
			return err
		}
		if err := w.applyNew(ctx, fresh); err != nil {
			return err
		}
		for _, i := range rest {
			if err := w.apply(ctx, todo[i]); err != nil {
				return err
			}
		}
		return w.remerge(ctx, slices.Sorted(maps.Keys(w.touched)))
	})
	if err != nil {
		return fmt.Errorf("neo4j: apply %s: %w", todo[0].Article.ID, err)
	}
	return nil
}

// DeleteArticle removes an article, its claims, evidence and reports, and
// resolves again what it reported with the reports that remain.
func (s *Store) DeleteArticle(ctx context.Context, id string) error {
	err := s.inWrite(ctx, func(ctx context.Context, tx neo.ManagedTransaction) error {
		w := &ntx{tx: tx}
		recs, err := run(ctx, tx, `OPTIONAL MATCH (a:Article {id: $id}) RETURN a IS NOT NULL`, map[string]any{"id": id})
		if err != nil {
			return err
		}
		if found, _ := recs[0].Values[0].(bool); !found {
			return graph.Errorf(graph.ENOTFOUND, "no article %q", id)
		}
		before, err := w.Reports(ctx, graph.ReportQuery{Articles: []string{id}})
		if err != nil {
			return err
		}
		facts, err := w.ArticleFacts(ctx, []string{id})
		if err != nil {
			return err
		}
		var oldPersons []graph.Report
		for _, f := range facts {
			_, oldPersons = graph.SplitReports(graph.ReportsOf(f))
		}
		if err := w.lockBlocks(ctx, append(slices.Clone(before), oldPersons...)); err != nil {
			return err
		}
		tallied, err := w.tally(ctx, oldPersons, nil)
		if err != nil {
			return err
		}
		before = append(before, tallied...)
		if err := w.Materialize(ctx, &graph.Materialized{Article: graph.Article{ID: id}}); err != nil {
			return err
		}
		if _, err := run(ctx, tx, `MATCH (r:Report {article: $id}) DELETE r`, map[string]any{"id": id}); err != nil {
			return err
		}
		if _, err := run(ctx, tx, cypherDeleteArticle, map[string]any{"article": id}); err != nil {
			return err
		}
		return graph.Rewrite(ctx, w, before, nil)
	})
	if err != nil {
		return fmt.Errorf("neo4j: delete %s: %w", id, err)
	}
	return nil
}

// inWrite runs fn in one managed write transaction, announcing its commit
// to readers before and confirming it after (see read).
func (s *Store) inWrite(ctx context.Context, fn func(context.Context, neo.ManagedTransaction) error) error {
	sess := s.session(ctx, neo.AccessModeWrite)
	defer sess.Close(ctx)
	token := newToken() // the driver may retry a transaction: one announcement for all tries
	announced := false
	defer func() {
		if !announced {
			return
		}
		// Confirm even if ctx ended: readers wait for it (or find the
		// transaction gone and confirm it themselves). A confirmation
		// that fails does not make the write fail: the commit is done (an
		// importer must not report it failed).
		c, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = s.mark(c, cypherFinished, token)
	}()
	_, err := sess.ExecuteWrite(ctx, func(tx neo.ManagedTransaction) (any, error) {
		if err := fn(ctx, tx); err != nil {
			return nil, err
		}
		if err := s.mark(ctx, cypherStarted, token); err != nil {
			return nil, fmt.Errorf("announcing the commit: %w", err)
		}
		announced = true
		if afterAnnounce != nil {
			afterAnnounce()
		}
		return nil, nil
	}, neo.WithTxMetadata(map[string]any{metaKey: token}))
	return unavailable(err)
}

// afterAnnounce, when set (by tests), runs between a write's announcement
// and its commit.
var afterAnnounce func()

// ntx is one write transaction: the store's graph.ResolveTx.
type ntx struct {
	tx     neo.ManagedTransaction
	all    []graph.Correction // every correction, once read
	active []graph.Correction // the corrections in force, once read
	read   bool
	locked map[string]bool // blocks locked by this transaction
	// batch is set for a transaction of articles (ApplyAll), which adds
	// no correction: the corrections are read once, and the nodes the
	// articles touch are merged once, at the end (touched), not after
	// each article: a node many articles name (a country) has its claims
	// read once a batch.
	batch   bool
	touched map[string]bool
	// added holds the claims that articles new to the store gave each
	// node in this transaction, and dirty the nodes that lost a claim or
	// whose claims were rewritten (an article imported again, an
	// identity resolved anew): remerge reads a node's claims only when it
	// is dirty or gained a claim it did not have (see settled).
	added map[string][]newClaim
	dirty map[string]bool
}

// newClaim is a claim a node gained: the article and its data's digest.
type newClaim struct{ article, digest string }

var _ graph.ResolveTx = (*ntx)(nil)
var _ graph.BlockReader = (*ntx)(nil)

func (w *ntx) run(ctx context.Context, cypher string, params map[string]any) ([]*neo.Record, error) {
	return run(ctx, w.tx, cypher, params)
}

func (w *ntx) apply(ctx context.Context, f *graph.Facts) error {
	a := f.Article
	// What the article said before and reported, in one round trip.
	recs, err := w.run(ctx, `OPTIONAL MATCH (a:Article {id: $id})
		RETURN a.facts, a.text, COLLECT { MATCH (r:Report {article: $id}) RETURN [r.entity, r.data] } AS reports`, map[string]any{"id": a.ID})
	if err != nil {
		return err
	}
	var before, oldPersons []graph.Report
	if data, _ := recs[0].Values[0].(string); data != "" {
		text, _ := recs[0].Values[1].(string)
		old, err := graph.DecodeFacts([]byte(data), text)
		if err != nil {
			return fmt.Errorf("article facts: %w", err)
		}
		_, oldPersons = graph.SplitReports(graph.ReportsOf(old))
	}
	list, _ := recs[0].Values[2].([]any)
	for _, v := range list {
		pair, _ := v.([]any)
		if len(pair) != 2 {
			continue
		}
		var r graph.Report
		data, _ := pair[1].(string)
		if err := json.Unmarshal([]byte(data), &r); err != nil {
			return fmt.Errorf("report: %w", err)
		}
		r.Entity, _ = pair[0].(string)
		before = append(before, r)
	}
	reports := graph.ReportsOf(f)
	after, people := graph.SplitReports(reports)
	if err := w.lockBlocks(ctx, append(append(slices.Clone(before), reports...), oldPersons...)); err != nil {
		return err
	}
	props, rows, err := articleRows(f, after)
	if err != nil {
		return err
	}
	// The article, its former reports out and its new ones in: one
	// statement.
	if _, err := w.run(ctx, cypherArticle+` WITH a
		CALL { MATCH (r:Report {article: $article}) DELETE r }
		CALL { UNWIND $rows AS row CREATE (r:Report) SET r = row, r.entity = '' }`,
		map[string]any{"article": a.ID, "props": props, "rows": rows}); err != nil {
		return err
	}
	tallied, err := w.tally(ctx, oldPersons, people)
	if err != nil {
		return err
	}
	return graph.Rewrite(ctx, w, append(append(before, after...), tallied...), []string{a.ID}, f)
}

// applyNew stores articles new to the store together: their blocks locked,
// their nodes and reports written in one statement, then one identity
// resolution for all of them (graph.Rewrite of all their reports), which
// gives what resolving them one after the other would (resolution does not
// depend on the order of the reports), reading each block once, not once
// an article.
func (w *ntx) applyNew(ctx context.Context, fs []*graph.Facts) error {
	if len(fs) == 0 {
		return nil
	}
	var seeds, people, all []graph.Report
	ids := make([]string, len(fs))
	articles := make([]map[string]any, len(fs))
	for i, f := range fs {
		reports := graph.ReportsOf(f)
		after, ppl := graph.SplitReports(reports)
		all = append(all, reports...)
		seeds, people, ids[i] = append(seeds, after...), append(people, ppl...), f.Article.ID
		props, rows, err := articleRows(f, after)
		if err != nil {
			return err
		}
		articles[i] = map[string]any{"id": f.Article.ID, "props": props, "rows": rows}
	}
	if err := w.lockBlocks(ctx, all); err != nil {
		return err
	}
	if _, err := w.run(ctx, `UNWIND $articles AS x MERGE (a:Article {id: x.id}) `+keepEdges("a", "x.props")+`
		WITH x CALL { WITH x UNWIND x.rows AS row CREATE (r:Report) SET r = row, r.entity = '' }`,
		map[string]any{"articles": articles}); err != nil {
		return err
	}
	tallied, err := w.tally(ctx, nil, people)
	if err != nil {
		return err
	}
	return graph.Rewrite(ctx, w, append(seeds, tallied...), ids, fs...)
}

// articleRows returns an article's properties and the rows of its
// reports, as stored.
func articleRows(f *graph.Facts, reports []graph.Report) (map[string]any, []map[string]any, error) {
	raw, err := graph.EncodeFacts(f)
	if err != nil {
		return nil, nil, err
	}
	props := articleProps(f.Article)
	props["factsHash"] = f.Hash()
	props["facts"] = string(raw)
	mentions := make([]string, len(f.Nodes))
	for i, n := range f.Nodes {
		mentions[i] = n.ID
	}
	props["mentions"] = mentions
	rows := make([]map[string]any, len(reports))
	for i, r := range reports {
		data, err := json.Marshal(r)
		if err != nil {
			return nil, nil, err
		}
		rows[i] = map[string]any{"key": r.Key, "article": r.Article, "node": r.Node, "block": r.Block,
			"match": r.Match, "year": r.Year, "data": string(data)}
	}
	return props, rows, nil
}

// tally takes an article's former person reports out of the tallies and
// its new ones in, and returns the tallies touched as reports (see
// graph.Retally), reading and writing them in one statement each.
func (w *ntx) tally(ctx context.Context, out, in []graph.Report) ([]graph.Report, error) {
	nodes := graph.TallyNodes(out, in)
	if len(nodes) == 0 {
		return nil, nil
	}
	recs, err := w.run(ctx, `MATCH (t:PersonTally) WHERE t.node IN $nodes RETURN t.node, t.entity, t.data`, map[string]any{"nodes": nodes})
	if err != nil {
		return nil, err
	}
	stored := make([]graph.StoredTally, len(recs))
	for i, rec := range recs {
		stored[i].Node, _ = rec.Values[0].(string)
		stored[i].Entity, _ = rec.Values[1].(string)
		stored[i].Data, _ = rec.Values[2].(string)
	}
	seeds, gone, keep, err := graph.Retally(stored, nodes, out, in)
	if err != nil {
		return nil, err
	}
	if len(gone) > 0 {
		if _, err := w.run(ctx, `MATCH (t:PersonTally) WHERE t.node IN $nodes DELETE t`, map[string]any{"nodes": gone}); err != nil {
			return nil, err
		}
	}
	if len(keep) > 0 {
		rows := make([]map[string]any, len(keep))
		for i, t := range keep {
			rows[i] = map[string]any{"node": t.Node, "block": t.Block, "entity": t.Entity, "data": t.Data}
		}
		if _, err := w.run(ctx, `UNWIND $rows AS row MERGE (t:PersonTally {node: row.node})
			SET t.block = row.block, t.entity = row.entity, t.data = row.data`, map[string]any{"rows": rows}); err != nil {
			return nil, err
		}
	}
	return seeds, nil
}

// LockBlocks takes the lock of the blocks of these reports
// (graph.BlockLocker).
func (w *ntx) LockBlocks(ctx context.Context, rs []graph.Report) error { return w.lockBlocks(ctx, rs) }

// lockBlocks takes the lock of the blocks of these reports, in order, so
// that two writers resolving one block take turns: the second reads the
// reports the first wrote.
func (w *ntx) lockBlocks(ctx context.Context, rs []graph.Report) error {
	var blocks []string
	for _, r := range rs {
		if !w.locked[r.Block] {
			blocks = append(blocks, r.Block)
		}
	}
	if len(blocks) == 0 {
		return nil
	}
	slices.Sort(blocks)
	blocks = slices.Compact(blocks)
	if w.locked == nil {
		w.locked = map[string]bool{}
	}
	for _, b := range blocks {
		w.locked[b] = true
	}
	_, err := w.run(ctx, `UNWIND $blocks AS b MERGE (x:Block {key: b}) SET x._lock = true REMOVE x._lock`, map[string]any{"blocks": blocks})
	return err
}

// Reports reads stored reports: those of agreements and meetings per
// article, persons' tallies per person id; a block's through BlockReports,
// which holds the statement of each kind of block query.
func (w *ntx) Reports(ctx context.Context, q graph.ReportQuery) ([]graph.Report, error) {
	var events, tallies string
	params := map[string]any{}
	switch {
	case q.Block != "":
		out, err := w.BlockReports(ctx, []graph.ReportQuery{q})
		if err != nil {
			return nil, err
		}
		return out[0], nil
	case len(q.Articles) > 0:
		events, params["v"] = `MATCH (r:Report) WHERE r.article IN $v`, q.Articles
	case len(q.Entities) > 0:
		events, tallies, params["v"] = `MATCH (r:Report) WHERE r.entity IN $v`, `MATCH (r:PersonTally) WHERE r.entity IN $v`, q.Entities
	default:
		events, params["v"] = `MATCH (r:PersonTally) WHERE r.node IN $v`, q.Nodes
	}
	isTally := len(q.Nodes) > 0
	cypher := `CALL { ` + events + ` RETURN r.entity AS entity, r.data AS data, ` + fmt.Sprint(isTally) + ` AS tally`
	if tallies != "" {
		cypher += ` UNION ALL ` + tallies + ` RETURN r.entity AS entity, r.data AS data, true AS tally`
	}
	recs, err := w.run(ctx, cypher+` } RETURN [entity, data, tally]`, params)
	if err != nil {
		return nil, fmt.Errorf("reports: %w", err)
	}
	rows := make([]any, len(recs))
	for i, rec := range recs {
		rows[i] = rec.Values[0]
	}
	return reportsOf(rows)
}

// cypherBlockReports reads the reports of several blocks, $qs: a list of
// {b: block, y: year or null, m: match or null, e: entities or null}, each
// read through the index its kind of query uses alone; a record of [i,
// rows] per query,
// rows as reportsOf reads them. A whole block is read through the (block,
// year) index, which holds every report (year is 0 when undated): the
// planner uses it for the block alone only when asked for a year that
// exists, and without that it scanned every report, a read that grew with
// the store (TestWritesSeek).
//
// A branch that does not apply to a query seeks a null key (whole, the
// block of a query for all of it, is null for the others), which finds
// nothing: guarded by a WHERE on q instead, each branch was planned as the
// seek first and the guard after, so every query read its whole block
// (3,134 reports for 8 queries of a batch on 40,000 articles), a read that
// grew with the block.
const cypherBlockReports = `UNWIND range(0, size($qs) - 1) AS i
WITH i, $qs[i] AS q
WITH i, q, CASE WHEN q.y IS NULL AND q.m IS NULL AND q.e IS NULL THEN q.b END AS whole
CALL (q, whole) {
  MATCH (r:Report {block: CASE WHEN q.y IS NOT NULL THEN q.b END}) WHERE r.year IN [q.y, 0] RETURN r.entity AS entity, r.data AS data, false AS tally
  UNION ALL
  MATCH (r:Report {block: q.b, match: q.m}) RETURN r.entity AS entity, r.data AS data, false AS tally
  UNION ALL
  MATCH (r:Report) WHERE r.entity IN q.e AND r.block = q.b RETURN r.entity AS entity, r.data AS data, false AS tally
  UNION ALL
  MATCH (r:Report {block: whole}) WHERE r.year IS NOT NULL RETURN r.entity AS entity, r.data AS data, false AS tally
  UNION ALL
  MATCH (r:PersonTally {block: whole}) RETURN r.entity AS entity, r.data AS data, true AS tally
}
WITH i, collect([entity, data, tally]) AS rows
RETURN collect([i, rows])`

// BlockReports reads the reports of several blocks in one statement
// (graph.BlockReader).
func (w *ntx) BlockReports(ctx context.Context, qs []graph.ReportQuery) ([][]graph.Report, error) {
	params := make([]map[string]any, len(qs))
	for i, q := range qs {
		if q.Block == "" || len(q.Articles)+len(q.Nodes) > 0 {
			return nil, fmt.Errorf("block reports: query %d selects no block", i)
		}
		p := map[string]any{"b": q.Block, "y": nil, "m": nil, "e": nil}
		switch {
		case len(q.Entities) > 0:
			p["e"] = q.Entities
		case q.Year != 0:
			p["y"] = q.Year
		case q.Match != "":
			p["m"] = q.Match
		}
		params[i] = p
	}
	recs, err := w.run(ctx, cypherBlockReports, map[string]any{"qs": params})
	if err != nil {
		return nil, fmt.Errorf("block reports: %w", err)
	}
	out := make([][]graph.Report, len(qs))
	if len(recs) == 0 {
		return out, nil
	}
	groups, _ := recs[0].Values[0].([]any)
	for _, g := range groups {
		pair, _ := g.([]any)
		if len(pair) != 2 {
			continue
		}
		i := integer(pair[0])
		rows, _ := pair[1].([]any)
		if i < 0 || i >= len(out) {
			return nil, fmt.Errorf("block reports: no query %d", i)
		}
		if out[i], err = reportsOf(rows); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// reportsOf decodes rows of [entity, data, tally] into reports, ordered by
// Key.
func reportsOf(rows []any) ([]graph.Report, error) {
	out := make([]graph.Report, 0, len(rows))
	for _, row := range rows {
		vals, _ := row.([]any)
		if len(vals) != 3 {
			return nil, fmt.Errorf("report: unexpected row %v", row)
		}
		var r graph.Report
		data, _ := vals[1].(string)
		if tally, _ := vals[2].(bool); tally {
			var t graph.PersonTally
			if err := json.Unmarshal([]byte(data), &t); err != nil {
				return nil, fmt.Errorf("person tally: %w", err)
			}
			r = t.Report()
		} else if err := json.Unmarshal([]byte(data), &r); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		r.Entity, _ = vals[0].(string)
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b graph.Report) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}

// SetEntities records what each report was resolved to.
func (w *ntx) SetEntities(ctx context.Context, entities map[string]string) error {
	var events, tallies []map[string]any
	for _, k := range slices.Sorted(maps.Keys(entities)) {
		row := map[string]any{"key": k, "entity": entities[k]}
		if strings.Contains(k, " ") {
			events = append(events, row)
		} else { // a person's tally, by id
			tallies = append(tallies, row)
		}
	}
	if len(events) > 0 {
		if _, err := w.run(ctx, `UNWIND $rows AS row MATCH (r:Report {key: row.key}) SET r.entity = row.entity`, map[string]any{"rows": events}); err != nil {
			return err
		}
	}
	if len(tallies) > 0 {
		if _, err := w.run(ctx, `UNWIND $rows AS row MATCH (r:PersonTally {node: row.key}) SET r.entity = row.entity`, map[string]any{"rows": tallies}); err != nil {
			return err
		}
	}
	return nil
}

// ArticleFacts reads the facts articles were applied with.
func (w *ntx) ArticleFacts(ctx context.Context, ids []string) ([]*graph.Facts, error) {
	recs, err := w.run(ctx, `MATCH (a:Article) WHERE a.id IN $ids RETURN a.facts, a.text`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return factsOf(recs)
}

// Claiming lists the articles that name one of the entities or facts, as
// they gave it or once resolved. Articles' mentions have no index: this
// reads every article, which corrections, being rare, can afford.
func (w *ntx) Claiming(ctx context.Context, facts []string) ([]string, error) {
	var nodes []string
	for _, f := range facts {
		if e, ok := graph.ParseEdgeKey(f); ok {
			nodes = append(nodes, e.From, e.To)
		} else {
			nodes = append(nodes, f)
		}
	}
	recs, err := w.run(ctx, `CALL {
			MATCH (a:Article) WHERE any(x IN a.mentions WHERE x IN $ids) RETURN a.id AS id
			UNION
			MATCH (r:Report) WHERE r.entity IN $ids RETURN r.article AS id
		} RETURN DISTINCT id`, map[string]any{"ids": nodes})
	if err != nil {
		return nil, err
	}
	return firstColumn(recs), nil
}

// Mentioning lists the articles whose facts name one of the raw person
// ids as one of the entities: the claims keep the raw id.
func (w *ntx) Mentioning(ctx context.Context, nodes, entities []string) ([]string, error) {
	recs, err := w.run(ctx, `MATCH (p:Person)-[c:CLAIMED_IN]->(a:Article) WHERE p.id IN $entities AND c.raw IN $nodes
		RETURN DISTINCT a.id`, map[string]any{"nodes": nodes, "entities": entities})
	if err != nil {
		return nil, err
	}
	return firstColumn(recs), nil
}

// firstColumn returns the strings of the records' first column.
func firstColumn(recs []*neo.Record) []string {
	out := make([]string, 0, len(recs))
	for _, r := range recs {
		id, _ := r.Values[0].(string)
		out = append(out, id)
	}
	return out
}

// Corrections reads every correction, undos included, and keeps the
// ones in force for merging nodes in this transaction.
func (w *ntx) Corrections(ctx context.Context) ([]graph.Correction, error) {
	if w.batch && w.read {
		return slices.Clone(w.all), nil
	}
	recs, err := w.run(ctx, `MATCH (c:Correction) RETURN c ORDER BY c.seq`, nil)
	if err != nil {
		return nil, err
	}
	all, err := correctionsOf(recs)
	if err != nil {
		return nil, err
	}
	w.all, w.active, w.read = slices.Clone(all), graph.Active(slices.Clone(all)), true
	return all, nil
}

// Materialize replaces an article's share of the graph: its claims,
// edges and evidence, and the merged properties of every node it touched
// before or touches now (MaterializeAll of it alone).
func (w *ntx) Materialize(ctx context.Context, m *graph.Materialized) error {
	return w.MaterializeAll(ctx, []*graph.Materialized{m})
}

// articleClaim is one claim of an article on a node.
type articleClaim struct{ node, article, data string }

// soilLost marks dirty the nodes of the claims before (rows of node,
// article, data) that are not claims now: they lose a claim, and remerge
// reads their claims whole. A node an article claims again as it did (a
// country, when its agreement is resolved anew) stays clean. It returns
// the nodes of the claims before.
func (w *ntx) soilLost(before []any, now map[articleClaim]bool) []string {
	if w.dirty == nil {
		w.dirty = map[string]bool{}
	}
	nodes := make([]string, 0, len(before))
	for _, row := range before {
		vals, _ := row.([]any)
		if len(vals) != 3 {
			continue
		}
		var c articleClaim
		c.node, _ = vals[0].(string)
		c.article, _ = vals[1].(string)
		c.data, _ = vals[2].(string)
		if !now[c] {
			w.dirty[c.node] = true
		}
		nodes = append(nodes, c.node)
	}
	return nodes
}

// gain notes a claim a node gained (see settled).
func (w *ntx) gain(id, article, data string) {
	if w.added == nil {
		w.added = map[string][]newClaim{}
	}
	w.added[id] = append(w.added[id], newClaim{article, digest(data)})
}

// merge brings the merged properties of the touched nodes up to date: now,
// or at the end of the batch when the transaction writes one.
func (w *ntx) merge(ctx context.Context, touched []string) error {
	if w.batch {
		for _, id := range touched {
			w.touched[id] = true
		}
		return nil
	}
	return w.remerge(ctx, touched)
}

// evidenceRow is a row of cypherEvidenceAll: the evidence leaves the node it
// supports, or an edge's From node.
func evidenceRow(ev graph.Evidence) map[string]any {
	owner := ev.Fact
	if e, ok := graph.ParseEdgeKey(ev.Fact); ok {
		owner = e.From
	}
	return map[string]any{"owner": owner, "fact": ev.Fact, "quote": ev.Quote, "start": ev.Start, "end": ev.End}
}

// MaterializeAll replaces the share of several articles, as Materialize
// would one after the other, in a fixed number of statements: the rows of
// every article in one statement per kind, an edge that several of them
// support once, with all of them.
func (w *ntx) MaterializeAll(ctx context.Context, ms []*graph.Materialized) error {
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.Article.ID
	}
	// The nodes the articles claim now, locked, and read again until no
	// other writer changed them in between: a writer changes an article's
	// claims only under the locks of the nodes it claimed.
	var touched []string
	var before []any // the claims, as they stand once their nodes are locked
	locked := map[string]bool{}
	for {
		recs, err := w.run(ctx, cypherClaimedBy, map[string]any{"articles": ids})
		if err != nil {
			return err
		}
		var fresh []string
		for _, id := range firstColumn(recs) {
			if !locked[id] {
				locked[id] = true
				fresh = append(fresh, id)
			}
		}
		if len(fresh) == 0 {
			before = make([]any, len(recs))
			for i, r := range recs {
				before[i] = r.Values
			}
			break
		}
		slices.Sort(fresh)
		if _, err := w.run(ctx, cypherLock, map[string]any{"ids": fresh}); err != nil {
			return err
		}
		touched = append(touched, fresh...)
	}
	// The edges the articles supported, as they stand under those locks:
	// an article's edges join nodes it claimed.
	recs, err := w.run(ctx, cypherEdgesOf, map[string]any{"articles": ids})
	if err != nil {
		return err
	}
	var gone []support
	for _, r := range recs {
		keys, sinces := strList(r.Values[0]), strList(r.Values[1])
		if len(keys) != len(sinces) {
			return fmt.Errorf("an article's edges: %d keys, %d dates", len(keys), len(sinces))
		}
		for i, k := range keys {
			e, ok := graph.ParseEdgeKey(k)
			if !ok {
				return fmt.Errorf("an article's edges: malformed key %q", k)
			}
			gone = append(gone, support{e.Type, e.From, e.To, e.Title, sinces[i]})
		}
	}
	now := map[articleClaim]bool{}
	var claims, evidence, supports []map[string]any
	var given []support
	var claimed []string // claimed now, not before: created and locked
	for _, m := range ms {
		id := m.Article.ID
		keys, sinces := make([]string, len(m.Edges)), make([]string, len(m.Edges))
		for i, e := range m.Edges {
			keys[i], sinces[i] = e.Key(), iso(e.Since)
			given = append(given, support{e.Type, e.From, e.To, e.Title, sinces[i]})
		}
		supports = append(supports, map[string]any{"id": id, "keys": keys, "sinces": sinces})
		for _, c := range m.Claims {
			data, err := c.JSON()
			if err != nil {
				return err
			}
			claims = append(claims, map[string]any{"article": id, "id": c.Entity, "raw": c.Node.ID, "data": data})
			w.gain(c.Entity, id, data)
			now[articleClaim{c.Entity, id, data}] = true
			if !locked[c.Entity] {
				claimed = append(claimed, c.Entity)
			}
		}
		for _, ev := range m.Evidence {
			row := evidenceRow(ev)
			row["article"] = id
			evidence = append(evidence, row)
		}
	}
	slices.Sort(claimed)
	claimed = slices.Compact(claimed)
	touched = append(touched, claimed...)
	w.soilLost(before, now)
	for _, st := range []struct {
		cypher string
		params map[string]any
		rows   int
	}{
		{cypherLock, map[string]any{"ids": claimed}, len(claimed)},
		{cypherUnsupportAll, map[string]any{"rows": edgeRows(gone)}, len(gone)},
		{cypherDropClaimsAll, map[string]any{"articles": ids}, 1},
		{cypherClaimsAll, map[string]any{"rows": claims}, len(claims)},
		{cypherEdgesAll, map[string]any{"rows": edgeRows(given)}, len(given)},
		{cypherArticleEdges, map[string]any{"rows": supports}, len(supports)},
		{cypherEvidenceAll, map[string]any{"rows": evidence}, len(evidence)},
	} {
		if st.rows == 0 {
			continue
		}
		if _, err := w.run(ctx, st.cypher, st.params); err != nil {
			return err
		}
	}
	return w.merge(ctx, touched)
}

// support is an article's support of an edge: the edge, and the date the
// article gives for it ("" when none).
type support struct{ typ, from, to, title, since string }

// edgeRows groups supports into a row an edge for cypherEdgesAll and
// cypherUnsupportAll: its type, nodes and title, how many articles (n),
// and each date they give with how many give it (vals, counts), in the
// order the edges come.
func edgeRows(ss []support) []map[string]any {
	type key struct{ typ, from, to, title string }
	rows := map[key]map[string]any{}
	var out []map[string]any
	for _, s := range ss {
		k := key{s.typ, s.from, s.to, s.title}
		row := rows[k]
		if row == nil {
			row = map[string]any{"type": s.typ, "from": s.from, "to": s.to, "title": s.title, "n": 0, "vals": []string{}, "counts": []int{}}
			rows[k] = row
			out = append(out, row)
		}
		row["n"] = row["n"].(int) + 1
		if s.since == "" {
			continue
		}
		vals, counts := row["vals"].([]string), row["counts"].([]int)
		if i := slices.Index(vals, s.since); i >= 0 {
			counts[i]++
		} else {
			row["vals"], row["counts"] = append(vals, s.since), append(counts, 1)
		}
	}
	return out
}

// The distinct claims a node's properties were last merged from, kept on
// the node as two lists (the digest of each claim's data and the first
// article that made it) beside the merged properties, for settled.
const (
	propClaimDigests = "claimDigests"
	propClaimFirsts  = "claimFirsts"
)

// digest names a claim's data in a node's claimDigests.
func digest(data string) string {
	sum := sha256.Sum256([]byte(data))
	return hex.EncodeToString(sum[:16])
}

// settled returns the nodes among ids whose merged properties this
// transaction cannot have changed, without reading their claims: those
// that only gained claims (not dirty), each with data the node was
// already merged from, first made by an article no later than the new one
// (merging reads each distinct claim once, in the order of its first
// article; see cypherClaimsOf). A country named by every article has its
// thousands of claims read when one says something new about it, not
// once a batch. A node merged before it kept claimDigests (an older
// version) is not settled, and gets them when it is merged.
func (w *ntx) settled(ctx context.Context, ids []string) (map[string]bool, error) {
	var ask []string
	for _, id := range ids {
		if len(w.added[id]) > 0 && !w.dirty[id] {
			ask = append(ask, id)
		}
	}
	if len(ask) == 0 {
		return nil, nil
	}
	recs, err := w.run(ctx, `UNWIND $ids AS id `+entity("id", "n")+`
		RETURN id, n.`+propClaimDigests+`, n.`+propClaimFirsts, map[string]any{"ids": ask})
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, r := range recs {
		id, _ := r.Values[0].(string)
		lists := map[string]any{"digests": r.Values[1], "firsts": r.Values[2]}
		digests, firsts := strs(lists, "digests"), strs(lists, "firsts")
		if len(digests) == 0 || len(digests) != len(firsts) {
			continue
		}
		first := make(map[string]string, len(digests))
		for i, d := range digests {
			first[d] = firsts[i]
		}
		ok := true
		for _, c := range w.added[id] {
			if f, seen := first[c.digest]; !seen || c.article < f {
				ok = false
				break
			}
		}
		if ok {
			out[id] = true
		}
	}
	return out, nil
}

// remerge recomputes the properties of the nodes from their claims and the
// corrections in force, and deletes the nodes no article claims any more.
func (w *ntx) remerge(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	if !w.read {
		if _, err := w.Corrections(ctx); err != nil {
			return err
		}
	}
	settled, err := w.settled(ctx, ids)
	if err != nil {
		return err
	}
	read := slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return settled[id] })
	var recs []*neo.Record
	if len(read) > 0 {
		if recs, err = w.run(ctx, cypherClaimsOf, map[string]any{"ids": read}); err != nil {
			return err
		}
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
		digests, firsts := make([]string, 0, len(list)), make([]string, 0, len(list))
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
			digests, firsts = append(digests, digest(data)), append(firsts, c.article)
		}
		props := mergedProps(claims, w.active)
		props[propClaimDigests], props[propClaimFirsts] = digests, firsts
		rows = append(rows, map[string]any{"id": id, "props": props})
	}
	slices.SortFunc(rows, func(a, b map[string]any) int { return cmp.Compare(a["id"].(string), b["id"].(string)) })
	if len(gone) > 0 {
		if _, err := w.run(ctx, cypherRemove, map[string]any{"ids": gone}); err != nil {
			return err
		}
	}
	if len(rows) > 0 {
		if _, err := w.run(ctx, cypherSetProps, map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	// The countries that nodes act for and that agreements and meetings
	// involve follow their edges, which a node's new articles may add
	// without changing its claims: every node kept has them again.
	kept := slices.Collect(maps.Keys(settled))
	for _, r := range rows {
		kept = append(kept, r["id"].(string))
	}
	slices.Sort(kept)
	if len(kept) > 0 {
		recs, err := w.run(ctx, cypherActsFor, map[string]any{"ids": kept})
		if err != nil {
			return err
		}
		if _, err := w.run(ctx, cypherCountries, map[string]any{"touched": kept, "changed": firstColumn(recs)}); err != nil {
			return err
		}
	}
	return nil
}
