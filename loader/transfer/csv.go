package transfer

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/alaqat/alaqat/graph"
)

// The files of a CSV export, in the header format of neo4j-admin database
// import: entities and articles as nodes (id:ID, :LABEL, typed
// properties, arrays split at the array delimiter), relations and
// evidence as relationships (:START_ID, :END_ID, :TYPE). Labels,
// relationship types and property names are those of the Neo4j store, so
// the Cypher of the README runs on an imported graph as on Alaqat's own.
const (
	csvNodes         = "nodes.csv"
	csvArticles      = "articles.csv"
	csvRelationships = "relationships.csv"
	csvEvidence      = "evidence.csv"
	csvScript        = "import.sh"
)

var (
	nodesHeader = []string{"id:ID", ":LABEL", "name", "names:string[]", "nameLangs:string[]", "iso2", "iso3", "orgKind",
		"title", "agreementKind", "date", "dateSort:long", "topics:string[]", "evidence:int", "articles:int"}
	articlesHeader      = []string{"id:ID", ":LABEL", "url", "title", "source", "published", "lang", "text"}
	relationshipsHeader = []string{":START_ID", ":END_ID", ":TYPE", "title", "since", "evidence:int", "articles:int"}
	evidenceHeader      = []string{":START_ID", ":END_ID", ":TYPE", "fact", "quote", "start:int", "end:int"}
)

// labels are the Neo4j labels of the kinds of entity.
var labels = map[graph.Kind]string{
	graph.KindCountry: "Country", graph.KindPerson: "Person", graph.KindOrganization: "Organization",
	graph.KindAgreement: "Agreement", graph.KindMeeting: "Meeting", graph.KindPlace: "Place",
}

// arrayDelimiters are tried in turn: the first that no array value holds
// is the one the files use and import.sh names.
var arrayDelimiters = []string{";", "|", "\u001f"}

// csvFile is one CSV file being written in a staging folder.
type csvFile struct {
	name string
	f    *os.File
	bw   *bufio.Writer
	w    *csv.Writer
}

func (c *csvFile) write(rec []string) error { return c.w.Write(rec) }

func (c *csvFile) close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		c.f.Close()
		return err
	}
	if err := c.bw.Flush(); err != nil {
		c.f.Close()
		return err
	}
	return c.f.Close()
}

func exportCSV(ctx context.Context, store graph.Store, opts ExportOptions, rep *ExportReport) (err error) {
	stage, err := os.MkdirTemp(opts.Out, ".alaqat-csv-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	open := func(name string, header []string) (*csvFile, error) {
		f, err := os.Create(filepath.Join(stage, name))
		if err != nil {
			return nil, err
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		c := &csvFile{name: name, f: f, bw: bw, w: csv.NewWriter(bw)}
		return c, c.write(header)
	}
	var files []*csvFile
	defer func() {
		for _, c := range files {
			c.f.Close()
		}
	}()
	articles, err := open(csvArticles, articlesHeader)
	if err != nil {
		return err
	}
	evidence, err := open(csvEvidence, evidenceHeader)
	if err != nil {
		return err
	}
	files = append(files, articles, evidence)

	// The articles and their evidence as they come; the evidence of an edge
	// leaves its From node, as in the Neo4j store (a relationship cannot
	// carry relationships), with the edge's key in fact.
	sup, err := countSupport(ctx, store, opts.Batch, func(f *graph.Facts) error {
		rep.Articles++
		rep.Evidence += len(f.Evidence)
		a := f.Article
		if err := articles.write([]string{a.ID, "Article", a.URL, a.Title, a.Source, iso(a.Published), string(a.Lang), a.Text}); err != nil {
			return err
		}
		for _, ev := range f.Evidence {
			owner := ev.Fact
			if e, ok := graph.ParseEdgeKey(ev.Fact); ok {
				owner = e.From
			}
			if err := evidence.write([]string{owner, a.ID, "SUPPORTED_BY", ev.Fact, ev.Quote, strconv.Itoa(ev.Start), strconv.Itoa(ev.End)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	nodes, edges, err := mergedGraph(ctx, store)
	if err != nil {
		return err
	}
	rep.Nodes, rep.Edges = len(nodes), len(edges)
	delim := arrayDelimiter(nodes)

	nodeFile, err := open(csvNodes, nodesHeader)
	if err != nil {
		return err
	}
	relFile, err := open(csvRelationships, relationshipsHeader)
	if err != nil {
		return err
	}
	files = append(files, nodeFile, relFile)
	for _, n := range nodes {
		var texts, langs []string
		for _, x := range n.Names {
			texts, langs = append(texts, x.Text), append(langs, string(x.Lang))
		}
		date, dateSort := "", ""
		if n.Date != nil {
			date = n.Date.ISO()
			dateSort = strconv.Itoa(n.Date.Year*10000 + n.Date.Month*100 + n.Date.Day)
		}
		if err := nodeFile.write([]string{n.ID, labels[n.Kind], n.Name, strings.Join(texts, delim), strings.Join(langs, delim),
			n.ISO2, n.ISO3, string(n.OrgKind), n.Title, string(n.AgreementKind), date, dateSort, strings.Join(n.Topics, delim),
			strconv.Itoa(sup.evidence[n.ID]), strconv.Itoa(sup.articles[n.ID])}); err != nil {
			return err
		}
	}
	for _, e := range edges {
		if err := relFile.write([]string{e.From, e.To, e.Type, e.Title, iso(e.Since),
			strconv.Itoa(sup.evidence[e.Key()]), strconv.Itoa(sup.articles[e.Key()])}); err != nil {
			return err
		}
	}
	for _, c := range files {
		if err := c.close(); err != nil {
			return err
		}
	}
	files = nil
	if err := os.WriteFile(filepath.Join(stage, csvScript), []byte(importScript(delim)), 0o755); err != nil {
		return err
	}
	for _, name := range []string{csvNodes, csvArticles, csvRelationships, csvEvidence, csvScript} {
		if name != csvScript {
			if err := os.Chmod(filepath.Join(stage, name), 0o644); err != nil {
				return err
			}
		}
		if err := os.Rename(filepath.Join(stage, name), filepath.Join(opts.Out, name)); err != nil {
			return err
		}
		rep.Files = append(rep.Files, filepath.Join(opts.Out, name))
	}
	return nil
}

// arrayDelimiter picks a delimiter that no array value contains.
func arrayDelimiter(nodes []*graph.Node) string {
	for _, d := range arrayDelimiters {
		clash := false
		for _, n := range nodes {
			for _, x := range n.Names {
				clash = clash || strings.Contains(x.Text, d)
			}
			for _, t := range n.Topics {
				clash = clash || strings.Contains(t, d)
			}
		}
		if !clash {
			return d
		}
	}
	return arrayDelimiters[len(arrayDelimiters)-1]
}

// importScript is the neo4j-admin command that loads the files into a
// new database, written beside them.
func importScript(delim string) string {
	d := delim
	if d == "\u001f" {
		d = "U+001F"
	}
	return fmt.Sprintf(`#!/bin/sh
# Loads this folder into a new, empty Neo4j 5 database with neo4j-admin,
# the server stopped (or the database not created yet):
#   sh import.sh                 # into the database "neo4j"
#   sh import.sh alaqat          # then, in Neo4j: CREATE DATABASE alaqat
#   sh import.sh neo4j --overwrite-destination=true   # replacing what it holds
# NEO4J_ADMIN is the neo4j-admin command to run (default: the one on PATH;
# its words split at spaces, e.g. "bash .ci/neo4j/neo4j.sh admin DIR").
set -e
cd "$(dirname "$0")"
db="${1:-neo4j}"
[ $# -gt 0 ] && shift
exec ${NEO4J_ADMIN:-neo4j-admin} database import full \
  --nodes=%s --nodes=%s \
  --relationships=%s --relationships=%s \
  --array-delimiter='%s' --multiline-fields=true "$@" "$db"
`, csvNodes, csvArticles, csvRelationships, csvEvidence, d)
}
