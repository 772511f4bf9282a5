package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite" // to plant a trigger in the store
)

// TestImportBatchWithBadArticle imports a folder whose batch holds one
// article the store refuses (a trigger planted in the SQLite file makes its
// insert fail, as a store's constraint might): the others are stored, the
// bad one is named and the exit status is 1, whatever the batch size.
func TestImportBatchWithBadArticle(t *testing.T) {
	countries := []string{"Oman", "Japan", "Qatar", "Germany", "France", "Egypt"}
	for _, tc := range []struct {
		name  string
		batch string
	}{
		{"an article per transaction", "1"},
		{"the bad one in the middle of a batch", "4"},
		{"one batch for all", "100"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "x.db")
			news := filepath.Join(dir, "news")
			os.Mkdir(news, 0o755)
			for i := range 5 {
				title := fmt.Sprintf("%s and %s sign deal %d", countries[i], countries[i+1], i)
				if i == 2 {
					title = "Poisoned " + title
				}
				body := fmt.Sprintf("%s | Wire\n\n%s and %s signed an agreement on trade in deal number %d.\n", title, countries[i], countries[i+1], i)
				os.WriteFile(filepath.Join(news, fmt.Sprintf("%d.txt", i)), []byte(body), 0o644)
			}
			if code, out, errs := runLoader(t, "", "import", "--db", db, "-q", "../../seeds"); code != exitOK {
				t.Fatalf("seed import: exit %d %q %q", code, out, errs)
			}
			plant(t, db, `CREATE TRIGGER poison BEFORE INSERT ON articles WHEN NEW.title LIKE 'Poisoned %'
				BEGIN SELECT RAISE(ABORT, 'poisoned article refused'); END`)

			code, out, errs := runLoader(t, "", "import", "--db", db, "-q", "--batch", tc.batch, news)
			if code != exitFailed {
				t.Errorf("exit %d, want %d", code, exitFailed)
			}
			if !strings.HasPrefix(out, "imported 4 articles: ") || !strings.HasSuffix(out, "; 1 failed\n") {
				t.Errorf("stdout %q, want 4 imported and 1 failed", out)
			}
			bad := filepath.Join(news, "2.txt")
			if want := "loader import: " + bad + ": "; !strings.Contains(errs, want) || !strings.Contains(errs, "poisoned article refused") ||
				strings.Count(errs, "loader import: "+news) != 1 {
				t.Errorf("stderr %q, want one failure naming %s", errs, bad)
			}
			if code, out, _ := runLoader(t, "", "stats", "--db", db); code != exitOK || !strings.Contains(out, "articles       5") {
				t.Errorf("stats: exit %d\n%s\nwant the seed and the 4 good articles", code, out)
			}
		})
	}
}

// plant runs one statement on a SQLite store file.
func plant(t *testing.T, path, stmt string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmt); err != nil {
		t.Fatal(err)
	}
}
