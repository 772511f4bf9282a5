package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzExtract checks that any text yields facts that validate (evidence
// quoting the text at its offsets, edges joining nodes of the facts), and
// never a panic: go test -fuzz Extract ./loader/extract
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/articles/*.txt")
	for _, file := range files {
		b, _ := os.ReadFile(file)
		f.Add("title", string(b))
	}
	f.Add("", "وقعت قطر مع شركة “ اتفاقية في 31/02/2020")
	f.Add("x", "Minister of , signed an agreement with the with between and .")
	f.Fuzz(func(t *testing.T, title, body string) {
		if strings.TrimSpace(body) == "" {
			return
		}
		report(t, article(title, body, nil))
	})
}
