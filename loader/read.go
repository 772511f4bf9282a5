package loader

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/alaqat/alaqat/loader/article"
)

// MaxFileSize is the largest input ReadFile reads: a feed, a JSON export
// or JSON Lines may hold many articles, but not more than this.
const MaxFileSize = 256 << 20

// ReadFile reads the articles of one file ("-" reads stdin, os.Stdin when
// nil), detecting its format from its content and extension. A file too
// large for its format (article.MaxInput for one article, MaxFileSize for
// any) is refused before it is read whole.
func ReadFile(name string, stdin io.Reader) ([]article.Article, error) {
	data, err := readData(name, stdin)
	if err != nil {
		return nil, err
	}
	return article.Parse(data, name, "")
}

// readInput reads one input of an import: a file or standard input
// (ReadFile), or a URL (Options.Fetch). Failures come back one per bad
// record, an article too short to be one among them (article.CheckLength);
// warnings say what was read in spite of a problem: content that is not
// what the file's extension says, a publication date not understood.
// An input read once, as standard input or a pipe is, comes from in;
// when in is nil the file is opened by its name.
func readInput(ctx context.Context, name string, in *bufio.Reader, opt Options) (arts []article.Article, warnings, fails []Failure) {
	var err error
	switch {
	case IsURL(name) && opt.Fetch == nil:
		return nil, nil, []Failure{{Origin: name, Err: errors.New("this import does not fetch URLs")}}
	case IsURL(name):
		arts, err = opt.Fetch(ctx, name)
	default:
		var data []byte
		if in != nil {
			data, err = readAll(name, in)
		} else {
			data, err = readData(name, nil)
		}
		if err != nil {
			break
		}
		if m := article.Mismatch(name, data); m != "" {
			warnings = append(warnings, Failure{Origin: name, Err: errors.New(m)})
		}
		arts, err = article.Parse(data, name, "")
		// A stray byte or word is refused as such, rather than as a title
		// without a body.
		if errors.Is(err, article.ErrNoText) && len(arts) == 0 && len(data) < 256 && article.DetectFormat(name, data).Single() {
			if short := article.CheckLength(article.Article{Text: string(data)}); short != nil {
				err = fmt.Errorf("%s: %w", name, short)
			}
		}
	}
	if err != nil {
		fails = failures(name, err)
	}
	kept := arts[:0]
	for _, a := range arts {
		if err := article.CheckLength(a); err != nil {
			fails = append(fails, Failure{Origin: a.Origin, Err: err})
			continue
		}
		for _, w := range a.Warnings {
			warnings = append(warnings, Failure{Origin: a.Origin, Err: errors.New(w)})
		}
		kept = append(kept, a)
	}
	return kept, warnings, fails
}

// readData reads a file, or stdin for "-", within the limits of ReadFile.
func readData(name string, stdin io.Reader) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		r = stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if info.IsDir() {
			return nil, fmt.Errorf("%s: is a folder", name)
		}
		if size := info.Size(); size > article.MaxInput {
			head := make([]byte, 64<<10)
			n, _ := io.ReadFull(f, head)
			if article.DetectFormat(name, head[:n]).Single() {
				return nil, fmt.Errorf("%s: %w: %s, more than the %s one article may take", name, article.ErrTooLarge, article.Size(int(min(size, 1<<40))), article.Size(article.MaxInput))
			}
			if size > MaxFileSize {
				return nil, fmt.Errorf("%s: %w: %s, more than the %s a file may take", name, article.ErrTooLarge, article.Size(int(min(size, 1<<40))), article.Size(MaxFileSize))
			}
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
		r = f
	}
	return readAll(name, r)
}

// readAll reads an input within MaxFileSize.
func readAll(name string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: %w: more than the %s a file may take", name, article.ErrTooLarge, article.Size(MaxFileSize))
	}
	return data, nil
}
