// Package graphtest is the conformance suite of graph.Store: the executable
// definition of what a backend must do. Each backend's tests call Run with a
// function that opens a fresh, empty store; the suite applies its own small
// fixtures and checks every answer exactly, so a backend that orders,
// merges, folds or forgets differently fails.
//
// The suite covers the Store methods one by one (Apply and the readers,
// re-import, DeleteArticle, merging claims of several articles, name search
// with Arabic folding), the analysts' questions that graph.Graph answers on
// top of a Store, concurrent readers during writes and concurrent writers
// to shared nodes, Unicode and long texts, and invalid facts. A new query
// is specified here before a backend implements it.
package graphtest

import (
	"context"
	"testing"
	"time"

	"github.com/alaqat/alaqat/graph"
)

// Run runs the conformance suite. newStore must return a new, empty store
// each time it is called; it registers its own cleanup (closing the store,
// removing its files) with t.Cleanup. Subtests run sequentially and use one
// store at a time: once newStore is called again, the suite no longer
// touches the store it returned before, so backends that share one server
// may simply empty it in newStore.
func Run(t *testing.T, newStore func(t *testing.T) graph.Store) {
	t.Helper()
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, newStore func(t *testing.T) graph.Store)
	}{
		{"Empty", testEmpty},
		{"RoundTrip", testRoundTrip},
		{"Articles", testArticles},
		{"Idempotent", testIdempotent},
		{"Reimport", testReimport},
		{"DeleteArticle", testDeleteArticle},
		{"ForgottenNames", testForgottenNames},
		{"Merge", testMerge},
		{"Identity", testIdentity},
		{"IdentityWorld", testIDWorld},
		{"OrderIndependence", testOrderIndependence},
		{"ConcurrentIdentity", testConcurrentIdentity},
		{"BatchedIdentity", testBatchedIdentity},
		{"Corrections", testCorrections},
		{"FindNodes", testFindNodes},
		{"Edges", testEdges},
		{"Evidence", testEvidence},
		{"EvidenceMerged", testEvidenceMerged},
		{"Graph", testGraph},
		{"Questions", testQuestions},
		{"StableCursor", testStableCursor},
		{"TimelineDates", testTimelineDates},
		{"ArticleEvidence", testArticleEvidence},
		{"ArticleFacts", testArticleFacts},
		{"Fresh", testFresh},
		{"ApplyAll", testApplyAll},
		{"ConcurrentReaders", testConcurrentReaders},
		{"SnapshotReaders", testSnapshotReaders},
		{"SnapshotOneState", testSnapshotOneState},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Unicode", testUnicode},
		{"Invalid", testInvalid},
		{"Canceled", testCanceled},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore) })
	}
}

// ctx returns a context that ends with the test, bounded so that a store
// that hangs fails instead of blocking the whole run.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

// apply applies facts and fails the test on error.
func apply(t *testing.T, s graph.Store, fs ...*graph.Facts) {
	t.Helper()
	for _, f := range fs {
		if err := s.Apply(ctx(t), f); err != nil {
			t.Fatalf("Apply(%s): %v", f.Article.ID, err)
		}
	}
}

// fresh returns a new store holding the given facts.
func fresh(t *testing.T, newStore func(t *testing.T) graph.Store, fs ...*graph.Facts) graph.Store {
	t.Helper()
	s := newStore(t)
	apply(t, s, fs...)
	return s
}

func testEmpty(t *testing.T, newStore func(t *testing.T) graph.Store) {
	s := newStore(t)
	c := ctx(t)
	counts, err := s.Counts(c)
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	checkCounts(t, counts, graph.Counts{})
	nodes, err := s.FindNodes(c, graph.NodeQuery{})
	if err != nil || len(nodes) != 0 {
		t.Errorf("FindNodes on an empty store = %d nodes, %v; want none", len(nodes), err)
	}
	nodes, err = s.Nodes(c, []string{"country:QA"})
	if err != nil || len(nodes) != 0 {
		t.Errorf("Nodes on an empty store = %d nodes, %v; want none", len(nodes), err)
	}
	edges, err := s.Edges(c, graph.EdgeQuery{})
	if err != nil || len(edges) != 0 {
		t.Errorf("Edges on an empty store = %d edges, %v; want none", len(edges), err)
	}
	evidence, err := s.Evidence(c, []string{"country:QA"}, 0)
	if err != nil || len(evidence) != 0 {
		t.Errorf("Evidence on an empty store = %d, %v; want none", len(evidence), err)
	}
	articles, err := s.ListArticles(c, "", 10)
	if err != nil || len(articles) != 0 {
		t.Errorf("ListArticles on an empty store = %d, %v; want none", len(articles), err)
	}
}
