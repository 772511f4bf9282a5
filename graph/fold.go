package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold reduces a name to the form used for matching and for ids, so that the
// spellings an analyst or a newspaper may use compare equal: Arabic alef
// forms (أ إ آ ٱ) become ا, ى becomes ي, ة becomes ه, ؤ and ئ lose their
// hamza, diacritics and tatweel go, Arabic-Indic digits become ASCII, Latin
// letters lose case and common accents, and punctuation becomes a space.
// Runs of spaces collapse to one.
func Fold(s string) string {
	// Most words of a text are folded already: up to the first rune that
	// folding changes, the result is s itself, with no copy.
	space := true // drop leading spaces
	for i, r := range s {
		if f := foldRune(r); f != r || (r == ' ' && space) {
			return fold(s, i, space)
		}
		space = r == ' '
	}
	return strings.TrimRight(s, " ")
}

// AppendFold appends Fold(s) to dst and returns the extended slice.
func AppendFold(dst []byte, s string) []byte {
	base := len(dst)
	space := true // drop leading spaces
	for _, r := range s {
		r = foldRune(r)
		switch {
		case r == 0:
			continue
		case r == ' ':
			if !space {
				dst = append(dst, ' ')
				space = true
			}
		default:
			dst = utf8.AppendRune(dst, r)
			space = false
		}
	}
	for len(dst) > base && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// fold is Fold from byte i of s on, s[:i] being folded already and space
// telling whether it ends with a space (or is empty).
func fold(s string, i int, space bool) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		r = foldRune(r)
		switch {
		case r == 0:
			continue
		case r == ' ':
			if !space {
				b.WriteByte(' ')
				space = true
			}
		default:
			b.WriteRune(r)
			space = false
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// foldRune maps one rune to its folded form: 0 drops it, ' ' separates.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf { // ASCII, as the general rules below fold it
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		case r == '\'' || r == '`':
			return 0
		}
		return ' '
	}
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x0610 && r <= 0x061A,
		r >= 0x06D6 && r <= 0x06ED, r == 0x0640, // diacritics, tatweel
		r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0xFEFF: // joiners, marks
		return 0
	case r >= 0x0660 && r <= 0x0669:
		return '0' + r - 0x0660
	case r >= 0x06F0 && r <= 0x06F9:
		return '0' + r - 0x06F0
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ى':
		return 'ي'
	case 'ة':
		return 'ه'
	case 'ؤ':
		return 'و'
	case 'ئ':
		return 'ي'
	case 'ک':
		return 'ك'
	case 'ی':
		return 'ي'
	case '-', '_', '\'', '’', '‘', '`':
		// Al-Kaabi and Al Kaabi, Barzan's and Barzans are one name.
		if r == '-' || r == '_' {
			return ' '
		}
		return 0
	}
	if r >= 0x0621 && r <= 0x064A { // the other Arabic letters (tatweel went above)
		return r
	}
	if r >= 0xC0 && r <= 0x17F { // the accented letters of latinAccents
		if a, ok := latinAccents[r]; ok {
			return a
		}
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return unicode.ToLower(r)
	}
	return ' '
}

var latinAccents = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'À': 'a', 'Á': 'a', 'Â': 'a', 'Ä': 'a',
	'ç': 'c', 'Ç': 'c', 'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'È': 'e', 'É': 'e', 'Ê': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'Î': 'i', 'ñ': 'n', 'Ñ': 'n',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'Ö': 'o', 'Ô': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'Ü': 'u', 'ß': 's', 'ş': 's', 'Ş': 's', 'ğ': 'g',
}

// Slug turns a name into the readable tail of an id: folded, spaces as
// hyphens. Arabic names keep their script.
func Slug(name string) string {
	return strings.ReplaceAll(Fold(name), " ", "-")
}

// ShortHash returns the first 12 hex digits of the SHA-256 of the parts,
// joined by NUL bytes: the tail of the ids of agreements, meetings and
// articles, whose names are not unique.
func ShortHash(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:6])
}
