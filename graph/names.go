package graph

import (
	"slices"
	"strings"
)

// NameSkeleton reduces a person's name, in Arabic or Latin letters, to the
// consonant skeletons of its words, so that spellings of one name across
// scripts compare equal: "قيس بن محمد اليوسف" and "Qais bin Mohammed Al
// Yousef" both give [ks bn md ysf]. Particles written apart (Al, El, آل)
// and the article (ال) go; vowels, weak letters (ا و ي ى ء ع) and h go;
// letters that one script tells apart and the other does not share a
// class (q k ق ك; s ص س; t ط ت ث; d ض د; z ز ذ ظ; j g ج غ; sh ش ch; kh خ)
// and doubled consonants collapse; p is b, as Arabic writes it ("Planas",
// "بلاناس"). Honorifics and styles before the name (HE, H.E., Dr., Sheikh,
// معالي, سعادة, الدكتور …) are not part of it. A word of vowels and weak
// letters alone ("Iwai", "إيواي") is "_", so that it still holds its place.
func NameSkeleton(name string) []string {
	var out []string
	words := StripHonorifics(strings.Fields(Fold(name)))
	for _, w := range words {
		switch w {
		case "al", "el", "ال": // "آل" folds to "ال"
			continue
		}
		if strings.HasPrefix(w, "ال") && len([]rune(w)) > 3 {
			w = strings.TrimPrefix(w, "ال")
		} else if rest, ok := strings.CutPrefix(w, "al-"); ok {
			w = rest
		} else if rest, ok := strings.CutPrefix(w, "el-"); ok {
			w = rest
		}
		if sk := wordSkeleton(w); sk != "" {
			out = append(out, sk)
		} else if len(w) > 1 {
			out = append(out, "_")
		}
	}
	return out
}

// honorifics are the folded words of styles and honorifics that may stand
// before a name without being part of it. Sheikh counts as one only before
// the name: "Sheikh Tamim" is Tamim.
var honorifics = []string{
	"he", "h", "e", "his", "her", "excellency", "highness", "royal", "majesty", "hrh", "hh",
	"dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "sir", "eng", "engineer",
	"sheikh", "shaikh", "sheikha", "shaikha", "sayyid", "sayed",
	"معالي", "سعاده", "الدكتور", "الدكتوره", "د", "الشيخ", "الشيخه", "شيخ", "السيد", "السيده",
	"سمو", "السمو", "فخامه", "صاحب", "جلاله", "المهندس", "م", "الاستاذ", "الاستاذه", "الامير", "الاميره",
}

// StripHonorifics drops the honorifics and styles (see honorifics) that
// begin a folded name's words, keeping at least one word.
func StripHonorifics(words []string) []string {
	for len(words) > 1 && slices.Contains(honorifics, words[0]) {
		words = words[1:]
	}
	return words
}

// wordSkeleton is the consonant skeleton of one folded word.
func wordSkeleton(w string) string {
	var b strings.Builder
	var last byte
	put := func(c byte) {
		if c != 0 && c != last {
			b.WriteByte(c)
		}
		last = c
	}
	rs := []rune(w)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch r {
		// Latin digraphs first.
		case 's', 'c':
			if next == 'h' {
				put('x')
				i++
				continue
			}
			if r == 'c' {
				put('k')
			} else {
				put('s')
			}
		case 'k':
			if next == 'h' {
				put('K')
				i++
				continue
			}
			put('k')
		case 'g':
			if next == 'h' {
				i++
			}
			put('j')
		case 't', 'd', 'z':
			if next == 'h' { // th, dh, zh
				i++
			}
			put(map[rune]byte{'t': 't', 'd': 'd', 'z': 'z'}[r])
		case 'p':
			if next == 'h' {
				i++
				put('f')
				continue
			}
			put('b')
		case 'q':
			put('k')
		case 'j':
			put('j')
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w', 'h', '\'', '-':
			last = 0
		case 'b', 'f', 'l', 'm', 'n', 'r', 'v':
			if r == 'v' {
				r = 'f'
			}
			put(byte(r))
		case 'x':
			put('k')
			put('s')
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			b.WriteByte(byte(r)) // "Delegate 1" and "Delegate 2" are two, 2 and 22 too
			last = 0
		// Arabic letters.
		case 'ب':
			put('b')
		case 'ت', 'ط', 'ث':
			put('t')
		case 'ج', 'غ':
			put('j')
		case 'خ':
			put('K')
		case 'د', 'ض':
			put('d')
		case 'ذ', 'ز', 'ظ':
			put('z')
		case 'ر':
			put('r')
		case 'س', 'ص':
			put('s')
		case 'ش':
			put('x')
		case 'ف':
			put('f')
		case 'ق', 'ك':
			put('k')
		case 'ل':
			put('l')
		case 'م':
			put('m')
		case 'ن':
			put('n')
		default: // vowels, weak letters, ع, ح, ه, hamza, anything else
			last = 0
		}
	}
	return b.String()
}

// SameName reports whether two names, in either script, plausibly name one
// person: the skeletons of their first and last words agree, each name
// having at least two words. Middle names may be left out ("Qais Al
// Yousef", "قيس بن محمد اليوسف"). It is a test of spelling only; whoever
// uses it must also check that the persons hold the same office.
func SameName(a, b string) bool {
	x, y := NameSkeleton(a), NameSkeleton(b)
	if len(x) < 2 || len(y) < 2 {
		return false
	}
	return x[0] == y[0] && x[len(x)-1] == y[len(y)-1]
}
