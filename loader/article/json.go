package article

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Field names of a JSON record, matched case-insensitively; the first
// present (non-empty) one wins.
var (
	titleKeys  = []string{"title", "headline"}
	textKeys   = []string{"text", "body", "content", "article", "description", "content_text", "content_html"}
	urlKeys    = []string{"url", "link", "source_url"}
	sourceKeys = []string{"source", "site", "publisher"}
	dateKeys   = []string{"published", "date", "published_at", "pubDate", "datePublished", "publishedAt", "date_published"}
)

// readJSON reads an object, an array of objects, or an object holding an
// "articles" or "items" array. Input that holds several top-level objects
// one per line is read as JSON Lines.
func readJSON(text, name string) ([]Article, error) {
	c := collector{name: name}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		c.fail("", jsonError(text, err, 0))
		return c.result()
	}
	end := int(dec.InputOffset())
	if _, err := dec.Token(); err != io.EOF {
		if looksJSONL([]byte(text)) {
			return readJSONL(text, name)
		}
		rest := strings.TrimLeft(text[end:], " \t\n")
		c.fail("", fmt.Errorf("line %d: unexpected data after the top-level JSON value", lineOf(text, len(text)-len(rest))))
		return c.result()
	}

	var records []any
	source := ""
	switch x := v.(type) {
	case []any:
		records = x
	case map[string]any:
		if _, ok := field(x, textKeys); !ok {
			for _, k := range []string{"articles", "items"} {
				if arr, ok := lookup(x, k).([]any); ok {
					records = arr
					if isJSONFeed(x) {
						source = stringish(lookup(x, "title"))
					}
					break
				}
			}
		}
		if records == nil {
			a, err := jsonRecord(x)
			if err != nil {
				c.fail("", err)
				return c.result()
			}
			c.add(a, "", name)
			return c.result()
		}
	default:
		c.fail("", errors.New("expected a JSON object or an array of objects"))
		return c.result()
	}
	for i, rec := range records {
		where := fmt.Sprintf("record %d", i+1)
		a, err := jsonRecord(rec)
		if err != nil {
			c.fail(where, err)
			continue
		}
		if a.Source == "" {
			a.Source = source
		}
		c.add(a, where, fmt.Sprintf("%s#%d", name, i+1))
	}
	if len(records) == 0 {
		c.fail("", errors.New("no articles in JSON"))
	}
	return c.result()
}

// isJSONFeed reports a JSON Feed (jsonfeed.org), whose title is the site's.
func isJSONFeed(obj map[string]any) bool {
	return strings.Contains(stringish(lookup(obj, "version")), "jsonfeed.org")
}

// readJSONL reads one JSON object per line; blank lines are skipped and a
// bad line is an error naming it while the other lines are still read.
func readJSONL(text, name string) ([]Article, error) {
	c := collector{name: name}
	n := 0
	for i, ln := range strings.Split(text, "\n") {
		if strings.TrimSpace(ln) == "" {
			continue
		}
		n++
		where := fmt.Sprintf("line %d", i+1)
		if len(ln) > MaxInput {
			c.fail(where, fmt.Errorf("%w: %s, more than the %s a record may take", ErrTooLarge, Size(len(ln)), Size(MaxInput)))
			continue
		}
		if !utf8.ValidString(ln) {
			c.fail(where, fmt.Errorf("%w (byte %d of the line)", ErrNotUTF8, 1+invalidOffset([]byte(ln))))
			continue
		}
		dec := json.NewDecoder(strings.NewReader(ln))
		dec.UseNumber()
		var v any
		err := dec.Decode(&v)
		if err == nil {
			if _, terr := dec.Token(); terr != io.EOF {
				err = errors.New("unexpected data after the JSON value")
			}
		}
		if err != nil {
			if t := strings.TrimSpace(ln); !strings.ContainsAny(t[:1], "{[") {
				// Not JSON at all: say what it is rather than where the
				// decoder gave up.
				err = fmt.Errorf("expected a JSON object, got text beginning %q", truncate(t, 20))
			}
			c.fail(where, jsonError(ln, err, -1))
			continue
		}
		a, err := jsonRecord(v)
		if err != nil {
			c.fail(where, err)
			continue
		}
		c.add(a, where, fmt.Sprintf("%s:%d", name, i+1))
	}
	if n == 0 {
		c.fail("", ErrEmpty)
	}
	return c.result()
}

// jsonError turns a decoding error into one naming the line (when line is 0,
// computed from the error's offset in text; when -1, not named).
func jsonError(text string, err error, line int) error {
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		if line == 0 {
			line = lineOf(text, int(syn.Offset)-1)
		}
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = errors.New("unexpected end of JSON input")
		if line == 0 {
			line = lineOf(text, len(strings.TrimRight(text, " \t\n")))
		}
	}
	if line <= 0 {
		return err
	}
	return fmt.Errorf("line %d: %w", line, err)
}

// truncate cuts s to its first n runes, marking the cut with "…".
func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// lineOf returns the 1-based line of byte offset off in text.
func lineOf(text string, off int) int {
	off = max(0, min(off, len(text)))
	return strings.Count(text[:off], "\n") + 1
}

func jsonValid(b []byte) bool { return json.Valid(b) }

// jsonRecord maps one JSON object to an Article. HTML in the text and title
// is converted to plain text.
func jsonRecord(v any) (Article, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return Article{}, fmt.Errorf("expected a JSON object, got %s", jsonKind(v))
	}
	if err := checkTypes(obj); err != nil {
		return Article{}, err
	}
	var a Article
	if t, ok := field(obj, titleKeys); ok {
		a.Title = markupText(stringish(t))
	}
	if t, ok := field(obj, textKeys); ok {
		a.Text = markupText(stringish(t))
	}
	if u, ok := field(obj, urlKeys); ok {
		a.URL = stringish(u)
	}
	if s, ok := field(obj, sourceKeys); ok {
		a.Source = markupText(stringish(s))
	}
	if d, ok := field(obj, dateKeys); ok {
		if n, isNum := d.(json.Number); isNum {
			if f, err := strconv.ParseFloat(n.String(), 64); err == nil {
				a.Published = unixDate(f)
			}
		} else {
			a.Published = stringish(d)
		}
	}
	if cleanText(a.Text) == "" {
		return a, ErrNoText
	}
	return a, nil
}

// checkTypes refuses a record whose article fields hold values of the
// wrong type ("title": 3, "text": true, "url": {...}): read as text they
// would make a junk article. Strings are always right; the text may also
// be an array of paragraphs, and title, text and source an object with a
// text member ({"rendered": "…"}); a date may be a Unix time.
func checkTypes(obj map[string]any) error {
	for _, g := range []struct {
		keys         []string
		number, text bool // a number, an object or array with text
	}{
		{titleKeys, false, true},
		{textKeys, false, true},
		{urlKeys, false, false},
		{sourceKeys, false, true},
		{dateKeys, true, false},
	} {
		for _, k := range g.keys {
			key, v := lookupKey(obj, k)
			switch x := v.(type) {
			case nil, string:
				continue
			case json.Number:
				if g.number {
					continue
				}
			case map[string]any, []any:
				if g.text && strings.TrimSpace(stringish(x)) != "" {
					continue
				}
			}
			return fmt.Errorf("field %s: expected a string, got %s", key, jsonKind(v))
		}
	}
	return nil
}

// jsonKind names a decoded JSON value's type for messages.
func jsonKind(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprintf("a boolean (%v)", x)
	case json.Number:
		return "a number (" + x.String() + ")"
	case string:
		return "a string"
	case []any:
		if len(x) == 0 {
			return "an empty array"
		}
		return "an array"
	case map[string]any:
		if len(x) == 0 {
			return "an empty object"
		}
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// lookupKey is lookup that also returns the key as the record spells it.
func lookupKey(obj map[string]any, key string) (string, any) {
	if v, ok := obj[key]; ok {
		return key, v
	}
	for _, k := range sortedKeys(obj) {
		if strings.EqualFold(k, key) {
			return k, obj[k]
		}
	}
	return key, nil
}

// field returns the value of the first of keys present in obj with a
// non-empty value.
func field(obj map[string]any, keys []string) (any, bool) {
	for _, k := range keys {
		if v := lookup(obj, k); v != nil && strings.TrimSpace(stringish(v)) != "" {
			return v, true
		}
	}
	return nil, false
}

// lookup returns obj's value for key, matched exactly or else
// case-insensitively (the first such key in sorted order).
func lookup(obj map[string]any, key string) any {
	if v, ok := obj[key]; ok {
		return v
	}
	for _, k := range sortedKeys(obj) {
		if strings.EqualFold(k, key) {
			return obj[k]
		}
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// stringish returns a JSON value as text: a string or number as is, an
// object by its name, "rendered", "text", "value" or "#text" member (as in
// {"name": "Oman News Agency"} or WordPress's {"rendered": "..."}), an array
// of strings joined as paragraphs.
func stringish(v any) string {
	return stringishDepth(v, 0)
}

func stringishDepth(v any, depth int) string {
	if depth > 8 {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case map[string]any:
		for _, k := range []string{"name", "rendered", "text", "value", "#text"} {
			if s := stringishDepth(lookup(x, k), depth+1); strings.TrimSpace(s) != "" {
				return s
			}
		}
	case []any:
		var parts []string
		for _, e := range x {
			if s := stringishDepth(e, depth+1); strings.TrimSpace(s) != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "\n\n")
	}
	return ""
}
