package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

const deleteLong = `loader delete removes articles by id (article:…, as import and the API show
them) and every fact that no other article supports. Facts other articles
also state stay, with those articles' evidence. The store must exist.`

func newDelete() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "delete ID…",
		Short:   "Remove articles and every fact only they support",
		Long:    deleteLong,
		Example: "  loader delete --db alaqat.db article:e4dfb2f0b012",
	}
	db := dbFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usageError("no article ids given")
		}
		ctx := cmd.Context()
		store, err := openStore(ctx, cmd, *db, false)
		if err != nil {
			return err
		}
		defer store.Close()
		code := exitOK
		for _, id := range args {
			if err := store.DeleteArticle(ctx, id); err != nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "%s: %v\n", cmd.CommandPath(), err)
				code = exitFailed
				continue
			}
			fmt.Fprintf(cmd.OutOrStdout(), "deleted %s\n", id)
		}
		return status(code)
	}
	return cmd
}
