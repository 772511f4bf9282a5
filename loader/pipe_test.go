//go:build unix

package loader_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/transfer"
)

// TestPipesByPath imports from named pipes, as a shell's process
// substitution (loader import <(…)) gives them: a facts export longer
// than the look at its head, and a plain-text article shorter than it.
// Both are read whole, once; before, the look at the head was lost.
func TestPipesByPath(t *testing.T) {
	var facts strings.Builder
	for i := range 40 {
		if err := transfer.WriteRecord(&facts, graphtest.Synthetic(i)); err != nil {
			t.Fatal(err)
		}
	}
	if facts.Len() < 8192 {
		t.Fatalf("the export is %d bytes: too short to test the head", facts.Len())
	}
	text := "Qatar and Germany sign a defence pact\n\nQatar and Germany signed a defence cooperation agreement in Doha on Monday.\n"
	dir := t.TempDir()
	done := make(chan struct{})
	defer close(done)
	var paths []string
	for i, content := range []string{facts.String(), text} {
		p := filepath.Join(dir, []string{"facts", "text"}[i])
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
		go func() { // a pipe's writer blocks until the reader opens it
			f, err := os.OpenFile(p, os.O_WRONLY, 0)
			if err != nil {
				t.Error(err)
				return
			}
			f.WriteString(content)
			f.Close()
			// A reader that opens the pipe again finds it empty, rather
			// than waiting for ever.
			for {
				select {
				case <-done:
					return
				case <-time.After(10 * time.Millisecond):
				}
				if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					f.Close()
				}
			}
		}()
		paths = append(paths, p)
	}
	s := openStore(t)
	r, err := loader.Import(t.Context(), s, paths, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Failures) > 0 || r.Articles != 41 {
		t.Errorf("%d articles, failures %v; want 41 and none", r.Articles, r.Failures)
	}
	// ReadFile (loader extract) opens a pipe by its path and reads it,
	// standard input left alone.
	p := filepath.Join(dir, "extract")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
	go func() {
		if f, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
			f.WriteString(text)
			f.Close()
		}
	}()
	arts, err := loader.ReadFile(p, strings.NewReader("not this"))
	if err != nil || len(arts) != 1 || !strings.Contains(arts[0].Text, "Doha") {
		t.Errorf("ReadFile of a pipe: %d articles, err %v", len(arts), err)
	}
}
