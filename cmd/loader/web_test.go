package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// newsSite serves a feed and its pages on 127.0.0.1; add puts more items
// at the top of the feed, as a news site does.
type newsSite struct {
	*httptest.Server
	mu    sync.Mutex
	items []string
	fail  bool // the feed answers 503
	hits  map[string]int
}

func newNewsSite(t *testing.T) *newsSite {
	s := &newsSite{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[r.URL.Path]++
	switch {
	case r.URL.Path == "/rss.xml" && s.fail:
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	case r.URL.Path == "/rss.xml":
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Gulf Wire</title>`+strings.Join(s.items, "")+`</channel></rss>`)
	case strings.HasPrefix(r.URL.Path, "/news/"):
		n := strings.TrimPrefix(r.URL.Path, "/news/")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>Oman and Japan, round %s</title></head><body><nav>Home | World</nav><article>
<p>Oman and Japan signed agreement number %s on trade and fisheries in Muscat on Monday.</p></article></body></html>`, n, n)
	default:
		http.NotFound(w, r)
	}
}

// add puts an item linking to /news/N (or, with link false, holding its
// own text) at the top of the feed.
func (s *newsSite) add(n int, link bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	item := fmt.Sprintf("<item><title>Item %d</title><guid>item-%d</guid>", n, n)
	if link {
		item += fmt.Sprintf("<link>%s/news/%d</link>", s.URL, n)
	} else {
		item += fmt.Sprintf("<description>Qatar and Germany signed agreement number %d on defence in Doha.</description>", n)
	}
	s.items = append([]string{item + "</item>"}, s.items...)
}

func TestImportURLs(t *testing.T) {
	site := newNewsSite(t)
	site.add(1, true)
	site.add(2, false)
	site.add(3, true)
	site.mu.Lock()
	site.items = append(site.items, fmt.Sprintf("<item><title>Gone</title><link>%s/gone</link></item>", site.URL))
	site.mu.Unlock()
	db := filepath.Join(t.TempDir(), "web.db")

	code, out, errs := runLoader(t, "", "import", site.URL+"/rss.xml", site.URL+"/news/9", site.URL+"/nowhere", "--db", db, "-v")
	if code != exitFailed {
		t.Errorf("exit %d, want %d", code, exitFailed)
	}
	for _, want := range []string{
		"imported " + site.URL + "/news/3 (article:",
		"imported " + site.URL + "/rss.xml#2 (article:",
		"imported " + site.URL + "/news/1 (article:",
		"imported " + site.URL + "/news/9 (article:",
		"imported 4 articles: ",
		"; 0 replaced; 0 unchanged; 2 failed\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{
		"loader import: " + site.URL + "/rss.xml: item 4: " + site.URL + "/gone: HTTP error 404 Not Found\n",
		"loader import: " + site.URL + "/nowhere: HTTP error 404 Not Found\n",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	// What one page yields, stored nowhere.
	if code, out, errs := runLoader(t, "", "extract", site.URL+"/news/7"); code != exitOK || !strings.Contains(out, "country      OM") || !strings.Contains(out, "Oman and Japan, round 7") {
		t.Errorf("extract URL: exit %d\n%s%s", code, out, errs)
	}
	// The same again: nothing new.
	code, out, _ = runLoader(t, "", "import", "--db", db, site.URL+"/rss.xml")
	if code != exitFailed || !strings.Contains(out, "imported 0 articles: 0 entities, 0 relations, 0 evidence quotes; 0 replaced; 3 unchanged; 1 failed") {
		t.Errorf("again: exit %d, %q", code, out)
	}
}

func (s *newsSite) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *newsSite) setFail(fail bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = fail
}

// TestWatchOnce runs rounds of loader watch with --once: only what is new
// is imported, what was imported is remembered across runs, a failing
// feed is backed off, an item that keeps failing is given up.
func TestWatchOnce(t *testing.T) {
	site := newNewsSite(t)
	site.add(1, true)
	site.add(2, false)
	dir := t.TempDir()
	folder := filepath.Join(dir, "incoming")
	os.MkdirAll(folder, 0o755)
	os.WriteFile(filepath.Join(folder, "a.txt"), []byte("Kenya and Norway | Wire\n\nKenya and Norway signed an agreement on fisheries.\n"), 0o644)
	db := filepath.Join(dir, "watch.db")
	feed := site.URL + "/rss.xml"
	watch := func(args ...string) (int, string, string) {
		return runLoader(t, "", append([]string{"watch", "--once", "--db", db, feed, folder}, args...)...)
	}

	code, out, errs := watch()
	if code != exitOK || strings.Count(out, "imported 2 articles") != 1 || strings.Count(out, "imported 1 article:") != 1 {
		t.Fatalf("first round: exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(db + ".watch.json"); err != nil {
		t.Fatalf("no state beside the store: %v", err)
	}
	// Nothing new: nothing fetched but the feed, nothing imported.
	code, out, _ = watch("-v")
	if code != exitOK || strings.Contains(out, "imported") || strings.Count(out, "nothing new") != 2 || site.hitsOf("/news/1") != 1 {
		t.Errorf("second round: exit %d, page fetched %d times\n%s", code, site.hitsOf("/news/1"), out)
	}
	// A new item, a changed file, an item that fails.
	site.add(3, true)
	site.mu.Lock()
	site.items = append([]string{"<item><title>Gone</title><link>" + site.URL + "/gone</link></item>"}, site.items...)
	site.mu.Unlock()
	os.WriteFile(filepath.Join(folder, "a.txt"), []byte("Kenya and Norway | Wire\n\nKenya and Norway signed an agreement on fisheries and ports.\n"), 0o644)
	future := time.Now().Add(time.Minute)
	os.Chtimes(filepath.Join(folder, "a.txt"), future, future)
	code, out, errs = watch()
	if code != exitFailed || !strings.Contains(out, feed+": imported 1 article:") || !strings.Contains(out, folder+": imported 1 article:") ||
		!strings.Contains(errs, site.URL+"/gone: HTTP error 404 Not Found") || site.hitsOf("/news/3") != 1 {
		t.Errorf("third round: exit %d\n%s%s", code, out, errs)
	}
	// The failing item is tried twice more, then given up.
	watch()
	_, _, errs = watch()
	if !strings.Contains(errs, "gave up "+site.URL+"/gone after 3 failures") || site.hitsOf("/gone") != 3 {
		t.Errorf("give up: %d tries\n%s", site.hitsOf("/gone"), errs)
	}
	if watch(); site.hitsOf("/gone") != 3 {
		t.Errorf("tried after it was given up: %d", site.hitsOf("/gone"))
	}
	// The feed down: a failure, then a round skipped (backoff).
	site.setFail(true)
	hits := site.hitsOf("/rss.xml")
	code, _, errs = watch("--every", "1h")
	if code != exitFailed || !strings.Contains(errs, feed+": HTTP error 503 Service Unavailable (1 failure in a row); next try in 1h0m0s") {
		t.Errorf("feed down: exit %d, %s", code, errs)
	}
	if watch("--every", "1h"); site.hitsOf("/rss.xml") != hits+1 {
		t.Errorf("the feed was fetched again during its backoff: %d", site.hitsOf("/rss.xml")-hits)
	}
	if _, out, _ := runLoader(t, "", "stats", "--db", db); !strings.Contains(out, "articles       4\n") {
		t.Errorf("stats:\n%s", out)
	}
}
