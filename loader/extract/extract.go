// Package extract reads the facts of one article: the countries that act in
// it, persons and their offices, organizations, agreements with their
// parties, kind, topics and date, and meetings with their participants,
// place and date, each tied to the sentence that says so.
//
// It works by rules over the gazetteer's names, not by a statistical model:
// a title such as "وزير الداخلية الألماني" or "German Economy Minister" finds
// the name beside it and the country it belongs to; a signing verb with an
// agreement word makes an agreement whose parties are the names before the
// word and after مع/بين/with/between; a meeting verb with two named persons
// makes a meeting. Every rule is written for the grammar of news prose in
// general and tested on sentences of our own.
package extract

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/arabic"
	"github.com/alaqat/alaqat/loader/gazetteer"
)

// Extractor extracts facts from articles with a gazetteer.
type Extractor struct {
	gaz *gazetteer.Gazetteer
}

// New returns an Extractor that knows what g knows.
func New(g *gazetteer.Gazetteer) *Extractor { return &Extractor{gaz: g} }

// TitleWords returns the words of titles in Arabic, from the gazetteer.
func (x *Extractor) TitleWords() *graph.TitleWords { return x.gaz.TitleWords() }

// Default returns an Extractor over the embedded gazetteer.
func Default() *Extractor { return New(gazetteer.Default()) }

// analysis is the working state of one article's extraction.
type analysis struct {
	x          *Extractor
	art        *graph.Article
	sentences  []*sentence
	persons    []*person
	anon       []anonOffice
	orgs       []*orgEntry
	countries  map[string]*countryEntry // by ISO2
	main       []string                 // the article's main countries, most mentioned first
	agreements []*agreement
	meetings   []*meeting
	keys       map[string]string // folded names of persons (analysis.nameKey)
	// published is the date relative dates are read against: the
	// article's, else the full date of its dateline ("الدوحة في 12 مايو
	// 2024 /قنا/", "DOHA, May 12, 2024 (QNA) -").
	published *graph.PartialDate
	// listParties are the sides of the last plural, dual or counted
	// agreements, for the entries of their list.
	listParties []party
	signing     int // signingTold's answer: 0 not asked, 1 yes, -1 no
	plurals     []pluralPair
}

type orgEntry struct {
	ref      *orgRef
	mentions []span
}

type countryEntry struct {
	c        *gazetteer.Country
	mentions []span // names and demonyms
	score    int
}

// buffers keeps the memory of tokenizing for the next article.
var buffers = sync.Pool{New: func() any { return new(arabic.Buffer) }}

// Extract reads the facts of an article. The article's Text is what
// evidence offsets count in; its ID names the article in the evidence.
func (x *Extractor) Extract(art *graph.Article) *graph.Facts {
	a := &analysis{x: x, art: art, countries: map[string]*countryEntry{}}
	titleEnd := len([]rune(art.Title))
	// The tokens live only as long as the extraction: the facts are strings
	// of their own, so the memory of tokenizing serves the next article.
	buf := buffers.Get().(*arabic.Buffer)
	defer buffers.Put(buf)
	ss := buf.Sentences(art.Text)
	sents := make([]sentence, len(ss)) // one allocation for all
	a.sentences = make([]*sentence, 0, len(ss))
	for i, s := range ss {
		sent := &sents[i]
		*sent = sentence{index: i, start: s.Start, end: s.End, byteStart: s.ByteStart, byteEnd: s.ByteEnd, toks: s.Tokens, title: art.Title != "" && s.Start < titleEnd && strings.HasPrefix(art.Text, art.Title)}
		x.scan(sent)
		a.sentences = append(a.sentences, sent)
	}
	for _, s := range a.sentences {
		for _, m := range s.mentions {
			switch m.kind {
			case mCountry, mDemonym:
				if s.quoted[m.i] {
					continue
				}
				e := a.country(m.country)
				e.mentions = append(e.mentions, span{s.index, m.i, m.j})
				e.score++
			case mOrg:
				// "تقرير صادر عن مركز …", "analysts at the X Center": a
				// source of the story, no actor of it.
				if !m.org.media && !x.sourceBefore(s, m.i) {
					a.addOrg(m.org, s, m)
				}
			}
		}
		x.findPersons(a, s)
	}
	a.published = cmp.Or(art.Published, x.datelineDate(a), x.bylineDate(a), x.leadDate(a))
	x.findShortMentions(a)
	a.mergeShortForms()
	// Well-known persons' countries first: they count in the article's
	// main countries, which the other persons' countries are read against.
	a.resolveKnown()
	a.rankCountries()
	a.resolveCountries(a.main)
	a.rankCountries() // persons' countries now count too
	a.placeMinistries()
	for _, s := range a.sentences {
		x.findAgreements(a, s)
		x.findMeetings(a, s)
	}
	a.dropListedBatches()
	x.ceremonyDates(a)
	x.newsYear(a)
	return a.facts(x)
}

func (a *analysis) country(c *gazetteer.Country) *countryEntry {
	e := a.countries[c.ISO2]
	if e == nil {
		e = &countryEntry{c: c}
		a.countries[c.ISO2] = e
	}
	return e
}

// addOrg registers an organization mention, merging spellings of one
// organization (the gazetteer's id, else the folded name).
func (a *analysis) addOrg(ref *orgRef, s *sentence, m mention) {
	key := ref.id
	if key == "" {
		key = graph.Slug(ref.name)
	}
	for _, o := range a.orgs {
		okey := o.ref.id
		if okey == "" {
			okey = graph.Slug(o.ref.name)
		}
		if okey == key {
			o.mentions = append(o.mentions, span{s.index, m.i, m.j})
			if o.ref.country == "" {
				o.ref.country = ref.country
			}
			return
		}
	}
	a.orgs = append(a.orgs, &orgEntry{ref: ref, mentions: []span{{s.index, m.i, m.j}}})
}

// rankCountries orders the countries by how much the article says of them:
// names and demonyms, persons acting for them, organizations based in them.
func (a *analysis) rankCountries() {
	score := map[string]int{}
	for iso, e := range a.countries {
		score[iso] = len(e.mentions)
	}
	for _, p := range a.persons {
		if c := p.Country(); c != "" {
			score[c] += 2
		}
	}
	for _, o := range a.orgs {
		if o.ref.country != "" && o.ref.kind != string(graph.OrgInternational) {
			score[o.ref.country]++
		}
	}
	a.main = a.main[:0]
	for iso, n := range score {
		if n > 0 {
			a.main = append(a.main, iso)
		}
	}
	slices.SortFunc(a.main, func(x, y string) int { return cmp.Or(cmp.Compare(score[y], score[x]), cmp.Compare(x, y)) })
	for iso, n := range score {
		if e, ok := a.countries[iso]; ok {
			e.score = n
		}
	}
}

// pair returns the article's two main countries, or nil if it has fewer.
func (a *analysis) pair() []string {
	if len(a.main) < 2 {
		return nil
	}
	return a.main[:2]
}

// quote returns the text of a sentence and its offsets.
func (a *analysis) quote(si int) (string, int, int) {
	s := a.sentences[si]
	q := a.art.Text[s.byteStart:s.byteEnd]
	if !utf8.ValidString(q) { // quoted as its runes read
		q = string([]rune(q))
	}
	return q, s.start, s.end
}

// datelineDate returns the full date of the article's dateline, or nil:
// the first sentence of the body opens with a city (or a word in
// capitals) and gives a day, a month and a year within its first words.
func (x *Extractor) datelineDate(a *analysis) *graph.PartialDate {
	for _, s := range a.sentences {
		if s.title {
			continue
		}
		if len(s.toks) == 0 {
			return nil
		}
		first := mentionAt(s, 0)
		if (first == nil || first.kind != mCity) && !(isLatin(s.toks[0].Text) && isAcronym(s.toks[0].Text)) {
			return nil
		}
		for k := 1; k < len(s.toks) && k <= 6; k++ {
			if d, n := x.dateAt(s.toks, k, min(len(s.toks), k+8), nil); n > 0 {
				if d != nil && d.Day > 0 {
					return d
				}
				return nil
			}
		}
		return nil
	}
	return nil
}

// bylineDate returns the full date of a byline or date line at the top of
// the body, or nil: "Published: 14/03/2025", "تاريخ النشر: 11th, September
// 2025 GMT", "PTI | New Delhi | Updated: 19-02-2021 22:26 IST", "الأربعاء 8
// دجنبر 2021 - 15:34". Such a line is short and tells no signing or
// meeting, or it opens with a word of publishing; the first four lines after
// the headline are read.
func (x *Extractor) bylineDate(a *analysis) *graph.PartialDate {
	lines := 0
	var line []arabic.Token // a line's tokens, where it holds several sentences ("23. أبريل 2021")
	for k := 0; k < len(a.sentences) && lines < 4; k++ {
		s := a.sentences[k]
		if s.title {
			continue
		}
		// The sentences of one line: no line break between them.
		n, size := k, len(s.toks)
		for n+1 < len(a.sentences) && !strings.Contains(a.art.Text[a.sentences[n].byteEnd:a.sentences[n+1].byteStart], "\n") {
			n++
			size += len(a.sentences[n].toks)
		}
		published := false
		for i := range min(len(s.toks), 8) {
			if _, m := x.gaz.Word("published_word", s.toks, i); m > 0 {
				published = true
			}
		}
		first := k
		k = n
		lines++
		if !published && size > 24 {
			continue
		}
		toks := s.toks
		if n > first {
			line = line[:0]
			for _, t := range a.sentences[first : n+1] {
				line = append(line, t.toks...)
			}
			toks = line
		}
		if !published && (x.gaz.Has("verb_sign", toks) || x.gaz.Has("verb_meet", toks)) {
			continue
		}
		for i := range toks {
			// A "Published" line gives its year even where the order of day
			// and month is unknown ("Published: 03/10/2023").
			if d, m := x.dateAt(toks, i, len(toks), nil); m > 0 && d != nil && (d.Day > 0 || published && d.Month == 0 && m == 5) {
				return d
			}
		}
	}
	return nil
}

// leadDate returns the full date the first sentence of the body gives,
// or nil: "أعلنت الأمانة، السبت (12 كانون الأول 2020)، عن توقيع …" tells the
// day's news on its day.
func (x *Extractor) leadDate(a *analysis) *graph.PartialDate {
	read := 0
	for _, s := range a.sentences {
		// A headline gives a full date only where it is the lead itself;
		// a full date has a year in digits.
		hasYear := slices.ContainsFunc(s.toks, func(t arabic.Token) bool { return len(t.Folded) >= 4 && isDigits(t.Folded[:4]) })
		for k, t := range s.toks {
			if !hasYear || !isDigits(t.Folded) && !strings.HasSuffix(t.Folded, "م") {
				continue
			}
			for b := max(0, k-3); b <= k; b++ {
				if d, n := x.dateAt(s.toks, b, len(s.toks), nil); n > 0 && d != nil && d.Day > 0 {
					return d
				}
			}
		}
		if s.title {
			continue
		}
		// A dateline of its own ("بغداد - IQ") comes before the lead.
		if read++; read == 2 || len(s.toks) > 6 {
			return nil
		}
	}
	return nil
}

// placeMinistries gives a ministry named without its country the country
// of the one person of the article who holds its minister's office, and
// drops it where there is none: a ministry of no country is no
// organization one can tell apart.
func (a *analysis) placeMinistries() {
	resolved := map[string]*orgRef{} // by the written name's slug
	a.orgs = slices.DeleteFunc(a.orgs, func(o *orgEntry) bool {
		if o.ref.office == nil {
			return false
		}
		iso := ""
		for _, p := range a.persons {
			for _, of := range p.offices {
				if c := cmp.Or(of.country, p.Country()); of.title == o.ref.office.Title && c != "" {
					if iso != "" && iso != c {
						return true // ministers of two countries: whose is it?
					}
					iso = c
				}
			}
		}
		c := a.x.gaz.Countries[iso]
		if c == nil {
			return true
		}
		r := ministryOf(c, o.ref.office, o.ref.name)
		resolved[graph.Slug(o.ref.name)] = r
		o.ref = r
		return false
	})
	for _, s := range a.sentences {
		for k := range s.mentions {
			m := &s.mentions[k]
			if m.kind == mOrg && m.org.office != nil {
				if r := resolved[graph.Slug(m.org.name)]; r != nil {
					m.org = r
				}
			}
		}
	}
}

// sourceBefore reports whether a word that introduces a source or a
// report comes within the four words before token k.
func (x *Extractor) sourceBefore(s *sentence, k int) bool {
	for b := k - 1; b >= 0 && b >= k-4 && !s.toks[b].Punct; b-- {
		if x.gaz.IsWord("source_intro", s.toks[b].Folded) {
			return true
		}
	}
	return false
}
