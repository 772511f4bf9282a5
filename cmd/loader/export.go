package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/alaqat/alaqat/loader/transfer"
)

const exportLong = `loader export writes the store's graph out:

  jsonl     one line per article: the article and every fact it claimed, as
            stored. "loader import" reads it back into the same graph (no
            extraction again), into SQLite or Neo4j. The default.
  graphml   the graph for Gephi, yEd or Cytoscape: entities as nodes (kind,
            names in English and Arabic, ISO codes, dates, topics, how much
            evidence and how many articles support each), relations as
            directed edges (type, title, since, evidence, articles).
  csv       files for Neo4j's bulk importer (neo4j-admin database import):
            nodes.csv, articles.csv, relationships.csv, evidence.csv and
            import.sh, the command that loads them into a new database.

jsonl and graphml go to standard output, or into the folder --out names
(alaqat.jsonl, alaqat.graphml); csv needs --out. Files are written whole or
not at all. A summary goes to standard error. The store must exist.`

const exportExample = `  loader export --db alaqat.db > alaqat.jsonl
  loader import --db neo4j://localhost:7687 alaqat.jsonl
  loader export --format graphml --out exports/
  loader export --format csv --out neo4j-import/ && sh neo4j-import/import.sh`

func newExport() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "export [--format jsonl|graphml|csv] [--out DIR]",
		Short:   "Write the graph out: jsonl (import reads it back), graphml, csv (neo4j-admin)",
		Long:    exportLong,
		Example: exportExample,
		Args:    cobra.NoArgs,
	}
	db := dbFlag(cmd)
	format := cmd.Flags().String("format", transfer.JSONL, "what to write: "+strings.Join(transfer.Formats, ", "))
	out := cmd.Flags().String("out", "", "the folder to write into, created if missing (default: standard output; csv needs a folder)")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if !slices.Contains(transfer.Formats, *format) {
			return usageError("unknown --format %q: want %s", *format, strings.Join(transfer.Formats, ", "))
		}
		if *format == transfer.CSV && *out == "" {
			return usageError("csv writes several files: name a folder with --out")
		}
		ctx := cmd.Context()
		store, err := openStore(ctx, cmd, *db, false)
		if err != nil {
			return err
		}
		defer store.Close()
		rep, err := transfer.Export(ctx, store, transfer.ExportOptions{Format: *format, Out: *out}, cmd.OutOrStdout())
		if err != nil {
			return fail(exitFatal, "%v", err)
		}
		corrections := ""
		if rep.Corrections > 0 {
			corrections = ", " + plural(rep.Corrections, "correction")
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "exported %s: %d entities, %d relations, %d evidence quotes%s to %s\n",
			plural(rep.Articles, "article"), rep.Nodes, rep.Edges, rep.Evidence, corrections, strings.Join(rep.Files, ", "))
		return nil
	}
	return cmd
}
