// Package loader is Alaqat's import pipeline: it reads articles from files,
// folders, glob patterns or standard input (loader/article), extracts their facts
// (loader/extract) and applies them to a graph.Store in batches, one
// transaction each, in which every article stays whole; a batch the store
// refuses is written again an article at a time, so that one bad input
// never leaves half an article behind and never stops the rest.
package loader

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/article"
	"github.com/alaqat/alaqat/loader/extract"
	"github.com/alaqat/alaqat/loader/transfer"
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
	// Fetch reads the inputs that are http(s) URLs (loader/fetch does);
	// without it a URL is a failure. A joined error names each bad
	// record, as article.Parse's does.
	Fetch func(ctx context.Context, url string) ([]article.Article, error)
	// Batch is how many articles go into one write transaction (when 0,
	// the store's graph.BatchSizer, else DefaultBatch). Each article
	// stays whole whatever the batch.
	Batch int
}

// Progress is how far an import has got.
type Progress struct {
	Input       string // the input being read
	Done, Total int    // inputs read, of all the paths named
	Article     string // the article just done (its origin), or "" at the end of an input
	ID          string // its id
	Same        bool   // the article was imported before with the same facts
	Replaced    bool   // the article was imported before (same URL) with other facts, now replaced
	Report             // the counts so far
}

// Report says what an import did.
type Report struct {
	Articles  int // new articles applied
	Replaced  int // articles imported before (the same URL) whose new text replaced the old (only with a graph.FactsHasher store)
	Unchanged int // articles skipped as imported before with the same facts (only with a graph.FactsHasher store)
	// Corrections counts the analysts' corrections an export's facts file
	// made (those in force already are left alone).
	Corrections int
	Nodes       int // nodes, edges and evidence the applied articles claim
	Edges       int
	Evidence    int
	Failures    []Failure
	// Warnings are inputs read in spite of a problem, or left out: a file
	// whose content is not what its extension says, a date not
	// understood, files a folder walk skipped.
	Warnings []Failure
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

// DefaultBatch is how many articles Import writes in one transaction when
// Options.Batch is 0 and the store names no size of its own
// (graph.BatchSizer: 5,000 on SQLite, 1,000 on Neo4j; see README,
// "Importing at speed", for the measurements they were chosen by).
const DefaultBatch = 1000

// Import reads every article under paths (files, folders walked
// recursively, glob patterns, "-" for standard input), extracts and
// applies them, opt.Batch articles to a transaction, and reports.
// Failures are collected, not fatal: a bad file, line or feed item costs
// only itself; a batch the store refuses is written again an article at a
// time, so that a bad article costs only itself too; only a cancelled
// context stops the import early. An article the store holds with the same
// facts (graph.FactsHasher) is counted as unchanged and not written again.
// A store that becomes unavailable (graph.EUNAVAILABLE) is not asked
// again: every article not stored is a failure of its own, and the
// articles stored before stay.
func Import(ctx context.Context, store graph.Store, paths []string, opt Options) (Report, error) {
	if opt.Extractor == nil {
		opt.Extractor = extract.Default()
	}
	if opt.Batch <= 0 {
		opt.Batch = DefaultBatch
		if b, ok := store.(graph.BatchSizer); ok {
			opt.Batch = b.BatchSize()
		}
	}
	hasher, _ := store.(graph.FactsHasher)
	files, skipped, failed := inputs(paths)
	r := Report{Failures: failed, Warnings: skipped, KnowsUnchanged: hasher != nil}
	stdin := peekable(opt.Stdin)
	progress := func(p Progress) {
		if opt.Progress != nil {
			p.Total = len(files)
			p.Report = r
			opt.Progress(p)
		}
	}
	// The articles queued, by id, until the Writer says what became of
	// them; an article named twice in one batch is answered twice.
	type pending struct {
		origin, input string
		done          int
		facts         *graph.Facts
	}
	queued := map[string][]pending{}
	w := transfer.NewWriter(store, opt.Batch, func(o transfer.Outcome) {
		p := queued[o.ID][0]
		if queued[o.ID] = queued[o.ID][1:]; len(queued[o.ID]) == 0 {
			delete(queued, o.ID)
		}
		switch {
		case o.Err != nil:
			r.Failures = append(r.Failures, Failure{Origin: p.origin, Err: o.Err})
			return
		case o.Unchanged:
			r.Unchanged++
		case o.Replaced:
			r.Replaced++
		default:
			r.Articles++
		}
		if !o.Unchanged {
			r.Nodes += len(p.facts.Nodes)
			r.Edges += len(p.facts.Edges)
			r.Evidence += len(p.facts.Evidence)
		}
		progress(Progress{Input: p.input, Done: p.done, Article: p.origin, ID: o.ID, Same: o.Unchanged, Replaced: o.Replaced})
	})
	// stop ends an import early, once the batch being written is.
	stop := func(err error) (Report, error) {
		w.Wait()
		return r, err
	}
	for i, file := range files {
		if err := ctx.Err(); err != nil {
			return stop(err)
		}
		progress(Progress{Input: file, Done: i})
		add := func(origin string, f *graph.Facts) error {
			queued[f.Article.ID] = append(queued[f.Article.ID], pending{origin: origin, input: file, done: i, facts: f})
			return w.Add(ctx, f)
		}
		// Standard input, or a pipe named by its path, is read once:
		// its head looked at for a facts export stays for what reads it
		// as articles. A file is opened by each.
		var stream *bufio.Reader
		switch {
		case file == "-":
			stream = stdin
		case isStream(file):
			f, err := os.Open(file)
			if err != nil {
				r.Failures = append(r.Failures, Failure{Origin: file, Err: err})
				continue
			}
			defer f.Close() // one per pipe named on the command line
			stream = peekable(f)
		}
		// An export of `loader export --format jsonl`: its facts as they are.
		if ok, err := importFacts(ctx, store, file, stream, add, w.Flush, &r); ok {
			if err != nil {
				return stop(err)
			}
			progress(Progress{Input: file, Done: i + 1})
			continue
		}
		arts, warned, failed := readInput(ctx, file, stream, opt)
		r.Warnings = append(r.Warnings, warned...)
		r.Failures = append(r.Failures, failed...)
		for _, a := range arts {
			if err := ctx.Err(); err != nil {
				return stop(err)
			}
			facts, err := extractSafely(opt.Extractor, a)
			if err != nil {
				r.Failures = append(r.Failures, Failure{Origin: a.Origin, Err: err})
				continue
			}
			if err := add(a.Origin, facts); err != nil {
				return stop(err)
			}
		}
		progress(Progress{Input: file, Done: i + 1})
	}
	if err := w.Flush(ctx); err != nil {
		return r, err
	}
	if len(files) > 0 { // the last batch's outcomes came after the last input's end
		progress(Progress{Input: files[len(files)-1], Done: len(files)})
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
