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
// reader reads both counters before and after its query, in the same
// statement, and keeps the answer only if no commit was announced but
// unconfirmed before the query (started == finished) and none was
// announced during it (the counters did not move). Any commit whose
// application overlapped the query fails one of these: its announcement
// was visible before the query (then unconfirmed), or became visible before
// the query ended. Several statements that found the same balanced
// counters saw the graph between the same two commits, in one transaction
// or not, on one cluster member or several. Each announcement and
// confirmation changes the node whole, under its lock.
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

// marksOf reads the counters from a list of started, finished and the
// pending tokens.
func marksOf(v any) marks {
	l, _ := v.([]any)
	if len(l) < 3 {
		return marks{}
	}
	m := marks{}
	m.started, _ = l[0].(int64)
	m.finished, _ = l[1].(int64)
	m.pending = strings.Join(tokens(l[2]), " ")
	return m
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

// reader runs the statements of one read, each wrapped with the counters
// read before and after it in the same statement (see fused), and checks
// that every one found the counters balanced and unmoved, and all the
// same: then each statement, and all of them together, saw the graph
// between the same two commits, whatever member of a cluster answered
// each. A statement that finds otherwise fails with an *overlap.
type reader struct {
	run   func(ctx context.Context, cypher string, params map[string]any) (neo.ResultWithContext, error)
	known bool  // at holds the counters the statements found
	at    marks // balanced
}

// overlap is the error of a statement during which, or before which, a
// commit was in flight, or after a commit that the reader's earlier
// statements did not see.
type overlap struct{ before, after marks }

func (o *overlap) Error() string {
	return "a write committed while the graph was read"
}

// rows runs a read statement whose RETURN is a single list named row (the
// columns) and returns a record a row, as the statement returning those
// columns would. The server sends the rows in one record: the driver reads
// each message apart, and when the server gives connections a read timeout
// (Neo4j 5 does by default) it races that timeout in a goroutine and a
// context per read, which was a quarter of the server's CPU on a page of
// agreements read a row a record.
func (r *reader) rows(ctx context.Context, cypher string, params map[string]any) ([]*neo.Record, error) {
	recs, err := collect(ctx, r.run, fused(cypher), params)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 || len(recs[0].Values) != 3 {
		return nil, errors.New("no answer")
	}
	v := recs[0].Values
	before, after := marksOf(v[0]), marksOf(v[2])
	if before != after || before.started != before.finished || (r.known && before != r.at) {
		return nil, &overlap{before, after}
	}
	r.known, r.at = true, before
	list, _ := v[1].([]any)
	return records(list), nil
}

// fused wraps a read statement whose RETURN is a single list named row in
// one statement that returns the counters, the statement's rows collected
// and the counters again. The statement is a subquery importing the
// counters read before it (a variable scope clause, as the other
// statements' subqueries), which Neo4j runs after reading them (an
// Apply), and the counters are read again once its rows are collected.
func fused(cypher string) string {
	return `OPTIONAL MATCH (alaqat_w:Writes {id: 'alaqat'})
WITH [coalesce(alaqat_w.started, 0), coalesce(alaqat_w.finished, 0), coalesce(alaqat_w.pending, [])] AS alaqat_before
CALL (alaqat_before) {
CALL {
` + cypher + `
}
RETURN collect(row) AS alaqat_rows
}
OPTIONAL MATCH (alaqat_v:Writes {id: 'alaqat'}) WHERE size(alaqat_rows) >= 0
RETURN alaqat_before, alaqat_rows, [coalesce(alaqat_v.started, 0), coalesce(alaqat_v.finished, 0), coalesce(alaqat_v.pending, [])] AS alaqat_after`
}

// read runs fn's statements in the request's snapshot when ctx carries one
// of this store's (see Snapshot), otherwise in a read transaction of its
// own; again, after a pause, while a commit was in flight, unless the
// snapshot had read before (then the snapshot's end reports the overlap).
func read[T any](ctx context.Context, s *Store, fn func(r *reader) (T, error)) (T, error) {
	var zero T
	var w waiter
	if sn, ok := graph.SnapshotOf(ctx).(*snapshot); ok && sn.store == s {
		sn.mu.Lock()
		defer sn.mu.Unlock()
		for {
			if sn.ended {
				return zero, errors.New("read after the snapshot ended")
			}
			first := !sn.r.known
			v, err := fn(&sn.r)
			var o *overlap
			if !errors.As(err, &o) {
				return v, err
			}
			if !first {
				sn.overlapped = true
				return zero, graph.ErrOverlap
			}
			sn.r.known = false
			if err := w.wait(ctx, s, o.before, o.after); err != nil {
				return zero, err
			}
		}
	}
	sess := s.session(ctx, neo.AccessModeRead)
	defer sess.Close(ctx)
	for {
		var o *overlap
		v, err := neo.ExecuteRead(ctx, sess, func(tx neo.ManagedTransaction) (T, error) {
			return fn(&reader{run: tx.Run})
		})
		if !errors.As(err, &o) {
			return v, err
		}
		if err := w.wait(ctx, s, o.before, o.after); err != nil {
			return zero, err
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

// snapshot is one request's reads: statements run one at a time, each
// on its own (an auto-commit transaction: one round trip, where an
// explicit transaction waits for its BEGIN and its end), all checked
// against the same counters (see reader).
type snapshot struct {
	store      *Store
	mu         sync.Mutex // one statement at a time
	sess       neo.SessionWithContext
	r          reader
	ended      bool
	overlapped bool // a statement found a commit the earlier ones did not see
}

// Snapshot returns a context whose reads see the graph as of one moment.
// It reads nothing itself: each statement of the request carries the
// counters it saw before and after it (see reader); the first waits while
// a commit is in flight, and any later one that finds them moved fails,
// and makes end return graph.ErrOverlap, so that the request is answered
// again. The generation is what the statements found (see Generation). A
// request of one question is one statement and one round trip.
func (s *Store) Snapshot(ctx context.Context) (context.Context, func() error, error) {
	sn := &snapshot{store: s, sess: s.session(ctx, neo.AccessModeRead)}
	sn.r.run = func(ctx context.Context, cypher string, params map[string]any) (neo.ResultWithContext, error) {
		return sn.sess.Run(ctx, cypher, params)
	}
	return graph.WithSnapshot(ctx, sn), func() error {
		sn.mu.Lock()
		defer sn.mu.Unlock()
		if sn.ended {
			return nil
		}
		sn.ended = true
		sn.sess.Close(ctx)
		if sn.overlapped {
			return graph.ErrOverlap
		}
		return nil
	}, nil
}

// Generation returns a number that grows with every committed write: the
// sum of the bookkeeping node's counters, which each write raises by one
// before and one after it commits.
func (s *Store) Generation(ctx context.Context) (int64, error) {
	if sn, ok := graph.SnapshotOf(ctx).(*snapshot); ok && sn.store == s {
		// The snapshot's: what its statements found, or find now.
		gen, err := read(ctx, s, func(r *reader) (int64, error) {
			if !r.known {
				if _, err := r.rows(ctx, "RETURN [] AS row", nil); err != nil {
					return 0, err
				}
			}
			return r.at.started + r.at.finished, nil
		})
		if err != nil {
			return 0, fmt.Errorf("neo4j: generation: %w", err)
		}
		return gen, nil
	}
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
