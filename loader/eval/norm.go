package eval

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// honorifics are the words a name's tokens are compared without. The list
// is the scorer's, as written: entries whose folded form differs (الشيخة,
// الأمير …) never match a folded token, exactly as in the scorer.
var honorifics = set(
	"الشيخ", "الشيخة", "السيد", "السيدة", "الدكتور", "الدكتورة", "د", "معالي", "سمو", "صاحب", "السمو",
	"الأمير", "الاميرة", "الامير", "الفريق", "اللواء", "العميد", "العقيد", "المهندس", "سعادة", "فخامة",
	"الرئيس", "الملك", "اول", "ركن",
	"sheikh", "sheikha", "mr", "mrs", "ms", "dr", "he", "h", "e", "hh", "his", "her", "excellency",
	"highness", "prince", "princess", "king", "president", "general", "gen", "lt", "maj", "col",
	"brig", "eng", "minister",
)

// orgNoise are the words an organization's name is compared without.
var orgNoise = set("شركة", "الشركة", "company", "co", "the", "group", "holding", "holdings", "ltd", "inc",
	"corp", "corporation", "plc", "ag", "gmbh", "sa", "llc")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Norm folds a name for matching as the scorer does: NFKC, Arabic
// diacritics and tatweel dropped, Arabic letter variants folded (أ إ آ ٱ →
// ا, ى → ي, ة → ه, ؤ → و, ئ → ي), lower case (Python's full mapping),
// quotes, brackets and punctuation, '-' and '_' turned into spaces, and
// white space collapsed.
func Norm(s string) string {
	if s == "" {
		return ""
	}
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case arabicDiacritic(r):
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r == 'ؤ':
			r = 'و'
		case r == 'ئ':
			r = 'ي'
		}
		b.WriteRune(r)
	}
	s = pyLower(b.String())
	s = strings.Map(func(r rune) rune {
		if punct(r) || r == '-' || r == '_' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(pyFields(s), " ")
}

// arabicDiacritic is the scorer's class [\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640].
func arabicDiacritic(r rune) bool {
	return (r >= 0x0610 && r <= 0x061A) || (r >= 0x064B && r <= 0x065F) || r == 0x0670 ||
		(r >= 0x06D6 && r <= 0x06ED) || r == 0x0640
}

// punct is the scorer's class of characters turned into spaces.
func punct(r rune) bool {
	return strings.ContainsRune("\u2018\u2019\u201c\u201d\"'`«»()[]{}.,،؛;:!?؟/\\|", r)
}

// pyLower lowers s as Python's str.lower does: Go's simple mappings plus
// the one unconditional full mapping (İ → i̇) and the final sigma.
func pyLower(s string) string {
	if !strings.ContainsAny(s, "İΣ") {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch r {
		case 'İ':
			b.WriteString("i\u0307")
		case 'Σ':
			if finalSigma(rs, i) {
				b.WriteRune('ς')
			} else {
				b.WriteRune('σ')
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// finalSigma is Unicode's Final_Sigma condition: a cased letter before
// (case-ignorable ones skipped) and none after.
func finalSigma(rs []rune, i int) bool {
	before := false
	for j := i - 1; j >= 0; j-- {
		if caseIgnorable(rs[j]) {
			continue
		}
		before = cased(rs[j])
		break
	}
	if !before {
		return false
	}
	for j := i + 1; j < len(rs); j++ {
		if caseIgnorable(rs[j]) {
			continue
		}
		return !cased(rs[j])
	}
	return true
}

func cased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r)
}

func caseIgnorable(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk) ||
		r == '\'' || r == '.' || r == ':' || r == 0x00B7 || r == 0x2019 || r == 0x2018 || r == 0x2024 || r == 0x00AD
}

// pyUpper uppers s as Python's str.upper does for what ISO codes hold:
// Go's simple mappings, and ß → SS.
func pyUpper(s string) string {
	return strings.ReplaceAll(strings.ToUpper(s), "ß", "SS")
}

// pySpace is Python's str.isspace: Go's white space and the information
// separators U+001C–U+001F.
func pySpace(r rune) bool { return unicode.IsSpace(r) || (r >= 0x1C && r <= 0x1F) }

// pyFields splits s as Python's str.split() does.
func pyFields(s string) []string { return strings.FieldsFunc(s, pySpace) }

// pyStrip trims s as Python's str.strip() does.
func pyStrip(s string) string { return strings.TrimFunc(s, pySpace) }

// tokens are the folded words of a name, honorifics and noise left out.
func tokens(s string, noise map[string]bool) []string {
	var out []string
	for _, t := range pyFields(Norm(s)) {
		if honorifics[t] || noise[t] {
			continue
		}
		out = append(out, t)
	}
	return out
}

// NameSim is the best similarity of two lists of spellings, 0 to 1: 1 for
// the same tokens, 0.9 when one name's tokens are all in the other's (two
// tokens at least, or three in all), else the share of tokens in common.
func NameSim(a, b []string, noise map[string]bool) float64 {
	best := 0.0
	tb := make([][]string, len(b))
	for j, y := range b {
		tb[j] = tokens(y, noise)
	}
	for _, x := range a {
		ta := tokens(x, noise)
		if len(ta) == 0 {
			continue
		}
		for _, tbj := range tb {
			if len(tbj) == 0 {
				continue
			}
			if slices.Equal(ta, tbj) {
				return 1.0
			}
			sa, sb := set(ta...), set(tbj...)
			inter := 0
			for t := range sa {
				if sb[t] {
					inter++
				}
			}
			if inter == 0 {
				continue
			}
			union := len(sa) + len(sb) - inter
			small := min(len(sa), len(sb))
			if inter == small && (small >= 2 || union <= 3) {
				best = max(best, 0.9)
			}
			best = max(best, float64(inter)/float64(union))
		}
	}
	return best
}
