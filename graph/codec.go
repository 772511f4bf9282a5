package graph

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// EncodeFacts writes an article's facts compactly, as stores keep them
// beside the article: empty fields left out, evidence as its offsets (the
// quote is cut again from the text), the text itself left to the store.
func EncodeFacts(f *Facts) ([]byte, error) {
	c := compactFacts{Article: compactArticle{ID: f.Article.ID, URL: f.Article.URL, Title: f.Article.Title,
		Source: f.Article.Source, Published: isoOf(f.Article.Published), Lang: f.Article.Lang}}
	for _, n := range f.Nodes {
		cn := compactNode{ID: n.ID, Name: n.Name, ISO2: n.ISO2, ISO3: n.ISO3, OrgKind: n.OrgKind, Title: n.Title,
			AgreementKind: n.AgreementKind, Date: isoOf(n.Date), Topics: n.Topics}
		for _, x := range n.Names {
			cn.Names = append(cn.Names, [2]string{x.Text, string(x.Lang)})
		}
		c.Nodes = append(c.Nodes, cn)
	}
	for _, e := range f.Edges {
		c.Edges = append(c.Edges, compactEdge{From: e.From, Type: e.Type, To: e.To, Title: e.Title, Since: isoOf(e.Since)})
	}
	for _, ev := range f.Evidence {
		c.Evidence = append(c.Evidence, compactEvidence{ev.Fact, ev.Start, ev.End})
	}
	return json.Marshal(c)
}

// DecodeFacts reads facts EncodeFacts wrote, with the article's text,
// which gives back the text and the evidence's quotes.
func DecodeFacts(b []byte, text string) (*Facts, error) {
	var c compactFacts
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, err
	}
	a := c.Article
	f := &Facts{Article: Article{ID: a.ID, URL: a.URL, Title: a.Title, Source: a.Source, Lang: a.Lang, Text: text}}
	var err error
	if f.Article.Published, err = dateOf(a.Published); err != nil {
		return nil, err
	}
	for _, cn := range c.Nodes {
		n := Node{ID: cn.ID, Kind: KindOf(cn.ID), Name: cn.Name, ISO2: cn.ISO2, ISO3: cn.ISO3, OrgKind: cn.OrgKind,
			Title: cn.Title, AgreementKind: cn.AgreementKind, Topics: cn.Topics}
		for _, x := range cn.Names {
			n.Names = append(n.Names, Name{Text: x[0], Lang: Lang(x[1])})
		}
		if n.Date, err = dateOf(cn.Date); err != nil {
			return nil, err
		}
		f.Nodes = append(f.Nodes, n)
	}
	for _, ce := range c.Edges {
		e := Edge{From: ce.From, Type: ce.Type, To: ce.To, Title: ce.Title}
		if e.Since, err = dateOf(ce.Since); err != nil {
			return nil, err
		}
		f.Edges = append(f.Edges, e)
	}
	if len(c.Evidence) > 0 {
		// Rune offsets to byte offsets, once for the whole text.
		at := make([]int, 0, utf8.RuneCountInString(text)+1)
		for i := range text {
			at = append(at, i)
		}
		at = append(at, len(text))
		for _, ce := range c.Evidence {
			if ce.Start < 0 || ce.End < ce.Start || ce.End >= len(at) {
				return nil, fmt.Errorf("evidence for %s: offsets %d–%d outside the text", ce.Fact, ce.Start, ce.End)
			}
			f.Evidence = append(f.Evidence, Evidence{Fact: ce.Fact, ArticleID: a.ID, Quote: text[at[ce.Start]:at[ce.End]],
				Start: ce.Start, End: ce.End})
		}
	}
	return f, nil
}

type compactFacts struct {
	Article  compactArticle    `json:"a"`
	Nodes    []compactNode     `json:"n,omitempty"`
	Edges    []compactEdge     `json:"e,omitempty"`
	Evidence []compactEvidence `json:"v,omitempty"`
}

type compactArticle struct {
	ID        string `json:"i"`
	URL       string `json:"u,omitempty"`
	Title     string `json:"t,omitempty"`
	Source    string `json:"s,omitempty"`
	Published string `json:"p,omitempty"`
	Lang      Lang   `json:"l,omitempty"`
}

type compactNode struct {
	ID            string        `json:"i"`
	Name          string        `json:"n,omitempty"`
	Names         [][2]string   `json:"N,omitempty"`
	ISO2          string        `json:"2,omitempty"`
	ISO3          string        `json:"3,omitempty"`
	OrgKind       OrgKind       `json:"o,omitempty"`
	Title         string        `json:"t,omitempty"`
	AgreementKind AgreementKind `json:"a,omitempty"`
	Date          string        `json:"d,omitempty"`
	Topics        []string      `json:"p,omitempty"`
}

type compactEdge struct {
	From  string `json:"f"`
	Type  string `json:"y"`
	To    string `json:"t"`
	Title string `json:"l,omitempty"`
	Since string `json:"s,omitempty"`
}

// compactEvidence is [fact, start, end].
type compactEvidence struct {
	Fact       string
	Start, End int
}

func (e compactEvidence) MarshalJSON() ([]byte, error) {
	return json.Marshal([3]any{e.Fact, e.Start, e.End})
}

func (e *compactEvidence) UnmarshalJSON(b []byte) error {
	var raw [3]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if err := json.Unmarshal(raw[0], &e.Fact); err != nil {
		return err
	}
	if err := json.Unmarshal(raw[1], &e.Start); err != nil {
		return err
	}
	return json.Unmarshal(raw[2], &e.End)
}

func isoOf(d *PartialDate) string {
	if d == nil {
		return ""
	}
	return d.ISO()
}

func dateOf(s string) (*PartialDate, error) {
	if s == "" {
		return nil, nil
	}
	return ParsePartialDate(s)
}
