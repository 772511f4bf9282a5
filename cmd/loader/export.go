package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/loader/transfer"
)

const exportHelp = `loader export writes the store's graph out:

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
not at all. A summary goes to standard error.

Example:
  loader export --db alaqat.db > alaqat.jsonl
  loader import --db neo4j://localhost:7687 alaqat.jsonl
  loader export --format graphml --out exports/
  loader export --format csv --out neo4j-import/ && sh neo4j-import/import.sh

Flags:
`

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", backend.DefaultDB(), backend.Usage)
	format := fs.String("format", transfer.JSONL, "what to write: "+strings.Join(transfer.Formats, ", "))
	out := fs.String("out", "", "the folder to write into, created if missing (default: standard output; csv needs a folder)")
	if code, ok := parse(fs, args, exportHelp); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "loader export: unexpected arguments %q (the store is named with --db)\n", fs.Args())
		return exitUsage
	}
	if *format != transfer.JSONL && *format != transfer.GraphML && *format != transfer.CSV {
		fmt.Fprintf(stderr, "loader export: unknown --format %q: want %s\n", *format, strings.Join(transfer.Formats, ", "))
		return exitUsage
	}
	if *format == transfer.CSV && *out == "" {
		fmt.Fprintln(stderr, "loader export: csv writes several files: name a folder with --out")
		return exitUsage
	}
	if backend.IsEmbedded(*db) {
		if _, err := os.Stat(strings.TrimPrefix(*db, "file:")); err != nil {
			fmt.Fprintf(stderr, "loader export: --db %s: no such SQLite file\n", *db)
			return exitFatal
		}
	}
	store, err := backend.Open(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "loader export: %v\n", err)
		return exitFatal
	}
	defer store.Close()
	rep, err := transfer.Export(ctx, store, transfer.ExportOptions{Format: *format, Out: *out}, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "loader export: %v\n", err)
		return exitFatal
	}
	fmt.Fprintf(stderr, "exported %s: %d entities, %d relations, %d evidence quotes to %s\n",
		plural(rep.Articles, "article"), rep.Nodes, rep.Edges, rep.Evidence, strings.Join(rep.Files, ", "))
	return exitOK
}
