package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/arabic"
	"github.com/alaqat/alaqat/loader/gazetteer"
)

// mentionKind says what a span of tokens names.
type mentionKind int

const (
	mCountry mentionKind = iota
	mDemonym
	mCity
	mOrg
	mOffice
)

// mention is a known name found in a sentence: tokens [i, j).
type mention struct {
	kind    mentionKind
	i, j    int
	country *gazetteer.Country
	org     *orgRef
	office  *gazetteer.Office
	city    string
}

// orgRef is an organization found in the text: known to the gazetteer, or
// named by a pattern such as شركة “X”.
type orgRef struct {
	id      string // gazetteer id, or "" until assigned from the name
	name    string // as written
	kind    string
	country string // ISO2
	known   *gazetteer.Organization
	// office is the minister's office of a ministry named without its
	// country, until the article's ministers tell whose it is.
	office *gazetteer.Office
	media  bool // a news agency cited as a source: an organization only as a person's employer
}

// sentence is one sentence of the article with what was found in it.
type sentence struct {
	index    int
	start    int // rune offsets in the article text
	end      int
	toks     []arabic.Token
	mentions []mention
	quoted   []bool // per token: inside a long quotation (speech, not narration)
	title    bool   // the headline
	has      []hasWordAnswer
	hasBuf   [16]hasWordAnswer // room for has
	// byte offsets in the article text
	byteStart, byteEnd int
	// firstVerb's answer, once verbFound
	verb      int
	verbFound bool
}

// scan finds the gazetteer's names in a sentence, longest first, and the
// organizations named by pattern.
func (x *Extractor) scan(s *sentence) {
	s.quoted = longQuotes(s.toks)
	for i := 0; i < len(s.toks); {
		if s.toks[i].Punct {
			i++ // no name starts with a mark
			continue
		}
		if m, ok := x.firstMatch(s, i, beforeGazetteer); ok {
			s.mentions = append(s.mentions, m)
			i = m.j
			continue
		}
		entries, n := x.gaz.Match(s.toks, i)
		if n == 0 {
			if m, ok := x.firstMatch(s, i, unknownToGazetteer); ok {
				s.mentions = append(s.mentions, m)
				i = m.j
			} else {
				i++
			}
			continue
		}
		m := mention{i: i, j: i + n}
		e := pick(entries)
		switch e.Type {
		case gazetteer.CountryName:
			m.kind, m.country = mCountry, e.Country
		case gazetteer.Demonym:
			m.kind, m.country = mDemonym, e.Country
		case gazetteer.City:
			m.kind, m.country, m.city = mCity, e.Country, e.City
		case gazetteer.OrganizationName:
			o := e.Organization
			// "India's IOC": a national body, not the international one
			// whose acronym it shares.
			if o.Kind == graph.OrgInternational && n == 1 && isAcronym(s.toks[i].Text) && i >= 3 && s.toks[i-1].Folded == "s" && s.toks[i-2].Punct {
				i += n
				continue
			}
			m.kind = mOrg
			m.org = &orgRef{id: o.ID, name: spanText(s.toks, i, i+n), kind: string(o.Kind), country: o.Country, known: o}
			// "… الداخلي القطري" after an organization names its country when the gazetteer does not.
			if m.org.country == "" {
				if c := x.demonymAt(s.toks, i+n); c != nil && o.Kind != "international" {
					m.org.country = c.ISO2
				}
			}
		case gazetteer.OfficeTitle:
			// "Dr. Sultan Ahmed Al Jaber", "Sheikh Amir …": after a personal
			// honorific a one-word title is a first name.
			if n == 1 && isLatin(s.toks[i].Text) && (x.personalHonorificBefore(s, i) || x.knownNameAt(s, i)) {
				i += n
				continue
			}
			m.kind, m.office = mOffice, e.Office
		case gazetteer.MinistryName:
			o, ok := x.ministry(s, i, i+n, e.Office)
			if !ok {
				i += n
				continue
			}
			m.kind, m.org = mOrg, o
		}
		if x.isMedia(s.toks, i, i+n) && !x.mediaActs(s, i, i+n) {
			// A news agency cited as a source is no organization of the
			// story; it stays a mention, as it may employ a person who is
			// ("Director General of KUNA Dr. Fatima Al-Salem").
			if m.kind == mOrg {
				m.org.media = true
				s.mentions = append(s.mentions, m)
			}
			i += n
			continue
		}
		s.mentions = append(s.mentions, m)
		i += n
	}
	x.companyList(s)
}

// pattern recognizes a mention starting at token i of a sentence.
type pattern func(*Extractor, *sentence, int) (mention, bool)

// The patterns tried before the gazetteer (a longer name around a known
// one), and those tried where it knows nothing, in order.
var (
	beforeGazetteer    = []pattern{(*Extractor).capitalizedOrg, (*Extractor).acronymOrg}
	unknownToGazetteer = []pattern{(*Extractor).patternOrg, (*Extractor).arabicBody, (*Extractor).arabicCompany, (*Extractor).describedCompany, (*Extractor).possessedAcronym, (*Extractor).anyMinister}
)

// firstMatch returns the mention of the first pattern that recognizes one
// at token i.
func (x *Extractor) firstMatch(s *sentence, i int, patterns []pattern) (mention, bool) {
	for _, p := range patterns {
		if m, ok := p(x, s, i); ok {
			return m, true
		}
	}
	return mention{}, false
}

// companyList finds the companies of a list such as "عدد من الشركات
// الفرنسية، منها “إيجيس” و”ألستوم”": in a sentence that speaks of companies
// in the plural, each short quoted name is a company, of the country the
// plural's demonym names. A quoted name longer than a gazetteer match
// inside it ("إيجيس رايل") is a company of its own.
func (x *Extractor) companyList(s *sentence) {
	plural, country := -1, ""
	for k, t := range s.toks {
		w := strings.TrimPrefix(t.Folded, "و")
		if x.gaz.IsExact("companies_word", w) {
			plural = k
			if c := x.demonymAt(s.toks, k+1); c != nil {
				country = c.ISO2
			}
			break
		}
	}
	if plural < 0 {
		return
	}
	for k := plural + 1; k < len(s.toks); k++ {
		if !s.toks[k].Punct || !isOpenQuote(s.toks[k].Text) {
			continue
		}
		end := closeQuote(s.toks, k)
		if end < 0 || end-k-1 < 1 || end-k-1 > 3 {
			continue
		}
		inner := s.toks[k+1 : end]
		if len(inner) == 1 && hasArticle(inner[0]) || x.isMedia(s.toks, k+1, end) {
			k = end
			continue
		}
		known := false
		for i := range s.mentions {
			m := &s.mentions[i]
			if m.i == k+1 && m.j == end {
				known = true
			}
		}
		if !known {
			s.mentions = slices.DeleteFunc(s.mentions, func(m mention) bool { return m.i >= k+1 && m.j <= end })
			s.mentions = append(s.mentions, mention{kind: mOrg, i: k + 1, j: end, org: &orgRef{name: spanText(s.toks, k+1, end), kind: string(graph.OrgCompany), country: country}})
		}
		k = end
	}
	slices.SortFunc(s.mentions, func(a, b mention) int { return a.i - b.i })
}

// pick chooses among the meanings of one phrase: an organization over a
// country over a city over a demonym over an office.
func pick(entries []gazetteer.Entry) gazetteer.Entry {
	best := entries[0]
	if len(entries) == 1 {
		return best
	}
	rank := map[gazetteer.EntryType]int{gazetteer.OrganizationName: 0, gazetteer.MinistryName: 1, gazetteer.CountryName: 2, gazetteer.City: 3, gazetteer.Demonym: 4, gazetteer.OfficeTitle: 5}
	for _, e := range entries[1:] {
		if rank[e.Type] < rank[best.Type] {
			best = e
		}
	}
	return best
}

func (x *Extractor) isMedia(toks []arabic.Token, i, j int) bool {
	if _, n := x.gaz.Word("media", toks, i); n > 0 {
		// "وكالة الأنباء الأردنية", "وكالة الأنباء السعودية الرسمية": a news
		// agency and the adjectives of its country.
		k := i + n
		for k < j && k < i+n+3 && !toks[k].Punct && (x.demonymAt(toks, k) != nil || hasArticle(toks[k])) {
			k++
		}
		if k >= j {
			return true
		}
	}
	// "الوكالة الموريتانية للأنباء": an agency of news.
	if j-i >= 2 && !isLatin(toks[j-1].Text) && (toks[j-1].Folded == mediaNews || strings.HasSuffix(toks[j-1].Folded, mediaNews[2:]) && strings.HasPrefix(toks[j-1].Folded, "لل")) {
		return true
	}
	// "Oman News Agency", "Saudi Press Agency": a name ending in one.
	for k := i + 1; k < j; k++ {
		if _, n := x.gaz.Word("media", toks, k); n > 0 && k+n == j && !isLatin(toks[k].Text) == !isLatin(toks[i].Text) && n >= 2 {
			return true
		}
	}
	return false
}

// demonymAt returns the country of a demonym at toks[i], if there is one.
func (x *Extractor) demonymAt(toks []arabic.Token, i int) *gazetteer.Country {
	if i >= len(toks) {
		return nil
	}
	entries, n := x.gaz.Match(toks, i)
	if n == 0 {
		return nil
	}
	for _, e := range entries {
		if e.Type == gazetteer.Demonym {
			return e.Country
		}
	}
	return nil
}

// anyMinister reads a minister's title the gazetteer does not list:
// "Minister of Mines", "Mines Minister", "وزير الثروة المعدنية". The title
// is kept as written (English words capitalized after "Minister of").
func (x *Extractor) anyMinister(s *sentence, i int) (mention, bool) {
	t := s.toks[i]
	known := func(k int) bool { _, n := x.gaz.Match(s.toks, k); return n > 0 }
	switch {
	case t.Text == "Minister" && i+2 < len(s.toks) && (s.toks[i+1].Folded == "of" || s.toks[i+1].Folded == "for"):
		// One word, or words joined by "and": "Minister of Mines and Energy
		// Jane Doe" ends before the name.
		j := i + 2
		if !isCapitalized(s.toks[j].Text) || known(j) {
			break
		}
		j++
		for j+1 < len(s.toks) && s.toks[j].Folded == "and" && isCapitalized(s.toks[j+1].Text) && !known(j+1) {
			j += 2
		}
		if j > i+2 {
			return mention{kind: mOffice, i: i, j: j, office: &gazetteer.Office{Title: spanText(s.toks, i, j)}}, true
		}
	case isCapitalized(t.Text) && isLatin(t.Text) && !known(i) && i+1 < len(s.toks) && s.toks[i+1].Text == "Minister" && !styleAbbrev[t.Text] &&
		!x.gaz.IsWord("honorific", t.Folded) && !x.gaz.IsExact("title_modifier", t.Folded):
		return mention{kind: mOffice, i: i, j: i + 2, office: &gazetteer.Office{Title: "Minister of " + t.Text}}, true
	case x.gaz.IsExact("minister_word", t.Folded):
		j := i + 1
		for j < len(s.toks) && j < i+4 && !s.toks[j].Punct && hasArticle(s.toks[j]) && !known(j) {
			j++
		}
		if j > i+1 {
			return mention{kind: mOffice, i: i, j: j, office: &gazetteer.Office{Title: spanText(s.toks, i, j)}}, true
		}
	}
	return mention{}, false
}

// ministry makes the organization of a ministry named in tokens [i, j)
// when the text says whose it is: "وزارة الخارجية القطرية", "وزارة الدفاع
// بروما", "the Italian Defence Ministry", "Qatar's Ministry of Interior".
// Without a country a ministry is no organization one can tell apart.
func (x *Extractor) ministry(s *sentence, i, j int, o *gazetteer.Office) (*orgRef, bool) {
	var c *gazetteer.Country
	if j < len(s.toks) {
		if entries, n := x.gaz.Match(s.toks, j); n > 0 {
			for _, e := range entries {
				if e.Type == gazetteer.Demonym || e.Type == gazetteer.CountryName || e.Type == gazetteer.City {
					c = e.Country
				}
			}
		}
	}
	// "Ministry of Foreign Affairs of Kenya", "وزارة الرياضة في البرازيل",
	// "وزارة الصحة بالأردن".
	if c == nil && j+1 < len(s.toks) && (s.toks[j].Folded == "of" || s.toks[j].Folded == "في") {
		if entries, n := x.gaz.Match(s.toks, j+1); n > 0 && entries[0].Type == gazetteer.CountryName {
			c = entries[0].Country
		}
	}
	if c == nil && j < len(s.toks) && !isLatin(s.toks[j].Text) && strings.HasPrefix(s.toks[j].Text, "ب") {
		if entries, n := x.gaz.Match(s.toks, j); n > 0 && entries[0].Type == gazetteer.CountryName {
			c = entries[0].Country
		}
	}
	if c == nil && i > 0 {
		k := i - 1
		if k > 1 && s.toks[k].Folded == "s" && s.toks[k-1].Punct {
			k -= 2
		}
		for _, m := range s.mentions {
			// "Seoul's defense ministry": a capital's possessive too.
			if m.j == k+1 && (m.kind == mDemonym || m.kind == mCountry || m.kind == mCity && k < i-1) {
				c = m.country
			}
		}
	}
	if c == nil {
		// Whose it is may come from the minister of the story: "External
		// Affairs Minister S Jaishankar … the Ministry of External
		// Affairs" (placeMinistries).
		return &orgRef{name: spanText(s.toks, i, j), kind: string(graph.OrgMinistry), office: o}, true
	}
	return ministryOf(c, o, spanText(s.toks, i, j)), true
}

// ministryOf is the organization of a ministry of country c, written as
// written.
func ministryOf(c *gazetteer.Country, o *gazetteer.Office, written string) *orgRef {
	name := o.OrgEN
	if len(c.DemonymsEN) > 0 {
		name = c.DemonymsEN[0] + " " + o.OrgEN
	}
	id := graph.Slug(c.NamesEN[0] + " " + o.OrgEN)
	known := &gazetteer.Organization{ID: id, Kind: graph.OrgMinistry, Country: c.ISO2, NamesEN: []string{name}}
	if isLatin(written) {
		known.NamesEN = append(known.NamesEN, written)
	} else {
		known.NamesAR = []string{o.OrgAR}
	}
	return &orgRef{id: id, name: name, kind: string(graph.OrgMinistry), country: c.ISO2, known: known}
}

// arabicBody recognizes an Arabic public body the gazetteer does not know
// from its kind word and the defined words of its name: "الهيئة القومية
// للأنفاق", "المؤسسة العامة للموانئ", "صندوق التنمية الزراعية" — at least
// two words after the kind word, each with the article, the last of them
// possibly a demonym that gives the body's country.
func (x *Extractor) arabicBody(s *sentence, i int) (mention, bool) {
	toks := s.toks
	if i >= len(toks) || isLatin(toks[i].Text) || toks[i].Punct {
		return mention{}, false
	}
	// "لوكالة الأنباء الكويتية", "بوزارة الصحة": the kind word may carry a
	// preposition.
	kind := bodyKinds[stripArticle(toks[i].Folded)]
	if f := toks[i].Folded; kind == "" && len(f) > 4 && strings.ContainsRune("وفبل", firstRune(f)) {
		for _, p := range cliticPrefixes {
			if rest, ok := strings.CutPrefix(f, p); ok {
				if p == "لل" {
					// "للجنة": ل + اللجنة; "للهيئة": ل + الهيئة.
					if kind = bodyKinds["ل"+rest]; kind != "" {
						break
					}
				}
				if kind = bodyKinds[strings.TrimPrefix(rest, "ال")]; kind != "" {
					break
				}
			}
		}
	}
	// "الشركة المصرية لنقل الكهرباء": a company named by its country and
	// what it does (arabicCompany reads the others).
	if kind == "" && stripArticle(strings.TrimPrefix(toks[i].Folded, "و")) == companyWord && hasArticle(toks[i]) && i+2 < len(toks) && hasArticle(toks[i+1]) && x.adjectiveOfCountry(toks, i+1) != nil && strings.HasPrefix(toks[i+2].Text, "ل") {
		kind = string(graph.OrgCompany)
	}
	if kind == "" {
		return mention{}, false
	}
	var country string
	joint := false
	j := i + 1
	for j < len(toks) && j-i <= 6 && !toks[j].Punct && !isLatin(toks[j].Text) && !s.quoted[j] {
		f := toks[j].Folded
		// "وزارة البترول والطاقة", "وزارة الثروة الزراعية وموارد المياه":
		// portfolios joined by و.
		joined := j > i+1 && (strings.HasPrefix(f, "وال") || strings.HasPrefix(f, "و") && j+1 < len(toks) && hasArticle(toks[j+1]) && !x.breaks(s, j))
		if !strings.HasPrefix(f, "ال") && !strings.HasPrefix(f, "لل") && !joined {
			break
		}
		if c := x.demonymAt(toks, j); c != nil || j == i+1 && x.adjectiveOfCountry(toks, j) != nil {
			if c == nil {
				c = x.adjectiveOfCountry(toks, j) // "الشركة السعودية للكهرباء"
			}
			// "اللجنة التونسية ـ الجزائرية المشتركة", "اللجنة الاستشارية
			// الموريتانية السنغالية": a body of two countries is of neither.
			n := j + 1
			if n < len(toks) && toks[n].Punct && (toks[n].Text == "ـ" || toks[n].Text == "-" || toks[n].Text == "–") {
				n++
			}
			if c2 := x.demonymAt(toks, n); c2 != nil && c2 != c && kind != string(graph.OrgMinistry) {
				joint, j = true, n+1
				if j < len(toks) && toks[j].Folded == graph.Fold("المشتركة") {
					j++
				}
				break
			}
			if j > i+1 || kind == string(graph.OrgMinistry) {
				country = c.ISO2
				j++
			} else if j == i+1 && j+1 < len(toks) && hasArticle(toks[j]) && strings.HasPrefix(toks[j+1].Text, "ل") && !toks[j+1].Punct {
				// "الشركة المصرية لنقل الكهرباء", "المؤسسة القطرية للإعلام":
				// a demonym, then what the body does.
				country = c.ISO2
				j += 2
				for j < len(toks) && j-i <= 6 && !toks[j].Punct && !isLatin(toks[j].Text) && (hasArticle(toks[j]) || strings.HasPrefix(toks[j].Text, "و")) && !x.breaks(s, j) && x.demonymAt(toks, j) == nil {
					j++
				}
			}
			break
		}
		if entries, n := x.gaz.Match(toks, j); n > 0 && len(entries) > 0 || x.breaks(s, j) || x.gaz.IsWord("verb_sign", f) || x.gaz.IsWord("verb_meet", f) {
			// "السعودية" after a body's name is its adjective, not the country.
			if n == 1 && j > i+1 && entries[0].Country != nil && entries[0].Type == gazetteer.CountryName && strings.HasPrefix(f, "ال") {
				country = entries[0].Country.ISO2
				j++
			}
			break
		}
		j++
	}
	if j-i < 3 && country == "" && !joint || j-i < 2 {
		return mention{}, false
	}
	media := x.isMedia(toks, i, j) && !x.mediaActs(s, i, j)
	if kind == string(graph.OrgMinistry) && country == "" {
		return mention{}, false // a ministry of no country one can tell apart
	}
	if kind == string(graph.OrgCompany) && toks[i+1].Folded == graph.Fold("المركزي") {
		kind = string(graph.OrgAgency) // a central bank
	}
	return orgMention(i, j, &orgRef{name: withoutClitic(toks[i].Text) + spanText(toks, i, j)[len(toks[i].Text):], kind: kind, country: country, media: media})
}

// withoutClitic removes a preposition or conjunction from the kind word
// of a body's name: "لوكالة" is "وكالة", "للهيئة" "الهيئة", "وبوزارة" "وزارة".
func withoutClitic(w string) string {
	if rest, ok := strings.CutPrefix(w, "لل"); ok {
		// "للهيئة" is ل + الهيئة; "للجنة" is ل + اللجنة, one lam dropped.
		if bodyKinds[stripArticle(graph.Fold("ال"+rest))] != "" {
			return "ال" + rest
		}
		if bodyKinds[graph.Fold("ل"+rest)] != "" {
			return "ال" + "ل" + rest
		}
	}
	for _, p := range []string{"وب", "ول", "فب", "ب", "ل", "و", "ف"} {
		if rest, ok := strings.CutPrefix(w, p); ok && (bodyKinds[stripArticle(graph.Fold(rest))] != "" || stripArticle(graph.Fold(rest)) == companyWord) {
			return rest
		}
	}
	return w
}

// bodyKinds maps the folded kind words of Arabic public bodies to their
// kind.
var bodyKinds = func() map[string]string {
	m := map[string]string{}
	for _, w := range []string{"هيئة", "مؤسسة", "صندوق", "جهاز", "وكالة", "سلطة", "مركز"} {
		m[graph.Fold(w)] = string(graph.OrgAgency)
	}
	for _, w := range []string{"بنك", "مصرف"} {
		m[graph.Fold(w)] = string(graph.OrgCompany)
	}
	for _, w := range []string{"مجلس", "أكاديمية", "أمانة", "مكتب"} {
		m[graph.Fold(w)] = string(graph.OrgAgency)
	}
	for _, w := range []string{"لجنة", "غرفة"} {
		m[graph.Fold(w)] = string(graph.OrgOther)
	}
	m[graph.Fold("وزارة")] = string(graph.OrgMinistry)
	return m
}()

// stripArticle removes the definite article from a folded Arabic word.
func stripArticle(w string) string {
	// Every article form ends in "ال" (4 bytes), after one letter or none.
	i := strings.Index(w, "ال")
	if i != 0 && !(i == 2 && (strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ب") || strings.HasPrefix(w, "ف"))) {
		return w
	}
	if rest := w[i+4:]; utf8.RuneCountInString(rest) >= 2 {
		return rest
	}
	return w
}

// personalHonorificBefore reports whether a personal honorific (Dr., Mr.,
// Sheikh, Prince) comes right before token i; "His Majesty Sultan …" is a
// title.
func (x *Extractor) personalHonorificBefore(s *sentence, i int) bool {
	k := i - 1
	if k >= 0 && s.toks[k].Text == "." {
		k--
	}
	if k < 0 || !x.isHonorific(s, k) {
		return false
	}
	switch s.toks[k].Folded {
	case "majesty", "highness", "his", "her", "excellency", "h.e.", "hh", "hrh", "he", "hm":
		return false
	}
	return true
}

// knownNameAt reports whether a well-known person's full name starts at
// token i: "Sultan Al Jaber", where Sultan is no title.
func (x *Extractor) knownNameAt(s *sentence, i int) bool {
	for j := i + 2; j <= len(s.toks) && j <= i+5; j++ {
		if x.gaz.PersonNamed(spanText(s.toks, i, j)) != nil {
			return true
		}
	}
	return false
}

// styleAbbrev holds the abbreviated styles written before a title in
// capitals: "HE Minister of …" is His Excellency the minister.
var styleAbbrev = map[string]bool{"HE": true, "HH": true, "HRH": true, "HM": true}

// isAcronym reports whether a word is written in capitals only.
func isAcronym(w string) bool {
	return len(w) >= 2 && strings.ToUpper(w) == w && strings.ToLower(w) != w
}

// describedCompany recognizes a company the gazetteer does not know from
// the word a story describes it with, after its country: "French utility
// EDF", "Saudi developer ACWA Power", "Germany's Rheinmetall group" is
// left to the gazetteer. The name is the capitalized words that follow,
// the descriptor word at i.
func (x *Extractor) describedCompany(s *sentence, i int) (mention, bool) {
	toks := s.toks
	if i == 0 || i+1 >= len(toks) || !isLatin(toks[i].Text) || isCapitalized(toks[i].Text) || !x.gaz.IsExact("company_descriptor", toks[i].Folded) {
		return mention{}, false
	}
	// "Nigeria's state oil firm NNPC": up to two words in lower case
	// between the country and the descriptor.
	var before *mention
	for b := i; b >= i-2 && b > 0 && before == nil; b-- {
		if b < i && (toks[b].Punct || isCapitalized(toks[b].Text) || !isLatin(toks[b].Text)) {
			break
		}
		before = mentionEndingAt(s, b)
		if before == nil && b >= 3 && toks[b-1].Folded == "s" && toks[b-2].Punct {
			before = mentionEndingAt(s, b-2)
		}
	}
	if before == nil || (before.kind != mDemonym && before.kind != mCountry) {
		return mention{}, false
	}
	j := i + 1
	for j < len(toks) && j-i <= 4 && !toks[j].Punct && isLatin(toks[j].Text) && isCapitalized(toks[j].Text) && !x.isHonorific(s, j) {
		if entries, n := x.gaz.Match(toks, j); n > 0 && len(entries) > 0 {
			break // a known name: "state oil company Aramco" is found by the gazetteer
		}
		j++
	}
	if j == i+1 {
		return mention{}, false
	}
	name := spanText(toks, i+1, j)
	if x.isMedia(toks, i+1, j) {
		return mention{}, false
	}
	return orgMention(i+1, j, &orgRef{name: name, kind: string(graph.OrgCompany), country: before.country.ISO2})
}

// acronymOrg recognizes an English organization the gazetteer does not
// know from the acronym written after it: "Independent Power Transmission
// Operator (IPTO)". The acronym must be the initials of the capitalized
// words of the name, so that "Qatar and Germany (QA)" is no organization.
func (x *Extractor) acronymOrg(s *sentence, i int) (mention, bool) {
	toks := s.toks
	if i >= len(toks) || !isLatin(toks[i].Text) || !isCapitalized(toks[i].Text) || (i > 0 && isCapitalized(toks[i-1].Text) && !toks[i-1].Punct) {
		return mention{}, false
	}
	j := i
	for j < len(toks) && j-i < 8 && !toks[j].Punct && (isCapitalized(toks[j].Text) || functionWord[toks[j].Folded]) {
		j++
	}
	if j+2 >= len(toks) || toks[j].Text != "(" || toks[j+2].Text != ")" || j-i < 2 {
		return mention{}, false
	}
	acronym := toks[j+1].Text
	if len(acronym) < 2 || len(acronym) > 8 || strings.ToUpper(acronym) != acronym || !isLatin(acronym) {
		return mention{}, false
	}
	if toks[i].Folded == "the" {
		i++ // "The Organization of …" at the start of a sentence
	}
	var initials strings.Builder
	for k := i; k < j; k++ {
		// "Comprehensive Economic Partnership Agreement (CEPA)", "Africa
		// Energy Forum (AEF)": agreements and events have acronyms too.
		if x.gaz.Is("agreement", toks, k) || x.gaz.Is("plural_agreement", toks, k) || notOrg[toks[k].Folded] {
			return mention{}, false
		}
		if !functionWord[toks[k].Folded] {
			initials.WriteString(strings.ToUpper(toks[k].Text[:1]))
		}
	}
	if initials.String() != acronym {
		return mention{}, false
	}
	if entries, m := x.gaz.Match(toks, i); m > 0 && len(entries) > 0 {
		return mention{}, false // a name the gazetteer knows starts it
	}
	kind := string(graph.OrgOther)
	if v, m := x.gaz.Word("orgkind", toks, j-1); m == 1 {
		kind = v
	}
	var country string
	if i >= 3 && toks[i-1].Folded == "s" && toks[i-2].Punct {
		if entries, m := x.gaz.Match(toks, i-3); m == 1 && entries[0].Country != nil && entries[0].Type == gazetteer.CountryName {
			country = entries[0].Country.ISO2
		}
	}
	name := spanText(toks, i, j)
	return orgMention(i, j, &orgRef{name: name, kind: kind, country: country})
}

// notOrg holds the words that make an acronym's name an event, a plan or
// a document rather than an organization.
var notOrg = map[string]bool{
	"summit": true, "conference": true, "forum": true, "initiative": true, "program": true, "programme": true,
	"plan": true, "strategy": true, "vision": true, "project": true, "corridor": true, "exercise": true,
	"expo": true, "games": true, "cup": true, "week": true, "agenda": true, "declaration": true,
	"convention": true, "dialogue": true, "framework": true, "mechanism": true, "act": true, "law": true,
	"system": true, "index": true, "reserve": true, "reserves": true, "zone": true, "area": true, "route": true, "pipeline": true, "interconnector": true,
}

// functionWord holds the English words that may stand inside a name
// without capitals.
var functionWord = map[string]bool{"of": true, "and": true, "for": true, "the": true, "on": true, "de": true}

// executiveWord holds the words of executives' titles, which no company
// name contains.
var executiveWord = map[string]bool{"director": true, "managing": true, "ceo": true, "chairman": true, "minister": true, "chairwoman": true, "cfo": true, "coo": true}

// legalForm holds the words that end a company's name.
var legalForm = map[string]bool{
	"gmbh": true, "ag": true, "se": true, "sa": true, "ltd": true, "limited": true, "inc": true,
	"corp": true, "corporation": true, "group": true, "holding": true, "holdings": true,
	"plc": true, "llc": true, "company": true, "co": true, "nv": true, "bv": true, "spa": true,
}

// capitalizedOrg recognizes an English organization the gazetteer does
// not know from its capitalized name ending in a kind word: "Gulf Marine
// Services Company", "Doha Development Bank", "National Energy Authority".
// A known name inside it ("Qatar" in "Qatar Shipping Company") does not
// stop it: the longer name is the organization.
func (x *Extractor) capitalizedOrg(s *sentence, i int) (mention, bool) {
	if i >= len(s.toks) || !isLatin(s.toks[i].Text) || !isCapitalized(s.toks[i].Text) || (i > 0 && isCapitalized(s.toks[i-1].Text) && !s.toks[i-1].Punct) {
		return mention{}, false
	}
	// "The Kuwait Fund for …" at the start of a sentence: the name begins
	// after the article.
	if s.toks[i].Text == "The" && i+1 < len(s.toks) && isCapitalized(s.toks[i+1].Text) {
		i++
	}
	j := i
	for j < len(s.toks) && j-i < 6 && !s.toks[j].Punct && (isCapitalized(s.toks[j].Text) || s.toks[j].Folded == "of" || s.toks[j].Folded == "and" || s.toks[j].Folded == "for") {
		// "Nordwind Energie GmbH and Kaito Industries": a legal form ends
		// one company's name.
		if s.toks[j].Folded == "and" && j > i && legalForm[s.toks[j-1].Folded] {
			break
		}
		j++
	}
	for j > i && !isCapitalized(s.toks[j-1].Text) {
		j--
	}
	// "The Emirates Diplomatic academy, EDA,": a kind word in lower case
	// after two capitalized words still ends the name.
	if j-i >= 2 && j < len(s.toks) && !s.toks[j].Punct && x.gaz.IsExact("orgkind_lower", s.toks[j].Folded) && s.toks[j].Folded == s.toks[j].Text {
		j++
	}
	run := j
	// The name ends with its last kind word ("Supreme National Security
	// Council Secretary Ali …" ends at Council), and something precedes it.
	kind, n := "", 0
	for k := j - 1; k > i && kind == ""; k-- {
		if v, m := x.gaz.Word("orgkind", s.toks, k); m > 0 && k+m <= j && (isCapitalized(s.toks[k].Text) || k == j-1 && k == run-1) {
			kind, n, j = v, k+m-i, k+m
		}
	}
	if kind == "" || n < 2 || kind == string(graph.OrgMinistry) {
		return mention{}, false
	}
	// "Strategic Petroleum Reserve (SPR)": the acronym names the whole run,
	// which goes on past the kind word; it is no organization of that kind.
	// "National Office of Hydrocarbons and Mines (ONHYM)": a kind word
	// followed by "of" names the whole run.
	if run > i+n && run+2 < len(s.toks) && s.toks[run].Text == "(" && s.toks[run+2].Text == ")" && isAcronym(s.toks[run+1].Text) {
		if s.toks[i+n].Folded != "of" {
			return mention{}, false
		}
		j, n = run, run-i
	}
	// "ADNOC Managing Director and Group CEO" is a title, not a company.
	for k := i; k < i+n; k++ {
		if executiveWord[s.toks[k].Folded] {
			return mention{}, false
		}
	}
	// "Export-Import Bank of India": the country closes the name.
	if j+1 < len(s.toks) && s.toks[j].Folded == "of" {
		if entries, m := x.gaz.Match(s.toks, j+1); m > 0 && entries[0].Type == gazetteer.CountryName {
			j, n = j+1+m, j+1+m-i
		}
	}
	if entries, m := x.gaz.Match(s.toks, i); m >= n && len(entries) > 0 {
		return mention{}, false // the gazetteer knows it whole
	}
	// A country, demonym or city in the name is the organization's home:
	// "Qatar Gas Transport Company", "Doha Development Bank", "Export-Import
	// Bank of India".
	var country string
	// "Iran's Supreme National Security Council": the possessor is the home.
	if i >= 3 && s.toks[i-1].Folded == "s" && s.toks[i-2].Punct {
		if entries, m := x.gaz.Match(s.toks, i-3); m == 1 && entries[0].Country != nil && entries[0].Type == gazetteer.CountryName {
			country = entries[0].Country.ISO2
		}
	}
	for k := i; k < j && country == ""; k++ {
		if entries, m := x.gaz.Match(s.toks, k); m > 0 && k+m <= j {
			for _, e := range entries {
				if e.Country != nil && e.Type != gazetteer.OfficeTitle {
					country = e.Country.ISO2
					break
				}
			}
		}
	}
	name := spanText(s.toks, i, j)
	if x.gaz.Is("honorific", s.toks, i) {
		return mention{}, false
	}
	return orgMention(i, j, &orgRef{name: name, kind: kind, country: country, media: x.isMedia(s.toks, i, j) && !x.mediaActs(s, i, j)})
}

// mediaActs reports whether a news agency named at [i, j) is a party of
// the story rather than its source: it signs ("KUNA and SPA signed a
// memorandum"), or stands after بين/between in a sentence of a signing.
func (x *Extractor) mediaActs(s *sentence, i, j int) bool {
	if !x.hasWord(s, "verb_sign") {
		return false
	}
	if i > 0 && (s.toks[i-1].Folded == "between" || strings.TrimPrefix(s.toks[i-1].Folded, "و") == "بين") {
		return true
	}
	// One of a pair: "بين وكالة الأنباء السعودية، ووكالة الأنباء الماليزية".
	for _, m := range s.mentions {
		if m.kind == mOrg && !m.org.media && m.org.kind == string(graph.OrgAgency) && m.j >= i-2 && m.j < i && x.isMedia(s.toks, m.i, m.j) {
			return true
		}
	}
	if !isLatin(s.toks[i].Text) {
		// "وقعت وكالة الأنباء …": the verb before its subject.
		return i > 0 && x.gaz.IsWord("verb_sign", s.toks[i-1].Folded) && !x.gaz.IsWord("sign_noun", s.toks[i-1].Folded)
	}
	for k := j; k < len(s.toks) && k < j+16; k++ {
		if x.gaz.IsWord("verb_sign", s.toks[k].Folded) {
			return !x.gaz.IsWord("sign_noun", s.toks[k].Folded)
		}
		if x.gaz.IsWord("verb_other", s.toks[k].Folded) || x.gaz.IsWord("verb_meet", s.toks[k].Folded) || x.gaz.Is("agreement", s.toks, k) || s.toks[k].Text == "," && k > j+6 {
			return false
		}
	}
	return false
}

// patternOrg recognizes an organization the gazetteer does not know, from a
// kind word followed closely by a quoted name: شركة “X”, شركة الدفاع
// الألمانية “X”, company "X". The quoted name is the organization.
func (x *Extractor) patternOrg(s *sentence, i int) (mention, bool) {
	kind, n := x.gaz.Word("orgkind", s.toks, i)
	if n == 0 {
		return mention{}, false
	}
	var country string
	for k := i + n; k < len(s.toks) && k <= i+n+4; k++ {
		t := s.toks[k]
		// "الهيئة القومية للأنفاق وشركة «X»": the quoted name belongs to
		// the nearer kind word; "المكتب الإعلامي للمجلس أن “NAME”": a
		// clause in between.
		if x.gaz.Is("orgkind", s.toks, k) || x.gaz.IsExact("stop", s.toks[k].Folded) || x.gaz.IsExact("clause_boundary", s.toks[k].Folded) {
			return mention{}, false
		}
		if c := x.demonymAt(s.toks, k); c != nil {
			country = c.ISO2
			continue
		}
		if t.Punct && isOpenQuote(t.Text) {
			end := closeQuote(s.toks, k)
			if end < 0 || end-k-1 < 1 || end-k-1 > 5 {
				return mention{}, false
			}
			name := spanText(s.toks, k+1, end)
			// "وكالة الأنباء الأردنية “بترا”": the agency's own short name.
			if x.isMedia(s.toks, k+1, end) || x.isMedia(s.toks, i, k) {
				return mention{}, false
			}
			if entries, m := x.gaz.Match(s.toks, k+1); m == end-k-1 && entries[0].Type == gazetteer.OrganizationName {
				return mention{}, false // the gazetteer will find it at k+1
			}
			if c := x.demonymAt(s.toks, end+1); c != nil {
				country = c.ISO2
			}
			return orgMention(k+1, end, &orgRef{name: name, kind: kind, country: country})
		}
		if t.Punct {
			break
		}
	}
	return mention{}, false
}

func isOpenQuote(s string) bool  { return strings.ContainsAny(s, "“\"«'‘”") }
func isCloseQuote(s string) bool { return strings.ContainsAny(s, "”\"»'’“") }

// closeQuote returns the index of the quotation mark closing the one at
// toks[k], or -1.
func closeQuote(toks []arabic.Token, k int) int {
	for j := k + 1; j < len(toks) && j <= k+12; j++ {
		if toks[j].Punct && isCloseQuote(toks[j].Text) {
			return j
		}
	}
	return -1
}

// longQuotes marks the tokens inside quotations of more than six words:
// what someone said, whose names are not actors of the story.
func longQuotes(toks []arabic.Token) []bool {
	out := make([]bool, len(toks))
	open := -1
	for k, t := range toks {
		switch {
		case t.Punct && (t.Text == "«" || t.Text == "“") && open < 0:
			open = k
		case t.Punct && (t.Text == "»" || t.Text == "”") && open >= 0:
			if k-open > 7 {
				for j := open; j <= k; j++ {
					out[j] = true
				}
			}
			open = -1
		}
	}
	if open >= 0 && len(toks)-open > 7 { // a quotation running to the end of the sentence
		for j := open; j < len(toks); j++ {
			out[j] = true
		}
	}
	return out
}

// spanText joins the tokens [i, j) as written, with spaces between words.
func spanText(toks []arabic.Token, i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i && toks[k].Start > toks[k-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].Text)
	}
	return b.String()
}

func isCapitalized(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

func isLatin(s string) bool {
	for _, r := range s {
		return r < 0x0600
	}
	return false
}

// orgMention is the mention of an organization found by a pattern at
// tokens [i, j), or no mention when its name has nothing to make an id of
// (a quoted "#").
func orgMention(i, j int, ref *orgRef) (mention, bool) {
	if graph.Slug(ref.name) == "" {
		return mention{}, false
	}
	return mention{kind: mOrg, i: i, j: j, org: ref}, true
}

// mediaNews is للأنباء ("of news") folded.
var mediaNews = graph.Fold("للأنباء")

// companyWord is شركة folded.
var companyWord = graph.Fold("شركة")

// arabicCompany recognizes a company named after شركة without quotation
// marks: "شركة توازن", "شركة تطوير العقبة", "شركة أبوظبي التنموية
// القابضة", "شركة داسو الفرنسية" is left to the gazetteer. The name runs
// to a mark, a word that cannot be part of it or a demonym (the company's
// country); a city or country inside it is its home.
func (x *Extractor) arabicCompany(s *sentence, i int) (mention, bool) {
	toks := s.toks
	if i+1 >= len(toks) || isLatin(toks[i].Text) || toks[i].Punct || !strings.HasSuffix(toks[i].Folded, companyWord) || stripArticle(strings.TrimPrefix(toks[i].Folded, "و")) != companyWord || hasArticle(toks[i]) {
		return mention{}, false
	}
	first := toks[i+1]
	// "شركة المشاريع الكويتية": a defined word is a name only before a
	// demonym.
	defined := hasArticle(first) && (x.demonymAt(toks, i+2) != nil || i+3 < len(toks) && hasArticle(toks[i+2]) && x.demonymAt(toks, i+3) != nil)
	// "شركة تطوير العقبة": a common noun may start a company's name.
	common := func(k int) bool {
		return x.gaz.IsWordOrConj("common_noun", toks[k].Folded) && !toks[k].Punct && !covered(s, k)
	}
	if first.Punct || isLatin(first.Text) || hasArticle(first) && !defined || x.breaks(s, i+1) && !common(i+1) || x.gaz.IsWord("generic_company", first.Folded) || x.demonymAt(toks, i+1) != nil {
		return mention{}, false
	}
	if entries, n := x.gaz.Match(toks, i+1); n > 0 && slices.ContainsFunc(entries, func(e gazetteer.Entry) bool { return e.Type == gazetteer.OrganizationName }) {
		return mention{}, false // the gazetteer names it
	}
	// "شركة الدفاع الألمانية “راينميتال”": the quoted name is the company's.
	for k := i + 1; k < len(toks) && k <= i+5; k++ {
		if toks[k].Punct && isOpenQuote(toks[k].Text) {
			return mention{}, false
		}
	}
	var country string
	j := i + 1
	for j < len(toks) && j-i <= 4 && !toks[j].Punct && !isLatin(toks[j].Text) && !s.quoted[j] {
		if j > i+1 && (strings.HasPrefix(toks[j].Text, "و") && !hasArticle(toks[j]) || x.breaks(s, j) && !common(j) || x.gaz.IsWord("generic_company", toks[j].Folded) && !hasArticle(toks[j]) || x.gaz.Is("topic", toks, j) && !strings.HasPrefix(toks[j].Text, "لل")) {
			break
		}
		if c := x.demonymAt(toks, j); c != nil {
			country = c.ISO2
			break
		}
		if entries, n := x.gaz.Match(toks, j); n > 0 {
			for _, e := range entries {
				if e.Country != nil && (e.Type == gazetteer.City || e.Type == gazetteer.CountryName) && country == "" {
					country = e.Country.ISO2
				}
			}
			j += n
			continue
		}
		j++
	}
	name := spanText(toks, i, j)
	if toks[i].Folded != companyWord { // "وشركة X": the name without the clitic
		name = "شركة " + spanText(toks, i+1, j)
	}
	if c := x.demonymAt(toks, j); c != nil && country == "" {
		country = c.ISO2
	}
	return orgMention(i, j, &orgRef{name: name, kind: string(graph.OrgCompany), country: country})
}

// adjectiveOfCountry returns the country of a demonym at toks[i], or of a
// country's name with the article that reads as one ("السعودية" after a
// noun is "Saudi"), or nil.
func (x *Extractor) adjectiveOfCountry(toks []arabic.Token, i int) *gazetteer.Country {
	if c := x.demonymAt(toks, i); c != nil {
		return c
	}
	if i >= len(toks) || !hasArticle(toks[i]) {
		return nil
	}
	if entries, n := x.gaz.Match(toks, i); n == 1 {
		for _, e := range entries {
			if e.Type == gazetteer.CountryName {
				return e.Country
			}
		}
	}
	return nil
}

// possessedAcronym recognizes an organization named by an acronym after a
// country's possessive: "India's GAIL", "Egypt's EGAS".
func (x *Extractor) possessedAcronym(s *sentence, i int) (mention, bool) {
	toks := s.toks
	if i < 3 || toks[i-1].Folded != "s" || !toks[i-2].Punct || !strings.ContainsAny(toks[i-2].Text, "'’") || !isLatin(toks[i].Text) || len(toks[i].Text) > 8 || !isAcronym(toks[i].Text) {
		return mention{}, false
	}
	before := mentionEndingAt(s, i-2)
	if before == nil || before.kind != mCountry || x.isMedia(toks, i, i+1) {
		return mention{}, false
	}
	return orgMention(i, i+1, &orgRef{name: toks[i].Text, kind: string(graph.OrgOther), country: before.country.ISO2})
}

// cliticPrefixes are the conjunctions and prepositions a body's kind word
// may carry, longest first.
var cliticPrefixes = []string{"لل", "وب", "ول", "فب", "و", "ف", "ب", "ل"}

// firstRune returns the first rune of s.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
