package article

// Helpers shared by the HTML page reader and the HTML found inside JSON
// fields and feed items: which elements hold no text, how text is gathered,
// and how a tree becomes paragraphs.

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// hasToken reports whether the space-separated list s holds tok.
func hasToken(s, tok string) bool {
	for f := range strings.FieldsSeq(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// dropTags never hold article text.
var dropTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true, atom.Figure: true, atom.Figcaption: true, atom.Iframe: true,
	atom.Svg: true, atom.Math: true, atom.Button: true, atom.Select: true,
	atom.Textarea: true, atom.Input: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Dialog: true,
	atom.Menu: true, atom.Head: true, atom.Title: true,
}

// fragmentDropTags are dropped from HTML found inside JSON fields and feed
// items, where navigation and the like do not occur.
var fragmentDropTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Figcaption: true, atom.Iframe: true, atom.Svg: true, atom.Math: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true,
	atom.Object: true, atom.Embed: true, atom.Head: true, atom.Title: true,
}

var noiseRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "dialog": true, "menu": true, "menubar": true, "alert": true,
}

// noiseWords in a class or id mark page furniture.
var noiseWords = map[string]bool{
	"share": true, "sharing": true, "social": true, "related": true, "comments": true,
	"newsletter": true, "breadcrumb": true, "breadcrumbs": true, "advertisement": true,
	"cookie": true, "cookies": true, "promo": true, "subscribe": true, "popup": true,
}

var classSplitRe = regexp.MustCompile(`[\s_\-]+`)

// skipForText reports elements whose text is never article text.
func skipForText(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if dropTags[n.DataAtom] {
		return true
	}
	if _, hidden := attrOK(n, "hidden"); hidden || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	if noiseRoles[strings.ToLower(strings.TrimSpace(attr(n, "role")))] {
		return true
	}
	if style := strings.ToLower(attr(n, "style")); strings.Contains(strings.ReplaceAll(style, " ", ""), "display:none") {
		return true
	}
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false
	}
	for _, w := range classSplitRe.Split(strings.ToLower(attr(n, "class")+" "+attr(n, "id")), -1) {
		if noiseWords[w] {
			return true
		}
	}
	return false
}

func skipFragment(n *html.Node) bool {
	return n.Type == html.ElementNode && fragmentDropTags[n.DataAtom]
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// textOf returns the text under n, without the subtrees skip rejects.
func textOf(n *html.Node, skip func(*html.Node) bool) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case skip != nil && skip(n):
			return
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blockTags[n.DataAtom] {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return b.String()
}

// linkHeavy reports whether most of n's text is link text, as in lists of
// related stories and "read also" lines.
func linkHeavy(n *html.Node, textLen int) bool {
	if textLen == 0 {
		return false
	}
	linked := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			linked += utf8.RuneCountInString(oneLine(textOf(n, skipForText)))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return linked*10 > textLen*7
}

// blockTags end a run of inline text.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Nav: true,
	atom.Figure: true, atom.Address: true, atom.Hr: true, atom.Center: true, atom.Details: true,
	atom.Summary: true, atom.Body: true, atom.Html: true, atom.Form: true, atom.Fieldset: true,
}

// pageParaTags are the elements taken whole as paragraphs of a page.
var pageParaTags = map[atom.Atom]bool{
	atom.P: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.Li: true,
}

// paraBuilder turns an HTML tree into paragraphs. Elements in whole become
// one paragraph each (unless mostly links); other text is split at block
// elements and <br>, and such loose runs are kept when at least minLoose
// runes long. H1 is left out when whole is set: it is the page's title.
type paraBuilder struct {
	skip     func(*html.Node) bool
	whole    map[atom.Atom]bool
	minLoose int
	cur      strings.Builder
	paras    []string
}

func (b *paraBuilder) flush() {
	t := oneLine(b.cur.String())
	b.cur.Reset()
	if t != "" && utf8.RuneCountInString(t) >= b.minLoose {
		b.paras = append(b.paras, t)
	}
}

func (b *paraBuilder) walk(n *html.Node) {
	if b.skip(n) {
		return
	}
	switch n.Type {
	case html.TextNode:
		b.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if b.whole != nil {
			if n.DataAtom == atom.H1 {
				b.flush()
				return
			}
			if b.whole[n.DataAtom] {
				b.flush()
				t := oneLine(textOf(n, b.skip))
				if t != "" && !linkHeavy(n, utf8.RuneCountInString(t)) {
					b.paras = append(b.paras, t)
				}
				return
			}
		}
		if n.DataAtom == atom.Br {
			b.flush()
			return
		}
		if blockTags[n.DataAtom] {
			b.flush()
			defer b.flush()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.walk(c)
	}
}

var (
	tagRe    = regexp.MustCompile(`<[a-zA-Z!/][^<>]*>`)
	entityRe = regexp.MustCompile(`&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)
)

// markupText turns a string that may hold HTML (a JSON body, a feed item)
// into plain text paragraphs; a string without tags only has its entities
// decoded.
func markupText(s string) string {
	switch {
	case tagRe.MatchString(s):
		return htmlToText(s)
	case entityRe.MatchString(s):
		return html.UnescapeString(s)
	}
	return s
}

// htmlToText converts an HTML fragment into paragraphs split at block
// elements and line breaks.
func htmlToText(s string) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return s
	}
	b := paraBuilder{skip: skipFragment}
	for _, n := range nodes {
		b.walk(n)
	}
	b.flush()
	return joinParas(b.paras)
}
