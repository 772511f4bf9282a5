package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/alaqat/alaqat/loader"
)

// bar draws an import's progress on one terminal line, redrawn at most
// ten times a second: how many inputs are read, articles imported,
// unchanged and failed, and the input being read.
type bar struct {
	w     io.Writer
	width int // of the terminal, in columns
	last  time.Time
	drawn bool
}

// newBar returns a bar drawing on w when w is a terminal, else nil.
func newBar(w io.Writer) *bar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width < 40 {
		width = 80
	}
	return &bar{w: w, width: width}
}

// update redraws the bar for p, unless it was drawn a moment ago and p is
// not the end.
func (b *bar) update(p loader.Progress) {
	if time.Since(b.last) < 100*time.Millisecond && p.Done < p.Total {
		return
	}
	b.last = time.Now()
	fmt.Fprint(b.w, "\r"+b.line(p)+"\x1b[K")
	b.drawn = true
}

// line is the text of the bar for p, at most b.width columns.
func (b *bar) line(p loader.Progress) string {
	const cells = 20
	filled := 0
	if p.Total > 0 {
		filled = p.Done * cells / p.Total
	}
	s := fmt.Sprintf("[%s%s] %d/%d  %d imported", strings.Repeat("=", filled), strings.Repeat(" ", cells-filled), p.Done, p.Total, p.Articles)
	if p.KnowsUnchanged {
		s += fmt.Sprintf(", %d unchanged", p.Unchanged)
	}
	if len(p.Failures) > 0 {
		s += fmt.Sprintf(", %d failed", len(p.Failures))
	}
	if p.Done < p.Total {
		name := filepath.Base(p.Input)
		if room := b.width - 1 - len([]rune(s)) - 2; room > 4 {
			if r := []rune(name); len(r) > room {
				name = "…" + string(r[len(r)-room+1:])
			}
			s += "  " + name
		}
	}
	return s
}

// clear removes the bar, so that what follows starts on a clean line.
func (b *bar) clear() {
	if b.drawn {
		fmt.Fprint(b.w, "\r\x1b[K")
		b.drawn = false
	}
}
