package article

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

var (
	isoDateRe   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_+Z])`)
	slashDateRe = regexp.MustCompile(`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:$|[T\s])`)
	yearMonthRe = regexp.MustCompile(`^(\d{4})[-/](\d{1,2})$`)
	yearRe      = regexp.MustCompile(`^(\d{4})$`)
)

// normDate turns a stated publication date into "YYYY-MM-DD", "YYYY-MM" or
// "YYYY", keeping the calendar date as written (no time zone conversion). It
// reads ISO 8601 / RFC 3339 dates and date-times, "2006/01/02", RFC 1123 and
// RFC 822 dates and their common variants, "January 2, 2006", "2 Jan 2006",
// "January 2006", Arabic month names (Egyptian, Levantine and Maghrebi) with
// Arabic-Indic digits, and ANSIC/Unix dates. Ambiguous numeric forms such as
// "02/01/2006" and anything else give "".
func normDate(s string) string {
	s = strings.TrimSpace(asciiDigits(s))
	if s == "" || len(s) > 200 {
		return ""
	}
	if m := isoDateRe.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := slashDateRe.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := yearMonthRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if plausibleYear(y) && mo >= 1 && mo <= 12 {
			return fmt.Sprintf("%04d-%02d", y, mo)
		}
		return ""
	}
	if m := yearRe.FindStringSubmatch(s); m != nil {
		if y, _ := strconv.Atoi(m[1]); plausibleYear(y) {
			return m[1]
		}
		return ""
	}
	if d := wordDate(s); d != "" {
		return d
	}
	for _, layout := range []string{time.ANSIC, time.UnixDate, time.RubyDate} {
		if t, err := time.Parse(layout, s); err == nil && plausibleYear(t.Year()) {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// unixDate turns a Unix time in seconds (or milliseconds, when it is too
// large to be seconds) into a UTC date, or "" when it is implausible.
func unixDate(n float64) string {
	if n > 1e11 {
		n /= 1000
	}
	if n < 0 || n > 4e9 {
		return ""
	}
	return time.Unix(int64(n), 0).UTC().Format("2006-01-02")
}

func plausibleYear(y int) bool { return y >= 1900 && y <= 2100 }

func ymd(ys, ms, ds string) string {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	return validDate(y, m, d)
}

func validDate(y, m, d int) string {
	if !plausibleYear(y) || m < 1 || m > 12 || d < 1 || d > 31 {
		return ""
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "" // e.g. 31 April
	}
	return t.Format("2006-01-02")
}

// asciiDigits maps Arabic-Indic and Eastern Arabic-Indic digits to ASCII.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + r - '٠'
		case r >= '۰' && r <= '۹':
			return '0' + r - '۰'
		}
		return r
	}, s)
}

// months maps lower-case month names (English, Arabic) to month numbers.
var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,

	"يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4,
	"مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8,
	"اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,

	"شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
	"حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9,

	"ماي": 5, "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
	"جانفي": 1, "فيفري": 2, "أفريل": 4, "افريل": 4, "جوان": 6, "جويلية": 7, "أوت": 8, "اوت": 8,
}

// multiWordMonths are the Levantine month names of two words, replaced by a
// one-word token before splitting.
var multiWordMonths = strings.NewReplacer(
	"كانون الثاني", " m01 ", "كانون الأول", " m12 ", "كانون الاول", " m12 ",
	"تشرين الأول", " m10 ", "تشرين الاول", " m10 ", "تشرين الثاني", " m11 ",
	"كانون ثاني", " m01 ", "كانون أول", " m12 ", "تشرين أول", " m10 ", "تشرين ثاني", " m11 ",
)

var weekdays = map[string]bool{
	"monday": true, "mon": true, "tuesday": true, "tue": true, "tues": true,
	"wednesday": true, "wed": true, "thursday": true, "thu": true, "thur": true, "thurs": true,
	"friday": true, "fri": true, "saturday": true, "sat": true, "sunday": true, "sun": true,
	"الأحد": true, "الاحد": true, "الاثنين": true, "الإثنين": true, "الثلاثاء": true,
	"الأربعاء": true, "الاربعاء": true, "الخميس": true, "الجمعة": true, "السبت": true,
}

// wordDate reads dates with a month name: "2 January 2006", "January 2,
// 2006", "Mon, 02 Jan 2006 15:04:05 -0700" and "January 2006", anywhere in s.
func wordDate(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "\u0640", "") // tatweel
	s = multiWordMonths.Replace(s)
	toks := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '/' || r == '-' || r == '،' || r == '(' || r == ')'
	})
	kinds := make([]int, len(toks)) // 0 other, 1 day, 2 month, 3 year
	vals := make([]int, len(toks))
	n := 0
	for _, t := range toks {
		t = strings.TrimSuffix(t, ".")
		if weekdays[t] {
			continue
		}
		k, v := classify(t)
		if k == 2 && n > 0 && kinds[n-1] == 2 && vals[n-1] == v {
			continue // "سبتمبر/أيلول": one month in two calendars' names
		}
		kinds[n], vals[n] = k, v
		n++
	}
	kinds = kinds[:n]
	for i := range kinds {
		at := func(j, k int) bool { return i+j < n && kinds[i+j] == k }
		switch {
		case at(0, 1) && at(1, 2) && at(2, 3):
			return validDate(vals[i+2], vals[i+1], vals[i]) // "" for 31 April
		case at(0, 2) && at(1, 1) && at(2, 3):
			return validDate(vals[i+2], vals[i], vals[i+1])
		case at(0, 2) && at(1, 3):
			return fmt.Sprintf("%04d-%02d", vals[i+1], vals[i])
		}
	}
	return ""
}

// classify tells whether a token is a day number (1), a month name (2) or a
// year (3), and its value.
func classify(t string) (int, int) {
	if m, ok := months[t]; ok {
		return 2, m
	}
	if len(t) == 3 && t[0] == 'm' && t[1] >= '0' && t[1] <= '1' {
		if m, err := strconv.Atoi(t[1:]); err == nil && m >= 1 && m <= 12 {
			return 2, m
		}
	}
	t = strings.TrimSuffix(t, "م") // "2024م", the Gregorian year mark
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		t = strings.TrimSuffix(t, suf)
	}
	if t == "" || len(t) > 4 || strings.IndexFunc(t, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return 0, 0
	}
	v, _ := strconv.Atoi(t)
	switch {
	case len(t) <= 2 && v >= 1 && v <= 31:
		return 1, v
	case len(t) == 4 && plausibleYear(v):
		return 3, v
	}
	return 0, 0
}

var (
	urlDayRe   = regexp.MustCompile(`/(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[/_.-]|$)`)
	urlMonthRe = regexp.MustCompile(`/(\d{4})/(\d{1,2})/`)
)

// urlDate reads a publication date from a dated URL ("…/2019/06/27/…",
// "…/2024-03-14-title", "…/2021/12/…" for the month), or "". Only the
// path counts: a query's numbers are no date.
func urlDate(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if m := urlDayRe.FindStringSubmatch(u); m != nil {
		if d := ymd(m[1], m[2], m[3]); d != "" {
			return d
		}
	}
	if m := urlMonthRe.FindStringSubmatch(u); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if plausibleYear(y) && mo >= 1 && mo <= 12 {
			return fmt.Sprintf("%04d-%02d", y, mo)
		}
	}
	return ""
}
