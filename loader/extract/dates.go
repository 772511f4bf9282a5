package extract

import (
	"strconv"
	"strings"
	"time"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/arabic"
)

// dateMention is a date found in tokens [i, j): explicit ("14 مايو 2018",
// "May 2010", "عام 2018") or relative ("الأربعاء", "last year") and then
// resolved against the publication date. Date is nil when it cannot be
// resolved: a weekday in an undated article stays undated.
type dateMention struct {
	i, j int
	date *graph.PartialDate
}

// dates finds the dates in toks[from:to].
func (x *Extractor) dates(toks []arabic.Token, from, to int, published *graph.PartialDate) []dateMention {
	var out []dateMention
	for k := from; k < to; k++ {
		if d, n := x.dateAt(toks, k, to, published); n > 0 {
			out = append(out, dateMention{i: k, j: k + n, date: d})
			k += n - 1
		}
	}
	return out
}

func (x *Extractor) dateAt(toks []arabic.Token, k, to int, published *graph.PartialDate) (*graph.PartialDate, int) {
	num := func(i int) (int, bool) {
		if i >= to || toks[i].Punct {
			return 0, false
		}
		w := toks[i].Folded
		if len(w) == 6 && strings.HasSuffix(w, "م") {
			w = w[:4] // "2019م", the Gregorian year's mark
		}
		if !isDigits(w) { // what Atoi would refuse, without its error
			return 0, false
		}
		v, err := strconv.Atoi(w)
		return v, err == nil
	}
	// A day may carry an English ordinal suffix: "11th", "01st".
	day := func(i int) (int, bool) {
		if v, ok := num(i); ok {
			return v, true
		}
		if i >= to || toks[i].Punct {
			return 0, false
		}
		w := toks[i].Folded
		if len(w) < 3 || len(w) > 4 {
			return 0, false
		}
		switch w[len(w)-2:] {
		case "st", "nd", "rd", "th":
			if isDigits(w[:len(w)-2]) {
				v, err := strconv.Atoi(w[:len(w)-2])
				return v, err == nil
			}
		}
		return 0, false
	}
	// "23. أبريل", "11th, September": a mark between the day and the month.
	skipMark := func(i int) int {
		if i < to && toks[i].Punct && (toks[i].Text == "," || toks[i].Text == ".") {
			return i + 1
		}
		return i
	}
	month := func(i int) (int, int) {
		if i >= to {
			return 0, 0
		}
		v, n := x.gaz.Word("month", toks, i)
		if n == 0 {
			return 0, 0
		}
		m, _ := strconv.Atoi(v)
		if n > 0 && i+n < to && toks[i+n].Text == "." && isLatin(toks[i].Text) {
			n++ // "Dec. 3"
		}
		// "كانون الأول/ديسمبر": the month in both series.
		if n > 0 && i+n+1 < to && toks[i+n].Text == "/" {
			if v2, n2 := x.gaz.Word("month", toks, i+n+1); n2 > 0 && v2 == v {
				n += 1 + n2
			}
		}
		return m, n
	}
	isYear := func(v int) bool { return v >= 1950 && v <= 2100 }
	skipComma := func(i int) int {
		if i < to && toks[i].Punct && toks[i].Text == "," {
			return i + 1
		}
		return i
	}
	// DAY/MONTH/YEAR, as Arabic papers write it ("12/03/2023"); in English
	// the order is ambiguous and only a day over 12 settles it.
	// The same with hyphens or dots ("19-02-2021", "23.04.2021"), as
	// bylines write it.
	if d, ok := num(k); ok && k+4 < to && isDateSep(toks[k+1].Text) && toks[k+3].Text == toks[k+1].Text {
		if m, ok := num(k + 2); ok {
			if y, ok := num(k + 4); ok && isYear(y) {
				if isLatinText(toks) && d <= 12 && m <= 12 {
					return graph.Year(y), 5 // "03/10/2023": the year at least
				}
				if isLatinText(toks) && m > 12 {
					d, m = m, d
				}
				return valid(graph.Date(y, m, d)), 5
			}
		}
	}
	// "فاتح فبراير 2023": the first day, as Maghreb papers write it.
	if k+1 < to && toks[k].Folded == graph.Fold("فاتح") {
		if m, n := month(k + 1); n > 0 {
			e := k + 1 + n
			if y, ok := num(e); ok && isYear(y) {
				return valid(graph.Date(y, m, 1)), e + 1 - k
			}
			return x.yearless(m, 1, published), 1 + n
		}
	}
	// DAY MONTH [YEAR]
	if d, ok := day(k); ok && d >= 1 && d <= 31 {
		if m, n := month(skipMark(k + 1)); n > 0 {
			n += skipMark(k+1) - (k + 1)
			e := skipComma(k + 1 + n)
			if y, ok := num(e); ok && isYear(y) {
				return valid(graph.Date(y, m, d)), e + 1 - k
			}
			return x.yearless(m, d, published), 1 + n
		}
	}
	// MONTH [DAY,] YEAR  |  MONTH DAY
	if m, n := month(k); n > 0 {
		e := k + n
		if d, ok := day(e); ok && d >= 1 && d <= 31 {
			if y, ok := num(skipComma(e + 1)); ok && isYear(y) {
				return valid(graph.Date(y, m, d)), skipComma(e+1) + 1 - k
			}
			return x.yearless(m, d, published), n + 1
		}
		if y, ok := num(e); ok && isYear(y) {
			return valid(&graph.PartialDate{Year: y, Month: m}), n + 1
		}
		// "يوليو من العام الماضي", "July last year"
		e2 := e
		if e2 < to && (toks[e2].Folded == "من" || toks[e2].Folded == "of") {
			e2++
		}
		if v, n2 := x.gaz.Word("relative_year", toks, e2); n2 > 0 {
			if published == nil {
				return nil, e2 + n2 - k
			}
			off, _ := strconv.Atoi(v)
			return valid(&graph.PartialDate{Year: published.Year + off, Month: m}), e2 + n2 - k
		}
	}
	// YEAR after a year word or a preposition: "عام 2018", "in 2018"
	if y, ok := num(k); ok && isYear(y) && k > 0 {
		prev := toks[k-1].Folded
		if x.gaz.IsWord("year_word", prev) || x.gaz.IsExact("year_prep", prev) {
			return graph.Year(y), 1
		}
		// "on the margins of the 2024 Berlin Energy Transition Dialogue":
		// an event named with its year.
		if prev == "the" {
			for e := k + 1; e < to && e <= k+6 && isCapitalized(toks[e].Text); e++ {
				if x.gaz.IsExact("event_word", toks[e].Folded) {
					return graph.Year(y), e + 1 - k
				}
			}
		}
	}
	if v, n := x.gaz.Word("relative_year", toks, k); n > 0 {
		if published == nil {
			return nil, n
		}
		off, _ := strconv.Atoi(v)
		return graph.Year(published.Year + off), n
	}
	if v, n := x.gaz.Word("relative_month", toks, k); n > 0 {
		if published == nil || published.Month == 0 {
			return nil, n
		}
		off, _ := strconv.Atoi(v)
		t := time.Date(published.Year, time.Month(published.Month)+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
		return &graph.PartialDate{Year: t.Year(), Month: int(t.Month())}, n
	}
	if v, n := x.gaz.Word("relative_week", toks, k); n > 0 {
		if published == nil || published.Day == 0 {
			return nil, n
		}
		// "last week": its month when the whole week lies in one, else
		// its year.
		off, _ := strconv.Atoi(v)
		pub := time.Date(published.Year, time.Month(published.Month), published.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*off)
		start := pub.AddDate(0, 0, -(int(pub.Weekday())+6)%7)
		end := start.AddDate(0, 0, 6)
		switch {
		case start.Month() == end.Month():
			return &graph.PartialDate{Year: start.Year(), Month: int(start.Month())}, n
		case start.Year() == end.Year():
			return graph.Year(start.Year()), n
		}
		return nil, n
	}
	if v, n := x.gaz.Word("relative_day", toks, k); n > 0 {
		if published == nil || published.Day == 0 {
			return nil, n
		}
		off, _ := strconv.Atoi(v)
		return shift(published, off), n
	}
	if v, n := x.gaz.Word("weekday", toks, k); n > 0 {
		// "الثلاثاء الموافق 12 نوفمبر 2024", "Tuesday, Nov. 12, 2024": the
		// weekday introduces the date.
		e := k + n
		for e < to && (toks[e].Text == "," || toks[e].Text == "،" || toks[e].Folded == graph.Fold("الموافق") || toks[e].Folded == "the") {
			e++
		}
		if e < to && !x.gaz.IsWord("weekday", toks[e].Folded) {
			if d, m := x.dateAt(toks, e, to, nil); m > 0 && d != nil {
				return d, e + m - k
			}
		}
		if published == nil || published.Day == 0 {
			return nil, n
		}
		wd, _ := strconv.Atoi(v)
		pub := time.Date(published.Year, time.Month(published.Month), published.Day, 0, 0, 0, 0, time.UTC)
		back := (int(pub.Weekday()) - wd + 7) % 7
		// A weekday called "next" ("الخميس المقبل") lies ahead of publication.
		if k+n < to && x.gaz.IsExact("next_word", toks[k+n].Folded) {
			return shift(published, (wd-int(pub.Weekday())+7)%7), n + 1
		}
		return shift(published, -back), n
	}
	return nil, 0
}

// isDateSep reports whether a mark separates the numbers of a date.
func isDateSep(s string) bool { return s == "/" || s == "-" || s == "." }

// isDigits reports whether s is one or more ASCII digits. The folded word
// of a token has no sign, so Atoi reads nothing else.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isLatinText reports whether a sentence is written mostly in Latin letters.
func isLatinText(toks []arabic.Token) bool {
	latin, other := 0, 0
	for _, t := range toks {
		if t.Punct {
			continue
		}
		if r := []rune(t.Text)[0]; r < 0x0600 && (r < '0' || r > '9') {
			latin++
		} else if r >= 0x0600 {
			other++
		}
	}
	return latin > other
}

// yearless resolves a day and month without a year to the publication
// year, or leaves it undated.
func (x *Extractor) yearless(m, d int, published *graph.PartialDate) *graph.PartialDate {
	if published == nil {
		return nil
	}
	return valid(graph.Date(published.Year, m, d))
}

func shift(d *graph.PartialDate, days int) *graph.PartialDate {
	t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	return graph.Date(t.Year(), int(t.Month()), t.Day())
}

func valid(d *graph.PartialDate) *graph.PartialDate {
	if d == nil || d.Validate() != nil {
		return nil
	}
	return d
}
