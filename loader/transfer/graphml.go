package transfer

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/alaqat/alaqat/graph"
)

// graphmlKey is one attribute GraphML declares before the graph, as its
// schema requires: every <data> names a declared key of its element's kind.
type graphmlKey struct {
	id, domain, name, typ string
}

// The attributes of nodes and edges. "label" is the name Gephi shows;
// yEd maps any of them to labels (Edit › Properties Mapper).
var graphmlKeys = []graphmlKey{
	{"label", "node", "label", "string"},
	{"kind", "node", "kind", "string"},
	{"name_en", "node", "name_en", "string"},
	{"name_ar", "node", "name_ar", "string"},
	{"iso2", "node", "iso2", "string"},
	{"iso3", "node", "iso3", "string"},
	{"org_kind", "node", "orgKind", "string"},
	{"title", "node", "title", "string"},
	{"agreement_kind", "node", "agreementKind", "string"},
	{"date", "node", "date", "string"},
	{"year", "node", "year", "int"},
	{"topics", "node", "topics", "string"},
	{"evidence", "node", "evidence", "int"},
	{"articles", "node", "articles", "int"},
	{"e_label", "edge", "label", "string"},
	{"type", "edge", "type", "string"},
	{"e_title", "edge", "title", "string"},
	{"since", "edge", "since", "string"},
	{"e_evidence", "edge", "evidence", "int"},
	{"e_articles", "edge", "articles", "int"},
}

// exportGraphML writes the merged graph: every entity a node, every
// relation a directed edge, with names in both languages, dates and how
// much evidence supports each.
func exportGraphML(ctx context.Context, store graph.Store, opts ExportOptions, w io.Writer, rep *ExportReport) error {
	sup, err := countSupport(ctx, store, opts.Batch, func(*graph.Facts) error { rep.Articles++; return nil })
	if err != nil {
		return err
	}
	nodes, edges, err := mergedGraph(ctx, store)
	if err != nil {
		return err
	}
	rep.Nodes, rep.Edges = len(nodes), len(edges)
	for _, n := range sup.evidence {
		rep.Evidence += n
	}

	x := &xmlWriter{w: w}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.raw(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range graphmlKeys {
		x.raw(fmt.Sprintf(`  <key id="%s" for="%s" attr.name="%s" attr.type="%s"/>`+"\n", k.id, k.domain, k.name, k.typ))
	}
	x.raw(`  <graph id="alaqat" edgedefault="directed">` + "\n")
	for _, n := range nodes {
		x.raw(`    <node id="`)
		x.text(n.ID)
		x.raw(`">`)
		x.data("label", n.NameIn(graph.English))
		x.data("kind", string(n.Kind))
		x.data("name_en", strings.Join(namesIn(n, graph.English), "; "))
		x.data("name_ar", strings.Join(namesIn(n, graph.Arabic), "; "))
		x.data("iso2", n.ISO2)
		x.data("iso3", n.ISO3)
		x.data("org_kind", string(n.OrgKind))
		x.data("title", n.Title)
		x.data("agreement_kind", string(n.AgreementKind))
		if n.Date != nil {
			x.data("date", n.Date.ISO())
			x.data("year", strconv.Itoa(n.Date.Year))
		}
		x.data("topics", strings.Join(n.Topics, "; "))
		x.data("evidence", strconv.Itoa(sup.evidence[n.ID]))
		x.data("articles", strconv.Itoa(sup.articles[n.ID]))
		x.raw("</node>\n")
	}
	for i, e := range edges {
		x.raw(fmt.Sprintf(`    <edge id="e%d" source="`, i+1))
		x.text(e.From)
		x.raw(`" target="`)
		x.text(e.To)
		x.raw(`">`)
		label := e.Type
		if e.Title != "" {
			label = e.Title
		}
		x.data("e_label", label)
		x.data("type", e.Type)
		x.data("e_title", e.Title)
		if e.Since != nil {
			x.data("since", e.Since.ISO())
		}
		x.data("e_evidence", strconv.Itoa(sup.evidence[e.Key()]))
		x.data("e_articles", strconv.Itoa(sup.articles[e.Key()]))
		x.raw("</edge>\n")
	}
	x.raw("  </graph>\n</graphml>\n")
	return x.err
}

// xmlWriter writes XML, keeping the first error.
type xmlWriter struct {
	w   io.Writer
	err error
}

func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = io.WriteString(x.w, s)
	}
}

// text writes s escaped for text or an attribute value. Characters XML 1.0
// cannot carry at all (most control characters) become U+FFFD.
func (x *xmlWriter) text(s string) {
	if x.err == nil {
		x.err = xml.EscapeText(x.w, []byte(s))
	}
}

// data writes a <data> element, left out when its value is empty.
func (x *xmlWriter) data(key, value string) {
	if value == "" {
		return
	}
	x.raw(`<data key="` + key + `">`)
	x.text(value)
	x.raw(`</data>`)
}
