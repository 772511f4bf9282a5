package neo4j_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/neo4j"
	"github.com/alaqat/alaqat/graph/neo4j/neo4jtest"
)

// killedEnv makes the test binary the loader that TestKilledWriter kills.
const killedEnv = "ALAQAT_TEST_KILLED_WRITER"

// TestKilledWriter kills a writer (another process) between the
// announcement of its commit and the commit itself, the worst moment for
// readers, which wait for announced commits: the next reads, in a snapshot
// and alone, answer within a second, and the killed write left nothing.
func TestKilledWriter(t *testing.T) {
	if os.Getenv(killedEnv) != "" {
		killedWriter(t)
		return
	}
	ctx := context.Background()
	s := neo4jtest.OpenEmpty(t)
	if err := s.Apply(ctx, graphtest.Synthetic(1)); err != nil {
		t.Fatal(err)
	}
	for round := range 2 {
		child := exec.Command(os.Args[0], "-test.run=^TestKilledWriter$", "-test.v")
		child.Env = append(os.Environ(), killedEnv+"=1")
		out, err := child.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		child.Stderr = os.Stderr
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		announced := make(chan bool)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if strings.Contains(sc.Text(), "ANNOUNCED") {
					announced <- true
				}
			}
			close(announced)
		}()
		select {
		case ok := <-announced:
			if !ok {
				child.Wait()
				t.Fatal("the writer ended before announcing its commit")
			}
		case <-time.After(2 * time.Minute):
			child.Process.Kill()
			t.Fatal("the writer did not announce its commit")
		}
		child.Process.Kill() // SIGKILL: no deferred confirmation
		child.Wait()

		start := time.Now()
		var read func(context.Context) error
		if round == 0 {
			read = func(c context.Context) error {
				snap, end, err := s.Snapshot(c)
				if err != nil {
					return err
				}
				if _, err := s.Nodes(snap, []string{"country:QA"}); err != nil {
					end()
					return err
				}
				return end()
			}
		} else {
			read = func(c context.Context) error { _, err := s.Nodes(c, []string{"country:QA"}); return err }
		}
		c, cancel := context.WithTimeout(ctx, 30*time.Second)
		err = read(c)
		cancel()
		if err != nil {
			t.Fatalf("round %d: reading after the writer was killed: %v", round, err)
		}
		// Under the race detector (CI) the reader's own code runs several
		// times slower: it gets twice the time.
		bound := time.Second
		if raceDetector {
			bound = 2 * time.Second
		}
		if took := time.Since(start); took > bound {
			t.Errorf("round %d: the first read after the writer was killed took %v, want under %v", round, took, bound)
		} else {
			t.Logf("round %d: the first read after the writer was killed took %v", round, took)
		}
	}
	arts, err := s.Articles(ctx, []string{graphtest.Synthetic(2).Article.ID})
	if err != nil || len(arts) != 0 {
		t.Errorf("the killed write left %d articles (%v)", len(arts), err)
	}
}

// killedWriter writes an article and stops, for good, once its commit is
// announced.
func killedWriter(t *testing.T) {
	uri, opts := neo4jtest.Server(t)
	s, err := neo4j.Open(context.Background(), uri, opts)
	if err != nil {
		t.Fatal(err)
	}
	neo4j.SetAfterAnnounce(func() {
		fmt.Println("ANNOUNCED")
		os.Stdout.Sync()
		select {}
	})
	s.Apply(context.Background(), graphtest.Synthetic(2))
}
