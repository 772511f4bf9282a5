package loader_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/alaqat/alaqat/loader"
)

// TestSkippedFilesAreReported: what a folder walk or a pattern leaves out is
// said, one warning per file without an extension, one per folder for the
// others; a file named by itself is read whatever its name.
func TestSkippedFilesAreReported(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"a.txt":        "Oman and Japan | Wire\n\nOman and Japan signed an agreement on trade.\n",
		"NOTES":        "Qatar and Germany | Wire\n\nQatar and Germany signed an agreement on defence.\n",
		"x/LATEST":     "Kenya and Norway | Wire\n\nKenya and Norway signed an agreement on fisheries.\n",
		"x/photo.jpg":  "\xff\xd8\xff",
		"x/scan.pdf":   "%PDF-1.4",
		"x/scan2.pdf":  "%PDF-1.4",
		".hidden/NOTE": "left out without a word, as hidden files are",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	tests := []struct {
		name  string
		paths []string
		want  []string // warnings
		n     int      // articles
	}{
		{"folder", []string{dir}, []string{
			filepath.Join(dir, "NOTES") + ": " + loader.ErrNoExtension.Error(),
			filepath.Join(dir, "x/LATEST") + ": " + loader.ErrNoExtension.Error(),
			dir + ": skipped 3 files of other types (.jpg 1, .pdf 2)",
		}, 1},
		{"pattern", []string{filepath.Join(dir, "*")}, []string{
			filepath.Join(dir, "NOTES") + ": " + loader.ErrNoExtension.Error(),
			filepath.Join(dir, "x/LATEST") + ": " + loader.ErrNoExtension.Error(),
			filepath.Join(dir, "x") + ": skipped 3 files of other types (.jpg 1, .pdf 2)",
		}, 1},
		{"file named", []string{filepath.Join(dir, "NOTES")}, nil, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := loader.Import(context.Background(), openStore(t), tc.paths, loader.Options{})
			if err != nil || len(rep.Failures) > 0 || rep.Articles != tc.n {
				t.Fatalf("%d articles, failures %v, %v", rep.Articles, rep.Failures, err)
			}
			var got []string
			for _, w := range rep.Warnings {
				got = append(got, w.Error())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("warnings\n%q\nwant\n%q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("warning %d: %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}
