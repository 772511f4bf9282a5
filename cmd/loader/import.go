package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/fetch"
)

const importLong = `loader import extracts the facts of every article under the paths and stores
them, --batch articles per transaction, each article whole: a batch the
store refuses is written again an article at a time, so that a bad
article fails alone and is named. Importing an article again replaces what
it said before; importing the same article twice changes nothing (stores
that keep each article's digest report it as unchanged). A SQLite store
that does not exist is created (and said so on standard error).

Paths are files, folders (read recursively; hidden files and files of other
extensions left out), glob patterns the shell left alone ("news/*.json",
"news/**/*.xml": ** spans folders), - for standard input, and http(s) URLs.

A URL is fetched (at most 16 MB, --timeout, 5 redirects, with a User-Agent
naming the loader and its version; legacy charsets decoded): a page is read
as an HTML file is, its navigation and furniture left out; a feed (RSS or
Atom) gives its first 100 items, each item's link fetched and read as a
page, an item without a link read from its own content. An item that
cannot be fetched is a failure of its own. "loader watch" keeps importing
what is new in feeds and folders.

Formats: plain text (first line "title | site"), HTML, Markdown with front
matter, JSON, JSON Lines, RSS and Atom, told by content as well as by
extension (JSON Lines saved as .txt is read as JSON Lines). A JSON Lines
file written by "loader export" holds each article with the facts it
claimed: those are stored as they are, nothing extracted again.

On a terminal a progress bar shows on standard error. At the end a line
says how many articles were imported, unchanged and failed; each failure
follows on standard error with its file and the reason, and the line (JSON
Lines) or item (feeds, JSON arrays) when only part of a file was bad: the
rest of that file and of the batch is still imported, and the exit status
is 1. Binary, empty and non-UTF-8 files are refused (in JSON Lines, each
line on its own), and so are inputs too large for an article (16 MB of
HTML, text or Markdown; 256 KB of body text), bodies of fewer than 3 words
("too short to be an article") and JSON records whose fields have the wrong
type ("field title: expected a string, got a number (3)").

Warnings, on standard error, leave the exit status 0: a file whose content
is not what its extension says (read as what it is), a publication date no
reader understands (the article is imported without one), and the files a
folder walk skipped: each file without an extension, and a count of those
of other extensions.

When Neo4j stops answering mid-import, the driver retries each transaction
for up to 30 s; after that the loader writes nothing more and names, as
failures, exactly the articles not stored (those committed before stay,
and are never among them). Import the same inputs again once the server
is back: what is stored already is left as it is.`

const importExample = `  loader import --db alaqat.db seeds/ ~/news/2026-11-29.jsonl
  loader import 'archive/**/*.xml'
  loader import https://example.org/news/2026/11/29/oman-japan.html
  loader import https://example.org/rss.xml --db bolt://localhost:7687
  curl -s https://example.org/feed.xml | loader import -`

func newImport() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "import PATH|URL…",
		Short:   "Extract and store articles (files, folders, globs, URLs, - for stdin)",
		Long:    importLong,
		Example: importExample,
	}
	db := dbFlag(cmd)
	gaz := gazetteerFlag(cmd)
	quiet := cmd.Flags().BoolP("quiet", "q", false, "no progress bar")
	verbose := cmd.Flags().BoolP("verbose", "v", false, "print a line per article")
	timeout := cmd.Flags().Duration("timeout", fetch.DefaultTimeout, "for URLs: the longest a request may take, its body read")
	batch := cmd.Flags().Int("batch", 0, "articles per transaction (1 to 10000; by default the store's: 5000 on SQLite, 1000 on Neo4j); each article stays whole, and a batch the store refuses is written again an article at a time")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usageError("no paths given (use - for standard input)")
		}
		if cmd.Flags().Changed("batch") && (*batch < 1 || *batch > 10000) {
			return usageError("--batch must be between 1 and 10000")
		}
		x, err := backend.Extractor(*gaz)
		if err != nil {
			return fail(exitFatal, "%v", err)
		}
		ctx := cmd.Context()
		store, err := openStore(ctx, cmd, *db, true)
		if err != nil {
			return err
		}
		defer store.Close()
		opt := loader.Options{Stdin: cmd.InOrStdin(), Extractor: x, Fetch: (&fetch.Client{Timeout: *timeout}).Articles, Batch: *batch}
		rep, err := importWithProgress(ctx, cmd, store, args, opt, *quiet, *verbose)
		printImport(cmd.OutOrStdout(), cmd.ErrOrStderr(), cmd.CommandPath(), rep)
		return importStatus(err, rep)
	}
	return cmd
}

// importWithProgress runs loader.Import with the progress bar (on a
// terminal, unless quiet) and a line per article (verbose).
func importWithProgress(ctx context.Context, cmd *cobra.Command, store graph.Store, args []string, opt loader.Options, quiet, verbose bool) (loader.Report, error) {
	stdout := cmd.OutOrStdout()
	var b *bar
	if !quiet {
		b = newBar(cmd.ErrOrStderr())
	}
	if b != nil || verbose {
		opt.Progress = func(p loader.Progress) {
			if verbose && p.Article != "" {
				if b != nil {
					b.clear()
				}
				fmt.Fprintf(stdout, "%s %s (%s)\n", verb(p), p.Article, p.ID)
			}
			if b != nil {
				b.update(p)
			}
		}
	}
	rep, err := loader.Import(ctx, store, args, opt)
	if b != nil {
		b.clear()
	}
	return rep, err
}

// importStatus is an import's exit: interrupted, some inputs failed, or
// everything done.
func importStatus(err error, rep loader.Report) error {
	switch {
	case errors.Is(err, context.Canceled):
		return fail(exitInterrupted, "interrupted: what was imported before is kept")
	case err != nil:
		return fail(exitFailed, "stopped: %v", err)
	case len(rep.Failures) > 0:
		return status(exitFailed)
	}
	return nil
}

// verb says what became of an article: imported (new), replaced (an
// article of the same URL with other text before) or unchanged.
func verb(p loader.Progress) string {
	switch {
	case p.Same:
		return "unchanged"
	case p.Replaced:
		return "replaced"
	}
	return "imported"
}

// printImport writes an import's report: what was imported, replaced,
// skipped as unchanged, failed and warned of on stdout, then each warning and each
// failure, naming its file and line or item, on stderr.
func printImport(stdout, stderr io.Writer, prefix string, rep loader.Report) {
	fmt.Fprintf(stdout, "imported %s: %d entities, %d relations, %d evidence quotes", plural(rep.Articles, "article"), rep.Nodes, rep.Edges, rep.Evidence)
	if rep.KnowsUnchanged {
		fmt.Fprintf(stdout, "; %d replaced; %d unchanged", rep.Replaced, rep.Unchanged)
	}
	if rep.Corrections > 0 {
		fmt.Fprintf(stdout, "; %s", plural(rep.Corrections, "correction"))
	}
	fmt.Fprintf(stdout, "; %d failed", len(rep.Failures))
	if n := len(rep.Warnings); n > 0 {
		fmt.Fprintf(stdout, "; %s", plural(n, "warning"))
	}
	fmt.Fprintln(stdout)
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "%s: warning: %v\n", prefix, w)
	}
	for _, f := range rep.Failures {
		fmt.Fprintf(stderr, "%s: %v\n", prefix, f)
	}
	if len(rep.Failures) > 0 {
		fmt.Fprintf(stderr, "%s: %s\n", prefix, plural(len(rep.Failures), "failure"))
	}
}
