package graph

import "strings"

// TitleWords are the words an agreement's or a meeting's title is written
// with in a language other than English; the gazetteer has Arabic's
// (titles.tsv). A word missing is written in English.
type TitleWords struct {
	Kinds   map[AgreementKind]string // "مذكرة تفاهم"
	Topics  map[string]string        // an English topic → its word
	Meeting string                   // "لقاء"
	Between string                   // "بين"
	On      string                   // "في مجال": agreement … on topics
	In      string                   // "في": meeting … in place
	And     string                   // "و", written joined to the next word
}

var kindWords = map[AgreementKind]string{
	AgreementGeneral: "agreement", AgreementMoU: "memorandum of understanding", AgreementContract: "contract", AgreementOther: "arrangement",
}

// maxTitleTopics bounds the topics a title names.
const maxTitleTopics = 3

// AgreementTitle writes an agreement's title in lang from its parties and
// topics: "Qatar – Rheinmetall agreement on ammunition, training", or with
// Arabic words (w) "اتفاقية بين قطر وراينميتال في مجال الذخيرة والتدريب".
// Names are the parties' in lang where known.
func AgreementTitle(n *Node, parties []*Node, lang Lang, w *TitleWords) string {
	names := make([]string, len(parties))
	for i, p := range parties {
		names[i] = p.NameIn(lang)
	}
	topics := n.Topics
	if len(topics) > maxTitleTopics {
		topics = topics[:maxTitleTopics]
	}
	kind := n.AgreementKind
	if kind == "" {
		kind = AgreementGeneral
	}
	if lang != Arabic || w == nil {
		t := strings.TrimSpace(strings.Join(names, " – ") + " " + kindWords[kind])
		if len(topics) > 0 {
			t += " on " + strings.Join(topics, ", ")
		}
		return t
	}
	t := or(w.Kinds[kind], kindWords[kind])
	if len(names) > 0 {
		t += " " + or(w.Between, "between") + " " + joinAnd(names, w)
	}
	if len(topics) > 0 {
		words := make([]string, len(topics))
		for i, x := range topics {
			words[i] = or(w.Topics[x], x)
		}
		t += " " + or(w.On, "on") + " " + joinAnd(words, w)
	}
	return t
}

// MeetingTitle writes a meeting's title in lang from its participants and
// place: "Meeting of A, B in Doha", "لقاء أ وب في الدوحة".
func MeetingTitle(participants []*Node, place *Node, lang Lang, w *TitleWords) string {
	names := make([]string, len(participants))
	for i, p := range participants {
		names[i] = p.NameIn(lang)
	}
	if lang != Arabic || w == nil {
		t := "Meeting"
		if len(names) > 0 {
			t += " of " + strings.Join(names, ", ")
		}
		if place != nil {
			t += " in " + place.NameIn(lang)
		}
		return t
	}
	t := or(w.Meeting, "Meeting")
	if len(names) > 0 {
		t += " " + joinAnd(names, w)
	}
	if place != nil {
		t += " " + or(w.In, "in") + " " + place.NameIn(lang)
	}
	return t
}

// joinAnd joins words as Arabic does: "أ وب وج", the conjunction written
// joined to the word it comes before (apart from one in Latin letters).
func joinAnd(words []string, w *TitleWords) string {
	and := or(w.And, "و")
	var b strings.Builder
	for i, x := range words {
		switch {
		case i == 0:
		case LangOf(x) == Arabic:
			b.WriteString(" " + and)
		default:
			b.WriteString(" " + and + " ") // not joined to a word in Latin letters
		}
		b.WriteString(x)
	}
	return b.String()
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
