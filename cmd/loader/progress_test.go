package main

import (
	"errors"
	"testing"

	"github.com/alaqat/alaqat/loader"
)

func TestBarLine(t *testing.T) {
	fail := []loader.Failure{{Origin: "x", Err: errors.New("bad")}}
	for _, tc := range []struct {
		p     loader.Progress
		width int
		want  string
	}{
		{loader.Progress{Input: "news/a.jsonl", Done: 0, Total: 4}, 80, "[                    ] 0/4  0 imported  a.jsonl"},
		{loader.Progress{Input: "b.xml", Done: 2, Total: 4, Report: loader.Report{Articles: 7, Failures: fail}}, 80, "[==========          ] 2/4  7 imported, 1 failed  b.xml"},
		{loader.Progress{Input: "b.xml", Done: 4, Total: 4, Report: loader.Report{Articles: 9, Unchanged: 3, KnowsUnchanged: true}}, 80, "[====================] 4/4  9 imported, 3 unchanged"},
		{loader.Progress{Input: "a-very-long-name-of-a-file.jsonl", Done: 1, Total: 3}, 52, "[======              ] 1/3  0 imported  …file.jsonl"},
	} {
		b := &bar{width: tc.width}
		if got := b.line(tc.p); got != tc.want {
			t.Errorf("line(%+v)\n got %q\nwant %q", tc.p, got, tc.want)
		}
	}
	if newBar(new(errWriter)) != nil {
		t.Error("a bar on something that is not a terminal")
	}
}

type errWriter struct{}

func (errWriter) Write(p []byte) (int, error) { return len(p), nil }
