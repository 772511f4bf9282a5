package graph

import (
	"encoding/json"
	"fmt"
)

// Claim is what one article says about one entity, as a store keeps it:
// the node as the article gave it (Node.ID its raw id), and the entity it
// was resolved to.
type Claim struct {
	Entity string // the entity the claim is of
	Node   Node   // the node as the article gave it, ID being its raw id
}

// JSON is the claim as both stores keep it: the node as the article gave
// it, under the entity's id, in JSON, its empty fields left out (a
// country's claim, on nearly every article, is half as long).
func (c Claim) JSON() (string, error) {
	n := c.Node
	n.ID = c.Entity
	data, err := json.Marshal(storedNode(n))
	return string(data), err
}

// storedNode is a Node as a claim keeps it: its fields, in its order,
// those that are empty left out. A Node decodes from it as from itself.
type storedNode struct {
	ID            string
	Kind          Kind
	Name          string        `json:",omitempty"`
	Names         []Name        `json:",omitempty"`
	ISO2, ISO3    string        `json:",omitempty"`
	OrgKind       OrgKind       `json:",omitempty"`
	Title         string        `json:",omitempty"`
	AgreementKind AgreementKind `json:",omitempty"`
	Date          *PartialDate  `json:",omitempty"`
	Topics        []string      `json:",omitempty"`
}

// Materialized is what one article adds to the graph once its facts are
// resolved: claims of entities, edges between entities and their
// evidence. Stores write it in place of the article's former share.
type Materialized struct {
	Article  Article
	Claims   []Claim
	Edges    []Edge
	Evidence []Evidence
}

// Materialize resolves an article's facts: entity gives the entity of
// each of its raw node ids (the raw id when it says ""), and the active
// corrections withdraw the facts analysts rejected (see OpReject) and
// redirect merged entities (OpMerge). Edges that come to join an entity to
// itself are dropped, as are edges and evidence of dropped facts; edges
// and evidence that come to coincide are kept once, an edge with the
// earliest Since.
func Materialize(f *Facts, entity func(raw string) string, active []Correction) *Materialized {
	into := MergeTargets(active)
	rejected := map[string]bool{}
	for _, c := range active {
		if c.Op == OpReject && (c.Article == "" || c.Article == f.Article.ID) {
			rejected[c.Target] = true
		}
	}
	ids := make(map[string]string, len(f.Nodes))
	m := &Materialized{Article: f.Article}
	for _, n := range f.Nodes {
		id := n.ID
		if e := entity(n.ID); e != "" {
			id = e
		}
		id = Redirect(into, id)
		if rejected[id] {
			continue
		}
		ids[n.ID] = id
		m.Claims = append(m.Claims, Claim{Entity: id, Node: n})
	}
	keys := make(map[string]string, len(f.Edges)) // raw key → resolved key
	at := map[string]int{}                        // resolved key → index in m.Edges
	for _, e := range f.Edges {
		from, okFrom := ids[e.From]
		to, okTo := ids[e.To]
		if !okFrom || !okTo || from == to {
			continue
		}
		r := Edge{From: from, Type: e.Type, To: to, Title: e.Title, Since: e.Since}
		key := r.Key()
		if rejected[key] {
			continue
		}
		keys[e.Key()] = key
		if i, ok := at[key]; ok {
			if r.Since != nil && (m.Edges[i].Since == nil || ComparePartialDates(r.Since, m.Edges[i].Since) < 0) {
				m.Edges[i].Since = r.Since
			}
			continue
		}
		at[key] = len(m.Edges)
		m.Edges = append(m.Edges, r)
	}
	seen := map[string]bool{}
	for _, ev := range f.Evidence {
		fact, ok := keys[ev.Fact]
		if !ok {
			fact, ok = ids[ev.Fact]
		}
		if !ok {
			continue
		}
		k := fmt.Sprint(fact, "\x00", ev.Start, "\x00", ev.End)
		if seen[k] {
			continue
		}
		seen[k] = true
		ev.Fact = fact
		m.Evidence = append(m.Evidence, ev)
	}
	return m
}
