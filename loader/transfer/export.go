package transfer

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/alaqat/alaqat/graph"
)

// Export formats.
const (
	JSONL   = "jsonl"   // one Record per article: `loader import` reads it back
	GraphML = "graphml" // the merged graph, for Gephi, yEd, Cytoscape
	CSV     = "csv"     // the merged graph and the articles, for neo4j-admin database import
)

// Formats lists the export formats.
var Formats = []string{JSONL, GraphML, CSV}

// ExportOptions say what to export where.
type ExportOptions struct {
	Format string // JSONL, GraphML or CSV
	// Out is the folder to write into, created if missing; "" writes
	// JSONL and GraphML to stdout (CSV, several files, needs a folder).
	Out string
	// Batch is how many articles are read at a time (500 when 0).
	Batch int
}

// ExportReport says what an export wrote.
type ExportReport struct {
	Articles, Nodes, Edges, Evidence int
	Corrections                      int      // analysts' corrections in force (JSON Lines)
	Files                            []string // the files written, "-" for stdout
}

// Export writes the store's graph in the format asked, to files in
// opts.Out (each written whole or not at all: a half-written file is never
// left under its name) or to stdout.
func Export(ctx context.Context, store graph.Store, opts ExportOptions, stdout io.Writer) (ExportReport, error) {
	if opts.Batch <= 0 {
		opts.Batch = 500
	}
	var rep ExportReport
	switch opts.Format {
	case JSONL, GraphML:
		write := exportJSONL
		name := "alaqat.jsonl"
		if opts.Format == GraphML {
			write, name = exportGraphML, "alaqat.graphml"
		}
		if opts.Out == "" {
			bw := bufio.NewWriterSize(stdout, 1<<20)
			if err := write(ctx, store, opts, bw, &rep); err != nil {
				return rep, err
			}
			rep.Files = []string{"-"}
			return rep, bw.Flush()
		}
		if err := os.MkdirAll(opts.Out, 0o755); err != nil {
			return rep, err
		}
		path := filepath.Join(opts.Out, name)
		err := writeFile(path, func(w io.Writer) error { return write(ctx, store, opts, w, &rep) })
		if err == nil {
			rep.Files = []string{path}
		}
		return rep, err
	case CSV:
		if opts.Out == "" {
			return rep, graph.Errorf(graph.EINVALID, "csv writes several files: name a folder with --out")
		}
		if err := os.MkdirAll(opts.Out, 0o755); err != nil {
			return rep, err
		}
		return rep, exportCSV(ctx, store, opts, &rep)
	}
	return rep, graph.Errorf(graph.EINVALID, "unknown format %q (want one of %v)", opts.Format, Formats)
}

// writeFile writes a file through a temporary one beside it, renamed into
// place once written whole.
func writeFile(path string, fn func(w io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = fn(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// EachArticle calls fn with the facts of every article of the store, in
// order of id, reading batch articles at a time.
func EachArticle(ctx context.Context, store graph.Store, batch int, fn func(*graph.Facts) error) error {
	after := ""
	for {
		arts, err := store.ListArticles(ctx, after, batch)
		if err != nil {
			return err
		}
		if len(arts) == 0 {
			return nil
		}
		ids := make([]string, len(arts))
		for i, a := range arts {
			ids[i] = a.ID
		}
		facts, err := store.ArticleFacts(ctx, ids)
		if err != nil {
			return err
		}
		for _, f := range facts {
			if err := fn(f); err != nil {
				return err
			}
		}
		after = ids[len(ids)-1]
		if len(arts) < batch {
			return nil
		}
	}
}

func exportJSONL(ctx context.Context, store graph.Store, opts ExportOptions, w io.Writer, rep *ExportReport) error {
	err := EachArticle(ctx, store, opts.Batch, func(f *graph.Facts) error {
		rep.Articles++
		rep.Nodes += len(f.Nodes)
		rep.Edges += len(f.Edges)
		rep.Evidence += len(f.Evidence)
		return WriteRecord(w, f)
	})
	if err != nil {
		return err
	}
	// The analysts' corrections in force follow the articles they touch.
	rep.Corrections, err = writeCorrections(ctx, store, w)
	return err
}

// support counts, for each fact (node id or edge key), its evidence and
// the articles that give it.
type support struct {
	evidence map[string]int
	articles map[string]int
}

// countSupport reads every article's facts once and counts their support.
func countSupport(ctx context.Context, store graph.Store, batch int, each func(*graph.Facts) error) (support, error) {
	s := support{evidence: map[string]int{}, articles: map[string]int{}}
	err := EachArticle(ctx, store, batch, func(f *graph.Facts) error {
		for _, n := range f.Nodes {
			s.articles[n.ID]++
		}
		for _, e := range f.Edges {
			s.articles[e.Key()]++
		}
		for _, ev := range f.Evidence {
			s.evidence[ev.Fact]++
		}
		if each != nil {
			return each(f)
		}
		return nil
	})
	return s, err
}

// mergedGraph reads every node and edge of the store, nodes ordered by id.
func mergedGraph(ctx context.Context, store graph.Store) ([]*graph.Node, []graph.Edge, error) {
	nodes, err := store.FindNodes(ctx, graph.NodeQuery{})
	if err != nil {
		return nil, nil, err
	}
	slices.SortFunc(nodes, func(a, b *graph.Node) int { return strings.Compare(a.ID, b.ID) })
	edges, err := store.Edges(ctx, graph.EdgeQuery{})
	if err != nil {
		return nil, nil, err
	}
	return nodes, edges, nil
}

// namesIn returns a node's names in one language, joined for a cell.
func namesIn(n *graph.Node, lang graph.Lang) []string {
	var out []string
	for _, x := range n.Names {
		if x.Lang == lang {
			out = append(out, x.Text)
		}
	}
	return out
}
