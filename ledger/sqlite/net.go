package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// Net sums, per period, platform and currency, the income (as the income
// report counts it: earnings, reversals and adjustments that still count,
// less payments that settle an invoice), the fees and the expenses, and
// their net. Payouts and transfers move money without earning or costing
// any and are left out. It reads the daily totals, not the entries.
func (db *DB) Net(ctx context.Context, q ledger.NetQuery) (ledger.NetResult, error) {
	var res ledger.NetResult
	if !q.By.Valid() {
		return res, fmt.Errorf("%w: period %q is not month, quarter or year", ledger.ErrInvalid, q.By)
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
		from = ledger.DayNumber(q.From)
	}
	if !q.To.IsZero() {
		to = ledger.DayNumber(q.To)
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
	missing := map[ledger.MissingKey]int64{}
	err = eachIncomeDay(ctx, tx, from, to, settled, func(day int64, groups []totalRow) error {
		for _, g := range groups {
			c, ok := classes[g.key.class()]
			if !ok || q.Platform != "" && c.platform != q.Platform || !c.kind.Counts(ledger.StatusOf(g.key.statusCode())) {
				continue
			}
			var field func(*sums) *decimal.Decimal
			switch {
			case c.kind.IsIncome():
				field = func(s *sums) *decimal.Decimal { return &s.income }
			case c.kind == ledger.KindFee:
				field = func(s *sums) *decimal.Decimal { return &s.fees }
			case c.kind == ledger.KindExpense:
				field = func(s *sums) *decimal.Decimal { return &s.expenses }
			default:
				continue
			}
			v, cur := ledger.FromMicro(g.amount), c.currency
			if rates != nil {
				conv, _, ok := rates.Convert(v, c.currency, q.Currency, ledger.DateOfDay(day))
				if !ok {
					missing[ledger.MissingKey{Currency: c.currency, Day: day}] += g.entries
					res.LeftOut += g.entries
					continue
				}
				v, cur = conv, q.Currency
			}
			k := key{q.By.Label(ledger.MonthLabel(day / 100)), c.platform, cur}
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
	minor := func(cur string) int32 { return int32(ledger.MinorUnits(cur)) }
	for k, s := range acc {
		r := ledger.NetRow{Period: k.period, Platform: k.platform, Currency: k.currency, Income: s.income, Fees: s.fees, Expenses: s.expenses}
		if rates != nil { // converted: each figure rounded for display, the net their sum
			r.Income, r.Fees, r.Expenses = r.Income.RoundBank(minor(k.currency)), r.Fees.RoundBank(minor(k.currency)), r.Expenses.RoundBank(minor(k.currency))
		}
		r.Net = r.Income.Add(r.Fees).Add(r.Expenses)
		res.Rows = append(res.Rows, r)
	}
	slices.SortFunc(res.Rows, func(a, b ledger.NetRow) int {
		return cmp.Or(cmp.Compare(a.Period, b.Period), cmp.Compare(a.Platform, b.Platform), cmp.Compare(a.Currency, b.Currency))
	})
	for k, n := range missing {
		res.Missing = append(res.Missing, ledger.MissingRate{Currency: k.Currency, Date: ledger.DateOfDay(k.Day), Entries: n})
	}
	slices.SortFunc(res.Missing, func(a, b ledger.MissingRate) int {
		return cmp.Or(cmp.Compare(a.Currency, b.Currency), a.Date.Compare(b.Date))
	})
	return res, nil
}
