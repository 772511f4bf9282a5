package pages

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAssets serves every asset and page, checks their types, and that a
// client that takes gzip gets the same bytes compressed, one that does not
// (or refuses it with q=0) gets them plain, and both revalidate with 304.
func TestAssets(t *testing.T) {
	mux := http.NewServeMux()
	Register(mux, Options{})
	paths := []string{"/timeline", "/graph", "/"}
	for name := range assets {
		paths = append(paths, AssetPrefix+name)
	}
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			get := func(acceptEncoding, ifNoneMatch string) *http.Response {
				req := httptest.NewRequest("GET", p, nil)
				if acceptEncoding != "" {
					req.Header.Set("Accept-Encoding", acceptEncoding)
				}
				if ifNoneMatch != "" {
					req.Header.Set("If-None-Match", ifNoneMatch)
				}
				w := httptest.NewRecorder()
				mux.ServeHTTP(w, req)
				return w.Result()
			}
			plain := get("", "")
			body, _ := io.ReadAll(plain.Body)
			if plain.StatusCode != 200 || len(body) == 0 || plain.Header.Get("Content-Encoding") != "" {
				t.Fatalf("plain: status %d, %d bytes, encoding %q", plain.StatusCode, len(body), plain.Header.Get("Content-Encoding"))
			}
			if ct := plain.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/") {
				t.Errorf("Content-Type %q", ct)
			}
			if !strings.HasPrefix(p, AssetPrefix) != (plain.Header.Get("Content-Security-Policy") != "") {
				t.Errorf("CSP %q: want one on pages only", plain.Header.Get("Content-Security-Policy"))
			}
			if r := get("gzip;q=0, br", ""); r.Header.Get("Content-Encoding") != "" {
				t.Errorf("gzip;q=0: served %q", r.Header.Get("Content-Encoding"))
			}
			zipped := get("br, gzip", "")
			if zipped.Header.Get("Content-Encoding") == "gzip" {
				zr, err := gzip.NewReader(zipped.Body)
				if err != nil {
					t.Fatal(err)
				}
				unzipped, _ := io.ReadAll(zr)
				if !bytes.Equal(unzipped, body) {
					t.Errorf("gzipped body differs from the plain one")
				}
				if zipped.Header.Get("ETag") == plain.Header.Get("ETag") {
					t.Errorf("the gzipped and plain bodies share the ETag %s", plain.Header.Get("ETag"))
				}
			} else if len(body) > 4096 {
				t.Errorf("a %d-byte text is served uncompressed to a client that takes gzip", len(body))
			}
			for enc, r := range map[string]*http.Response{"": plain, "br, gzip": zipped} {
				if again := get(enc, r.Header.Get("ETag")); again.StatusCode != http.StatusNotModified {
					t.Errorf("If-None-Match %s: status %d, want 304", r.Header.Get("ETag"), again.StatusCode)
				}
			}
		})
	}
}

// TestPageWeight measures what each page costs a browser opening it for
// the first time: the page and every asset it names, as served plain and
// gzipped. Each page has a budget of gzipped bytes, so that a vendored
// file that is not minified, or a library added by mistake, shows here.
func TestPageWeight(t *testing.T) {
	mux := http.NewServeMux()
	Register(mux, Options{})
	get := func(path string, gz bool) []byte {
		req := httptest.NewRequest("GET", path, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, req)
		if w.Code != 200 {
			t.Fatalf("GET %s: %d", path, w.Code)
		}
		return w.Body.Bytes()
	}
	for _, tc := range []struct {
		page   string
		budget int // gzipped bytes
	}{
		{"/timeline", 200_000},
		{"/graph", 250_000},
		{"/", 750_000}, // GraphiQL, React, and GraphiQL's fonts, which gzip barely shrinks
	} {
		t.Run(tc.page, func(t *testing.T) {
			html := string(get(tc.page, false))
			paths := []string{tc.page}
			for _, part := range strings.Split(html, `"`+AssetPrefix)[1:] {
				name, _, _ := strings.Cut(part, `"`)
				paths = append(paths, AssetPrefix+name)
			}
			plain, zipped := 0, 0
			for _, p := range paths {
				plain += len(get(p, false))
				zipped += len(get(p, true))
			}
			t.Logf("%s: %d files, %d bytes, %d gzipped", tc.page, len(paths), plain, zipped)
			if len(paths) < 3 {
				t.Errorf("%s names %d assets: the page's references were not found", tc.page, len(paths)-1)
			}
			if zipped > tc.budget {
				t.Errorf("%s weighs %d bytes gzipped, over its budget of %d", tc.page, zipped, tc.budget)
			}
		})
	}
}

// TestNoGraphiQL serves the pages without GraphiQL: / is not found, and
// the other pages do not link to it.
func TestNoGraphiQL(t *testing.T) {
	for _, tc := range []struct {
		opt  Options
		root int
		link bool
	}{
		{Options{}, 200, true},
		{Options{NoGraphiQL: true}, 404, false},
	} {
		mux := http.NewServeMux()
		Register(mux, tc.opt)
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		if w.Code != tc.root {
			t.Errorf("%+v: GET / = %d, want %d", tc.opt, w.Code, tc.root)
		}
		for _, page := range []string{"/timeline", "/graph"} {
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, httptest.NewRequest("GET", page, nil))
			if got := strings.Contains(w.Body.String(), graphiQLLink); got != tc.link {
				t.Errorf("%+v: %s links to GraphiQL: %v, want %v", tc.opt, page, got, tc.link)
			}
		}
	}
}
