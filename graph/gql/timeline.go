package gql

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"strings"
)

// The page, its script and style, and the vendored vis-timeline (see
// third_party/vis-timeline/README.md for its version and source).
//
//go:embed timeline.html timeline.js timeline.css
//go:embed third_party/vis-timeline/vis-timeline-graph2d.min.js
//go:embed third_party/vis-timeline/vis-timeline-graph2d.min.css
var timelineFiles embed.FS

// TimelinePath is where TimelinePage serves the page; its script, style
// and library are served below TimelinePath + "/".
const TimelinePath = "/timeline"

// timelineAsset is one file the page loads.
type timelineAsset struct {
	file, contentType string
	body              []byte
	etag              string
}

// timelineAssets maps a URL path to the file served there.
var timelineAssets = func() map[string]*timelineAsset {
	m := map[string]*timelineAsset{
		TimelinePath:                           {file: "timeline.html", contentType: "text/html; charset=utf-8"},
		TimelinePath + "/timeline.js":          {file: "timeline.js", contentType: "text/javascript; charset=utf-8"},
		TimelinePath + "/timeline.css":         {file: "timeline.css", contentType: "text/css; charset=utf-8"},
		TimelinePath + "/vis-timeline.min.js":  {file: "third_party/vis-timeline/vis-timeline-graph2d.min.js", contentType: "text/javascript; charset=utf-8"},
		TimelinePath + "/vis-timeline.min.css": {file: "third_party/vis-timeline/vis-timeline-graph2d.min.css", contentType: "text/css; charset=utf-8"},
	}
	for _, a := range m {
		b, err := timelineFiles.ReadFile(a.file)
		if err != nil {
			panic("gql: the timeline's embedded " + a.file + " is missing: " + err.Error())
		}
		sum := sha256.Sum256(b)
		a.body, a.etag = b, `"`+hex.EncodeToString(sum[:12])+`"`
	}
	return m
}()

// timelineCSP lets the page load only what this server serves and ask
// only this server's API. Styles may be inline because vis-timeline sets
// them on its elements.
const timelineCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// TimelinePage serves the browser's timeline of agreements and meetings:
// the page at TimelinePath, and its script, style and the vendored
// vis-timeline below TimelinePath + "/". The page picks two countries or
// one entity and asks the GraphQL API at /graphql. Mount it on both
// "GET /timeline" and "GET /timeline/".
func TimelinePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		if path == TimelinePath+"/" {
			to := TimelinePath
			if r.URL.RawQuery != "" {
				to += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
		a, ok := timelineAssets[path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache") // revalidate: the ETag makes it cheap
		h.Set("ETag", a.etag)
		if strings.HasPrefix(a.contentType, "text/html") {
			h.Set("Content-Security-Policy", timelineCSP)
		}
		if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, a.etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(a.body)
	})
}
