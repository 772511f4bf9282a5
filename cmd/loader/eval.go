package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/eval"
	"github.com/alaqat/alaqat/loader/extract"
)

const evalHelp = `loader eval scores the extractor against annotated articles: a folder of
NAME.txt (the article) and NAME.json (what an analyst extracts from it, the
format of shared/eval/FORMAT.md). It prints one row per article (matched,
gold and predicted countries, persons, organizations, agreements and
meetings), then precision, recall and F1 per kind with (tp fn fp), and the
ENTITIES and RELATIONS totals: the figures and matching rules of
shared/eval/score.py, without running a command per article.

Example:
  loader eval --gold ../shared/eval/dev
  loader eval --gold ../shared/eval/dev --gold ../shared/eval/dev2   # both sets together
  loader eval --gold mine/ --gazetteer watchlist.yaml --json

Flags:
`

func runEval(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var golds []string
	fs.Func("gold", "folder of annotated articles, NAME.txt and NAME.json (required; repeat it to score several folders together)", func(dir string) error {
		golds = append(golds, dir)
		return nil
	})
	pred := fs.String("pred", "", "score the predictions in this folder (NAME.json) instead of running the extractor")
	asJSON := fs.Bool("json", false, "print a JSON summary as the last line, as score.py --json does")
	quiet := fs.Bool("q", false, "no per-article rows")
	gaz := fs.String("gazetteer", os.Getenv("ALAQAT_GAZETTEER"), backend.GazetteerUsage)
	if code, ok := parse(fs, args, evalHelp); !ok {
		return code
	}
	if len(golds) == 0 || slices.Contains(golds, "") || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "loader eval: want --gold DIR (one or more) and no other arguments")
		return exitUsage
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
			fmt.Fprintf(stderr, "loader eval: %v\n", err)
			return exitFatal
		}
		predict = func(path string) (eval.Doc, error) { return predictDoc(x, path) }
	}
	res, err := eval.EvaluateAll(golds, predict)
	if err != nil {
		fmt.Fprintf(stderr, "loader eval: %v\n", err)
		return exitFatal
	}
	if err := res.Write(stdout, stderr, *quiet, *asJSON); err != nil {
		fmt.Fprintf(stderr, "loader eval: %v\n", err)
		return exitFatal
	}
	if res.Failed() > 0 {
		return exitFailed
	}
	return exitOK
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
