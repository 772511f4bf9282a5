package graph

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"unicode"
)

// Name is one spelling of a node's name.
type Name struct {
	Text string
	Lang Lang
}

// LangOf guesses the language of a name from its script: Arabic letters make
// it Arabic, anything else English.
func LangOf(s string) Lang {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return Arabic
		}
	}
	return English
}

// Node is one entity of the graph: a country, person, organization,
// agreement, meeting or place. Fields that do not apply to its Kind are zero.
// Relations to other nodes (an organization's country, an agreement's
// parties, a meeting's place) are Edges, not fields.
type Node struct {
	ID    string
	Kind  Kind
	Name  string // preferred name: the English one where known
	Names []Name // every spelling seen, Arabic and English

	ISO2, ISO3 string // countries

	OrgKind OrgKind // organizations

	Title         string        // agreements and meetings: a readable one-line title
	AgreementKind AgreementKind // agreements
	Date          *PartialDate  // agreements (signed) and meetings (held)
	Topics        []string      // agreements and meetings
}

// NameIn returns the node's preferred name in lang, or its preferred name.
func (n *Node) NameIn(lang Lang) string {
	if lang == "" || LangOf(n.Name) == lang {
		return n.Name
	}
	for _, x := range n.Names {
		if x.Lang == lang {
			return x.Text
		}
	}
	return n.Name
}

// AddName adds a spelling unless it is already there (compared as written).
func (n *Node) AddName(text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	for _, x := range n.Names {
		if x.Text == text {
			return
		}
	}
	n.Names = append(n.Names, Name{Text: text, Lang: LangOf(text)})
}

// Edge types. Each goes from the first kind to the second.
const (
	HoldsOffice    = "HOLDS_OFFICE"    // Person → Country or Organization; Title, Since
	BasedIn        = "BASED_IN"        // Organization or Place → Country
	PartyTo        = "PARTY_TO"        // Country, Organization or Person → Agreement
	ParticipatedIn = "PARTICIPATED_IN" // Person or Country → Meeting
	HeldIn         = "HELD_IN"         // Meeting → Place
	Signed         = "SIGNED"          // Person → Agreement: who put their name to it, for a party
)

// EdgeTypes lists every edge type in a fixed order.
var EdgeTypes = []string{HoldsOffice, BasedIn, PartyTo, ParticipatedIn, HeldIn, Signed}

// Edge is a relation between two nodes.
type Edge struct {
	From  string
	Type  string
	To    string
	Title string       // HOLDS_OFFICE: the office, in English ("Minister of Interior")
	Since *PartialDate // HOLDS_OFFICE: when the office was taken, where stated
}

// Key identifies an edge among all facts: evidence of an edge names it.
// Two offices of one person in one country differ by title.
func (e Edge) Key() string {
	k := e.Type + "|" + e.From + "|" + e.To
	if e.Title != "" {
		k += "|" + e.Title
	}
	return k
}

// ParseEdgeKey reads back the edge a Key names; false when key names no
// edge (a node id).
func ParseEdgeKey(key string) (Edge, bool) {
	parts := strings.SplitN(key, "|", 4)
	if len(parts) < 3 || !slices.Contains(EdgeTypes, parts[0]) {
		return Edge{}, false
	}
	e := Edge{Type: parts[0], From: parts[1], To: parts[2]}
	if len(parts) == 4 {
		e.Title = parts[3]
	}
	return e, true
}

// Evidence is a passage of an article that supports a fact. Start and End
// are offsets in runes (Unicode code points, not bytes) into the article's
// Text, so that Quote == string([]rune(Text)[Start:End]).
type Evidence struct {
	Fact      string // the node id or edge Key it supports
	ArticleID string
	Quote     string
	Start     int
	End       int
}

// Article is one imported news article.
type Article struct {
	ID        string
	URL       string
	Title     string
	Source    string
	Published *PartialDate
	Lang      Lang
	Text      string
}

// ArticleID returns the stable id of an article: from its URL where it has
// one, so that the story re-imported after an edit keeps its id and
// replaces its old facts; else from a digest of its title and text, folded
// (see Fold), so that two press releases under one title are two
// articles, and the same text imported again is one. The source is not
// part of it: the same text from a feed and from a file is one article.
func ArticleID(url, title, source, text string) string {
	if url = strings.TrimSpace(url); url != "" {
		return "article:" + ShortHash("url", url)
	}
	return "article:" + ShortHash("text", Fold(title), Fold(text))
}

// Facts is everything one article claims: its nodes, the edges between
// them, and the evidence for each. Apply stores them as a unit.
type Facts struct {
	Article  Article
	Nodes    []Node
	Edges    []Edge
	Evidence []Evidence
}

// Hash is a digest of the facts, article text included. A store that keeps
// it can tell that an article is imported again unchanged and skip the
// rewrite; the result is the same either way. Facts that Apply stores alike
// have one Hash whatever their order (it digests CanonicalFacts), so an
// article copied from another store, whose facts come back in canonical
// order, is unchanged when its source is imported again.
func (f *Facts) Hash() string {
	b, err := json.Marshal(CanonicalFacts(f))
	if err != nil {
		return "" // never equal to a stored hash: the store rewrites
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:16])
}

// Validate checks that the facts hang together: ids are well-formed and
// unique, edges join nodes of these facts, evidence names a fact of these
// facts with offsets inside the text and a quote that matches them.
func (f *Facts) Validate() error {
	if !strings.HasPrefix(f.Article.ID, "article:") {
		return Errorf(EINVALID, "article id %q: want article:…", f.Article.ID)
	}
	if strings.TrimSpace(f.Article.Text) == "" {
		return Errorf(EINVALID, "article %s has no text", f.Article.ID)
	}
	nodes := make(map[string]bool, len(f.Nodes))
	for _, n := range f.Nodes {
		if !n.Kind.Valid() || KindOf(n.ID) != n.Kind || len(n.ID) <= len(n.Kind)+1 {
			return Errorf(EINVALID, "node id %q does not fit kind %q", n.ID, n.Kind)
		}
		if nodes[n.ID] {
			return Errorf(EINVALID, "node %s appears twice", n.ID)
		}
		if n.Date != nil {
			if err := n.Date.Validate(); err != nil {
				return err
			}
		}
		nodes[n.ID] = true
	}
	facts := maps.Clone(nodes)
	for _, e := range f.Edges {
		if !nodes[e.From] || !nodes[e.To] {
			return Errorf(EINVALID, "edge %s joins a node that is not in the facts", e.Key())
		}
		if !slices.Contains(EdgeTypes, e.Type) {
			return Errorf(EINVALID, "edge %s has an unknown type", e.Key())
		}
		facts[e.Key()] = true
	}
	runes := []rune(f.Article.Text)
	for _, ev := range f.Evidence {
		if !facts[ev.Fact] {
			return Errorf(EINVALID, "evidence for %q, which is not a fact of this article", ev.Fact)
		}
		if ev.ArticleID != f.Article.ID {
			return Errorf(EINVALID, "evidence for %s names article %s, not %s", ev.Fact, ev.ArticleID, f.Article.ID)
		}
		if ev.Start < 0 || ev.End > len(runes) || ev.Start > ev.End || string(runes[ev.Start:ev.End]) != ev.Quote {
			return Errorf(EINVALID, "evidence for %s: quote does not match offsets %d–%d", ev.Fact, ev.Start, ev.End)
		}
	}
	return nil
}

// Merge combines what several articles claim about one node into the node
// the graph shows. Claims must be in a fixed order (stores pass them ordered
// by article id) so that every backend merges alike: the first claim that
// states a scalar field wins, but for a date that a later claim states more
// precisely; names and topics are the union, in order.
func Merge(claims []Node) Node {
	if len(claims) == 0 {
		return Node{}
	}
	out := Node{ID: claims[0].ID, Kind: claims[0].Kind}
	for _, c := range claims {
		if out.Name == "" || (LangOf(out.Name) != English && c.Name != "" && LangOf(c.Name) == English) {
			out.Name = c.Name
		}
		for _, x := range c.Names {
			out.AddName(x.Text)
		}
		out.ISO2 = cmp.Or(out.ISO2, c.ISO2)
		out.ISO3 = cmp.Or(out.ISO3, c.ISO3)
		out.OrgKind = cmp.Or(out.OrgKind, c.OrgKind)
		out.Title = cmp.Or(out.Title, c.Title)
		out.AgreementKind = cmp.Or(out.AgreementKind, c.AgreementKind)
		// A date that says more of the same day wins: reports of one
		// agreement or meeting have dates that agree (see Resolve).
		if c.Date != nil && (out.Date == nil || (precision(c.Date) > precision(out.Date) && DatesCompatible(c.Date, out.Date))) {
			d := *c.Date
			out.Date = &d
		}
		for _, t := range c.Topics {
			if !slices.Contains(out.Topics, t) {
				out.Topics = append(out.Topics, t)
			}
		}
	}
	return out
}

// NamedLike reports whether some name of n, folded, contains folded.
func NamedLike(n *Node, folded string) bool {
	if strings.Contains(Fold(n.Name), folded) {
		return true
	}
	for _, x := range n.Names {
		if strings.Contains(Fold(x.Text), folded) {
			return true
		}
	}
	return false
}
