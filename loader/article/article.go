// Package article reads news articles from the files Alaqat ingests — plain
// text, HTML pages, Markdown, JSON, JSON Lines and RSS/Atom feeds — and turns
// each into an Article: the few metadata fields the graph records about a
// source (URL, title, site, publication date, language) and the body as plain
// UTF-8 text with paragraphs separated by blank lines, ready for extraction.
//
// Read parses one input whose format is known (or guessed with DetectFormat).
// Errors always start with the input's name; for inputs holding many records
// (a JSON array, JSON Lines, a feed) a bad record costs only that record: the
// good ones are returned together with an error naming each bad one.
package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Article is one news article as read from a file, before extraction.
type Article struct {
	URL       string `json:"url"`       // canonical URL if the input states one
	Title     string `json:"title"`     // headline, on one line
	Source    string `json:"source"`    // site or publication name, e.g. "Al Khaleej Online"
	Published string `json:"published"` // ISO date as stated: "2024-09-03", "2024-09" or "2024"; "" if unknown
	Lang      string `json:"lang"`      // "ar" or "en" from the body's letters ("" if it has none)
	Text      string `json:"text"`      // the body only: plain text, paragraphs separated by "\n\n", trimmed
	Origin    string `json:"origin"`    // where it came from, for messages: "file.jsonl:17", "feed.xml#3" or the name
	// Warnings are what was wrong with the article without stopping it
	// being read: a publication date stated in a form no reader knows
	// (the article is kept without a date).
	Warnings []string `json:"warnings,omitempty"`
}

// Format names an input format.
type Format string

// The formats Read accepts.
const (
	TXT   Format = "txt"   // plain text: title line, optional header lines, body
	HTML  Format = "html"  // one HTML page
	MD    Format = "md"    // Markdown, with optional front matter
	JSON  Format = "json"  // an object, an array of objects, or {"articles": [...]}
	JSONL Format = "jsonl" // one JSON object per line
	RSS   Format = "rss"   // an RSS 0.9x/1.0/2.0 or Atom feed
)

// Formats returns every Format that Read accepts.
func Formats() []Format { return []Format{TXT, HTML, MD, JSON, JSONL, RSS} }

// Errors that Read wraps, so that callers can tell them apart with errors.Is.
var (
	// ErrEmpty is returned for an input with no bytes or only white space.
	ErrEmpty = errors.New("empty file")
	// ErrNotUTF8 is returned for an input that is not valid UTF-8 (and is
	// not an HTML page or feed declaring an Arabic legacy encoding).
	ErrNotUTF8 = errors.New("not valid UTF-8")
	// ErrNoText is returned for an article (or record, or feed item) without
	// a body.
	ErrNoText = errors.New("no article text")
	// ErrBinary is returned for an input that holds NUL bytes: an image,
	// an archive, a program — not text.
	ErrBinary = errors.New("binary file, not text")
	// ErrTooLarge is returned for an input or record larger than an
	// article can be (MaxInput, MaxText).
	ErrTooLarge = errors.New("too large for an article")
	// ErrTooShort is CheckLength's error for an article whose body has
	// fewer than MinWords words: a stray byte, a placeholder, a title alone.
	ErrTooShort = errors.New("too short to be an article")
)

// MinWords is the fewest words of letters an article's body may have.
const MinWords = 3

// Read parses one input of the given format and returns every article in it.
// name is the file name used in errors and in Origin ("-" for stdin); an
// empty format is guessed with DetectFormat.
//
// The input must be UTF-8 (a leading BOM is dropped, CRLF and CR become
// LF), except HTML pages and feeds that declare windows-1256 or ISO-8859-6,
// which are decoded from that encoding.
//
// An input that cannot be parsed returns an error naming name and the problem
// (e.g. "bad.json: line 3: invalid character '}' ..."). Inputs of several
// records keep going past a bad one: every problem is an error naming its
// place ("x.json: record 2: …", "x.jsonl: line 17: …", "feed.xml: item 3: …",
// records and items counted from 1), the good records are returned, and the
// errors are joined with errors.Join. So a nil error means every record was
// read, and articles may come back with a non-nil error. Origin is name for
// single-article inputs, "name#N" for JSON array records and feed items and
// "name:N" for JSON Lines.
func Read(r io.Reader, name string, format Format) ([]Article, error) {
	if name == "" {
		name = "-"
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return Parse(data, name, format)
}

// Parse is Read of an input already in memory.
func Parse(data []byte, name string, format Format) ([]Article, error) {
	if name == "" {
		name = "-"
	}
	if format == "" {
		format = DetectFormat(name, data)
	}
	var parse func(text, name string) ([]Article, error)
	switch format {
	case TXT:
		parse = readTxt
	case HTML:
		parse = readHTML
	case MD:
		parse = readMD
	case JSON:
		parse = readJSON
	case JSONL:
		parse = readJSONL
	case RSS:
		parse = readFeed
	default:
		return nil, fmt.Errorf("%s: unknown format %q", name, format)
	}
	if format.Single() && len(data) > MaxInput {
		return nil, fmt.Errorf("%s: %w: %s, more than the %s one article may take", name, ErrTooLarge, Size(len(data)), Size(MaxInput))
	}
	text, err := decode(data, name, format)
	if err != nil {
		return nil, err
	}
	return parse(text, name)
}

// Single reports whether the format holds one article (plain text, HTML,
// Markdown) rather than records (JSON, JSON Lines, feeds).
func (f Format) Single() bool { return f == TXT || f == HTML || f == MD }

// Limits on what one article may take, so that a stray huge file (a log,
// a database dump) is refused quickly with a clear error instead of
// holding memory and the extractor for minutes.
const (
	// MaxInput is the largest single-article input (plain text, HTML,
	// Markdown) and the longest JSON Lines line, in bytes.
	MaxInput = 16 << 20
	// MaxText is the longest article body, in bytes of text: ten times a
	// long feature, and what the extractor reads in seconds even when every
	// sentence is dense with names.
	MaxText = 256 << 10
)

// Size formats a byte count for messages: "512 B", "3.2 KB", "50.0 MB".
func Size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// DetectFormat guesses the format of an input from its file name's extension
// (.txt .text .html .htm .xhtml .md .markdown .json .jsonl .ndjson .xml .rss
// .atom) and from head, the input or its first bytes. The content decides
// when there is no extension (stdin) or another one: "<?xml", "<rss",
// "<feed" or "<rdf:RDF" → rss; "<!doctype html", "<html" or another tag →
// html; "{" or "[" → json, or jsonl when there are several lines each a
// JSON object; "---" front matter or a "# " heading → md; anything else →
// txt. The content also overrides an extension it plainly contradicts: an
// HTML page or a feed under any other extension, a whole JSON document
// saved as .txt or .md, JSON Lines saved as .txt, a JSON array or a single
// JSON document saved as .jsonl.
func DetectFormat(name string, head []byte) Format {
	ext := formatOfExt(name)
	if ext == "" {
		return sniff(head)
	}
	body := bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n\f")
	if len(body) == 0 {
		return ext
	}
	switch body[0] {
	case '<':
		if f, sure := markup(body); sure && f != ext {
			return f
		}
	case '{', '[':
		switch ext {
		case TXT, MD:
			if jsonValid(body) {
				return JSON
			}
			if looksJSONL(body) {
				return JSONL
			}
		case JSONL:
			// One JSON document, on one line or spread over several (its
			// first line incomplete), is JSON; a first line that is a
			// complete value of its own, an array even, starts JSON Lines,
			// each line read for itself.
			first, rest, _ := bytes.Cut(body, []byte("\n"))
			if jsonValid(body) && (len(bytes.TrimSpace(rest)) == 0 || !jsonValid(bytes.TrimSpace(first))) {
				return JSON
			}
		}
	}
	return ext
}

// Mismatch says, when the content of an input contradicts the format its
// extension names (JSON Lines saved as .txt, an HTML page saved as .json),
// which format it is read as: "holds JSON Lines, not plain text as .txt
// says: read as JSON Lines". It is "" when they agree or the name has no
// known extension.
func Mismatch(name string, head []byte) string {
	ext := formatOfExt(name)
	got := DetectFormat(name, head)
	if ext == "" || got == ext {
		return ""
	}
	return fmt.Sprintf("holds %s, not %s as %s says: read as %s", got.Name(), ext.Name(), strings.ToLower(filepath.Ext(name)), got.Name())
}

// Name is the format's name in messages.
func (f Format) Name() string {
	switch f {
	case TXT:
		return "plain text"
	case HTML:
		return "HTML"
	case MD:
		return "Markdown"
	case JSON:
		return "JSON"
	case JSONL:
		return "JSON Lines"
	case RSS:
		return "an RSS or Atom feed"
	}
	return string(f)
}

// formatOfExt is the format a file name's extension names, or "".
func formatOfExt(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text":
		return TXT
	case ".html", ".htm", ".xhtml":
		return HTML
	case ".md", ".markdown":
		return MD
	case ".json":
		return JSON
	case ".jsonl", ".ndjson":
		return JSONL
	case ".xml", ".rss", ".atom":
		return RSS
	}
	return ""
}

func sniff(head []byte) Format {
	head = bytes.TrimPrefix(head, bom)
	head = bytes.TrimLeft(head, " \t\r\n\f")
	switch {
	case len(head) == 0:
		return TXT
	case head[0] == '<':
		return sniffMarkup(head)
	case head[0] == '{' || head[0] == '[':
		if looksJSONL(head) {
			return JSONL
		}
		return JSON
	case bytes.HasPrefix(head, []byte("---\n")), bytes.HasPrefix(head, []byte("---\r\n")),
		bytes.HasPrefix(head, []byte("# ")):
		return MD
	}
	return TXT
}

// sniffMarkup tells a feed from an HTML page by the first element, skipping
// an XML declaration, comments and processing instructions.
func sniffMarkup(head []byte) Format {
	f, _ := markup(head)
	return f
}

// markup is sniffMarkup's guess, and whether the first element settles it
// (a feed's or an HTML page's root) rather than only suggests it.
func markup(head []byte) (f Format, sure bool) {
	xmlDecl := false
	for {
		head = bytes.TrimLeft(head, " \t\r\n\f")
		var end []byte
		switch {
		case hasPrefixFold(head, "<?xml"):
			xmlDecl = true
			end = []byte("?>")
		case bytes.HasPrefix(head, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(head, []byte("<!--")):
			end = []byte("-->")
		}
		if end == nil {
			break
		}
		i := bytes.Index(head, end)
		if i < 0 {
			head = nil
			break
		}
		head = head[i+len(end):]
	}
	switch {
	case hasPrefixFold(head, "<rss"), hasPrefixFold(head, "<feed"), hasPrefixFold(head, "<rdf:rdf"):
		return RSS, true
	case hasPrefixFold(head, "<!doctype html"), hasPrefixFold(head, "<html"):
		return HTML, true
	case xmlDecl:
		return RSS, false
	}
	return HTML, false
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// looksJSONL reports whether head has at least two lines that are each a
// complete JSON object, and no complete line that is not. The last line may
// be cut off by the caller's read, so a last line that does not parse is
// ignored.
func looksJSONL(head []byte) bool {
	lines := bytes.Split(head, []byte("\n"))
	objects := 0
	for i, ln := range lines {
		ln = bytes.TrimSpace(ln)
		if len(ln) == 0 {
			continue
		}
		if ln[0] == '{' && jsonValid(ln) {
			objects++
			continue
		}
		if i == len(lines)-1 {
			break
		}
		return false
	}
	return objects >= 2
}

var bom = []byte("\xEF\xBB\xBF")

// decode checks the encoding of an input and returns it as UTF-8 text with
// "\n" line ends. HTML pages and feeds that declare windows-1256 or
// ISO-8859-6 and are not valid UTF-8 are decoded from that encoding.
func decode(data []byte, name string, format Format) (string, error) {
	skipped := 0
	if bytes.HasPrefix(data, bom) {
		data = data[len(bom):]
		skipped = len(bom)
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return "", fmt.Errorf("%s: %w (looks like UTF-16; save it as UTF-8)", name, ErrNotUTF8)
	}
	if i := bytes.IndexByte(data[:min(len(data), 8000)], 0); i >= 0 {
		return "", fmt.Errorf("%s: %w (NUL byte at offset %d)", name, ErrBinary, skipped+i)
	}
	if format == JSONL {
		// Each line is checked on its own (readJSONL): one bad byte costs
		// its line, not the file.
	} else if !utf8.Valid(data) {
		if cm := legacyCharset(data, format); cm != nil {
			out, err := cm.NewDecoder().Bytes(data)
			if err != nil {
				return "", fmt.Errorf("%s: %w", name, err)
			}
			data = out
		} else {
			off := skipped + invalidOffset(data)
			return "", fmt.Errorf("%s: %w (byte offset %d, line %d)", name, ErrNotUTF8, off, 1+bytes.Count(data[:off-skipped], []byte("\n")))
		}
	}
	text := normalizeNewlines(string(data))
	if strings.TrimSpace(text) == "" {
		return "", fmt.Errorf("%s: %w", name, ErrEmpty)
	}
	return text, nil
}

func invalidOffset(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

var (
	metaCharsetRe = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)
	xmlEncodingRe = regexp.MustCompile(`(?i)^\s*<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_:.\-]+)`)
)

// legacyCharset returns the Arabic legacy encoding an HTML page's <meta
// charset> or a feed's XML declaration names, or nil.
func legacyCharset(data []byte, format Format) *charmap.Charmap {
	head := data[:min(len(data), 4096)]
	var m [][]byte
	switch format {
	case HTML:
		m = metaCharsetRe.FindSubmatch(head)
	case RSS:
		m = xmlEncodingRe.FindSubmatch(head)
	}
	if m == nil {
		return nil
	}
	switch strings.ToLower(string(m[1])) {
	case "windows-1256", "cp1256", "x-cp1256":
		return charmap.Windows1256
	case "iso-8859-6", "iso_8859-6", "iso8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127",
		"iso_8859-6:1987", "arabic", "ecma-114", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic":
		return charmap.ISO8859_6
	}
	return nil
}

func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// collector gathers the articles and per-record errors of one input.
type collector struct {
	name   string
	linked bool // keep articles with a URL and no text (ParseFeed)
	arts   []Article
	errs   []error
}

// add normalises a and keeps it, or records ErrNoText at where ("" for the
// whole input, else e.g. "item 3") when it has no body.
func (c *collector) add(a Article, where, origin string) {
	stated := strings.TrimSpace(a.Published)
	finish(&a)
	a.Origin = origin
	if a.Text == "" && c.linked && a.URL != "" {
		c.arts = append(c.arts, a)
		return
	}
	if a.Text == "" {
		c.fail(where, ErrNoText)
		return
	}
	if stated != "" && a.Published == "" {
		a.Warnings = append(a.Warnings, fmt.Sprintf("publication date %q not understood: imported without a date (write it as 2025-03-14 or 14 March 2025)", oneLine(stated)))
	}
	if len(a.Text) > MaxText {
		c.fail(where, fmt.Errorf("%w: the text is %s, more than the %s an article may have", ErrTooLarge, Size(len(a.Text)), Size(MaxText)))
		return
	}
	c.arts = append(c.arts, a)
}

// fail records err at where ("" for the whole input).
func (c *collector) fail(where string, err error) {
	if where == "" {
		c.errs = append(c.errs, fmt.Errorf("%s: %w", c.name, err))
		return
	}
	c.errs = append(c.errs, fmt.Errorf("%s: %s: %w", c.name, where, err))
}

// result returns the articles kept and the errors recorded, joined with
// errors.Join (nil when there were none).
func (c *collector) result() ([]Article, error) {
	return c.arts, errors.Join(c.errs...)
}

// CheckLength returns an error wrapping ErrTooShort when the article's body
// has fewer than MinWords words: a reader keeps such articles (a feed
// item's one-line summary is still an item), an import refuses them.
func CheckLength(a Article) error {
	if n := words(a.Text); n < MinWords {
		return fmt.Errorf("%w: %s of text, %s (at least %d are needed)", ErrTooShort, Size(len(a.Text)), pluralWords(n), MinWords)
	}
	return nil
}

// words counts the words of s that hold a letter or a digit, up to
// MinWords (enough to tell).
func words(s string) int {
	n := 0
	for w := range strings.FieldsSeq(s) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			if n++; n >= MinWords {
				break
			}
		}
	}
	return n
}

func pluralWords(n int) string {
	if n == 1 {
		return "1 word"
	}
	return fmt.Sprintf("%d words", n)
}

// finish normalises the fields of a parsed article.
func finish(a *Article) {
	a.URL = oneLine(a.URL)
	a.Title = oneLine(a.Title)
	a.Source = oneLine(a.Source)
	a.Published = normDate(a.Published)
	if a.Published == "" {
		a.Published = urlDate(a.URL) // "…/2019/06/27/…"
	}
	a.Text = cleanText(a.Text)
	a.Lang = detectLang(a.Text)
	if a.Lang == "" {
		a.Lang = detectLang(a.Title)
	}
}

// detectLang returns "ar" when more than 30% of the letters of s are Arabic,
// "en" when it has other letters, and "" when it has none.
func detectLang(s string) string {
	letters, arabic := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Arabic, r) {
				arabic++
			}
		}
	}
	switch {
	case letters == 0:
		return ""
	case arabic*10 > letters*3:
		return "ar"
	}
	return "en"
}

// invisible reports runes dropped from all text: controls other than tab and
// newline, bidi marks and embeddings, zero-width space, BOM and soft hyphen.
// Zero-width (non-)joiners are kept: they spell Persian words.
func invisible(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case unicode.IsControl(r):
		return true
	case r == 0x200B || r == 0x200E || r == 0x200F || r == 0x061C || r == 0xFEFF || r == 0x00AD:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func dropInvisible(s string) string {
	if strings.IndexFunc(s, invisible) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s)
}

// oneLine collapses all white space in s to single spaces and trims it.
func oneLine(s string) string {
	return strings.Join(strings.Fields(dropInvisible(s)), " ")
}

// cleanText normalises a body: white space inside each line collapsed, blank
// line runs turned into one paragraph break, the whole trimmed.
func cleanText(s string) string {
	s = normalizeNewlines(s)
	var b strings.Builder
	blank := false
	for ln := range strings.SplitSeq(s, "\n") {
		ln = oneLine(ln)
		if ln == "" {
			blank = true
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(ln)
		blank = false
	}
	return b.String()
}

// joinParas joins non-empty paragraphs with blank lines.
func joinParas(paras []string) string {
	var keep []string
	for _, p := range paras {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "\n\n")
}
