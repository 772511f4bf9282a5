package graphtest

import (
	"context"
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// testCanceled checks that every read and write gives up on a context
// that has ended: the server's per-request timeout reaches the store
// through it, so a query past its time stops reading.
func testCanceled(t *testing.T, newStore func(t *testing.T) graph.Store) {
	s := fresh(t, newStore, world()...)
	c, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name string
		fn   func() error
	}{
		{"Nodes", func() error { _, err := s.Nodes(c, []string{qa}); return err }},
		{"FindNodes", func() error { _, err := s.FindNodes(c, graph.NodeQuery{Text: "Qatar"}); return err }},
		{"Edges", func() error { _, err := s.Edges(c, graph.EdgeQuery{From: []string{qa}}); return err }},
		{"Evidence", func() error { _, err := s.Evidence(c, []string{qa}, 0); return err }},
		{"Articles", func() error { _, err := s.Articles(c, []string{"article:world-1"}); return err }},
		{"ListArticles", func() error { _, err := s.ListArticles(c, "", 10); return err }},
		{"Counts", func() error { _, err := s.Counts(c); return err }},
		{"Apply", func() error { return s.Apply(c, world1()) }},
		{"DeleteArticle", func() error { return s.DeleteArticle(c, "article:world-1") }},
	} {
		if err := tc.fn(); err == nil {
			t.Errorf("%s with an ended context: no error", tc.name)
		}
	}
	// Nothing was deleted.
	if as, err := s.Articles(ctx(t), []string{"article:world-1"}); err != nil || len(as) != 1 {
		t.Errorf("after a canceled delete: %d articles, %v; want the article kept", len(as), err)
	}
}
