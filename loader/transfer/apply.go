package transfer

import (
	"context"

	"github.com/alaqat/alaqat/graph"
)

// bulkStore is a store that writes many articles in one transaction (both
// backends can): far faster for a copy than an article at a time.
type bulkStore interface {
	ApplyAll(ctx context.Context, all []*graph.Facts) error
}

// Outcome is what became of one article given to a Writer.
type Outcome struct {
	ID        string
	Unchanged bool  // the store held it with the same facts: not written
	Err       error // it could not be written (the others were)
}

// Writer applies articles' facts to a store in batches. An article the
// store holds with the same facts (graph.FactsHasher) is skipped, so that
// writing the same articles twice changes nothing and costs a read each; a
// batch that fails is written again an article at a time, so that one bad
// article costs only itself.
type Writer struct {
	store  graph.Store
	hasher graph.FactsHasher
	bulk   bulkStore
	size   int
	batch  []*graph.Facts
	done   func(Outcome)
}

// NewWriter returns a Writer that writes batches of size articles (1 when
// size < 1) and calls done for each article once its batch is written.
func NewWriter(store graph.Store, size int, done func(Outcome)) *Writer {
	w := &Writer{store: store, size: max(size, 1), done: done}
	w.hasher, _ = store.(graph.FactsHasher)
	w.bulk, _ = store.(bulkStore)
	return w
}

// Add queues an article's facts, writing the batch when it is full. The
// error is the context's: failures of articles go to done.
func (w *Writer) Add(ctx context.Context, f *graph.Facts) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if w.hasher != nil {
		h, err := w.hasher.FactsHash(ctx, f.Article.ID)
		if err != nil {
			w.done(Outcome{ID: f.Article.ID, Err: err})
			return ctx.Err()
		}
		if h != "" && h == f.Hash() {
			w.done(Outcome{ID: f.Article.ID, Unchanged: true})
			return nil
		}
	}
	w.batch = append(w.batch, f)
	if len(w.batch) >= w.size {
		return w.Flush(ctx)
	}
	return nil
}

// Flush writes what is queued.
func (w *Writer) Flush(ctx context.Context) error {
	batch := w.batch
	w.batch = nil
	if len(batch) == 0 {
		return ctx.Err()
	}
	if w.bulk != nil && len(batch) > 1 {
		if err := w.bulk.ApplyAll(ctx, batch); err == nil {
			for _, f := range batch {
				w.done(Outcome{ID: f.Article.ID})
			}
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	for _, f := range batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		w.done(Outcome{ID: f.Article.ID, Err: w.store.Apply(ctx, f)})
	}
	return ctx.Err()
}
