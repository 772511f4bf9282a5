package article

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// readMD reads a Markdown article: optional front matter between "---"
// lines (title, url/link, source/site, date/published), the title from it or
// from the first "# " heading, and the body with its markup stripped.
func readMD(text, name string) ([]Article, error) {
	c := collector{name: name}
	lines := strings.Split(text, "\n")
	fm, body := frontMatter(lines)
	a := Article{
		Title:     fm["title"],
		URL:       first(fm["url"], fm["link"]),
		Source:    first(fm["source"], fm["site"]),
		Published: first(fm["date"], fm["published"]),
	}
	paras, h1 := mdParagraphs(body)
	if h1 >= 0 {
		switch {
		case a.Title == "":
			a.Title = paras[h1]
			paras = append(paras[:h1:h1], paras[h1+1:]...)
		case strings.EqualFold(oneLine(a.Title), oneLine(paras[h1])) && h1 == 0:
			paras = paras[1:] // the title repeated as the first heading
		}
	}
	a.Text = joinParas(paras)
	c.add(a, "", name)
	return c.result()
}

var fmLineRe = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(.*?)\s*$`)

// frontMatter splits "---"-delimited front matter off lines and reads its
// "key: value" lines (keys in lower case, quotes stripped, first wins).
// Without a closing "---" (or "...") line there is no front matter.
func frontMatter(lines []string) (map[string]string, []string) {
	fm := map[string]string{}
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return fm, lines
	}
	for i := 1; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "---" || t == "..." {
			for _, ln := range lines[1:i] {
				m := fmLineRe.FindStringSubmatch(ln)
				if m == nil {
					continue
				}
				key, val := strings.ToLower(m[1]), unquote(m[2])
				if _, ok := fm[key]; !ok && val != "" {
					fm[key] = val
				}
			}
			return fm, lines[i+1:]
		}
	}
	return fm, lines
}

// unquote strips one pair of matching YAML quotes.
func unquote(s string) string {
	if len(s) >= 2 {
		switch {
		case s[0] == '"' && s[len(s)-1] == '"':
			return strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(s[1 : len(s)-1])
		case s[0] == '\'' && s[len(s)-1] == '\'':
			return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
		}
	}
	return s
}

var (
	fenceRe   = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	atxRe     = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$`)
	atxEndRe  = regexp.MustCompile(`(?:^|[ \t]+)#+[ \t]*$`)
	hrRe      = regexp.MustCompile(`^ {0,3}([-*_])(?:[ \t]*[-*_]){2,}[ \t]*$`)
	setext1Re = regexp.MustCompile(`^ {0,3}=+[ \t]*$`)
	setext2Re = regexp.MustCompile(`^ {0,3}-+[ \t]*$`)
	listRe    = regexp.MustCompile(`^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(.*)$`)
	refDefRe  = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:[ \t]*\S+`)
	quoteRe   = regexp.MustCompile(`^ {0,3}>[ \t]?`)
)

// mdParagraphs strips the block markup of Markdown lines and returns the
// paragraphs, with the index of the first level-1 heading (-1 if none).
// Headings and list items are paragraphs of their own; the lines of a
// paragraph are joined with spaces; fenced code is kept verbatim.
func mdParagraphs(lines []string) (paras []string, h1 int) {
	h1 = -1
	var cur []string
	flush := func() {
		if t := oneLine(mdInline(strings.Join(cur, " "))); t != "" {
			paras = append(paras, t)
		}
		cur = cur[:0]
	}
	heading := func(level int, t string) {
		if t = oneLine(mdInline(t)); t == "" {
			return
		}
		if level == 1 && h1 < 0 {
			h1 = len(paras)
		}
		paras = append(paras, t)
	}
	for i := 0; i < len(lines); i++ {
		ln := lines[i]
		if m := fenceRe.FindStringSubmatch(ln); m != nil {
			flush()
			marker := m[1]
			var code []string
			for i++; i < len(lines); i++ {
				if t := strings.TrimSpace(lines[i]); strings.HasPrefix(t, marker) && strings.Trim(t, marker[:1]) == "" {
					break
				}
				code = append(code, lines[i])
			}
			if t := cleanText(strings.Join(code, "\n")); t != "" {
				paras = append(paras, strings.ReplaceAll(t, "\n\n", "\n"))
			}
			continue
		}
		for quoteRe.MatchString(ln) {
			ln = quoteRe.ReplaceAllString(ln, "")
		}
		switch {
		case strings.TrimSpace(ln) == "":
			flush()
		case len(cur) > 0 && setext1Re.MatchString(ln):
			t := strings.Join(cur, " ")
			cur = cur[:0]
			heading(1, t)
		case len(cur) > 0 && setext2Re.MatchString(ln):
			t := strings.Join(cur, " ")
			cur = cur[:0]
			heading(2, t)
		case hrRe.MatchString(ln):
			flush()
		case atxRe.MatchString(ln):
			flush()
			m := atxRe.FindStringSubmatch(ln)
			heading(len(m[1]), atxEndRe.ReplaceAllString(m[2], ""))
		case listRe.MatchString(ln):
			flush()
			cur = append(cur, listRe.FindStringSubmatch(ln)[1])
		case refDefRe.MatchString(ln):
			flush()
		default:
			cur = append(cur, strings.TrimSpace(ln))
		}
	}
	flush()
	return paras, h1
}

var (
	imageRe     = regexp.MustCompile(`!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])`)
	linkRe      = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	refLinkRe   = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	autolinkRe  = regexp.MustCompile(`<((?:https?|ftp)://[^<>\s]+|mailto:[^<>\s]+)>`)
	commentRe   = regexp.MustCompile(`(?s)<!--.*?-->`)
	codeSpanRe  = regexp.MustCompile("(`+)(.+?)(`+)")
	escapedRe   = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)
	placeholder = rune(0xE000) // start of the private-use runes that hide escaped punctuation
)

// protect hides ASCII punctuation from the inline rules by moving it to the
// private-use area; restore moves it back.
func protect(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && unicode.IsPunct(r) || r < 128 && unicode.IsSymbol(r) {
			return placeholder + r
		}
		return r
	}, s)
}

func restore(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= placeholder && r < placeholder+128 {
			return r - placeholder
		}
		return r
	}, s)
}

// mdInline strips inline Markdown: escapes, code spans (kept as text),
// images (removed), links (their text kept), autolinks, HTML tags and
// comments, emphasis and strike-through; entities are decoded.
func mdInline(s string) string {
	s = escapedRe.ReplaceAllStringFunc(s, func(m string) string { return protect(m[1:]) })
	s = codeSpanRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := codeSpanRe.FindStringSubmatch(m)
		if sub[1] != sub[3] {
			return m
		}
		return protect(strings.TrimSpace(sub[2]))
	})
	s = imageRe.ReplaceAllString(s, "")
	s = linkRe.ReplaceAllString(s, "$1")
	s = refLinkRe.ReplaceAllString(s, "$1")
	s = autolinkRe.ReplaceAllStringFunc(s, func(m string) string { return protect(m[1 : len(m)-1]) })
	s = commentRe.ReplaceAllString(s, "")
	s = tagRe.ReplaceAllString(s, "")
	s = stripEmphasis(s)
	return html.UnescapeString(restore(s))
}

// stripEmphasis removes matched runs of "*", "_" and "~~" used for
// emphasis. A run opens when followed by a non-space and closes when
// preceded by one; "_" must also not touch a letter or digit on its outer
// side (so snake_case and underscores between Arabic letters stay), judged
// with Unicode letters rather than ASCII word characters.
func stripEmphasis(s string) string {
	rs := []rune(s)
	type run struct {
		start, n int
		ch       rune
	}
	var stack []run
	drop := make([]bool, len(rs))
	isWord := func(i int) bool {
		return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]) || unicode.Is(unicode.Mn, rs[i]))
	}
	isSpace := func(i int) bool { return i < 0 || i >= len(rs) || unicode.IsSpace(rs[i]) }
	for i := 0; i < len(rs); {
		ch := rs[i]
		if ch != '*' && ch != '_' && ch != '~' {
			i++
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ch {
			j++
		}
		n := j - i
		if ch == '~' && n != 2 {
			i = j
			continue
		}
		canOpen := !isSpace(j) && (ch != '_' || !isWord(i-1))
		canClose := !isSpace(i-1) && (ch != '_' || !isWord(j))
		matched := false
		if canClose {
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].ch == ch && stack[k].n == n {
					for x := stack[k].start; x < stack[k].start+n; x++ {
						drop[x] = true
					}
					for x := i; x < j; x++ {
						drop[x] = true
					}
					stack = stack[:k]
					matched = true
					break
				}
			}
		}
		if !matched && canOpen {
			stack = append(stack, run{i, n, ch})
		}
		i = j
	}
	var b strings.Builder
	for i, r := range rs {
		if !drop[i] {
			b.WriteRune(r)
		}
	}
	return b.String()
}
