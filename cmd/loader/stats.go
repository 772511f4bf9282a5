package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/alaqat/alaqat/graph"
)

const statsLong = `loader stats counts what the store holds: articles, entities of each kind,
relations and evidence quotes. The store must exist: a SQLite file that
does not is an error, not an empty store.`

func newStats() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "stats",
		Short:   "Count what the store holds",
		Long:    statsLong,
		Example: "  loader stats --db neo4j://localhost:7687",
		Args:    cobra.NoArgs,
	}
	db := dbFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx := cmd.Context()
		store, err := openStore(ctx, cmd, *db, false)
		if err != nil {
			return err
		}
		defer store.Close()
		c, err := store.Counts(ctx)
		if err != nil {
			return fail(exitFatal, "%v", err)
		}
		w := cmd.OutOrStdout()
		fmt.Fprintf(w, "articles       %d\n", c.Articles)
		for _, k := range graph.Kinds {
			fmt.Fprintf(w, "%-14s %d\n", k, c.Nodes[k])
		}
		fmt.Fprintf(w, "relations      %d\nevidence       %d\n", c.Edges, c.Evidence)
		return nil
	}
	return cmd
}
