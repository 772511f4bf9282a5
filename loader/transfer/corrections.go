package transfer

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/alaqat/alaqat/graph"
)

// CorrectionVersion marks a JSON Lines record as an analyst's correction
// (graph.Correction); an export writes those in force after its articles.
const CorrectionVersion = "correction/1"

// CorrectionRecord is one correction in force, as an export writes it.
type CorrectionRecord struct {
	Alaqat  string `json:"alaqat"` // CorrectionVersion
	Op      string `json:"op"`
	Target  string `json:"target"`
	Source  string `json:"source,omitempty"`
	Name    string `json:"name,omitempty"`
	Article string `json:"article,omitempty"`
	Reason  string `json:"reason,omitempty"`
	Author  string `json:"author,omitempty"`
	At      string `json:"at,omitempty"`
}

// Correction is the correction a record holds, checked.
func (r CorrectionRecord) Correction() (graph.Correction, error) {
	c := graph.Correction{Op: graph.CorrectionOp(r.Op), Target: r.Target, Source: r.Source, Name: r.Name,
		Article: r.Article, Reason: r.Reason, Author: r.Author}
	if r.At != "" {
		at, err := time.Parse(time.RFC3339Nano, r.At)
		if err != nil {
			return c, fmt.Errorf("field at: %w", err)
		}
		c.At = at
	}
	if c.Op == graph.OpUndo {
		return c, fmt.Errorf("an undo is not exported: the corrections written are those in force")
	}
	return c, c.Validate()
}

// writeCorrections writes the corrections in force, oldest first: what
// they do, not their history (undone ones and undos stay behind).
func writeCorrections(ctx context.Context, store graph.Store, w io.Writer) (int, error) {
	all, err := store.Corrections(ctx, graph.CorrectionQuery{})
	if err != nil {
		return 0, err
	}
	active := graph.Active(all)
	for _, c := range active {
		b, err := json.Marshal(CorrectionRecord{Alaqat: CorrectionVersion, Op: string(c.Op), Target: c.Target, Source: c.Source,
			Name: c.Name, Article: c.Article, Reason: c.Reason, Author: c.Author, At: c.At.UTC().Format(time.RFC3339Nano)})
		if err != nil {
			return 0, err
		}
		if _, err := w.Write(append(b, '\n')); err != nil {
			return 0, err
		}
	}
	return len(active), nil
}

// ApplyCorrection makes c in store unless its like is in force there
// already (applied is false then): importing an export, or copying, twice
// changes nothing. Its author, time and reason travel with it; the store
// gives it a new id and sequence number.
func ApplyCorrection(ctx context.Context, store graph.Store, c graph.Correction) (applied bool, err error) {
	inForce, err := store.Corrections(ctx, graph.CorrectionQuery{About: c.Target})
	if err != nil {
		return false, err
	}
	if slices.ContainsFunc(graph.Active(inForce), func(x graph.Correction) bool { return x.Same(c) }) {
		return false, nil
	}
	if _, err := store.Correct(ctx, c); err != nil {
		return false, err
	}
	return true, nil
}

// copyCorrections makes in to the corrections in force in from, oldest
// first.
func copyCorrections(ctx context.Context, from, to graph.Store, rep *CopyReport) error {
	all, err := from.Corrections(ctx, graph.CorrectionQuery{})
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	for _, c := range graph.Active(all) {
		applied, err := ApplyCorrection(ctx, to, c)
		switch {
		case err != nil:
			rep.Failures = append(rep.Failures, Outcome{ID: c.ID, Err: err})
		case applied:
			rep.Corrections++
		}
	}
	return nil
}
