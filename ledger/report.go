package ledger

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Period is how a report groups dates.
type Period string

// The report periods.
const (
	ByMonth   Period = "month"
	ByQuarter Period = "quarter"
	ByYear    Period = "year"
)

// Valid reports whether p is month, quarter or year.
func (p Period) Valid() bool { return p == ByMonth || p == ByQuarter || p == ByYear }

// Label names the period that contains a "YYYY-MM" month: 2026-09,
// 2026-Q3 or 2026.
func (p Period) Label(month string) string {
	switch p {
	case ByYear:
		return month[:4]
	case ByQuarter:
		m, _ := strconv.Atoi(month[5:7])
		return month[:4] + "-Q" + strconv.Itoa((m+2)/3)
	default:
		return month
	}
}

// IncomeQuery selects and groups the income report.
type IncomeQuery struct {
	From, To time.Time // inclusive dates; zero means open-ended
	By       Period
	Platform string
	Statuses []Status // only entries with one of these statuses; none means every status
	// Currency, when set, converts every amount to it at the ECB rate of
	// its date (RateTable.PerEUR); amounts without a rate are left out and
	// named in IncomeResult.Missing.
	Currency string
	// Basis paid counts income on the day its money reached the bank
	// (paid.go); earned, or empty, on the day it was earned.
	Basis Basis
}

// incomeClass is an entry class of income, as the income report reads it.
type incomeClass struct {
	platform, program, currency string
	kind                        Kind
}

// MissingRate is a currency and day without an ECB rate (nor one in the
// seven days before), and how many entries it left out of a converted
// report.
type MissingRate struct {
	Currency string
	Date     time.Time
	Entries  int64
}

// IncomeResult is the income report with what a conversion left out.
type IncomeResult struct {
	Rows    []IncomeRow
	Missing []MissingRate // by currency and date
	LeftOut int64         // entries left out for want of a rate
}

// IncomeRow is one line of the income report.
type IncomeRow struct {
	Period   string
	Platform string
	Program  string
	Currency string
	Amount   decimal.Decimal // the sum of ByStatus
	// ByStatus is the amount per status of the entries that count, with a
	// key for each status that has entries in the row (even if they add
	// up to zero).
	ByStatus map[Status]decimal.Decimal
}

// Income sums income (earnings, reversals and adjustments, on the date they
// were earned) per period, platform, program and currency, and within each
// row per status. A reversal counts whatever its status (a reversal marked
// reversed is still money taken back); an earning or adjustment whose
// status is reversed no longer counts. Rows are sorted by period, platform,
// program and currency; amounts in different currencies are never added.
func (db *DB) Income(ctx context.Context, q IncomeQuery) ([]IncomeRow, error) {
	res, err := db.IncomeIn(ctx, q)
	return res.Rows, err
}

// IncomeIn is Income with what a conversion to q.Currency left out. Each
// day's amounts are converted at that day's rate (all its entries share
// the date); sums keep the conversion's 12 decimals, and only reports
// round them, for display.
func (db *DB) IncomeIn(ctx context.Context, q IncomeQuery) (IncomeResult, error) {
	var res IncomeResult
	if !q.By.Valid() {
		return res, fmt.Errorf("%w: period %q is not month, quarter or year", ErrInvalid, q.By)
	}
	if q.Basis != "" && !q.Basis.Valid() {
		return res, fmt.Errorf("%w: basis %q is not earned or paid", ErrInvalid, q.Basis)
	}
	rates, err := db.ratesFor(ctx, q.Currency)
	if err != nil {
		return res, err
	}
	rows, missing, left, err := db.income(ctx, q, rates)
	res.Rows, res.LeftOut = rows, left
	for k, n := range missing {
		res.Missing = append(res.Missing, MissingRate{Currency: k.currency, Date: dateOfDay(k.day), Entries: n})
	}
	sort.Slice(res.Missing, func(i, j int) bool {
		a, b := res.Missing[i], res.Missing[j]
		return a.Currency < b.Currency || a.Currency == b.Currency && a.Date.Before(b.Date)
	})
	return res, err
}

type missingKey struct {
	currency string
	day      int64
}

func (db *DB) income(ctx context.Context, q IncomeQuery, rates *RateTable) ([]IncomeRow, map[missingKey]int64, int64, error) {
	missing := map[missingKey]int64{}
	var leftOut int64
	var wanted [8]bool // by status code; all true when q.Statuses is empty
	for _, s := range q.Statuses {
		if !s.Valid() {
			return nil, nil, 0, fmt.Errorf("%w: status %q is not one of %v", ErrInvalid, s, Statuses)
		}
		wanted[s.code()] = true
	}
	if len(q.Statuses) == 0 {
		for i := range wanted {
			wanted[i] = true
		}
	}
	// The classes that count, by id: income kinds, on the platform asked.
	type class = incomeClass
	// One read transaction, so the classes and the totals agree even while
	// an import commits new classes.
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, 0, fmt.Errorf("income report: %w", err)
	}
	defer tx.Rollback()
	classes := map[int64]class{}
	crows, err := tx.QueryContext(ctx, `SELECT id, platform, program, currency, kind FROM entry_classes
		WHERE kind IN ('earning', 'reversal', 'adjustment') AND (?1 = '' OR platform = ?1)`, q.Platform)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("income report: %w", err)
	}
	for crows.Next() {
		var id int64
		var c class
		if err := crows.Scan(&id, &c.platform, &c.program, &c.currency, &c.kind); err != nil {
			crows.Close()
			return nil, nil, 0, fmt.Errorf("income report: %w", err)
		}
		classes[id] = c
	}
	if err := crows.Close(); err != nil {
		return nil, nil, 0, fmt.Errorf("income report: %w", err)
	}
	// The days' totals (daily_totals: a row a day, its groups as JSON),
	// read here rather than through daily_totals_view, which costs SQLite
	// a JSON parse per group: for 54,000 groups 0.2 s against 0.07 s.
	from, to := int64(0), int64(99991231)
	if !q.From.IsZero() {
		from = dayNumber(q.From)
	}
	if !q.To.IsZero() {
		to = dayNumber(q.To)
	}
	// Payments that settle a sponsorship invoice are counted once, as the
	// invoice: their amounts come off their day's totals.
	settled, err := settledIncome(ctx, tx, from, to)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("income report: %w", err)
	}
	monthly := map[incomeKey]int64{}
	converted := map[incomeKey]decimal.Decimal{} // with rates: the sums in q.Currency
	counted := map[incomeKey]int64{}             // entries; 0 when settled payments were all there was
	each := func(fn func(day int64, groups []totalRow) error) error {
		if q.Basis == BasisPaid {
			return db.eachPaidDay(ctx, tx, q, classes, fn)
		}
		return eachIncomeDay(ctx, tx, from, to, settled, fn)
	}
	err = each(func(day int64, groups []totalRow) error {
		for _, g := range groups {
			status := g.key.statusCode()
			if !wanted[status] {
				continue
			}
			c, ok := classes[g.key.class()]
			if !ok || !c.kind.Counts(statusOf(status)) {
				continue
			}
			k := incomeKey{day / 100, g.key.class(), status}
			counted[k] += g.entries
			if rates != nil {
				v, _, ok := rates.Convert(FromMicro(g.amount), c.currency, q.Currency, dateOfDay(day))
				if !ok {
					missing[missingKey{c.currency, day}] += g.entries
					leftOut += g.entries
					continue
				}
				converted[k] = converted[k].Add(v)
				continue
			}
			sum, ok := addMicro(monthly[k], g.amount)
			if !ok {
				return fmt.Errorf("%d: %w", day/100, ErrAmountRange)
			}
			monthly[k] = sum
		}
		return nil
	})
	if err != nil {
		return nil, nil, 0, fmt.Errorf("income report: %w", err)
	}
	for k, n := range counted {
		if n == 0 { // payments that settle invoices, and nothing else
			delete(monthly, k)
			delete(converted, k)
		}
	}
	type rowKey struct{ period, platform, program, currency string }
	type rowSums struct {
		total    int64
		byStatus map[Status]int64
	}
	if rates != nil {
		return convertedRows(q, converted, func(class int64) (string, string) {
			return classes[class].platform, classes[class].program
		}), missing, leftOut, nil
	}
	sums := map[rowKey]*rowSums{}
	for k, sum := range monthly {
		c := classes[k.class]
		r := rowKey{q.By.Label(fmt.Sprintf("%04d-%02d", k.month/100, k.month%100)), c.platform, c.program, c.currency}
		rs := sums[r]
		if rs == nil {
			rs = &rowSums{byStatus: map[Status]int64{}}
			sums[r] = rs
		}
		status := statusOf(k.status)
		total, ok1 := addMicro(rs.total, sum)
		bySt, ok2 := addMicro(rs.byStatus[status], sum)
		if !ok1 || !ok2 {
			return nil, nil, 0, fmt.Errorf("income report: %s %s %s %s: %w", r.period, r.platform, r.program, r.currency, ErrAmountRange)
		}
		rs.total, rs.byStatus[status] = total, bySt
	}
	out := make([]IncomeRow, 0, len(sums))
	for k, rs := range sums {
		by := make(map[Status]decimal.Decimal, len(rs.byStatus))
		for s, v := range rs.byStatus {
			by[s] = FromMicro(v)
		}
		out = append(out, IncomeRow{Period: k.period, Platform: k.platform, Program: k.program, Currency: k.currency,
			Amount: FromMicro(rs.total), ByStatus: by})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Period != b.Period {
			return a.Period < b.Period
		}
		if a.Platform != b.Platform {
			return a.Platform < b.Platform
		}
		if a.Program != b.Program {
			return a.Program < b.Program
		}
		return a.Currency < b.Currency
	})
	return out, missing, leftOut, nil
}

// ratesFor loads the rates a report converting to currency needs: nil
// when it converts nothing ("").
func (db *DB) ratesFor(ctx context.Context, currency string) (*RateTable, error) {
	if currency == "" {
		return nil, nil
	}
	if !ValidCurrency(currency) {
		return nil, fmt.Errorf("%w: currency %q is not an ISO 4217 code", ErrInvalid, currency)
	}
	return db.LoadRates(ctx)
}

// eachIncomeDay calls fn with the daily totals of every day from day from
// to day to, with the settled payments' negative totals added to their day.
func eachIncomeDay(ctx context.Context, tx *sql.Tx, from, to int64, settled map[int64][]totalRow, fn func(day int64, groups []totalRow) error) error {
	return eachDayTotals(ctx, tx, from, to, func(day int64, groups []totalRow) error {
		return fn(day, append(groups, settled[day]...))
	})
}

// addMicro adds two micro-unit sums, reporting overflow.
func addMicro(a, b int64) (int64, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}
