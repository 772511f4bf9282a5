package gql

import (
	"bytes"
	"context"
	"crypto/sha256"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/alaqat/alaqat/graph"
)

// maxCachedResponse is the largest answer the response cache keeps, and
// maxCacheBytes the most all its answers together hold: a client asking
// a thousand different large questions must not fill the memory.
const (
	maxCachedResponse = 1 << 20
	maxCacheBytes     = 64 << 20
)

// responseCache answers a query asked again, byte for byte, before the
// store changed with the bytes of its first answer. The store's generation
// (graph.Versioned: every import and deletion raises it, in any process)
// is part of the key, so an answer never outlives the facts it was read
// from. Only queries that answered without errors are kept; mutations and
// anything else never are. Analysts' dashboards ask the same few questions
// over and over: this is what makes them cheap.
type responseCache struct {
	store   graph.Versioned
	lru     *lru.Cache[[32]byte, cachedResponse]
	metrics *Metrics

	mu       sync.Mutex   // held while adding, so that bytes stays exact
	bytes    atomic.Int64 // the answers' bytes held
	maxBytes int64
}

type cachedResponse struct {
	contentType string
	body        []byte
}

// cacheNote is how the executor tells the cache, through the request's
// context, that the answer may be kept: a query that had no errors.
type cacheNote struct{ keep bool }

type cacheNoteKey struct{}

// withResponseCache wraps next with a cache of size answers, or returns
// next when the store cannot tell its generation or size is 0.
func withResponseCache(store graph.Store, size int, m *Metrics, next http.Handler) http.Handler {
	v, ok := store.(graph.Versioned)
	if !ok || size <= 0 {
		return next
	}
	rc := &responseCache{store: v, metrics: m, maxBytes: maxCacheBytes}
	c, err := lru.NewWithEvict(size, func(_ [32]byte, v cachedResponse) { rc.bytes.Add(-int64(len(v.body))) })
	if err != nil {
		return next
	}
	rc.lru = c
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { rc.serve(w, r, next) })
}

func (rc *responseCache) serve(w http.ResponseWriter, r *http.Request, next http.Handler) {
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		next.ServeHTTP(w, r)
		return
	}
	ctx := r.Context()
	gen, err := rc.store.Generation(ctx)
	if err != nil {
		next.ServeHTTP(w, r)
		return
	}
	body := requestBody(r)
	h := sha256.New()
	h.Write([]byte(r.Method + "\n" + r.URL.RawQuery + "\n" + r.Header.Get("Content-Type") + "\n" + strconv.FormatInt(gen, 10) + "\n"))
	h.Write(body)
	var key [32]byte
	h.Sum(key[:0])
	hit, ok := rc.lru.Get(key)
	rc.metrics.cacheLookup(ok)
	if ok {
		if n := noteOf(ctx); n != nil {
			n.set(func(n *requestNote) { n.cache = "hit" })
		}
		w.Header().Set("Content-Type", hit.contentType)
		w.Header().Set("X-Alaqat-Cache", "hit")
		w.Write(hit.body)
		return
	}
	note := &cacheNote{}
	ctx = context.WithValue(graph.WithGeneration(ctx, gen), cacheNoteKey{}, note)
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	next.ServeHTTP(rec, r.WithContext(ctx))
	if note.keep && rec.status == http.StatusOK && !rec.overflow {
		rc.add(key, cachedResponse{contentType: rec.Header().Get("Content-Type"), body: rec.buf.Bytes()})
	}
}

// add keeps an answer, dropping the oldest while the answers hold more
// than maxCacheBytes.
func (rc *responseCache) add(key [32]byte, v cachedResponse) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.lru.Contains(key) {
		return
	}
	rc.lru.Add(key, v)
	rc.bytes.Add(int64(len(v.body)))
	for rc.bytes.Load() > rc.maxBytes {
		if _, _, ok := rc.lru.RemoveOldest(); !ok {
			break
		}
	}
}

// smallOnly is a cache of gqlgen's (parsed documents, persisted queries)
// that keeps nothing for a query longer than maxCachedQuery: a thousand
// queries of a megabyte each (a long string argument) would otherwise
// stay in memory for good.
type smallOnly[T any] struct{ graphql.Cache[T] }

// maxCachedQuery is the longest query text gqlgen's caches keep.
const maxCachedQuery = 16 << 10

// Add keeps value unless key, the query's text, is long.
func (c smallOnly[T]) Add(ctx context.Context, key string, value T) {
	if len(key) <= maxCachedQuery {
		c.Cache.Add(ctx, key, value)
	}
}

// recorder passes a response through and keeps a copy of it, up to
// maxCachedResponse bytes.
type recorder struct {
	http.ResponseWriter
	status   int
	buf      bytes.Buffer
	overflow bool
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.overflow {
		if r.buf.Len()+len(b) > maxCachedResponse {
			r.overflow = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

// noteCacheable marks the request's answer as one the response cache may
// keep: a query (not a mutation or a subscription) answered without errors.
func noteCacheable(ctx context.Context, resp *graphql.Response) {
	note, _ := ctx.Value(cacheNoteKey{}).(*cacheNote)
	if note == nil || !graphql.HasOperationContext(ctx) {
		return // a request refused before it had an operation
	}
	oc := graphql.GetOperationContext(ctx)
	note.keep = len(resp.Errors) == 0 && oc != nil && oc.Operation != nil && oc.Operation.Operation == ast.Query
}
