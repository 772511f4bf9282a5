package main

import (
	"cmp"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/alaqat/alaqat/loader"
)

const correctLong = `loader correct applies a file of analysts' corrections to the store: merges of
two entities, names added, taken away or made preferred, facts rejected. The
store keeps them apart from the articles' facts, so importing or extracting
the articles again leaves them in force; a correction already in force is
left alone, so a team keeps its curation in a file under version control and
applies it again after each change. The file is a YAML (or JSON) list:

  - op: merge            # from becomes part of into (entities of one kind)
    into: org:qatarenergy
    from: Qatar Petroleum
    reason: renamed in 2021
  - op: alias            # alias, unalias (take a name away), rename (preferred)
    entity: QA
    name: دولة قطر
  - op: reject           # a fact: an entity id, or a relation's key as the API
    fact: PARTY_TO|country:DE|agreement:5365444a8a95   # gives it (Relation.key);
    article: article:e4dfb2f0b012                      # with article, only its claim
    reason: Germany did not sign it

Entities are named by id, ISO code or exact name. Corrections are recorded
under --author (default $ALAQAT_AUTHOR, else the user's name). Undo one with
the API's undoCorrection; the store must exist.`

func newCorrect() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "correct FILE…",
		Short:   "Apply a file of analysts' corrections (merges, names, rejected facts)",
		Long:    correctLong,
		Example: "  loader correct --db alaqat.db curation.yaml --author 'Layla Haddad'",
	}
	db := dbFlag(cmd)
	author := cmd.Flags().String("author", cmp.Or(os.Getenv("ALAQAT_AUTHOR"), os.Getenv("USER"), "analyst"), "the name the corrections are recorded under")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usageError("no corrections file given")
		}
		ctx := cmd.Context()
		store, err := openStore(ctx, cmd, *db, false)
		if err != nil {
			return err
		}
		defer store.Close()
		code := exitOK
		for _, path := range args {
			entries, err := loader.ReadCorrections(path)
			if err != nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "%s: %v\n", cmd.CommandPath(), err)
				code = exitFailed
				continue
			}
			rep, err := loader.ApplyCorrections(ctx, store, path, entries, *author)
			for _, c := range rep.Applied {
				fmt.Fprintf(cmd.OutOrStdout(), "%s %s %s%s\n", c.ID, c.Op, c.Target, sourceOf(c.Source))
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d applied, %d already in force, %d failed\n", path, len(rep.Applied), rep.Unchanged, len(rep.Failures))
			for _, f := range rep.Failures {
				fmt.Fprintf(cmd.ErrOrStderr(), "%s: %v\n", cmd.CommandPath(), f)
			}
			if err != nil {
				return fail(exitFatal, "%s: %v", path, err)
			}
			if len(rep.Failures) > 0 {
				code = exitFailed
			}
		}
		return status(code)
	}
	return cmd
}

func sourceOf(s string) string {
	if s == "" {
		return ""
	}
	return " ← " + s
}
