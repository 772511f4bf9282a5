package transfer

import (
	"context"
	"fmt"

	"github.com/alaqat/alaqat/graph"
)

// CopyOptions tune a copy.
type CopyOptions struct {
	// Batch is how many articles are read, and written in one transaction,
	// at a time (500 when 0).
	Batch int
	// Progress, when set, is called after each article.
	Progress func(CopyProgress)
}

// CopyProgress is how far a copy has got.
type CopyProgress struct {
	Outcome
	Done, Total int // articles done, of the source's
}

// CopyReport says what a copy did.
type CopyReport struct {
	Copied      int // articles written: new to the destination, or changed
	Unchanged   int // articles the destination held with the same facts
	Corrections int // analysts' corrections made in the destination (those in force there already are not)
	Failures    []Outcome
	// From and To are what each store holds at the end: equal after a
	// copy into an empty store.
	From, To graph.Counts
}

// Copy writes every article of from, with the facts it claimed, to to, in
// batches, then the analysts' corrections in force in from (what they do,
// not their history: undone ones and undos stay behind). Articles to holds with the same facts are left as they are, so
// a copy run again, or after an interruption, writes only what is missing
// or changed; articles only to holds stay. A failed article costs only
// itself; the error is the context's or a read's.
func Copy(ctx context.Context, from, to graph.Store, opts CopyOptions) (CopyReport, error) {
	if opts.Batch <= 0 {
		opts.Batch = 500
	}
	var rep CopyReport
	var err error
	if rep.From, err = from.Counts(ctx); err != nil {
		return rep, fmt.Errorf("source: %w", err)
	}
	done := 0
	w := NewWriter(to, opts.Batch, func(o Outcome) {
		done++
		switch {
		case o.Err != nil:
			rep.Failures = append(rep.Failures, o)
		case o.Unchanged:
			rep.Unchanged++
		default:
			rep.Copied++
		}
		if opts.Progress != nil {
			opts.Progress(CopyProgress{Outcome: o, Done: done, Total: rep.From.Articles})
		}
	})
	err = EachArticle(ctx, from, opts.Batch, func(f *graph.Facts) error { return w.Add(ctx, f) })
	if err != nil {
		w.Wait()
		return rep, fmt.Errorf("source: %w", err)
	}
	if err := w.Flush(ctx); err != nil {
		return rep, err
	}
	if err := copyCorrections(ctx, from, to, &rep); err != nil {
		return rep, err
	}
	if rep.To, err = to.Counts(ctx); err != nil {
		return rep, fmt.Errorf("destination: %w", err)
	}
	return rep, nil
}
