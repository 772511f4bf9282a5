package loader_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/sqlite"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/article"
	"github.com/alaqat/alaqat/loader/extract"
)

// A minister the gazetteer does not know, named in an English and then an
// Arabic article, is one person; a namesake of another rank, or one of
// another country, is not.
func TestResolvePersonsAcrossScripts(t *testing.T) {
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
			var persons [2][]string
			for i, text := range []string{tt.first, tt.second} {
				f := loader.Extract(x, article.Article{Title: "T", Text: text, Origin: "test"})
				if err := loader.Apply(ctx, store, x, f); err != nil {
					t.Fatal(err)
				}
				for _, n := range f.Nodes {
					if n.Kind == graph.KindPerson {
						persons[i] = append(persons[i], n.ID)
					}
				}
			}
			// The Omani (or Bahraini) minister is the first person of each.
			if got := persons[0][0] == persons[1][0]; got != tt.same {
				t.Errorf("same person = %v, want %v (ids %v, %v)", got, tt.same, persons[0], persons[1])
			}
			// The Japanese minister, named alike in both, is one person either way.
			if persons[0][1] != persons[1][1] {
				t.Errorf("Japanese minister: ids %v and %v, want one", persons[0][1], persons[1][1])
			}
		})
	}
}
