package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/transfer"
)

const copyLong = `loader copy copies every article, with the facts it claimed, from one store
to another: SQLite to Neo4j when a team outgrows one machine, or Neo4j to a
SQLite file to take along. --from and --to take URLs as --db does; the
source must exist, a SQLite destination is created if missing. Nothing is
extracted again.

Articles are written in batches, one transaction each. An article the
destination holds with the same facts is left alone, so copying twice
changes nothing, and a copy that was interrupted goes on where it stopped
when run again. Articles only the destination holds stay. On a terminal
the progress shows on standard error; the last lines say how many articles
were copied, unchanged and failed, and what each store holds.`

const copyExample = `  export NEO4J_USERNAME=neo4j NEO4J_PASSWORD=…
  loader copy --from alaqat.db --to neo4j://localhost:7687
  loader copy --from bolt://127.0.0.1:7687 --to backup.db`

func newCopy() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "copy --from URL --to URL",
		Short:   "Copy every article and its facts to another store (SQLite ⇄ Neo4j)",
		Long:    copyLong,
		Example: copyExample,
		Args:    cobra.NoArgs,
	}
	from := cmd.Flags().String("from", "", "the store to read: a SQLite file or a Neo4j URL (required)")
	to := cmd.Flags().String("to", "", "the store to write: a SQLite file (created if missing) or a Neo4j URL (required)")
	batch := cmd.Flags().Int("batch", 500, "articles per transaction (1 to 10000)")
	quiet := cmd.Flags().BoolP("quiet", "q", false, "no progress")
	verbose := cmd.Flags().BoolP("verbose", "v", false, "print a line per article")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		switch {
		case *from == "" || *to == "":
			return usageError("both --from and --to are needed")
		case *from == *to:
			return usageError("--from and --to name the same store")
		case *batch < 1 || *batch > 10000:
			return usageError("--batch must be between 1 and 10000")
		}
		ctx := cmd.Context()
		src, err := openStore(ctx, cmd, *from, false)
		if err != nil {
			return err
		}
		defer src.Close()
		dst, err := openStore(ctx, cmd, *to, true)
		if err != nil {
			return err
		}
		defer dst.Close()

		stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
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
		fmt.Fprintf(stdout, "copied %s and %s; %d unchanged; %d failed\n", plural(rep.Copied, "article"),
			plural(rep.Corrections, "correction"), rep.Unchanged, len(rep.Failures))
		if err == nil {
			printCounts(stdout, "from", rep.From)
			printCounts(stdout, "to", rep.To)
		}
		for _, f := range rep.Failures {
			fmt.Fprintf(stderr, "%s: %s: %v\n", cmd.CommandPath(), f.ID, f.Err)
		}
		switch {
		case err != nil && ctx.Err() != nil:
			return &exitError{code: exitInterrupted, err: fmt.Errorf("stopped: %v (run it again to go on)", err)}
		case err != nil:
			return fail(exitFailed, "stopped: %v (run it again to go on)", err)
		case len(rep.Failures) > 0:
			return status(exitFailed)
		}
		return nil
	}
	return cmd
}

// printCounts writes what a store holds on one line.
func printCounts(w io.Writer, which string, c graph.Counts) {
	fmt.Fprintf(w, "%-4s %d articles", which, c.Articles)
	for _, k := range graph.Kinds {
		fmt.Fprintf(w, ", %d %s", c.Nodes[k], k)
	}
	fmt.Fprintf(w, ", %d relations, %d evidence\n", c.Edges, c.Evidence)
}
