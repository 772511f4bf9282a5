package gql

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// requestNote is what the layers of one request learn about it, for its
// log line and its metrics: the operation and its cost, why it was
// refused, what it read.
type requestNote struct {
	mu        sync.Mutex
	graphql   bool
	operation string
	cost      int
	problem   string // why the request was refused or stopped
	reason    string // the same, as a metric label
	cache     string // "hit" when the response cache answered
	rows      int64
	bytes     int64
}

type noteKey struct{}

func noteOf(ctx context.Context) *requestNote {
	n, _ := ctx.Value(noteKey{}).(*requestNote)
	return n
}

func (n *requestNote) set(f func(n *requestNote)) {
	n.mu.Lock()
	defer n.mu.Unlock()
	f(n)
}

func (n *requestNote) setOperation(op string) { n.set(func(n *requestNote) { n.operation = op }) }
func (n *requestNote) setCost(c int)          { n.set(func(n *requestNote) { n.cost = c }) }
func (n *requestNote) setReason(r string) {
	n.set(func(n *requestNote) {
		if n.reason == "" {
			n.reason = r
		}
	})
}

func (n *requestNote) setProblem(p string) {
	n.set(func(n *requestNote) {
		if n.problem == "" {
			n.problem = p
		}
	})
}

// Observe logs one line per request with log/slog (method, path, status,
// duration; for GraphQL the operation's name, its cost and the rows it
// read; why a request was refused) and counts it in m. It never logs the
// query string, the variables or the Authorization header: a GET request's
// variables are in its URL, so only the path is logged.
func Observe(log *slog.Logger, m *Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		note := &requestNote{}
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		r = r.WithContext(context.WithValue(r.Context(), noteKey{}, note))
		next.ServeHTTP(sw, r)
		took := time.Since(start)
		route := r.Pattern // set by the ServeMux on r
		if route == "" {
			route = "none"
		}
		m.request(route, sw.status)

		note.mu.Lock()
		defer note.mu.Unlock()
		attrs := []slog.Attr{
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Float64("ms", float64(took.Microseconds())/1000),
			slog.Int64("bytes", sw.written),
		}
		if note.graphql {
			m.graphql(note.operation, took.Seconds(), note.cost)
			attrs = append(attrs, slog.String("operation", note.operation), slog.Int("cost", note.cost), slog.Int64("rows", note.rows))
			if note.cache != "" {
				attrs = append(attrs, slog.String("cache", note.cache))
			}
		}
		if r.Context().Err() != nil {
			attrs = append(attrs, slog.Bool("client_gone", true))
		}
		level := slog.LevelInfo
		if note.problem != "" {
			attrs = append(attrs, slog.String("refused", note.problem))
		}
		if note.reason != "" {
			m.refusal(note.reason)
		}
		if sw.status >= 500 && sw.status != http.StatusServiceUnavailable {
			level = slog.LevelError
		}
		log.LogAttrs(r.Context(), level, "request", attrs...)
	})
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status  int
	written int64
	wrote   bool
}

func (w *statusWriter) WriteHeader(status int) {
	if !w.wrote {
		w.status, w.wrote = status, true
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	n, err := w.ResponseWriter.Write(b)
	w.written += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// limitConcurrency answers at once with 503 a request that finds max
// requests already being answered, rather than queueing it: a client
// that floods the server is told to come back, and those already in are
// answered in time.
func limitConcurrency(limit int, next http.Handler) http.Handler {
	slots := make(chan struct{}, limit)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case slots <- struct{}{}:
		default:
			w.Header().Set("Retry-After", "1")
			if n := noteOf(r.Context()); n != nil {
				n.setProblem("busy")
				n.setReason("busy")
			}
			writeError(w, http.StatusServiceUnavailable, "busy", "the server is answering as many requests as it allows: try again in a moment")
			return
		}
		defer func() { <-slots }()
		next.ServeHTTP(w, r)
	})
}
