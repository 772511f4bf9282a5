package extract

import (
	"slices"
	"strings"

	"github.com/alaqat/alaqat/graph"
)

type meeting struct {
	participants []*person
	hosts        []string // ISO2 of the countries visited, for a visit
	place        *mention
	placeSent    int
	date         *graph.PartialDate
	sents        []int
}

// findMeetings reads a meeting from a sentence with a meeting verb (or a
// signing ceremony) and at least two named persons; a definite "اللقاء" or
// "the meeting" adds its persons to the meeting before it.
func (x *Extractor) findMeetings(a *analysis, s *sentence) {
	// A meeting verb, or a signing ceremony: a signing verb and an
	// agreement word ("Moscow agreed" is no ceremony).
	meets := x.meetingTold(s)
	// A signing ceremony: a signing done, of a deal the sentence or the
	// article names, by officials of two states — or by anyone of two
	// countries where it joins a meeting told before (the executives who
	// sign before their leaders).
	ceremony := x.concluded(s) && (x.hasWord(s, "agreement") || x.hasWord(s, "plural_agreement") || x.hasWord(s, "sign_noun") || len(a.agreements) > 0)
	joinOnly := false
	if !meets && ceremony && !officialsOfTwoStates(a.personsIn(s.index)) {
		if !personsOfTwoCountries(a.personsIn(s.index)) || len(a.meetings) == 0 {
			return
		}
		joinOnly = true
	}
	if !meets && !ceremony {
		return
	}
	var people []*person
	for _, p := range a.personsIn(s.index) {
		if !a.onlyQuoted(p, s) {
			people = append(people, p)
		}
	}
	for _, an := range a.anon {
		if an.at.sent != s.index {
			continue
		}
		if p := a.holderOf(an); p != nil && !slices.Contains(people, p) {
			people = append(people, p)
		}
	}
	if len(people) == 0 {
		return // a meeting of no one named
	}
	// "where he met with Presidents A and B": a pair named after the verb
	// are the ones met, each apart, by the one the story follows.
	if pair := a.pluralAfterVerb(x, s); pair != nil {
		people = slices.DeleteFunc(people, func(p *person) bool { return p != pair.first && p != pair.second })
		if len(people) == 2 {
			if subject := a.lastActorBefore(s.index, pair); subject != nil {
				for _, p := range people {
					m := &meeting{sents: []int{s.index}, participants: []*person{subject, p}, date: x.nearestDate(a, s)}
					a.meetings = append(a.meetings, m)
				}
			}
			return
		}
	}
	m := &meeting{sents: []int{s.index}}
	if c := x.meetingPlace(s); c != nil {
		m.place, m.placeSent = c, s.index
	}
	m.date = x.nearestDate(a, s)
	m.participants = people
	// "The meeting was attended by …" adds its persons to the meeting told
	// before; "NAME praised the talks" does not.
	definite := x.definiteMeeting(s) && x.hasWord(s, "attend_verb")
	if host := x.visited(s, people); host != "" {
		m.hosts = []string{host}
	} else if len(people) == 1 && a.receivedOnVisit(s, people[0]) {
		// "وكان في استقبال سموه لدى وصوله … وزير الخارجية أحمد عطاف": the
		// host who receives a visitor joins the visit told just before.
		definite = true
	} else if len(people) < 2 && !(definite && len(people) > 0 && len(a.meetings) > 0) {
		return
	}
	for i := len(a.meetings) - 1; i >= 0; i-- {
		old := a.meetings[i]
		if !compatiblePlace(old, m) || (old.date != nil && m.date != nil && *old.date != *m.date) {
			continue
		}
		if definite && i == len(a.meetings)-1 || subset(m.participants, old.participants) || subset(old.participants, m.participants) {
			old.merge(m)
			return
		}
		// One event is one meeting: the signatories of the deals of a
		// ceremony, pair after pair, meet in the ceremony told before
		// between the same two sides.
		if x.hasWord(s, "verb_sign") && sameSides(old.participants, m.participants) && s.index-slices.Max(old.sents) <= 3 {
			old.merge(m)
			return
		}
	}
	// "عقب المباحثات، أشاد الوزيران بالعلاقات بين …": a sentence that
	// only refers back to the talks tells no meeting of its own.
	if joinOnly || x.definiteMeeting(s) && !definite && len(a.meetings) > 0 && !x.hasWord(s, "verb_sign") {
		return
	}
	a.meetings = append(a.meetings, m)
}

// officialsOfTwoStates reports whether persons of at least two countries
// are among people: where a minister signs with their counterpart they
// meet, but two executives signing for their companies are no meeting
// between states.
func officialsOfTwoStates(people []*person) bool {
	first := ""
	for _, p := range people {
		if !p.official() {
			continue
		}
		switch c := p.Country(); {
		case c == "":
		case first == "":
			first = c
		case c != first:
			return true
		}
	}
	return false
}

// receivedOnVisit reports whether p, the one person a meeting sentence
// names, hosts the visit of the last meeting, told in the sentence before:
// p is of the country visited, or of another country than every
// participant's.
func (a *analysis) receivedOnVisit(s *sentence, p *person) bool {
	if len(a.meetings) == 0 {
		return false
	}
	last := a.meetings[len(a.meetings)-1]
	if slices.Contains(last.participants, p) || s.index-last.sents[len(last.sents)-1] > 2 || p.Country() == "" {
		return false
	}
	if slices.Contains(last.hosts, p.Country()) {
		return true
	}
	for _, q := range last.participants {
		if q.Country() == "" || q.Country() == p.Country() {
			return false
		}
	}
	return len(last.participants) == 1
}

// official reports whether p holds an office of a state rather than only
// of a company.
func (p *person) official() bool {
	if len(p.offices) == 0 {
		return true // a counterpart or a side's signatory
	}
	for _, o := range p.offices {
		if o.org == nil || o.org.kind != string(graph.OrgCompany) {
			return true
		}
	}
	return false
}

// visited returns the country of one person's visit abroad, or "": a
// visiting verb, and a country or city of another country than theirs
// ("الرئيس الفرنسي إيمانويل ماكرون، سيحل بالمغرب"). The visit is a meeting
// with its host country, whose officials the article may name elsewhere or
// not at all.
func (x *Extractor) visited(s *sentence, people []*person) string {
	if len(people) != 1 || people[0].Country() == "" || !x.hasWord(s, "verb_visit") || x.futureTime(s) {
		return ""
	}
	// "will visit", "is due to visit": a visit to come is no meeting.
	told := false
	for k, t := range s.toks {
		if !t.Punct && x.gaz.IsWord("verb_visit", t.Folded) && !x.planned(s, k) && !x.scheduled(s, k) {
			told = true
		}
	}
	if !told {
		return ""
	}
	for _, m := range s.mentions {
		// "will travel to Mumbai": a place to come is not the visit's.
		if (m.kind == mCountry || m.kind == mCity) && !s.quoted[m.i] && m.country.ISO2 != people[0].Country() && !x.planned(s, m.i-1) {
			return m.country.ISO2
		}
	}
	return ""
}

// meetingPlace picks the city where a sentence's meeting happens: the
// first city after the meeting verb, else the last one before it, but not
// a dateline ("DOHA, Nov 28 (Reuters) -"), which says where the story was
// filed.
func (x *Extractor) meetingPlace(s *sentence) *mention {
	verb := max(x.firstVerb(s), 0)
	if x.hasWord(s, "phone_call") {
		return nil // a call has no place
	}
	var before *mention
	for i := range s.mentions {
		m := &s.mentions[i]
		// A dateline: "DOHA, Nov 28 (Reuters) -", "أبوظبي في 29 مايو / وام /".
		if m.kind != mCity || s.quoted[m.i] || (m.i == 0 && m.j < len(s.toks) && (s.toks[m.j].Punct || s.toks[m.j].Folded == "في" && m.j+1 < len(s.toks) && isDigits(s.toks[m.j+1].Folded))) {
			continue
		}
		// "discussed Gaza", "بحثا الأوضاع في غزة": a city talked about is
		// no place of meeting; a place is introduced ("in Doha", "بالدوحة",
		// "at State House, Nairobi") or opens the sentence.
		if !x.placeIntroduced(s, m) {
			continue
		}
		if m.i > verb {
			return m
		}
		before = m
	}
	if before == nil {
		return x.capitalOf(s)
	}
	return before
}

// placeIntroduced reports whether the city m is introduced as a place:
// by a preposition (in, at, to, في, إلى), a clitic (بالدوحة), or a comma
// after a building ("State House, Nairobi"); or stands in a dateline or at
// the start of the sentence.
func (x *Extractor) placeIntroduced(s *sentence, m *mention) bool {
	if m.i == 0 {
		return true
	}
	t := s.toks[m.i]
	if !isLatin(t.Text) && (strings.HasPrefix(t.Text, "ب") || strings.HasPrefix(t.Text, "وب") || strings.HasPrefix(t.Text, "لل") || strings.HasPrefix(t.Text, "ل")) {
		return true
	}
	prev := s.toks[m.i-1]
	if prev.Punct {
		return prev.Text == "," || prev.Text == "،" || prev.Text == "(" || prev.Text == "-" || prev.Text == "—"
	}
	return x.gaz.IsExact("place_prep", prev.Folded)
}

// capitalOf reads a capital named by its country: "العاصمة الجزائرية",
// "the Algerian capital", "Japan's capital", "the capital of Japan".
func (x *Extractor) capitalOf(s *sentence) *mention {
	for k, t := range s.toks {
		if !x.gaz.IsWord("capital_word", t.Folded) || s.quoted[k] {
			continue
		}
		var c *mention
		if mm := mentionAt(s, k+1); mm != nil && (mm.kind == mDemonym || mm.kind == mCountry) && !isLatin(t.Text) {
			c = mm
		} else if k+2 < len(s.toks) && s.toks[k+1].Folded == "of" {
			if mm := mentionAt(s, k+2); mm != nil && mm.kind == mCountry {
				c = mm
			}
		} else if b := k; b > 0 {
			if b >= 2 && s.toks[b-1].Folded == "s" && s.toks[b-2].Punct {
				b -= 2
			}
			if mm := mentionEndingAt(s, b); mm != nil && (mm.kind == mDemonym || mm.kind == mCountry) && isLatin(t.Text) {
				c = mm
			}
		}
		if c == nil || len(c.country.CitiesEN) == 0 {
			continue
		}
		return &mention{kind: mCity, i: k, j: k + 1, country: c.country, city: c.country.CitiesEN[0]}
	}
	return nil
}

// nearestDate returns the date nearest to the sentence's first meeting or
// signing verb; when that nearest date cannot be resolved ("الخميس" in an
// undated article), the meeting stays undated rather than taking a date
// that belongs to something else.
func (x *Extractor) nearestDate(a *analysis, s *sentence) *graph.PartialDate {
	verb := x.firstVerb(s)
	var best *graph.PartialDate
	bestDist := 1 << 30
	for _, d := range x.dates(s.toks, 0, len(s.toks), a.published) {
		dist := d.i - verb
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = d.date, dist
		}
	}
	return best
}

// firstVerb returns the index of the sentence's first meeting or signing
// verb, or -1.
func (x *Extractor) firstVerb(s *sentence) int {
	if !s.verbFound {
		s.verb, s.verbFound = -1, true
		for k := range s.toks {
			if x.gaz.IsWord("verb_meet", s.toks[k].Folded) || x.gaz.IsWord("verb_sign", s.toks[k].Folded) {
				s.verb = k
				break
			}
		}
	}
	return s.verb
}

func (m *meeting) merge(o *meeting) {
	for _, h := range o.hosts {
		if !slices.Contains(m.hosts, h) {
			m.hosts = append(m.hosts, h)
		}
	}
	for _, p := range o.participants {
		if !slices.Contains(m.participants, p) {
			m.participants = append(m.participants, p)
		}
	}
	if m.place == nil {
		m.place, m.placeSent = o.place, o.placeSent
	}
	if m.date == nil {
		m.date = o.date
	}
	m.sents = append(m.sents, o.sents...)
}

func compatiblePlace(a, b *meeting) bool {
	return a.place == nil || b.place == nil || a.place.city == b.place.city
}

func subset(a, b []*person) bool {
	for _, p := range a {
		if !slices.Contains(b, p) {
			return false
		}
	}
	return len(a) > 0
}

// definiteMeeting reports whether the sentence refers back to a meeting:
// "اللقاء", "الاجتماع", "the meeting", "the talks".
func (x *Extractor) definiteMeeting(s *sentence) bool {
	for k, t := range s.toks {
		if !x.gaz.IsWord("verb_meet", t.Folded) {
			continue
		}
		if k > 0 && (s.toks[k-1].Folded == "the" || s.toks[k-1].Folded == "this") {
			return true
		}
		w := strings.TrimPrefix(t.Folded, "و")
		if x.gaz.IsExact("meeting_noun", w) {
			return true
		}
	}
	return false
}

// holderOf returns the person named elsewhere in the article who holds the
// office of a title mentioned without a name.
func (a *analysis) holderOf(an anonOffice) *person {
	var found *person
	for _, p := range a.persons {
		for _, o := range p.offices {
			if o.title == an.title && (an.country == "" || o.country == an.country || p.Country() == an.country) {
				if found != nil && found != p {
					return nil // two holders: ambiguous
				}
				found = p
			}
		}
	}
	if found != nil && an.country == "" && found.Country() != "" {
		return nil // too loose without the country
	}
	return found
}

func (a *analysis) onlyQuoted(p *person, s *sentence) bool {
	for _, m := range p.mentions {
		if m.sent == s.index && !s.quoted[m.i] {
			return false
		}
	}
	return true
}

// sameSides reports whether two groups of persons act for the same two
// countries, each group for both.
func sameSides(a, b []*person) bool {
	sides := func(ps []*person) []string {
		var out []string
		for _, p := range ps {
			if c := p.Country(); c != "" && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
		slices.Sort(out)
		return out
	}
	sa, sb := sides(a), sides(b)
	return len(sa) == 2 && slices.Equal(sa, sb)
}

// meetingTold reports whether the sentence tells a meeting that took
// place: a meeting verb that no word of plan or future comes just before
// ("are scheduled to meet", "will hold talks", "من المقرر أن يلتقي").
func (x *Extractor) meetingTold(s *sentence) bool {
	if !x.hasWord(s, "verb_meet") {
		return false
	}
	// One word first ("met", "talks"), then phrases ("called on").
	for _, phrases := range []bool{false, true} {
		for k, t := range s.toks {
			if t.Punct {
				continue
			}
			found := !phrases && x.gaz.IsWord("verb_meet", t.Folded)
			if phrases {
				_, n := x.gaz.Word("verb_meet", s.toks, k)
				found = n > 1
			}
			if found && !x.planned(s, k) && !x.scheduled(s, k) {
				return !x.futureTime(s)
			}
		}
	}
	return false
}

// futureTime reports whether the sentence names a time to come: "next
// week", "tomorrow", "الأسبوع المقبل", "الشهر القادم".
func (x *Extractor) futureTime(s *sentence) bool {
	return x.hasWord(s, "future_time")
}

// scheduled reports whether a word of schedule comes before the meeting
// verb at k in its clause: "are scheduled to meet", "من المقرر أن يلتقي".
func (x *Extractor) scheduled(s *sentence, k int) bool {
	for b := k - 1; b >= 0 && b >= k-4 && !s.toks[b].Punct; b-- {
		if x.gaz.IsWord("schedule_word", s.toks[b].Folded) {
			return true
		}
	}
	return false
}

// personsOfTwoCountries reports whether people act for at least two
// countries.
func personsOfTwoCountries(people []*person) bool {
	first := ""
	for _, p := range people {
		switch c := p.Country(); {
		case c == "":
		case first == "":
			first = c
		case c != first:
			return true
		}
	}
	return false
}

// pluralAfterVerb returns the pair named after a title in the plural that
// follows the sentence's meeting verb, with no one named before the verb.
func (a *analysis) pluralAfterVerb(x *Extractor, s *sentence) *pluralPair {
	if len(a.plurals) == 0 {
		return nil
	}
	verb := x.firstVerb(s)
	for i := range a.plurals {
		pp := &a.plurals[i]
		if pp.sent != s.index || verb < 0 || pp.at < verb {
			continue
		}
		for _, p := range a.personsIn(s.index) {
			for _, m := range p.mentions {
				if m.sent == s.index && m.i < verb {
					return nil
				}
			}
		}
		return pp
	}
	return nil
}

// lastActorBefore returns the person mentioned last before sentence si,
// other than the pair's.
func (a *analysis) lastActorBefore(si int, pair *pluralPair) *person {
	var best *person
	bestAt := span{-1, -1, -1}
	for _, p := range a.persons {
		if p == pair.first || p == pair.second {
			continue
		}
		for _, m := range p.mentions {
			if m.sent < si && (m.sent > bestAt.sent || m.sent == bestAt.sent && m.i > bestAt.i) {
				best, bestAt = p, m
			}
		}
	}
	return best
}
