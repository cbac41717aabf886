package ledger

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
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

// notBalances are platforms whose entries no platform holds for the
// creator: sponsorship invoices are owed by brands (report invoices).
var notBalances = map[string]bool{"sponsorship": true}

// dayAmounts are one day's movements of a balance, in micro-units.
type dayAmounts struct {
	day      int64
	holdable int64 // approved earnings and adjustments: count once past their hold
	other    int64 // fees, expenses, transfers, reversals: count at once
	payout   int64 // payouts made: the balance is lower by them from then on
}

// balanceAcc gathers one balance in one currency.
type balanceAcc struct {
	days        []dayAmounts
	pending     int64           // estimated or pending
	monthly     map[int64]int64 // YYYYMM: income earned (any status but reversed)
	estimated   int64           // estimated income in months before the as-of month
	estimatedIn []string        // those months
	mapped      bool            // it holds money of another platform or program (BalanceMap)
}

type balanceKey struct {
	Balance
	currency string
}

// PendingPayouts computes, for every balance a platform keeps, what can be
// withdrawn, what is pending, the threshold rule that applies and when the
// payout should come. It reads the daily totals, not the entries.
func (db *DB) PendingPayouts(ctx context.Context, q PendingQuery) (PendingReport, error) {
	asOf := today(q.AsOf)
	rep := PendingReport{AsOf: asOf}
	var err error
	if rep.Profile, err = db.Profile(ctx); err != nil {
		return rep, err
	}
	rules, err := db.Rules(ctx)
	if err != nil {
		return rep, err
	}
	bmap, err := ShippedBalances()
	if err != nil {
		return rep, err
	}
	bmap = bmap.WithRules(rules)
	classes, err := db.entryClasses(ctx)
	if err != nil {
		return rep, fmt.Errorf("payouts pending: %w", err)
	}
	type classBalance struct {
		key    balanceKey
		kind   Kind
		mapped bool // the class's platform and program are not the balance's
	}
	// --platform youtube: the whole balance YouTube's money is in.
	wanted := map[Balance]bool{}
	for _, c := range classes {
		if b := bmap.Of(c.platform, c.program); q.Platform == "" || q.Platform == c.platform || q.Platform == b.Platform {
			wanted[b] = true
		}
	}
	byClass := map[int64]classBalance{}
	for id, c := range classes {
		b := bmap.Of(c.platform, c.program)
		if IsBank(c.platform) || notBalances[c.platform] || !wanted[b] {
			continue
		}
		byClass[id] = classBalance{balanceKey{b, c.currency}, c.kind, b != Balance{c.platform, c.program}}
	}
	accs := map[balanceKey]*balanceAcc{}
	asOfDay, asOfMonth := dayNumber(asOf), dayNumber(asOf)/100
	err = db.eachTotal(ctx, 0, asOfDay, func(g totalRow) error {
		cb, ok := byClass[g.key.class()]
		if !ok {
			return nil
		}
		a := accs[cb.key]
		if a == nil {
			a = &balanceAcc{monthly: map[int64]int64{}}
			accs[cb.key] = a
		}
		a.mapped = a.mapped || cb.mapped
		day, status := g.key.day(), statusOf(g.key.statusCode())
		var d dayAmounts
		switch {
		case !cb.kind.Counts(status):
			return nil // reversed by the platform: neither owed nor paid
		case cb.kind == KindPayout:
			d.payout = g.amount
		case status == StatusEstimated || status == StatusPending:
			a.pending += g.amount
		case cb.kind == KindEarning || cb.kind == KindAdjustment:
			if status == StatusPaid {
				break // the platform says it paid it out
			}
			d.holdable = g.amount
		default:
			d.other = g.amount
		}
		if cb.kind.IsIncome() {
			a.monthly[day/100] += g.amount
			if status == StatusEstimated && day/100 < asOfMonth {
				a.estimated += g.amount
				if m := monthLabel(day / 100); !slices.Contains(a.estimatedIn, m) {
					a.estimatedIn = append(a.estimatedIn, m)
				}
			}
		}
		if d != (dayAmounts{}) {
			if n := len(a.days); n > 0 && a.days[n-1].day == day {
				a.days[n-1].holdable += d.holdable
				a.days[n-1].other += d.other
				a.days[n-1].payout += d.payout
			} else {
				d.day = day
				a.days = append(a.days, d)
			}
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("payouts pending: %w", err)
	}
	// Deposits that stand for a payout never imported lower the balance
	// on their day, as the payout would have.
	stands, err := db.standIns(ctx, asOfDay)
	if err != nil {
		return rep, fmt.Errorf("payouts pending: %w", err)
	}
	for _, s := range stands {
		a := accs[s.key]
		if a == nil {
			if !wanted[s.key.Balance] {
				continue
			}
			a = &balanceAcc{monthly: map[int64]int64{}}
			accs[s.key] = a
		}
		i, found := slices.BinarySearchFunc(a.days, s.day, func(d dayAmounts, day int64) int { return cmp.Compare(d.day, day) })
		if !found {
			a.days = slices.Insert(a.days, i, dayAmounts{day: s.day})
		}
		a.days[i].payout -= s.amount
	}

	// A balance is paid in one currency: the reporting currency when the
	// platform has a rule for it, else its only one.
	byBalance := map[Balance][]string{}
	for k := range accs {
		byBalance[k.Balance] = append(byBalance[k.Balance], k.currency)
	}
	for b, curs := range byBalance {
		sort.Strings(curs)
		payIn := payoutCurrency(rules, b, rep.Profile, curs)
		for _, cur := range curs {
			row, instant := pendingRow(rules, bmap, b, cur, payIn, rep.Profile, accs[balanceKey{b, cur}], asOf)
			if instant {
				rep.Notes = append(rep.Notes, fmt.Sprintf("%s/%s pays at the time of each sale and holds no balance: not listed", b.Platform, b.Program))
				continue
			}
			rep.Rows = append(rep.Rows, row)
		}
	}
	slices.SortFunc(rep.Rows, func(a, b PendingRow) int {
		return cmp.Or(cmp.Compare(a.Platform, b.Platform), cmp.Compare(a.Program, b.Program), cmp.Compare(a.Currency, b.Currency))
	})
	sort.Strings(rep.Notes)
	rep.Notes = slices.Compact(rep.Notes)
	return rep, nil
}

// payoutCurrency is the currency balance b is paid in, by its rules: the
// reporting currency when a rule is in it, else the one currency the rules
// name, else the one of the balance's currencies that a rule names; "" when
// every currency is its own (rules for "*") or it cannot be told.
func payoutCurrency(rules []Rule, b Balance, p Profile, curs []string) string {
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

// pendingRow works out one balance in one currency. instant reports a
// balance whose platform pays at the sale: it has no row.
func pendingRow(rules []Rule, bmap BalanceMap, b Balance, cur, payIn string, p Profile, a *balanceAcc, asOf time.Time) (row PendingRow, instant bool) {
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
	if n := bmap.Notes(b); n != "" && a.mapped {
		row.Notes = append(row.Notes, n)
	}

	asOfDay := dayNumber(asOf)
	var w, held int64
	for _, d := range a.days {
		w += d.other + d.payout
		if dayNumber(rule.Hold.Clears(dateOfDay(d.day))) <= asOfDay {
			w += d.holdable
		} else {
			held += d.holdable
		}
	}
	row.Withdrawable, row.Pending = FromMicro(w), FromMicro(a.pending+held)
	if a.estimated != 0 {
		months := strings.Join(a.estimatedIn, ", ")
		if n := len(a.estimatedIn); n > 3 {
			months = fmt.Sprintf("%d months, %s to %s", n, a.estimatedIn[0], a.estimatedIn[n-1])
		}
		row.Notes = append(row.Notes, fmt.Sprintf("%s %s of it is still estimated for %s: import the platform's final figures to make it withdrawable",
			FormatAmount(FromMicro(a.estimated), cur), cur, months))
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
				c := dayNumber(cutoff)
				var s int64
				for _, d := range a.days {
					s += d.payout
					if d.day <= c {
						s += d.other
						if dayNumber(rule.Hold.Clears(dateOfDay(d.day))) <= c {
							s += d.holdable
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
		earned += a.monthly[dayNumber(m.AddDate(0, -i, 0))/100]
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

// dateOfDay is the date of a day number (20260930).
func dateOfDay(day int64) time.Time {
	return time.Date(int(day/10000), time.Month(day/100%100), int(day%100), 0, 0, 0, 0, time.UTC)
}

// monthLabel is YYYYMM as "2026-09".
func monthLabel(month int64) string { return fmt.Sprintf("%04d-%02d", month/100, month%100) }

func orAny(s string) string {
	if s == "" {
		return "not set"
	}
	return s
}

// standIn is a bank deposit that stands for a payout of a balance.
type standIn struct {
	key         balanceKey
	day, amount int64
}

// standIns reads the deposits up to day to that stand for a payout.
func (db *DB) standIns(ctx context.Context, to int64) ([]standIn, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT e.day, m.platform, m.program, m.currency, m.amount FROM matches m JOIN entries e ON e.id = m.entry_id
		WHERE m.kind = 1 AND m.target_id = 0 AND m.origin IN (1, 2) AND e.day <= ? ORDER BY e.day`, to)
	if isNoTable(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []standIn
	for rows.Next() {
		var s standIn
		if err := rows.Scan(&s.day, &s.key.Platform, &s.key.Program, &s.key.currency, &s.amount); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
