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

	"github.com/alaqat/alaqat/graph"
)

// Token is one word, number or punctuation mark of a text.
type Token struct {
	Text   string // as written
	Folded string // graph.Fold(Text); for punctuation, the mark itself
	Start  int    // rune offset of the first rune in the text
	End    int    // rune offset just past the last rune
	Punct  bool   // a punctuation mark, not a word
}

// Tokenize splits text into tokens. Words are runs of letters, digits and
// combining marks (an apostrophe inside an English word ends it, so
// "Qatar's" is "Qatar" and "s"; a hyphen joins, as in "Al-Kaabi");
// every other non-space rune is a punctuation token of its own.
func Tokenize(text string) []Token {
	var toks []Token
	runes := []rune(text)
	for i := 0; i < len(runes); {
		r := runes[i]
		switch {
		case unicode.IsSpace(r) || r == 0x200C || r == 0x200D || r == 0x200F || r == 0x200E || r == 0x0640:
			i++
		case isWordRune(r):
			j := i + 1
			for j < len(runes) && (isWordRune(runes[j]) || (runes[j] == '-' && j+1 < len(runes) && isWordRune(runes[j+1]) && !isDigit(runes[j+1]))) {
				j++
			}
			w := string(runes[i:j])
			toks = append(toks, Token{Text: w, Folded: graph.Fold(w), Start: i, End: j})
			i = j
		default:
			toks = append(toks, Token{Text: string(r), Folded: string(r), Start: i, End: i + 1, Punct: true})
			i++
		}
	}
	return toks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool { return unicode.IsDigit(r) }

// Sentence is a span of a text ending at a full stop, a question or
// exclamation mark, or a line break.
type Sentence struct {
	Start, End int // rune offsets
	Tokens     []Token
}

// Sentences groups tokens into sentences. A line break always ends one;
// a full stop ends one unless it sits between digits (3.5) or follows a
// single Latin letter (U.S.).
func Sentences(text string) []Sentence {
	runes := []rune(text)
	toks := Tokenize(text)
	var out []Sentence
	var cur []Token
	flush := func() {
		if len(cur) > 0 {
			out = append(out, Sentence{Start: cur[0].Start, End: cur[len(cur)-1].End, Tokens: cur})
			cur = nil
		}
	}
	for i, t := range toks {
		if len(cur) > 0 && strings.ContainsRune(string(runes[cur[len(cur)-1].End:t.Start]), '\n') {
			flush()
		}
		cur = append(cur, t)
		if !t.Punct {
			continue
		}
		switch t.Text {
		case "!", "?", "؟", "؛":
			flush()
		case ".":
			prevShort := i > 0 && !toks[i-1].Punct && toks[i-1].End == t.Start &&
				(len([]rune(toks[i-1].Text)) == 1 || abbreviations[toks[i-1].Text])
			nextDigit := i+1 < len(toks) && toks[i+1].Start == t.End && isDigit([]rune(toks[i+1].Text)[0])
			if !prevShort && !nextDigit {
				flush()
			}
		}
	}
	flush()
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
	out := []string{folded}
	if folded == "" || !isArabic(folded) {
		return out
	}
	add := func(s string) {
		if len([]rune(s)) >= 2 {
			for _, x := range out {
				if x == s {
					return
				}
			}
			out = append(out, s)
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
	return out
}

// TokenStems is Stems for a token as written: where the letters the folded
// form reads as the article ال are written with a hamza (أل, إل, آل), as in
// "ألباريس" or "ألمانيا", they belong to the word, and no reading without
// them is returned.
func TokenStems(t Token) []string {
	stems := Stems(t.Folded)
	raw := []rune(t.Text)
	hamza := false
	for skip := 0; skip <= 2 && skip+1 < len(raw); skip++ {
		if (raw[skip] == 'أ' || raw[skip] == 'إ' || raw[skip] == 'آ') && raw[skip+1] == 'ل' {
			hamza = true
			break
		}
		if !strings.ContainsRune("وفبلك", raw[skip]) {
			break
		}
	}
	if !hamza {
		return stems
	}
	out := stems[:0:0]
	for _, s := range stems {
		if !slices.Contains(stems, "ال"+s) {
			out = append(out, s)
		}
	}
	return out
}

// Article strips the article ال from a folded word, if it has one and
// something of at least two letters remains.
func Article(folded string) string {
	if rest, ok := strings.CutPrefix(folded, "ال"); ok && len([]rune(rest)) >= 2 {
		return rest
	}
	return folded
}

func isArabic(s string) bool {
	for _, r := range s {
		return unicode.Is(unicode.Arabic, r)
	}
	return false
}
