package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
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
		"; 0 unchanged; 2 failed\n",
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
	// The same again: nothing new.
	code, out, _ = runLoader(t, "", "import", "--db", db, site.URL+"/rss.xml")
	if code != exitFailed || !strings.Contains(out, "imported 0 articles: 0 entities, 0 relations, 0 evidence quotes; 3 unchanged; 1 failed") {
		t.Errorf("again: exit %d, %q", code, out)
	}
}
