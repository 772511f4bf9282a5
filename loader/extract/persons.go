package extract

import (
	"cmp"
	"slices"
	"strings"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/arabic"
	"github.com/alaqat/alaqat/loader/gazetteer"
)

// person is someone named in the article.
type person struct {
	names       []string // as written, without honorifics; the first is the fullest
	offices     []office
	country     string // ISO2 of the country they act for, once known
	counterpart *person
	mentions    []span
}

// office is a title a person holds, as the article states it.
type office struct {
	title   string
	country string  // ISO2
	org     *orgRef // the organization the office is in, if any
	sent    int
}

// span is a stretch of tokens [i, j) of one sentence.
type span struct{ sent, i, j int }

// anonOffice is a title with no name ("ولي العهد السعودي"): it may refer to
// a person named elsewhere with the same office.
type anonOffice struct {
	title   string
	country string
	at      span
}

// qualifiers reads what follows or precedes an office title and says whose
// office it is: "وزير الداخلية الألماني", "وزيرة خارجية الهند", "قائد القوات
// البحرية القطرية", "German Economy Minister", "Qatar's Energy Minister".
// It returns the country, the organization, the token after the
// qualifiers, and the first token of the title with those before it.
func (x *Extractor) qualifiers(s *sentence, m mention) (country string, org *orgRef, end, begin int) {
	end, begin = m.j, m.i
	for k := m.j; k < len(s.toks); {
		mm := mentionAt(s, k)
		switch {
		case mm != nil && mm.kind == mDemonym && country == "":
			country, k = mm.country.ISO2, mm.j
		case mm != nil && mm.kind == mCountry && country == "" && !x.gaz.IsWord("stop", s.toks[k].Folded):
			country, k = mm.country.ISO2, mm.j
		case x.gaz.IsExact("host_prep", s.toks[k].Folded) && k+1 < len(s.toks) && mentionAt(s, k+1) != nil && mentionAt(s, k+1).kind == mCountry:
			// "سفير … لدى الهند": India hosts the ambassador; it is not theirs.
			k = mentionAt(s, k+1).j
		case mm != nil && mm.kind == mOrg && org == nil:
			org, k = mm.org, mm.j
			if country == "" {
				country = org.country
			}
			if c := x.demonymAt(s.toks, k); c != nil {
				k++
			}
			if k < len(s.toks) && s.toks[k].Punct && isOpenQuote(s.toks[k].Text) {
				if e := closeQuote(s.toks, k); e > 0 {
					k = e + 1
				}
			}
		case x.gaz.Is("orgkind", s.toks, k) && k+1 < len(s.toks) && mentionAt(s, k+1) != nil && mentionAt(s, k+1).kind == mOrg:
			k++
		case s.toks[k].Folded == "of" && k+1 < len(s.toks) && mentionAt(s, k+1) != nil && (mentionAt(s, k+1).kind == mOrg || mentionAt(s, k+1).kind == mCountry):
			k++
		case s.toks[k].Folded == "of" && k+2 < len(s.toks) && s.toks[k+1].Folded == "the" && mentionAt(s, k+2) != nil && (mentionAt(s, k+2).kind == mOrg || mentionAt(s, k+2).kind == mCountry):
			k += 2 // "Minister of Trade of the Republic of Indonesia"
		case s.toks[k].Folded == "of" && k+3 < len(s.toks) && s.toks[k+1].Folded == "the" && mentionAt(s, k+2) != nil && mentionAt(s, k+2).kind == mDemonym && mentionAt(s, mentionAt(s, k+2).j) != nil && mentionAt(s, mentionAt(s, k+2).j).kind == mOrg:
			k += 2 // "Under-Secretary of the Kenyan Foreign Ministry"
		case k == m.j && x.portfolioTail(s, k) > k:
			k = x.portfolioTail(s, k)
		default:
			end = k
			goto before
		}
		end = k
	}
before:
	k := m.i - 1
	if k >= 1 && s.toks[k].Folded == "s" && s.toks[k-1].Punct && strings.ContainsAny(s.toks[k-1].Text, "'’") {
		k -= 2
	}
	if k >= 0 {
		if mm := mentionEndingAt(s, k+1); mm != nil && (mm.kind == mDemonym || mm.kind == mCountry) && isLatin(s.toks[mm.i].Text) {
			if country == "" {
				country = mm.country.ISO2
			}
			begin = mm.i
		} else if mm != nil && mm.kind == mOrg && isLatin(s.toks[mm.i].Text) && org == nil {
			// "Iran's Supreme National Security Council Secretary NAME"
			org, begin = mm.org, mm.i
			if country == "" {
				country = org.country
			}
		}
	}
	return country, org, end, begin
}

// knownPersonsActing finds well-known persons named without a title in a
// sentence where someone meets or signs: "Erdogan met Putin in Sochi",
// "استقبل محمد بن سلمان ماكرون". Their full names (or a distinctive
// surname) come from the gazetteer; elsewhere a bare name is left alone,
// as a leader named in passing does not act in the story.
func (x *Extractor) knownPersonsActing(a *analysis, s *sentence) {
	if !x.hasWord(s, "verb_meet") && !x.hasWord(s, "verb_sign") {
		return
	}
	for k := 0; k < len(s.toks); k++ {
		if s.toks[k].Punct || s.quoted[k] || covered(s, k) || a.inPersonMention(s.index, k) {
			continue
		}
		// The longest full name first, then a surname. A span folded starts
		// with any shorter span from k folded: where no listed name starts
		// so, no longer span is a name either.
		var known *gazetteer.Person
		n := 0
		if x.gaz.PersonNamePrefix(s.toks[k].Folded) {
			for m := 2; m <= min(6, len(s.toks)-k); m++ {
				folded := graph.Fold(spanText(s.toks, k, k+m))
				if !s.toks[k+m-1].Punct {
					if p := x.gaz.PersonNamedFolded(folded); p != nil {
						known, n = p, m
					}
				}
				if !x.gaz.PersonNamePrefix(folded) {
					break
				}
			}
		}
		if known != nil {
			a.knownPersonSpan(s, k, k+n, known)
			k += n - 1
			continue
		}
		t := s.toks[k]
		if isLatin(t.Text) && !isCapitalized(t.Text) {
			continue
		}
		// "Mr Biden's adviser": a possessor named in passing.
		possessor := k+2 < len(s.toks) && s.toks[k+1].Punct && strings.ContainsAny(s.toks[k+1].Text, "'’") && s.toks[k+2].Folded == "s"
		if known := x.gaz.PersonBySurnameFolded(t.Folded); known != nil && !x.breaks(s, k) && !possessor { // a word's Folded is its Text folded
			a.knownPersonSpan(s, k, k+1, known)
		}
	}
}

// knownPersonSpan registers a mention of a well-known person at tokens
// [i, j), under their full name.
func (a *analysis) knownPersonSpan(s *sentence, i, j int, known *gazetteer.Person) {
	p := a.knownPersonAt(s, i, known)
	last := &p.mentions[len(p.mentions)-1]
	last.j = j
	if p.country == "" {
		p.country = known.Country
	}
	// Named without a title, they keep the office the gazetteer knows them
	// by, so that they count for their country.
	if len(p.offices) == 0 && known.Office != "" && known.Country != "" {
		p.addOffice(office{title: known.Office, country: known.Country, sent: s.index})
	}
}

// knownPersonAt registers a mention of a well-known person by surname at
// token k, under their full name.
func (a *analysis) knownPersonAt(s *sentence, k int, known *gazetteer.Person) *person {
	full := known.NamesEN[0]
	if !isLatin(s.toks[k].Text) && len(known.NamesAR) > 0 {
		full = known.NamesAR[0]
	}
	for _, p := range a.persons {
		if slices.Contains(p.names, full) {
			p.mentions = append(p.mentions, span{s.index, k, k + 1})
			return p
		}
	}
	p := &person{names: []string{full}, mentions: []span{{s.index, k, k + 1}}}
	a.persons = append(a.persons, p)
	return p
}

// mentionAt returns the mention starting at token k, or nil.
func mentionAt(s *sentence, k int) *mention {
	for i := range s.mentions {
		if s.mentions[i].i == k {
			return &s.mentions[i]
		}
	}
	return nil
}

// mentionEndingAt returns the mention ending just before token k, or nil.
func mentionEndingAt(s *sentence, k int) *mention {
	for i := range s.mentions {
		if s.mentions[i].j == k {
			return &s.mentions[i]
		}
	}
	return nil
}

// covered reports whether token k lies inside a mention.
func covered(s *sentence, k int) bool {
	for _, m := range s.mentions {
		if k >= m.i && k < m.j {
			return true
		}
	}
	return false
}

// findPersons reads the persons of one sentence from its office titles and
// counterpart phrases.
// nisbaName extends a name ending before token j over a family name that
// reads as a demonym of another country than the office's: "رئيس الوزراء
// العراقي محمد شياع السوداني" is no Sudanese. The word must close the
// clause: a mark, the end, or a word that cannot be part of a name.
func (x *Extractor) nisbaName(s *sentence, j int, country string) int {
	if country == "" || j >= len(s.toks) || isLatin(s.toks[j].Text) || !hasArticle(s.toks[j]) {
		return j
	}
	c := x.demonymAt(s.toks, j)
	if c == nil || c.ISO2 == country {
		return j
	}
	if entries, n := x.gaz.Match(s.toks, j); n != 1 || len(entries) == 0 {
		return j
	}
	if j+1 < len(s.toks) && !s.toks[j+1].Punct && !x.gaz.IsExact("stop", s.toks[j+1].Folded) && !x.gaz.IsWord("verb_meet", s.toks[j+1].Folded) && !x.gaz.IsWord("verb_sign", s.toks[j+1].Folded) {
		return j
	}
	return j + 1
}

// mononym reports whether the one word at i after a title is a name of
// one word ("Minister of Foreign Affairs of the Republic of Indonesia
// Sugiono, who …"): Latin, capitalized, unknown to the gazetteer, the
// title's country stated, and a mark or the end of the clause after it.
func (x *Extractor) mononym(s *sentence, i int, country string) bool {
	if country == "" || i >= len(s.toks) || !isLatin(s.toks[i].Text) || !isCapitalized(s.toks[i].Text) || isAcronym(s.toks[i].Text) {
		return false
	}
	if entries, n := x.gaz.Match(s.toks, i); n > 0 && len(entries) > 0 || x.breaks(s, i) || x.isHonorific(s, i) || x.surnameAt(s, i) != nil {
		return false // a well-known person's surname is read as theirs
	}
	if i+1 == len(s.toks) {
		return true
	}
	next := s.toks[i+1]
	return next.Punct && next.Text != "." || next.Folded == "who" || x.gaz.IsWord("verb_meet", next.Folded) || x.gaz.IsWord("verb_sign", next.Folded)
}

// portfolioTail returns the token after the further portfolios that a
// minister's title lists after the one the gazetteer matched: ", Industry
// and Investment Promotion" in "Minister of Commerce, Industry and
// Investment Promotion", "وترويج الاستثمار" in "وزير التجارة والصناعة
// وترويج الاستثمار". It returns k when none follow.
func (x *Extractor) portfolioTail(s *sentence, k int) int {
	toks := s.toks
	portfolio := func(k int) bool {
		return k < len(toks) && !toks[k].Punct && mentionAt(s, k) == nil && x.gaz.IsWord("portfolio", toks[k].Folded)
	}
	end := k
	for k < len(toks) {
		if isLatin(toks[k].Text) || toks[k].Punct {
			// ", Trade", "and Industry", ", and Tourism": a joiner, then
			// capitalized portfolio words.
			n := k
			if toks[n].Punct && toks[n].Text == "," {
				n++
			}
			// "Minister of State for International Cooperation": the
			// portfolio of a minister of state, after "for".
			if n == k && k == end && toks[n].Folded == "for" && k >= 1 && toks[k-1].Folded == "state" {
				n++
			}
			if n < len(toks) && (toks[n].Folded == "and" || toks[n].Text == "&") {
				n++
			}
			if n == k || !portfolio(n) || !isCapitalized(toks[n].Text) {
				return end
			}
			for n < len(toks) && portfolio(n) && isCapitalized(toks[n].Text) {
				n++
			}
			k, end = n, n
			continue
		}
		// Arabic: "والصناعة", "وترويج الاستثمار": a portfolio joined by و,
		// with the words that complete it.
		if !strings.HasPrefix(toks[k].Text, "و") || !portfolio(k) || x.gaz.IsWord("minister_word", toks[k].Folded) {
			return end
		}
		k++
		for portfolio(k) && !strings.HasPrefix(toks[k].Text, "و") {
			k++
		}
		end = k
	}
	return end
}

func (x *Extractor) findPersons(a *analysis, s *sentence) {
	var last *person // the person of the previous title, for chains of titles
	lastEnd := -1
	// "من الجانب السعودي", "وعن الجانب التركي": a side marker gives its
	// country to the persons named after it, up to the next marker.
	type side struct {
		at      int
		country string
	}
	var sides []side
	for k := 0; k < len(s.toks); k++ {
		if x.gaz.IsWord("side", s.toks[k].Folded) {
			if c := x.demonymAt(s.toks, k+1); c != nil {
				sides = append(sides, side{k, c.ISO2})
			} else if mm := mentionEndingAt(s, k); mm != nil && mm.kind == mDemonym && isLatin(s.toks[k].Text) {
				// "from the Mongolian side by Foreign Minister …"
				sides = append(sides, side{k, mm.country.ISO2})
			}
		}
		// "signed on behalf of Rwanda by Minister …", "نيابة عن المغرب"
		if (s.toks[k].Folded == "behalf" && k+2 < len(s.toks) && s.toks[k+1].Folded == "of") || s.toks[k].Folded == behalfWord && k+2 < len(s.toks) && s.toks[k+1].Folded == "عن" {
			if mm := mentionAt(s, k+2); mm != nil && mm.kind == mCountry {
				sides = append(sides, side{k, mm.country.ISO2})
			}
		}
	}
	offices := []mention{}
	for _, m := range s.mentions {
		// "الأمير" before a name is a prince's honorific, not the office of
		// an emir ("أمير قطر").
		// "مطار الملك خالد", "the King Fahd Causeway": a title inside the
		// name of a place.
		if m.kind == mOffice && m.i > 0 && x.gaz.IsWord("facility", s.toks[m.i-1].Folded) {
			continue
		}
		if m.kind == mOffice && !s.quoted[m.i] && !(m.j-m.i == 1 && hasArticle(s.toks[m.i]) && x.isHonorific(s, m.i)) {
			offices = append(offices, m)
		}
	}
	// Titles with no name of their own that run straight into the next
	// title ("رئيس مجلس الوزراء وزير الخارجية الشيخ …", "Prime Minister and
	// Minister of Foreign Affairs Sheikh …") belong to the name after it.
	type pendingTitle struct {
		m       mention
		country string
		org     *orgRef
		end     int
	}
	var pending []pendingTitle
	for _, m := range offices {
		country, org, end, begin := x.qualifiers(s, m)
		if len(pending) > 0 {
			prev := pending[len(pending)-1]
			adjacent := begin == prev.end || (begin == prev.end+1 && x.gaz.IsExact("and_word", s.toks[prev.end].Folded))
			if !adjacent {
				for _, t := range pending {
					a.anon = append(a.anon, anonOffice{title: t.m.office.Title, country: t.country, at: span{s.index, t.m.i, t.m.j}})
				}
				pending = nil
			}
		}
		var p *person
		chainEnd := end
		fi, fj, fok := x.nameForward(s, end)
		// "وزير الخارجية السوداني “علي يوسف الشريف”": a quoted name.
		if !fok && end+1 < len(s.toks) && s.toks[end].Punct && isOpenQuote(s.toks[end].Text) {
			if i, j, ok := x.nameForward(s, end+1); ok && j < len(s.toks) && s.toks[j].Punct && isCloseQuote(s.toks[j].Text) {
				fi, fj, fok = i, j, true
			}
		}
		if nj := x.nisbaName(s, fj, country); nj > fj && fj > fi {
			fj, fok = nj, true
		}
		if !fok && fj == fi+1 && x.mononym(s, fi, country) {
			fok = true
		}
		if i, j, ok := fi, fj, fok; ok {
			p = a.person(s, i, j)
			chainEnd = j
			// "Presidents NAME of Mexico": the country after the name.
			if country == "" {
				country = x.countryAfterName(s, j)
			}
			if q, e := x.secondOfPlural(a, s, m, j); q != nil {
				qc := x.countryAfterName(s, e)
				// "He visited Tajikistan and Kyrgyzstan, where he met with
				// Presidents A and B": the countries named last, in order.
				if country == "" && qc == "" {
					if cs := a.lastTwoCountries(s, m.i); cs != nil {
						country, qc = cs[0], cs[1]
					}
				}
				q.addOffice(office{title: m.office.Title, country: qc, sent: s.index})
				chainEnd = e
				a.plurals = append(a.plurals, pluralPair{sent: s.index, at: m.i, first: p, second: q})
			}
		} else if i, j, ok := x.nameAfterComma(s, end); ok {
			// "the Saudi foreign minister, Prince Faisal bin Farhan, said"
			p = a.person(s, i, j)
			chainEnd = j
		} else if k := x.surnameAt(s, end); k != nil && (x.hasWord(s, "verb_meet") || x.hasWord(s, "verb_sign")) {
			// "President Macron met …", "الرئيس ماكرون التقى …": a surname the
			// gazetteer knows stands for the whole name where the person acts;
			// "في عهد الرئيس السيسي" names a leader in passing.
			p = a.knownPersonAt(s, end, k)
			chainEnd = end + 1
		} else if last != nil && (begin == lastEnd || (begin == lastEnd+1 && x.gaz.IsExact("and_word", s.toks[lastEnd].Folded))) {
			p = last
		} else if !x.coordinated(s, m) {
			b := begin - 1
			comma := b >= 0 && s.toks[b].Punct && (s.toks[b].Text == "،" || s.toks[b].Text == ",")
			if comma {
				b--
			}
			if i, j, ok := x.nameBackward(s, b); ok && (comma || x.apposition(s, i, j, m)) {
				p = a.person(s, i, j)
			} else if b >= 2 && s.toks[b].Punct && isCloseQuote(s.toks[b].Text) {
				// "“فائز السراج” رئيس المجلس الرئاسي": a name in quotation
				// marks before its title.
				if i, j, ok := x.nameBackward(s, b-1); ok && i > 0 && s.toks[i-1].Punct && isOpenQuote(s.toks[i-1].Text) {
					p = a.person(s, i, j)
				}
			}
		}
		if p == nil {
			pending = append(pending, pendingTitle{m, country, org, end})
			continue
		}
		for _, t := range pending {
			p.addOffice(office{title: t.m.office.Title, country: cmp.Or(t.country, country), org: t.org, sent: s.index})
		}
		pending = nil
		p.addOffice(office{title: m.office.Title, country: country, org: org, sent: s.index})
		if org != nil {
			a.addOrg(org, s, mention{i: m.i, j: end})
		}
		last, lastEnd = p, chainEnd
	}
	for _, t := range pending {
		a.anon = append(a.anon, anonOffice{title: t.m.office.Title, country: t.country, at: span{s.index, t.m.i, t.m.j}})
	}
	x.rankedPersons(a, s)
	x.knownPersonsActing(a, s)
	// Counterparts: "نظيره الألماني NAME", "his Rwandan counterpart NAME".
	for k := 0; k < len(s.toks); k++ {
		if !x.gaz.IsWord("counterpart", s.toks[k].Folded) {
			continue
		}
		var country string
		var e int
		// English puts the demonym before: "his Rwandan counterpart".
		if mm := mentionEndingAt(s, k); mm != nil && mm.kind == mDemonym && isLatin(s.toks[k].Text) {
			country = mm.country.ISO2
		}
		e = k + 1
		if mm := mentionAt(s, e); mm != nil && (mm.kind == mDemonym || mm.kind == mCountry) {
			country, e = mm.country.ISO2, mm.j
		}
		// "his Polish counterpart, Wladyslaw Kosiniak-Kamysz,", "ونظيره
		// “داتو سري ريتشارد ريوت”"
		if e < len(s.toks) && (s.toks[e].Text == "," || s.toks[e].Text == "،" || isOpenQuote(s.toks[e].Text)) {
			e++
		}
		i, j, ok := x.nameForward(s, e)
		if !ok {
			continue
		}
		q := a.person(s, i, j)
		if subject := a.subjectBefore(s, i); subject != nil && subject != q {
			q.counterpart, subject.counterpart = subject, q
			if len(q.offices) == 0 && len(subject.offices) > 0 {
				q.addOffice(office{title: subject.offices[0].title, country: country, sent: s.index})
			}
		}
		if country != "" && q.country == "" {
			q.country = country
		}
	}
	// "وعن الجانب الكيني السيد موساليا مودافادي": a side marker, an
	// honorific and a name with no title is a person of that side.
	for _, sd := range sides {
		k := sd.at + 2
		for k < len(s.toks) && s.toks[k].Punct && (s.toks[k].Text == "،" || s.toks[k].Text == ",") {
			k++
		}
		if k >= len(s.toks) || !x.isHonorific(s, k) || covered(s, k) {
			continue
		}
		if i, j, ok := x.nameForward(s, k); ok && !covered(s, i) {
			if p := a.person(s, i, j); p.country == "" && p.officeCountry() == "" {
				p.country = sd.country
			}
		}
	}
	for _, p := range a.personsIn(s.index) {
		if p.country != "" || p.officeCountry() != "" {
			continue
		}
		at := -1
		for _, m := range p.mentions {
			if m.sent == s.index {
				at = m.i
				break
			}
		}
		for _, sd := range sides {
			if sd.at < at {
				p.country = sd.country
			}
		}
		// "ونظيره NAME عن الجانب الموريتاني": a side marker right after
		// the name is the person's.
		for _, sd := range sides {
			if end := a.mentionEnd(p, s.index); sd.at >= 2 && sd.at-1 == end && (s.toks[end].Folded == "عن" || s.toks[end].Folded == "من") {
				p.country = sd.country
			}
		}
	}
}

// mentionEnd returns the end of the person's first mention in sentence si.
func (a *analysis) mentionEnd(p *person, si int) int {
	for _, m := range p.mentions {
		if m.sent == si {
			return m.j
		}
	}
	return -1
}

func (p *person) addOffice(o office) {
	for i, x := range p.offices {
		if x.title == o.title {
			if p.offices[i].country == "" {
				p.offices[i].country = o.country
			}
			if p.offices[i].org == nil {
				p.offices[i].org = o.org
			}
			return
		}
	}
	p.offices = append(p.offices, o)
}

// officeCountry is the country of the person's first office that has one.
func (p *person) officeCountry() string {
	for _, o := range p.offices {
		if o.country != "" {
			return o.country
		}
	}
	return ""
}

// Country is the country the person acts for.
func (p *person) Country() string {
	if c := p.officeCountry(); c != "" {
		return c
	}
	return p.country
}

// person returns the person named by tokens [i, j) of s, registering the
// name and the mention.
func (a *analysis) person(s *sentence, i, j int) *person {
	name := spanText(s.toks, i, j)
	key := a.nameKey(name)
	known := a.x.gaz.PersonNamed(name)
	for _, p := range a.persons {
		// The same well-known person spelled in the other language is one.
		sameKnown := known != nil && a.x.knownPerson(p) == known
		for _, n := range p.names {
			nk := a.nameKey(n)
			if sameKnown || nk == key || containsTokens(nk, key) || containsTokens(key, nk) {
				if !slices.Contains(p.names, name) {
					p.names = append(p.names, name)
					if len(strings.Fields(key)) > len(strings.Fields(nameKey(p.names[0]))) {
						p.names[0], p.names[len(p.names)-1] = name, p.names[0]
					}
				}
				p.mentions = append(p.mentions, span{s.index, i, j})
				return p
			}
		}
	}
	p := &person{names: []string{name}, mentions: []span{{s.index, i, j}}}
	a.persons = append(a.persons, p)
	return p
}

// nameKey folds a name for comparing persons.
func nameKey(name string) string { return graph.Fold(name) }

// nameKey is nameKey remembered for the article: persons compare their
// names with every name before them.
func (a *analysis) nameKey(name string) string {
	if k, ok := a.keys[name]; ok {
		return k
	}
	if a.keys == nil {
		a.keys = map[string]string{}
	}
	k := nameKey(name)
	a.keys[name] = k
	return k
}

// containsTokens reports whether the words of b appear in a, in order and
// consecutively, with at least two words: "محمد بن سلمان" in "محمد بن سلمان
// بن عبد العزيز".
func containsTokens(a, b string) bool {
	bw := strings.Fields(b)
	if len(bw) < 2 {
		return false
	}
	return strings.HasPrefix(a+" ", b+" ")
}

// subjectBefore returns the nearest person mentioned before token i of s.
func (a *analysis) subjectBefore(s *sentence, i int) *person {
	var best *person
	bestAt := -1
	for _, p := range a.persons {
		for _, m := range p.mentions {
			if m.sent == s.index && m.j <= i && m.i > bestAt {
				best, bestAt = p, m.i
			}
		}
	}
	return best
}

// personsIn returns the persons mentioned in sentence si, in order of
// first mention there.
func (a *analysis) personsIn(si int) []*person {
	type at struct {
		p *person
		i int
	}
	var found []at
	for _, p := range a.persons {
		for _, m := range p.mentions {
			if m.sent == si {
				found = append(found, at{p, m.i})
				break
			}
		}
	}
	slices.SortFunc(found, func(x, y at) int { return x.i - y.i })
	out := make([]*person, len(found))
	for i, f := range found {
		out[i] = f.p
	}
	return out
}

// findShortMentions finds later mentions of known persons without a title:
// their full name ("محمد بن سلمان" in a headline) or their family name alone
// ("بينوتي", "Al-Kaabi").
func (x *Extractor) findShortMentions(a *analysis) {
	type form struct {
		toks []string
		p    *person
	}
	var forms []form
	for _, p := range a.persons {
		for _, n := range p.names {
			words := strings.Fields(nameKey(n))
			forms = append(forms, form{words, p})
			// "محمد بن سلمان" for "محمد بن سلمان بن عبد العزيز".
			for k := 3; k < len(words); k++ {
				if words[k-2] == "بن" || words[k-2] == "bin" {
					forms = append(forms, form{words[:k], p})
				}
			}
			last := words[len(words)-1]
			if len([]rune(last)) >= 4 {
				forms = append(forms, form{[]string{last}, p})
			}
		}
	}
	// Longest forms first, so a full name wins over its last word; forms are
	// looked up by their first word (or a reading of it), and of those that
	// match at a token the first in this order wins.
	slices.SortStableFunc(forms, func(a, b form) int { return len(b.toks) - len(a.toks) })
	byFirst := map[string][]int{}
	for i, f := range forms {
		byFirst[f.toks[0]] = append(byFirst[f.toks[0]], i)
	}
	surnames := map[string]int{} // persons by the last word of a name
	for _, p := range a.persons {
		seen := map[string]bool{}
		for _, n := range p.names {
			words := strings.Fields(nameKey(n))
			if w := words[len(words)-1]; !seen[w] {
				seen[w] = true
				surnames[w]++
			}
		}
	}
	// Tokens inside the persons' mentions so far, by sentence.
	inMention := make([][]bool, len(a.sentences))
	for _, p := range a.persons {
		for _, m := range p.mentions {
			if inMention[m.sent] == nil {
				inMention[m.sent] = make([]bool, len(a.sentences[m.sent].toks))
			}
			for k := m.i; k < m.j && k < len(inMention[m.sent]); k++ {
				inMention[m.sent][k] = true
			}
		}
	}
	var buf [8]string
	var cands []int
	for _, s := range a.sentences {
		for k := 0; k < len(s.toks); k++ {
			if covered(s, k) || inMention[s.index] != nil && inMention[s.index][k] || s.quoted[k] {
				continue
			}
			cands = append(cands[:0], byFirst[s.toks[k].Folded]...)
			for _, st := range arabic.AppendStems(buf[:0], s.toks[k].Folded) {
				if st != s.toks[k].Folded {
					cands = append(cands, byFirst[st]...)
				}
			}
			slices.Sort(cands)
			for _, c := range slices.Compact(cands) {
				f := forms[c]
				if matchWords(s.toks, k, f.toks) && (len(f.toks) > 1 || !x.breaks(s, k)) {
					if len(f.toks) == 1 && surnames[f.toks[0]] > 1 {
						continue
					}
					f.p.mentions = append(f.p.mentions, span{s.index, k, k + len(f.toks)})
					k += len(f.toks) - 1
					break
				}
			}
		}
	}
}

func (a *analysis) inPersonMention(si, k int) bool {
	for _, p := range a.persons {
		for _, m := range p.mentions {
			if m.sent == si && k >= m.i && k < m.j {
				return true
			}
		}
	}
	return false
}

// matchWords reports whether toks from k read as words, the first one
// allowed its clitics.
func matchWords(toks []arabic.Token, k int, words []string) bool {
	if k+len(words) > len(toks) {
		return false
	}
	for n := 1; n < len(words); n++ {
		if toks[k+n].Punct || toks[k+n].Folded != words[n] {
			return false
		}
	}
	// Every reading is the word or its tail, or ال and its tail.
	folded := toks[k].Folded
	if !strings.HasSuffix(folded, words[0]) && !strings.HasSuffix(folded, strings.TrimPrefix(words[0], "ال")) {
		return false
	}
	var buf [8]string
	return toks[k].Folded == words[0] || slices.Contains(arabic.AppendStems(buf[:0], toks[k].Folded), words[0])
}

// sentenceHome returns the one country that the cities and national
// organizations of a sentence belong to, or "" when there are none or
// several.
func (a *analysis) sentenceHome(s *sentence) string {
	home := ""
	for _, m := range s.mentions {
		var c string
		switch {
		case m.kind == mCity:
			c = m.country.ISO2
		case m.kind == mOrg && m.org.kind != string(graph.OrgCompany) && m.org.kind != string(graph.OrgInternational) && !m.org.media:
			c = m.org.country
		}
		if c == "" {
			continue
		}
		if home != "" && home != c {
			return ""
		}
		home = c
	}
	return home
}

// resolveKnown gives well-known persons named without a country the one
// the gazetteer knows them by.
func (a *analysis) resolveKnown() {
	for _, p := range a.persons {
		if p.Country() != "" || len(p.mentions) == 0 {
			continue
		}
		if k := a.x.knownPerson(p); k != nil {
			p.country = k.Country
		}
	}
}

// resolveCountries gives persons without a stated country the one the
// article implies: a counterpart's opposite, or the opposite of the nearest
// person before them in the same sentence.
func (a *analysis) resolveCountries(mainCountries []string) {
	for _, p := range a.persons {
		if p.Country() != "" {
			continue
		}
		if q := p.counterpart; q != nil && q.Country() != "" {
			// "NAME received his Ghanaian counterpart … in Doha": the host
			// is of the place's country.
			if c := a.placeCountry(p); c != "" && c != q.Country() {
				p.country = c
				continue
			}
			for _, c := range mainCountries {
				if c != q.Country() {
					p.country = c
					break
				}
			}
		}
	}
	for _, p := range a.persons {
		if p.Country() != "" || len(p.mentions) == 0 {
			continue
		}
		m := p.mentions[0]
		s := a.sentences[m.sent]
		// A well-known person serves the country the gazetteer knows.
		if k := a.x.knownPerson(p); k != nil {
			// An official of the UN or the EU serves no country: no guess.
			p.country = k.Country
			continue
		}
		// "أمير البلاد … بالديوان الأميري": the place or institution of the
		// sentence says whose official this is.
		// "met his Indonesian counterpart in Jakarta": the visitor is not
		// of the place's country.
		if len(p.offices) > 0 {
			// "Japanese FM A and Defence Minister B signed the pact with C":
			// listed with someone, on their side.
			if q := a.subjectBefore(s, m.i); q != nil && q.Country() != "" && (a.x.hasWord(s, "attend_verb") || a.withOtherAfter(s, p, q)) && a.listedAfter(s, q, m.i) {
				p.country = q.Country()
				continue
			}
			if c := a.sentenceHome(s); c != "" && c != a.x.counterpartCountry(s) {
				p.country = c
				continue
			}
		}
		// An official named beside a foreign one with no country of their
		// own is, in bilateral news, the other side: the host.
		q := a.subjectBefore(s, m.i)
		if q == nil || q.Country() == "" {
			// "Minister NAME and Indonesia's Minister of Trade NAME signed":
			// the one named after.
			for _, o := range a.personsIn(s.index) {
				if o != p && o.Country() != "" && len(p.offices) > 0 {
					q = o
					break
				}
			}
		}
		if q != nil && q.Country() != "" {
			// "حضر اللقاء السفير NAME، ورئيس الأركان NAME": those listed as
			// attending together are of one delegation.
			if a.x.hasWord(s, "attend_verb") && a.listedAfter(s, q, m.i) {
				p.country = q.Country()
				continue
			}
			for _, c := range a.main {
				if c != q.Country() {
					p.country = c
					break
				}
			}
		}
	}
}

// listedAfter reports whether the mention at token k of s comes right
// after q's in a list: after a comma and a title joined by و, or "and".
func (a *analysis) listedAfter(s *sentence, q *person, k int) bool {
	end := a.mentionEnd(q, s.index)
	if end < 0 || end > k {
		return false
	}
	for j := end; j < k; j++ {
		t := s.toks[j]
		if t.Punct && (t.Text == "," || t.Text == "،") || t.Folded == "and" || strings.HasPrefix(t.Text, "و") {
			return j+10 > k
		}
	}
	return false
}

// mergeShortForms makes one person of a name and a shorter form of it in
// the same article: "Ethiopian Deputy PM Mekonnen" in the headline and
// "Demeke Mekonnen" in the body, "Al Muraikhi" after "Sultan bin Saad Al
// Muraikhi", "عبد العزيز آل سعود" after the full name. The short form's
// words must run together inside the longer name, and only one person's
// name may hold them.
func (a *analysis) mergeShortForms() {
	if len(a.persons) < 2 {
		return
	}
	words := map[*person][][]string{}
	for _, p := range a.persons {
		for _, n := range p.names {
			words[p] = append(words[p], strings.Fields(a.nameKey(n)))
		}
	}
	for i := 0; i < len(a.persons); i++ {
		p := a.persons[i]
		pw := words[p]
		var into *person
		for _, q := range a.persons {
			if q == p || !shorterForm(pw, words[q]) {
				continue
			}
			if kp, kq := a.x.knownPerson(p), a.x.knownPerson(q); kp != nil && kq != nil && kp != kq {
				continue
			}
			{
				if into != nil && into != q {
					into = nil
					break
				}
				into = q
			}
		}
		if into == nil {
			continue
		}
		for _, n := range p.names {
			if !slices.Contains(into.names, n) {
				into.names = append(into.names, n)
			}
		}
		words[into] = append(words[into], pw...)
		for _, o := range p.offices {
			into.addOffice(o)
		}
		into.mentions = append(into.mentions, p.mentions...)
		into.country = cmp.Or(into.country, p.country)
		if into.counterpart == nil {
			into.counterpart = p.counterpart
		}
		for _, q := range a.persons {
			if q.counterpart == p {
				q.counterpart = into
			}
		}
		a.persons = slices.Delete(a.persons, i, i+1)
		i--
	}
}

// shorterForm reports whether every name of short is a run of words of
// some name of long with fewer words, a word of at least three letters
// among them.
func shorterForm(short, long [][]string) bool {
	for _, s := range short {
		if len(s) == 0 || !slices.ContainsFunc(s, func(w string) bool { return len([]rune(w)) >= 3 }) {
			return false
		}
		found := false
		for _, l := range long {
			if len(s) < len(l) && runIn(s, l) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return len(short) > 0
}

// runIn reports whether the words of s appear together, in order, in l.
func runIn(s, l []string) bool {
	for k := 0; k+len(s) <= len(l); k++ {
		if slices.Equal(l[k:k+len(s)], s) {
			return true
		}
	}
	return false
}

// rankedPersons reads the persons named after a military rank with no
// other title: "Maj. Gen. Ahmed Al Sayed of Qatar", "اللواء الركن خالد
// الحمادي"; the rank is their office.
func (x *Extractor) rankedPersons(a *analysis, s *sentence) {
	// Ranked persons act where someone meets or signs.
	if !x.hasWord(s, "verb_meet") && !x.hasWord(s, "verb_sign") || !x.hasWord(s, "rank") {
		return
	}
	for k := 0; k < len(s.toks); k++ {
		v, n := x.gaz.Word("rank", s.toks, k)
		if n == 0 || s.quoted[k] {
			continue
		}
		e := k + n
		for e < len(s.toks) && (s.toks[e].Text == "." || x.isHonorific(s, e) || x.gaz.Is("rank", s.toks, e)) {
			e++
		}
		i, j, ok := x.nameForward(s, e)
		if !ok || i != e {
			continue
		}
		p := a.person(s, i, j)
		if len(p.offices) == 0 {
			country := x.countryAfterName(s, j)
			if c := x.demonymAt(s.toks, j); c != nil && country == "" {
				country = c.ISO2
			}
			p.addOffice(office{title: v, country: country, sent: s.index})
		}
		k = j - 1
	}
}

// countryAfterName returns the country named right after a name with
// "of" ("NAME of Qatar"), or "".
func (x *Extractor) countryAfterName(s *sentence, j int) string {
	if j+1 < len(s.toks) && s.toks[j].Folded == "of" {
		if m := mentionAt(s, j+1); m != nil && m.kind == mCountry {
			return m.country.ISO2
		}
	}
	return ""
}

// placeCountry returns the country of the city where the person's first
// sentence places its story ("… in Doha", "في الرباط"), or "".
func (a *analysis) placeCountry(p *person) string {
	if len(p.mentions) == 0 {
		return ""
	}
	s := a.sentences[p.mentions[0].sent]
	if m := a.x.meetingPlace(s); m != nil && m.country != nil {
		return m.country.ISO2
	}
	return ""
}

// counterpartCountry returns the country of a counterpart the sentence
// names by demonym ("his Indonesian counterpart", "نظيره الإندونيسي"), or "".
func (x *Extractor) counterpartCountry(s *sentence) string {
	for k, t := range s.toks {
		if !x.gaz.IsWord("counterpart", t.Folded) {
			continue
		}
		if mm := mentionEndingAt(s, k); mm != nil && mm.kind == mDemonym && isLatin(t.Text) {
			return mm.country.ISO2
		}
		if mm := mentionAt(s, k+1); mm != nil && mm.kind == mDemonym {
			return mm.country.ISO2
		}
	}
	return ""
}

// secondOfPlural reads the second name after a title in the plural:
// "Foreign Ministers Murat Nurtleu and Jeyhun Bayramov", "Presidents
// Andrés Manuel López Obrador (AMLO) of Mexico and Gabriel Boric of
// Chile". j ends the first name; it returns the second person and the end
// of their name.
func (x *Extractor) secondOfPlural(a *analysis, s *sentence, m mention, j int) (*person, int) {
	last := s.toks[m.j-1].Text
	if !isLatin(last) || !(strings.HasSuffix(last, "Ministers") || strings.HasSuffix(last, "Presidents") || strings.HasSuffix(last, "Premiers")) {
		return nil, j
	}
	k := j
	if k+2 < len(s.toks) && s.toks[k].Text == "(" && s.toks[k+2].Text == ")" {
		k += 3
	}
	if k+1 < len(s.toks) && s.toks[k].Folded == "of" && mentionAt(s, k+1) != nil {
		k = mentionAt(s, k+1).j
	}
	if k >= len(s.toks) || s.toks[k].Folded != "and" {
		return nil, j
	}
	i, e, ok := x.nameForward(s, k+1)
	if !ok {
		return nil, j
	}
	return a.person(s, i, e), e
}

// lastTwoCountries returns the last two different countries named before
// token k of s, in this sentence and the one before, in the order named;
// nil when there are not two.
func (a *analysis) lastTwoCountries(s *sentence, k int) []string {
	var seen []string
	for si := max(0, s.index-1); si <= s.index; si++ {
		for _, m := range a.sentences[si].mentions {
			if m.kind != mCountry || si == s.index && m.i >= k {
				continue
			}
			seen = slices.DeleteFunc(seen, func(c string) bool { return c == m.country.ISO2 })
			seen = append(seen, m.country.ISO2)
		}
	}
	if len(seen) >= 2 {
		return seen[len(seen)-2:]
	}
	// "President of Kazakhstan A and President of Azerbaijan B held talks.
	// … Foreign Ministers C and D signed": the sides in the order their
	// persons came.
	seen = seen[:0]
	for _, p := range a.persons {
		if c := p.Country(); c != "" && !slices.Contains(seen, c) && p.mentions[0].sent < s.index {
			seen = append(seen, c)
		}
	}
	if len(seen) != 2 {
		return nil
	}
	return seen
}

// pluralPair is two persons named after one title in the plural.
type pluralPair struct {
	sent, at      int // the sentence and the title's first token
	first, second *person
}

// withOtherAfter reports whether, after p's mention, the sentence names
// with/مع a person of another country than q's: "A and B signed the pact
// with C" puts A and B on one side.
func (a *analysis) withOtherAfter(s *sentence, p, q *person) bool {
	end := a.mentionEnd(p, s.index)
	if end < 0 {
		return false
	}
	for k := end; k < len(s.toks); k++ {
		if s.toks[k].Folded != "with" && strings.TrimPrefix(s.toks[k].Folded, "و") != "مع" {
			continue
		}
		for _, r := range a.personsIn(s.index) {
			if r != p && r != q && r.Country() != "" && r.Country() != q.Country() && a.mentionEnd(r, s.index) > k {
				return true
			}
		}
		return false
	}
	return false
}

// behalfWord is نيابة ("on behalf") folded.
var behalfWord = graph.Fold("نيابة")
