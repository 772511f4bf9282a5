package extract

import (
	"slices"
	"strconv"
	"strings"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/arabic"
)

// party is one side of an agreement: a country, an organization or a
// person. key identifies it among the parties.
type party struct {
	key     string
	country string
	org     *orgEntry
	person  *person
}

type agreement struct {
	kind        string
	parties     []party
	signatories []*person // persons who signed for a party
	date        *graph.PartialDate
	topics      []string
	sents       []int
	title       bool
	definite    bool
	alone       bool // the one agreement word of its sentence
	ordinal     int  // its number in a list the article gives, or 0
	batch       bool // deals given only as a count with topics
	dual        bool // one of two told in one word
}

// findAgreements reads the agreements of a sentence. An agreement needs a
// signing verb in the sentence and a singular agreement word: "اتفاقيات"
// and "agreements" speak of agreements in general. A list tells one
// agreement per entry: an agreement word with an ordinal ("مذكرة التفاهم
// الثانية", "the second MoU") is one of the deals the article counts even
// where its sentence has no verb, and so is a bare ordinal after a plural
// ("وقعا على برامج تعاون، تتعلق الأول …، والثاني …"); a dual ("مذكرتي
// تفاهم", "two memoranda") is two; a count with topics ("24 agreements on
// areas ranging from …") is one batch, unless the article lists its
// entries.
func (x *Extractor) findAgreements(a *analysis, s *sentence) {
	// Nothing to read where no signing is told in the sentence or the
	// article, or where no word of a deal stands.
	signs := x.hasWord(s, "verb_sign")
	if !signs && !a.signingTold(x) || !x.hasWord(s, "agreement") && !x.hasWord(s, "plural_agreement") && !(signs && x.hasWord(s, "purchase_verb")) {
		return
	}
	verb := x.concluded(s)
	if !verb && !a.signingTold(x) {
		return
	}
	type trigger struct {
		i, j    int
		kind    string
		ordinal int
		batch   bool
		dual    bool
		named   bool // a batch its signers name
	}
	var triggers []trigger
	plural := -1  // the first plural agreement word (or count) of the sentence
	counted := -1 // the end of the last counted agreement word
	for k := 0; k < len(s.toks); k++ {
		if x.gaz.Is("plural_agreement", s.toks, k) && !x.gaz.Is("agreement", s.toks, k) {
			if plural < 0 {
				plural = k
			}
			if n := x.countBefore(s, k); n == 2 && verb {
				// "two memoranda", "two agreements": one each.
				triggers = append(triggers, trigger{i: k, j: k + 1, kind: x.pluralKind(s, k), dual: true})
			} else if n > 2 && verb {
				triggers = append(triggers, trigger{i: k, j: k + 1, kind: x.pluralKind(s, k), batch: true})
				counted = k + 1
			} else if n == 0 && verb && len(triggers) == 0 && x.signedBy(a, s, k) {
				// "وقعت الشركة المصرية … والشركة السعودية … عقود تنفيذ
				// المشروع": deals a named pair signs are one batch.
				triggers = append(triggers, trigger{i: k, j: k + 1, kind: x.pluralKind(s, k), batch: true, named: true})
			}
			continue
		}
		kind, n := x.gaz.Word("agreement", s.toks, k)
		if n == 0 {
			// "والثاني يتعلق ببرنامج …": a bare ordinal after a plural is
			// the next entry of its list.
			if plural >= 0 && k > plural && x.hasWord(s, "ordinal") {
				if v, m := x.bareOrdinal(s, k); m > 0 {
					triggers = append(triggers, trigger{i: k, j: k + m, kind: x.pluralKind(s, plural), ordinal: v})
					k += m - 1
				}
			}
			continue
		}
		// "عقد الجانبان جلسة مباحثات": عقد is the verb "held"; "in order
		// to" is no order; "talks on a trade deal", "مشروع اتفاقية" tell
		// none concluded.
		if x.heldMeeting(s, k) || s.toks[k].Folded == "order" && (k > 0 && s.toks[k-1].Folded == "in" || k+1 < len(s.toks) && s.toks[k+1].Folded == "to") || x.notConcluded(s, k) {
			k += n - 1
			continue
		}
		// "برنامج تنفيذي لاتفاقية الرعاية", "in implementation of the
		// agreement": an agreement word governed by the one before names
		// no agreement of its own.
		if len(triggers) > 0 && k-triggers[len(triggers)-1].j <= 1 && (strings.HasPrefix(s.toks[k].Text, "ل") || k > 0 && s.toks[k-1].Folded == "of") {
			k += n - 1
			continue
		}
		// "(MoU)" right after "memorandum of understanding" is the same word.
		if len(triggers) > 0 && k-triggers[len(triggers)-1].j <= 1 && !triggers[len(triggers)-1].batch && s.toks[k-1].Punct {
			k += n - 1
			continue
		}
		// "The agreement was announced in a joint statement": the statement
		// carries the deal told, it is no other.
		if x.gaz.Is("statement_word", s.toks, k) && (x.carrier(s, k) || !x.hasWord(s, "sign_strong")) {
			k += n - 1
			continue
		}
		// "loan agreement", "اتفاقية قرض": two agreement words, one
		// instrument, of the more telling kind.
		if len(triggers) > 0 && triggers[len(triggers)-1].j == k && !strings.HasPrefix(s.toks[k].Text, "و") && triggers[len(triggers)-1].ordinal == 0 && !triggers[len(triggers)-1].batch && !triggers[len(triggers)-1].dual {
			last := &triggers[len(triggers)-1]
			if last.kind == string(graph.AgreementGeneral) {
				last.kind = kind
			}
			last.j = k + n
			k += n - 1
			continue
		}
		ord := x.ordinalAround(s, k, k+n)
		if plural < 0 && x.gaz.Is("dual_agreement", s.toks, k) {
			plural = k
			if verb {
				triggers = append(triggers, trigger{i: k, j: k + n, kind: kind, dual: true})
			}
			k += n - 1
			continue
		}
		// "12 اتفاقية", "وقعا 3 اتفاقيات": a count speaks of several.
		// "20 اتفاقية ومذكرة تفاهم", "12 agreements and MoUs": the count
		// covers the word joined to the counted one.
		joined := counted >= 0 && (k == counted && strings.HasPrefix(s.toks[k].Folded, "و") || k == counted+1 && s.toks[counted].Folded == "and")
		if c := x.countBefore(s, k); c > 0 || joined {
			if plural < 0 {
				plural = k
			}
			if c > 2 && verb {
				triggers = append(triggers, trigger{i: k, j: k + n, kind: kind, batch: true})
			} else if c == 2 && verb {
				triggers = append(triggers, trigger{i: k, j: k + n, kind: kind, dual: true})
			}
			k += n - 1
			counted = k + 1
			continue
		}
		// "Further deals included a $2bn contract between Qatar Airways and
		// Boeing": a deal between two named parties in an article that
		// tells a signing is one concluded.
		if !verb && ord == 0 && !x.betweenTwo(s, k+n) {
			k += n - 1
			continue
		}
		triggers = append(triggers, trigger{i: k, j: k + n, kind: kind, ordinal: ord})
		k += n - 1
	}
	// "Morocco agreed to buy 24 helicopters from Italy's Leonardo", "Turkey
	// ordered 12 aircraft from Airbus": a purchase from a named seller is a
	// contract where no agreement word tells it.
	if len(triggers) == 0 && plural < 0 {
		for k := range s.toks {
			if x.gaz.IsExact("purchase_verb", s.toks[k].Folded) && x.purchaseConcluded(s, k) && x.fromSeller(s, k) {
				triggers = append(triggers, trigger{i: k, j: k + 1, kind: string(graph.AgreementContract)})
				break
			}
		}
	}
	for t, tr := range triggers {
		from, to := 0, len(s.toks)
		if t > 0 {
			from = triggers[t-1].j
		}
		if t+1 < len(triggers) {
			to = triggers[t+1].i
		}
		ag := &agreement{kind: tr.kind, sents: []int{s.index}, title: s.title, definite: x.definite(s, tr.i), alone: len(triggers) == 1, ordinal: tr.ordinal, batch: tr.batch}
		// Parties: the names before the word, back to a clause boundary, and
		// those after it introduced by مع, بين, with, between, by, to, from.
		pre := from
		for k := tr.i - 1; k >= from; k-- {
			if x.isClauseBoundary(s, k) {
				pre = k + 1
				break
			}
		}
		// A deal named again by someone who does not sign it ("the
		// Egyptian Defense Ministry welcomed the deal") gains no party.
		if !ag.definite || x.clauseHasVerb(s, pre, tr.i) {
			x.addParties(a, s, ag, pre, tr.i, false)
		}
		// The first deal word's subject may stand clauses before; later
		// ones in a list have their own after them ("…، ومذكرة تفاهم بين A
		// وB").
		if t == 0 {
			x.subjectClauses(a, s, ag, from, pre)
		}
		post := to
		// "The first agreement, between Masdar and …": the parties after a
		// comma.
		start := tr.j
		if start < to && s.toks[start].Punct && (s.toks[start].Text == "," || s.toks[start].Text == "،") && start+1 < to && x.gaz.IsExact("party_intro", s.toks[start+1].Folded) {
			start++
		}
		for k := start; k < to; k++ {
			if x.isClauseBoundary(s, k) {
				post = k
				break
			}
		}
		for k := start; k < post; k++ {
			if x.gaz.IsExact("party_intro", s.toks[k].Folded) {
				x.addParties(a, s, ag, k+1, post, true)
				break
			}
		}
		if t > 0 && len(ag.parties) == 0 {
			x.subjectClauses(a, s, ag, from, pre)
		}
		// "a contract Poland signed in 2022": the subject of a relative
		// clause after the word.
		if len(ag.parties) == 0 && tr.j < len(s.toks) {
			if m := mentionAt(s, tr.j); m != nil && (m.kind == mCountry || m.kind == mOrg && !m.org.media) && m.j < len(s.toks) && x.gaz.IsWord("verb_sign", s.toks[m.j].Folded) {
				x.addParties(a, s, ag, m.i, m.j, false)
			}
		}
		// An entry of a list is of the sides its list was signed by.
		if len(ag.parties) == 0 && (tr.ordinal > 0 || tr.dual) && len(a.listParties) > 0 {
			ag.parties = slices.Clone(a.listParties)
		}
		if len(ag.parties) == 0 {
			for _, c := range a.pair() {
				ag.addParty(party{key: "country:" + c, country: c})
			}
		}
		if len(ag.parties) == 0 {
			continue
		}
		// Signed by one state alone ("وقعت الحكومة الأردنية مذكرة تفاهم"):
		// in bilateral news the other side is the article's other country.
		x.otherSide(a, ag)
		ag.date = x.signingDate(a, s, from, to, tr.i)
		// English puts the topic before the word: "a defence industry
		// cooperation agreement".
		tb := tr.i
		for tb > pre && tb > tr.i-5 && isLatin(s.toks[tb-1].Text) && !s.toks[tb-1].Punct && mentionEndingAt(s, tb) == nil && !x.gaz.IsExact("stop", s.toks[tb-1].Folded) && !x.gaz.IsWord("verb_sign", s.toks[tb-1].Folded) {
			tb--
		}
		ag.topics = x.topics(s, tb, to)
		if tr.batch || tr.dual {
			a.listParties = slices.Clone(ag.parties)
		}
		// A count with no subject is no item: "signed 12 deals".
		if tr.batch && !tr.named && len(slices.DeleteFunc(slices.Clone(ag.topics), func(t string) bool { return t == "cooperation" })) == 0 {
			continue
		}
		if tr.dual {
			second := *ag
			second.parties, second.topics, second.sents = slices.Clone(ag.parties), slices.Clone(ag.topics), slices.Clone(ag.sents)
			ag.ordinal, second.ordinal = 1, 2
			ag.dual, second.dual = true, true
			a.addAgreement(ag)
			a.addAgreement(&second)
			continue
		}
		a.addAgreement(ag)
	}
	if plural >= 0 && verb && len(a.listParties) == 0 {
		// The sides of a plural ("وقعا على برامج تعاون") for the entries listed after.
		g := &agreement{}
		x.addParties(a, s, g, 0, len(s.toks), false)
		a.listParties = g.parties
	}
}

// concluded reports whether the sentence tells a signing done: a signing
// verb that no word of plan or future comes just before ("will sign",
// "planning to sign", "سيتم التوقيع", "من المقرر توقيع"); "agreed to" is
// done.
func (x *Extractor) concluded(s *sentence) bool {
	if !x.hasWord(s, "verb_sign") {
		return false
	}
	for k, t := range s.toks {
		if t.Punct || !x.gaz.IsWord("verb_sign", t.Folded) || x.gaz.IsWord("agree_verb", t.Folded) && !x.agreedOnDeal(s, k) {
			continue
		}
		if !x.planned(s, k) {
			return true
		}
	}
	return false
}

// agreedOnDeal reports whether "agreed" at k concludes a deal: "agreed on
// a contract", "agreed a deal", "اتفقا على اتفاقية" — an agreement word
// within its next three words.
func (x *Extractor) agreedOnDeal(s *sentence, k int) bool {
	for j := k + 1; j < len(s.toks) && j <= k+4 && !s.toks[j].Punct; j++ {
		if x.gaz.Is("agreement", s.toks, j) {
			return true
		}
	}
	return false
}

// planned reports whether a word of plan or future comes just before the
// verb at k: "will sign", "planning to sign", "سيتم التوقيع"; "agreed to
// buy" is no plan.
func (x *Extractor) planned(s *sentence, k int) bool {
	for b := k - 1; b >= 0 && b >= k-3 && !s.toks[b].Punct; b-- {
		if x.gaz.IsExact("future_word", s.toks[b].Folded) || !isLatin(s.toks[b].Text) && x.gaz.IsWord("future_word", s.toks[b].Folded) {
			return !(s.toks[b].Folded == "to" && b > 0 && (x.gaz.IsWord("verb_sign", s.toks[b-1].Folded) || s.toks[b-1].Folded == "agreed"))
		}
	}
	return false
}

// notConcluded reports whether a word of talks or drafts comes just before
// the agreement word at k: "talks on a trade deal", "مشروع اتفاقية".
func (x *Extractor) notConcluded(s *sentence, k int) bool {
	for b := k - 1; b >= 0 && b >= k-6 && !s.toks[b].Punct; b-- {
		if x.gaz.IsWord("not_concluded", s.toks[b].Folded) {
			return true
		}
	}
	return false
}

// betweenTwo reports whether "between" (بين) and two named parties follow
// the agreement word at k, within its clause.
func (x *Extractor) betweenTwo(s *sentence, k int) bool {
	for e := k; e < len(s.toks) && e < k+4 && !x.isClauseBoundary(s, e); e++ {
		if s.toks[e].Folded == "between" || strings.TrimPrefix(s.toks[e].Folded, "و") == "بين" {
			named := 0
			for j := e + 1; j < len(s.toks) && j < e+12 && !x.isClauseBoundary(s, j); j++ {
				if m := mentionAt(s, j); m != nil && (m.kind == mCountry || m.kind == mOrg && !m.org.media) {
					named++
					j = m.j - 1
				}
			}
			return named >= 2
		}
	}
	return false
}

// purchaseConcluded reports whether the purchase verb at k tells a deal
// done: a past form ("bought", "ordered"), or "agreed to buy".
func (x *Extractor) purchaseConcluded(s *sentence, k int) bool {
	switch s.toks[k].Folded {
	case "bought", "purchased", "acquired", "ordered":
		return !x.planned(s, k)
	}
	return k >= 2 && s.toks[k-1].Folded == "to" && (s.toks[k-2].Folded == "agreed" || s.toks[k-2].Folded == "agrees")
}

// fromSeller reports whether a named seller follows the purchase verb at
// k after from/من within its clause.
func (x *Extractor) fromSeller(s *sentence, k int) bool {
	for j := k + 1; j < len(s.toks) && j <= k+10 && !x.isClauseBoundary(s, j); j++ {
		if s.toks[j].Folded == "from" {
			for n := j + 1; n < len(s.toks) && n <= j+4; n++ {
				if m := mentionAt(s, n); m != nil && (m.kind == mOrg && !m.org.media || m.kind == mCountry) {
					return true
				}
			}
		}
	}
	return false
}

// signingTold reports whether some sentence of the article tells a signing
// done: an entry of a list ("المذكرة الثانية تتعلق بـ…") is an agreement only
// in an article that tells one.
func (a *analysis) signingTold(x *Extractor) bool {
	if a.signing == 0 {
		a.signing = -1
		for _, s := range a.sentences {
			if x.concluded(s) {
				a.signing = 1
				break
			}
		}
	}
	return a.signing > 0
}

// countBefore returns the number written before the agreement word at k
// ("12 اتفاقية", "أربع مذكرات", "more than 20 agreements", "three MoUs"),
// or 0.
func (x *Extractor) countBefore(s *sentence, k int) int {
	if k == 0 {
		return 0
	}
	if isCount(s.toks[k-1].Folded) {
		n, _ := strconv.Atoi(s.toks[k-1].Folded)
		return n
	}
	for b := k - 1; b >= 0 && b >= k-2; b-- {
		if v, n := x.gaz.Word("number", s.toks, b); n > 0 && b+n == k {
			c, _ := strconv.Atoi(v)
			return c
		}
	}
	return 0
}

// pluralKind is the kind of the agreements a plural word speaks of.
func (x *Extractor) pluralKind(s *sentence, k int) string {
	for j := k; j < len(s.toks) && j <= k+1; j++ {
		if v, n := x.gaz.Word("plural_agreement", s.toks, j); n > 0 && v != "" {
			return v
		}
		if v, n := x.gaz.Word("agreement", s.toks, j); n > 0 {
			return v
		}
	}
	return string(graph.AgreementGeneral)
}

// ordinalAround returns the ordinal that numbers the agreement word at
// [i, j): "مذكرة التفاهم الأولى", "البرنامج التنفيذي الرابع", "the second
// MoU", "the first agreement"; 0 when there is none.
func (x *Extractor) ordinalAround(s *sentence, i, j int) int {
	if j < len(s.toks) && !isLatin(s.toks[i].Text) {
		k := j
		if mm := mentionAt(s, k); mm != nil && mm.kind == mDemonym {
			k = mm.j
		}
		if v, n := x.gaz.Word("ordinal", s.toks, k); n > 0 && hasArticle(s.toks[k]) == hasArticle(s.toks[j-1]) {
			o, _ := strconv.Atoi(v)
			return o
		}
	}
	for b := i - 1; b >= 0 && b >= i-2 && isLatin(s.toks[i].Text); b-- {
		if v, n := x.gaz.Word("ordinal", s.toks, b); n > 0 && b > 0 && s.toks[b-1].Folded == "the" {
			o, _ := strconv.Atoi(v)
			return o
		}
	}
	return 0
}

// bareOrdinal reads an ordinal standing for an entry of a list at k, not
// one that qualifies a noun before it ("الدورة التاسعة"): it opens a
// clause (after a mark or joined by و) or follows a verb.
func (x *Extractor) bareOrdinal(s *sentence, k int) (int, int) {
	if isLatin(s.toks[k].Text) {
		return 0, 0
	}
	v, n := x.gaz.Word("ordinal", s.toks, k)
	if n == 0 {
		return 0, 0
	}
	prev := s.toks[k-1]
	if !(prev.Punct || strings.HasPrefix(s.toks[k].Text, "و") || !hasArticle(prev) && x.gaz.IsWord("verb_other", prev.Folded) || x.gaz.IsWord("relates_word", prev.Folded)) {
		return 0, 0
	}
	o, _ := strconv.Atoi(v)
	return o, n
}

// otherSide adds the other side to an agreement that one state alone
// signs, with nothing else as a party: the counterpart of that state's
// last deal in the article, else the article's other main country.
func (x *Extractor) otherSide(a *analysis, ag *agreement) {
	if len(ag.parties) != 1 || ag.parties[0].country == "" || ag.title {
		return
	}
	// "Poland signed a deal with Hyundai Rotem … It follows a contract
	// Poland signed in 2022": the counterpart of the state's last deal.
	for i := len(a.agreements) - 1; i >= 0; i-- {
		old := a.agreements[i]
		if len(old.parties) == 2 && slices.ContainsFunc(old.parties, func(p party) bool { return p.key == ag.parties[0].key }) {
			for _, p := range old.parties {
				ag.addParty(p)
			}
			return
		}
	}
	pair := a.pair()
	if len(pair) < 2 || !slices.Contains(pair, ag.parties[0].country) {
		return
	}
	for _, c := range pair {
		ag.addParty(party{key: "country:" + c, country: c})
	}
}

// heldMeeting reports whether the word at k is the verb عقد ("held")
// of a meeting: a meeting word follows within three words.
func (x *Extractor) heldMeeting(s *sentence, k int) bool {
	if w := strings.TrimPrefix(strings.TrimPrefix(s.toks[k].Folded, "و"), "ف"); w != "عقد" && w != "عقدت" && w != "عقدا" {
		return false
	}
	for j := k + 1; j < len(s.toks) && j <= k+3; j++ {
		if x.gaz.IsWord("verb_meet", s.toks[j].Folded) || x.gaz.IsWord("meeting_noun", s.toks[j].Folded) {
			return true
		}
	}
	return false
}

// ceremonyDates dates the agreements whose sentences give no date by the
// signing told before: "شهد … مراسم التوقيع على عدد من الاتفاقيات … يوم
// الثلاثاء 12 نوفمبر 2024. ووقع اتفاقية التعاون في مجال الطاقة …",
// "agreements signed … on the margins of the 2024 Berlin Energy Transition
// Dialogue. [a quotation] The ministers signed an agreement to …" — one of
// the eight sentences before names a signing and its date, and no
// agreement of its own.
func (x *Extractor) ceremonyDates(a *analysis) {
	for _, ag := range a.agreements {
		if ag.date != nil {
			continue
		}
		first := slices.Min(ag.sents)
		for b := first - 1; b >= 0 && b >= first-8; b-- {
			s := a.sentences[b]
			if s.title {
				break
			}
			verb := slices.IndexFunc(s.toks, func(t arabic.Token) bool { return x.gaz.IsWord("verb_sign", t.Folded) })
			if verb < 0 {
				continue
			}
			// A date given with another agreement is that agreement's.
			if slices.ContainsFunc(a.agreements, func(o *agreement) bool { return o != ag && slices.Contains(o.sents, b) }) {
				break
			}
			if d := x.signingDate(a, s, 0, len(s.toks), verb); d != nil {
				ag.date = d
				break
			}
		}
	}
}

// newsYear gives the publication year to the agreements the article
// reports undated: a deal told as the day's news was signed the year it
// was published. One told as earlier ("the agreement signed previously",
// "الاتفاقية الموقعة سابقا") keeps no year.
func (x *Extractor) newsYear(a *analysis) {
	if a.published == nil {
		return
	}
	for _, ag := range a.agreements {
		if ag.date != nil || slices.ContainsFunc(ag.sents, func(si int) bool { return x.hasWord(a.sentences[si], "background_word") }) {
			continue
		}
		ag.date = graph.Year(a.published.Year)
	}
}

// isCount reports whether a word is a number of two or more that can
// count agreements: "12 اتفاقية"; "2018 اتفاقية" is a year before the word.
func isCount(w string) bool {
	n := 0
	for _, r := range w {
		if r < '0' || r > '9' || n > 1000 {
			return false
		}
		n = n*10 + int(r-'0')
	}
	return w != "" && n >= 2 && n < 1000
}

// isClauseBoundary reports whether token k ends the clause before an
// agreement word: a comma, or a word that opens a new clause.
func (x *Extractor) isClauseBoundary(s *sentence, k int) bool {
	t := s.toks[k]
	if t.Punct {
		// "The Emirates Diplomatic Academy, EDA, and …": an acronym set
		// off by commas is part of the name before it.
		if t.Text == "," && (k+2 < len(s.toks) && isAcronym(s.toks[k+1].Text) && s.toks[k+2].Text == "," || k >= 2 && isAcronym(s.toks[k-1].Text) && s.toks[k-2].Text == ",") {
			return false
		}
		return t.Text == "،" || t.Text == "," || t.Text == "؛" || t.Text == ";" || t.Text == ":"
	}
	return x.gaz.IsExact("clause_boundary", t.Folded)
}

// definite reports whether the agreement word at k refers back to one
// already named: "الاتفاقية", "the MoU", "this deal".
func (x *Extractor) definite(s *sentence, k int) bool {
	// "ومن بين هذه الاتفاقيات، اتفاق …": a mark ends the look back.
	for b := k - 1; b >= 0 && b >= k-3 && !s.toks[b].Punct; b-- {
		switch w := s.toks[b].Folded; {
		case x.gaz.IsExact("definite", w):
			return true
		case w == "a" || w == "an":
			return false
		}
	}
	for _, st := range stemsOf(s.toks[k].Folded) {
		if strings.HasPrefix(st, "ال") {
			return true
		}
	}
	return false
}

// addParties adds the parties named in tokens [i, j): countries (not
// demonyms, which qualify something else), organizations, persons (who
// sign for their organization or country), cities standing for their
// country right after an introducing word ("مع روما"), and "البلدين"/"the
// two countries" for the article's main pair. A country after في/in is a
// place, not a party; an organization referred to as "الشركة الألمانية" is
// the last German company named.
func (x *Extractor) addParties(a *analysis, s *sentence, ag *agreement, i, j int, afterIntro bool) {
	for k := i; k < j; k++ {
		if s.quoted[k] && !ag.title {
			continue
		}
		if m := mentionAt(s, k); m != nil {
			located := k > 0 && x.gaz.IsExact("location_prep", s.toks[k-1].Folded)
			switch m.kind {
			case mCountry:
				// "Japan's Mitsubishi Corporation": the company is the party.
				possessive := m.j+2 < j && s.toks[m.j].Punct && strings.ContainsAny(s.toks[m.j].Text, "'’") && s.toks[m.j+1].Folded == "s"
				if possessive {
					if next := mentionAt(s, m.j+2); next != nil && next.kind == mOrg {
						break
					}
				}
				// "the Ministry of Foreign Affairs of Kenya": the country
				// of an organization named before is no party of its own.
				ofOrg := k >= 2 && s.toks[k-1].Folded == "of" && mentionEndingAt(s, k-1) != nil && mentionEndingAt(s, k-1).kind == mOrg
				// "بالجزائر", "في مصر": a place.
				inPlace := !isLatin(s.toks[k].Text) && (strings.HasPrefix(s.toks[k].Folded, "في") || strings.HasPrefix(s.toks[k].Text, "ب") && !strings.HasPrefix(m.country.NamesAR[0], "ب"))
				// "الجزائر - وقعت …", "ABUJA, Nigeria —": a dateline.
				dateline := m.i <= 2 && m.j < len(s.toks) && s.toks[m.j].Punct && strings.ContainsAny(s.toks[m.j].Text, "-–—,،") && (m.i == 0 || s.toks[m.i-1].Text == "," || s.toks[m.i-1].Text == "،")
				if !located && !ofOrg && !inPlace && !dateline {
					ag.addParty(party{key: "country:" + m.country.ISO2, country: m.country.ISO2})
				}
			case mDemonym:
				// "the Kuwaiti government", "الحكومة الكويتية": the state.
				if m.j < j && x.gaz.IsExact("government_word", s.toks[m.j].Folded) || k > i && x.gaz.IsWord("government_word", s.toks[k-1].Folded) {
					ag.addParty(party{key: "country:" + m.country.ISO2, country: m.country.ISO2})
				}
			case mCity:
				if afterIntro && k == i {
					ag.addParty(party{key: "country:" + m.country.ISO2, country: m.country.ISO2})
				}
			case mOrg:
				// "… Security Council Secretary Ali Shamkhani": the body of an
				// office whose holder signs is not itself a party.
				if next := mentionAt(s, m.j); next != nil && next.kind == mOffice {
					break
				}
				if o := a.org(m.org); o != nil && !m.org.media {
					ag.addParty(party{key: "org:" + o.key(), org: o})
				}
			}
			k = m.j - 1
			continue
		}
		if p := a.personAt(s.index, k); p != nil {
			party := a.partyOf(p)
			ag.addParty(party)
			if party.person == nil && !slices.Contains(ag.signatories, p) {
				ag.signatories = append(ag.signatories, p)
			}
			continue
		}
		switch w := strings.TrimPrefix(s.toks[k].Folded, "و"); {
		case x.gaz.IsExact("both_sides", w) && !slices.ContainsFunc(ag.parties, func(p party) bool { return p.org != nil }):
			// "… بين البلدين" after the companies that sign restates no party.
			for _, c := range a.pair() {
				ag.addParty(party{key: "country:" + c, country: c})
			}
		case x.gaz.IsExact("company_word", w):
			if c := x.demonymAt(s.toks, k+1); c != nil {
				if o := a.lastOrgOf(c.ISO2, s.index); o != nil {
					ag.addParty(party{key: "org:" + o.key(), org: o})
				}
			} else if k > 0 {
				if c := x.demonymAt(s.toks, k-1); c != nil && k > 1 && s.toks[k-2].Folded == "the" {
					if o := a.lastOrgOf(c.ISO2, s.index); o != nil {
						ag.addParty(party{key: "org:" + o.key(), org: o})
					}
				}
			}
		}
	}
}

func stemsOf(folded string) []string {
	out := []string{folded}
	w := strings.TrimPrefix(strings.TrimPrefix(folded, "و"), "ف")
	out = append(out, w)
	if strings.HasPrefix(w, "لل") {
		out = append(out, "ال"+strings.TrimPrefix(w, "لل"))
	}
	for _, p := range []string{"ب", "ل", "ك"} {
		if strings.HasPrefix(w, p) {
			out = append(out, strings.TrimPrefix(w, p))
		}
	}
	return out
}

func (ag *agreement) addParty(p party) {
	for _, q := range ag.parties {
		if q.key == p.key {
			return
		}
	}
	ag.parties = append(ag.parties, p)
}

// partyOf says for whom a person signs: the organization of their office,
// else their country, else themselves.
func (a *analysis) partyOf(p *person) party {
	for _, o := range p.offices {
		if o.org != nil {
			if e := a.org(o.org); e != nil && o.org.kind == string(graph.OrgCompany) {
				return party{key: "org:" + e.key(), org: e}
			}
		}
	}
	if c := p.Country(); c != "" {
		return party{key: "country:" + c, country: c}
	}
	return party{key: "person:" + nameKey(p.names[0]), person: p}
}

// org returns the registered entry of an organization reference.
func (a *analysis) org(ref *orgRef) *orgEntry {
	for _, o := range a.orgs {
		if o.ref == ref || (ref.id != "" && o.ref.id == ref.id) || (ref.id == "" && o.ref.id == "" && graph.Slug(o.ref.name) == graph.Slug(ref.name)) {
			return o
		}
	}
	return nil
}

func (o *orgEntry) key() string {
	if o.ref.id != "" {
		return o.ref.id
	}
	return graph.Slug(o.ref.name)
}

// lastOrgOf returns the company of a country mentioned last before or in
// sentence si.
func (a *analysis) lastOrgOf(iso string, si int) *orgEntry {
	var best *orgEntry
	bestAt := span{-1, -1, -1}
	for _, o := range a.orgs {
		if o.ref.country != iso || o.ref.kind != string(graph.OrgCompany) {
			continue
		}
		for _, m := range o.mentions {
			if m.sent <= si && (m.sent > bestAt.sent || (m.sent == bestAt.sent && m.i > bestAt.i)) {
				best, bestAt = o, m
			}
		}
	}
	return best
}

// personAt returns the person whose mention starts at token k of sentence si.
func (a *analysis) personAt(si, k int) *person {
	for _, p := range a.persons {
		for _, m := range p.mentions {
			if m.sent == si && m.i == k {
				return p
			}
		}
	}
	return nil
}

// signingDate picks the date nearest to the agreement word in its part of
// the sentence, leaving out dates of entry into force or of delivery
// ("حيز التنفيذ في فبراير 2014", "from 2026").
func (x *Extractor) signingDate(a *analysis, s *sentence, from, to, at int) *graph.PartialDate {
	var best *graph.PartialDate
	bestDist := 1 << 30
	for _, d := range x.dates(s.toks, from, to, a.published) {
		if d.date == nil {
			continue
		}
		excluded := false
		for k := max(from, d.i-4); k < d.i; k++ {
			if x.gaz.Is("not_signing_date", s.toks, k) {
				excluded = true
			}
		}
		if excluded {
			continue
		}
		dist := d.i - at
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = d.date, dist
		}
	}
	return best
}

// topics lists the topics named in tokens [i, j), in order, once each.
func (x *Extractor) topics(s *sentence, i, j int) []string {
	var out []string
	for k := i; k < j; k++ {
		if v, n := x.gaz.Word("topic", s.toks, k); n > 0 {
			if !slices.Contains(out, v) {
				out = append(out, v)
			}
			k += n - 1
		}
	}
	return out
}

// addAgreement records an agreement, or folds it into one already found:
// "الاتفاقية" / "the deal" with no date of its own is the last one named
// with the same parties, and a headline's agreement is the body's first
// with the same parties or sides.
func (a *analysis) addAgreement(ag *agreement) {
	// An entry of a list is one of its own: the same entry named again
	// ("المذكرة الأولى") is the one.
	if ag.ordinal > 0 {
		for _, old := range a.agreements {
			if old.ordinal == ag.ordinal && compatibleParties(old.parties, ag.parties) && old.kind == ag.kind {
				old.merge(ag)
				return
			}
		}
		a.agreements = append(a.agreements, ag)
		return
	}
	// "a number of agreements … 24 agreements on areas ranging from …":
	// one batch told twice.
	if ag.batch {
		for _, old := range a.agreements {
			if old.batch && compatibleParties(old.parties, ag.parties) {
				old.merge(ag)
				return
			}
		}
	}
	for i := len(a.agreements) - 1; i >= 0; i-- {
		old := a.agreements[i]
		if !compatibleParties(old.parties, ag.parties) && !(ag.definite && a.compatibleSides(old.parties, ag.parties)) {
			continue
		}
		// "The memorandum was signed on Monday" dates the one named before.
		// Only a sentence of that one agreement: "… in July signed an
		// agreement …, carrying out the agreement of 2010" tells two.
		datesOld := old.date == nil && ag.alone && !slices.Contains(old.sents, ag.sents[0])
		if ag.definite && (ag.date == nil || datesOld || sameDate(ag.date, old.date)) {
			if !compatibleParties(old.parties, ag.parties) {
				// "Egypt's Ministry of Electricity … signed an agreement …
				// Egyptian Electricity Minister NAME … signed the deal": the
				// minister's country is already a party through the ministry.
				ag.parties = slices.DeleteFunc(slices.Clone(ag.parties), func(p party) bool {
					return p.country != "" && a.compatibleSides(old.parties, []party{p})
				})
			}
			old.merge(ag)
			old.dropCoveredStates()
			return
		}
	}
	// "The agreement was signed by NAME and NAME": persons who sign for no
	// organization or country of their own sign the last agreement named.
	if ag.definite && len(a.agreements) > 0 && !slices.ContainsFunc(ag.parties, func(p party) bool { return p.person == nil }) {
		last := a.agreements[len(a.agreements)-1]
		if ag.date == nil || last.date == nil || sameDate(ag.date, last.date) {
			signers := &agreement{signatories: ag.signatories, date: ag.date, topics: ag.topics, sents: ag.sents}
			for _, p := range ag.parties {
				if !slices.Contains(signers.signatories, p.person) {
					signers.signatories = append(signers.signatories, p.person)
				}
			}
			last.merge(signers)
			return
		}
	}
	// One deal described twice is one: an agreement of the same kind
	// between the same parties told again in a later sentence, on no other
	// subject.
	if !ag.batch && !ag.dual {
		for _, old := range a.agreements {
			if old.ordinal == 0 && !old.batch && !old.dual && !old.title && old.kind == ag.kind && !slices.Contains(old.sents, ag.sents[0]) && sameParties(old.parties, ag.parties) && sameSubject(old.topics, ag.topics) && (ag.date == nil || sameDate(old.date, ag.date)) {
				old.merge(ag)
				return
			}
		}
	}
	// A headline's agreement is the body's first that involves the same
	// sides: "Qatar firm signs deal with Indian shipyard" is the contract of
	// Qatar Gas Transport Company with Cochin Shipyard.
	for _, old := range a.agreements {
		// A headline that gives a full date tells its own signing.
		if old.title && !ag.title && !old.merged() && (old.date == nil || old.date.Day == 0 || sameDate(old.date, ag.date)) && (compatibleParties(old.parties, ag.parties) || a.compatibleSides(old.parties, ag.parties)) {
			// "Algeria, Italy sign gas deal" over "Sonatrach and Eni
			// signed": the headline's states stand for the body's companies.
			old.parties = slices.DeleteFunc(old.parties, func(p party) bool {
				return p.country != "" && !slices.ContainsFunc(ag.parties, func(q party) bool { return q.key == p.key }) &&
					slices.ContainsFunc(ag.parties, func(q party) bool { return q.org != nil && q.org.ref.country == p.country })
			})
			old.merge(ag)
			return
		}
	}
	a.agreements = append(a.agreements, ag)
}

func (ag *agreement) merged() bool { return len(ag.sents) > 1 }

func (ag *agreement) merge(other *agreement) {
	for _, p := range other.parties {
		ag.addParty(p)
	}
	for _, p := range other.signatories {
		if !slices.Contains(ag.signatories, p) {
			ag.signatories = append(ag.signatories, p)
		}
	}
	if ag.date == nil {
		ag.date = other.date
	}
	if ag.kind == string(graph.AgreementGeneral) && other.kind != "" {
		ag.kind = other.kind
	}
	for _, t := range other.topics {
		if !slices.Contains(ag.topics, t) {
			ag.topics = append(ag.topics, t)
		}
	}
	ag.sents = append(ag.sents, other.sents...)
	ag.title = ag.title && other.title
}

func sameDate(a, b *graph.PartialDate) bool {
	return a != nil && b != nil && *a == *b
}

// compatibleSides reports whether the countries one list of parties stands
// for contain those of the other.
func (a *analysis) compatibleSides(x, y []party) bool {
	sides := func(ps []party) []party {
		var out []party
		for _, p := range ps {
			c := p.country
			switch {
			case p.org != nil:
				c = p.org.ref.country
			case p.person != nil:
				c = p.person.Country()
			}
			if c != "" {
				out = append(out, party{key: c})
			}
		}
		return out
	}
	return compatibleParties(sides(x), sides(y))
}

// compatibleParties reports whether one list of parties contains the
// other.
func compatibleParties(a, b []party) bool {
	has := func(list []party, key string) bool {
		return slices.ContainsFunc(list, func(p party) bool { return p.key == key })
	}
	sub := func(x, y []party) bool {
		for _, p := range x {
			if !has(y, p.key) {
				return false
			}
		}
		return true
	}
	return len(a) > 0 && len(b) > 0 && (sub(a, b) || sub(b, a))
}

// hasWord reports whether some token of the sentence is in the category.
// The rules ask again and again of a few categories; the answer is kept.
func (x *Extractor) hasWord(s *sentence, category string) bool {
	for _, h := range s.has {
		if h.category == category {
			return h.found
		}
	}
	found := x.gaz.Has(category, s.toks)
	if s.has == nil {
		s.has = s.hasBuf[:0]
	}
	s.has = append(s.has, hasWordAnswer{category, found})
	return found
}

// hasWordAnswer is hasWord's answer for a category in a sentence.
type hasWordAnswer struct {
	category string
	found    bool
}

// dropListedBatches removes the batches that the article lists entry by
// entry: a total that sums listed deals is no deal of its own.
func (a *analysis) dropListedBatches() {
	listed := slices.ContainsFunc(a.agreements, func(ag *agreement) bool { return ag.ordinal > 0 && !ag.dual })
	if !listed {
		return
	}
	a.agreements = slices.DeleteFunc(a.agreements, func(ag *agreement) bool { return ag.batch })
}

// sameParties reports whether two lists hold the same parties.
func sameParties(a, b []party) bool {
	return len(a) == len(b) && compatibleParties(a, b)
}

// sameSubject reports whether two agreements' topics tell no different
// subject: one has none (cooperation aside), or they share one.
func sameSubject(a, b []string) bool {
	specific := func(ts []string) []string {
		return slices.DeleteFunc(slices.Clone(ts), func(t string) bool { return t == "cooperation" })
	}
	sa, sb := specific(a), specific(b)
	if len(sa) == 0 || len(sb) == 0 {
		return true
	}
	return slices.ContainsFunc(sa, func(t string) bool { return slices.Contains(sb, t) })
}

// clauseHasVerb reports whether tokens [i, j) hold a signing verb.
func (x *Extractor) clauseHasVerb(s *sentence, i, j int) bool {
	for k := i; k < j; k++ {
		if x.gaz.IsWord("verb_sign", s.toks[k].Folded) {
			return true
		}
	}
	return false
}

// carrier reports whether the word at k is introduced as what carries a
// deal or a report: "in a joint statement", "according to a joint
// statement", "في بيان مشترك", "ببيان مشترك". A statement is an instrument
// only where it is signed (sign_strong).
func (x *Extractor) carrier(s *sentence, k int) bool {
	if strings.HasPrefix(s.toks[k].Text, "ب") || strings.HasPrefix(s.toks[k].Text, "وب") {
		return true
	}
	for b := k - 1; b >= 0 && b >= k-3; b-- {
		switch s.toks[b].Folded {
		case "a", "an", "the", "joint":
			continue
		case "in", "through", "via", "to", "في", "عبر":
			return true
		}
		break
	}
	return false
}

// signedBy reports whether the plural agreement word at k is the object of
// a signing verb done (no noun "signing") whose subject names two parties
// or more, within the clause before it.
func (x *Extractor) signedBy(a *analysis, s *sentence, k int) bool {
	verb := -1
	for b := k - 1; b >= 0 && b >= k-16; b-- {
		if t := s.toks[b]; !t.Punct && x.gaz.IsWord("verb_sign", t.Folded) && !x.gaz.IsWord("sign_noun", t.Folded) && !x.gaz.IsWord("agree_verb", t.Folded) && !x.planned(s, b) {
			verb = b
			break
		}
	}
	if verb < 0 {
		return false
	}
	g := &agreement{}
	x.addParties(a, s, g, max(0, verb-6), k, false)
	return len(g.parties) >= 2
}

// clauseReports reports whether tokens [i, j) hold a verb of saying.
func (x *Extractor) clauseReports(s *sentence, i, j int) bool {
	for k := i; k < j; k++ {
		if x.gaz.IsWord("report_verb", s.toks[k].Folded) {
			return true
		}
	}
	return false
}

// dropCoveredStates removes the states that an organization of theirs
// among the parties stands for: "Qatar and Rwanda signed a memorandum …
// The MoU was signed by Qatar Investment Authority and the Rwanda
// Development Board" is the two bodies'.
func (ag *agreement) dropCoveredStates() {
	covered := func(c string) bool {
		return slices.ContainsFunc(ag.parties, func(q party) bool { return q.org != nil && q.org.ref.country == c })
	}
	var states []string
	for _, p := range ag.parties {
		if p.country != "" {
			states = append(states, p.country)
		}
	}
	// Only where every state is covered: "Qatar – Rheinmetall" keeps Qatar.
	if len(states) == 0 || slices.ContainsFunc(states, func(c string) bool { return !covered(c) }) {
		return
	}
	ag.parties = slices.DeleteFunc(ag.parties, func(p party) bool { return p.country != "" })
}

// subjectClauses adds the parties of the subject that stands clauses
// before an agreement word, after its verb, where the word's own clause
// names none.
func (x *Extractor) subjectClauses(a *analysis, s *sentence, ag *agreement, from, pre int) {
	// "وقعت الحكومة الأردنية، مذكرة تفاهم …", "Poland, on Friday,
	// signed …": a subject set off by a comma.
	// "وقعت سوناطراك ومجموعة إيني، اليوم الاثنين بالجزائر، اتفاقا": the
	// subject may stand clauses before, after its verb.
	for end := pre - 1; len(ag.parties) == 0 && end > from; {
		prev := from
		for k := end - 1; k >= from; k-- {
			if x.isClauseBoundary(s, k) {
				prev = k + 1
				break
			}
		}
		// "…, Seoul's defense ministry said, marking the largest
		// export contract": a speaker is no subject of the deal.
		if x.clauseReports(s, prev, min(end+1, len(s.toks))) { // the boundary too: "said"
			break
		}
		x.addParties(a, s, ag, prev, end, false)
		if x.clauseHasVerb(s, prev, end) {
			break
		}
		end = prev - 1
	}
}
