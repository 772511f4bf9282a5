package gazetteer

import (
	"strings"

	"github.com/alaqat/alaqat/loader/arabic"
)

// Match finds the longest known phrase that starts at toks[i] and returns
// its meanings and its length in tokens (0 when nothing matches). The first
// token may carry clitics; the others must match as folded.
func (g *Gazetteer) Match(toks []arabic.Token, i int) ([]Entry, int) {
	n, length := g.phrases.longest(toks, i, hasEntries, true)
	if n == nil {
		return nil, 0
	}
	return n.entries, length
}

func hasEntries(t *trie) bool { return len(t.entries) > 0 }
func hasValues(t *trie) bool  { return len(t.values) > 0 }

// MatchAsWritten is Match without clitics on the first token: "ووزير
// الخارجية" matches only through its conjunction, so it does not match here.
func (g *Gazetteer) MatchAsWritten(toks []arabic.Token, i int) ([]Entry, int) {
	n, length := g.phrases.longest(toks, i, hasEntries, false)
	if n == nil {
		return nil, 0
	}
	return n.entries, length
}

// Word looks for a phrase of the lexicon's category (see lexicon.tsv)
// starting at toks[i] and returns its value and length in tokens.
func (g *Gazetteer) Word(category string, toks []arabic.Token, i int) (string, int) {
	t := g.category(category)
	if t == nil {
		return "", 0
	}
	n, length := t.longest(toks, i, hasValues, true)
	if n == nil {
		return "", 0
	}
	return n.values[0], length
}

// Has reports whether a phrase of the category starts at some token of
// toks: Is at every token, with the category looked up once.
func (g *Gazetteer) Has(category string, toks []arabic.Token) bool {
	t := g.category(category)
	if t == nil {
		return false
	}
	for i := range toks {
		if n, _ := t.longest(toks, i, hasValues, true); n != nil {
			return true
		}
	}
	return false
}

// Is reports whether a phrase of the category starts at toks[i].
func (g *Gazetteer) Is(category string, toks []arabic.Token, i int) bool {
	_, n := g.Word(category, toks, i)
	return n > 0
}

// IsWord reports whether one folded word, clitics allowed, is in the
// category.
func (g *Gazetteer) IsWord(category, folded string) bool {
	t := g.category(category)
	if t == nil {
		return false
	}
	if !t.mayHave(folded) {
		return false
	}
	var buf [8]string
	for _, s := range arabic.AppendStems(buf[:0], folded) {
		if n := t.next[s]; n != nil && len(n.values) > 0 {
			return true
		}
	}
	return false
}

// IsWordOrConj is IsWord reading only the conjunction و as a clitic: a
// name such as "فيصل" or "بدر" must not be read as ف+يصل or ب+در.
func (g *Gazetteer) IsWordOrConj(category, folded string) bool {
	t := g.category(category)
	if t == nil {
		return false
	}
	for _, s := range []string{folded, strings.TrimPrefix(folded, "و")} {
		if !t.mayHave(s) {
			continue
		}
		if n := t.next[s]; n != nil && len(n.values) > 0 {
			return true
		}
	}
	return false
}

// longest walks the trie from toks[i], trying each reading of the first
// token (arabic.TokenStems with clitics, else the folded token alone), and
// returns the deepest node that ok accepts.
func (t *trie) longest(toks []arabic.Token, i int, ok func(*trie) bool, clitics bool) (*trie, int) {
	if i >= len(toks) || toks[i].Punct || !t.mayHave(toks[i].Folded) {
		return nil, 0
	}
	var best *trie
	bestLen := 0
	var buf [8]string
	stems := append(buf[:0], toks[i].Folded)
	if clitics {
		stems = arabic.AppendTokenStems(buf[:0], toks[i])
	}
	for _, stem := range stems {
		n := t.next[stem]
		j := i + 1
		for n != nil {
			if ok(n) && j-i > bestLen && n.caseMatches(toks[i:j]) {
				best, bestLen = n, j-i
			}
			for j < len(toks) && toks[j].Punct && toks[j].Text == "." && toks[j].Start == toks[j-1].End {
				j++
			}
			if j >= len(toks) || toks[j].Punct {
				break
			}
			n = n.next[toks[j].Folded]
			j++
		}
	}
	return best, bestLen
}

func (t *trie) caseMatches(toks []arabic.Token) bool {
	if len(t.caseSen) == 0 || t.anyCase {
		return true
	}
	var b strings.Builder
	for _, tok := range toks {
		if !tok.Punct {
			b.WriteString(tok.Text)
		}
	}
	for _, f := range t.caseSen {
		if b.String() == f {
			return true
		}
	}
	return false
}

// IsExact reports whether one folded word, as it is, is in the category.
func (g *Gazetteer) IsExact(category, folded string) bool {
	t := g.category(category)
	if t == nil {
		return false
	}
	if !t.mayHave(folded) {
		return false
	}
	n := t.next[folded]
	return n != nil && len(n.values) > 0
}
