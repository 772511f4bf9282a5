package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
