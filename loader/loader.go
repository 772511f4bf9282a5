// Package loader is Alaqat's import pipeline: it reads articles from files,
// folders or standard input (loader/article), extracts their facts
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
	// Progress, when set, gets a line per article.
	Progress io.Writer
	// Stdin is read for the path "-"; os.Stdin when nil.
	Stdin io.Reader
}

// Report says what an import did.
type Report struct {
	Articles int // articles applied
	Nodes    int // nodes, edges and evidence the applied articles claim
	Edges    int
	Evidence int
	Failures []Failure
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
// recursively, "-" for standard input), extracts and applies each in its
// own transaction, and reports. Failures are collected, not fatal: only a
// cancelled context stops the batch early.
func Import(ctx context.Context, store graph.Store, paths []string, opt Options) (Report, error) {
	if opt.Extractor == nil {
		opt.Extractor = extract.Default()
	}
	var r Report
	for _, p := range paths {
		files, err := expand(p)
		if err != nil {
			r.Failures = append(r.Failures, Failure{Origin: p, Err: err})
			continue
		}
		for _, file := range files {
			if err := ctx.Err(); err != nil {
				return r, err
			}
			arts, err := ReadFile(file, opt.Stdin)
			if err != nil {
				r.Failures = append(r.Failures, failures(file, err)...)
			}
			for _, a := range arts {
				facts := Extract(opt.Extractor, a)
				if err := Apply(ctx, store, opt.Extractor, facts); err != nil {
					r.Failures = append(r.Failures, Failure{Origin: a.Origin, Err: err})
					continue
				}
				r.Articles++
				r.Nodes += len(facts.Nodes)
				r.Edges += len(facts.Edges)
				r.Evidence += len(facts.Evidence)
				if opt.Progress != nil {
					fmt.Fprintf(opt.Progress, "imported %s (%s): %d entities, %d relations\n", a.Origin, facts.Article.ID, len(facts.Nodes), len(facts.Edges))
				}
			}
		}
	}
	return r, ctx.Err()
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

// expand turns a path into the files to read: the file itself, or every
// importable file under a folder (hidden ones left out), in name order.
func expand(p string) ([]string, error) {
	if p == "-" {
		return []string{"-"}, nil
	}
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	var files []string
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && path != p {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && slices.Contains(importable, strings.ToLower(filepath.Ext(path))) {
			files = append(files, path)
		}
		return nil
	})
	return files, err
}

// ReadFile reads the articles of one file ("-" reads stdin, os.Stdin when
// nil), detecting its format.
func ReadFile(path string, stdin io.Reader) ([]article.Article, error) {
	var data []byte
	var err error
	if path == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, err
	}
	format := article.DetectFormat(path, data)
	return article.Read(strings.NewReader(string(data)), path, format)
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
