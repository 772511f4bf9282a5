package main

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/eval"
	"github.com/alaqat/alaqat/loader/extract"
)

const evalLong = `loader eval scores the extractor against annotated articles: a folder of
NAME.txt (the article) and NAME.json (what an analyst extracts from it, in
the format of loader/eval/FORMAT.md, which also states how facts match). It
prints one row per article (matched, gold and predicted countries, persons,
organizations, agreements and meetings), then precision, recall and F1 per
kind with (tp fn fp), and the ENTITIES and RELATIONS totals.`

const evalExample = `  loader eval --gold loader/eval/testdata/examples
  loader eval --gold dev/ --gold dev2/        # several folders scored together
  loader eval --gold mine/ --gazetteer watchlist.yaml --json`

func newEval() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "eval --gold DIR",
		Short:   "Score the extractor against annotated articles",
		Long:    evalLong,
		Example: evalExample,
	}
	gold := cmd.Flags().StringArray("gold", nil, "folder of annotated articles, NAME.txt and NAME.json (required; repeat it to score several folders together)")
	pred := cmd.Flags().String("pred", "", "Score the predictions in this folder (NAME.json) instead of running the extractor")
	asJSON := cmd.Flags().Bool("json", false, "print a JSON summary as the last line, as score.py --json does")
	quiet := cmd.Flags().BoolP("quiet", "q", false, "no per-article rows")
	gaz := gazetteerFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(*gold) == 0 || slices.Contains(*gold, "") || len(args) > 0 {
			return usageError("want --gold DIR (one or more) and no other arguments")
		}
		var predict eval.Predictor
		if *pred != "" {
			predict = func(path string) (eval.Doc, error) {
				name := filepath.Base(path)
				return eval.ReadDoc(filepath.Join(*pred, name[:len(name)-len(filepath.Ext(name))]+".json"))
			}
		} else {
			x, err := backend.Extractor(*gaz)
			if err != nil {
				return fail(exitFatal, "%v", err)
			}
			predict = func(path string) (eval.Doc, error) { return predictDoc(x, path) }
		}
		res, err := eval.EvaluateAll(*gold, predict)
		if err != nil {
			return fail(exitFatal, "%v", err)
		}
		if err := res.Write(cmd.OutOrStdout(), cmd.ErrOrStderr(), *quiet, *asJSON); err != nil {
			return fail(exitFatal, "%v", err)
		}
		if res.Failed() > 0 {
			return status(exitFailed)
		}
		return nil
	}
	return cmd
}

// predictDoc is what "loader extract --json FILE" prints for the file, as
// the scorer reads it: the first article's report; an error where extract
// exits non-zero.
func predictDoc(x *extract.Extractor, path string) (eval.Doc, error) {
	arts, err := loader.ReadFile(path, nil)
	if err != nil {
		return nil, err
	}
	if len(arts) == 0 {
		return nil, errors.New(path + ": no article")
	}
	b, err := json.Marshal(extract.NewReport(loader.Extract(x, arts[0])))
	if err != nil {
		return nil, err
	}
	return eval.DecodeDoc(b)
}
