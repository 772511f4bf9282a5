// Package loader is Alaqat's import pipeline: it reads articles from files,
// folders, glob patterns or standard input (loader/article), extracts their facts
// (loader/extract) and applies each article to a graph.Store in a
// transaction of its own, so that one bad input never leaves half an
// article behind and never stops the rest of the batch.
package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/article"
	"github.com/alaqat/alaqat/loader/extract"
)

// Options tune an import.
type Options struct {
	// Extractor reads facts; extract.Default() when nil.
	Extractor *extract.Extractor
	// Progress, when set, is called after each article and after each
	// input, with the counts so far.
	Progress func(Progress)
	// Stdin is read for the path "-"; os.Stdin when nil.
	Stdin io.Reader
}

// Progress is how far an import has got.
type Progress struct {
	Input       string // the input being read
	Done, Total int    // inputs read, of all the paths named
	Article     string // the article just done (its origin), or "" at the end of an input
	ID          string // its id
	Same        bool   // the article was imported before with the same facts
	Report             // the counts so far
}

// Report says what an import did.
type Report struct {
	Articles  int // articles applied: new, or changed since they were last imported
	Unchanged int // articles skipped as imported before with the same facts (only with a graph.FactsHasher store)
	Nodes     int // nodes, edges and evidence the applied articles claim
	Edges     int
	Evidence  int
	Failures  []Failure
	// KnowsUnchanged is true when the store tells unchanged articles
	// (graph.FactsHasher); otherwise they count as Articles.
	KnowsUnchanged bool
}

// Failure is one input that could not be imported, and why.
type Failure struct {
	Origin string // file, or file:line / feed#item
	Err    error
}

// Error names the input and says what went wrong.
func (f Failure) Error() string {
	if msg := f.Err.Error(); strings.HasPrefix(msg, f.Origin+":") {
		return msg // the reader named the file already
	}
	return fmt.Sprintf("%s: %v", f.Origin, f.Err)
}

// Err returns the failures joined as one error, or nil.
func (r Report) Err() error {
	errs := make([]error, len(r.Failures))
	for i, f := range r.Failures {
		errs[i] = f
	}
	return errors.Join(errs...)
}

// Import reads every article under paths (files, folders walked
// recursively, glob patterns, "-" for standard input), extracts and
// applies each in its own transaction, and reports. Failures are
// collected, not fatal: a bad file, line or feed item costs only itself,
// and only a cancelled context stops the batch early. An article the store
// holds with the same facts (graph.FactsHasher) is counted as unchanged
// and not written again.
func Import(ctx context.Context, store graph.Store, paths []string, opt Options) (Report, error) {
	if opt.Extractor == nil {
		opt.Extractor = extract.Default()
	}
	hasher, _ := store.(graph.FactsHasher)
	files, failed := Inputs(paths)
	r := Report{Failures: failed, KnowsUnchanged: hasher != nil}
	stdin := peekable(opt.Stdin)
	opt.Stdin = stdin
	progress := func(p Progress) {
		if opt.Progress != nil {
			p.Total = len(files)
			p.Report = r
			opt.Progress(p)
		}
	}
	for i, file := range files {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		progress(Progress{Input: file, Done: i})
		// An export of `loader export --format jsonl`: its facts as they are.
		if ok, err := importFacts(ctx, store, file, stdin, &r, func(p Progress) { p.Input, p.Done = file, i; progress(p) }); ok {
			if err != nil {
				return r, err
			}
			progress(Progress{Input: file, Done: i + 1})
			continue
		}
		arts, err := ReadFile(file, opt.Stdin)
		if err != nil {
			r.Failures = append(r.Failures, failures(file, err)...)
		}
		for _, a := range arts {
			if err := ctx.Err(); err != nil {
				return r, err
			}
			facts, err := extractSafely(opt.Extractor, a)
			if err != nil {
				r.Failures = append(r.Failures, Failure{Origin: a.Origin, Err: err})
				continue
			}
			// Persons resolved against the store first: the digest the store
			// keeps is of the facts as applied.
			if err := ResolvePersons(ctx, store, opt.Extractor, facts); err != nil {
				r.Failures = append(r.Failures, Failure{Origin: a.Origin, Err: err})
				continue
			}
			if hasher != nil {
				if h, err := hasher.FactsHash(ctx, facts.Article.ID); err == nil && h != "" && h == facts.Hash() {
					r.Unchanged++
					progress(Progress{Input: file, Done: i, Article: a.Origin, ID: facts.Article.ID, Same: true})
					continue
				}
			}
			if err := store.Apply(ctx, facts); err != nil {
				r.Failures = append(r.Failures, Failure{Origin: a.Origin, Err: err})
				continue
			}
			r.Articles++
			r.Nodes += len(facts.Nodes)
			r.Edges += len(facts.Edges)
			r.Evidence += len(facts.Evidence)
			progress(Progress{Input: file, Done: i, Article: a.Origin, ID: facts.Article.ID})
		}
		progress(Progress{Input: file, Done: i + 1})
	}
	return r, ctx.Err()
}

// extractSafely extracts an article's facts, turning a panic of the
// extractor into an error for this article alone.
func extractSafely(x *extract.Extractor, a article.Article) (facts *graph.Facts, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error while extracting (please report it): %v", p)
		}
	}()
	return Extract(x, a), nil
}

// failures splits a joined error of several bad records into one failure
// each; a record error already names its origin.
func failures(file string, err error) []Failure {
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		var out []Failure
		for _, e := range joined.Unwrap() {
			out = append(out, Failure{Origin: file, Err: e})
		}
		return out
	}
	return []Failure{{Origin: file, Err: err}}
}

// importable lists the file extensions a folder walk picks up.
var importable = []string{".txt", ".text", ".html", ".htm", ".md", ".markdown", ".json", ".jsonl", ".ndjson", ".xml", ".rss", ".atom"}

func isImportable(name string) bool {
	return slices.Contains(importable, strings.ToLower(filepath.Ext(name)))
}

// Inputs turns paths into the files to read, each once, in the order
// named: a file itself (whatever its extension), every importable file
// under a folder (hidden ones left out) in name order, "-" for standard
// input, and the matches of a glob pattern (*, ?, [a-z], and ** for any
// number of folders) that the shell left unexpanded, in name order. A
// path that names nothing is a failure.
func Inputs(paths []string) ([]string, []Failure) {
	var files []string
	var fails []Failure
	seen := map[string]bool{}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	for _, p := range paths {
		if p == "-" {
			add(p)
			continue
		}
		info, err := os.Stat(p)
		if err != nil && hasMeta(p) {
			matches, gerr := glob(p)
			switch {
			case gerr != nil:
				fails = append(fails, Failure{Origin: p, Err: fmt.Errorf("bad pattern: %w", gerr)})
			case len(matches) == 0:
				fails = append(fails, Failure{Origin: p, Err: errors.New("no file matches")})
			}
			for _, m := range matches {
				add(m)
			}
			continue
		}
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			fails = append(fails, Failure{Origin: p, Err: err})
			continue
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		found, err := walk(p)
		if err != nil {
			fails = append(fails, Failure{Origin: p, Err: err})
		}
		for _, f := range found {
			add(f)
		}
	}
	return files, fails
}

// walk lists the importable files under dir, hidden ones left out, in name
// order.
func walk(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && path != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && isImportable(path) {
			files = append(files, path)
		}
		return nil
	})
	return files, err
}

func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[") }

// glob expands a pattern: filepath.Glob's, where a "**" segment also
// matches any number of folders. Matched folders are walked; matched
// files are kept when importable, or when the pattern's last segment names
// their extension itself ("logs/*.log").
func glob(pattern string) ([]string, error) {
	var matches []string
	if !strings.Contains(pattern, "**") {
		m, err := filepath.Glob(pattern)
		if err != nil {
			return nil, err
		}
		psegs := strings.Split(filepath.ToSlash(filepath.Clean(pattern)), "/")
		for _, x := range m {
			if !hidden(psegs, strings.Split(filepath.ToSlash(filepath.Clean(x)), "/")) {
				matches = append(matches, x)
			}
		}
	} else {
		segs := strings.Split(filepath.ToSlash(pattern), "/")
		k := slices.IndexFunc(segs, func(s string) bool { return strings.Contains(s, "**") })
		root := strings.Join(segs[:k], "/")
		switch {
		case root == "" && k > 0:
			root = "/"
		case root == "":
			root = "."
		}
		roots := []string{filepath.FromSlash(root)}
		if hasMeta(root) {
			m, err := filepath.Glob(filepath.FromSlash(root))
			if err != nil {
				return nil, err
			}
			roots = m
		}
		rest := segs[k:]
		for _, seg := range rest {
			if _, err := path.Match(strings.ReplaceAll(seg, "**", "*"), ""); err != nil {
				return nil, err
			}
		}
		for _, r := range roots {
			filepath.WalkDir(r, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return nil // unreadable folders are left out, as by filepath.Glob
				}
				if strings.HasPrefix(d.Name(), ".") && p != r {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				rel, err := filepath.Rel(r, p)
				if err != nil || rel == "." {
					return nil
				}
				if matchSegments(rest, strings.Split(filepath.ToSlash(rel), "/")) {
					matches = append(matches, p)
				}
				return nil
			})
		}
	}
	last := filepath.Base(pattern)
	explicitExt := strings.Contains(last, ".") && !hasMeta(filepath.Ext(last))
	var out []string
	for _, m := range matches {
		info, err := os.Stat(m)
		switch {
		case err != nil:
		case info.IsDir():
			found, _ := walk(m)
			out = append(out, found...)
		case explicitExt || isImportable(m):
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// hidden reports whether a match has a hidden segment (".cache") where
// its pattern's segment does not ask for one, as shells leave those out.
func hidden(pat, name []string) bool {
	for i := range min(len(pat), len(name)) {
		if strings.HasPrefix(name[i], ".") && !strings.HasPrefix(pat[i], ".") {
			return true
		}
	}
	return false
}

// matchSegments matches path segments against pattern segments, "**"
// standing for any number of segments (a "**" inside a segment is "*").
func matchSegments(pat, name []string) bool {
	if len(pat) == 0 {
		return len(name) == 0
	}
	if pat[0] == "**" {
		for i := 0; i <= len(name); i++ {
			if matchSegments(pat[1:], name[i:]) {
				return true
			}
		}
		return false
	}
	if len(name) == 0 {
		return false
	}
	ok, _ := path.Match(strings.ReplaceAll(pat[0], "**", "*"), name[0])
	return ok && matchSegments(pat[1:], name[1:])
}

// MaxFileSize is the largest input ReadFile reads: a feed, a JSON export
// or JSON Lines may hold many articles, but not more than this.
const MaxFileSize = 256 << 20

// ReadFile reads the articles of one file ("-" reads stdin, os.Stdin when
// nil), detecting its format from its content and extension. A file too
// large for its format (article.MaxInput for one article, MaxFileSize for
// any) is refused before it is read whole.
func ReadFile(name string, stdin io.Reader) ([]article.Article, error) {
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
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: %w: more than the %s a file may take", name, article.ErrTooLarge, article.Size(MaxFileSize))
	}
	return article.Parse(data, name, "")
}

// Article turns a read article into the graph's: its id, its published
// date, and its text as the headline, a blank line and the body, which is
// what evidence offsets count in.
func Article(a article.Article) graph.Article {
	g := graph.Article{URL: a.URL, Title: strings.TrimSpace(a.Title), Source: a.Source, Lang: graph.Lang(a.Lang)}
	if a.Published != "" {
		g.Published, _ = graph.ParsePartialDate(a.Published)
	}
	g.Text = a.Text
	if g.Title != "" {
		g.Text = g.Title + "\n\n" + a.Text
	}
	if g.Lang == "" {
		g.Lang = graph.LangOf(g.Text)
	}
	g.ID = graph.ArticleID(g.URL, g.Title, g.Source, g.Text)
	return g
}

// Extract reads the facts of one article.
func Extract(x *extract.Extractor, a article.Article) *graph.Facts {
	g := Article(a)
	return x.Extract(&g)
}
