package arabic

import (
	"strings"

	"github.com/alaqat/alaqat/graph"
)

// Skeleton reduces a person's name, in Arabic or Latin letters, to the
// consonant skeletons of its words, so that spellings of one name across
// scripts compare equal: "قيس بن محمد اليوسف" and "Qais bin Mohammed Al
// Yousef" both give [ks bn md ysf]. Particles written apart (Al, El, آل)
// and the article (ال) go; vowels, weak letters (ا و ي ى ء ع) and h go;
// letters that one script tells apart and the other does not share a
// class (q k ق ك; s ص س; t ط ت ث; d ض د; z ز ذ ظ; j g ج غ; sh ش ch; kh خ)
// and doubled consonants collapse.
func Skeleton(name string) []string {
	var out []string
	for _, w := range strings.Fields(graph.Fold(name)) {
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
		}
	}
	return out
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
			}
			put('f')
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
	x, y := Skeleton(a), Skeleton(b)
	if len(x) < 2 || len(y) < 2 {
		return false
	}
	return x[0] == y[0] && x[len(x)-1] == y[len(y)-1]
}
