package ledger

import (
	"encoding/csv"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/schema"
)

// mustSchedule parses a schedule of one option.
func mustSchedule(t testing.TB, s string) Schedule {
	t.Helper()
	ss, err := ParseSchedule(s)
	if err != nil || len(ss) != 1 {
		t.Fatalf("ParseSchedule(%q) = %v, %v; want one option", s, ss, err)
	}
	return ss[0]
}

// midnightUTC reports whether t is a calendar date as the ledger keeps one.
func midnightUTC(t time.Time) bool {
	h, m, s := t.Clock()
	return t.Location() == time.UTC && h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0
}

func TestParseSchedule(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Schedules
		text string
	}{
		{"", nil, ""},
		{"   ", nil, ""},
		{"M+1@21", Schedules{{Kind: MonthlyAfter, Lag: 1, Day: 21}}, "M+1@21"},
		{"M+2@EOM", Schedules{{Kind: MonthlyAfter, Lag: 2, Day: 0}}, "M+2@EOM"},
		{"m+0@eom", Schedules{{Kind: MonthlyAfter, Lag: 0, Day: 0}}, "M+0@EOM"},
		{"M+12@07", Schedules{{Kind: MonthlyAfter, Lag: 12, Day: 7}}, "M+12@7"},
		{" sm@15,1 | auto ", Schedules{{Kind: SemiMonthly, Days: []int{1, 15}}, {Kind: Auto}}, "SM@1,15|AUTO"},
		{"SM@EOM,15", Schedules{{Kind: SemiMonthly, Days: []int{15, 0}}}, "SM@15,EOM"},
		{"SM@1,10,20", Schedules{{Kind: SemiMonthly, Days: []int{1, 10, 20}}}, "SM@1,10,20"},
		{"MD@5|REQ", Schedules{{Kind: MonthlyOn, Day: 5}, {Kind: OnRequest}}, "MD@5|REQ"},
		{"MD@eom", Schedules{{Kind: MonthlyOn, Day: 0}}, "MD@EOM"},
		{"w@fri", Schedules{{Kind: Weekly, Weekday: time.Friday}}, "W@FRI"},
		{"W@Sun", Schedules{{Kind: Weekly, Weekday: time.Sunday}}, "W@SUN"},
		{"d", Schedules{{Kind: Daily}}, "D"},
		{"INSTANT", Schedules{{Kind: Instant}}, "INSTANT"},
	} {
		got, err := ParseSchedule(c.in)
		if err != nil {
			t.Errorf("ParseSchedule(%q): %v", c.in, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseSchedule(%q) = %#v; want %#v", c.in, got, c.want)
		}
		if got.String() != c.text {
			t.Errorf("ParseSchedule(%q).String() = %q; want %q", c.in, got.String(), c.text)
		}
	}
}

func TestParseScheduleErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"M+1@32", `invalid: schedule "M+1@32": day 32 is not 1-31 or EOM`},
		{"M+1@0", `invalid: schedule "M+1@0": day 0 is not 1-31 or EOM`},
		{"M+1@", `invalid: schedule "M+1@": day "" is not 1-31 or EOM`},
		{"M+1@x", `invalid: schedule "M+1@x": day "x" is not 1-31 or EOM`},
		{"M+1@021", `invalid: schedule "M+1@021": day "021" is not 1-31 or EOM`},
		{"M+1@21@3", `invalid: schedule "M+1@21@3": day "21@3" is not 1-31 or EOM`},
		{"M+13@21", `invalid: schedule "M+13@21": month lag 13 is not 0-12`},
		{"M+@21", `invalid: schedule "M+@21": month lag "" is not 0-12`},
		{"M+-1@21", `invalid: schedule "M+-1@21": month lag "-1" is not 0-12`},
		{"M+1", `invalid: schedule "M+1": M+1 needs "@<day>"`},
		{"M@21", `invalid: schedule "M@21": not one of ` + scheduleForms},
		{"SM", `invalid: schedule "SM": SM needs "@<d1>,<d2>"`},
		{"SM@1", `invalid: schedule "SM@1": SM needs at least two days`},
		{"SM@15,15", `invalid: schedule "SM@15,15": day 15 repeats`},
		{"SM@31,EOM", `invalid: schedule "SM@31,EOM": days 31 and EOM are the same day`},
		{"SM@1,,15", `invalid: schedule "SM@1,,15": day "" is not 1-31 or EOM`},
		{"SM@1, 15", `invalid: schedule "SM@1, 15": day " 15" is not 1-31 or EOM`},
		{"MD@40", `invalid: schedule "MD@40": day 40 is not 1-31 or EOM`},
		{"MD", `invalid: schedule "MD": MD needs "@<day>"`},
		{"W@FRIDAY", `invalid: schedule "W@FRIDAY": weekday "FRIDAY" is not MON, TUE, WED, THU, FRI, SAT or SUN`},
		{"W@fr", `invalid: schedule "W@fr": weekday "fr" is not MON, TUE, WED, THU, FRI, SAT or SUN`},
		{"W", `invalid: schedule "W": W needs "@<weekday>"`},
		{"AUTO@3", `invalid: schedule "AUTO@3": unexpected "@3" after AUTO`},
		{"req@", `invalid: schedule "req@": unexpected "@" after REQ`},
		{"D@MON", `invalid: schedule "D@MON": unexpected "@MON" after D`},
		{"WEEKLY", `invalid: schedule "WEEKLY": not one of ` + scheduleForms},
		{"ſM@1,15", `invalid: schedule "ſM@1,15": not one of ` + scheduleForms},
		{"SM@1,15|", `invalid: schedule "SM@1,15|": option 2 is empty`},
		{"|AUTO", `invalid: schedule "|AUTO": option 1 is empty`},
		{"AUTO| |REQ", `invalid: schedule "AUTO| |REQ": option 2 is empty`},
		{"AUTO|M+1@32", `invalid: schedule "AUTO|M+1@32": option 2 "M+1@32": day 32 is not 1-31 or EOM`},
		{"AUTO | auto", `invalid: schedule "AUTO | auto": option 2 "auto": repeats option 1`},
	} {
		got, err := ParseSchedule(c.in)
		if err == nil {
			t.Errorf("ParseSchedule(%q) = %v; want error %s", c.in, got, c.want)
			continue
		}
		if err.Error() != c.want || !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseSchedule(%q): %v\nwant %s (wrapping ErrInvalid)", c.in, err, c.want)
		}
	}
}

func TestShippedSchedules(t *testing.T) {
	f, err := schema.Data.Open("data/thresholds.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		i := slices.Index(recs[0], name)
		if i < 0 {
			t.Fatalf("thresholds.csv has no %s column", name)
		}
		return i
	}
	sched, days, basis := col("schedule"), col("hold_days"), col("hold_basis")
	kinds := map[ScheduleKind]bool{}
	for line, rec := range recs[1:] {
		ss, err := ParseSchedule(rec[sched])
		if err != nil {
			t.Errorf("thresholds.csv:%d: %v", line+2, err)
			continue
		}
		if ss.String() != rec[sched] {
			t.Errorf("thresholds.csv:%d: schedule %q prints as %q", line+2, rec[sched], ss.String())
		}
		if again, err := ParseSchedule(ss.String()); err != nil || !reflect.DeepEqual(again, ss) {
			t.Errorf("thresholds.csv:%d: %q does not round-trip: %v, %v", line+2, rec[sched], again, err)
		}
		for _, s := range ss {
			kinds[s.Kind] = true
		}
		if _, err := ParseHold(rec[days], rec[basis]); err != nil {
			t.Errorf("thresholds.csv:%d: %v", line+2, err)
		}
	}
	// The shipped rows use every kind of schedule.
	for _, k := range []ScheduleKind{MonthlyAfter, SemiMonthly, MonthlyOn, Weekly, Daily, Auto, OnRequest, Instant} {
		if !kinds[k] {
			t.Errorf("no shipped schedule of kind %d: the test reads the wrong file", k)
		}
	}
}

func TestScheduleNextRun(t *testing.T) {
	for _, c := range []struct {
		sched, from  string
		date, cutoff string // "" when there is no run
	}{
		// AdSense and Amazon, from the data README.
		{"M+1@21", "2026-11-10", "2026-11-21", "2026-10-31"},
		{"M+1@21", "2026-11-21", "2026-11-21", "2026-10-31"},
		{"M+1@21", "2026-11-22", "2026-12-21", "2026-11-30"},
		{"M+2@EOM", "2026-11-10", "2026-11-30", "2026-09-30"},
		{"M+2@EOM", "2026-11-30", "2026-11-30", "2026-09-30"},
		{"M+2@EOM", "2026-12-01", "2026-12-31", "2026-10-31"},
		{"M+3@7", "2026-11-08", "2026-12-07", "2026-09-30"},
		// Month ends.
		{"M+1@31", "2026-01-31", "2026-01-31", "2025-12-31"},
		{"M+1@31", "2026-02-01", "2026-02-28", "2026-01-31"},
		{"M+1@30", "2026-01-31", "2026-02-28", "2026-01-31"},
		{"M+1@31", "2026-04-30", "2026-04-30", "2026-03-31"},
		{"M+1@31", "2026-05-01", "2026-05-31", "2026-04-30"},
		{"MD@31", "2026-04-30", "2026-04-30", "2026-04-30"},
		{"MD@30", "2026-04-30", "2026-04-30", "2026-04-30"},
		{"MD@31", "2026-01-31", "2026-01-31", "2026-01-31"},
		{"MD@30", "2026-01-31", "2026-02-28", "2026-02-28"},
		{"SM@1,15", "2026-01-31", "2026-02-01", "2026-02-01"},
		{"SM@1,15", "2026-04-30", "2026-05-01", "2026-05-01"},
		{"SM@15,EOM", "2026-04-16", "2026-04-30", "2026-04-30"},
		{"SM@15,31", "2026-04-16", "2026-04-30", "2026-04-30"},
		{"SM@15,EOM", "2026-05-01", "2026-05-15", "2026-05-15"},
		// 29 February: 2028 is a leap year, 2027 is not.
		{"M+1@29", "2028-02-01", "2028-02-29", "2028-01-31"},
		{"M+1@29", "2027-02-01", "2027-02-28", "2027-01-31"},
		{"M+1@30", "2028-02-01", "2028-02-29", "2028-01-31"},
		{"M+1@30", "2027-02-01", "2027-02-28", "2027-01-31"},
		{"M+1@31", "2028-02-01", "2028-02-29", "2028-01-31"},
		{"M+1@31", "2027-02-01", "2027-02-28", "2027-01-31"},
		{"M+1@EOM", "2028-02-01", "2028-02-29", "2028-01-31"},
		{"M+1@EOM", "2027-02-01", "2027-02-28", "2027-01-31"},
		{"M+2@EOM", "2028-04-01", "2028-04-30", "2028-02-29"},
		{"M+2@EOM", "2027-04-01", "2027-04-30", "2027-02-28"},
		{"MD@29", "2028-02-29", "2028-02-29", "2028-02-29"},
		{"MD@29", "2027-02-28", "2027-02-28", "2027-02-28"},
		{"MD@29", "2027-03-01", "2027-03-29", "2027-03-29"},
		{"MD@28", "2028-02-29", "2028-03-28", "2028-03-28"},
		{"MD@EOM", "2028-02-29", "2028-02-29", "2028-02-29"},
		{"SM@15,30", "2028-02-16", "2028-02-29", "2028-02-29"},
		{"SM@15,30", "2027-02-16", "2027-02-28", "2027-02-28"},
		{"SM@29,EOM", "2027-02-16", "2027-02-28", "2027-02-28"},
		{"SM@29,EOM", "2028-02-29", "2028-02-29", "2028-02-29"},
		// Year wrap: December to January, the cutoff in the year before.
		{"M+1@21", "2026-12-22", "2027-01-21", "2026-12-31"},
		{"M+2@EOM", "2027-01-05", "2027-01-31", "2026-11-30"},
		{"M+3@7", "2027-02-08", "2027-03-07", "2026-12-31"},
		{"M+12@1", "2026-03-02", "2026-04-01", "2025-04-30"},
		{"MD@5", "2026-12-06", "2027-01-05", "2027-01-05"},
		{"SM@1,15", "2026-12-16", "2027-01-01", "2027-01-01"},
		// M+0: the cutoff is the end of the run's month, but never after the run.
		{"M+0@21", "2026-11-10", "2026-11-21", "2026-11-21"},
		{"M+0@EOM", "2026-11-10", "2026-11-30", "2026-11-30"},
		// Weekdays: Friday 13 November 2026, Friday 1 January 2027.
		{"W@FRI", "2026-11-13", "2026-11-13", "2026-11-13"},
		{"W@FRI", "2026-11-14", "2026-11-20", "2026-11-20"},
		{"W@MON", "2026-11-15", "2026-11-16", "2026-11-16"},
		{"W@FRI", "2026-12-26", "2027-01-01", "2027-01-01"},
		{"W@SUN", "2026-12-28", "2027-01-03", "2027-01-03"},
		// Daily runs on business days only.
		{"D", "2026-11-11", "2026-11-11", "2026-11-11"},
		{"D", "2026-11-13", "2026-11-13", "2026-11-13"},
		{"D", "2026-11-14", "2026-11-16", "2026-11-16"},
		{"D", "2026-11-15", "2026-11-16", "2026-11-16"},
		{"D", "2026-01-31", "2026-02-02", "2026-02-02"},
		{"D", "2027-01-02", "2027-01-04", "2027-01-04"},
		{"D", "2027-01-03", "2027-01-04", "2027-01-04"},
		{"D", "2028-02-26", "2028-02-28", "2028-02-28"},
		// No calendar: a run the day asked about; none at all for INSTANT.
		{"AUTO", "2026-11-14", "2026-11-14", "2026-11-14"},
		{"REQ", "2026-11-15", "2026-11-15", "2026-11-15"},
		{"INSTANT", "2026-11-10", "", ""},
	} {
		s := mustSchedule(t, c.sched)
		run, ok := s.NextRun(date(c.from))
		if c.date == "" {
			if ok {
				t.Errorf("%s from %s: run %v; want none", c.sched, c.from, run)
			}
			continue
		}
		if !ok || !run.Date.Equal(date(c.date)) || !run.Cutoff.Equal(date(c.cutoff)) {
			t.Errorf("%s from %s: run %s cutoff %s (ok %v); want %s cutoff %s", c.sched, c.from,
				run.Date.Format(DateLayout), run.Cutoff.Format(DateLayout), ok, c.date, c.cutoff)
		}
		if !midnightUTC(run.Date) || !midnightUTC(run.Cutoff) {
			t.Errorf("%s from %s: run %v cutoff %v; want UTC midnights", c.sched, c.from, run.Date, run.Cutoff)
		}
	}
}

func TestScheduleNextRunOddValues(t *testing.T) {
	// A time of day in another zone counts as its calendar date there.
	est := time.FixedZone("EST", -5*3600)
	run, ok := mustSchedule(t, "M+1@21").NextRun(time.Date(2026, 11, 21, 23, 30, 0, 0, est))
	if !ok || run != (Run{date("2026-11-21"), date("2026-10-31")}) {
		t.Errorf("M+1@21 from 21 November 23:30 EST: %v, %v; want 2026-11-21, cutoff 2026-10-31", run, ok)
	}
	for _, s := range []Schedule{{}, {Kind: SemiMonthly}, {Kind: ScheduleKind(99)}} {
		if run, ok := s.NextRun(date("2026-11-10")); ok {
			t.Errorf("%#v: run %v; want none", s, run)
		}
	}
}

// monthlyBalance is a balance of earnings per month, each counted on its
// month's last day, as a platform that finalises months reports them.
func monthlyBalance(months map[string]string) func(time.Time) decimal.Decimal {
	return func(cutoff time.Time) decimal.Decimal {
		sum := decimal.Zero
		for m, amount := range months {
			if !date(m+"-01").AddDate(0, 1, -1).After(cutoff) {
				sum = sum.Add(decimal.RequireFromString(amount))
			}
		}
		return sum
	}
}

// dailyBalance is a balance of sales counted on their day.
func dailyBalance(days map[string]string) func(time.Time) decimal.Decimal {
	return func(cutoff time.Time) decimal.Decimal {
		sum := decimal.Zero
		for d, amount := range days {
			if !date(d).After(cutoff) {
				sum = sum.Add(decimal.RequireFromString(amount))
			}
		}
		return sum
	}
}

func TestScheduleNextPayout(t *testing.T) {
	adsense := map[string]string{"2026-09": "20", "2026-10": "25", "2026-11": "30"}
	withAugust := map[string]string{"2026-08": "30", "2026-09": "20", "2026-10": "25", "2026-11": "30"}
	sales := map[string]string{"2026-11-12": "15", "2026-11-14": "20"}
	for _, c := range []struct {
		name, sched, from, min string
		balance                func(time.Time) decimal.Decimal
		horizon                int
		date, cutoff           string // "" for no payout
	}{
		// 20 + 25 = 45 < 70 on 21 November rolls over; 75 on 21 December.
		{"adsense rolls over", "M+1@21", "2026-11-10", "70", monthlyBalance(adsense), 24, "2026-12-21", "2026-11-30"},
		{"adsense with august", "M+1@21", "2026-11-10", "70", monthlyBalance(withAugust), 24, "2026-11-21", "2026-10-31"},
		{"exactly the threshold", "M+1@21", "2026-11-10", "45", monthlyBalance(adsense), 24, "2026-11-21", "2026-10-31"},
		{"horizon of one run", "M+1@21", "2026-11-10", "70", monthlyBalance(adsense), 1, "", ""},
		{"horizon of two runs", "M+1@21", "2026-11-10", "70", monthlyBalance(adsense), 2, "2026-12-21", "2026-11-30"},
		{"never reaches min", "M+1@21", "2026-11-10", "1000", monthlyBalance(adsense), 24, "", ""},
		{"no horizon", "M+1@21", "2026-11-10", "0", monthlyBalance(adsense), 0, "", ""},
		{"amazon", "M+2@EOM", "2026-11-10", "70", monthlyBalance(adsense), 24, "2027-01-31", "2026-11-30"},
		{"auto", "AUTO", "2026-11-10", "30", dailyBalance(sales), 24, "2026-11-14", "2026-11-14"},
		{"req", "REQ", "2026-11-10", "15", dailyBalance(sales), 24, "2026-11-12", "2026-11-12"},
		{"daily skips the weekend", "D", "2026-11-13", "30", dailyBalance(sales), 24, "2026-11-16", "2026-11-16"},
		{"weekly", "W@FRI", "2026-11-10", "30", dailyBalance(sales), 24, "2026-11-20", "2026-11-20"},
		{"semi-monthly", "SM@1,15", "2026-11-10", "30", dailyBalance(sales), 24, "2026-11-15", "2026-11-15"},
		{"instant", "INSTANT", "2026-11-10", "0", dailyBalance(sales), 24, "", ""},
	} {
		run, ok := mustSchedule(t, c.sched).NextPayout(date(c.from), decimal.RequireFromString(c.min), c.balance, c.horizon)
		if c.date == "" {
			if ok {
				t.Errorf("%s: payout %v; want none", c.name, run)
			}
			continue
		}
		if !ok || run != (Run{date(c.date), date(c.cutoff)}) {
			t.Errorf("%s: payout %s cutoff %s (ok %v); want %s cutoff %s", c.name,
				run.Date.Format(DateLayout), run.Cutoff.Format(DateLayout), ok, c.date, c.cutoff)
		}
	}
}

func TestScheduleNextPayoutLooksHorizonRuns(t *testing.T) {
	var cutoffs []string
	balance := func(cutoff time.Time) decimal.Decimal {
		cutoffs = append(cutoffs, cutoff.Format(DateLayout))
		return decimal.Zero
	}
	if run, ok := mustSchedule(t, "M+1@21").NextPayout(date("2026-11-22"), decimal.NewFromInt(1), balance, 3); ok {
		t.Errorf("a zero balance paid out: %v", run)
	}
	want := []string{"2026-11-30", "2026-12-31", "2027-01-31"}
	if !slices.Equal(cutoffs, want) {
		t.Errorf("balances asked at %v; want %v", cutoffs, want)
	}
	if _, ok := mustSchedule(t, "AUTO").NextPayout(date("2026-11-22"), decimal.Zero, nil, 3); ok {
		t.Error("a payout without a balance")
	}
}

func TestParseHold(t *testing.T) {
	for _, c := range []struct {
		days, basis string
		want        Hold
		text        string
	}{
		{"", "", Hold{}, ""},
		{"7", "sale", Hold{7, HoldSale}, "7 days from sale"},
		{"15", "delivery", Hold{15, HoldDelivery}, "15 days from delivery"},
		{"30", "lock", Hold{30, HoldLock}, "30 days from lock"},
		{" 5 ", " method-change ", Hold{5, HoldMethodChange}, "5 days from method-change"},
		{"1", "delivery", Hold{1, HoldDelivery}, "1 day from delivery"},
		{"7", "", Hold{7, HoldSale}, "7 days from sale"},
		{"0", "", Hold{0, HoldSale}, ""},
		{"3650", "sale", Hold{3650, HoldSale}, "3650 days from sale"},
	} {
		got, err := ParseHold(c.days, c.basis)
		if err != nil || got != c.want || got.String() != c.text {
			t.Errorf("ParseHold(%q, %q) = %#v %q, %v; want %#v %q", c.days, c.basis, got, got.String(), err, c.want, c.text)
		}
	}
	if got := (Hold{Days: 5}).String(); got != "5 days" {
		t.Errorf("a hold without basis prints %q", got)
	}
	for _, c := range []struct{ days, basis, want string }{
		{"-1", "sale", `invalid: hold_days "-1" is not a number of days from 0 to 3650`},
		{"7.5", "", `invalid: hold_days "7.5" is not a number of days from 0 to 3650`},
		{"+7", "", `invalid: hold_days "+7" is not a number of days from 0 to 3650`},
		{"seven", "sale", `invalid: hold_days "seven" is not a number of days from 0 to 3650`},
		{"3651", "sale", `invalid: hold_days "3651" is not a number of days from 0 to 3650`},
		{"99999999999999999999", "", `invalid: hold_days "99999999999999999999" is not a number of days from 0 to 3650`},
		{"", "sale", `invalid: hold_basis "sale" without hold_days`},
		{"7", "shipping", `invalid: hold_basis "shipping" is not one of sale, delivery, lock, method-change`},
		{"7", "Sale", `invalid: hold_basis "Sale" is not one of sale, delivery, lock, method-change`},
	} {
		got, err := ParseHold(c.days, c.basis)
		if err == nil || err.Error() != c.want || !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseHold(%q, %q) = %v, %v; want error %s", c.days, c.basis, got, err, c.want)
		}
	}
}

func TestHoldClears(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	for _, c := range []struct {
		hold        Hold
		day, clears string
		asOf        time.Time
		wantCleared bool
	}{
		{Hold{7, HoldSale}, "2026-11-10", "2026-11-17", date("2026-11-16"), false},
		{Hold{7, HoldSale}, "2026-11-10", "2026-11-17", date("2026-11-17"), true}, // the clearing day counts
		{Hold{7, HoldSale}, "2026-11-10", "2026-11-17", date("2026-11-18"), true},
		{Hold{7, HoldSale}, "2026-11-10", "2026-11-17", time.Date(2026, 11, 17, 23, 0, 0, 0, est), true},
		{Hold{7, HoldSale}, "2026-11-10", "2026-11-17", time.Date(2026, 11, 16, 23, 0, 0, 0, est), false},
		{Hold{15, HoldDelivery}, "2026-12-20", "2027-01-04", date("2027-01-03"), false},
		{Hold{15, HoldDelivery}, "2026-12-20", "2027-01-04", date("2027-01-04"), true},
		{Hold{1, HoldSale}, "2028-02-28", "2028-02-29", date("2028-02-29"), true},
		{Hold{1, HoldSale}, "2027-02-28", "2027-03-01", date("2027-02-28"), false},
		{Hold{30, HoldLock}, "2026-01-31", "2026-03-02", date("2026-03-01"), false},
		{Hold{}, "2026-11-10", "2026-11-10", date("2026-11-10"), true},
		{Hold{}, "2026-11-10", "2026-11-10", date("2026-11-09"), false},
	} {
		got := c.hold.Clears(date(c.day))
		if got != date(c.clears) || !midnightUTC(got) {
			t.Errorf("%v from %s clears %v; want %s", c.hold, c.day, got, c.clears)
		}
		if ok := c.hold.Cleared(date(c.day), c.asOf); ok != c.wantCleared {
			t.Errorf("%v from %s cleared on %v: %v; want %v", c.hold, c.day, c.asOf, ok, c.wantCleared)
		}
	}
}

func FuzzParseSchedule(f *testing.F) {
	for _, s := range []string{
		"", " ", "M+1@21", "M+2@EOM", "M+3@7", "M+1@15", "M+1@20", "M+0@eom", "M+12@31", "SM@1,15",
		"SM@1,15|AUTO", "sm@15,eom", "MD@5|REQ", "W@FRI", "w@sun", "D", "AUTO", "REQ", "INSTANT",
		"M+1@32", "M+13@1", "M+@1", "M+1", "SM@1", "SM@31,EOM", "SM@1,15|", "|", "||", "@", "AUTO@3",
		"W@FRIDAY", "M+99999999999999999999@1", "SM@,", "\x00", "ſM@1,15", "W@ſun", "M+1@21 | SM@1,15 | REQ",
	} {
		f.Add(s)
	}
	froms := []time.Time{date("2026-11-10"), date("2027-12-31"), date("2028-02-29"), date("2026-11-14")}
	f.Fuzz(func(t *testing.T, s string) {
		ss, err := ParseSchedule(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseSchedule(%q): %v does not wrap ErrInvalid", s, err)
			}
			return
		}
		again, err := ParseSchedule(ss.String())
		if err != nil || !reflect.DeepEqual(again, ss) || again.String() != ss.String() {
			t.Fatalf("ParseSchedule(%q) = %#v, printed %q, parsed again %#v, %v", s, ss, ss.String(), again, err)
		}
		for _, sc := range ss {
			for _, from := range froms {
				run, ok := sc.NextRun(from)
				if ok != (sc.Kind != Instant) {
					t.Fatalf("%s from %v: ok %v", sc, from, ok)
				}
				if ok && (run.Date.Before(from) || run.Date.Sub(from) > 62*24*time.Hour || run.Cutoff.After(run.Date) ||
					!midnightUTC(run.Date) || !midnightUTC(run.Cutoff)) {
					t.Fatalf("%s from %v: run %v cutoff %v", sc, from, run.Date, run.Cutoff)
				}
			}
		}
	})
}
