package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

const pageEN = `<!DOCTYPE html><html><head><title>Oman and Japan sign a trade deal | Wire</title>
<meta property="og:site_name" content="Wire"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Oman and Japan sign a trade deal</h1>
<p>Oman and Japan signed an agreement on trade and fisheries in Muscat on Monday.</p>
<p>The foreign ministers of both countries attended the signing ceremony.</p></article>
<footer>Copyright Wire</footer></body></html>`

// arabicPage is an Arabic page whose <meta> names its charset.
func arabicPage(charsetName string) string {
	return `<html><head><meta charset="` + charsetName + `"><title>قطر وألمانيا</title></head><body><article>
<p>وقعت قطر وألمانيا اتفاقية للتعاون الأمني في الدوحة يوم الاثنين.</p></article></body></html>`
}

func win1256(s string) string {
	b, err := charmap.Windows1256.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

// newServer serves the test cases' pages on 127.0.0.1, recording the
// User-Agent of each request.
func newServer(t *testing.T) (*httptest.Server, *[]string) {
	t.Helper()
	var agents []string
	var mu sync.Mutex
	mux := http.NewServeMux()
	page := func(path, ctype, body string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			fmt.Fprint(w, body)
		})
	}
	page("/en", "text/html; charset=utf-8", pageEN)
	page("/ar-1256-header", "text/html; charset=windows-1256", win1256(arabicPage("windows-1256")))
	page("/ar-1256-meta", "text/html", win1256(arabicPage("windows-1256")))
	page("/ar-utf8-labelled-1256", "text/html; charset=windows-1256", arabicPage("windows-1256"))
	page("/ar-1256-labelled-utf8", "text/html; charset=utf-8", win1256(arabicPage("utf-8")))
	page("/unknown-charset", "text/html; charset=klingon", pageEN)
	page("/plain", "text/plain", "Oman and Japan | Wire\n\nOman and Japan signed an agreement on trade.\n")
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(200)
		fmt.Fprint(w, "<html><body><p>")
		w.(http.Flusher).Flush()
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 64 {
			fmt.Fprint(w, strings.Repeat("<p>words words words</p>", 100))
		}
	})
	mux.HandleFunc("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100000000")
		w.WriteHeader(200)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/en", http.StatusMovedPermanently) })
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) })
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents = append(agents, r.UserAgent())
		mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &agents
}

func TestGetPages(t *testing.T) {
	srv, agents := newServer(t)
	c := &Client{Timeout: 300 * time.Millisecond, MaxBytes: 32 << 10, MaxRedirects: 3}
	tests := []struct {
		path  string
		title string // of the article read, when no error
		text  string // in its text
		err   string // in the error
		is    error
	}{
		{"/en", "Oman and Japan sign a trade deal", "signed an agreement on trade and fisheries", "", nil},
		{"/moved", "Oman and Japan sign a trade deal", "foreign ministers", "", nil},
		{"/plain", "Oman and Japan", "signed an agreement on trade", "", nil},
		{"/ar-1256-header", "قطر وألمانيا", "وقعت قطر وألمانيا اتفاقية", "", nil},
		{"/ar-1256-meta", "قطر وألمانيا", "وقعت قطر وألمانيا اتفاقية", "", nil},
		{"/ar-utf8-labelled-1256", "قطر وألمانيا", "وقعت قطر وألمانيا اتفاقية", "", nil},
		{"/ar-1256-labelled-utf8", "", "", "not valid UTF-8", nil},
		{"/unknown-charset", "", "", `unknown charset "klingon"`, nil},
		{"/slow", "", "", "no complete answer within 300ms", nil},
		{"/huge", "", "", "response too large: more than the 32.0 KB allowed", ErrTooLarge},
		{"/huge-declared", "", "", "response too large: 95.4 MB, more than the 32.0 KB allowed", ErrTooLarge},
		{"/loop", "", "", "too many redirects", ErrTooManyHops},
		{"/to-file", "", "", "redirected to a file: URL", nil},
		{"/missing", "", "", "HTTP error 404 Not Found", ErrStatus},
		{"/broken", "", "", "HTTP error 500 Internal Server Error", ErrStatus},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			start := time.Now()
			arts, err := c.Articles(context.Background(), srv.URL+tc.path)
			if time.Since(start) > 3*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.HasPrefix(err.Error(), srv.URL+tc.path+": ") {
					t.Fatalf("error %v, want one naming the URL and saying %q", err, tc.err)
				}
				if tc.is != nil && !errors.Is(err, tc.is) {
					t.Errorf("error %v is not %v", err, tc.is)
				}
				return
			}
			if err != nil || len(arts) != 1 {
				t.Fatalf("%d articles, %v", len(arts), err)
			}
			a := arts[0]
			if a.Title != tc.title || !strings.Contains(a.Text, tc.text) || a.URL == "" {
				t.Errorf("title %q, url %q, text %q", a.Title, a.URL, a.Text)
			}
			if strings.Contains(a.Text, "Copyright") || strings.Contains(a.Text, "Home") {
				t.Errorf("readability kept the page's furniture: %q", a.Text)
			}
		})
	}
	for _, ua := range *agents {
		if !strings.HasPrefix(ua, "alaqat-loader/") {
			t.Errorf("User-Agent %q does not name the tool", ua)
		}
	}
	if _, err := c.Articles(context.Background(), "ftp://example.org/x"); err == nil || !strings.Contains(err.Error(), "not an http(s) URL") {
		t.Errorf("ftp URL: %v", err)
	}
}

func TestFeeds(t *testing.T) {
	srv, _ := newServer(t)
	mux := http.NewServeMux()
	feed := func(items ...string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>` + strings.Join(items, "") + `</channel></rss>`
	}
	item := func(title, link, desc, date string) string {
		s := "<item><title>" + title + "</title>"
		if link != "" {
			s += "<link>" + link + "</link>"
		}
		if date != "" {
			s += "<pubDate>" + date + "</pubDate>"
		}
		return s + "<description>" + desc + "</description></item>"
	}
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, feed(
			item("Linked", srv.URL+"/en", "A summary only.", "Mon, 03 Mar 2025 10:00:00 GMT"),
			item("Gone", srv.URL+"/missing", "A summary.", ""),
			item("No link", "", "Qatar and Germany signed an agreement on defence in Doha.", "2025-03-04"),
			item("Loops", srv.URL+"/loop", "A summary.", ""),
			item("Plain", srv.URL+"/plain", "A summary.", "2025-03-05"),
		))
	})
	mux.HandleFunc("/feed-1256.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprint(w, win1256(`<?xml version="1.0" encoding="windows-1256"?><rss><channel><title>الخليج</title>`+
			`<item><title>قطر</title><description>وقعت قطر وألمانيا اتفاقية للتعاون الأمني.</description></item></channel></rss>`))
	})
	feeds := httptest.NewServer(mux)
	defer feeds.Close()
	c := &Client{Timeout: time.Second, MaxRedirects: 2}

	arts, err := c.Articles(context.Background(), feeds.URL+"/feed.xml")
	if len(arts) != 3 {
		t.Fatalf("%d articles, want 3 (linked, no link, plain): %v", len(arts), err)
	}
	if a := arts[0]; a.Title != "Oman and Japan sign a trade deal" || !strings.Contains(a.Text, "foreign ministers") || a.Published != "2025-03-03" || a.URL != srv.URL+"/en" || a.Source != "Wire" {
		t.Errorf("linked item: the page, with the item's date: %+v", a)
	}
	if a := arts[1]; a.Title != "No link" || !strings.Contains(a.Text, "Qatar and Germany signed") || a.Published != "2025-03-04" {
		t.Errorf("item without a link: its own content: %+v", a)
	}
	if a := arts[2]; a.Published != "2025-03-05" || a.Title != "Oman and Japan" {
		t.Errorf("plain-text page: %+v", a)
	}
	want := feeds.URL + "/feed.xml: item 2: " + srv.URL + "/missing: HTTP error 404 Not Found\n" +
		feeds.URL + "/feed.xml: item 4: " + srv.URL + "/loop: too many redirects"
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}

	arts, err = c.Articles(context.Background(), feeds.URL+"/feed-1256.xml")
	if err != nil || len(arts) != 1 || arts[0].Source != "الخليج" || !strings.Contains(arts[0].Text, "وقعت قطر") {
		t.Errorf("windows-1256 feed: %v %+v", err, arts)
	}

	// Items bounded: the first ones read, the rest reported.
	c.MaxItems = 2
	items, isFeed, err := c.Items(context.Background(), feeds.URL+"/feed.xml")
	if !isFeed || len(items) != 2 || err == nil || !strings.Contains(err.Error(), "5 items, only the first 2 read") {
		t.Errorf("MaxItems: feed %v, %d items, %v", isFeed, len(items), err)
	}
}

// A cancelled context stops a fetch at once.
func TestCancel(t *testing.T) {
	srv, _ := newServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := (&Client{}).Articles(ctx, srv.URL+"/slow")
	if err == nil || time.Since(start) > 3*time.Second {
		t.Errorf("after %v: %v", time.Since(start), err)
	}
}
