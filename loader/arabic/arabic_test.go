package arabic

import (
	"slices"
	"testing"
)

func TestStems(t *testing.T) {
	for _, tc := range []struct {
		word string
		want []string
	}{
		{"وبالدوحه", []string{"وبالدوحه", "بالدوحه", "الدوحه", "دوحه"}},
		{"للمغرب", []string{"للمغرب", "المغرب", "مغرب"}},
		{"والمانيا", []string{"والمانيا", "المانيا", "مانيا"}},
		{"qatar", []string{"qatar"}},
		{"في", []string{"في"}},
	} {
		if got := Stems(tc.word); !slices.Equal(got, tc.want) {
			t.Errorf("Stems(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestTokenizeOffsetsAreRunes(t *testing.T) {
	text := "وزير الداخلية، Qatar's Al-Kaabi (٢٠١٨)"
	runes := []rune(text)
	var words []string
	for _, tok := range Tokenize(text) {
		if string(runes[tok.Start:tok.End]) != tok.Text {
			t.Errorf("token %q at %d–%d does not match the text", tok.Text, tok.Start, tok.End)
		}
		if !tok.Punct {
			words = append(words, tok.Folded)
		}
	}
	want := []string{"وزير", "الداخليه", "qatar", "s", "al kaabi", "2018"}
	if !slices.Equal(words, want) {
		t.Errorf("words = %q, want %q", words, want)
	}
}

func TestSentences(t *testing.T) {
	text := "The U.S. and Qatar signed a deal worth 3.5 billion. وقع البلدان اتفاقية؟ نعم\nNew line. Dr. Jane Roe met Gen. Smith on Nov. 3."
	var got []string
	runes := []rune(text)
	for _, s := range Sentences(text) {
		got = append(got, string(runes[s.Start:s.End]))
	}
	want := []string{"The U.S. and Qatar signed a deal worth 3.5 billion.", "وقع البلدان اتفاقية؟", "نعم", "New line.", "Dr. Jane Roe met Gen. Smith on Nov. 3."}
	if !slices.Equal(got, want) {
		t.Errorf("Sentences = %q, want %q", got, want)
	}
}

func TestTokenStemsKeepHamzaAlefLam(t *testing.T) {
	for _, tc := range []struct {
		word string
		want []string
	}{
		{"ألباريس", []string{"الباريس"}},                   // a name, not ال + باريس (Paris)
		{"وألمانيا", []string{"والمانيا", "المانيا"}},      // Germany, not مانيا
		{"الباريس", []string{"الباريس", "باريس"}},          // written with the article: Paris
		{"بالرباط", []string{"بالرباط", "الرباط", "رباط"}}, // clitics as usual
	} {
		tok := Tokenize(tc.word)[0]
		if got := TokenStems(tok); !slices.Equal(got, tc.want) {
			t.Errorf("TokenStems(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}
