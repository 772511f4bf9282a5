package graph

import (
	"testing"
	"unicode"
)

// TestFoldShortcut checks that the shortcut for folded text returns what
// folding would: for every rune of the planes news text uses, alone and
// between letters, and for strings with spaces and invalid bytes.
func TestFoldShortcut(t *testing.T) {
	cases := []string{"", " ", "a  b", " a", "a ", "al kaabi", "الدوحه", "الدوحة", "\xff", "a\xffb", "\uFFFD", "qatar's", "x-y"}
	for r := rune(0); r < 0x3000; r++ {
		cases = append(cases, string(r), "a"+string(r)+"b", "ب"+string(r))
	}
	for _, r := range []rune{0xFEFF, 0xFB50, 0xFE70, 0x1F600} {
		cases = append(cases, string(r))
	}
	for _, s := range cases {
		if got, want := Fold(s), fold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFoldRuneFastPaths checks the ASCII path of foldRune against the
// general rule, and that every accented letter lies in the range the
// accent table is consulted for.
func TestFoldRuneFastPaths(t *testing.T) {
	for r := rune(0); r < 0x80; r++ {
		want := ' '
		switch {
		case r == '\'' || r == '`':
			want = 0
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			want = unicode.ToLower(r)
		}
		if got := foldRune(r); got != want {
			t.Errorf("foldRune(%q) = %q, want %q", r, got, want)
		}
	}
	for r := range latinAccents {
		if r < 0xC0 || r > 0x17F {
			t.Errorf("accented %q (%U) lies outside the range foldRune looks it up in", r, r)
		}
	}
}
