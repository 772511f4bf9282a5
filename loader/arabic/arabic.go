// Package arabic splits Arabic and English text into tokens and sentences
// with rune offsets, and strips the clitics Arabic attaches to words (و ف ب
// ل ك and the article ال), so that the rules of loader/extract can match
// "وبالدوحة" as "الدوحة" and "للبلدين" as "البلدين". Letter folding itself
// (alef forms, ى/ي, ة/ه, diacritics, Arabic-Indic digits) is graph.Fold,
// because ids and search depend on it too.
package arabic

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alaqat/alaqat/graph"
)

// Token is one word, number or punctuation mark of a text.
type Token struct {
	Text   string // as written
	Folded string // graph.Fold(Text); for punctuation, the mark itself
	Start  int    // rune offset of the first rune in the text
	End    int    // rune offset just past the last rune
	Punct  bool   // a punctuation mark, not a word
	stems  *stems // TokenStems, worked out once by Tokenize; nil in a Token made by hand
}

// stems holds the readings of a token, with the word they were read from:
// a copy of the token given other words does not use them. The first
// reading is always the folded word.
type stems struct {
	text string
	list []string
}

// Tokenize splits text into tokens. Words are runs of letters, digits and
// combining marks (an apostrophe inside an English word ends it, so
// "Qatar's" is "Qatar" and "s"; a hyphen joins, as in "Al-Kaabi");
// every other non-space rune is a punctuation token of its own.
func Tokenize(text string) []Token {
	toks, _, _ := tokenize(text, &Buffer{})
	return toks
}

// Buffer holds the memory of tokenizing, to be used again: a program that
// reads many texts one after another allocates less. The sentences and
// tokens one call of its Sentences returns are valid until the next call;
// a Buffer serves one goroutine at a time.
type Buffer struct {
	toks    []Token
	bytes   []int // byte offsets of each token's start and end, in pairs
	newline []bool
	arena   []byte
	folds   []foldAt
	sets    []stems
	flat    []string
	out     []Sentence
}

type foldAt struct{ tok, start, end int }

// room returns s emptied, with room for n elements.
func room[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, 0, n)
	}
	return s[:0]
}

// tokenize is Tokenize in buf's memory, telling also for each token whether
// a line break comes between it and the token before. Words are slices of
// text itself, not copies.
func tokenize(text string, buf *Buffer) (toks []Token, bytes []int, newline []bool) {
	// News prose runs to about six bytes a token in English and ten in
	// Arabic, where a letter takes two.
	ascii := 0
	for i := 0; i < len(text); i++ {
		if text[i] < utf8.RuneSelf {
			ascii++
		}
	}
	n := ascii/5 + (len(text)-ascii)/9 + 16
	toks = room(buf.toks, n)
	bytes = room(buf.bytes, 2*n)
	newline = room(buf.newline, n)
	arena := room(buf.arena, len(text)/4) // the folded forms of words that folding changes
	folds := room(buf.folds, n/4)
	nl := false // a line break since the last token
	// i counts runes as []rune(text) would: an invalid byte is one rune.
	for i, b := 0, 0; b < len(text); {
		r, n := decodeRune(text, b)
		switch {
		case unicode.IsSpace(r) || r == 0x200C || r == 0x200D || r == 0x200F || r == 0x200E || r == 0x0640:
			nl = nl || r == '\n'
			b += n
			i++
		case isWordRune(r):
			j, e := i+1, b+n
			plain := isPlain(r)
			for e < len(text) {
				r, n := decodeRune(text, e)
				if !isWordRune(r) {
					if r != '-' || e+1 >= len(text) {
						break
					}
					if next, _ := decodeRune(text, e+1); !isWordRune(next) || isDigit(next) {
						break
					}
				}
				plain = plain && isPlain(r)
				e += n
				j++
			}
			// Letters, digits and marks are never an invalid byte, so the
			// slice of text reads exactly as string([]rune(text)[i:j]).
			w := text[b:e]
			if !plain { // folded below, from the arena
				start := len(arena)
				arena = graph.AppendFold(arena, w)
				folds = append(folds, foldAt{len(toks), start, len(arena)})
			}
			toks = append(toks, Token{Text: w, Folded: w, Start: i, End: j})
			bytes = append(bytes, b, e)
			newline = append(newline, nl)
			nl = false
			i, b = j, e
		default:
			toks = append(toks, Token{Text: string(r), Folded: string(r), Start: i, End: i + 1, Punct: true})
			bytes = append(bytes, b, b+n)
			newline = append(newline, nl)
			nl = false
			b += n
			i++
		}
	}
	// The words folding changes share one string.
	folded := string(arena)
	for _, f := range folds {
		toks[f.tok].Folded = folded[f.start:f.end]
	}
	// The readings of every word, worked out once: the rules ask for them
	// again and again.
	// Should flat grow, the readings taken before stay in its old array.
	words := 0
	for _, t := range toks {
		if !t.Punct {
			words++
		}
	}
	sets := room(buf.sets, words)[:words]
	flat := room(buf.flat, 2*words+16)
	w := 0
	for k := range toks {
		if !toks[k].Punct {
			start := len(flat)
			flat = appendTokenStems(flat, toks[k])
			sets[w] = stems{toks[k].Text, flat[start:len(flat):len(flat)]}
			toks[k].stems = &sets[w]
			w++
		}
	}
	buf.toks, buf.bytes, buf.newline, buf.arena, buf.folds, buf.sets, buf.flat = toks, bytes, newline, arena, folds, sets, flat
	return toks, bytes, newline
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// decodeRune decodes the rune of text at byte b as []rune(text) does.
func decodeRune(text string, b int) (rune, int) {
	if c := text[b]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[b:])
}

func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	case r >= 0x0621 && r <= 0x065F: // Arabic letters and harakat
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isPlain reports whether graph.Fold leaves a rune as it is: a small Latin
// letter, an ASCII digit, or an Arabic letter other than those it rewrites
// (آ أ إ ؤ ئ ة ى) and tatweel. A word of such runes is folded already.
func isPlain(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return true
	case r >= 0x0621 && r <= 0x064A:
		return r != 'آ' && r != 'أ' && r != 'إ' && r != 'ؤ' && r != 'ئ' && r != 'ة' && r != 'ى' && r != 0x0640
	}
	return false
}

func isDigit(r rune) bool { return unicode.IsDigit(r) }

// Sentence is a span of a text ending at a full stop, a question or
// exclamation mark, or a line break.
type Sentence struct {
	Start, End         int // rune offsets
	ByteStart, ByteEnd int // byte offsets
	Tokens             []Token
}

// Sentences groups tokens into sentences. A line break always ends one;
// a full stop ends one unless it sits between digits (3.5) or follows a
// single Latin letter (U.S.).
func Sentences(text string) []Sentence {
	return (&Buffer{}).Sentences(text)
}

// Sentences is the package's Sentences in the buffer's memory.
func (buf *Buffer) Sentences(text string) []Sentence {
	toks, bytes, newline := tokenize(text, buf)
	out := buf.out[:0]
	// The sentence so far is toks[from:i+1]; each sentence's tokens are a
	// slice of toks, capped so that appending to one leaves the next alone.
	from := 0
	var cur []Token
	flush := func() {
		if len(cur) > 0 {
			last := from + len(cur) - 1
			out = append(out, Sentence{Start: cur[0].Start, End: cur[len(cur)-1].End,
				ByteStart: bytes[2*from], ByteEnd: bytes[2*last+1], Tokens: cur})
			from += len(cur)
			cur = nil
		}
	}
	for i, t := range toks {
		if len(cur) > 0 && newline[i] {
			flush()
		}
		cur = toks[from : i+1 : i+1]
		if !t.Punct {
			continue
		}
		switch t.Text {
		case "!", "?", "؟", "؛":
			flush()
		case ".":
			prevShort := i > 0 && !toks[i-1].Punct && toks[i-1].End == t.Start &&
				(len([]rune(toks[i-1].Text)) == 1 || abbreviations[toks[i-1].Text])
			nextDigit := i+1 < len(toks) && toks[i+1].Start == t.End && isDigit(firstRune(toks[i+1].Text))
			if !prevShort && !nextDigit {
				flush()
			}
		}
	}
	flush()
	buf.out = out
	return out
}

// abbreviations end with a full stop that does not end the sentence.
var abbreviations = map[string]bool{
	"Dr": true, "Mr": true, "Mrs": true, "Ms": true, "Prof": true, "Gen": true, "Lt": true, "Col": true,
	"Maj": true, "Brig": true, "Capt": true, "Sgt": true, "Adm": true, "Gov": true, "Sen": true, "Rep": true,
	"St": true, "No": true, "Jr": true, "Sr": true, "Inc": true, "Ltd": true, "Co": true, "Corp": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true, "Sep": true,
	"Sept": true, "Oct": true, "Nov": true, "Dec": true, "vs": true, "etc": true,
}

// Stems returns the readings of a folded word with its leading clitics
// removed, longest first: the word itself, without a conjunction (و ف),
// without a preposition (ب ل ك), without the article (ال), and ل+ال written
// لل restored to ال. "وبالدوحه" gives وبالدوحه, بالدوحه, الدوحه, دوحه.
// Latin words have no clitics and come back alone. Stems never shorter than
// two letters are returned.
func Stems(folded string) []string {
	return AppendStems(nil, folded)
}

// AppendStems appends the readings Stems returns to dst and returns the
// extended slice; with room in dst it allocates nothing.
func AppendStems(dst []string, folded string) []string {
	base0 := len(dst)
	dst = append(dst, folded)
	// Every clitic and the article start with و ف ب ل ك or ا: a word that
	// starts otherwise has no other reading.
	switch first, _ := utf8.DecodeRuneInString(folded); first {
	case 'و', 'ف', 'ب', 'ل', 'ك', 'ا':
	default:
		return dst
	}
	add := func(s string) {
		if len(s) >= 8 || utf8.RuneCountInString(s) >= 2 { // eight bytes make two runes at least
			if slices.Contains(dst[base0:], s) {
				return
			}
			dst = append(dst, s)
		}
	}
	w := folded
	for _, conj := range []string{"و", "ف"} {
		if strings.HasPrefix(w, conj) {
			w = strings.TrimPrefix(w, conj)
			add(w)
			break
		}
	}
	base := w
	if strings.HasPrefix(base, "لل") {
		add("ال" + strings.TrimPrefix(base, "لل"))
		add(strings.TrimPrefix(base, "لل"))
	}
	for _, prep := range []string{"ب", "ل", "ك"} {
		if strings.HasPrefix(base, prep) && !strings.HasPrefix(base, "لل") {
			base = strings.TrimPrefix(base, prep)
			add(base)
			break
		}
	}
	if strings.HasPrefix(base, "ال") {
		add(strings.TrimPrefix(base, "ال"))
	}
	return dst
}

// TokenStems is Stems for a token as written: where the letters the folded
// form reads as the article ال are written with a hamza (أل, إل, آل), as in
// "ألباريس" or "ألمانيا", they belong to the word, and no reading without
// them is returned.
func TokenStems(t Token) []string {
	return AppendTokenStems(nil, t)
}

// AppendTokenStems appends the readings TokenStems returns to dst and
// returns the extended slice; with room in dst it allocates nothing.
func AppendTokenStems(dst []string, t Token) []string {
	if t.stems != nil && t.stems.list[0] == t.Folded && t.stems.text == t.Text {
		//lint:ignore S1011 one or two readings: appended one by one, cheaper than a typed slice copy
		for _, s := range t.stems.list {
			dst = append(dst, s)
		}
		return dst
	}
	return appendTokenStems(dst, t)
}

func appendTokenStems(dst []string, t Token) []string {
	base := len(dst)
	dst = AppendStems(dst, t.Folded)
	stems := dst[base:]
	if len(stems) == 1 || !hamzaArticle(t.Text) {
		return dst
	}
	// A reading is dropped when the article and it make another reading.
	var buf [8]bool
	drop := buf[:0]
	for _, s := range stems {
		drop = append(drop, slices.ContainsFunc(stems, func(x string) bool {
			return len(x) == len(article)+len(s) && strings.HasPrefix(x, article) && x[len(article):] == s
		}))
	}
	n := 0
	for i, s := range stems {
		if !drop[i] {
			stems[n] = s
			n++
		}
	}
	clear(stems[n:])
	return dst[:base+n]
}

const article = "ال"

// hamzaArticle reports whether a word as written starts, after at most two
// of the clitics و ف ب ل ك, with أل, إل or آل.
func hamzaArticle(text string) bool {
	var raw [4]rune
	n := 0
	for _, r := range text {
		if n == len(raw) {
			break
		}
		raw[n] = r
		n++
	}
	for skip := 0; skip <= 2 && skip+1 < n; skip++ {
		if (raw[skip] == 'أ' || raw[skip] == 'إ' || raw[skip] == 'آ') && raw[skip+1] == 'ل' {
			return true
		}
		if !strings.ContainsRune("وفبلك", raw[skip]) {
			break
		}
	}
	return false
}

// Article strips the article ال from a folded word, if it has one and
// something of at least two letters remains.
func Article(folded string) string {
	if rest, ok := strings.CutPrefix(folded, "ال"); ok && len([]rune(rest)) >= 2 {
		return rest
	}
	return folded
}
