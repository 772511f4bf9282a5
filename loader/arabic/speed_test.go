package arabic

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/alaqat/alaqat/graph"
)

// speedText mixes the cases the tokenizer's shortcuts must get right:
// folded and unfolded Arabic, clitics and hamza before the article, Latin
// with capitals and accents, digits, marks, tatweel and an invalid byte.
const speedText = "وبالدوحة وألمانيا للتعاون ألباريس كالمعتاد مُحَمَّد قطـــر ٢٠١٨ Qatar's Al-Kaabi Élysée x\xffy \uFFFD 3.5 ف و ll A-1 b- -c\nقطر.\n\n٣.٥ end"

// TestTokenizeMatchesFolding checks that every token reads as the runes it
// spans and every word is folded as graph.Fold folds it, whatever shortcut
// the tokenizer took.
func TestTokenizeMatchesFolding(t *testing.T) {
	runes := []rune(speedText)
	toks := Tokenize(speedText)
	if len(toks) < 30 {
		t.Fatalf("%d tokens", len(toks))
	}
	for _, tok := range toks {
		if got := string(runes[tok.Start:tok.End]); got != tok.Text {
			t.Errorf("token %q spans %q", tok.Text, got)
		}
		if !tok.Punct && tok.Folded != graph.Fold(tok.Text) {
			t.Errorf("word %q folded %q, want %q", tok.Text, tok.Folded, graph.Fold(tok.Text))
		}
	}
}

// TestTokenStemsCached checks that the readings Tokenize keeps with a
// token are those worked out afresh, and that a copy of a token given other
// words is read afresh.
func TestTokenStemsCached(t *testing.T) {
	for _, tok := range Tokenize(speedText) {
		if tok.Punct {
			continue
		}
		fresh := Token{Text: tok.Text, Folded: tok.Folded, Start: tok.Start, End: tok.End}
		if got, want := TokenStems(tok), TokenStems(fresh); !slices.Equal(got, want) {
			t.Errorf("TokenStems(%q) = %q from Tokenize, %q afresh", tok.Text, got, want)
		}
	}
	tok := Tokenize("وبالدوحة")[0]
	tok.Text, tok.Folded = "ألباريس", "الباريس"
	if got := TokenStems(tok); !slices.Equal(got, []string{"الباريس"}) {
		t.Errorf("a changed token kept its old readings: %q", got)
	}
}

// TestAppendStems checks that the Append forms leave what dst holds and
// add what Stems and TokenStems return.
func TestAppendStems(t *testing.T) {
	for _, tok := range Tokenize(speedText) {
		dst := []string{"x", "y"}
		got := AppendStems(dst, tok.Folded)
		if !slices.Equal(got[:2], []string{"x", "y"}) || !slices.Equal(got[2:], Stems(tok.Folded)) {
			t.Errorf("AppendStems(%q) = %q", tok.Folded, got)
		}
		got = AppendTokenStems(dst[:1], tok)
		if got[0] != "x" || !slices.Equal(got[1:], TokenStems(tok)) {
			t.Errorf("AppendTokenStems(%q) = %q", tok.Text, got)
		}
	}
}

// TestRuneShortcuts checks the tokenizer's shortcuts for ASCII and Arabic
// against the rules they stand for, for every rune.
func TestRuneShortcuts(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if got := isWordRune(r); got != want {
			t.Fatalf("isWordRune(%U) = %v, want %v", r, got, want)
		}
		if isPlain(r) && graph.Fold("x"+string(r)) != "x"+string(r) {
			t.Fatalf("isPlain(%U), but graph.Fold changes it", r)
		}
	}
	for _, r := range "وفبلكا" { // the letters a clitic or the article starts with
		if !unicode.Is(unicode.Arabic, r) {
			t.Errorf("%q is no Arabic letter", r)
		}
	}
}

// TestSentencesBreakAtLines checks that a line break ends a sentence and a
// full stop between digits does not, in a text with invalid bytes.
func TestSentencesBreakAtLines(t *testing.T) {
	var got []string
	runes := []rune(speedText)
	for _, s := range Sentences(speedText) {
		got = append(got, string(runes[s.Start:s.End]))
		if !slices.Equal([]rune(speedText[s.ByteStart:s.ByteEnd]), runes[s.Start:s.End]) {
			t.Errorf("bytes %d–%d read %q, runes %d–%d %q", s.ByteStart, s.ByteEnd, speedText[s.ByteStart:s.ByteEnd], s.Start, s.End, string(runes[s.Start:s.End]))
		}
	}
	if len(got) != 3 || !strings.HasSuffix(got[0], "-c") || got[1] != "قطر." || got[2] != "٣.٥ end" {
		t.Errorf("Sentences = %q", got)
	}
}

// TestBufferReused checks that a Buffer used for text after text splits each
// as Sentences does afresh, short texts after long ones and back.
func TestBufferReused(t *testing.T) {
	var buf Buffer
	for _, text := range []string{speedText, "قطر", strings.Repeat(speedText+"\n", 20), "", "Qatar met Oman.", speedText} {
		got, want := buf.Sentences(text), Sentences(text)
		if len(got) != len(want) {
			t.Fatalf("%d sentences, want %d", len(got), len(want))
		}
		for i := range got {
			if got[i].Start != want[i].Start || got[i].End != want[i].End || got[i].ByteStart != want[i].ByteStart ||
				got[i].ByteEnd != want[i].ByteEnd || len(got[i].Tokens) != len(want[i].Tokens) {
				t.Fatalf("sentence %d differs", i)
			}
			for k, tok := range got[i].Tokens {
				w := want[i].Tokens[k]
				if tok.Text != w.Text || tok.Folded != w.Folded || tok.Start != w.Start || tok.End != w.End || tok.Punct != w.Punct ||
					!slices.Equal(TokenStems(tok), TokenStems(w)) {
					t.Fatalf("token %q differs from %q", tok.Text, w.Text)
				}
			}
		}
	}
}
