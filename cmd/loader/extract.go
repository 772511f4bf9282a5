package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/article"
	"github.com/alaqat/alaqat/loader/extract"
	"github.com/alaqat/alaqat/loader/fetch"
)

const extractLong = `loader extract prints what one article yields: countries, persons and their
offices, organizations, agreements and meetings, each with its evidence. It
stores nothing. A file holding several articles (a feed, JSON Lines) prints
one report per article. A URL is fetched as "loader import" fetches it.`

func newExtract() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "extract FILE|URL",
		Short:   "Print what one article yields, storing nothing",
		Long:    extractLong,
		Example: "  loader extract --json seeds/000_cdc891ae099bd5bd.txt",
	}
	asJSON := cmd.Flags().Bool("json", false, "print JSON in the evaluation format (loader/eval/FORMAT.md), with ids and evidence")
	gaz := gazetteerFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usageError("want exactly one FILE or URL (or - for standard input)")
		}
		stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
		var arts []article.Article
		var err error
		if loader.IsURL(args[0]) {
			arts, err = (&fetch.Client{}).Articles(cmd.Context(), args[0])
		} else {
			arts, err = loader.ReadFile(args[0], cmd.InOrStdin())
		}
		if err != nil && len(arts) == 0 {
			return fail(exitFailed, "%v", err)
		}
		x, xerr := backend.Extractor(*gaz)
		if xerr != nil {
			return fail(exitFatal, "%v", xerr)
		}
		var reports []*extract.Report
		for _, a := range arts {
			reports = append(reports, extract.NewReport(loader.Extract(x, a)))
		}
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			var v any = reports
			if len(reports) == 1 {
				v = reports[0]
			}
			if err := enc.Encode(v); err != nil {
				return fail(exitFatal, "%v", err)
			}
		} else {
			for _, r := range reports {
				printReport(stdout, r)
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", cmd.CommandPath(), err)
			return status(exitFailed)
		}
		return nil
	}
	return cmd
}

// printReport writes a report for people: one line per fact.
func printReport(w io.Writer, r *extract.Report) {
	fmt.Fprintf(w, "%s  %s\n", r.ID, r.Title)
	for _, c := range r.Countries {
		fmt.Fprintf(w, "  country      %s  %v\n", c.ISO2, c.Names)
	}
	for _, p := range r.Persons {
		fmt.Fprintf(w, "  person       %s  %s, %s\n", p.Names[0], str(p.Role), str(p.Country))
	}
	for _, o := range r.Organizations {
		fmt.Fprintf(w, "  organization %s  %s, %s\n", o.Names[0], o.Kind, str(o.Country))
	}
	for _, a := range r.Agreements {
		year := ""
		if a.Year != nil {
			year = fmt.Sprint(*a.Year)
		}
		fmt.Fprintf(w, "  agreement    %s  %v %s\n", a.Summary, a.Parties, year)
	}
	for _, m := range r.Meetings {
		fmt.Fprintf(w, "  meeting      %v  in %s\n", m.Participants, str(m.Place))
	}
}

func str(s *string) string {
	if s == nil {
		return "—"
	}
	return *s
}
