package ledger

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// NetQuery selects and groups report net.
type NetQuery struct {
	From, To time.Time // inclusive; zero: open-ended
	By       Period
	Platform string
	Currency string // convert to it at the ECB rate of each day; "" keeps every currency apart
}

// NetRow is one platform's income, fees and expenses in one period and
// currency, and what is left. Fees and expenses are negative (as the
// ledger signs them); Net is their sum with the income.
type NetRow struct {
	Period, Platform, Currency  string
	Income, Fees, Expenses, Net decimal.Decimal
}

// NetResult is report net with what a conversion left out.
type NetResult struct {
	Rows    []NetRow
	Missing []MissingRate
	LeftOut int64
}

// Net sums, per period, platform and currency, the income (as the income
// report counts it: earnings, reversals and adjustments that still count,
// less payments that settle an invoice), the fees and the expenses, and
// their net. Payouts and transfers move money without earning or costing
// any and are left out. It reads the daily totals, not the entries.
func (db *DB) Net(ctx context.Context, q NetQuery) (NetResult, error) {
	var res NetResult
	if !q.By.Valid() {
		return res, fmt.Errorf("%w: period %q is not month, quarter or year", ErrInvalid, q.By)
	}
	rates, err := db.ratesFor(ctx, q.Currency)
	if err != nil {
		return res, err
	}
	classes, err := db.entryClasses(ctx)
	if err != nil {
		return res, fmt.Errorf("report net: %w", err)
	}
	from, to := int64(0), int64(99991231)
	if !q.From.IsZero() {
		from = dayNumber(q.From)
	}
	if !q.To.IsZero() {
		to = dayNumber(q.To)
	}
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return res, fmt.Errorf("report net: %w", err)
	}
	defer tx.Rollback()
	settled, err := settledIncome(ctx, tx, from, to)
	if err != nil {
		return res, fmt.Errorf("report net: %w", err)
	}
	type key struct{ period, platform, currency string }
	type sums struct{ income, fees, expenses decimal.Decimal }
	acc := map[key]*sums{}
	missing := map[missingKey]int64{}
	err = eachIncomeDay(ctx, tx, from, to, settled, func(day int64, groups []totalRow) error {
		for _, g := range groups {
			c, ok := classes[g.key.class()]
			if !ok || q.Platform != "" && c.platform != q.Platform || !c.kind.Counts(statusOf(g.key.statusCode())) {
				continue
			}
			var field func(*sums) *decimal.Decimal
			switch {
			case c.kind.IsIncome():
				field = func(s *sums) *decimal.Decimal { return &s.income }
			case c.kind == KindFee:
				field = func(s *sums) *decimal.Decimal { return &s.fees }
			case c.kind == KindExpense:
				field = func(s *sums) *decimal.Decimal { return &s.expenses }
			default:
				continue
			}
			v, cur := FromMicro(g.amount), c.currency
			if rates != nil {
				conv, _, ok := rates.Convert(v, c.currency, q.Currency, dateOfDay(day))
				if !ok {
					missing[missingKey{c.currency, day}] += g.entries
					res.LeftOut += g.entries
					continue
				}
				v, cur = conv, q.Currency
			}
			k := key{q.By.Label(monthLabel(day / 100)), c.platform, cur}
			s := acc[k]
			if s == nil {
				s = &sums{}
				acc[k] = s
			}
			*field(s) = field(s).Add(v)
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("report net: %w", err)
	}
	minor := func(cur string) int32 { return int32(MinorUnits(cur)) }
	for k, s := range acc {
		r := NetRow{Period: k.period, Platform: k.platform, Currency: k.currency, Income: s.income, Fees: s.fees, Expenses: s.expenses}
		if rates != nil { // converted: each figure rounded for display, the net their sum
			r.Income, r.Fees, r.Expenses = r.Income.RoundBank(minor(k.currency)), r.Fees.RoundBank(minor(k.currency)), r.Expenses.RoundBank(minor(k.currency))
		}
		r.Net = r.Income.Add(r.Fees).Add(r.Expenses)
		res.Rows = append(res.Rows, r)
	}
	slices.SortFunc(res.Rows, func(a, b NetRow) int {
		return cmp.Or(cmp.Compare(a.Period, b.Period), cmp.Compare(a.Platform, b.Platform), cmp.Compare(a.Currency, b.Currency))
	})
	for k, n := range missing {
		res.Missing = append(res.Missing, MissingRate{Currency: k.currency, Date: dateOfDay(k.day), Entries: n})
	}
	slices.SortFunc(res.Missing, func(a, b MissingRate) int {
		return cmp.Or(cmp.Compare(a.Currency, b.Currency), a.Date.Compare(b.Date))
	})
	return res, nil
}
