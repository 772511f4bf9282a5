package article

import (
	"encoding/json"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readHTML reads one HTML page: metadata from its <head> (Open Graph,
// canonical link, publication date) and the body text by a simple
// readability: the main <article> (else <main>, else the <div>/<section>
// holding most paragraph text), its paragraphs and list items, without
// scripts, navigation, headers, footers, asides, forms and figures.
func readHTML(text, name string) ([]Article, error) {
	c := collector{name: name}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		c.fail("", err)
		return c.result()
	}
	m := scanMeta(doc)
	a := Article{
		Source:    m.get("og:site_name"),
		URL:       m.url(),
		Published: m.published(),
		Title:     m.title(),
		Text:      pageText(doc),
	}
	c.add(a, "", name)
	return c.result()
}

// pageMeta is what the page says about itself.
type pageMeta struct {
	meta         map[string]string // lower-case meta property/name/itemprop → content, first wins
	docTitle, h1 string
	canonical    string
	timeAttr     string // first <time datetime>
}

func (m *pageMeta) get(key string) string { return strings.TrimSpace(m.meta[key]) }

func (m *pageMeta) set(key, val string) {
	if val = strings.TrimSpace(val); val == "" || key == "" {
		return
	}
	if _, ok := m.meta[key]; !ok {
		m.meta[key] = val
	}
}

func scanMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{meta: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				content := attr(n, "content")
				for _, k := range []string{"property", "name", "itemprop"} {
					m.set(strings.ToLower(attr(n, k)), content)
				}
			case atom.Title:
				if m.docTitle == "" {
					m.docTitle = oneLine(textOf(n, nil))
				}
			case atom.H1:
				if m.h1 == "" {
					m.h1 = oneLine(textOf(n, skipForText))
				}
			case atom.Link:
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Time:
				if m.timeAttr == "" {
					m.timeAttr = attr(n, "datetime")
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					m.set("ld:datepublished", ldDatePublished(textOf(n, nil)))
				}
			}
			if strings.EqualFold(attr(n, "itemprop"), "datePublished") && n.DataAtom != atom.Meta {
				m.set("itemprop:datepublished", first(attr(n, "datetime"), first(attr(n, "content"), textOf(n, nil))))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

// title is og:title, else <title>, else the first <h1>, less a " | Site"
// suffix naming og:site_name.
func (m *pageMeta) title() string {
	t := m.get("og:title")
	if t == "" {
		t = m.docTitle
	}
	if t == "" {
		t = m.h1
	}
	return stripSite(oneLine(t), oneLine(m.get("og:site_name")))
}

// stripSite removes the site name from a title of the form "Title | Site"
// (or " - ", " – ", " — ", " :: ", " · ") or "Site | Title".
func stripSite(title, site string) string {
	if site == "" {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » "} {
		suffix := sep + site
		if len(title) > len(suffix) && strings.EqualFold(title[len(title)-len(suffix):], suffix) {
			return strings.TrimSpace(title[:len(title)-len(suffix)])
		}
		prefix := site + sep
		if len(title) > len(prefix) && strings.EqualFold(title[:len(prefix)], prefix) {
			return strings.TrimSpace(title[len(prefix):])
		}
	}
	return title
}

// url is the canonical link, else og:url; a relative canonical link is
// resolved against og:url when that is absolute.
func (m *pageMeta) url() string {
	og := m.get("og:url")
	if m.canonical == "" {
		return og
	}
	cu, err := url.Parse(m.canonical)
	if err != nil || cu.IsAbs() {
		return m.canonical
	}
	if base, err := url.Parse(og); err == nil && base.IsAbs() {
		return base.ResolveReference(cu).String()
	}
	return m.canonical
}

// published returns the first publication date the page states in a form
// normDate reads, trying the usual places in order of trust.
func (m *pageMeta) published() string {
	for _, k := range []string{
		"article:published_time", "og:published_time", "og:article:published_time",
		"datepublished", "itemprop:datepublished", "ld:datepublished",
		"pubdate", "publishdate", "publish-date", "publication_date", "date",
		"dc.date.issued", "dc.date", "dcterms.created", "dcterms.date", "parsely-pub-date", "sailthru.date",
	} {
		if d := normDate(m.get(k)); d != "" {
			return d
		}
	}
	return normDate(m.timeAttr)
}

// ldDatePublished finds the first "datePublished" in a JSON-LD block.
func ldDatePublished(src string) string {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return ""
	}
	var find func(v any, depth int) string
	find = func(v any, depth int) string {
		if depth > 20 {
			return ""
		}
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok && s != "" {
				return s
			}
			for _, k := range sortedKeys(x) {
				if s := find(x[k], depth+1); s != "" {
					return s
				}
			}
		case []any:
			for _, e := range x {
				if s := find(e, depth+1); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return find(v, 0)
}

// pageText picks the element holding the article and returns its
// paragraphs.
func pageText(doc *html.Node) string {
	body := findFirst(doc, atom.Body)
	if body == nil {
		body = doc
	}
	var candidates [][]*html.Node
	if art := bestArticle(body); art != nil {
		candidates = append(candidates, []*html.Node{art})
	}
	if main := findFirst(body, atom.Main); main != nil {
		candidates = append(candidates, []*html.Node{main})
	}
	if div, score := bestBlock(body); div != nil {
		candidates = append(candidates, withSiblings(div, score))
	}
	candidates = append(candidates, []*html.Node{body})
	for _, cand := range candidates {
		b := paraBuilder{skip: skipForText, whole: pageParaTags, minLoose: 100}
		for _, n := range cand {
			b.walk(n)
			b.flush()
		}
		if len(b.paras) > 0 {
			return joinParas(b.paras)
		}
	}
	b := paraBuilder{skip: skipForText}
	b.walk(body)
	b.flush()
	return joinParas(b.paras)
}

// findFirst returns the first element with tag a under n, outside skipped
// subtrees.
func findFirst(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if skipForText(c) {
			continue
		}
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		if f := findFirst(c, a); f != nil {
			return f
		}
	}
	return nil
}

// paragraphs visits the <p> elements under n outside skipped subtrees.
func paragraphs(n *html.Node, visit func(p *html.Node, length int)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if skipForText(c) {
			continue
		}
		if c.Type == html.ElementNode && c.DataAtom == atom.P {
			visit(c, utf8.RuneCountInString(oneLine(textOf(c, skipForText))))
			continue
		}
		paragraphs(c, visit)
	}
}

// bestArticle returns the <article> with the most paragraph text, or the
// first one when none has any; nil when there is none.
func bestArticle(body *html.Node) *html.Node {
	score := map[*html.Node]int{}
	var order []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if skipForText(c) {
				continue
			}
			if c.Type == html.ElementNode && c.DataAtom == atom.Article {
				order = append(order, c)
				score[c] = 0
			}
			walk(c)
		}
	}
	walk(body)
	if len(order) == 0 {
		return nil
	}
	paragraphs(body, func(p *html.Node, length int) {
		for an := range p.Ancestors() {
			if _, ok := score[an]; ok {
				score[an] += length
				break
			}
		}
	})
	best := order[0]
	for _, n := range order {
		if score[n] > score[best] {
			best = n
		}
	}
	return best
}

// bestBlock returns the <div> or <section> that is the closest container of
// the most paragraph text (half of each paragraph also counts for the next
// container up, so that paragraphs wrapped one by one still add up), and
// its score.
func bestBlock(body *html.Node) (*html.Node, int) {
	score := map[*html.Node]int{}
	var order []*html.Node
	paragraphs(body, func(p *html.Node, length int) {
		level := 0
		for an := range p.Ancestors() {
			if an.Type != html.ElementNode || (an.DataAtom != atom.Div && an.DataAtom != atom.Section) {
				continue
			}
			if _, ok := score[an]; !ok {
				order = append(order, an)
			}
			if level == 0 {
				score[an] += length
			} else {
				score[an] += length / 2
				break
			}
			level++
		}
	})
	var best *html.Node
	for _, n := range order {
		if best == nil || score[n] > score[best] {
			best = n
		}
	}
	if best == nil || score[best] == 0 {
		return nil, 0
	}
	return best, score[best]
}

// withSiblings returns best with those of its siblings that continue the
// article, in document order: elements of the same tag and class holding
// paragraph text, elements holding at least a fifth of best's score, and
// long paragraphs.
func withSiblings(best *html.Node, score int) []*html.Node {
	if best.Parent == nil {
		return []*html.Node{best}
	}
	var nodes []*html.Node
	class := attr(best, "class")
	for s := best.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s == best {
			nodes = append(nodes, s)
			continue
		}
		if s.Type != html.ElementNode || skipForText(s) {
			continue
		}
		if s.DataAtom == atom.P {
			t := oneLine(textOf(s, skipForText))
			if n := utf8.RuneCountInString(t); n >= 80 && !linkHeavy(s, n) {
				nodes = append(nodes, s)
			}
			continue
		}
		text := 0
		paragraphs(s, func(_ *html.Node, length int) { text += length })
		sameKind := s.DataAtom == best.DataAtom && attr(s, "class") == class
		if text > 0 && (sameKind || text*5 >= score && text >= 10) {
			nodes = append(nodes, s)
		}
	}
	return nodes
}
