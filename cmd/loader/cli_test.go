package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph/neo4j/neo4jtest"
)

// TestCLIConventions runs the command lines of issue 12: flags after the
// paths, help for one command, a missing store, exit codes.
func TestCLIConventions(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "flags-last.db")
	article := filepath.Join(dir, "a.txt")
	os.WriteFile(article, []byte("Oman and Japan sign deal | Wire\n\nOman and Japan signed an agreement on trade in Muscat.\n"), 0o644)
	t.Chdir(dir) // a store created by mistake would be ./alaqat.db

	// Flags after the paths: the store named is the store used.
	code, out, errs := runLoader(t, "", "import", article, "--db", db, "-q")
	if code != exitOK || !strings.Contains(out, "imported 1 article:") || !strings.Contains(errs, "creating a new store "+db) {
		t.Fatalf("import FILE --db: exit %d, %q %q", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "alaqat.db")); err == nil {
		t.Errorf("import FILE --db DB created ./alaqat.db")
	}
	code, out, _ = runLoader(t, "", "stats", "--db", db)
	if code != exitOK || !strings.Contains(out, "articles       1") {
		t.Errorf("stats after import FILE --db: exit %d\n%s", code, out)
	}
	// Go's flag package's single-dash long flags still work.
	if code, out, errs := runLoader(t, "", "stats", "-db", db); code != exitOK || !strings.Contains(out, "articles       1") {
		t.Errorf("stats -db: exit %d %q %q", code, out, errs)
	}
	if code, out, errs := runLoader(t, "", "delete", "article:nope", "-db="+db); code != exitFailed || !strings.Contains(errs, "article:nope") {
		t.Errorf("delete ID -db=DB: exit %d %q %q", code, out, errs)
	}

	tests := []struct {
		name    string
		args    []string
		code    int
		out     string // in stdout
		errs    string // in stderr
		noStore string // this file must not exist afterwards
	}{
		{"help COMMAND", []string{"help", "import"}, exitOK, "loader import PATH", "", ""},
		{"help COMMAND lists exit codes", []string{"help", "stats"}, exitOK, "Exit status:\n  0 ", "", ""},
		{"COMMAND --help", []string{"delete", "--help"}, exitOK, "loader delete --db alaqat.db article:", "", ""},
		{"help topic", []string{"help", "gazetteer"}, exitOK, "names_en:", "", ""},
		{"root help has exit codes", []string{"--help"}, exitOK, "130  interrupted", "", ""},
		{"completion", []string{"completion", "bash"}, exitOK, "bash completion", "", ""},
		{"stats on a missing store", []string{"stats", "--db", "typo.db"}, exitFatal, "", "loader stats: typo.db: no such store", "typo.db"},
		{"delete on a missing store", []string{"delete", "article:x", "--db", "typo.db"}, exitFatal, "", "no such store", "typo.db"},
		{"missing store from $ALAQAT_DB", []string{"stats"}, exitFatal, "", "env.db: no such store", "env.db"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", "unknown command \"frobnicate\"", ""},
		{"unknown flag", []string{"stats", "--bogus"}, exitUsage, "", "Run \"loader stats --help\"", ""},
		{"missing argument", []string{"import", "--db", db}, exitUsage, "", "no paths given", ""},
		{"extra argument", []string{"stats", "x", "--db", db}, exitUsage, "", "unknown command \"x\"", ""},
		{"no command", nil, exitUsage, "", "Available Commands:", ""},
	}
	t.Setenv("ALAQAT_DB", "env.db")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runLoader(t, "", tc.args...)
			if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errs, tc.errs) {
				t.Errorf("exit %d (want %d)\nstdout %q (want %q in it)\nstderr %q (want %q in it)", code, tc.code, out, tc.out, errs, tc.errs)
			}
			if tc.noStore != "" {
				if _, err := os.Stat(tc.noStore); err == nil {
					t.Errorf("%s was created", tc.noStore)
				}
			}
		})
	}
}

// TestImportBadInput imports a folder holding each bad input of issue 11
// item 10: every bad record is named with its file and line, every good one
// imported, warnings given for what was read in spite of a problem.
func TestImportBadInput(t *testing.T) {
	dir := t.TempDir()
	news := filepath.Join(dir, "news")
	os.MkdirAll(news, 0o755)
	write := func(name, content string) string {
		p := filepath.Join(news, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	var jsonl strings.Builder
	for i := range 10 {
		text := fmt.Sprintf("Oman and Japan signed agreement number %d on trade in Muscat.", i)
		if i == 4 {
			text = "Oman and Japan\xff signed an agreement."
		}
		fmt.Fprintf(&jsonl, "{\"title\": \"Deal %d\", \"text\": \"%s\"}\n", i, text)
	}
	lines := write("wire.jsonl", jsonl.String())
	array := write("array.jsonl", "[{\"text\": \"an array on the first line\"}]\n{\"title\": \"Qatar\", \"text\": \"Qatar and Germany signed an agreement on defence.\"}\n")
	tiny := write("tiny.txt", "x")
	typed := write("typed.json", `[{"title": 3, "text": "Oman and Japan signed an agreement."}, {"title": "Kenya", "text": "Kenya and Norway signed an agreement on fisheries."}]`)
	mislabeled := write("lines.txt", "{\"text\": \"Egypt and India signed an agreement on ports.\"}\n{\"text\": \"Egypt and India held talks in Cairo on trade.\"}\n")
	noExt := write("README", "Qatar and Germany signed an agreement.")
	write("photo.jpg", "\xff\xd8\xff")
	dated := write("dated.txt", "Oman and Japan | Wire\nPublished: 14/03/2025\n\nOman and Japan signed an agreement on fisheries in Tokyo.\n")

	db := filepath.Join(dir, "x.db")
	code, out, errs := runLoader(t, "", "import", news, "--db", db)
	if code != exitFailed {
		t.Errorf("exit %d, want %d", code, exitFailed)
	}
	// 9 of wire.jsonl, 1 of array.jsonl, 1 of typed.json, 2 of lines.txt, dated.txt.
	if !strings.HasPrefix(out, "imported 14 articles: ") || !strings.HasSuffix(out, "; 0 replaced; 0 unchanged; 4 failed; 4 warnings\n") {
		t.Errorf("stdout %q", out)
	}
	for _, want := range []string{
		"loader import: warning: " + dated + ": publication date \"14/03/2025\" not understood: imported without a date",
		"loader import: warning: " + mislabeled + ": holds JSON Lines, not plain text as .txt says: read as JSON Lines\n",
		"loader import: warning: " + noExt + ": skipped: no extension (name the file itself, or rename it NAME.txt, to import it)\n",
		"loader import: warning: " + news + ": skipped 1 file of other types (.jpg 1)\n",
		"loader import: " + array + ": line 1: expected a JSON object, got an array\n",
		"loader import: " + tiny + ": too short to be an article: 1 B of text, 1 word (at least 3 are needed)\n",
		"loader import: " + typed + ": record 1: field title: expected a string, got a number (3)\n",
		"loader import: " + lines + ": line 5: not valid UTF-8 (byte 44 of the line)\n",
		"loader import: 4 failures\n",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if _, out, _ := runLoader(t, "", "stats", "--db", db); !strings.Contains(out, "articles       14\n") {
		t.Errorf("stats:\n%s", out)
	}
	// Only warnings: exit 0.
	code, _, errs = runLoader(t, "", "import", dated, "--db", db)
	if code != exitOK || !strings.Contains(errs, "warning: "+dated) {
		t.Errorf("warnings only: exit %d, %q", code, errs)
	}
}

// TestFlagsAfterPathsNeo4j: "loader import FILE --db bolt://…" imports into
// that Neo4j server, not into a local file (issue 12).
func TestFlagsAfterPathsNeo4j(t *testing.T) {
	neo4jtest.Lock(t)
	neo4jtest.Wipe(t)
	uri, _ := neo4jtest.Server(t)
	dir := t.TempDir()
	t.Chdir(dir)
	article := filepath.Join(dir, "a.txt")
	os.WriteFile(article, []byte("Oman and Japan sign deal | Wire\n\nOman and Japan signed an agreement on trade in Muscat.\n"), 0o644)
	if code, out, errs := runLoader(t, "", "import", article, "--db", uri); code != exitOK || !strings.Contains(out, "imported 1 article:") || strings.Contains(errs, "creating") {
		t.Fatalf("import FILE --db %s: exit %d %q %q", uri, code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "alaqat.db")); err == nil {
		t.Errorf("import FILE --db %s created ./alaqat.db", uri)
	}
	if code, out, _ := runLoader(t, "", "stats", "--db", uri); code != exitOK || !strings.Contains(out, "articles       1\n") {
		t.Errorf("stats --db %s: exit %d\n%s", uri, code, out)
	}
}

// An interrupted import exits 130, keeping what it did.
func TestInterruptedImport(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errs bytes.Buffer
	code := run(ctx, []string{"import", "--db", filepath.Join(t.TempDir(), "x.db"), "../../seeds"}, strings.NewReader(""), &out, &errs)
	if code != exitInterrupted || !strings.Contains(errs.String(), "interrupted") {
		t.Errorf("exit %d, %q", code, errs.String())
	}
}
