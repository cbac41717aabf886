package importers

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// A date pattern is how profiles and --date-format write a date layout, in
// the letters people know rather than Go's reference time:
//
//	yyyy  2026     yy  26
//	mm    09       m   9        month number
//	mmm   Sep      mmmm September
//	dd    06       d   6
//
// Any other character stands for itself: dd-mm-yyyy, m/d/yyyy, yyyymmdd,
// d mmmm yyyy ("06 February 2026" also parses with dd mmmm yyyy),
// mmm d, yyyy ("Sep 27, 2024").
var patternTokens = []struct{ token, layout string }{
	{"yyyy", "2006"}, {"yy", "06"},
	{"mmmm", "January"}, {"mmm", "Jan"}, {"mm", "01"}, {"m", "1"},
	{"dd", "02"}, {"d", "2"},
}

// DateLayout converts a date pattern to a Go time layout.
func DateLayout(pattern string) (string, error) {
	p := strings.ToLower(strings.TrimSpace(pattern))
	var b strings.Builder
	var year, month, day bool
	for i := 0; i < len(p); {
		matched := false
		for _, t := range patternTokens {
			if strings.HasPrefix(p[i:], t.token) {
				b.WriteString(t.layout)
				i += len(t.token)
				matched = true
				switch t.token[0] {
				case 'y':
					year = true
				case 'm':
					month = true
				case 'd':
					day = true
				}
				break
			}
		}
		if matched {
			continue
		}
		c := p[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			return "", fmt.Errorf("date pattern %q: %q is not one of yyyy yy mmmm mmm mm m dd d", pattern, string(c))
		}
		b.WriteByte(c)
		i++
	}
	if !year || !month || !day {
		return "", fmt.Errorf("date pattern %q needs a year, a month and a day", pattern)
	}
	return b.String(), nil
}

// ParseDate reads a date cell with the first of the Go layouts that fits. A
// time of day after the date ("2026-09-01 13:45:00", "2026-09-01T13:45:00Z",
// "9/4/2018 10:03 PM") is ignored: the ledger keeps calendar dates.
func ParseDate(s string, layouts ...string) (time.Time, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return time.Time{}, errors.New("empty")
	}
	for _, cell := range []string{t, stripTime(t)} {
		for _, l := range layouts {
			if l == ledger.DateLayout {
				if d, err := parseISODate(cell); err == nil {
					return d, nil
				}
			} else if d, err := time.Parse(l, cell); err == nil {
				return d, nil
			}
		}
	}
	return time.Time{}, errors.New("not a date")
}

// stripTime cuts a time of day (the first word containing ':', or a 'T'
// between an ISO date and a time) and what follows it.
func stripTime(s string) string {
	if i := strings.IndexByte(s, 'T'); i == 10 && strings.IndexByte(s[i:], ':') > 0 {
		return s[:i]
	}
	words := strings.Fields(s)
	for i, w := range words {
		if strings.Contains(w, ":") {
			return strings.Join(words[:i], " ")
		}
	}
	return s
}

// DayMonthOrder is what the numeric dates of a whole file say about which
// comes first, the day or the month.
type DayMonthOrder int

// The possible conclusions of InferDayMonth.
const (
	OrderUnknown    DayMonthOrder = iota // every date fits both ways
	OrderDayFirst                        // some first number is above 12
	OrderMonthFirst                      // some second number is above 12
	OrderConflict                        // both: the file mixes orders or is not numeric dates
)

// DayMonthEvidence accumulates, date by date, the evidence for the order of
// day and month in dates such as 03/04/2026 or 3-4-2026 (year last).
type DayMonthEvidence struct {
	dayFirst, monthFirst bool
}

// Add looks at one date cell; cells that are not n/n/yyyy-shaped are ignored.
func (e *DayMonthEvidence) Add(cell string) {
	a, b, ok := firstTwoNumbers(stripTime(strings.TrimSpace(cell)))
	if !ok {
		return
	}
	if a > 12 && a <= 31 && b <= 12 {
		e.dayFirst = true
	}
	if b > 12 && b <= 31 && a <= 12 {
		e.monthFirst = true
	}
}

// Order is the conclusion so far.
func (e *DayMonthEvidence) Order() DayMonthOrder {
	switch {
	case e.dayFirst && e.monthFirst:
		return OrderConflict
	case e.dayFirst:
		return OrderDayFirst
	case e.monthFirst:
		return OrderMonthFirst
	}
	return OrderUnknown
}

// firstTwoNumbers reads "n<sep>n<sep>yyyy" with sep one of / - . and
// returns the first two numbers.
func firstTwoNumbers(s string) (int, int, bool) {
	var nums [3]int
	var lens [3]int
	k := 0
	var sep byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			nums[k] = nums[k]*10 + int(c-'0')
			lens[k]++
			if lens[k] > 4 {
				return 0, 0, false
			}
		case (c == '/' || c == '-' || c == '.') && k < 2 && lens[k] > 0 && (sep == 0 || sep == c):
			sep = c
			k++
		default:
			return 0, 0, false
		}
	}
	if k != 2 || lens[0] > 2 || lens[1] > 2 || lens[2] != 4 {
		return 0, 0, false
	}
	return nums[0], nums[1], true
}

// parseISODate reads a YYYY-MM-DD date exactly as time.Parse(ledger.DateLayout, s)
// does, without its general layout machinery for the common case: four
// digits, '-', two digits, '-', two digits, a real calendar date. Anything
// else, errors included, goes to time.Parse.
func parseISODate(s string) (time.Time, error) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, yok := atoiFixed(s[0:4])
		m, mok := atoiFixed(s[5:7])
		d, dok := atoiFixed(s[8:10])
		if yok && mok && dok && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(time.Month(m), y) {
			return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Parse(ledger.DateLayout, s)
}

// atoiFixed reads s, which must be all ASCII digits.
func atoiFixed(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days in month m of year y, as time.Parse
// checks the day.
func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}
