// Package pages serves Alaqat's browser pages: the timeline of agreements
// and meetings (/timeline), the network around one entity (/graph) and
// GraphiQL (/), with their scripts and styles and the libraries they draw
// with, vendored in third_party/ (each with its licence and a note of
// where it came from). Everything is embedded in the binary and served
// from it: a page asks nothing of another host, so it works on a closed
// network. The pages are plain files that ask the GraphQL API at /graphql
// like any client (api.js, with the token of a --private server); this
// package knows nothing of the resolvers or of the HTTP plumbing in front
// of the API.
package pages

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
	"sync"
)

//go:embed api.js pages.css
//go:embed timeline.html timeline.js
//go:embed graph.html graph.js graph.css
//go:embed third_party/vis-network/vis-network.min.js
//go:embed graphiql.html graphiql-page.js graphiql-page.css
//go:embed third_party/graphiql/graphiql.min.js third_party/graphiql/graphiql.min.css
//go:embed third_party/react/react.production.min.js third_party/react/react-dom.production.min.js
//go:embed third_party/vis-timeline/vis-timeline-graph2d.min.js
//go:embed third_party/vis-timeline/vis-timeline-graph2d.min.css
var files embed.FS

// AssetPrefix is where the pages' scripts, styles and libraries are
// served: AssetPrefix + "timeline.js" and so on.
const AssetPrefix = "/assets/"

// asset is one file a page loads, ready to serve: as it is and gzipped.
type asset struct {
	contentType string
	body        []byte
	etag        string

	// gz is the body gzipped, made when first asked for (compressing
	// GraphiQL takes a tenth of a second, which a server that never serves
	// it need not spend); nil when compressing gains little.
	gzOnce sync.Once
	gz     []byte
}

// gzipped returns the body gzipped, or nil when that gains little.
func (a *asset) gzipped() []byte {
	a.gzOnce.Do(func() {
		if len(a.body) <= 1024 {
			return
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(a.body)
		zw.Close()
		if buf.Len() < len(a.body)*9/10 {
			a.gz = buf.Bytes()
		}
	})
	return a.gz
}

// assets maps the name served under AssetPrefix to the embedded file.
var assets = map[string]string{
	"api.js":                      "api.js",
	"pages.css":                   "pages.css",
	"timeline.js":                 "timeline.js",
	"vis-timeline.min.js":         "third_party/vis-timeline/vis-timeline-graph2d.min.js",
	"graph.js":                    "graph.js",
	"graph.css":                   "graph.css",
	"vis-network.min.js":          "third_party/vis-network/vis-network.min.js",
	"graphiql-page.js":            "graphiql-page.js",
	"graphiql-page.css":           "graphiql-page.css",
	"graphiql.min.js":             "third_party/graphiql/graphiql.min.js",
	"graphiql.min.css":            "third_party/graphiql/graphiql.min.css",
	"react.production.min.js":     "third_party/react/react.production.min.js",
	"react-dom.production.min.js": "third_party/react/react-dom.production.min.js",
	"vis-timeline.min.css":        "third_party/vis-timeline/vis-timeline-graph2d.min.css",
}

// page is one HTML page and the policy it runs under.
type page struct {
	file string
	csp  string
}

// pageCSP lets a page load only what this server serves and ask only this
// server's API. Styles may be inline because the libraries set them on
// their elements.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// load reads an embedded file and prepares it; a file missing from the
// embedded set is a build mistake, caught by the package's tests.
func load(file string) *asset {
	return loadEdited(file, nil)
}

// loadEdited is load with the file's text changed by edit first.
func loadEdited(file string, edit func([]byte) []byte) *asset {
	b, err := files.ReadFile(file)
	if err != nil {
		panic("pages: the embedded " + file + " is missing: " + err.Error())
	}
	if edit != nil {
		b = edit(b)
	}
	sum := sha256.Sum256(b)
	return &asset{contentType: contentType(file), body: b, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
}

func contentType(file string) string {
	switch path.Ext(file) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	}
	return "application/octet-stream"
}

// serve answers with a, gzipped when the client takes it, and 304 when the
// client has it already.
func serve(w http.ResponseWriter, r *http.Request, a *asset, csp string) {
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-cache") // revalidate: the ETag makes it cheap
	if csp != "" {
		h.Set("Content-Security-Policy", csp)
	}
	body, etag := a.body, a.etag
	if gz := a.gzipped(); gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			body, etag = gz, strings.TrimSuffix(a.etag, `"`)+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(body)
}

// acceptsGzip tells whether the request's Accept-Encoding lists gzip
// without refusing it (q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// graphiQLLink is how the other pages link to GraphiQL, in their
// navigation.
const graphiQLLink = ` <a href="/">GraphiQL</a>`

// Options say which pages to serve.
type Options struct {
	// NoGraphiQL leaves GraphiQL out (the server's --playground=false).
	NoGraphiQL bool
}

// Register mounts the pages on mux: GET /timeline, GET /graph (the network
// around one entity), GraphiQL at GET / unless opt.NoGraphiQL, and the
// assets they load under AssetPrefix. The pages ask the API at /graphql.
func Register(mux *http.ServeMux, opt Options) {
	prepared := map[string]*asset{}
	for name, file := range assets {
		prepared[name] = load(file)
	}
	mux.Handle("GET "+AssetPrefix, http.StripPrefix(AssetPrefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := prepared[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		serve(w, r, a, "")
	})))
	pages := map[string]page{
		"/timeline": {file: "timeline.html", csp: pageCSP},
		"/graph":    {file: "graph.html", csp: pageCSP},
	}
	if !opt.NoGraphiQL {
		pages["/"] = page{file: "graphiql.html", csp: pageCSP}
	}
	for route, p := range pages {
		a := loadEdited(p.file, func(b []byte) []byte {
			if opt.NoGraphiQL { // no link to a page that is not there
				b = bytes.ReplaceAll(b, []byte(graphiQLLink), nil)
			}
			return b
		})
		handle := func(w http.ResponseWriter, r *http.Request) { serve(w, r, a, p.csp) }
		if route == "/" {
			mux.HandleFunc("GET /{$}", handle)
			continue
		}
		mux.HandleFunc("GET "+route, handle)
		// A trailing slash, as people type it, reaches the page with its view.
		mux.HandleFunc("GET "+route+"/{$}", func(w http.ResponseWriter, r *http.Request) {
			to := route
			if r.URL.RawQuery != "" {
				to += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, to, http.StatusMovedPermanently)
		})
	}
}
