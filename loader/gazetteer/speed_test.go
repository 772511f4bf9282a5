package gazetteer

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/arabic"
)

// TestPersonNamePrefix checks the index of full names: every start of a
// listed name is a prefix, other words are not, and names added after the
// first question count.
func TestPersonNamePrefix(t *testing.T) {
	g := Default()
	for key := range g.personNames {
		for i := range key {
			if i > 0 && !g.PersonNamePrefix(key[:i]) {
				t.Fatalf("PersonNamePrefix(%q) = false, a start of %q", key[:i], key)
			}
		}
		if !g.PersonNamePrefix(key) || g.PersonNamedFolded(key) == nil {
			t.Fatalf("full name %q not found", key)
		}
	}
	// A start cut inside a rune is a start too.
	if key := graph.Fold("تميم بن حمد"); g.PersonNamedFolded(key) == nil || !g.PersonNamePrefix(key[:1]) || g.PersonNamePrefix("\xff") {
		t.Error("prefixes cut inside a rune")
	}
	for _, w := range []string{"zzz", "qatarx", "وزير"} {
		if g.PersonNamePrefix(w) {
			t.Errorf("PersonNamePrefix(%q) = true", w)
		}
	}

	head := "id\tcountry\toffice\tnames_en\tnames_ar\n"
	g, err := Load(fstest.MapFS{"persons.tsv": {Data: []byte(head + "jane-roe\t\t\tJane Roe\t\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if !g.PersonNamePrefix("jane") || g.PersonNamePrefix("john") {
		t.Error("index of one name")
	}
	if err := g.Add(fstest.MapFS{"persons.tsv": {Data: []byte(head + "john-doe\t\t\tJohn Doe\t\n")}}); err != nil {
		t.Fatal(err)
	}
	if !g.PersonNamePrefix("john") || g.PersonNamedFolded(graph.Fold("John Doe")) == nil {
		t.Error("a name added later is not in the index")
	}
}

// TestCategoryLookup checks the lexicon's hashed categories against the
// map, including a category put into the map by other means.
func TestCategoryLookup(t *testing.T) {
	g, err := WithExtra(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, tr := range g.lexicon {
		if g.category(name) != tr {
			t.Errorf("category(%q) is not the lexicon's", name)
		}
	}
	g.lexicon["made_elsewhere"] = newTrie()
	if g.category("made_elsewhere") == nil || g.category("no_such_category") != nil {
		t.Error("category falls back to the map")
	}
}

// TestLastByteFilter checks that the tries' filter never hides a key, and
// that IsWord, IsExact and Word answer as a plain lookup of the readings
// does, for every form of the lexicon with and without clitics and for the
// words of a text.
func TestLastByteFilter(t *testing.T) {
	g := Default()
	var walk func(*trie)
	walk = func(n *trie) {
		for k, next := range n.next {
			if !n.mayHave(k) {
				t.Fatalf("mayHave(%q) = false for a key", k)
			}
			walk(next)
		}
	}
	walk(g.phrases)
	for _, tr := range g.lexicon {
		walk(tr)
	}
	words := strings.Fields("وبالدوحة وألمانيا للتعاون التقى met Qatar's و ف x")
	for _, tr := range g.lexicon {
		for k := range tr.next {
			words = append(words, k, "و"+k, "بال"+k, "لل"+k)
		}
	}
	for cat, tr := range g.lexicon {
		for _, w := range words {
			folded := graph.Fold(w)
			plain := false
			for _, s := range arabic.Stems(folded) {
				if n := tr.next[s]; n != nil && len(n.values) > 0 {
					plain = true
				}
			}
			if g.IsWord(cat, folded) != plain {
				t.Errorf("IsWord(%s, %q) = %v", cat, folded, !plain)
			}
			n := tr.next[folded]
			if g.IsExact(cat, folded) != (n != nil && len(n.values) > 0) {
				t.Errorf("IsExact(%s, %q)", cat, folded)
			}
		}
	}
}

// TestHasIsIsAnywhere checks Has against Is at every token, for every
// category, and the folded lookups of persons against the plain ones.
func TestHasIsIsAnywhere(t *testing.T) {
	g := Default()
	texts := []string{"التقى وزير الخارجية نظيره في الدوحة", "Qatar signed a deal on Monday", "قطر", "", "x , y"}
	for cat := range g.lexicon {
		for _, text := range texts {
			toks := arabic.Tokenize(text)
			want := false
			for k := range toks {
				want = want || g.Is(cat, toks, k)
			}
			if g.Has(cat, toks) != want {
				t.Errorf("Has(%s, %q) = %v", cat, text, !want)
			}
		}
	}
	if g.Has("no_such_category", arabic.Tokenize("قطر")) {
		t.Error("Has of an unknown category")
	}
	for name, p := range g.surnames {
		if g.PersonBySurnameFolded(name) != p || g.PersonBySurname(name) != p {
			t.Errorf("surname %q", name)
		}
	}
}
