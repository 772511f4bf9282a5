package gql

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/alaqat/alaqat/graph"
	"github.com/vektah/gqlparser/v2/ast"
)

// withSnapshot answers each request from one snapshot of the store (see
// graph.Snapshots): every read made for it sees the graph as of one
// moment. The answer is held until the snapshot ends; when the store
// reports that a commit came between its reads (Neo4j), the request is
// answered again in a new one, so a reader never sees part of an article's
// write.
// A mutation's operation reads and writes outside the snapshot (see
// freshForWrites), and its answer is never answered again: it stands.
func withSnapshot(store graph.Store, next http.Handler) http.Handler {
	if _, ok := store.(graph.Snapshots); !ok {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := requestBody(r)
		var buf *buffered
		err := graph.InSnapshot(r.Context(), store, func(snap context.Context) error {
			a := &attempt{}
			buf = &buffered{header: http.Header{}, status: http.StatusOK}
			if body != nil {
				r.Body = newBody(body)
			}
			next.ServeHTTP(buf, r.WithContext(context.WithValue(snap, attemptKey{}, a)))
			if a.wrote {
				return graph.ErrStands
			}
			return nil
		})
		if err != nil && !errors.Is(err, graph.ErrStands) {
			snapshotFailed(w, r, err)
			return
		}
		buf.flush(w)
	})
}

// snapshotFailed answers a request whose snapshot could not begin or
// could not be vouched for.
func snapshotFailed(w http.ResponseWriter, r *http.Request, err error) {
	status, code, msg, reason := http.StatusInternalServerError, graph.EINTERNAL, "internal error", "store"
	switch {
	case errors.Is(err, graph.ErrOverlap):
		status, code, msg = http.StatusServiceUnavailable, "unavailable", "the graph kept changing while it was read; try again"
	case errors.Is(r.Context().Err(), context.DeadlineExceeded):
		status, code, msg, reason = http.StatusOK, "timeout", "the query took longer than the server allows", "timeout"
	case r.Context().Err() != nil:
		status, code, msg, reason = http.StatusOK, "timeout", "the request ended before it was answered", "gone"
	default:
		slog.ErrorContext(r.Context(), "graphql: store", "err", err.Error())
	}
	if n := noteOf(r.Context()); n != nil {
		n.setProblem(msg)
		n.setReason(reason)
	}
	writeError(w, status, code, msg)
}

type attemptKey struct{}

// attempt is what one answer of a request did that decides whether it
// may be answered again.
type attempt struct{ wrote bool }

// freshForWrites takes a mutation's operation out of the request's
// snapshot: what it writes, and reads after writing, must be the store's
// latest, and it must not be run twice.
func freshForWrites(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil || oc.Operation.Operation == ast.Query {
		return next(ctx)
	}
	if a, ok := ctx.Value(attemptKey{}).(*attempt); ok {
		a.wrote = true
	}
	return next(graph.WithoutSnapshot(ctx))
}

// buffered holds a response until its snapshot is vouched for.
type buffered struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *buffered) Header() http.Header { return b.header }

func (b *buffered) WriteHeader(status int) { b.status = status }

func (b *buffered) Write(p []byte) (int, error) { return b.body.Write(p) }

// flush sends the held response.
func (b *buffered) flush(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.WriteHeader(b.status)
	w.Write(b.body.Bytes())
}
