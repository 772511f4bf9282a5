package loader

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/alaqat/alaqat/graph"
)

// MaxCorrectionsFile bounds a corrections file.
const MaxCorrectionsFile = 8 << 20

// CorrectionEntry is one correction of a corrections file (see
// ReadCorrections), as an analyst writes it: entities by id, ISO code or
// exact name.
type CorrectionEntry struct {
	Op      string `yaml:"op" json:"op"`           // merge, alias, unalias, rename, reject
	Into    string `yaml:"into" json:"into"`       // merge: the entity kept
	From    string `yaml:"from" json:"from"`       // merge: the entity merged into it
	Entity  string `yaml:"entity" json:"entity"`   // alias, unalias, rename
	Name    string `yaml:"name" json:"name"`       // alias, unalias, rename
	Fact    string `yaml:"fact" json:"fact"`       // reject: an entity id or a relation key
	Article string `yaml:"article" json:"article"` // reject: only this article's claim
	Reason  string `yaml:"reason" json:"reason"`

	Line int `yaml:"-" json:"-"` // where it is in its file
}

// ReadCorrections reads a corrections file: a YAML (or JSON) list of
// entries, each with an op and its fields:
//
//	# corrections.yaml
//	- op: merge
//	  into: org:qatarenergy
//	  from: Qatar Petroleum
//	  reason: renamed in 2021
//	- op: alias
//	  entity: QA
//	  name: دولة قطر
//	- op: reject
//	  fact: PARTY_TO|country:DE|agreement:5365444a8a95
//	  reason: Germany did not sign it
//
// An error names the file and the line.
func ReadCorrections(path string) ([]CorrectionEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxCorrectionsFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > MaxCorrectionsFile {
		return nil, fmt.Errorf("%s: larger than the %d MB a corrections file may be", path, MaxCorrectionsFile>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", path, oneLine(yaml.FormatError(err, false, false)))
	}
	if len(file.Docs) != 1 || file.Docs[0].Body == nil {
		return nil, fmt.Errorf("%s: want one list of corrections", path)
	}
	list, ok := file.Docs[0].Body.(*ast.SequenceNode)
	if !ok {
		return nil, fmt.Errorf("%s:%d: want a list of corrections", path, file.Docs[0].Body.GetToken().Position.Line)
	}
	var out []CorrectionEntry
	for _, item := range list.Values {
		var e CorrectionEntry
		line := item.GetToken().Position.Line
		if err := yaml.NodeToValue(item, &e, yaml.DisallowUnknownField()); err != nil {
			return nil, fmt.Errorf("%s:%d: %s", path, line, oneLine(err.Error()))
		}
		e.Line = line
		out = append(out, e)
	}
	return out, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// CorrectionReport says what applying a corrections file did.
type CorrectionReport struct {
	Applied   []graph.Correction
	Unchanged int // entries already in force
	Failures  []Failure
}

// ApplyCorrections makes the corrections of a file (see ReadCorrections),
// in order, by author: each entry whose like is in force already is left
// alone, so that a team can keep its curation in a file under version
// control and apply it again after each change. A bad entry costs only
// itself; the report names it by file and line.
func ApplyCorrections(ctx context.Context, store graph.Store, path string, entries []CorrectionEntry, author string) (CorrectionReport, error) {
	var r CorrectionReport
	g := graph.New(store)
	resolve := func(ref string) (string, error) {
		n, err := g.Resolve(ctx, ref)
		if err != nil {
			return "", err
		}
		return n.ID, nil
	}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		origin := fmt.Sprintf("%s:%d", path, e.Line)
		c, err := e.correction(resolve)
		if c.Op == graph.OpMerge && c.Target != "" && c.Target == c.Source {
			r.Unchanged++ // one entity already (merged before, by this file or otherwise)
			continue
		}
		if err != nil {
			r.Failures = append(r.Failures, Failure{Origin: origin, Err: err})
			continue
		}
		inForce, err := store.Corrections(ctx, graph.CorrectionQuery{About: c.Target})
		if err != nil {
			return r, err
		}
		if slices.ContainsFunc(graph.Active(inForce), func(x graph.Correction) bool { return x.Same(c) }) {
			r.Unchanged++
			continue
		}
		c.Author, c.Reason = author, e.Reason
		done, err := store.Correct(ctx, c)
		if err != nil {
			r.Failures = append(r.Failures, Failure{Origin: origin, Err: err})
			continue
		}
		r.Applied = append(r.Applied, done)
	}
	return r, nil
}

// correction turns an entry into the correction it asks for, its entities
// resolved.
func (e CorrectionEntry) correction(resolve func(string) (string, error)) (graph.Correction, error) {
	c := graph.Correction{Op: graph.CorrectionOp(strings.ToLower(strings.TrimSpace(e.Op))), Name: strings.TrimSpace(e.Name),
		Article: strings.TrimSpace(e.Article)}
	var err error
	switch c.Op {
	case graph.OpMerge:
		if e.Into == "" || e.From == "" {
			return c, fmt.Errorf("a merge needs into and from")
		}
		if c.Target, err = resolve(e.Into); err != nil {
			return c, fmt.Errorf("into: %w", err)
		}
		if c.Source, err = resolve(e.From); err != nil {
			return c, fmt.Errorf("from: %w", err)
		}
	case graph.OpAlias, graph.OpUnalias, graph.OpRename:
		if e.Entity == "" {
			return c, fmt.Errorf("a %s needs an entity", c.Op)
		}
		if c.Target, err = resolve(e.Entity); err != nil {
			return c, fmt.Errorf("entity: %w", err)
		}
	case graph.OpReject:
		if c.Target = strings.TrimSpace(e.Fact); c.Target == "" {
			return c, fmt.Errorf("a reject needs a fact: an entity id or a relation key")
		}
	default:
		return c, fmt.Errorf("op %q: want merge, alias, unalias, rename or reject", e.Op)
	}
	return c, c.Validate()
}
