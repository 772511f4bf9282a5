package transfer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/alaqat/alaqat/graph"
)

// bulkStore is a store that writes many articles in one transaction (both
// backends can): far faster for a copy than an article at a time.
type bulkStore interface {
	ApplyAll(ctx context.Context, all []*graph.Facts) error
}

// hashLister is a store that tells the digests of a batch of articles in
// one round trip (both backends can).
type hashLister interface {
	FactsHashes(ctx context.Context, ids []string) (map[string]string, error)
}

// Outcome is what became of one article given to a Writer.
type Outcome struct {
	ID        string
	Unchanged bool  // the store held it with the same facts: not written
	Replaced  bool  // the store held it with other facts, now replaced (with a graph.FactsHasher store)
	Err       error // it could not be written (the others were)
}

// Writer applies articles' facts to a store in batches. An article the
// store holds with the same facts (graph.FactsHasher) is skipped, so that
// writing the same articles twice changes nothing and costs a read each; a
// batch that fails is written again an article at a time, so that one bad
// article costs only itself.
//
// A store that becomes unavailable (graph.EUNAVAILABLE: the server did not
// answer within its driver's retry budget) is not asked again: the
// articles of the batch that failed, and every article added after, come
// out with an error saying they were not stored. Before saying so of a
// failed batch the Writer asks the store once more which of its articles
// it holds, so that an article whose commit went through is not reported
// failed when the store can still tell.
//
// A full batch is written in the background while the next one fills
// (reading and extracting articles overlap the store's work); its
// outcomes go to done, on the caller's goroutine, when the next batch is
// handed over or at Flush. One batch is written at a time, in order.
type Writer struct {
	store  graph.Store
	hasher graph.FactsHasher
	hashes hashLister
	bulk   bulkStore
	size   int
	batch  []*graph.Facts
	done   func(Outcome)
	down   error        // why the store is taken for unavailable
	busy   chan written // the batch being written, if one is
}

// written is what became of a batch written in the background.
type written struct {
	outcomes []Outcome
	err      error // the context's
}

// NewWriter returns a Writer that writes batches of size articles (1 when
// size < 1) and calls done for each article once its batch is written.
func NewWriter(store graph.Store, size int, done func(Outcome)) *Writer {
	w := &Writer{store: store, size: max(size, 1), done: done}
	w.hasher, _ = store.(graph.FactsHasher)
	w.hashes, _ = store.(hashLister)
	w.bulk, _ = store.(bulkStore)
	return w
}

// Add queues an article's facts, writing the batch when it is full. The
// error is the context's: failures of articles go to done.
func (w *Writer) Add(ctx context.Context, f *graph.Facts) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w.batch = append(w.batch, f)
	if len(w.batch) >= w.size {
		return w.start(ctx)
	}
	return nil
}

// start waits for the batch being written, then writes the queued one in
// the background.
func (w *Writer) start(ctx context.Context) error {
	batch := w.batch
	w.batch = nil
	if err := w.Wait(); err != nil || len(batch) == 0 {
		return cmp.Or(err, ctx.Err())
	}
	busy := make(chan written, 1)
	w.busy = busy
	go func() {
		var out written
		out.err = w.write(ctx, batch, func(o Outcome) { out.outcomes = append(out.outcomes, o) })
		busy <- out
	}()
	return nil
}

// Wait waits for the batch being written in the background, if one is,
// and gives its outcomes to done; what is queued stays queued. The error
// is the context's. A caller that stops before Flush calls it, so that
// no write outlives it.
func (w *Writer) Wait() error {
	if w.busy == nil {
		return nil
	}
	out := <-w.busy
	w.busy = nil
	for _, o := range out.outcomes {
		w.done(o)
	}
	return out.err
}

// Unavailable returns why the store was taken for unavailable, or nil;
// only between Flush and the next Add.
func (w *Writer) Unavailable() error { return w.down }

// Flush writes what is queued and waits until it is written.
func (w *Writer) Flush(ctx context.Context) error {
	if err := w.start(ctx); err != nil {
		return err
	}
	return w.Wait()
}

// write writes a batch, giving each article's outcome to done.
func (w *Writer) write(ctx context.Context, batch []*graph.Facts, done func(Outcome)) error {
	if len(batch) == 0 {
		return ctx.Err()
	}
	if w.down != nil {
		w.notStored(batch, done)
		return ctx.Err()
	}
	stored, err := w.stored(ctx, batch)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if graph.ErrorCode(err) == graph.EUNAVAILABLE {
			w.down = err
			w.notStored(batch, done)
			return nil
		}
		for _, f := range batch {
			done(Outcome{ID: f.Article.ID, Err: err})
		}
		return nil
	}
	var todo []*graph.Facts
	for _, f := range batch {
		h, ok := stored[f.Article.ID]
		if ok && h == f.Hash() {
			done(Outcome{ID: f.Article.ID, Unchanged: true})
			continue
		}
		todo = append(todo, f)
	}
	replaced := func(f *graph.Facts) bool { _, ok := stored[f.Article.ID]; return ok }
	if w.bulk != nil && len(todo) > 1 {
		err := w.bulk.ApplyAll(ctx, todo)
		if err == nil {
			for _, f := range todo {
				done(Outcome{ID: f.Article.ID, Replaced: replaced(f)})
			}
			return nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if graph.ErrorCode(err) == graph.EUNAVAILABLE {
			w.settle(ctx, todo, stored, err, done)
			return ctx.Err()
		}
	}
	for i, f := range todo {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := w.store.Apply(ctx, f)
		if graph.ErrorCode(err) == graph.EUNAVAILABLE {
			w.settle(ctx, todo[i:i+1], stored, err, done)
			w.notStored(todo[i+1:], done)
			break
		}
		done(Outcome{ID: f.Article.ID, Replaced: replaced(f), Err: err})
	}
	return ctx.Err()
}

// stored returns the digests the store holds for the batch's articles, by
// id (none without a graph.FactsHasher).
func (w *Writer) stored(ctx context.Context, batch []*graph.Facts) (map[string]string, error) {
	out := map[string]string{}
	if w.hashes != nil {
		ids := make([]string, len(batch))
		for i, f := range batch {
			ids[i] = f.Article.ID
		}
		return w.hashes.FactsHashes(ctx, ids)
	}
	if w.hasher == nil {
		return out, nil
	}
	for _, f := range batch {
		h, err := w.hasher.FactsHash(ctx, f.Article.ID)
		if err != nil {
			return nil, err
		}
		if h != "" {
			out[f.Article.ID] = h
		}
	}
	return out, nil
}

// settleTimeout bounds the one question a Writer asks a store that has
// just failed: which of the batch's articles did it store after all?
const settleTimeout = 5 * time.Second

// settle reports the articles of a write that failed for want of the
// store: those the store now says it holds with their facts were
// committed (the connection went while the answer was on its way); the
// others were not stored, unless the connection went during the commit and
// the store cannot tell: those may have been. From then on the store is
// not asked again.
func (w *Writer) settle(ctx context.Context, fs []*graph.Facts, before map[string]string, err error, done func(Outcome)) {
	w.down = err
	c, cancel := context.WithTimeout(ctx, settleTimeout)
	now, qerr := w.stored(c, fs)
	cancel()
	for _, f := range fs {
		if qerr == nil && now[f.Article.ID] == f.Hash() {
			_, replaced := before[f.Article.ID]
			done(Outcome{ID: f.Article.ID, Replaced: replaced})
			continue
		}
		if errors.Is(err, graph.ErrCommitUnknown) {
			done(Outcome{ID: f.Article.ID, Err: fmt.Errorf("perhaps not stored (import it again to be sure): %w", err)})
			continue
		}
		done(Outcome{ID: f.Article.ID, Err: fmt.Errorf("not stored: %w", err)})
	}
}

// notStored reports articles never sent to a store taken for unavailable.
func (w *Writer) notStored(fs []*graph.Facts, done func(Outcome)) {
	for _, f := range fs {
		done(Outcome{ID: f.Article.ID, Err: fmt.Errorf("not stored: the store became unavailable before it was written (%w)", w.down)})
	}
}
