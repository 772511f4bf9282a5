package gql

import (
	_ "embed"
	"net/http"
)

//go:embed timeline.html
var timelineHTML []byte

// TimelinePage serves the browser's timeline of agreements and meetings
// between two countries: one static page that asks /graphql.
func TimelinePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'")
		w.Write(timelineHTML)
	})
}
