package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// binDir holds the binary buildLoader builds, removed by TestMain.
var binDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildLoader builds the loader binary once for the tests that run it as
// a user does.
var buildLoader = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "loader-bin")
	if err != nil {
		return "", err
	}
	binDir = dir
	bin := filepath.Join(dir, "loader")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", &buildError{out: out, err: err}
	}
	return bin, nil
})

type buildError struct {
	out []byte
	err error
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + string(e.out) }

func loaderBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin, err := buildLoader()
	if err != nil {
		t.Fatalf("go build: %v", err)
	}
	return bin
}

// TestBinary runs the built loader: flags after the paths, exit codes,
// help for a command.
func TestBinary(t *testing.T) {
	bin := loaderBinary(t)
	dir := t.TempDir()
	article := filepath.Join(dir, "a.txt")
	os.WriteFile(article, []byte("Oman and Japan sign deal | Wire\n\nOman and Japan signed an agreement on trade in Muscat.\n"), 0o644)
	db := filepath.Join(dir, "b.db")
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"import", article, "--db", db, "-q"}, exitOK, "imported 1 article:"},
		{[]string{"stats", "--db", db}, exitOK, "articles       1"},
		{[]string{"stats", "--db", filepath.Join(dir, "typo.db")}, exitFatal, "no such store"},
		{[]string{"help", "watch"}, exitOK, "loader watch FEED|URL|DIR"},
		{[]string{"import"}, exitUsage, "no paths given"},
		{[]string{"import", filepath.Join(dir, "none.txt"), "--db", db}, exitFailed, "none.txt: no such file or directory"},
	}
	for _, tc := range tests {
		cmd := exec.Command(bin, tc.args...)
		cmd.Dir = dir
		out, _ := cmd.CombinedOutput()
		if code := cmd.ProcessState.ExitCode(); code != tc.code || !strings.Contains(string(out), tc.out) {
			t.Errorf("loader %s: exit %d (want %d)\n%s", strings.Join(tc.args, " "), code, tc.code, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typo.db")); err == nil {
		t.Errorf("stats created typo.db")
	}
}

// TestWatchStopsOnSIGINT runs loader watch as a user does: it imports a
// feed, then a new item a round later, and stops cleanly on SIGINT with
// its state saved.
func TestWatchStopsOnSIGINT(t *testing.T) {
	bin := loaderBinary(t)
	site := newNewsSite(t)
	site.add(1, true)
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	cmd := exec.Command(bin, "watch", site.URL+"/rss.xml", "--every", "1s", "--db", db)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	next := func() string {
		select {
		case l := <-lines:
			return l
		case <-time.After(20 * time.Second):
			t.Fatalf("no output from loader watch; stderr:\n%s", stderr.String())
		}
		return ""
	}
	if l := next(); !strings.Contains(l, "rss.xml: imported 1 article:") {
		t.Fatalf("first round: %q", l)
	}
	site.add(2, false)
	if l := next(); !strings.Contains(l, "rss.xml: imported 1 article:") {
		t.Fatalf("second round: %q", l)
	}
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after SIGINT: %v; stderr:\n%s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("loader watch did not stop on SIGINT")
	}
	if !strings.Contains(stderr.String(), "stopped; what was imported is remembered in "+db+".watch.json") {
		t.Errorf("stderr: %s", stderr.String())
	}
	b, err := os.ReadFile(db + ".watch.json")
	if err != nil {
		t.Fatal(err)
	}
	var st watchState
	if err := json.Unmarshal(b, &st); err != nil || len(st.Sources[site.URL+"/rss.xml"].Seen) != 2 {
		t.Errorf("state: %v\n%s", err, b)
	}
}
