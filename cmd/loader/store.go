package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/graph"
)

// dbFlag adds --db to a command that uses the store.
func dbFlag(cmd *cobra.Command) *string {
	return cmd.Flags().String("db", backend.DefaultDB(), backend.Usage)
}

// gazetteerFlag adds --gazetteer to a command that extracts.
func gazetteerFlag(cmd *cobra.Command) *string {
	return cmd.Flags().String("gazetteer", os.Getenv("ALAQAT_GAZETTEER"), backend.GazetteerUsage)
}

// openStore opens the store --db names. A SQLite file that does not exist
// is created only when create is set (import, watch), which say so on
// stderr; for the other commands it is an error, so that a mistyped --db
// is not answered with the zeros of a new, empty store.
func openStore(ctx context.Context, cmd *cobra.Command, url string, create bool) (graph.Store, error) {
	if !create {
		s, err := backend.OpenExisting(ctx, url)
		if errors.Is(err, backend.ErrNoStore) {
			return nil, fail(exitFatal, "%v (loader import creates one; check --db and $ALAQAT_DB)", err)
		}
		if err != nil {
			return nil, fail(exitFatal, "%v", err)
		}
		return s, nil
	}
	if backend.IsEmbedded(url) && !backend.Exists(url) {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: creating a new store %s\n", cmd.CommandPath(), backend.Path(url))
	}
	s, err := backend.Open(ctx, url)
	if err != nil {
		return nil, fail(exitFatal, "%v", err)
	}
	return s, nil
}
