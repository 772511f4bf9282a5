package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Predictor returns the predicted document for the article at path (the
// gold folder's NAME.txt). An error counts the article as failed, scored
// as an empty prediction, as the scorer does when its command fails.
type Predictor func(path string) (Doc, error)

// Article is the score of one annotated article.
type Article struct {
	Name string // NAME of NAME.json and NAME.txt
	Row  Row
	Err  error // why the prediction failed, or nil
}

// Result is the score of a folder of annotated articles.
type Result struct {
	Articles []Article
	Totals   Totals
}

// Failed counts the articles whose prediction failed.
func (r *Result) Failed() int {
	n := 0
	for _, a := range r.Articles {
		if a.Err != nil {
			n++
		}
	}
	return n
}

// Entities is the sum of the countries, persons and organizations tallies;
// Relations that of agreements and meetings.
func (r *Result) Entities() Tally { return r.Totals.Sum("countries", "persons", "organizations") }

// Relations is the sum of the agreements and meetings tallies.
func (r *Result) Relations() Tally { return r.Totals.Sum("agreements", "meetings") }

// Evaluate scores predict against every NAME.json of the gold folder dir,
// in name order. A gold file that is not a JSON object is an error naming
// it (and the line, for bad JSON); nothing is scored then.
func Evaluate(dir string, predict Predictor) (*Result, error) {
	return EvaluateAll([]string{dir}, predict)
}

// EvaluateAll scores predict against the gold folders together, one after
// another: the totals are those of one folder holding them all. With
// several folders, an article's name is its folder's name, a dash and its
// own ("dev2-ar-01"), as the file names of two sets may be the same.
func EvaluateAll(dirs []string, predict Predictor) (*Result, error) {
	r := &Result{Totals: NewTotals()}
	for _, dir := range dirs {
		prefix := ""
		if len(dirs) > 1 {
			prefix = filepath.Base(filepath.Clean(dir)) + "-"
		}
		if err := r.evaluate(dir, prefix, predict); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// evaluate adds the scores of one gold folder to r.
func (r *Result) evaluate(dir, prefix string, predict Predictor) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".json"); ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	golds := make([]Doc, len(names))
	for i, n := range names {
		if golds[i], err = ReadDoc(filepath.Join(dir, n+".json")); err != nil {
			return err
		}
	}
	for i, n := range names {
		pred, err := predict(filepath.Join(dir, n+".txt"))
		if err != nil || pred == nil {
			if err == nil {
				err = errors.New("no prediction")
			}
			pred = Doc{}
		}
		r.Articles = append(r.Articles, Article{Name: prefix + n, Row: Score(golds[i], pred, r.Totals), Err: err})
	}
	return nil
}

// ReadDoc reads a document of the gold format from a JSON file.
func ReadDoc(path string) (Doc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := DecodeDoc(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

// DecodeDoc decodes a document of the gold format; a JSON array (one
// document per input) stands for its first document, as in the scorer.
func DecodeDoc(data []byte) (Doc, error) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := 1 + strings.Count(string(data[:min(int(se.Offset), len(data))]), "\n")
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		return nil, err
	}
	if l, ok := v.([]any); ok {
		if len(l) == 0 {
			return Doc{}, nil
		}
		v = l[0]
	}
	d, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("not a JSON object")
	}
	return d, nil
}

// Write prints the result as the scorer does: a row per article (unless
// quiet), then precision, recall and F1 per kind with (tp fn fp), the
// ENTITIES and RELATIONS totals and the article count; with asJSON, the
// scorer's JSON summary as the last line. Failures go to errw.
func (r *Result) Write(w, errw io.Writer, quiet, asJSON bool) error {
	for _, a := range r.Articles {
		if a.Err != nil {
			msg := strings.ReplaceAll(a.Err.Error(), "\n", " ")
			if rs := []rune(msg); len(rs) > 300 {
				msg = string(rs[:300])
			}
			fmt.Fprintf(errw, "%-12s FAILED %s\n", a.Name, msg)
		}
		if quiet {
			continue
		}
		cells := make([]string, len(rowKinds))
		for i, k := range rowKinds {
			c := a.Row[k]
			cells[i] = fmt.Sprintf("%s %d/%d/%d", k[:4], c[0], c[1], c[2])
		}
		fmt.Fprintf(w, "%-12s %s\n", a.Name, strings.Join(cells, "  "))
	}
	fmt.Fprintf(w, "\n%-16s %6s %6s %6s   (tp fn fp)\n", "kind", "P", "R", "F1")
	for _, k := range Kinds {
		t := r.Totals[k]
		p, rc, f := t.PRF()
		fmt.Fprintf(w, "%-16s %6.3f %6.3f %6.3f   (%d %d %d)\n", k, p, rc, f, t.TP, t.FN, t.FP)
	}
	for _, x := range []struct {
		name string
		t    Tally
	}{{"ENTITIES", r.Entities()}, {"RELATIONS", r.Relations()}} {
		p, rc, f := x.t.PRF()
		fmt.Fprintf(w, "%-16s %6.3f %6.3f %6.3f\n", x.name, p, rc, f)
	}
	fmt.Fprintf(w, "articles %d, failed %d\n", len(r.Articles), r.Failed())
	if asJSON {
		_, err := fmt.Fprintln(w, r.summaryJSON())
		return err
	}
	return nil
}

// summaryJSON is the scorer's json.dumps(summary, sort_keys=True): keys in
// order, ", " and ": " separators, figures rounded to 3 places and printed
// as Python prints floats.
func (r *Result) summaryJSON() string {
	prf := func(t Tally, counts bool) string {
		p, rc, f := t.PRF()
		if counts {
			return fmt.Sprintf(`{"f1": %s, "fn": %d, "fp": %d, "p": %s, "r": %s, "tp": %d}`, pyFloat3(f), t.FN, t.FP, pyFloat3(p), pyFloat3(rc), t.TP)
		}
		return fmt.Sprintf(`{"f1": %s, "p": %s, "r": %s}`, pyFloat3(f), pyFloat3(p), pyFloat3(rc))
	}
	fields := map[string]string{
		"entities":  prf(r.Entities(), false),
		"relations": prf(r.Relations(), false),
		"articles":  strconv.Itoa(len(r.Articles)),
		"failed":    strconv.Itoa(r.Failed()),
	}
	for _, k := range Kinds {
		fields[k] = prf(*r.Totals[k], true)
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = strconv.Quote(k) + ": " + fields[k]
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// pyFloat3 is Python's repr(round(x, 3)).
func pyFloat3(x float64) string {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 3, 64), 64)
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}
