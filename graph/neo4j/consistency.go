package neo4j

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/alaqat/alaqat/graph"

	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Neo4j reads at read-committed isolation and applies a committed
// transaction to its store record by record, without snapshots: a query
// that runs while an article's transaction commits can see some of its
// relationships and not others. The store hides that with a sequence lock
// on one bookkeeping node. A writer, once its transaction has done its work
// and just before it commits, announces the commit (started+1, in a
// transaction of its own); after the commit it confirms (finished+1). A
// reader reads both counters before and after its query, in the same read
// transaction, and keeps the answer only if no commit was announced but
// unconfirmed before the query (started == finished) and none was
// announced during it (the counters did not move). Any commit whose
// application overlapped the query fails one of these: its announcement
// was visible before the query (then unconfirmed), or became visible before
// the query ended. Each announcement and confirmation changes the node
// whole, under its lock.
//
// A writer that dies between the two leaves the counters unbalanced. Each
// write carries a token, in its transaction's metadata and in the list of
// pending announcements; a reader that finds the counters unbalanced for a
// while asks the server which transactions are running (SHOW
// TRANSACTIONS), and confirms on their behalf the pending writes whose
// transaction is gone: it committed or rolled back, and either way there
// is nothing left to wait for. So reads after a killed loader wait
// milliseconds, not staleAfter. A confirmation is done once, whoever does
// it. Counters left unbalanced with no token (a writer of an older
// version) are balanced after staleAfter.

// marks are the counters of the bookkeeping node and the tokens of the
// writes announced and not yet confirmed.
type marks struct {
	started, finished int64
	pending           string // the tokens, joined by spaces
}

const (
	cypherMarks = `OPTIONAL MATCH (w:Writes {id: 'alaqat'})
		RETURN coalesce(w.started, 0) AS started, coalesce(w.finished, 0) AS finished, coalesce(w.pending, []) AS pending`

	// The lock makes the updates safe from lost updates; a token is
	// announced once and confirmed once.
	cypherStarted = `MERGE (w:Writes {id: 'alaqat'}) ON CREATE SET w.started = 0, w.finished = 0
		SET w._lock = true WITH w
		FOREACH (_ IN CASE WHEN $token IN coalesce(w.pending, []) THEN [] ELSE [1] END |
			SET w.started = w.started + 1, w.pending = coalesce(w.pending, []) + $token)
		REMOVE w._lock`
	cypherFinished = `MATCH (w:Writes {id: 'alaqat'}) SET w._lock = true WITH w
		FOREACH (_ IN CASE WHEN $token IN coalesce(w.pending, []) THEN [1] ELSE [] END |
			SET w.finished = w.finished + 1, w.pending = [x IN w.pending WHERE x <> $token])
		REMOVE w._lock`

	// cypherRunning lists the tokens of the writes whose transaction runs.
	cypherRunning = `SHOW TRANSACTIONS YIELD metaData WHERE metaData.alaqat IS NOT NULL RETURN metaData.alaqat`
)

// metaKey is the key of a write's token in its transaction's metadata.
const metaKey = "alaqat"

// staleAfter is how long the counters may stay unbalanced and unchanged,
// with no token to check, before a reader takes it for a writer that died
// between announcing and confirming and balances them again.
const staleAfter = 5 * time.Second

// checkAfter is how long the counters may stay unbalanced and unchanged
// before a reader checks whether the pending writes' transactions still
// run: a commit usually takes less.
const checkAfter = 50 * time.Millisecond

// cypherRepair balances the counters if they still are as the reader saw.
const cypherRepair = `MATCH (w:Writes {id: 'alaqat'}) SET w._lock = true
	WITH w, w.started = $started AND w.finished = $finished AS stale
	SET w.finished = CASE WHEN stale THEN w.started ELSE w.finished END,
		w.pending = CASE WHEN stale THEN [] ELSE w.pending END
	REMOVE w._lock`

func readMarks(ctx context.Context, tx neo.ManagedTransaction) (marks, error) {
	recs, err := run(ctx, tx, cypherMarks, nil)
	if err != nil || len(recs) == 0 {
		return marks{}, err
	}
	m := marks{}
	m.started, _ = recs[0].Values[0].(int64)
	m.finished, _ = recs[0].Values[1].(int64)
	m.pending = strings.Join(tokens(recs[0].Values[2]), " ")
	return m, nil
}

// tokens reads a list of strings.
func tokens(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if t, ok := x.(string); ok {
			out = append(out, t)
		}
	}
	return out
}

// newToken returns the token of one write.
func newToken() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// mark announces or confirms a write, in a transaction of its own.
func (s *Store) mark(ctx context.Context, cypher, token string) error {
	_, err := neo.ExecuteQuery(ctx, s.driver, cypher, map[string]any{"token": token}, neo.EagerResultTransformer, s.queryOptions()...)
	return err
}

// confirmGone confirms the pending writes whose transaction no longer
// runs. It reports whether it could tell (SHOW TRANSACTIONS may be refused
// to a user without the right).
func (s *Store) confirmGone(ctx context.Context, pending []string) bool {
	res, err := neo.ExecuteQuery(ctx, s.driver, cypherRunning, nil, neo.EagerResultTransformer, s.queryOptions()...)
	if err != nil {
		return false
	}
	running := map[string]bool{}
	for _, r := range res.Records {
		if t, ok := r.Values[0].(string); ok {
			running[t] = true
		}
	}
	for _, t := range pending {
		if !running[t] {
			if err := s.mark(ctx, cypherFinished, t); err != nil {
				return false
			}
		}
	}
	return true
}

// read runs fn in the request's snapshot when ctx carries one of this
// store's (see Snapshot), otherwise in a read transaction of its own,
// again until no commit overlapped it.
func read[T any](ctx context.Context, s *Store, fn func(tx neo.ManagedTransaction) (T, error)) (T, error) {
	if sn, ok := graph.SnapshotOf(ctx).(*snapshot); ok && sn.store == s {
		sn.mu.Lock()
		defer sn.mu.Unlock()
		if sn.tx == nil {
			var zero T
			return zero, errors.New("read after the snapshot ended")
		}
		return fn(sn.tx)
	}
	sess := s.session(ctx, neo.AccessModeRead)
	defer sess.Close(ctx)
	var w waiter
	for {
		var before, after marks
		v, err := neo.ExecuteRead(ctx, sess, func(tx neo.ManagedTransaction) (T, error) {
			var zero T
			var err error
			if before, err = readMarks(ctx, tx); err != nil {
				return zero, err
			}
			v, err := fn(tx)
			if err != nil {
				return zero, err
			}
			after, err = readMarks(ctx, tx)
			return v, err
		})
		if err != nil || (before == after && before.started == before.finished) {
			return v, err
		}
		if err := w.wait(ctx, s, before, after); err != nil {
			return v, err
		}
	}
}

// waiter paces a reader that found a commit in flight, and balances the
// counters of a writer that died between announcing and confirming.
type waiter struct {
	seen  marks
	since time.Time
	pause time.Duration
}

// wait waits a little (longer each time) before the next try, after a
// read that found the counters at before and after.
func (w *waiter) wait(ctx context.Context, s *Store, before, after marks) error {
	if w.since.IsZero() {
		w.since, w.pause = time.Now(), time.Millisecond
	}
	switch {
	case before != w.seen || before != after:
		w.seen, w.since = before, time.Now()
	case before.pending != "" && time.Since(w.since) > checkAfter && s.confirmGone(ctx, strings.Fields(before.pending)):
		// Writes announced a while ago whose transactions were gone are
		// confirmed now.
		w.since = time.Now()
	case time.Since(w.since) > staleAfter:
		// A writer announced a commit and never confirmed it. If the
		// repair fails (a read-only user), readers go on waiting.
		neo.ExecuteQuery(ctx, s.driver, cypherRepair,
			map[string]any{"started": before.started, "finished": before.finished}, neo.EagerResultTransformer, s.queryOptions()...)
		w.since = time.Now()
	}
	select {
	case <-ctx.Done():
		return fmt.Errorf("waiting for a commit to finish: %w", ctx.Err())
	case <-time.After(w.pause):
	}
	w.pause = min(2*w.pause, 20*time.Millisecond)
	return nil
}

// snapshot is one request's read transaction and the counters it began at.
type snapshot struct {
	store *Store
	mu    sync.Mutex // one statement at a time
	tx    neo.ExplicitTransaction
	begun marks
}

// Snapshot begins a read transaction for a request's reads, once no commit
// is in flight (the counters balance). Its end reads the counters again, in
// the same transaction: if they moved, a commit overlapped the reads, which
// may have seen part of it, and end returns graph.ErrOverlap. One check per
// request, instead of one around every read; the generation comes with the
// first check.
func (s *Store) Snapshot(ctx context.Context) (context.Context, func() error, error) {
	sess := s.session(ctx, neo.AccessModeRead)
	var w waiter
	for {
		tx, err := sess.BeginTransaction(ctx)
		if err != nil {
			sess.Close(ctx)
			return ctx, nil, fmt.Errorf("neo4j: begin a read: %w", err)
		}
		begun, err := readMarks(ctx, tx)
		if err != nil {
			tx.Close(ctx)
			sess.Close(ctx)
			return ctx, nil, fmt.Errorf("neo4j: begin a read: %w", err)
		}
		if begun.started == begun.finished {
			sn := &snapshot{store: s, tx: tx, begun: begun}
			snap := graph.WithGeneration(graph.WithSnapshot(ctx, sn), begun.started+begun.finished)
			return snap, func() error {
				sn.mu.Lock()
				defer sn.mu.Unlock()
				defer sess.Close(ctx)
				defer tx.Close(ctx)
				sn.tx = nil
				ended, err := readMarks(ctx, tx)
				if err != nil {
					return fmt.Errorf("neo4j: end a read: %w", err)
				}
				if ended != begun {
					return graph.ErrOverlap
				}
				return nil
			}, nil
		}
		tx.Close(ctx)
		if err := w.wait(ctx, s, begun, begun); err != nil {
			sess.Close(ctx)
			return ctx, nil, err
		}
	}
}

// Generation returns a number that grows with every committed write: the
// sum of the bookkeeping node's counters, which each write raises by one
// before and one after it commits.
func (s *Store) Generation(ctx context.Context) (int64, error) {
	res, err := neo.ExecuteQuery(ctx, s.driver, cypherMarks, nil, neo.EagerResultTransformer, s.queryOptions()...)
	if err != nil {
		return 0, fmt.Errorf("neo4j: generation: %w", err)
	}
	if len(res.Records) == 0 {
		return 0, nil
	}
	started, _ := res.Records[0].Values[0].(int64)
	finished, _ := res.Records[0].Values[1].(int64)
	return started + finished, nil
}
