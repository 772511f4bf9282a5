package gql

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"

	"github.com/alaqat/alaqat/graph"
)

// Defaults of what one request may read from the store (see Options).
const (
	DefaultRowBudget  = 1_000_000
	DefaultByteBudget = 16 << 20
	// DefaultStoreCallsAtOnce bounds the store calls one request makes at
	// the same time: gqlgen resolves the fields of a selection, aliases
	// included, each on a goroutine of its own.
	DefaultStoreCallsAtOnce = 4
)

// budget is what one request may still read from the store: rows and
// bytes, counted as the store returns them. When either is spent the
// request's context is cancelled, so that its other store calls stop too,
// and the request ends with one error.
type budget struct {
	rows, bytes       atomic.Int64 // read so far
	maxRows, maxBytes int64
	written           atomic.Int64 // text the answer will hold, as resolvers count it
	maxWritten        int64
	calls             atomic.Int64
	atOnce            chan struct{}
	cancel            context.CancelCauseFunc
}

// errBudget is the cause of a request's context cancelled by its budget,
// errTooLarge by the size of its answer.
var (
	errBudget   = errors.New("budget spent")
	errTooLarge = errors.New("answer too large")
)

type budgetKey struct{}

// newBudget returns ctx carrying a fresh budget of rows and bytes for
// one request's store calls, at most atOnce of them at a time.
func newBudget(ctx context.Context, rows, bytes, written int64, atOnce int) (context.Context, *budget) {
	ctx, cancel := context.WithCancelCause(ctx)
	b := &budget{maxRows: rows, maxBytes: bytes, maxWritten: written, atOnce: make(chan struct{}, max(atOnce, 1)), cancel: cancel}
	return context.WithValue(ctx, budgetKey{}, b), b
}

func budgetOf(ctx context.Context) *budget {
	b, _ := ctx.Value(budgetKey{}).(*budget)
	return b
}

// write counts text that the answer will hold (article texts), ending the
// request as soon as it is more than the answer may hold: the answer need
// not be built to be refused.
func write(ctx context.Context, n int) error {
	b := budgetOf(ctx)
	if b == nil || b.written.Add(int64(n)) <= b.maxWritten {
		return nil
	}
	b.cancel(errTooLarge)
	return tooLarge(b.maxWritten)
}

func tooLarge(limit int64) *graph.Error {
	return graph.Errorf("RESPONSE_TOO_LARGE", "the answer is larger than the %d MiB allowed: ask for smaller pages or fewer fields", limit>>20)
}

// spent tells whether the budget ran out.
func (b *budget) spent() bool {
	return b.rows.Load() > b.maxRows || b.bytes.Load() > b.maxBytes
}

// budgetError is what a request whose budget ran out answers.
func (b *budget) error() *graph.Error {
	return graph.Errorf("BUDGET_EXCEEDED",
		"the query read more than the server allows (%d rows, %d MiB) and was stopped: ask for smaller pages or fewer fields",
		b.maxRows, b.maxBytes>>20)
}

// meteredStore counts what each store call returns against the calling
// request's budget (see budget), stops calling the store once the
// request's context ends, and counts calls for the metrics. It needs no
// change in the backends: it wraps any graph.Store. Reads of many ids go
// to the store in slices, so that a request over its budget stops between
// two of them instead of holding all their rows at once.
type meteredStore struct {
	graph.Store
	metrics *Metrics
}

// versionedStore is a meteredStore over a graph.Versioned store, which
// Graph and the response cache recognise.
type versionedStore struct {
	meteredStore
	v graph.Versioned
}

// Generation passes the store's generation through.
func (s versionedStore) Generation(ctx context.Context) (int64, error) {
	done, err := s.enter(ctx, "Generation")
	if err != nil {
		return 0, err
	}
	defer done()
	gen, err := s.v.Generation(ctx)
	return gen, s.spend(ctx, err, 1, 8)
}

// metered wraps store, keeping graph.Versioned when it has it.
func metered(store graph.Store, m *Metrics) graph.Store {
	ms := meteredStore{Store: store, metrics: m}
	if v, ok := store.(graph.Versioned); ok {
		return versionedStore{meteredStore: ms, v: v}
	}
	return ms
}

// Slices in which reads of many ids go to the store: articles carry their
// text (up to 256 KiB each), nodes a few hundred bytes.
const (
	articlesPerCall = 64
	listPerCall     = 16
	nodesPerCall    = 2000
)

type answersTextKey struct{}

// answersText marks ctx as that of a read whose articles' text goes into
// the answer: the store decorator counts it against the answer's bound as
// it reads, so that an answer too large is refused before it is read
// whole.
func answersText(ctx context.Context) context.Context {
	return context.WithValue(ctx, answersTextKey{}, true)
}

// enter waits for one of the request's store call slots and returns the
// function that gives it back; an error when the request has ended.
func (s meteredStore) enter(ctx context.Context, method string) (func(), error) {
	s.metrics.storeCall(method)
	if err := ctx.Err(); err != nil {
		return nil, stopped(ctx)
	}
	b := budgetOf(ctx)
	if b == nil {
		return func() {}, nil
	}
	b.calls.Add(1)
	select {
	case b.atOnce <- struct{}{}:
	case <-ctx.Done():
		return nil, stopped(ctx)
	}
	return func() { <-b.atOnce }, nil
}

// stopped is the error of a store call the request's end stopped: the
// budget's when it was spent, else the context's.
func stopped(ctx context.Context) error {
	if b := budgetOf(ctx); b != nil {
		switch context.Cause(ctx) {
		case errBudget:
			return b.error()
		case errTooLarge:
			return tooLarge(b.maxWritten)
		}
	}
	return ctx.Err()
}

// spend counts rows and bytes read against the request's budget, ending
// the request when it is spent. It returns err, or the budget's error.
func (s meteredStore) spend(ctx context.Context, err error, rows, bytes int) error {
	s.metrics.storeRows(rows)
	b := budgetOf(ctx)
	if b == nil {
		return err
	}
	b.rows.Add(int64(rows))
	b.bytes.Add(int64(bytes))
	if b.spent() {
		b.cancel(errBudget)
		return b.error()
	}
	if err != nil && ctx.Err() != nil {
		return stopped(ctx)
	}
	return err
}

// Apply passes a write through: writes are bounded by the body limit.
func (s meteredStore) Apply(ctx context.Context, f *graph.Facts) error {
	done, err := s.enter(ctx, "Apply")
	if err != nil {
		return err
	}
	defer done()
	return s.Store.Apply(ctx, f)
}

// DeleteArticle passes a write through.
func (s meteredStore) DeleteArticle(ctx context.Context, id string) error {
	done, err := s.enter(ctx, "DeleteArticle")
	if err != nil {
		return err
	}
	defer done()
	return s.Store.DeleteArticle(ctx, id)
}

// Nodes reads nodes in slices of nodesPerCall ids, each id once.
func (s meteredStore) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	ids = once(ids)
	out := make([]*graph.Node, 0, len(ids))
	for chunk := range slices.Chunk(ids, nodesPerCall) {
		done, err := s.enter(ctx, "Nodes")
		if err != nil {
			return nil, err
		}
		ns, err := s.Store.Nodes(ctx, chunk)
		done()
		if err = s.spend(ctx, err, len(ns), nodesSize(ns)); err != nil {
			return nil, err
		}
		out = append(out, ns...)
	}
	return out, nil
}

// FindNodes passes through, counted.
func (s meteredStore) FindNodes(ctx context.Context, q graph.NodeQuery) ([]*graph.Node, error) {
	done, err := s.enter(ctx, "FindNodes")
	if err != nil {
		return nil, err
	}
	defer done()
	ns, err := s.Store.FindNodes(ctx, q)
	if err = s.spend(ctx, err, len(ns), nodesSize(ns)); err != nil {
		return nil, err
	}
	return ns, nil
}

// Edges passes through, counted.
func (s meteredStore) Edges(ctx context.Context, q graph.EdgeQuery) ([]graph.Edge, error) {
	done, err := s.enter(ctx, "Edges")
	if err != nil {
		return nil, err
	}
	defer done()
	es, err := s.Store.Edges(ctx, q)
	if err = s.spend(ctx, err, len(es), edgesSize(es)); err != nil {
		return nil, err
	}
	return es, nil
}

// Evidence passes through, counted.
func (s meteredStore) Evidence(ctx context.Context, facts []string, limit int) ([]graph.Evidence, error) {
	done, err := s.enter(ctx, "Evidence")
	if err != nil {
		return nil, err
	}
	defer done()
	ev, err := s.Store.Evidence(ctx, facts, limit)
	if err = s.spend(ctx, err, len(ev), evidenceSize(ev)); err != nil {
		return nil, err
	}
	return ev, nil
}

// ArticleEvidence passes through, counted.
func (s meteredStore) ArticleEvidence(ctx context.Context, articles []string) ([]graph.Evidence, error) {
	done, err := s.enter(ctx, "ArticleEvidence")
	if err != nil {
		return nil, err
	}
	defer done()
	ev, err := s.Store.ArticleEvidence(ctx, articles)
	if err = s.spend(ctx, err, len(ev), evidenceSize(ev)); err != nil {
		return nil, err
	}
	return ev, nil
}

// Articles reads articles in slices of articlesPerCall ids, each id once.
func (s meteredStore) Articles(ctx context.Context, ids []string) ([]*graph.Article, error) {
	ids = once(ids)
	out := make([]*graph.Article, 0, len(ids))
	for chunk := range slices.Chunk(ids, articlesPerCall) {
		done, err := s.enter(ctx, "Articles")
		if err != nil {
			return nil, err
		}
		as, err := s.Store.Articles(ctx, chunk)
		done()
		if err = s.spend(ctx, err, len(as), articlesSize(as)); err != nil {
			return nil, err
		}
		out = append(out, as...)
	}
	return out, nil
}

// ListArticles reads a page of articles listPerCall at a time; when the
// answer is to hold their text (see answersText), it counts the text
// against the answer's bound after each slice.
func (s meteredStore) ListArticles(ctx context.Context, after string, limit int) ([]*graph.Article, error) {
	var out []*graph.Article
	for len(out) < limit {
		done, err := s.enter(ctx, "ListArticles")
		if err != nil {
			return nil, err
		}
		n := min(limit-len(out), listPerCall)
		as, err := s.Store.ListArticles(ctx, after, n)
		done()
		if err = s.spend(ctx, err, len(as), articlesSize(as)); err != nil {
			return nil, err
		}
		if ctx.Value(answersTextKey{}) != nil {
			text := 0
			for _, a := range as {
				text += len(a.Text)
			}
			if err := write(ctx, text); err != nil {
				return nil, err
			}
		}
		out = append(out, as...)
		if len(as) < n {
			break
		}
		after = as[len(as)-1].ID
	}
	return out, nil
}

// Counts passes through, counted as one row.
func (s meteredStore) Counts(ctx context.Context) (graph.Counts, error) {
	done, err := s.enter(ctx, "Counts")
	if err != nil {
		return graph.Counts{}, err
	}
	defer done()
	c, err := s.Store.Counts(ctx)
	if err = s.spend(ctx, err, 1, 64); err != nil {
		return graph.Counts{}, err
	}
	return c, nil
}

// once returns ids without repeats, in their first order: a store returns
// each node once, which reads in slices must keep.
func once(ids []string) []string {
	if len(ids) <= 1 {
		return ids
	}
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func nodesSize(ns []*graph.Node) int {
	size := 0
	for _, n := range ns {
		size += 64 + len(n.ID) + len(n.Name) + len(n.Title)
		for _, name := range n.Names {
			size += 16 + len(name.Text)
		}
		for _, t := range n.Topics {
			size += 16 + len(t)
		}
	}
	return size
}

func edgesSize(es []graph.Edge) int {
	size := 0
	for _, e := range es {
		size += len(e.Type) + len(e.From) + len(e.To) + len(e.Title) + 16
	}
	return size
}

func evidenceSize(ev []graph.Evidence) int {
	size := 0
	for _, e := range ev {
		size += 32 + len(e.Fact) + len(e.ArticleID) + len(e.Quote)
	}
	return size
}

func articlesSize(as []*graph.Article) int {
	size := 0
	for _, a := range as {
		size += 64 + len(a.ID) + len(a.URL) + len(a.Title) + len(a.Source) + len(a.Text)
	}
	return size
}
