package graphtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// batch is an article whose nodes all carry one token in their names, so a
// reader can count them: a meeting and the persons who took part in it.
func batch(k, persons int) *graph.Facts {
	token := fmt.Sprintf("Batch%02dx", k)
	meeting := fmt.Sprintf("meeting:batch-%02d", k)
	b := article(graph.Article{ID: fmt.Sprintf("article:batch-%02d", k), Title: token,
		Text: token + " summit: " + fmt.Sprint(persons) + " delegates."}).
		node(graph.Node{ID: meeting, Kind: graph.KindMeeting, Name: token + " summit", Names: names(token+" summit", "قمة "+token)}, token)
	for i := range persons {
		id := fmt.Sprintf("person:batch-%02d-%d", k, i)
		name := fmt.Sprintf("%s delegate %d", token, i)
		b.node(graph.Node{ID: id, Kind: graph.KindPerson, Name: name, Names: names(name, "مندوب "+token)}, "delegates").
			edge(graph.Edge{From: id, Type: graph.ParticipatedIn, To: meeting}, token+" summit")
	}
	return b.facts()
}

// testConcurrentReaders reads while another goroutine applies, re-applies
// and deletes articles. Each article is applied in one transaction, so a
// reader sees all of it or none of it, never part.
func testConcurrentReaders(t *testing.T, newStore func(t *testing.T) graph.Store) {
	const articles, persons, readers = 16, 5, 3
	s := newStore(t)
	c := ctx(t)
	facts := make([]*graph.Facts, articles)
	for k := range facts {
		facts[k] = batch(k, persons)
	}

	var done atomic.Bool
	var reads atomic.Int64
	var wg sync.WaitGroup
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := r; !done.Load() || i < r+articles; i++ {
				f := facts[i%articles]
				token := f.Article.Title
				found, err := s.FindNodes(c, graph.NodeQuery{Text: token})
				if err != nil {
					t.Errorf("FindNodes: %v", err)
					return
				}
				if n := len(found); n != 0 && n != persons+1 {
					t.Errorf("FindNodes(%s) saw %d nodes of an article of %d", token, n, persons+1)
				}
				for _, n := range found {
					if len(n.Names) != 2 {
						t.Errorf("FindNodes(%s): node %s half written: %+v", token, n.ID, n)
					}
				}
				ids := make([]string, 0, persons+1)
				for _, n := range f.Nodes {
					ids = append(ids, n.ID)
				}
				nodes, err := s.Nodes(c, ids)
				if err != nil {
					t.Errorf("Nodes: %v", err)
					return
				}
				if n := len(nodes); n != 0 && n != persons+1 {
					t.Errorf("Nodes(%s) saw %d nodes of an article of %d", token, n, persons+1)
				}
				edges, err := s.Edges(c, graph.EdgeQuery{To: []string{f.Nodes[0].ID}})
				if err != nil {
					t.Errorf("Edges: %v", err)
					return
				}
				if n := len(edges); n != 0 && n != persons {
					t.Errorf("Edges(%s) saw %d edges of an article of %d", token, n, persons)
				}
				reads.Add(1)
			}
		}()
	}

	// The writer applies each article, applies the one before again, and
	// deletes the one before that.
	for k, f := range facts {
		if err := s.Apply(c, f); err != nil {
			t.Errorf("Apply(%s): %v", f.Article.ID, err)
			break
		}
		if k >= 1 {
			if err := s.Apply(c, facts[k-1]); err != nil {
				t.Errorf("Apply(%s) again: %v", facts[k-1].Article.ID, err)
				break
			}
		}
		if k >= 2 {
			if err := s.DeleteArticle(c, facts[k-2].Article.ID); err != nil {
				t.Errorf("DeleteArticle(%s): %v", facts[k-2].Article.ID, err)
				break
			}
		}
	}
	done.Store(true)
	wg.Wait()
	if t.Failed() {
		return
	}
	t.Logf("%d reads during the writes", reads.Load())
	counts, err := s.Counts(c)
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, counts, countsOf(facts[articles-2], facts[articles-1]))
}

// shared is article j of a set that all describe one country, one
// ambassador and his office, each a little differently.
func shared(j int) *graph.Facts {
	const envoy = "person:envoy"
	name := fmt.Sprintf("Qatar %c", 'A'+j)
	return article(graph.Article{ID: fmt.Sprintf("article:shared-%02d", j), Title: name,
		Text: fmt.Sprintf("%s: the ambassador took office in %d.", name, 2000+j)}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar", Names: names("Qatar", name)}, name).
		node(graph.Node{ID: envoy, Kind: graph.KindPerson, Name: "The Ambassador", Names: names("The Ambassador"),
			Title: fmt.Sprint(j)}, "the ambassador").
		edge(graph.Edge{From: envoy, Type: graph.HoldsOffice, To: qa, Title: "Ambassador", Since: graph.Year(2000 + j)},
			"the ambassador took office").
		facts()
}

// testConcurrentWriters applies and deletes articles that share nodes and
// edges from several goroutines at once: the result must be the same as
// applying the articles that remain one after the other.
func testConcurrentWriters(t *testing.T, newStore func(t *testing.T) graph.Store) {
	const writers, each = 3, 4
	s := newStore(t)
	c := ctx(t)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				f := shared(w*each + i)
				if err := s.Apply(c, f); err != nil {
					t.Errorf("Apply(%s): %v", f.Article.ID, err)
					return
				}
				// Each writer deletes its first article again once it has written the next.
				if i == 1 {
					if err := s.DeleteArticle(c, shared(w*each).Article.ID); err != nil {
						t.Errorf("DeleteArticle: %v", err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	var kept []*graph.Facts
	for j := range writers * each {
		if j%each != 0 {
			kept = append(kept, shared(j))
		}
	}
	got := snapshot(t, s)
	checkCounts(t, got.Counts, countsOf(kept...))
	checkNodes(t, "nodes", got.Nodes, pick(merged(kept...), qa, "person:envoy"))
	checkEdges(t, "edges", got.Edges, []graph.Edge{
		{From: "person:envoy", Type: graph.HoldsOffice, To: qa, Title: "Ambassador", Since: graph.Year(2001)},
	})
	checkState(t, "after concurrent writes", got, snapshot(t, fresh(t, newStore, kept...)))
}

// testSnapshotOneState commits an article between two reads of one
// snapshot, and again between a read and a store's Generation: the
// snapshot's reads must agree (both before the article, or both after),
// or its end must say that it cannot vouch for them (graph.ErrOverlap).
// testSnapshotReaders races readers and a writer; this puts the commit
// between two statements every time.
func testSnapshotOneState(t *testing.T, newStore func(t *testing.T) graph.Store) {
	s := newStore(t)
	sns, ok := s.(graph.Snapshots)
	if !ok {
		t.Fatal("the store has no snapshots")
	}
	v, versioned := s.(graph.Versioned)
	c := ctx(t)
	for k, second := range []string{"Nodes", "Generation"} {
		if second == "Generation" && !versioned {
			continue
		}
		f := batch(k, 2)
		ids := []string{f.Nodes[0].ID, f.Nodes[1].ID}
		snap, end, err := sns.Snapshot(c)
		if err != nil {
			t.Fatalf("Snapshot: %v", err)
		}
		before, err := s.Nodes(snap, ids)
		if err != nil {
			t.Fatalf("Nodes before: %v", err)
		}
		var gen0 int64
		if versioned {
			if gen0, err = v.Generation(snap); err != nil {
				t.Fatalf("Generation before: %v", err)
			}
		}
		if err := s.Apply(c, f); err != nil {
			t.Fatalf("Apply: %v", err)
		}
		after, gen1, rerr := before, gen0, error(nil)
		if second == "Nodes" {
			after, rerr = s.Nodes(snap, ids)
		} else {
			gen1, rerr = v.Generation(snap)
		}
		eerr := end()
		if errors.Is(eerr, graph.ErrOverlap) {
			continue // the reads are made again
		}
		if eerr != nil || rerr != nil {
			t.Fatalf("%s after the commit: %v; end: %v", second, rerr, eerr)
		}
		if len(before) != len(after) || gen0 != gen1 {
			t.Errorf("one snapshot saw %d then %d nodes of %s, generation %d then %d, and its end vouched for both",
				len(before), len(after), f.Article.ID, gen0, gen1)
		}
	}
}

// testSnapshotReaders reads while another goroutine applies, re-applies
// and deletes articles, as testConcurrentReaders, but reads an article's
// nodes three ways in one snapshot (see graph.Snapshots): the reads of one
// snapshot see one state of the graph, so they all find the article whole
// or all find none of it. Separate reads would not: a write between two of
// them makes them disagree.
func testSnapshotReaders(t *testing.T, newStore func(t *testing.T) graph.Store) {
	const articles, persons, readers = 12, 4, 3
	s := newStore(t)
	if _, ok := s.(graph.Snapshots); !ok {
		t.Fatal("the store has no snapshots")
	}
	c := ctx(t)
	facts := make([]*graph.Facts, articles)
	for k := range facts {
		facts[k] = batch(k, persons)
	}
	var done atomic.Bool
	var reads, again atomic.Int64
	var wg sync.WaitGroup
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := r; !done.Load() || i < r+articles; i++ {
				f := facts[i%articles]
				ids := make([]string, 0, persons+1)
				for _, n := range f.Nodes {
					ids = append(ids, n.ID)
				}
				var found, nodes, edges, tries int
				err := graph.InSnapshot(c, s, func(c context.Context) error {
					tries++
					fs, err := s.FindNodes(c, graph.NodeQuery{Text: f.Article.Title})
					if err != nil {
						return err
					}
					ns, err := s.Nodes(c, ids)
					if err != nil {
						return err
					}
					es, err := s.Edges(c, graph.EdgeQuery{To: []string{f.Nodes[0].ID}})
					found, nodes, edges = len(fs), len(ns), len(es)
					return err
				})
				if err != nil {
					t.Errorf("reading %s in a snapshot: %v", f.Article.ID, err)
					return
				}
				if whole, none := found == persons+1 && nodes == persons+1 && edges == persons, found+nodes+edges == 0; !whole && !none {
					t.Errorf("one snapshot saw %d nodes by name, %d by id and %d edges of %s (%d nodes, %d edges)",
						found, nodes, edges, f.Article.ID, persons+1, persons)
				}
				reads.Add(1)
				again.Add(int64(tries - 1))
			}
		}()
	}
	for k, f := range facts {
		if err := s.Apply(c, f); err != nil {
			t.Errorf("Apply(%s): %v", f.Article.ID, err)
			break
		}
		if k >= 2 {
			if err := s.DeleteArticle(c, facts[k-2].Article.ID); err != nil {
				t.Errorf("DeleteArticle(%s): %v", facts[k-2].Article.ID, err)
				break
			}
		}
	}
	done.Store(true)
	wg.Wait()
	t.Logf("%d snapshots during the writes, %d read again after an overlapping commit", reads.Load(), again.Load())
}
