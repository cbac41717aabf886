package ledger

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// ScheduleKind is the form of a payout schedule (thresholds.csv, schedule column).
type ScheduleKind int

// The kinds of schedule (schema/data/README.md, "Schedule grammar").
const (
	MonthlyAfter ScheduleKind = iota + 1 // M+<n>@<day|EOM>: month M's earnings issued on <day> of month M+n, if the whole unpaid balance reaches the threshold on the check date; otherwise all rolls over
	SemiMonthly                          // SM@<d1>,<d2>: runs on those days, paying the cleared balance
	MonthlyOn                            // MD@<day>: a monthly run on that day (day may be EOM too)
	Weekly                               // W@<MON..SUN>
	Daily                                // D: daily rolling payouts, on business days (Mon-Fri)
	Auto                                 // AUTO: paid as soon as the balance reaches the threshold
	OnRequest                            // REQ: the creator withdraws once the balance reaches the threshold
	Instant                              // INSTANT: paid at the sale; no balance is held
)

// Schedule is one payout schedule: its kind and the fields that kind uses.
// Days of the month beyond a month's length mean its last day.
type Schedule struct {
	Kind    ScheduleKind
	Lag     int          // MonthlyAfter: n of M+<n> (0..12)
	Day     int          // MonthlyAfter, MonthlyOn: 1..31, or 0 for EOM (last day of the month)
	Days    []int        // SemiMonthly: the run days, ascending with EOM last, each 1..31 or 0 for EOM
	Weekday time.Weekday // Weekly
}

// Schedules are the options a creator can choose between ("SM@1,15|AUTO");
// the first is the platform's default.
type Schedules []Schedule

// maxLag is the largest n of M+<n>.
const maxLag = 12

// weekdayNames are the weekdays as a schedule writes them, by time.Weekday.
var weekdayNames = [7]string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}

// scheduleKeywords are the kinds written as a keyword alone.
var scheduleKeywords = map[string]ScheduleKind{"D": Daily, "AUTO": Auto, "REQ": OnRequest, "INSTANT": Instant}

// scheduleArgs are what follows the "@" of the kinds that need one.
var scheduleArgs = map[string]string{"SM": "<d1>,<d2>", "MD": "<day>", "W": "<weekday>"}

// scheduleForms is what a schedule option can be, for error messages.
const scheduleForms = "M+<n>@<day>, SM@<d1>,<d2>, MD@<day>, W@<weekday>, D, AUTO, REQ or INSTANT"

// ParseSchedule parses the schedule column of thresholds.csv: options
// separated by "|", each trimmed of spaces, keywords and weekdays in any
// case. Empty (or blank) text is an unknown schedule: nil and no error.
// Errors wrap ErrInvalid, quote the text and say what is wrong with it.
func ParseSchedule(s string) (Schedules, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	opts := strings.Split(s, "|")
	ss := make(Schedules, 0, len(opts))
	for i, o := range opts {
		o = strings.TrimSpace(o)
		if o == "" {
			return nil, Invalid("schedule %q: option %d is empty", s, i+1)
		}
		sc, problem := parseScheduleOption(o)
		if j := slices.IndexFunc(ss, func(p Schedule) bool { return p.String() == sc.String() }); problem == "" && j >= 0 {
			problem = fmt.Sprintf("repeats option %d", j+1)
		}
		if problem != "" {
			if len(opts) == 1 {
				return nil, Invalid("schedule %q: %s", s, problem)
			}
			return nil, Invalid("schedule %q: option %d %q: %s", s, i+1, o, problem)
		}
		ss = append(ss, sc)
	}
	return ss, nil
}

// parseScheduleOption parses one option, or says what is wrong with it.
func parseScheduleOption(o string) (Schedule, string) {
	kw, arg, hasArg := strings.Cut(o, "@")
	KW := upperASCII(kw)
	if want, ok := scheduleArgs[KW]; ok && !hasArg {
		return Schedule{}, fmt.Sprintf(`%s needs "@%s"`, KW, want)
	}
	switch KW {
	case "D", "AUTO", "REQ", "INSTANT":
		if hasArg {
			return Schedule{}, fmt.Sprintf("unexpected %q after %s", o[len(kw):], KW)
		}
		return Schedule{Kind: scheduleKeywords[KW]}, ""
	case "SM":
		parts := strings.Split(arg, ",")
		if len(parts) < 2 {
			return Schedule{}, "SM needs at least two days"
		}
		days := make([]int, 0, len(parts))
		for _, p := range parts {
			d, problem := parseScheduleDay(p)
			if problem != "" {
				return Schedule{}, problem
			}
			days = append(days, d)
		}
		// Ascending, EOM last; 31 and EOM are the same day in every month.
		slices.SortFunc(days, func(a, b int) int { return dayOrder(a) - dayOrder(b) })
		for i := 1; i < len(days); i++ {
			if dayOrder(days[i]) == dayOrder(days[i-1]) {
				if days[i] != days[i-1] {
					return Schedule{}, "days 31 and EOM are the same day"
				}
				return Schedule{}, fmt.Sprintf("day %s repeats", dayText(days[i]))
			}
		}
		return Schedule{Kind: SemiMonthly, Days: days}, ""
	case "MD":
		d, problem := parseScheduleDay(arg)
		return Schedule{Kind: MonthlyOn, Day: d}, problem
	case "W":
		i := slices.Index(weekdayNames[:], upperASCII(arg))
		if i < 0 {
			return Schedule{}, fmt.Sprintf("weekday %q is not MON, TUE, WED, THU, FRI, SAT or SUN", arg)
		}
		return Schedule{Kind: Weekly, Weekday: time.Weekday(i)}, ""
	}
	if !strings.HasPrefix(KW, "M+") {
		return Schedule{}, "not one of " + scheduleForms
	}
	lag, n := kw[2:], -1
	if len(lag) >= 1 && len(lag) <= 2 && allDigits(lag) {
		n, _ = strconv.Atoi(lag)
		if n > maxLag {
			return Schedule{}, fmt.Sprintf("month lag %d is not 0-%d", n, maxLag)
		}
	}
	if n < 0 {
		return Schedule{}, fmt.Sprintf("month lag %q is not 0-%d", lag, maxLag)
	}
	if !hasArg {
		return Schedule{}, fmt.Sprintf(`M+%d needs "@<day>"`, n)
	}
	d, problem := parseScheduleDay(arg)
	return Schedule{Kind: MonthlyAfter, Lag: n, Day: d}, problem
}

// parseScheduleDay parses a day of the month: 1-31, or EOM as 0.
func parseScheduleDay(s string) (int, string) {
	if upperASCII(s) == "EOM" {
		return 0, ""
	}
	if len(s) >= 1 && len(s) <= 2 && allDigits(s) {
		d, _ := strconv.Atoi(s)
		if d >= 1 && d <= 31 {
			return d, ""
		}
		return 0, fmt.Sprintf("day %d is not 1-31 or EOM", d)
	}
	return 0, fmt.Sprintf("day %q is not 1-31 or EOM", s)
}

// dayOrder orders days of the month: EOM (0) as 31, on which it always
// falls too.
func dayOrder(d int) int { return cmp.Or(d, 31) }

// dayText writes a day of the month as a schedule does.
func dayText(d int) string {
	if d == 0 {
		return "EOM"
	}
	return strconv.Itoa(d)
}

// upperASCII upper-cases the ASCII letters of s only, so that no other
// letter turns into a keyword's and byte offsets stay the same.
func upperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
	return string(b)
}

// allDigits reports whether s has no byte but ASCII digits.
func allDigits(s string) bool { return strings.Trim(s, "0123456789") == "" }

// String is the canonical text of s, which ParseSchedule reads back; ""
// for a Schedule of no known kind.
func (s Schedule) String() string {
	switch s.Kind {
	case MonthlyAfter:
		return "M+" + strconv.Itoa(s.Lag) + "@" + dayText(s.Day)
	case SemiMonthly:
		days := make([]string, len(s.Days))
		for i, d := range s.Days {
			days[i] = dayText(d)
		}
		return "SM@" + strings.Join(days, ",")
	case MonthlyOn:
		return "MD@" + dayText(s.Day)
	case Weekly:
		return "W@" + strings.ToUpper(s.Weekday.String()[:3]) // "%!W" for no weekday
	}
	for kw, k := range scheduleKeywords {
		if k == s.Kind {
			return kw
		}
	}
	return ""
}

// String is the options' canonical text joined with "|"; "" for none.
func (ss Schedules) String() string {
	opts := make([]string, len(ss))
	for i, s := range ss {
		opts[i] = s.String()
	}
	return strings.Join(opts, "|")
}

// Run is one payout run of a schedule.
type Run struct {
	Date   time.Time // the day the payout is issued
	Cutoff time.Time // the last day whose earnings the run pays: the last day of month X-n for a MonthlyAfter run in month X; the run day itself for every other kind
}

// NextRun returns the first run on or after from. Auto and OnRequest: a run
// on from itself. Instant: ok false (no balance, no runs), as for a
// Schedule of no known kind or a SemiMonthly one without days.
//
// from counts as its calendar date; the run's dates are UTC midnight. The
// Cutoff of an M+0 run is never after the run (M+0@21 pays up to the 21st).
func (s Schedule) NextRun(from time.Time) (Run, bool) {
	from = calendarDate(from)
	y, m, _ := from.Date()
	var d time.Time
	switch s.Kind {
	case MonthlyAfter, MonthlyOn:
		if d = monthDay(y, m, s.Day); d.Before(from) {
			d = monthDay(y, m+1, s.Day)
		}
		if s.Kind == MonthlyAfter {
			dy, dm, _ := d.Date()
			cutoff := monthDay(dy, dm-time.Month(s.Lag), 0)
			if cutoff.After(d) {
				cutoff = d
			}
			return Run{Date: d, Cutoff: cutoff}, true
		}
	case SemiMonthly:
		for _, day := range s.Days {
			for _, c := range []time.Time{monthDay(y, m, day), monthDay(y, m+1, day)} {
				if !c.Before(from) && (d.IsZero() || c.Before(d)) {
					d = c
				}
			}
		}
		if d.IsZero() {
			return Run{}, false
		}
	case Weekly:
		d = from.AddDate(0, 0, ((int(s.Weekday)-int(from.Weekday()))%7+7)%7)
	case Daily:
		switch d = from; from.Weekday() {
		case time.Saturday:
			d = from.AddDate(0, 0, 2)
		case time.Sunday:
			d = from.AddDate(0, 0, 1)
		}
	case Auto, OnRequest:
		d = from
	default:
		return Run{}, false
	}
	return Run{Date: d, Cutoff: d}, true
}

// NextPayout walks the runs from `from` on and returns the first run whose
// balance(run.Cutoff) is at least min: a balance below min on a run's date
// rolls over to the next run. It looks at most horizon runs ahead and
// reports ok false when none reaches min (or for Instant, or a nil balance).
// For Auto and OnRequest every day is a run.
func (s Schedule) NextPayout(from time.Time, min decimal.Decimal, balance func(cutoff time.Time) decimal.Decimal, horizon int) (Run, bool) {
	for i := 0; i < horizon && balance != nil; i++ {
		run, ok := s.NextRun(from)
		if !ok {
			return Run{}, false
		}
		if balance(run.Cutoff).GreaterThanOrEqual(min) {
			return run, true
		}
		from = run.Date.AddDate(0, 0, 1)
	}
	return Run{}, false
}

// calendarDate is t's calendar date, in t's location, at UTC midnight.
func calendarDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// monthDay is day (0 for EOM) of month m of year y, both normalised as
// time.Date does, at UTC midnight; a day beyond the month's length is its
// last day.
func monthDay(y int, m time.Month, day int) time.Time {
	y, m, _ = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Date()
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if day <= 0 || day > last {
		day = last
	}
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
}

// HoldBasis is what a hold is counted from: sale, delivery, lock or method-change.
type HoldBasis string

// The bases of a hold (thresholds.csv, hold_basis column).
const (
	HoldSale         HoldBasis = "sale"
	HoldDelivery     HoldBasis = "delivery"
	HoldLock         HoldBasis = "lock"
	HoldMethodChange HoldBasis = "method-change"
)

// holdBases lists every HoldBasis, in documentation order.
var holdBases = []HoldBasis{HoldSale, HoldDelivery, HoldLock, HoldMethodChange}

// maxHoldDays is the longest hold ParseHold accepts: ten years.
const maxHoldDays = 3650

// Hold is how long an individual earning is held before it counts toward a
// balance, and from what. The zero Hold holds nothing.
type Hold struct {
	Days  int
	Basis HoldBasis
}

// ParseHold parses the hold_days and hold_basis columns of thresholds.csv,
// each trimmed of spaces. Both empty give the zero Hold; days without a
// basis count from the sale. Negative, non-integer or more than 3650 days,
// a basis without days or an unknown basis give an error wrapping ErrInvalid.
func ParseHold(days, basis string) (Hold, error) {
	days, basis = strings.TrimSpace(days), strings.TrimSpace(basis)
	if days == "" {
		if basis != "" {
			return Hold{}, Invalid("hold_basis %q without hold_days", basis)
		}
		return Hold{}, nil
	}
	n, err := strconv.Atoi(days)
	if err != nil || !allDigits(days) || n > maxHoldDays {
		return Hold{}, Invalid("hold_days %q is not a number of days from 0 to %d", days, maxHoldDays)
	}
	h := Hold{Days: n, Basis: HoldSale}
	if basis != "" {
		h.Basis = HoldBasis(basis)
		if !slices.Contains(holdBases, h.Basis) {
			return Hold{}, Invalid("hold_basis %q is not one of sale, delivery, lock, method-change", basis)
		}
	}
	return h, nil
}

// Clears is d + Days calendar days: the first day an amount of day d counts.
// d counts as its calendar date; the result is UTC midnight.
func (h Hold) Clears(d time.Time) time.Time { return calendarDate(d).AddDate(0, 0, h.Days) }

// Cleared reports whether an amount of day d counts on asOf: Clears(d) is
// on or before asOf's calendar date.
func (h Hold) Cleared(d, asOf time.Time) bool { return !h.Clears(d).After(calendarDate(asOf)) }

// String describes h for people, "7 days from sale"; "" when it holds
// nothing (0 days).
func (h Hold) String() string {
	if h.Days == 0 {
		return ""
	}
	s := strconv.Itoa(h.Days) + " days"
	if h.Days == 1 {
		s = "1 day"
	}
	if h.Basis != "" {
		s += " from " + string(h.Basis)
	}
	return s
}
