package article

import (
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
)

// readFeed reads an RSS (0.9x, 1.0, 2.0) or Atom feed. Each <item> or
// <entry> is an article; the channel's or feed's title is the Source unless
// the item names its own <source>. The parser is lenient (HTML entities,
// HTML tags left open); after a syntax error it reports the item it was in
// and resumes at the next item.
func readFeed(text, name string) ([]Article, error) {
	return readFeedItems(text, name, false)
}

// ParseFeed reads a feed for a reader that fetches each item's link (as
// loader/fetch does): as Parse, but an item with a link and no text of
// its own is kept, its Text empty, since its page holds the article.
func ParseFeed(data []byte, name string) ([]Article, error) {
	text, err := decode(data, name, RSS)
	if err != nil {
		return nil, err
	}
	return readFeedItems(text, name, true)
}

func readFeedItems(text, name string, linked bool) ([]Article, error) {
	p := &feedParser{c: collector{name: name, linked: linked}, name: name}
	for pos := 0; pos < len(text); {
		d := xml.NewDecoder(strings.NewReader(text[pos:]))
		d.Strict = false
		d.Entity = xml.HTMLEntity
		d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // already UTF-8
		err := p.run(d)
		if err == nil {
			break
		}
		off := pos + int(d.InputOffset())
		var syn *xml.SyntaxError
		if errors.As(err, &syn) {
			// Its line counts from where this decoder started; name ours.
			err = errors.New("XML syntax error: " + syn.Msg)
		}
		switch {
		case p.item != nil:
			p.c.fail(fmt.Sprintf("item %d", p.item.n), fmt.Errorf("line %d: %w", lineOf(text, off), err))
			p.item = nil
		case !p.resynced:
			p.c.fail(fmt.Sprintf("line %d", lineOf(text, off)), err)
		}
		next := nextItem(text, max(off, pos+1))
		if next < 0 {
			break
		}
		pos, p.resynced, p.stack = next, true, nil
	}
	switch {
	case p.root == "":
		p.c.fail("", errors.New("not an RSS or Atom feed: no XML element"))
	case p.root != "rss" && p.root != "feed" && p.root != "rdf":
		return nil, fmt.Errorf("%s: not an RSS or Atom feed (root element <%s>)", name, p.root)
	case p.items == 0 && len(p.c.errs) == 0:
		p.c.fail("", errors.New("no items in feed"))
	}
	for i := range p.c.arts {
		if p.c.arts[i].Source == "" {
			p.c.arts[i].Source = oneLine(p.channelTitle)
		}
	}
	return p.c.result()
}

// nextItem returns the offset of the next "<item" or "<entry" tag at or
// after from, or -1.
func nextItem(text string, from int) int {
	for from < len(text) {
		i := strings.Index(text[from:], "<")
		if i < 0 {
			return -1
		}
		at := from + i
		for _, tag := range []string{"<item", "<entry"} {
			if strings.HasPrefix(text[at:], tag) {
				if j := at + len(tag); j == len(text) || strings.ContainsRune(" \t\n>/", rune(text[j])) {
					return at
				}
			}
		}
		from = at + 1
	}
	return -1
}

type feedParser struct {
	c            collector
	name         string
	root         string   // local name of the root element, lower case
	stack        []string // open elements outside fields, lower-case local names
	channelTitle string
	items        int       // items seen
	item         *feedItem // the item being read
	resynced     bool      // reading restarted after a syntax error
}

type feedItem struct {
	n      int
	fields map[string]string // canonical field name → value, first wins
}

func (it *feedItem) set(k, v string) {
	if strings.TrimSpace(v) == "" {
		return
	}
	if _, ok := it.fields[k]; !ok {
		it.fields[k] = v
	}
}

// run reads tokens until the end of input (nil) or a syntax error.
func (p *feedParser) run(d *xml.Decoder) error {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if p.item != nil {
				return errors.New("unexpected end of feed inside the item")
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			local := strings.ToLower(t.Name.Local)
			if p.root == "" {
				p.root = local
			}
			parent := ""
			if len(p.stack) > 0 {
				parent = p.stack[len(p.stack)-1]
			}
			switch {
			case (local == "item" || local == "entry") && p.item == nil:
				p.items++
				p.item = &feedItem{n: p.items, fields: map[string]string{}}
			case p.item != nil && (parent == "item" || parent == "entry"):
				if err := p.itemField(d, t); err != nil {
					return err
				}
				continue
			case p.item == nil && local == "title" && (parent == "channel" || parent == "feed"):
				raw, _, _, err := readInner(d)
				if err != nil {
					return err
				}
				if p.channelTitle == "" {
					p.channelTitle = markupText(raw)
				}
				continue
			}
			p.stack = append(p.stack, local)
		case xml.EndElement:
			local := strings.ToLower(t.Name.Local)
			if len(p.stack) > 0 {
				p.stack = p.stack[:len(p.stack)-1]
			}
			if (local == "item" || local == "entry") && p.item != nil {
				p.finishItem()
			}
		}
	}
}

// fieldKind maps an item child element to a canonical field name, or "".
func fieldKind(n xml.Name) string {
	local, space := strings.ToLower(n.Local), strings.ToLower(n.Space)
	switch {
	case space == "content" || strings.Contains(space, "/modules/content"):
		if local == "encoded" {
			return "content"
		}
		return ""
	case space == "dc" || strings.Contains(space, "purl.org/dc/"):
		if local == "date" {
			return "dcdate"
		}
		return ""
	case space != "" && space != "atom" && !strings.Contains(space, "w3.org/2005/atom") &&
		!strings.Contains(space, "purl.org/rss/1.0") && !strings.Contains(space, "backend.userland.com") &&
		!strings.Contains(space, "my.netscape.com"):
		return "" // media:, itunes: and other extensions
	}
	switch local {
	case "title", "link", "guid", "description", "summary", "content", "pubdate", "published",
		"updated", "issued", "modified", "source":
		return local
	}
	return ""
}

// itemField reads one child element of the item being read.
func (p *feedParser) itemField(d *xml.Decoder, t xml.StartElement) error {
	kind := fieldKind(t.Name)
	typ := strings.ToLower(attrXML(t, "type"))
	switch kind {
	case "":
		return d.Skip()
	case "link":
		if href := attrXML(t, "href"); href != "" {
			if rel := strings.ToLower(attrXML(t, "rel")); rel == "" || rel == "alternate" {
				p.item.set("link", href)
			}
			return d.Skip()
		}
	case "source":
		if p.root == "feed" {
			return d.Skip() // Atom's <source> holds the original feed's metadata
		}
	case "guid":
		if strings.EqualFold(attrXML(t, "isPermaLink"), "false") {
			return d.Skip()
		}
	case "content":
		if attrXML(t, "src") != "" {
			return d.Skip() // content kept elsewhere
		}
	}
	raw, markup, children, err := readInner(d)
	if err != nil {
		return err
	}
	val := raw
	switch {
	case typ == "xhtml" || children:
		val = htmlToText(markup)
	case typ == "text" || typ == "text/plain":
	case typ == "html" || typ == "text/html":
		val = htmlToText(raw)
	default:
		val = markupText(raw)
	}
	p.item.set(kind, val)
	return nil
}

// readInner reads the content of the element just started, up to and
// including its end tag. raw is its character data; markup is the same
// with child elements kept as HTML tags (character data escaped), for XHTML
// content; children tells whether there were child elements.
func readInner(d *xml.Decoder) (raw, markup string, children bool, err error) {
	var r, m strings.Builder
	depth := 1
	for depth > 0 {
		tok, err := d.Token()
		if err == io.EOF {
			return "", "", false, errors.New("unexpected end of feed inside an element")
		}
		if err != nil {
			return "", "", false, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			r.Write(t)
			m.WriteString(html.EscapeString(string(t)))
		case xml.StartElement:
			depth++
			children = true
			m.WriteString("<" + t.Name.Local + ">")
		case xml.EndElement:
			depth--
			if depth > 0 {
				m.WriteString("</" + t.Name.Local + ">")
			}
		}
	}
	return r.String(), m.String(), children, nil
}

func attrXML(t xml.StartElement, key string) string {
	for _, a := range t.Attr {
		if strings.EqualFold(a.Name.Local, key) {
			return a.Value
		}
	}
	return ""
}

// finishItem turns the item read into an article, or an error.
func (p *feedParser) finishItem() {
	it := p.item
	p.item = nil
	f := it.fields
	a := Article{
		Title:  f["title"],
		URL:    first(f["link"], permalink(f["guid"])),
		Source: f["source"],
		Text:   first(f["content"], f["description"]),
	}
	if cleanText(a.Text) == "" {
		a.Text = f["summary"]
	}
	dates := []string{"pubdate", "dcdate", "published", "issued", "updated", "modified"}
	for _, k := range dates {
		if d := normDate(f[k]); d != "" {
			a.Published = d
			break
		}
	}
	if a.Published == "" {
		// The date as stated, for collector.add to warn that it was not read.
		for _, k := range dates {
			if strings.TrimSpace(f[k]) != "" {
				a.Published = f[k]
				break
			}
		}
	}
	p.c.add(a, fmt.Sprintf("item %d", it.n), fmt.Sprintf("%s#%d", p.name, it.n))
}

// permalink returns a guid that is a URL, else "".
func permalink(guid string) string {
	g := strings.TrimSpace(guid)
	if strings.HasPrefix(g, "http://") || strings.HasPrefix(g, "https://") {
		return g
	}
	return ""
}
