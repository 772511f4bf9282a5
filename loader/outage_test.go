package loader_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/neo4j"
	"github.com/alaqat/alaqat/graph/neo4j/neo4jtest"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/transfer"
)

// TestNeo4jOutageMidImport cuts the loader off from Neo4j in the middle of
// an import (a proxy between them closes its port and every connection):
// the articles committed before stay and are reported imported, and every
// other article is reported failed, by its line: exactly those the store
// does not hold (but for a commit cut off on its way, reported as perhaps
// stored).
func TestNeo4jOutageMidImport(t *testing.T) {
	const articles, batch, cutAfter = 40, 5, 10
	for _, tc := range []struct {
		name  string
		delay time.Duration // from the cutAfter-th article stored to the cut
	}{
		{"between two batches", 0},
		{"while a batch is being written", 15 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			direct := neo4jtest.OpenEmpty(t)
			uri, opts := neo4jtest.Server(t)
			p := newProxy(t, uri)
			opts.MaxRetryTime = time.Second
			store, err := neo4j.Open(t.Context(), "bolt://"+p.addr(), opts)
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()

			file := filepath.Join(t.TempDir(), "facts.jsonl")
			out, err := os.Create(file)
			if err != nil {
				t.Fatal(err)
			}
			ids := map[string]string{} // origin (file:line) → article id
			for i := range articles {
				f := graphtest.Synthetic(i)
				if err := transfer.WriteRecord(out, f); err != nil {
					t.Fatal(err)
				}
				ids[fmt.Sprintf("%s:%d", file, i+1)] = f.Article.ID
			}
			out.Close()

			var once sync.Once
			rep, err := loader.Import(t.Context(), store, []string{file}, loader.Options{Batch: batch, Progress: func(pr loader.Progress) {
				if pr.Article != "" && pr.Articles == cutAfter {
					once.Do(func() { time.AfterFunc(tc.delay, p.cut) })
				}
			}})
			if err != nil {
				t.Fatalf("Import: %v", err)
			}

			// A failure is "not stored", or "perhaps not stored" when the
			// connection went during its commit and the store could not be
			// asked: only those may be held.
			var failed, perhaps []string
			for _, f := range rep.Failures {
				id, ok := ids[f.Origin]
				switch msg := f.Err.Error(); {
				case !ok:
					t.Errorf("failure %v: want an article of the file", f)
				case strings.HasPrefix(msg, "not stored"):
					failed = append(failed, id)
				case strings.HasPrefix(msg, "perhaps not stored"):
					perhaps = append(perhaps, id)
				default:
					t.Errorf("failure %v: want it not stored", f)
				}
			}
			held := storedArticles(t, direct)
			t.Logf("%d imported, %d failed (%d perhaps stored), %d held by the store", rep.Articles, len(rep.Failures), len(perhaps), len(held))
			if rep.Articles+len(rep.Failures) != articles {
				t.Errorf("%d imported and %d failed, want %d in all", rep.Articles, len(rep.Failures), articles)
			}
			if rep.Articles < cutAfter || len(failed) == 0 {
				t.Errorf("%d imported and %d failed: want the cut to fall after %d articles, before the end", rep.Articles, len(failed), cutAfter)
			}
			extra := 0
			for _, id := range perhaps {
				if slices.Contains(held, id) {
					extra++
				}
			}
			if len(held) != rep.Articles+extra {
				t.Errorf("the store holds %d articles, the report says %d imported (and %d perhaps)", len(held), rep.Articles, extra)
			}
			for _, id := range failed {
				if slices.Contains(held, id) {
					t.Errorf("%s reported not stored, but the store holds it", id)
				}
			}
		})
	}
}

// storedArticles lists the ids of every article a store holds.
func storedArticles(t *testing.T, s graph.Store) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	var ids []string
	for after := ""; ; {
		page, err := s.ListArticles(ctx, after, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			return ids
		}
		for _, a := range page {
			ids = append(ids, a.ID)
		}
		after = page[len(page)-1].ID
	}
}

// proxy forwards TCP connections to a server until cut, when it closes
// its port and every connection, as a server that goes away would.
type proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
	closed bool
}

func newProxy(t *testing.T, uri string) *proxy {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	target := u.Host
	if u.Port() == "" {
		target = net.JoinHostPort(u.Hostname(), strconv.Itoa(7687))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target}
	t.Cleanup(p.cut)
	go p.serve()
	return p
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		if !p.track(c, s) {
			return
		}
		go func() { io.Copy(s, c); s.Close() }()
		go func() { io.Copy(c, s); c.Close() }()
	}
}

func (p *proxy) track(cs ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		for _, c := range cs {
			c.Close()
		}
		return false
	}
	p.conns = append(p.conns, cs...)
	return true
}

// cut closes the port and every connection.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	p.closed = true
	p.ln.Close()
	for _, c := range p.conns {
		c.Close()
	}
}
