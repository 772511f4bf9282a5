package loader_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/sqlite"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/article"
	"github.com/alaqat/alaqat/loader/extract"
)

// A minister the gazetteer does not know, named in an English and then an
// Arabic article, is one person; one of another country, or of another
// name, is not.
func TestPersonsAcrossScripts(t *testing.T) {
	ctx := context.Background()
	x := extract.Default()
	tests := []struct {
		name   string
		first  string // English article
		second string // Arabic article
		same   bool
	}{
		{
			name:   "same office, same country, names agree",
			first:  "Oman's Minister of Commerce Qais Al Yousef received Japan's Minister of Economy Kenji Ota in Muscat.",
			second: "استقبل وزير التجارة والصناعة العماني قيس بن محمد اليوسف وزير الاقتصاد الياباني كينجي أوتا في مسقط.",
			same:   true,
		},
		{
			name:   "another country's minister of that name",
			first:  "Oman's Minister of Commerce Qais Al Yousef received Japan's Minister of Economy Kenji Ota in Muscat.",
			second: "استقبل وزير التجارة البحريني قيس بن محمد اليوسف وزير الاقتصاد الياباني كينجي أوتا في المنامة.",
			same:   false,
		},
		{
			name:   "names that do not agree",
			first:  "Oman's Minister of Commerce Qais Al Yousef received Japan's Minister of Economy Kenji Ota in Muscat.",
			second: "استقبل وزير التجارة العماني سالم الحارثي وزير الاقتصاد الياباني كينجي أوتا في مسقط.",
			same:   false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "a.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			for _, text := range []string{tt.first, tt.second} {
				f := loader.Extract(x, article.Article{Title: "T", Text: text, Origin: "test"})
				if err := store.Apply(ctx, f); err != nil {
					t.Fatal(err)
				}
			}
			// The persons the graph holds: the Omani minister once or two
			// ministers, and the Japanese minister, named alike in both, once.
			persons, err := store.FindNodes(ctx, graph.NodeQuery{Kinds: []graph.Kind{graph.KindPerson}})
			if err != nil {
				t.Fatal(err)
			}
			var ota int
			for _, p := range persons {
				if graph.SameName(p.Name, "Kenji Ota") {
					ota++
				}
			}
			if want := map[bool]int{true: 2, false: 3}[tt.same]; len(persons) != want {
				t.Errorf("%d persons, want %d (%s)", len(persons), want, names(persons))
			}
			if ota != 1 {
				t.Errorf("%d persons named Kenji Ota, want 1 (%s)", ota, names(persons))
			}
		})
	}
}

func names(ns []*graph.Node) string {
	var out []string
	for _, n := range ns {
		out = append(out, n.ID+" "+fmt.Sprint(n.Names))
	}
	return strings.Join(out, "; ")
}
