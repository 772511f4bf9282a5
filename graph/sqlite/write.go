package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
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
	hashes := make([]string, len(all))
	for i, f := range all {
		if err := f.Validate(); err != nil {
			return err
		}
		hashes[i] = f.Hash()
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		w := &writer{tx: tx, stmts: map[string]*sql.Stmt{}}
		defer w.close()
		for i, f := range all {
			if err := w.apply(ctx, f, hashes[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// DeleteArticle removes an article, its claims and its reports, and
// resolves again what it reported with the reports that remain.
func (s *Store) DeleteArticle(ctx context.Context, id string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		w := &writer{tx: tx, stmts: map[string]*sql.Stmt{}}
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
		tallied, err := w.tally(ctx, persons(graph.ReportsOf(facts[0])), nil)
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
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

var _ graph.ResolveTx = (*writer)(nil)

func (w *writer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	st, ok := w.stmts[query]
	if !ok {
		var err error
		if st, err = w.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		w.stmts[query] = st
	}
	return st, nil
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
	switch err := w.tx.QueryRowContext(ctx, `SELECT facts_hash FROM articles WHERE id = ?`, a.ID).Scan(&oldHash); {
	case err == nil && oldHash == hash:
		return nil // imported before with the same facts: nothing to change
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return err
	}
	before, err := w.Reports(ctx, graph.ReportQuery{Articles: []string{a.ID}})
	if err != nil {
		return err
	}
	old, err := w.ArticleFacts(ctx, []string{a.ID})
	if err != nil {
		return err
	}
	var oldPersons []graph.Report
	for _, o := range old {
		oldPersons = persons(graph.ReportsOf(o))
	}
	raw, err := factsJSON(f)
	if err != nil {
		return err
	}
	// The article's former share, mentions and reports go with its row.
	if err := w.exec(ctx, `DELETE FROM articles WHERE id = ?`, a.ID); err != nil {
		return err
	}
	if err := w.exec(ctx, `INSERT INTO articles (id, url, title, source, published, lang, text, facts_hash, facts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.URL, a.Title, a.Source, iso(a.Published), string(a.Lang), a.Text, hash, raw); err != nil {
		return err
	}
	for _, n := range f.Nodes {
		if err := w.exec(ctx, `INSERT OR IGNORE INTO mentions (node_id, article_id) VALUES (?, ?)`, n.ID, a.ID); err != nil {
			return err
		}
	}
	reports := graph.ReportsOf(f)
	after := events(reports)
	if err := w.putReports(ctx, after); err != nil {
		return err
	}
	tallied, err := w.tally(ctx, oldPersons, persons(reports))
	if err != nil {
		return err
	}
	return graph.Rewrite(ctx, w, append(append(before, after...), tallied...), []string{a.ID})
}

// events and persons split an article's reports: agreements and meetings
// are kept per article, persons tallied per person id.
func events(rs []graph.Report) []graph.Report {
	return slices.DeleteFunc(slices.Clone(rs), func(r graph.Report) bool { return r.Kind == graph.KindPerson })
}

func persons(rs []graph.Report) []graph.Report {
	return slices.DeleteFunc(slices.Clone(rs), func(r graph.Report) bool { return r.Kind != graph.KindPerson })
}

// tally takes an article's former person reports out of the tallies and
// its new ones in, and returns the tallies touched as reports: as they
// were for those no article names any more (with the entity they had),
// as they are now for the others.
func (w *writer) tally(ctx context.Context, out, in []graph.Report) ([]graph.Report, error) {
	tallies := map[string]*graph.PersonTally{}
	entities := map[string]string{}
	var order []string
	get := func(node string) (*graph.PersonTally, error) {
		if t, ok := tallies[node]; ok {
			return t, nil
		}
		t := &graph.PersonTally{}
		var entity, data string
		switch err := w.tx.QueryRowContext(ctx, `SELECT entity, data FROM person_tallies WHERE node_id = ?`, node).Scan(&entity, &data); {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return nil, err
		default:
			if err := json.Unmarshal([]byte(data), t); err != nil {
				return nil, fmt.Errorf("person tally %s: %w", node, err)
			}
		}
		tallies[node], entities[node] = t, entity
		order = append(order, node)
		return t, nil
	}
	for _, x := range []struct {
		rs   []graph.Report
		sign int
	}{{out, -1}, {in, 1}} {
		for _, r := range x.rs {
			t, err := get(r.Node)
			if err != nil {
				return nil, err
			}
			t.Add(r, x.sign)
		}
	}
	var seeds []graph.Report
	for _, node := range order {
		t := tallies[node]
		r := t.Report()
		r.Entity = entities[node]
		seeds = append(seeds, r)
		if t.Articles <= 0 {
			if err := w.exec(ctx, `DELETE FROM person_tallies WHERE node_id = ?`, node); err != nil {
				return nil, err
			}
			continue
		}
		data, err := json.Marshal(t)
		if err != nil {
			return nil, err
		}
		if err := w.exec(ctx, `INSERT INTO person_tallies (node_id, block, entity, data) VALUES (?, ?, ?, ?)
			ON CONFLICT (node_id) DO UPDATE SET block = excluded.block, data = excluded.data`, node, t.Block, entities[node], string(data)); err != nil {
			return nil, err
		}
	}
	return seeds, nil
}

// putReports stores new reports, not yet resolved.
func (w *writer) putReports(ctx context.Context, rs []graph.Report) error {
	for _, r := range rs {
		data, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if err := w.exec(ctx, `INSERT INTO reports (key, article_id, node_id, block, match, year, entity, data) VALUES (?, ?, ?, ?, ?, ?, '', ?)`,
			r.Key, r.Article, r.Node, r.Block, r.Match, r.Year, string(data)); err != nil {
			return err
		}
	}
	return nil
}

// factsJSON encodes the facts as kept in articles.facts: the text is in a
// column of its own.
func factsJSON(f *graph.Facts) (string, error) {
	c := *f
	c.Article.Text = ""
	b, err := json.Marshal(&c)
	return string(b), err
}

// Reports reads stored reports: those of agreements and meetings per
// article, persons' tallies per person id.
func (w *writer) Reports(ctx context.Context, q graph.ReportQuery) ([]graph.Report, error) {
	var rows *sql.Rows
	var err error
	const events = `SELECT entity, data, 0 FROM reports `
	const persons = `SELECT entity, data, 1 FROM person_tallies `
	switch {
	case len(q.Articles) > 0:
		rows, err = w.query(ctx, events+`WHERE article_id IN (SELECT value FROM json_each(?))`, jsonList(q.Articles))
	case len(q.Entities) > 0:
		rows, err = w.query(ctx, events+`WHERE entity IN (SELECT value FROM json_each(?1)) UNION ALL `+
			persons+`WHERE entity IN (SELECT value FROM json_each(?1))`, jsonList(q.Entities))
	case len(q.Nodes) > 0:
		rows, err = w.query(ctx, events+`WHERE node_id IN (SELECT value FROM json_each(?1)) UNION ALL `+
			persons+`WHERE node_id IN (SELECT value FROM json_each(?1))`, jsonList(q.Nodes))
	case q.Year != 0:
		rows, err = w.query(ctx, events+`WHERE block = ? AND year IN (?, 0)`, q.Block, q.Year)
	case q.Match != "":
		rows, err = w.query(ctx, events+`WHERE block = ? AND match = ?`, q.Block, q.Match)
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
		if err := rows.Scan(&entity, &data, &tally); err != nil {
			return nil, err
		}
		var r graph.Report
		if tally {
			var t graph.PersonTally
			if err := json.Unmarshal([]byte(data), &t); err != nil {
				return nil, fmt.Errorf("person tally: %w", err)
			}
			r = t.Report()
		} else if err := json.Unmarshal([]byte(data), &r); err != nil {
			return nil, fmt.Errorf("report: %w", err)
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

// SetEntities records what each report was resolved to.
func (w *writer) SetEntities(ctx context.Context, entities map[string]string) error {
	for _, k := range slices.Sorted(mapsKeys(entities)) {
		query := `UPDATE reports SET entity = ? WHERE key = ?`
		if !strings.Contains(k, " ") { // a person's tally, by id
			query = `UPDATE person_tallies SET entity = ? WHERE node_id = ?`
		}
		if err := w.exec(ctx, query, entities[k], k); err != nil {
			return err
		}
	}
	return nil
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// ArticleFacts reads the facts articles were applied with, text left out.
func (w *writer) ArticleFacts(ctx context.Context, ids []string) ([]*graph.Facts, error) {
	rows, err := w.query(ctx, `SELECT facts FROM articles WHERE id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, err
	}
	return scanFacts(rows)
}

func scanFacts(rows *sql.Rows) ([]*graph.Facts, error) {
	defer rows.Close()
	var out []*graph.Facts
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		f, err := decodeFacts(data)
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
	rows, err := w.query(ctx, `SELECT article_id FROM mentions WHERE node_id IN (SELECT value FROM json_each(?1))
		UNION SELECT article_id FROM claims WHERE node_id IN (SELECT value FROM json_each(?1))
		UNION SELECT article_id FROM reports WHERE entity IN (SELECT value FROM json_each(?1))`, list)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Mentioning lists the articles whose facts name one of the raw ids.
func (w *writer) Mentioning(ctx context.Context, nodes []string) ([]string, error) {
	rows, err := w.query(ctx, `SELECT DISTINCT article_id FROM mentions WHERE node_id IN (SELECT value FROM json_each(?))`, jsonList(nodes))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Materialize replaces an article's share of the graph.
func (w *writer) Materialize(ctx context.Context, m *graph.Materialized) error {
	id := m.Article.ID
	for _, table := range []string{"claims", "names", "edges", "evidence"} {
		if err := w.exec(ctx, `DELETE FROM `+table+` WHERE article_id = ?`, id); err != nil {
			return err
		}
	}
	for _, c := range m.Claims {
		n := c.Node
		n.ID = c.Entity
		data, err := json.Marshal(n)
		if err != nil {
			return err
		}
		if err := w.exec(ctx, `INSERT INTO claims (node_id, raw_id, article_id, kind, data) VALUES (?, ?, ?, ?, ?)`,
			c.Entity, c.Node.ID, id, string(n.Kind), string(data)); err != nil {
			return err
		}
		for _, name := range foldedNames(n) {
			if err := w.exec(ctx, `INSERT OR IGNORE INTO names (folded, node_id, article_id, kind) VALUES (?, ?, ?, ?)`,
				name, c.Entity, id, string(n.Kind)); err != nil {
				return err
			}
		}
	}
	for _, e := range m.Edges {
		if err := w.exec(ctx, `INSERT INTO edges (type, from_id, to_id, title, article_id, since) VALUES (?, ?, ?, ?, ?, ?)`,
			e.Type, e.From, e.To, e.Title, id, iso(e.Since)); err != nil {
			return err
		}
	}
	for _, ev := range m.Evidence {
		if err := w.exec(ctx, `INSERT INTO evidence (fact, article_id, start, end, quote) VALUES (?, ?, ?, ?, ?)`,
			ev.Fact, id, ev.Start, ev.End, ev.Quote); err != nil {
			return err
		}
	}
	return nil
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

func decodeFacts(data string) (*graph.Facts, error) {
	var f graph.Facts
	if err := json.Unmarshal([]byte(data), &f); err != nil {
		return nil, fmt.Errorf("article facts: %w", err)
	}
	return &f, nil
}
