package article

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// readTxt reads a plain-text article: the first non-empty line is the title
// ("title | site" gives the site too), optionally followed by header lines
// ("URL: …", "Source: …", "Published: …" or "Date: …"), then the body.
func readTxt(text, name string) ([]Article, error) {
	c := collector{name: name}
	lines := strings.Split(text, "\n")
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) {
		c.fail("", ErrEmpty)
		return c.result()
	}
	var a Article
	a.Title, a.Source = splitTitle(oneLine(lines[i]))
	i++

	// The header block: consecutive header lines, after the title or after
	// the blank lines that follow it.
	j := i
	for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
		j++
	}
	k := j
	var url, source, published string
	for ; k < len(lines); k++ {
		key, val, ok := headerLine(lines[k])
		if !ok {
			break
		}
		switch key {
		case "url":
			url = first(url, val)
		case "source":
			source = first(source, val)
		case "published", "date":
			published = first(published, val)
		}
	}
	if k > j {
		i = k
		a.URL = url
		if source != "" {
			a.Source = source
		}
		a.Published = published
	}
	a.Text = strings.Join(lines[i:], "\n")
	c.add(a, "", name)
	return c.result()
}

// splitTitle splits "title | site" at the last " | "; a line without one,
// or with an empty side, is all title.
func splitTitle(line string) (title, site string) {
	i := strings.LastIndex(line, " | ")
	if i < 0 {
		return line, ""
	}
	title, site = strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+3:])
	if title == "" || site == "" {
		return line, ""
	}
	return title, site
}

var headerRe = regexp.MustCompile(`^(?i)\s*(url|source|published|date)\s*:\s*(.*?)\s*$`)

// headerLine reports whether ln is a header line of a text article, with its
// key in lower case and its value. Only values of the expected form count: a
// URL must be one http(s) URL, a date one that normDate reads, a source a
// short name without a full stop; so a body sentence such as "Source: the
// ministry said…" is left in the body.
func headerLine(ln string) (key, val string, ok bool) {
	m := headerRe.FindStringSubmatch(ln)
	if m == nil || m[2] == "" {
		return "", "", false
	}
	key, val = strings.ToLower(m[1]), m[2]
	switch key {
	case "url":
		ok = (strings.HasPrefix(val, "http://") || strings.HasPrefix(val, "https://")) && !strings.ContainsAny(val, " \t")
	case "published", "date":
		// A date no reader knows ("14/03/2025") still ends the header,
		// so that it is warned about (collector.add) rather than read as
		// the body's first line.
		ok = normDate(val) != "" || looksLikeDate(val)
	case "source":
		ok = utf8.RuneCountInString(val) <= 80 && !strings.ContainsAny(val, ".!?؟:") || isHostLike(val)
	}
	return key, val, ok
}

var hostRe = regexp.MustCompile(`^(?i)[a-z0-9-]+(\.[a-z0-9-]+)+$`)

// isHostLike reports a source given as a host name, e.g. "alkhaleej.ae".
func isHostLike(s string) bool { return hostRe.MatchString(s) }

// looksLikeDate reports a header value that is meant as a date though
// normDate cannot read it: short, with a digit, not a sentence.
func looksLikeDate(val string) bool {
	return utf8.RuneCountInString(val) <= 40 && len(strings.Fields(val)) <= 6 &&
		strings.ContainsAny(asciiDigits(val), "0123456789") && !strings.ContainsAny(val, "!?؟;")
}

// first returns old if it is set, else v.
func first(old, v string) string {
	if old != "" {
		return old
	}
	return v
}
