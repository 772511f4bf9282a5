package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"strings"

	"github.com/alaqat/alaqat/graph"
)

// Apply stores one article's facts, replacing its earlier claims, in one
// transaction, and resolves the identity of what it reports (see
// graph.Rewrite).
func (s *Store) Apply(ctx context.Context, f *graph.Facts) error {
	return s.ApplyAll(ctx, []*graph.Facts{f})
}

// ApplyAll stores several articles' facts in one transaction, as Apply
// would one after the other: each article stays whole, and either all of
// them are stored or none. Bulk loads use it to share the cost of a commit.
func (s *Store) ApplyAll(ctx context.Context, all []*graph.Facts) error {
	for _, f := range all {
		if err := f.Validate(); err != nil {
			return err
		}
	}
	var w *writer
	defer func() {
		if w != nil {
			s.learned(ctx, w)
		}
	}()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		w = &writer{s: s, tx: tx, stmts: map[string]*sql.Stmt{}}
		defer w.close()
		fresh, rest, err := graph.SplitNew(all, func(ids []string) ([]string, error) {
			return scanStrings(w.query(ctx, `SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))`, jsonList(ids)))
		})
		if err != nil {
			return err
		}
		if err := w.applyNew(ctx, fresh); err != nil {
			return err
		}
		for _, i := range rest {
			if err := w.apply(ctx, all[i], all[i].Hash()); err != nil {
				return err
			}
		}
		return nil
	})
}

// applyNew stores articles new to the store together: their rows and
// reports, then one identity resolution for all of them (graph.Rewrite
// of all their reports), which gives what resolving them one after the
// other would (resolution does not depend on the order of the reports),
// reading each block once, not once an article.
func (w *writer) applyNew(ctx context.Context, fs []*graph.Facts) error {
	if len(fs) == 0 {
		return nil
	}
	var seeds, people []graph.Report
	ids := make([]string, len(fs))
	for i, f := range fs {
		a := f.Article
		raw, err := factsJSON(f)
		if err != nil {
			return err
		}
		if err := w.exec(ctx, `INSERT INTO articles (id, url, title, source, published, lang, text, facts_hash, facts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, a.URL, a.Title, a.Source, iso(a.Published), string(a.Lang), a.Text, f.Hash(), raw); err != nil {
			return err
		}
		after, ppl := graph.SplitReports(graph.ReportsOf(f))
		if err := w.putReports(ctx, after); err != nil {
			return err
		}
		seeds, people, ids[i] = append(seeds, after...), append(people, ppl...), a.ID
	}
	tallied, err := w.tally(ctx, nil, people)
	if err != nil {
		return err
	}
	w.fresh = map[string]bool{}
	for _, id := range ids {
		w.fresh[id] = true
	}
	defer func() { w.fresh = nil }()
	return graph.Rewrite(ctx, w, append(seeds, tallied...), ids, fs...)
}

// DeleteArticle removes an article, its claims and its reports, and
// resolves again what it reported with the reports that remain.
func (s *Store) DeleteArticle(ctx context.Context, id string) error {
	var w *writer
	defer func() {
		if w != nil {
			s.learned(ctx, w)
		}
	}()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		w = &writer{s: s, tx: tx, stmts: map[string]*sql.Stmt{}}
		defer w.close()
		old, err := w.Reports(ctx, graph.ReportQuery{Articles: []string{id}})
		if err != nil {
			return err
		}
		facts, err := w.ArticleFacts(ctx, []string{id})
		if err != nil {
			return err
		}
		if len(facts) == 0 {
			return graph.Errorf(graph.ENOTFOUND, "no article %q", id)
		}
		_, oldPersons := graph.SplitReports(graph.ReportsOf(facts[0]))
		tallied, err := w.tally(ctx, oldPersons, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id = ?`, id); err != nil {
			return err
		}
		return graph.Rewrite(ctx, w, append(old, tallied...), nil)
	})
}

// writer runs the statements of a write transaction, each prepared once.
// It is the store's graph.ResolveTx.
type writer struct {
	s     *Store // its statements, prepared once; nil: prepare in tx
	learn []string
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	fresh map[string]bool // articles whose share is empty already: Materialize need not remove it
}

var _ graph.ResolveTx = (*writer)(nil)

// stmt returns query as a statement of the transaction: the store's
// statement prepared once (see Store.prepared), bound to the transaction's
// connection, which keeps it prepared from one transaction to the next.
// A statement the store has not prepared yet is prepared in the
// transaction, and by the store once the transaction is over (learn): a
// transaction must not wait for another of the pool's connections.
func (w *writer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	st, ok := w.stmts[query]
	if !ok {
		var prepared any
		if w.s != nil {
			prepared, ok = w.s.stmts.Load(query)
		}
		if ok {
			st = w.tx.StmtContext(ctx, prepared.(*sql.Stmt))
		} else {
			var err error
			if st, err = w.tx.PrepareContext(ctx, query); err != nil {
				return nil, err
			}
			w.learn = append(w.learn, query)
		}
		w.stmts[query] = st
	}
	return st, nil
}

// learned prepares, outside any transaction, the statements a writer had
// to prepare in its own.
func (s *Store) learned(ctx context.Context, w *writer) {
	for _, q := range w.learn {
		s.prepared(ctx, q) // an error leaves it to be prepared in the next transaction
	}
}

func (w *writer) exec(ctx context.Context, query string, args ...any) error {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

func (w *writer) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *writer) apply(ctx context.Context, f *graph.Facts, hash string) error {
	a := f.Article
	var oldHash string
	existed := true
	switch err := w.tx.QueryRowContext(ctx, `SELECT facts_hash FROM articles WHERE id = ?`, a.ID).Scan(&oldHash); {
	case err == nil && oldHash == hash:
		return nil // imported before with the same facts: nothing to change
	case errors.Is(err, sql.ErrNoRows):
		existed = false
	case err != nil:
		return err
	}
	var before, oldPersons []graph.Report
	if existed {
		var err error
		if before, err = w.Reports(ctx, graph.ReportQuery{Articles: []string{a.ID}}); err != nil {
			return err
		}
		old, err := w.ArticleFacts(ctx, []string{a.ID})
		if err != nil {
			return err
		}
		for _, o := range old {
			_, oldPersons = graph.SplitReports(graph.ReportsOf(o))
		}
	}
	raw, err := factsJSON(f)
	if err != nil {
		return err
	}
	// The article's former share and reports go with its row.
	if err := w.exec(ctx, `DELETE FROM articles WHERE id = ?`, a.ID); err != nil {
		return err
	}
	if err := w.exec(ctx, `INSERT INTO articles (id, url, title, source, published, lang, text, facts_hash, facts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.URL, a.Title, a.Source, iso(a.Published), string(a.Lang), a.Text, hash, raw); err != nil {
		return err
	}
	after, people := graph.SplitReports(graph.ReportsOf(f))
	if err := w.putReports(ctx, after); err != nil {
		return err
	}
	tallied, err := w.tally(ctx, oldPersons, people)
	if err != nil {
		return err
	}
	w.fresh = map[string]bool{a.ID: true} // its former share went with its row
	defer func() { w.fresh = nil }()
	return graph.Rewrite(ctx, w, append(append(before, after...), tallied...), []string{a.ID}, f)
}

// tally takes an article's former person reports out of the tallies and
// its new ones in, and returns the tallies touched as reports (see
// graph.Retally), reading and writing them in one statement each.
func (w *writer) tally(ctx context.Context, out, in []graph.Report) ([]graph.Report, error) {
	nodes := graph.TallyNodes(out, in)
	if len(nodes) == 0 {
		return nil, nil
	}
	rows, err := w.query(ctx, `SELECT node_id, entity, data FROM person_tallies WHERE (block, node_id) IN (SELECT value->>0, value->>1 FROM json_each(?))`, personKeys(nodes))
	if err != nil {
		return nil, err
	}
	var stored []graph.StoredTally
	for rows.Next() {
		var t graph.StoredTally
		if err := rows.Scan(&t.Node, &t.Entity, &t.Data); err != nil {
			rows.Close()
			return nil, err
		}
		stored = append(stored, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	seeds, gone, keep, err := graph.Retally(stored, nodes, out, in)
	if err != nil {
		return nil, err
	}
	if len(gone) > 0 {
		if err := w.exec(ctx, `DELETE FROM person_tallies WHERE (block, node_id) IN (SELECT value->>0, value->>1 FROM json_each(?))`, personKeys(gone)); err != nil {
			return nil, err
		}
	}
	if len(keep) > 0 {
		list := make([][4]string, len(keep))
		for i, t := range keep {
			list[i] = [4]string{t.Node, t.Block, t.Entity, t.Data}
		}
		b, err := json.Marshal(list)
		if err != nil {
			return nil, err
		}
		if err := w.exec(ctx, `INSERT INTO person_tallies (node_id, block, entity, data)
			SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?) WHERE true
			ON CONFLICT (block, node_id) DO UPDATE SET data = excluded.data`, string(b)); err != nil {
			return nil, err
		}
	}
	return seeds, nil
}

// factsJSON encodes the facts as kept in articles.facts: the text is in a
// column of its own.
func factsJSON(f *graph.Facts) (string, error) {
	b, err := graph.EncodeFacts(f)
	return string(b), err
}

// Reports reads stored reports: those of agreements and meetings per
// article, persons' tallies per person id.
func (w *writer) Reports(ctx context.Context, q graph.ReportQuery) ([]graph.Report, error) {
	var rows *sql.Rows
	var err error
	const events = `SELECT entity, data, 0, key, article_id, node_id, block, match, year FROM reports `
	const persons = `SELECT entity, data, 1, '', '', '', '', '', 0 FROM person_tallies `
	switch {
	case len(q.Articles) > 0:
		rows, err = w.query(ctx, events+`WHERE article_id IN (SELECT value FROM json_each(?))`, jsonList(q.Articles))
	case len(q.Entities) > 0 && q.Block != "":
		rows, err = w.query(ctx, events+`WHERE block = ?1 AND entity IN (SELECT value FROM json_each(?2))`, q.Block, jsonList(q.Entities))
	case len(q.Entities) > 0: // corrections, rare: read whole
		rows, err = w.query(ctx, events+`WHERE entity IN (SELECT value FROM json_each(?1)) UNION ALL `+
			persons+`WHERE entity IN (SELECT value FROM json_each(?1))`, jsonList(q.Entities))
	case len(q.Nodes) > 0:
		rows, err = w.query(ctx, persons+`WHERE (block, node_id) IN (SELECT value->>0, value->>1 FROM json_each(?))`, personKeys(q.Nodes))
	case q.Year != 0:
		rows, err = w.query(ctx, events+`WHERE block = ? AND year IN (?, 0)`, q.Block, q.Year)
	case q.Match != "":
		rows, err = w.query(ctx, events+`WHERE block = ? AND match = ?`, q.Block, q.Match) // the block's rows, few
	default:
		rows, err = w.query(ctx, events+`WHERE block = ?1 UNION ALL `+persons+`WHERE block = ?1`, q.Block)
	}
	if err != nil {
		return nil, fmt.Errorf("reports: %w", err)
	}
	defer rows.Close()
	var out []graph.Report
	for rows.Next() {
		var entity, data string
		var tally bool
		var row graph.Report // what a report's row holds beside its JSON
		if err := rows.Scan(&entity, &data, &tally, &row.Key, &row.Article, &row.Node, &row.Block, &row.Match, &row.Year); err != nil {
			return nil, err
		}
		var r graph.Report
		if tally {
			var t graph.PersonTally
			if err := json.Unmarshal([]byte(data), &t); err != nil {
				return nil, fmt.Errorf("person tally: %w", err)
			}
			r = t.Report()
		} else {
			if err := json.Unmarshal([]byte(data), &r); err != nil {
				return nil, fmt.Errorf("report: %w", err)
			}
			r.Key, r.Article, r.Node, r.Block, r.Match, r.Year = row.Key, row.Article, row.Node, row.Block, row.Match, row.Year
		}
		r.Entity = entity
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b graph.Report) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}

// SetEntities records what each report was resolved to: one statement
// for reports, one for tallies.
func (w *writer) SetEntities(ctx context.Context, entities map[string]string) error {
	var reports, tallies [][]string
	for _, k := range slices.Sorted(maps.Keys(entities)) {
		if article, _, isReport := strings.Cut(k, " "); isReport {
			reports = append(reports, []string{article, k, entities[k]})
		} else { // a person's tally, by id
			tallies = append(tallies, []string{k, entities[k]})
		}
	}
	if len(reports) > 0 {
		b, _ := json.Marshal(reports)
		if err := w.exec(ctx, `UPDATE reports SET entity = x.value->>2 FROM json_each(?) x
			WHERE reports.article_id = x.value->>0 AND reports.key = x.value->>1`, string(b)); err != nil {
			return err
		}
	}
	if len(tallies) > 0 {
		for i, t := range tallies {
			tallies[i] = append(t, graph.PersonBlock(t[0]))
		}
		b, _ := json.Marshal(tallies)
		if err := w.exec(ctx, `UPDATE person_tallies SET entity = x.value->>1 FROM json_each(?) x
			WHERE person_tallies.block = x.value->>2 AND person_tallies.node_id = x.value->>0`, string(b)); err != nil {
			return err
		}
	}
	return nil
}

// ArticleFacts reads the facts articles were applied with.
func (w *writer) ArticleFacts(ctx context.Context, ids []string) ([]*graph.Facts, error) {
	return scanFacts(w.query(ctx, articleFactsQuery, jsonList(ids)))
}

const articleFactsQuery = `SELECT facts, text FROM articles WHERE id IN (SELECT value FROM json_each(?))`

// scanFacts decodes the facts and text of articles, as a query returns
// them.
func scanFacts(rows *sql.Rows, err error) ([]*graph.Facts, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*graph.Facts
	for rows.Next() {
		var data, text string
		if err := rows.Scan(&data, &text); err != nil {
			return nil, err
		}
		f, err := decodeFacts(data, text)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Claiming lists the articles that name one of the entities or facts, as
// they gave it or once resolved.
func (w *writer) Claiming(ctx context.Context, facts []string) ([]string, error) {
	var nodes []string
	for _, f := range facts {
		if e, ok := graph.ParseEdgeKey(f); ok {
			nodes = append(nodes, e.From, e.To)
		} else {
			nodes = append(nodes, f)
		}
	}
	list := jsonList(nodes)
	// The claims tell who names what but for what a rejection withdrew:
	// for that, the articles' facts as given, read whole (corrections are
	// rare).
	return scanStrings(w.query(ctx, `SELECT article_id FROM claims WHERE raw_id IN (SELECT value FROM json_each(?1))
		UNION SELECT article_id FROM claims WHERE node_id IN (SELECT value FROM json_each(?1))
		UNION SELECT article_id FROM reports WHERE entity IN (SELECT value FROM json_each(?1))
		UNION SELECT a.id FROM articles a, json_each(?1) n WHERE instr(a.facts, '"' || n.value || '"') > 0`, list))
}

// Mentioning lists the articles whose facts name one of the raw ids as
// one of the entities.
func (w *writer) Mentioning(ctx context.Context, nodes, entities []string) ([]string, error) {
	return scanStrings(w.query(ctx, `SELECT DISTINCT article_id FROM claims WHERE node_id IN (SELECT value FROM json_each(?))
		AND raw_id IN (SELECT value FROM json_each(?))`, jsonList(entities), jsonList(nodes)))
}

// Materialize replaces an article's share of the graph.
func (w *writer) Materialize(ctx context.Context, m *graph.Materialized) error {
	return w.MaterializeAll(ctx, []*graph.Materialized{m})
}

// MaterializeAll replaces the share of several articles: the rows they
// had go, and each kind of row is written for all of them at once, in
// the order of the table's key, so that the B-tree is walked once, not
// once an article: statements of many rows (VALUES lists of bound
// parameters, which cost less than a JSON array that json_each reads).
func (w *writer) MaterializeAll(ctx context.Context, ms []*graph.Materialized) error {
	var stale []string
	for _, m := range ms {
		if !w.fresh[m.Article.ID] {
			stale = append(stale, m.Article.ID)
		}
	}
	if len(stale) > 0 {
		for _, table := range []string{"claims", "edges", "evidence"} {
			if err := w.exec(ctx, `DELETE FROM `+table+` WHERE article_id IN (SELECT value FROM json_each(?))`, jsonList(stale)); err != nil {
				return err
			}
		}
	}
	var claims, edges, evidence [][]any
	type counted struct{ by, entity string } // a spelling or a kind, and an entity
	type spelled struct {
		kind   graph.Kind
		claims int
	}
	spellings := map[counted]*spelled{} // the claims that give each spelling of an entity
	kinds := map[counted]int{}          // the claims of each entity, by kind
	for _, m := range ms {
		id := m.Article.ID
		for _, c := range m.Claims {
			data, err := c.JSON()
			if err != nil {
				return err
			}
			names := foldedNames(c.Node)
			claims = append(claims, []any{c.Entity, id, c.Node.ID, string(c.Node.Kind), data, jsonList(names)})
			kinds[counted{string(c.Node.Kind), c.Entity}]++
			for _, name := range names {
				if n := spellings[counted{name, c.Entity}]; n != nil {
					n.claims++
				} else {
					spellings[counted{name, c.Entity}] = &spelled{c.Node.Kind, 1}
				}
			}
		}
		for _, e := range m.Edges {
			edges = append(edges, []any{id, e.Type, e.From, e.To, e.Title, iso(e.Since)})
		}
		for _, ev := range m.Evidence {
			evidence = append(evidence, []any{id, ev.Fact, ev.Start, ev.End, ev.Quote})
		}
	}
	var nodeNames, nodeKinds [][]any
	for k, n := range spellings {
		nodeNames = append(nodeNames, []any{k.by, k.entity, string(n.kind), n.claims})
	}
	for k, n := range kinds {
		nodeKinds = append(nodeKinds, []any{k.by, k.entity, n})
	}
	// OR ROLLBACK: a row that is there already is a bug, which fails the
	// whole transaction, and a statement that cannot fail halfway needs no
	// statement journal (the claims, edges and passages declare no foreign
	// key, which would need one too: see migration 7). The spellings the
	// claims give and the entities they are of are counted once a batch,
	// not once a claim (a country, thousands of times a batch); a claim
	// deleted takes itself out of both counts (the trigger claims_deleted).
	for _, x := range []struct {
		insert string // up to VALUES
		rows   [][]any
		key    int    // the columns of the table's key, first in each row
		then   string // after the VALUES
	}{
		{`INSERT OR ROLLBACK INTO claims (node_id, article_id, raw_id, kind, data, folded) VALUES `, claims, 3, ""},
		{`INSERT INTO node_names (folded, node_id, kind, claims) VALUES `, nodeNames, 2,
			` ON CONFLICT (folded, node_id) DO UPDATE SET claims = claims + excluded.claims`},
		{`INSERT INTO node_kinds (kind, node_id, claims) VALUES `, nodeKinds, 2,
			` ON CONFLICT (kind, node_id) DO UPDATE SET claims = claims + excluded.claims`},
		{`INSERT OR ROLLBACK INTO edges (article_id, type, from_id, to_id, title, since) VALUES `, edges, 5, ""},
		{`INSERT OR ROLLBACK INTO evidence (article_id, fact, start, end, quote) VALUES `, evidence, 4, ""},
	} {
		if err := w.insertSorted(ctx, x.insert, x.rows, x.key, x.then); err != nil {
			return err
		}
	}
	return nil
}

// insertSorted inserts rows in the order of their first key columns, so
// that the table's B-tree is walked once: statements of many rows (VALUES
// lists of bound parameters, which cost less than a JSON array that
// json_each reads), insert being the statement up to VALUES and then what
// follows them.
func (w *writer) insertSorted(ctx context.Context, insert string, rows [][]any, key int, then string) error {
	slices.SortFunc(rows, func(a, b []any) int { return compareKey(a[:key], b[:key]) })
	for len(rows) > 0 {
		n := min(len(rows), maxInsertRows)
		n = 1 << (bits.Len(uint(n)) - 1) // a power of two: few statements to prepare
		args := make([]any, 0, n*len(rows[0]))
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		tuple := "(" + strings.Repeat("?, ", len(rows[0])-1) + "?)"
		if err := w.exec(ctx, insert+strings.Repeat(tuple+", ", n-1)+tuple+then, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// maxInsertRows bounds the rows of one INSERT statement (SQLite takes
// 32,766 parameters at most).
const maxInsertRows = 256

// compareKey orders rows by their key columns, strings and integers, as
// SQLite's BINARY collation does.
func compareKey(a, b []any) int {
	for i := range a {
		var c int
		switch x := a[i].(type) {
		case string:
			c = strings.Compare(x, b[i].(string))
		case int:
			c = cmp.Compare(x, b[i].(int))
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// foldedNames returns the distinct folded spellings of a node's names.
func foldedNames(n graph.Node) []string {
	var out []string
	for _, t := range append([]string{n.Name}, nameTexts(n.Names)...) {
		if f := graph.Fold(t); f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func nameTexts(ns []graph.Name) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Text
	}
	return out
}

// Corrections reads every correction, undos included, oldest first.
func (w *writer) Corrections(ctx context.Context) ([]graph.Correction, error) {
	rows, err := w.query(ctx, correctionColumns+` ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	return scanCorrections(rows)
}

const correctionColumns = `SELECT seq, op, target, source, name, article, reason, author, at FROM corrections`

func scanCorrections(rows *sql.Rows) ([]graph.Correction, error) {
	defer rows.Close()
	var out []graph.Correction
	for rows.Next() {
		var c graph.Correction
		var op, at string
		if err := rows.Scan(&c.Seq, &op, &c.Target, &c.Source, &c.Name, &c.Article, &c.Reason, &c.Author, &at); err != nil {
			return nil, err
		}
		c.Op = graph.CorrectionOp(op)
		c.ID = fmt.Sprintf("correction:%d", c.Seq)
		c.At = parseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

func decodeFacts(data, text string) (*graph.Facts, error) {
	f, err := graph.DecodeFacts([]byte(data), text)
	if err != nil {
		return nil, fmt.Errorf("article facts: %w", err)
	}
	return f, nil
}

// putReports stores new reports, not yet resolved, in the order of the
// table's key. A report's JSON leaves out what the row's columns hold
// (Reports puts it back).
func (w *writer) putReports(ctx context.Context, rs []graph.Report) error {
	rows := make([][]any, len(rs))
	for i, r := range rs {
		slim := r
		slim.Key, slim.Article, slim.Node, slim.Block, slim.Match, slim.Year = "", "", "", "", "", 0
		data, err := json.Marshal(slim)
		if err != nil {
			return err
		}
		rows[i] = []any{r.Block, r.Year, r.Key, r.Article, r.Node, r.Match, "", string(data)}
	}
	return w.insertSorted(ctx, `INSERT INTO reports (block, year, key, article_id, node_id, match, entity, data) VALUES `, rows, 3, "")
}

// personKeys lists person ids as [block, id] pairs, the key of their
// tallies.
func personKeys(ids []string) string {
	keys := make([][2]string, len(ids))
	for i, id := range ids {
		keys[i] = [2]string{graph.PersonBlock(id), id}
	}
	b, _ := json.Marshal(keys)
	return string(b)
}

// BatchSize is how many articles an import writes in one transaction by
// default: 5,000. A batch's inserts land in fewer distinct B-tree pages
// than its articles one by one, and each page is written to the WAL once
// a commit; on 100,000 synthetic articles, 10,000 more took 20 s in
// batches of 1,000, 16 s in batches of 2,000, 15 s of 5,000 and 14 s of
// 10,000 (README, "Importing at speed").
func (s *Store) BatchSize() int { return 5000 }
