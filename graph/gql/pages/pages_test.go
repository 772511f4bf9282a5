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
	paths := []string{"/timeline", "/graph"}
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
			if (p == "/timeline" || p == "/graph") != (plain.Header.Get("Content-Security-Policy") != "") {
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
