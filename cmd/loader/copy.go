package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/transfer"
)

const copyHelp = `loader copy copies every article, with the facts it claimed, from one store
to another: SQLite to Neo4j when a team outgrows one machine, or Neo4j to a
SQLite file to take along. --from and --to take URLs as --db does. Nothing
is extracted again.

Articles are written in batches, one transaction each. An article the
destination holds with the same facts is left alone, so copying twice
changes nothing, and a copy that was interrupted goes on where it stopped
when run again. Articles only the destination holds stay. On a terminal
the progress shows on standard error; the last lines say how many articles
were copied, unchanged and failed, and what each store holds.

Example:
  export NEO4J_USERNAME=neo4j NEO4J_PASSWORD=…
  loader copy --from alaqat.db --to neo4j://localhost:7687
  loader copy --from bolt://127.0.0.1:7687 --to backup.db

Flags:
`

func runCopy(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("copy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "the store to read: a SQLite file or a Neo4j URL (required)")
	to := fs.String("to", "", "the store to write: a SQLite file (created if missing) or a Neo4j URL (required)")
	batch := fs.Int("batch", 500, "articles per transaction")
	quiet := fs.Bool("q", false, "no progress")
	verbose := fs.Bool("v", false, "print a line per article")
	if code, ok := parse(fs, args, copyHelp); !ok {
		return code
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "loader copy: unexpected arguments %q (use --from and --to)\n", fs.Args())
		return exitUsage
	case *from == "" || *to == "":
		fmt.Fprintln(stderr, "loader copy: both --from and --to are needed")
		return exitUsage
	case *from == *to:
		fmt.Fprintln(stderr, "loader copy: --from and --to name the same store")
		return exitUsage
	case *batch < 1 || *batch > 10000:
		fmt.Fprintln(stderr, "loader copy: --batch must be between 1 and 10000")
		return exitUsage
	}
	if backend.IsEmbedded(*from) {
		if _, err := os.Stat(strings.TrimPrefix(*from, "file:")); err != nil {
			fmt.Fprintf(stderr, "loader copy: --from %s: no such SQLite file\n", *from)
			return exitFatal
		}
	}
	src, err := backend.Open(ctx, *from)
	if err != nil {
		fmt.Fprintf(stderr, "loader copy: --from: %v\n", err)
		return exitFatal
	}
	defer src.Close()
	dst, err := backend.Open(ctx, *to)
	if err != nil {
		fmt.Fprintf(stderr, "loader copy: --to: %v\n", err)
		return exitFatal
	}
	defer dst.Close()

	tty := false
	if f, ok := stderr.(*os.File); ok && !*quiet {
		tty = term.IsTerminal(int(f.Fd()))
	}
	var last time.Time
	opts := transfer.CopyOptions{Batch: *batch, Progress: func(p transfer.CopyProgress) {
		if *verbose {
			switch {
			case p.Err != nil:
				fmt.Fprintf(stdout, "failed %s: %v\n", p.ID, p.Err)
			case p.Unchanged:
				fmt.Fprintf(stdout, "unchanged %s\n", p.ID)
			default:
				fmt.Fprintf(stdout, "copied %s\n", p.ID)
			}
		}
		if tty && (time.Since(last) > 100*time.Millisecond || p.Done == p.Total) {
			last = time.Now()
			fmt.Fprintf(stderr, "\r%d/%d articles\x1b[K", p.Done, p.Total)
		}
	}}
	rep, err := transfer.Copy(ctx, src, dst, opts)
	if tty {
		fmt.Fprint(stderr, "\r\x1b[K")
	}
	fmt.Fprintf(stdout, "copied %s; %d unchanged; %d failed\n", plural(rep.Copied, "article"), rep.Unchanged, len(rep.Failures))
	if err == nil {
		printCounts(stdout, "from", rep.From)
		printCounts(stdout, "to", rep.To)
	}
	for _, f := range rep.Failures {
		fmt.Fprintf(stderr, "loader copy: %s: %v\n", f.ID, f.Err)
	}
	if err != nil {
		fmt.Fprintf(stderr, "loader copy: stopped: %v (run it again to go on)\n", err)
		return exitFailed
	}
	if len(rep.Failures) > 0 {
		return exitFailed
	}
	return exitOK
}

// printCounts writes what a store holds on one line.
func printCounts(w io.Writer, which string, c graph.Counts) {
	fmt.Fprintf(w, "%-4s %d articles", which, c.Articles)
	for _, k := range graph.Kinds {
		fmt.Fprintf(w, ", %d %s", c.Nodes[k], k)
	}
	fmt.Fprintf(w, ", %d relations, %d evidence\n", c.Edges, c.Evidence)
}
