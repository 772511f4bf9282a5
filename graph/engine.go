package graph

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// ResolveTx is what identity resolution asks of a store inside one write
// transaction. Both stores implement it over their own transactions, and
// Rewrite does the rest, so that they resolve alike.
type ResolveTx interface {
	// Reports returns the stored reports q selects, each with the Entity
	// it was last resolved to.
	Reports(ctx context.Context, q ReportQuery) ([]Report, error)
	// SetEntities records the entity of each report, by Key.
	SetEntities(ctx context.Context, entities map[string]string) error
	// ArticleFacts returns the facts of these articles as they were last
	// applied (the article's text left out), in any order, leaving out
	// unknown ids.
	ArticleFacts(ctx context.Context, ids []string) ([]*Facts, error)
	// Claiming returns the articles whose share of the graph has a claim
	// of one of these entities or edge keys, or evidence for them.
	Claiming(ctx context.Context, facts []string) ([]string, error)
	// Mentioning returns the articles whose facts name one of these raw
	// node ids, each resolved (so far) to one of entities.
	Mentioning(ctx context.Context, nodes, entities []string) ([]string, error)
	// Materialize replaces an article's share of the graph with m.
	Materialize(ctx context.Context, m *Materialized) error
	// Corrections returns every correction, undos included.
	Corrections(ctx context.Context) ([]Correction, error)
	// Renamed shows an entity under the names the corrections in force
	// give it and take from it.
	Renamed(ctx context.Context, entity string, active []Correction) error
}

// BlockReader is a ResolveTx that reads the reports of several blocks at
// once, in one round trip where Reports would take one a block: identity
// resolution reads a few blocks per article it resolves.
type BlockReader interface {
	// BlockReports returns what Reports returns for each of qs, which
	// select by Block (with Year, with Match, with Entities, or alone).
	BlockReports(ctx context.Context, qs []ReportQuery) ([][]Report, error)
}

// ReportQuery selects stored reports for ResolveTx.Reports; exactly one of
// its selectors is set. Agreements and meetings are reported once per
// article; persons once per person id, by their PersonTally (Key the id,
// Article empty), which Articles does not select.
type ReportQuery struct {
	Articles []string // the reports of agreements and meetings of these articles
	Entities []string // the reports resolved to these entities (in Block if given)
	Nodes    []string // the tallies of these person ids
	Block    string   // with Year, Match or Entities, or alone for every report of the block
	Year     int      // with Block: the reports dated in Year, and the undated ones
	Match    string   // with Block: the reports with this Match, dated or not
}

// Rewrite brings the graph up to date within a store's write transaction
// once the reports of some articles have changed (a store has replaced or
// removed them): seeds are those articles' reports before and after. It
// resolves every stored report that the change may affect (see Resolve),
// records the entities that changed, and writes again the share of every
// article whose entities changed, and of the articles in also. Facts the
// caller has at hand (known) are not read again.
func Rewrite(ctx context.Context, tx ResolveTx, seeds []Report, also []string, known ...*Facts) error {
	all, err := tx.Corrections(ctx)
	if err != nil {
		return err
	}
	active := Active(all)
	component, err := closure(ctx, tx, seeds)
	if err != nil {
		return err
	}
	entities := Resolve(component, active)
	changed := map[string]string{}
	articles := slices.Clone(also)
	var persons, was []string
	for _, r := range component {
		if e := entities[r.Key]; e != r.Entity {
			changed[r.Key] = e
			if r.Kind == KindPerson {
				// A person no article named before this write is named by
				// the articles of this write alone, which are in also.
				if r.Entity != "" {
					persons, was = append(persons, r.Node), append(was, r.Entity)
				}
			} else {
				articles = append(articles, r.Article)
			}
		}
	}
	if len(changed) > 0 {
		if err := tx.SetEntities(ctx, changed); err != nil {
			return err
		}
	}
	if len(persons) > 0 {
		naming, err := tx.Mentioning(ctx, persons, was)
		if err != nil {
			return err
		}
		articles = append(articles, naming...)
	}
	return rematerialize(ctx, tx, articles, active, entities, known)
}

// Rematerialize writes the share of these articles again from their facts,
// their reports' entities and the active corrections.
func Rematerialize(ctx context.Context, tx ResolveTx, articles []string, active []Correction) error {
	return rematerialize(ctx, tx, articles, active, nil, nil)
}

// rematerialize is Rematerialize, given the entities of some reports
// (their keys) and some articles' facts already at hand.
func rematerialize(ctx context.Context, tx ResolveTx, articles []string, active []Correction, resolved map[string]string, known []*Facts) error {
	slices.Sort(articles)
	articles = slices.Compact(articles)
	if len(articles) == 0 {
		return nil
	}
	byID := make(map[string]*Facts, len(known))
	for _, f := range known {
		if _, ok := byID[f.Article.ID]; !ok { // the first, as a search in order would find
			byID[f.Article.ID] = f
		}
	}
	var facts []*Facts
	var read []string
	for _, id := range articles {
		if f, ok := byID[id]; ok {
			facts = append(facts, f)
		} else {
			read = append(read, id)
		}
	}
	if len(read) > 0 {
		more, err := tx.ArticleFacts(ctx, read)
		if err != nil {
			return err
		}
		facts = append(facts, more...)
	}
	// Their reports' blocks locked before their entities are read, where
	// writers run at once: another writer may be resolving them.
	if l, ok := tx.(BlockLocker); ok {
		var rs []Report
		for _, f := range facts {
			rs = append(rs, ReportsOf(f)...)
		}
		if err := l.LockBlocks(ctx, rs); err != nil {
			return err
		}
	}
	// The entity of every report of these articles: those just resolved,
	// the others as stored.
	entity := make(map[string]string, len(resolved))
	var missing []string
	var persons []string
	for _, f := range facts {
		for _, n := range f.Nodes {
			key := ReportKey(f.Article.ID, n.ID)
			if n.Kind == KindPerson {
				key = n.ID
			} else if !resolvable(n.Kind) {
				continue
			}
			if e, ok := resolved[key]; ok {
				entity[key] = e
			} else if n.Kind == KindPerson {
				persons = append(persons, n.ID)
			} else if !slices.Contains(missing, f.Article.ID) {
				missing = append(missing, f.Article.ID)
			}
		}
	}
	var reports []Report
	if len(missing) > 0 {
		rs, err := tx.Reports(ctx, ReportQuery{Articles: missing})
		if err != nil {
			return err
		}
		reports = rs
	}
	if len(persons) > 0 {
		slices.Sort(persons)
		tallies, err := tx.Reports(ctx, ReportQuery{Nodes: slices.Compact(persons)})
		if err != nil {
			return err
		}
		reports = append(reports, tallies...)
	}
	for _, r := range reports {
		if _, ok := entity[r.Key]; !ok {
			entity[r.Key] = r.Entity
		}
	}
	slices.SortFunc(facts, func(a, b *Facts) int { return strings.Compare(a.Article.ID, b.Article.ID) })
	ms := make([]*Materialized, len(facts))
	for i, f := range facts {
		id := f.Article.ID
		ms[i] = Materialize(f, func(raw string) string {
			if KindOf(raw) == KindPerson {
				return entity[raw]
			}
			return entity[ReportKey(id, raw)]
		}, active)
	}
	if all, ok := tx.(MaterializeAller); ok && len(ms) > 1 {
		return all.MaterializeAll(ctx, ms)
	}
	for _, m := range ms {
		if err := tx.Materialize(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// BlockLocker is a ResolveTx of a store where several writers resolve at
// once: LockBlocks holds the blocks of these reports until the transaction
// ends, so that no other writer resolves them meanwhile.
type BlockLocker interface {
	LockBlocks(ctx context.Context, rs []Report) error
}

// MaterializeAller is a ResolveTx that replaces the share of several
// articles at once (in fewer round trips than one article at a time),
// as Materialize would one after the other.
type MaterializeAller interface {
	MaterializeAll(ctx context.Context, ms []*Materialized) error
}

// closure returns the stored reports that resolving again after a change
// of seeds must cover: those compatible with a seed (see compatible), and
// with those, and so on; the other reports of their entities; every
// person of a person's block; and every report of a raw id among them,
// whose entity's id may depend on them. Seeds themselves take part only
// if they are stored.
func closure(ctx context.Context, tx ResolveTx, seeds []Report) ([]Report, error) {
	found := map[string]Report{}
	var order []string
	add := func(r Report) bool {
		if _, ok := found[r.Key]; ok {
			return false
		}
		found[r.Key] = r
		order = append(order, r.Key)
		return true
	}
	origins := slices.Clone(seeds)
	seenEntity, seenNode := map[string]bool{}, map[string]bool{}
	read := map[string][]Report{}   // a block's candidates, read once
	wholeBlock := map[string]bool{} // persons' blocks taken in whole
	for len(origins) > 0 {
		var nodes []string
		entities := map[string][]string{} // block → entities of origins in it
		var next []Report
		for _, r := range origins {
			// The other reports of an entity are in the same block; a
			// person's other ids are in its block, which is read whole.
			if r.Kind != KindPerson && r.Entity != "" && !seenEntity[r.Entity] {
				seenEntity[r.Entity] = true
				entities[r.Block] = append(entities[r.Block], r.Entity)
			}
			if !seenNode[r.Node] {
				seenNode[r.Node] = true
				if r.Kind == KindPerson {
					nodes = append(nodes, r.Node)
				}
			}
		}
		var persons []Report
		if len(nodes) > 0 {
			rs, err := tx.Reports(ctx, ReportQuery{Nodes: nodes})
			if err != nil {
				return nil, err
			}
			persons = rs
		}
		var queries []ReportQuery // the entities' other reports, block by block
		for _, b := range slices.Sorted(maps.Keys(entities)) {
			queries = append(queries, ReportQuery{Block: b, Entities: entities[b]})
		}
		others, err := readBlocks(ctx, tx, queries)
		if err != nil {
			return nil, err
		}
		for _, rs := range append([][]Report{persons}, others...) {
			for _, r := range rs {
				if add(r) {
					next = append(next, r)
				}
			}
		}
		// This round's blocks, read at once where the store can.
		var want []ReportQuery
		var wantKeys []string
		for _, o := range origins {
			q, qk := blockQuery(o)
			if _, ok := read[qk]; !ok {
				read[qk] = nil // asked for below
				want, wantKeys = append(want, q), append(wantKeys, qk)
			}
		}
		got, err := readBlocks(ctx, tx, want)
		if err != nil {
			return nil, err
		}
		for i, qk := range wantKeys {
			read[qk] = got[i]
		}
		for _, o := range origins {
			_, qk := blockQuery(o)
			if o.Kind == KindPerson {
				if wholeBlock[qk] {
					continue // the whole block is in already
				}
				wholeBlock[qk] = true
			}
			for _, r := range read[qk] {
				// Reports of one raw id may name entities alike, and so
				// are read together whether compatible or not.
				if o.Kind != KindPerson && !compatible(&o, &r) && !seenNode[r.Node] {
					continue
				}
				if add(r) {
					next = append(next, r)
				}
			}
		}
		origins = next
	}
	out := make([]Report, len(order))
	for i, k := range order {
		out[i] = found[k]
	}
	return out, nil
}

// blockQuery is the query of the candidates of report o in its block: a
// person's whole block, the reports of a dated report's year (and the
// undated), those of an undated report's match; and the key it is
// remembered by.
func blockQuery(o Report) (ReportQuery, string) {
	q := ReportQuery{Block: o.Block}
	switch {
	case o.Kind == KindPerson:
	case o.Date != nil:
		q.Year = o.Year
	default:
		q.Match = o.Match
	}
	return q, fmt.Sprint(q.Block, "\x00", q.Year, "\x00", q.Match, "\x00", o.Kind == KindPerson || o.Date != nil)
}

// readBlocks reads the reports of each of qs, in one call when tx is a
// BlockReader.
func readBlocks(ctx context.Context, tx ResolveTx, qs []ReportQuery) ([][]Report, error) {
	if len(qs) == 0 {
		return nil, nil
	}
	if br, ok := tx.(BlockReader); ok {
		return br.BlockReports(ctx, qs)
	}
	out := make([][]Report, len(qs))
	for i, q := range qs {
		rs, err := tx.Reports(ctx, q)
		if err != nil {
			return nil, err
		}
		out[i] = rs
	}
	return out, nil
}

// ApplyCorrection brings the graph in line with the corrections in force
// once c is recorded (within the same transaction): a merge resolves again
// the reports of both entities and writes again the articles that name the
// merged one; a rejection writes again the articles that claim the fact;
// names are the store's to show (ResolveTx.Renamed). An undo does what the
// correction it takes back (or gives back) does.
func ApplyCorrection(ctx context.Context, tx ResolveTx, c Correction) error {
	all, err := tx.Corrections(ctx)
	if err != nil {
		return err
	}
	// An undo changes what the correction it takes back did; an undo of
	// an undo, what that one's did.
	for hops := 0; c.Op == OpUndo && hops <= len(all); hops++ {
		for _, x := range all {
			if x.ID == c.Target {
				c = x
				break
			}
		}
	}
	switch c.Op {
	case OpMerge:
		seeds, err := tx.Reports(ctx, ReportQuery{Entities: []string{c.Source, c.Target}})
		if err != nil {
			return err
		}
		also, err := tx.Claiming(ctx, []string{c.Source})
		if err != nil {
			return err
		}
		return Rewrite(ctx, tx, seeds, also)
	case OpReject:
		also := []string{c.Article}
		if c.Article == "" {
			if also, err = tx.Claiming(ctx, []string{c.Target}); err != nil {
				return err
			}
		}
		return Rewrite(ctx, tx, nil, also)
	case OpAlias, OpRename, OpUnalias:
		return tx.Renamed(ctx, c.Target, Active(all))
	}
	return nil
}
