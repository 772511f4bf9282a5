package extract

import (
	"strings"

	"github.com/alaqat/alaqat/loader/arabic"
	"github.com/alaqat/alaqat/loader/gazetteer"
)

// surnameAt returns the well-known person whose distinctive surname is
// the word at k (after honorifics), or nil.
func (x *Extractor) surnameAt(s *sentence, k int) *gazetteer.Person {
	for k < len(s.toks) && x.isHonorific(s, k) {
		k++
		if k < len(s.toks) && s.toks[k].Text == "." {
			k++
		}
	}
	if k >= len(s.toks) || s.toks[k].Punct || x.breaks(s, k) {
		return nil
	}
	return x.gaz.PersonBySurname(s.toks[k].Text)
}

// coordinated reports whether an office title is joined to what precedes
// it by و: "محمد بن سلمان ووزيرة خارجية الهند" names two people, so the name
// before the title is not its holder.
func (x *Extractor) coordinated(s *sentence, m mention) bool {
	t := s.toks[m.i]
	if !strings.HasPrefix(t.Folded, "و") {
		return false
	}
	_, n := x.gaz.MatchAsWritten(s.toks, m.i)
	return n == 0
}

// apposition reports whether a name right before a title, with no comma,
// is the title's holder ("جوزيبه بونو المدير العام", "محمد بن سلمان ولي
// العهد") rather than a noun the title qualifies ("موكب ولي العهد"): the
// name must have an honorific before it, a particle (بن, آل) in it or a
// preposition or mark right before it, be written in Latin letters, or the
// title must carry the article.
func (x *Extractor) apposition(s *sentence, i, j int, title mention) bool {
	if i > 0 && x.isHonorific(s, i-1) || isLatin(s.toks[i].Text) || hasArticle(s.toks[title.i]) {
		return true
	}
	// "بحضور سامح شكري وزير الخارجية": a preposition or a mark closes the
	// name on the left, so nothing before it can be what the title qualifies.
	if i == 0 || s.toks[i-1].Punct || x.gaz.IsWord("stop", s.toks[i-1].Folded) {
		return true
	}
	for k := i; k < j; k++ {
		if x.isParticle(s.toks[k]) {
			return true
		}
	}
	return false
}

// breaks reports whether token k cannot be part of a person's name: a mark,
// a function word, a verb the rules know, or a known name of something else.
func (x *Extractor) breaks(s *sentence, k int) bool {
	t := s.toks[k]
	if t.Punct || covered(s, k) {
		return true
	}
	// Folding makes the preposition على and the name علي one word; as
	// written they differ, and the name goes on.
	if t.Text == "علي" {
		return false
	}
	// "الشيخ صباح خالد": a given name that is also a word of time.
	if k > 0 && x.gaz.IsExact("name_word", t.Folded) && x.isHonorific(s, k-1) {
		return false
	}
	for _, cat := range []string{"stop", "verb_meet", "verb_sign", "verb_other", "counterpart", "side", "honorific", "orgkind", "plural_agreement", "weekday", "month", "year_word", "purpose", "verb_visit", "common_noun"} {
		if x.gaz.IsWordOrConj(cat, t.Folded) {
			return true
		}
	}
	// "لشركة توازن", "لحكومة الوفاق", "بمكتب": a body's word behind a
	// preposition is no name.
	if !isLatin(t.Text) && (x.gaz.IsWord("orgkind", t.Folded) || x.gaz.IsWord("government_word", t.Folded)) {
		return true
	}
	if x.gaz.Is("agreement", s.toks, k) || x.gaz.Is("relative_day", s.toks, k) || x.gaz.Is("relative_week", s.toks, k) || x.gaz.Is("relative_month", s.toks, k) || x.gaz.Is("relative_year", s.toks, k) {
		return true
	}
	for _, r := range t.Folded {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}

// isParticle reports whether a word joins the parts of a name: بن, آل,
// عبد, bin, al, von …, read without clitics.
func (x *Extractor) isParticle(t arabic.Token) bool {
	return !t.Punct && x.gaz.IsExact("particle", t.Folded)
}

func (x *Extractor) isHonorific(s *sentence, k int) bool {
	t := s.toks[k]
	if t.Punct {
		return false
	}
	if x.gaz.IsWord("honorific", t.Folded) {
		return true
	}
	// "HE Sultan bin Saad Al Muraikhi": a style in capitals.
	return styleAbbrev[t.Text]
}

// nameForward reads a person's name starting at token k (after skipping
// honorifics) and returns its tokens [i, j), or ok false.
func (x *Extractor) nameForward(s *sentence, k int) (i, j int, ok bool) {
	// The rest of a long title ("والصناعة والثروة المعدنية") and adjectives
	// ("الجديد") come before the honorific and the name; a name never starts
	// with the article.
	for skipped := 0; k < len(s.toks) && skipped < 4 && !s.toks[k].Punct && hasArticle(s.toks[k]) && !x.isHonorific(s, k) && !covered(s, k); skipped++ {
		k++
	}
	for k < len(s.toks) && x.isHonorific(s, k) {
		k++
		if k < len(s.toks) && s.toks[k].Text == "." { // "Dr.", "Gen."
			k++
		}
	}
	i = k
	latin := k < len(s.toks) && isLatin(s.toks[k].Text)
	words := 0
	for k < len(s.toks) && k-i < 8 {
		t := s.toks[k]
		if t.Punct {
			break
		}
		if x.isParticle(t) && k > i {
			k++
			continue
		}
		if x.breaks(s, k) || isLatin(t.Text) != latin {
			break
		}
		// "سلمان ووليّ عهده": a word joined by و to one that starts with و
		// begins another phrase.
		if k > i && strings.HasPrefix(t.Text, "وو") {
			break
		}
		if latin {
			if !isCapitalized(t.Text) && !(k > i && particleHyphen(t.Text)) {
				break
			}
		} else if hasArticle(t) {
			if k == i {
				break
			}
			prev := s.toks[k-1].Folded
			if !x.gaz.IsExact("bound_particle", prev) {
				// A family name with the article closes the name, with the
				// family names after it: "عبدالله علي العبدالله السالم
				// الصباح".
				words++
				k++
				// Family names are not joined by و, nor are they topics:
				// "الملك سلمان … التعاون الثنائي والقضايا".
				for k < len(s.toks) && k-i < 8 && !s.toks[k].Punct && hasArticle(s.toks[k]) && !strings.HasPrefix(s.toks[k].Text, "وال") && !x.breaks(s, k) && !covered(s, k) && !x.gaz.IsWord("portfolio", s.toks[k].Folded) && !x.gaz.IsWord("title_modifier", s.toks[k].Folded) && !x.gaz.Is("topic", s.toks, k) {
					k++
				}
				break
			}
		}
		words++
		k++
	}
	j = k
	for j > i && x.isParticle(s.toks[j-1]) {
		j--
	}
	// "ولي العهد محمد بن سلمان جين بينغ": a well-known person's full name
	// ends where it ends, however the next name runs on.
	for m := j - 1; j-i >= 4 && m >= i+2 && x.gaz.PersonNamePrefix(s.toks[i].Folded) && x.gaz.PersonNamed(spanText(s.toks, i, j)) == nil; m-- {
		if !x.isParticle(s.toks[m]) && !x.isParticle(s.toks[m-1]) && x.gaz.PersonNamed(spanText(s.toks, i, m)) != nil {
			j = m
			break
		}
	}
	// "King Khalid International Airport", "مطار الملك خالد": a place that
	// carries a person's name is no person.
	for k := i; k <= j && k < len(s.toks); k++ {
		if x.gaz.IsWord("facility", s.toks[k].Folded) && (k < j || isLatin(s.toks[k].Text) == latin && (!latin || isCapitalized(s.toks[k].Text))) {
			return i, j, false
		}
	}
	return i, j, words >= 2
}

// nameAfterComma reads a name set off by a comma after its title, when a
// comma or the end of the sentence closes it too: "the Saudi foreign
// minister, Prince Faisal bin Farhan, said".
func (x *Extractor) nameAfterComma(s *sentence, k int) (i, j int, ok bool) {
	if k >= len(s.toks) || !s.toks[k].Punct || (s.toks[k].Text != "," && s.toks[k].Text != "،") {
		return 0, 0, false
	}
	i, j, ok = x.nameForward(s, k+1)
	if !ok || (j < len(s.toks) && !s.toks[j].Punct) {
		return 0, 0, false
	}
	return i, j, true
}

// nameBackward reads a person's name ending at token k, going left.
func (x *Extractor) nameBackward(s *sentence, k int) (i, j int, ok bool) {
	j = k + 1
	latin := k >= 0 && k < len(s.toks) && isLatin(s.toks[k].Text)
	words := 0
	i = j
	for k >= 0 && j-k <= 8 {
		t := s.toks[k]
		if t.Punct || x.isHonorific(s, k) {
			break
		}
		if x.isParticle(t) {
			i = k
			k--
			continue
		}
		if x.breaks(s, k) || isLatin(t.Text) != latin {
			break
		}
		if latin {
			if !isCapitalized(t.Text) {
				break
			}
		} else if hasArticle(t) && k != j-1 {
			if k == 0 || !x.gaz.IsExact("bound_particle", s.toks[k-1].Folded) {
				break
			}
		}
		words++
		i = k
		k--
	}
	for i < j && x.isParticle(s.toks[i]) {
		i++
	}
	// "معالي السيد سوجيونو وزير خارجية …": one word after an honorific is
	// a name of one word.
	if words == 1 && i == j-1 && i > 0 && x.isHonorific(s, i-1) && !hasArticle(s.toks[i]) && !x.gaz.IsWord("stop", s.toks[i].Folded) {
		return i, j, true
	}
	return i, j, words >= 2
}

// hasArticle reports whether a word starts with the article ال as written:
// "ألكسندر" starts with a hamza and is a name, not an article.
func hasArticle(t arabic.Token) bool {
	for _, p := range []string{"ال", "وال", "فال", "بال", "كال", "لل", "ولل", "وبال"} {
		if strings.HasPrefix(t.Text, p) {
			return true
		}
	}
	return false
}

// particleHyphen reports whether a Latin word is a family name written
// with its particle: "el-Sisi", "al-Thani", "bin-Zayed".
func particleHyphen(w string) bool {
	p, rest, ok := strings.Cut(w, "-")
	if !ok || !isCapitalized(rest) {
		return false
	}
	switch strings.ToLower(p) {
	case "al", "el", "bin", "ben", "ibn", "abu", "bou", "ould", "ag":
		return true
	}
	return false
}
