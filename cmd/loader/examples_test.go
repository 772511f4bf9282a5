package main

import (
	"strings"
	"testing"
)

// TestEvalExamples runs the scorer on the annotated examples the README
// points to, as a user of a fresh clone would.
func TestEvalExamples(t *testing.T) {
	code, out, errs := runLoader(t, "", "eval", "--gold", "../../loader/eval/testdata/examples")
	if code != exitOK || !strings.Contains(out, "articles 4, failed 0") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
	for _, name := range []string{"ar-grain", "ar-visit", "en-call", "en-port"} {
		if !strings.Contains(out, name) {
			t.Errorf("no score for %s:\n%s", name, out)
		}
	}
}
