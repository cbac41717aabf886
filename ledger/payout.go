package ledger

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// PayoutStatus says where a balance stands against its threshold.
type PayoutStatus string

// The statuses of a pending payout (DESIGN.md, payouts pending).
const (
	Payable        PayoutStatus = "payable"
	BelowThreshold PayoutStatus = "below-threshold"
	NoThreshold    PayoutStatus = "no-threshold"
)

// PendingQuery selects the balances of payouts pending.
type PendingQuery struct {
	AsOf     time.Time // the day the balances are taken at (inclusive)
	Platform string    // "" for every platform; else the balance's or the entries' platform
}

// PendingRow is one balance a platform keeps for the creator, in one
// currency, against the threshold rule that applies to it.
type PendingRow struct {
	Platform, Program, Currency string
	// Withdrawable is what is approved and past its hold, less what was
	// paid out; Pending is what is estimated, pending or still held.
	Withdrawable, Pending decimal.Decimal
	// Threshold is the rule's minimum payout (HasThreshold false when none
	// applies), Remaining what the withdrawable balance lacks to reach it.
	Threshold, Remaining decimal.Decimal
	HasThreshold         bool
	Status               PayoutStatus
	// NextPayout is the day the schedule pays next (zero when it cannot be
	// told), ETA the month the threshold is reached at the earning rate of
	// the last three complete months (zero when the balance is not below
	// it, or nothing was earned).
	NextPayout, ETA time.Time
	Confidence      string // the rule's; "" without a rule
	Rule            string // the rule chosen and why; "" without one
	Schedule        string // the rule's schedule, as written
	Notes           []string
}

// PendingReport is payouts pending: the rows and what applies to all.
type PendingReport struct {
	AsOf    time.Time
	Profile Profile
	Rows    []PendingRow
	Notes   []string
}

// NotBalances are platforms whose entries no platform holds for the
// creator: sponsorship invoices are owed by brands (report invoices).
var NotBalances = map[string]bool{"sponsorship": true}

// DayAmounts are one day's movements of a balance, in micro-units.
type DayAmounts struct {
	Day      int64
	Holdable int64 // approved earnings and adjustments: count once past their hold
	Other    int64 // fees, expenses, transfers, reversals: count at once
	Payout   int64 // payouts made: the balance is lower by them from then on
}

// BalanceAcc gathers one balance in one currency.
type BalanceAcc struct {
	Days        []DayAmounts
	Pending     int64           // estimated or pending
	Monthly     map[int64]int64 // YYYYMM: income earned (any status but reversed)
	Estimated   int64           // estimated income in months before the as-of month
	EstimatedIn []string        // those months
	Mapped      bool            // it holds money of another platform or program (BalanceMap)
}

// BalanceKey is one balance in one currency: a row of payouts pending.
type BalanceKey struct {
	Balance
	Currency string
}

// PayoutCurrency is the currency balance b is paid in, by its rules: the
// reporting currency when a rule is in it, else the one currency the rules
// name, else the one of the balance's currencies that a rule names; "" when
// every currency is its own (rules for "*") or it cannot be told.
func PayoutCurrency(rules []Rule, b Balance, p Profile, curs []string) string {
	var named []string
	overridden := false
	for _, r := range rules {
		if r.Platform != b.Platform || r.Program != b.Program || r.Currency == "*" {
			continue
		}
		if r.Override() && !overridden {
			named, overridden = nil, true // the creator's rules decide
		}
		if overridden && !r.Override() {
			continue
		}
		if r.Override() || r.Country == "*" || r.Country == p.Country {
			if !slices.Contains(named, r.Currency) {
				named = append(named, r.Currency)
			}
		}
	}
	switch {
	case len(named) == 0:
		return ""
	case p.Currency != "" && slices.Contains(named, p.Currency):
		return p.Currency
	case len(named) == 1:
		return named[0]
	}
	var in []string
	for _, c := range curs {
		if slices.Contains(named, c) {
			in = append(in, c)
		}
	}
	if len(in) == 1 {
		return in[0]
	}
	return ""
}

// PendingRowOf works out one balance in one currency. instant reports a
// balance whose platform pays at the sale: it has no row.
func PendingRowOf(rules []Rule, bmap BalanceMap, b Balance, cur, payIn string, p Profile, a *BalanceAcc, asOf time.Time) (row PendingRow, instant bool) {
	row = PendingRow{Platform: b.Platform, Program: b.Program, Currency: cur, Status: NoThreshold}
	q := RuleQuery{Platform: b.Platform, Program: b.Program, Country: p.Country, Currency: cur, Method: p.Method(b.Platform)}
	choice, found := ChooseRule(rules, q)
	if payIn != "" && payIn != cur {
		found = false
		row.Notes = append(row.Notes, fmt.Sprintf("the %s/%s threshold is in %s: amounts in %s are not converted nor added to it (if this balance is paid in %s: creatorledger thresholds set %s %s AMOUNT %s)",
			b.Platform, b.Program, payIn, cur, cur, b.Platform, b.Program, cur))
	}
	var rule Rule
	if found {
		rule = choice.Rule
		if len(rule.Schedule) > 0 && rule.Schedule[0].Kind == Instant {
			return row, true
		}
		row.Confidence, row.Rule, row.Schedule = rule.Confidence, rule.Describe()+": "+choice.Why, rule.Schedule.String()
	} else if payIn == "" || payIn == cur {
		row.Notes = append(row.Notes, fmt.Sprintf("no threshold rule for %s/%s in %s (country %s): set one with creatorledger thresholds set %s %s AMOUNT %s",
			b.Platform, b.Program, cur, orAny(p.Country), b.Platform, b.Program, cur))
	}
	if n := bmap.Notes(b); n != "" && a.Mapped {
		row.Notes = append(row.Notes, n)
	}

	asOfDay := DayNumber(asOf)
	var w, held int64
	for _, d := range a.Days {
		w += d.Other + d.Payout
		if DayNumber(rule.Hold.Clears(DateOfDay(d.Day))) <= asOfDay {
			w += d.Holdable
		} else {
			held += d.Holdable
		}
	}
	row.Withdrawable, row.Pending = FromMicro(w), FromMicro(a.Pending+held)
	if a.Estimated != 0 {
		months := strings.Join(a.EstimatedIn, ", ")
		if n := len(a.EstimatedIn); n > 3 {
			months = fmt.Sprintf("%d months, %s to %s", n, a.EstimatedIn[0], a.EstimatedIn[n-1])
		}
		row.Notes = append(row.Notes, fmt.Sprintf("%s %s of it is still estimated for %s: import the platform's final figures to make it withdrawable",
			FormatAmount(FromMicro(a.Estimated), cur), cur, months))
	}
	if !found || !rule.HasMin {
		if found && len(rule.Schedule) > 0 && w > 0 {
			if s := rule.Schedule[0]; s.Kind != OnRequest && s.Kind != Auto {
				if run, ok := s.NextRun(asOf); ok {
					row.NextPayout = run.Date
				}
			}
		}
		if found {
			row.Notes = append(row.Notes, fmt.Sprintf("%s/%s publishes no minimum payout: set yours with creatorledger thresholds set %s %s AMOUNT %s",
				b.Platform, b.Program, b.Platform, b.Program, cur))
		}
		return row, false
	}
	row.HasThreshold, row.Threshold = true, rule.MinPayout
	min, _ := ToMicro(rule.MinPayout)
	var sched Schedule
	if len(rule.Schedule) > 0 {
		sched = rule.Schedule[0]
	}
	if w >= min && w > 0 {
		row.Status = Payable
		row.Remaining = decimal.Zero
		switch {
		case sched.Kind == 0:
		case sched.Kind == OnRequest || sched.Kind == Auto:
			row.NextPayout = asOf
		default:
			balance := func(cutoff time.Time) decimal.Decimal {
				c := DayNumber(cutoff)
				var s int64
				for _, d := range a.Days {
					s += d.Payout
					if d.Day <= c {
						s += d.Other
						if DayNumber(rule.Hold.Clears(DateOfDay(d.Day))) <= c {
							s += d.Holdable
						}
					}
				}
				return FromMicro(s)
			}
			if run, ok := sched.NextPayout(asOf, rule.MinPayout, balance, 24); ok {
				row.NextPayout = run.Date
			}
		}
		return row, false
	}
	row.Status = BelowThreshold
	row.Remaining = FromMicro(min - w)
	// The earning rate: the last three complete months before asOf's.
	m := asOf.AddDate(0, 0, 1-asOf.Day())
	var earned int64
	for i := 1; i <= 3; i++ {
		earned += a.Monthly[DayNumber(m.AddDate(0, -i, 0))/100]
	}
	if earned > 0 {
		k := (3*(min-w) + earned - 1) / earned // months at earned/3 a month, rounded up
		eta := m.AddDate(0, int(k)-1, 0)
		row.ETA = eta
		row.NextPayout = firstRunPaying(sched, eta.AddDate(0, 1, -1))

	}
	return row, false
}

// firstRunPaying is the first run of s after day that pays the earnings of
// day: for M+<n>@<day>, a run n months on. Zero when there is none.
func firstRunPaying(s Schedule, day time.Time) time.Time {
	if s.Kind == 0 {
		return time.Time{}
	}
	from := day.AddDate(0, 0, 1)
	for i := 0; i < 48; i++ {
		run, ok := s.NextRun(from)
		if !ok {
			return time.Time{}
		}
		if !run.Cutoff.Before(day) {
			return run.Date
		}
		from = run.Date.AddDate(0, 0, 1)
	}
	return time.Time{}
}

// MonthLabel is YYYYMM as "2026-09".
func MonthLabel(month int64) string { return fmt.Sprintf("%04d-%02d", month/100, month%100) }

func orAny(s string) string {
	if s == "" {
		return "not set"
	}
	return s
}

// StandIn is a bank deposit that stands for a payout of a balance.
type StandIn struct {
	Key         BalanceKey
	Day, Amount int64
}
