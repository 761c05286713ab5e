package rules

import (
	"time"
	_ "time/tzdata" // rules must see Europe/Berlin on any host
)

// berlin is the zone of every date and clock in rules.
var berlin = mustZone("Europe/Berlin")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// DateLayout is the only text form of a date: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// ParseDate parses YYYY-MM-DD as midnight Europe/Berlin, the form every date
// value in an [Env] must have.
func ParseDate(s string) (time.Time, bool) {
	if len(s) != len(DateLayout) {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(DateLayout, s, berlin)
	return t, err == nil
}

// DateOf returns midnight Europe/Berlin of the day t falls on there.
func DateOf(t time.Time) time.Time {
	y, m, d := t.In(berlin).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, berlin)
}

// FormatDate formats a date as YYYY-MM-DD; the zero date gives "".
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(berlin).Format(DateLayout)
}

// dayNumber counts civil days, so DST changes never shift a difference.
func dayNumber(t time.Time) int {
	y, m, d := t.In(berlin).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// wholeYears is the age in completed years at today of someone born on d.
func wholeYears(d, today time.Time) int {
	return wholeMonths(d, today) / 12
}

// wholeMonths is the number of completed months from d to today (negative
// when d lies in the future).
func wholeMonths(d, today time.Time) int {
	dy, dm, dd := d.In(berlin).Date()
	ty, tm, td := today.Date()
	months := (ty-dy)*12 + int(tm-dm)
	switch {
	case months > 0 && td < dd:
		months--
	case months < 0 && td > dd:
		months++
	}
	return months
}
