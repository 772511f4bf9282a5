package loader

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/transfer"
)

// peekable wraps standard input so that its first bytes can be looked at
// (is it a facts file?) and still be read.
func peekable(stdin io.Reader) *bufio.Reader {
	if stdin == nil {
		stdin = os.Stdin
	}
	if br, ok := stdin.(*bufio.Reader); ok {
		return br
	}
	return bufio.NewReaderSize(stdin, 64<<10)
}

// importFacts applies a facts file — the JSON Lines `loader export` writes,
// each line an article with the facts it claimed — as it is, without
// extracting anything again, so that an export imported into an empty store
// gives back the same graph. Its articles go to add, which writes them in
// batches; flush writes what is queued, before the file's corrections. ok
// is false when file is not a facts file (it is then read as articles);
// err is set only when the context ended.
// Each bad line is a failure naming it; the rest of the file goes on.
func importFacts(ctx context.Context, store graph.Store, file string, stream *bufio.Reader,
	add func(origin string, f *graph.Facts) error, flush func(context.Context) error, r *Report) (ok bool, err error) {
	var in io.Reader = stream
	if IsURL(file) {
		return false, nil
	}
	if stream != nil {
		head, _ := stream.Peek(4096)
		if !transfer.IsFacts(head) {
			return false, nil
		}
	} else {
		f, err := os.Open(file)
		if err != nil {
			return false, nil // ReadFile says why
		}
		defer f.Close()
		head := make([]byte, 4096)
		n, _ := io.ReadFull(f, head)
		if !transfer.IsFacts(head[:n]) {
			return false, nil
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return false, nil
		}
		in = f
	}
	// Corrections come after the articles they touch: the articles are
	// written first, and the corrections once the file is read.
	type correction struct {
		origin string
		c      graph.Correction
	}
	var corrections []correction
	err = transfer.ReadFacts(in, func(line int, f *graph.Facts, err error) error {
		origin := fmt.Sprintf("%s:%d", file, line)
		if err != nil {
			r.Failures = append(r.Failures, Failure{Origin: origin, Err: err})
			return ctx.Err()
		}
		return add(origin, f)
	}, func(line int, c graph.Correction, err error) error {
		origin := fmt.Sprintf("%s:%d", file, line)
		if err != nil {
			r.Failures = append(r.Failures, Failure{Origin: origin, Err: err})
			return ctx.Err()
		}
		corrections = append(corrections, correction{origin, c})
		return nil
	})
	if err == nil {
		err = flush(ctx)
	}
	for _, x := range corrections {
		if err != nil || ctx.Err() != nil {
			break
		}
		if applied, cerr := transfer.ApplyCorrection(ctx, store, x.c); cerr != nil {
			r.Failures = append(r.Failures, Failure{Origin: x.origin, Err: cerr})
		} else if applied {
			r.Corrections++
		}
	}
	if cerr := ctx.Err(); cerr != nil {
		return true, cerr
	}
	if err != nil {
		r.Failures = append(r.Failures, Failure{Origin: file, Err: err}) // a read error
	}
	return true, nil
}

// isStream tells whether a path names a pipe, a socket or a device, such
// as the /dev/fd/N of a shell's process substitution: read once, as
// standard input is, not opened a second time after a look at its head
// (which a pipe would have lost).
func isStream(name string) bool {
	info, err := os.Stat(name)
	return err == nil && info.Mode()&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice|fs.ModeCharDevice) != 0
}
