package loader_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/sqlite"
	"github.com/alaqat/alaqat/loader"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The articles of testdata/identity, of our own writing, each telling of
// something another tells too, or not: a water memorandum told in English
// and Arabic and a rail memorandum of the same year, two press releases
// under one title, a meeting told in both languages, an official styled
// and named in full or in short, a summit with its signings. Imported
// together, in either order, they make the graph a reader would count,
// which the golden file shows.
func TestIdentityCorpus(t *testing.T) {
	ctx := context.Background()
	files, err := filepath.Glob("testdata/identity/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles: %v", err)
	}
	var got []string
	for _, order := range [][]string{files, reversed(files)} {
		store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "a.db"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range order {
			if rep, err := loader.Import(ctx, store, []string{f}, loader.Options{}); err != nil || len(rep.Failures) > 0 {
				t.Fatalf("import %s: %v %v", f, err, rep.Failures)
			}
		}
		got = append(got, summary(t, store))
		store.Close()
	}
	if got[0] != got[1] {
		t.Errorf("the graph depends on the order of import:\n%s\n---\n%s", got[0], got[1])
	}
	golden := "testdata/identity.golden.json"
	if *update {
		os.WriteFile(golden, []byte(got[0]), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != string(want) {
		t.Errorf("the graph differs from %s (go test -update to rewrite it):\n%s", golden, got[0])
	}
}

func reversed(s []string) []string {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

// summary is what a reader counts in a store: its articles, agreements
// with their parties, date and sources, meetings with their participants
// and place, persons with their names.
func summary(t *testing.T, s graph.Store) string {
	t.Helper()
	ctx := context.Background()
	type entity struct {
		ID       string   `json:"id"`
		Name     string   `json:"name"`
		Date     string   `json:"date,omitempty"`
		Names    []string `json:"names,omitempty"`
		With     []string `json:"with,omitempty"`
		Articles int      `json:"articles,omitempty"`
	}
	out := map[string][]entity{}
	arts, err := s.ListArticles(ctx, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		out["articles"] = append(out["articles"], entity{ID: a.ID, Name: a.Title})
	}
	for _, k := range []graph.Kind{graph.KindAgreement, graph.KindMeeting, graph.KindPerson} {
		nodes, err := s.FindNodes(ctx, graph.NodeQuery{Kinds: []graph.Kind{k}})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range nodes {
			e := entity{ID: n.ID, Name: n.Name}
			if n.Date != nil {
				e.Date = n.Date.ISO()
			}
			ev, err := s.Evidence(ctx, []string{n.ID}, 0)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, x := range ev {
				seen[x.ArticleID] = true
			}
			e.Articles = len(seen)
			switch k {
			case graph.KindPerson:
				for _, x := range n.Names {
					e.Names = append(e.Names, x.Text)
				}
				e.Articles = 0
			default:
				rel := graph.PartyTo
				if k == graph.KindMeeting {
					rel = graph.ParticipatedIn
				}
				es, err := s.Edges(ctx, graph.EdgeQuery{Types: []string{rel}, To: []string{n.ID}})
				if err != nil {
					t.Fatal(err)
				}
				for _, x := range es {
					e.With = append(e.With, x.From)
				}
				if k == graph.KindMeeting {
					places, _ := s.Edges(ctx, graph.EdgeQuery{Types: []string{graph.HeldIn}, From: []string{n.ID}})
					for _, p := range places {
						e.With = append(e.With, "in "+p.To)
					}
				}
			}
			out[string(k)+"s"] = append(out[string(k)+"s"], e)
		}
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b)) + "\n" + fmt.Sprintf("%d articles, %d agreements, %d meetings, %d persons\n",
		len(out["articles"]), len(out["agreements"]), len(out["meetings"]), len(out["persons"]))
}
