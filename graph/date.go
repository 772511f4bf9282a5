package graph

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PartialDate is a date known to a year, a month or a day. Month and Day are
// 0 when unknown; a Day is only meaningful with a Month.
type PartialDate struct {
	Year  int
	Month int
	Day   int
}

// Date returns a PartialDate known to the day.
func Date(year, month, day int) *PartialDate {
	return &PartialDate{Year: year, Month: month, Day: day}
}

// Year returns a PartialDate known to the year.
func Year(year int) *PartialDate { return &PartialDate{Year: year} }

// ParsePartialDate parses 2018, 2018-05 or 2018-05-14. A full RFC 3339
// timestamp is accepted too and keeps its day.
func ParsePartialDate(s string) (*PartialDate, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return Date(t.Year(), int(t.Month()), t.Day()), nil
		}
		s = s[:10]
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || parts[0] == "" {
		return nil, Errorf(EINVALID, "invalid date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return nil, Errorf(EINVALID, "invalid date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n[i] = v
	}
	d := &PartialDate{Year: n[0], Month: n[1], Day: n[2]}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

// Validate reports whether d names a real year, month and day.
func (d PartialDate) Validate() error {
	if d.Year < 1 || d.Year > 9999 {
		return Errorf(EINVALID, "invalid date %s: year out of range", d.ISO())
	}
	if d.Month < 0 || d.Month > 12 || (d.Month == 0 && d.Day != 0) {
		return Errorf(EINVALID, "invalid date %s: bad month", d.ISO())
	}
	if d.Day != 0 {
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if t.Day() != d.Day {
			return Errorf(EINVALID, "invalid date %s: bad day", d.ISO())
		}
	}
	return nil
}

// ISO formats d as 2018, 2018-05 or 2018-05-14.
func (d PartialDate) ISO() string {
	if d.Year >= 0 && d.Year <= 9999 && d.Month >= 0 && d.Month <= 99 && d.Day >= 0 && d.Day <= 99 {
		// Without fmt: timelines format hundreds of dates per request, on
		// goroutines whose stacks fmt would make grow.
		b := make([]byte, 0, 10)
		b = append(b, byte('0'+d.Year/1000), byte('0'+d.Year/100%10), byte('0'+d.Year/10%10), byte('0'+d.Year%10))
		if d.Month != 0 {
			b = append(b, '-', byte('0'+d.Month/10), byte('0'+d.Month%10))
			if d.Day != 0 {
				b = append(b, '-', byte('0'+d.Day/10), byte('0'+d.Day%10))
			}
		}
		return string(b)
	}
	switch {
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	default:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
}

// String is ISO.
func (d PartialDate) String() string { return d.ISO() }

// MonthOrNil returns the month, or nil when only the year is known.
func (d PartialDate) MonthOrNil() *int {
	if d.Month == 0 {
		return nil
	}
	m := d.Month
	return &m
}

// DayOrNil returns the day, or nil when it is unknown.
func (d PartialDate) DayOrNil() *int {
	if d.Day == 0 {
		return nil
	}
	v := d.Day
	return &v
}

// ComparePartialDates orders dates by year, then month, then day, an unknown
// month or day coming before any known one (2018 < 2018-01 < 2018-01-01).
// A nil date comes after every date: undated facts go last on a timeline.
func ComparePartialDates(a, b *PartialDate) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	for _, c := range [][2]int{{a.Year, b.Year}, {a.Month, b.Month}, {a.Day, b.Day}} {
		if c[0] != c[1] {
			if c[0] < c[1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// InRange reports whether d falls within [from, to], either bound optional.
// A date known only to a year or month is in range when any day of it is.
// An undated fact is in no bounded range.
func InRange(d, from, to *PartialDate) bool {
	if from == nil && to == nil {
		return true
	}
	if d == nil {
		return false
	}
	if from != nil && lastDay(*d).Before(firstDay(*from)) {
		return false
	}
	if to != nil && firstDay(*d).After(lastDay(*to)) {
		return false
	}
	return true
}

// FirstDay is the first day the date may stand for: its 1 January for a
// year, the 1st for a month.
func (d PartialDate) FirstDay() time.Time { return firstDay(d) }

// LastDay is the last day the date may stand for.
func (d PartialDate) LastDay() time.Time { return lastDay(d) }

func firstDay(d PartialDate) time.Time {
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

func lastDay(d PartialDate) time.Time {
	switch {
	case d.Month == 0:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case d.Day == 0:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return firstDay(d)
}
