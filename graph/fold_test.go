package graph

import (
	"testing"
	"unicode"
)

// TestFoldShortcut checks that Fold's shortcut for folded text returns
// what folding the whole string does: for every rune of the planes news
// text uses, alone and between letters, and for strings with spaces and
// invalid bytes.
func TestFoldShortcut(t *testing.T) {
	cases := []string{"", " ", "  ", "a  b", " a", "a ", "a b ", "al kaabi", "الدوحه", "الدوحة", "\xff", "a\xffb", "\uFFFD", "qatar's", "x-y"}
	for r := rune(0); r < 0x3000; r++ {
		cases = append(cases, string(r), "a"+string(r)+"b", "ب"+string(r), "x "+string(r))
	}
	for _, r := range []rune{0xFEFF, 0xFB50, 0xFE70, 0x1F600} {
		cases = append(cases, string(r))
	}
	for _, s := range cases {
		if got, want := Fold(s), fold(s, 0, true); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(AppendFold([]byte("x "), s)), "x "+fold(s, 0, true); got != want {
			t.Errorf("AppendFold(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFoldRuneFastPaths checks foldRune, with its shortcuts for ASCII,
// Arabic letters and accents, against the rule written out in full, for
// every rune.
func TestFoldRuneFastPaths(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := foldRune(r), foldRuneRule(r); got != want {
			t.Fatalf("foldRune(%q %U) = %q, want %q", r, r, got, want)
		}
	}
}

var letterForms = map[rune]rune{'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ؤ': 'و', 'ئ': 'ي', 'ک': 'ك', 'ی': 'ي'}

// foldRuneRule is foldRune without shortcuts.
func foldRuneRule(r rune) rune {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x0610 && r <= 0x061A,
		r >= 0x06D6 && r <= 0x06ED, r == 0x0640,
		r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0xFEFF:
		return 0
	case r >= 0x0660 && r <= 0x0669:
		return '0' + r - 0x0660
	case r >= 0x06F0 && r <= 0x06F9:
		return '0' + r - 0x06F0
	}
	if f, ok := letterForms[r]; ok {
		return f
	}
	switch r {
	case '-', '_':
		return ' '
	case '\'', '’', '‘', '`':
		return 0
	}
	if a, ok := latinAccents[r]; ok {
		return a
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return unicode.ToLower(r)
	}
	return ' '
}
