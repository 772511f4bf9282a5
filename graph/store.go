package graph

import (
	"cmp"
	"context"
	"errors"
)

// Store keeps the graph. Both backends (graph/sqlite, graph/neo4j) implement
// it and pass the conformance suite in graph/graphtest, which is its full
// specification. Readers return nodes merged from every article's claims
// (see Merge); lists come in the order each method states, so every backend
// answers alike.
type Store interface {
	// Apply stores one article's facts in one transaction, replacing what
	// the article claimed before. Applying the same facts twice leaves the
	// store unchanged. Facts are validated first (EINVALID).
	Apply(ctx context.Context, f *Facts) error

	// DeleteArticle removes an article and every claim it made: nodes and
	// edges that no other article supports disappear. ENOTFOUND if there is
	// no such article.
	DeleteArticle(ctx context.Context, id string) error

	// Nodes returns the nodes with these ids, in the order of ids, leaving
	// out ids that are not in the graph.
	Nodes(ctx context.Context, ids []string) ([]*Node, error)

	// FindNodes returns the nodes of the given kinds (all kinds if none)
	// that some article gave a name whose Fold contains Fold(q.Text) (every
	// node if Text is empty), ordered by id, at most q.Limit (no limit if 0).
	FindNodes(ctx context.Context, q NodeQuery) ([]*Node, error)

	// Edges returns the edges of the given types (all if none) whose From
	// is among q.From and whose To is among q.To (either side unrestricted
	// when its list is empty), ordered by type, From, To and Title. When
	// several articles support one edge, its Since is the earliest stated.
	Edges(ctx context.Context, q EdgeQuery) ([]Edge, error)

	// Evidence returns the evidence for the given facts (node ids or edge
	// keys), ordered by fact, article id, Start and End, at most limit per
	// fact (no limit if 0).
	Evidence(ctx context.Context, facts []string, limit int) ([]Evidence, error)

	// ArticleEvidence returns every passage of these articles that supports
	// a fact, ordered by article id, fact, Start and End: what the articles
	// say. Unknown articles have none.
	ArticleEvidence(ctx context.Context, articles []string) ([]Evidence, error)

	// ArticleFacts returns what these articles claimed, as Apply stored
	// it, in the order of ids, leaving out unknown ids: each article, the
	// nodes as that article described them (before identity resolution
	// and corrections, and not merged with other articles' claims), its
	// edges with the Since it stated and its evidence, in the order of
	// CanonicalFacts. Applying them to an empty store gives the same graph:
	// exports and copies between stores read the graph this way.
	ArticleFacts(ctx context.Context, ids []string) ([]*Facts, error)

	// Articles returns the articles with these ids, in the order of ids,
	// leaving out unknown ids.
	Articles(ctx context.Context, ids []string) ([]*Article, error)

	// ListArticles returns up to limit articles whose id is greater than
	// after, ordered by id.
	ListArticles(ctx context.Context, after string, limit int) ([]*Article, error)

	// Correct records an analyst's correction and applies it in one
	// transaction, filling in its ID, Seq and (unless set, as a copy from
	// another store keeps it) At. EINVALID for a malformed
	// correction, ENOTFOUND when it names an entity, fact, article or
	// correction the store does not hold.
	Correct(ctx context.Context, c Correction) (Correction, error)

	// Corrections returns the corrections q selects, oldest first, each
	// with Undone set when a later undo in force took it back.
	Corrections(ctx context.Context, q CorrectionQuery) ([]Correction, error)

	// Counts tells how much the store holds.
	Counts(ctx context.Context) (Counts, error)

	// Close releases the store's resources.
	Close() error
}

// NodeQuery selects nodes for Store.FindNodes.
type NodeQuery struct {
	Kinds []Kind
	Text  string
	Limit int
}

// EdgeQuery selects edges for Store.Edges.
type EdgeQuery struct {
	Types []string
	From  []string
	To    []string
}

// Counts is the size of a store.
type Counts struct {
	Articles int
	Nodes    map[Kind]int // kinds with no nodes may be missing
	Edges    int
	Evidence int
}

// InOrder arranges what a store found in the order of the ids asked for,
// once each, leaving out ids it did not find: the order Nodes and Articles
// promise.
func InOrder[T any](ids []string, found []T, id func(T) string) []T {
	byID := make(map[string]T, len(found))
	for _, x := range found {
		byID[id(x)] = x
	}
	out := make([]T, 0, len(found))
	for _, i := range ids {
		if x, ok := byID[i]; ok {
			out = append(out, x)
			delete(byID, i)
		}
	}
	return out
}

// Versioned is a Store that can tell whether its facts changed: Generation
// returns a number that grows with every committed Apply that changed
// something and every DeleteArticle, whoever wrote. Graph keeps what it
// derives from the facts (the sides of a country, the agreements they take
// part in) for as long as the generation stays the same. Both backends
// implement it; a Store that does not is read afresh every time.
type Versioned interface {
	Generation(ctx context.Context) (int64, error)
}

// Snapshots is a Store whose reads can share one snapshot, so that every
// read made for one request sees the graph as of one moment: never part of
// an article's write, never two states of the graph in one answer. Both
// backends implement it: SQLite with a read transaction, Neo4j with
// statements that each carry the write counters they saw.
type Snapshots interface {
	// Snapshot begins a snapshot. The store's reads given the returned
	// context read in it, one at a time, and so does its Generation (see
	// Versioned). end finishes the snapshot; it returns ErrOverlap when the store cannot
	// vouch for what was read (on Neo4j, a commit came between the
	// reads), and then the caller reads again in a new snapshot. A
	// snapshot must not span a write of the caller's own.
	Snapshot(ctx context.Context) (snap context.Context, end func() error, err error)
}

// ErrOverlap is what a snapshot's end returns when a commit overlapped its
// reads, which may have seen part of it: the reads must be made again.
var ErrOverlap = Errorf(ECONFLICT, "a write committed while the graph was read; read again")

// maxSnapshotTries bounds how often InSnapshot reads again.
const maxSnapshotTries = 8

// ErrStands, wrapped in what the function InSnapshot runs returns, keeps
// that run's answer whatever the snapshot's end says: it wrote, and must
// not run again.
var ErrStands = errors.New("the answer stands")

// InSnapshot runs fn with a context whose reads of s share one snapshot
// (see Snapshots), again in a new snapshot while a commit overlapped it,
// up to maxSnapshotTries times, then gives up with ErrOverlap. Stores
// without snapshots run fn once with ctx. fn must leave no effect when it
// is run again but the last time (it writes its answer to a buffer), or
// say that its run stands (ErrStands).
func InSnapshot(ctx context.Context, s Store, fn func(ctx context.Context) error) error {
	sn, ok := s.(Snapshots)
	if !ok {
		return fn(ctx)
	}
	for range maxSnapshotTries {
		snap, end, err := sn.Snapshot(ctx)
		if err != nil {
			return err
		}
		ferr := fn(snap)
		eerr := end()
		if errors.Is(ferr, ErrStands) || eerr != ErrOverlap {
			return cmp.Or(ferr, eerr)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return ErrOverlap
}

type snapshotKey struct{}

// WithSnapshot returns ctx carrying a store's snapshot, for that store's
// readers to find (see Snapshots).
func WithSnapshot(ctx context.Context, sn any) context.Context {
	return context.WithValue(ctx, snapshotKey{}, sn)
}

// SnapshotOf returns the snapshot WithSnapshot put in ctx, or nil.
func SnapshotOf(ctx context.Context) any { return ctx.Value(snapshotKey{}) }

// WithoutSnapshot returns ctx without the snapshot and the generation it
// carries: for a write, and the reads after it, which must see the write.
func WithoutSnapshot(ctx context.Context) context.Context {
	return context.WithValue(context.WithValue(ctx, snapshotKey{}, nil), generationKey{}, nil)
}

// BatchSizer is a Store that tells how many articles one bulk write
// (ApplyAll) should hold: the size its measurements found fastest.
// Importers use it when told no size. Implementing it is optional.
type BatchSizer interface {
	BatchSize() int
}
