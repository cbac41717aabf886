package ledger

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/shopspring/decimal"
)

// Rate is an ECB euro reference rate: one euro buys PerEUR units of
// Currency on Date (a TARGET business day).
type Rate struct {
	Date     time.Time
	Currency string
	PerEUR   decimal.Decimal
}

// MaxRateAge is how many days a rate stands in for the days after it that
// have none (weekends, TARGET holidays); beyond that a rate is missing,
// never guessed.
const MaxRateAge = 7

// RatesImport counts what an import of rates did.
type RatesImport struct {
	Rates, New, Same, Changed int
	First, Last               time.Time // the range of dates in the file
}

// ImportRates stores rates in one transaction: a rate the ledger has for
// that day and currency is replaced (and counted as changed) when it
// differs.
func (db *DB) ImportRates(ctx context.Context, rates []Rate) (RatesImport, error) {
	var out RatesImport
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return out, fmt.Errorf("import rates: %w", err)
	}
	defer tx.Rollback()
	get, err := tx.PrepareContext(ctx, `SELECT rate FROM rates WHERE currency = ? AND day = ?`)
	if err != nil {
		return out, fmt.Errorf("import rates: %w", err)
	}
	defer get.Close()
	put, err := tx.PrepareContext(ctx, `INSERT INTO rates (currency, day, rate) VALUES (?, ?, ?)
		ON CONFLICT (currency, day) DO UPDATE SET rate = excluded.rate`)
	if err != nil {
		return out, fmt.Errorf("import rates: %w", err)
	}
	defer put.Close()
	for _, r := range rates {
		if r.Currency == "EUR" || !ValidCurrency(r.Currency) || !r.PerEUR.IsPositive() {
			return out, invalid("rate %s %s %s", r.Date.Format(DateLayout), r.Currency, r.PerEUR)
		}
		micro, err := ToMicro(r.PerEUR)
		if err != nil {
			return out, invalid("rate %s %s: %v", r.Date.Format(DateLayout), r.Currency, err)
		}
		day := dayNumber(r.Date)
		var old int64
		switch err := get.QueryRowContext(ctx, r.Currency, day).Scan(&old); {
		case err == nil && old == micro:
			out.Same++
		case err == nil:
			out.Changed++
		default:
			out.New++
		}
		if _, err := put.ExecContext(ctx, r.Currency, day, micro); err != nil {
			return out, fmt.Errorf("import rates: %w", err)
		}
		out.Rates++
		if out.First.IsZero() || r.Date.Before(out.First) {
			out.First = r.Date
		}
		if r.Date.After(out.Last) {
			out.Last = r.Date
		}
	}
	if err := tx.Commit(); err != nil {
		return out, fmt.Errorf("import rates: %w", err)
	}
	return out, nil
}

// RateSpan is what the ledger holds of one currency's rates.
type RateSpan struct {
	Currency    string
	First, Last time.Time
	Days        int
	LastRate    decimal.Decimal
}

// RateSpans lists, per currency, the first and last day the ledger has a
// rate for, how many days, and the latest rate.
func (db *DB) RateSpans(ctx context.Context) ([]RateSpan, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT currency, MIN(day), MAX(day), COUNT(*),
		(SELECT rate FROM rates r2 WHERE r2.currency = r.currency ORDER BY day DESC LIMIT 1)
		FROM rates r GROUP BY currency ORDER BY currency`)
	if err != nil {
		return nil, fmt.Errorf("rates: %w", err)
	}
	defer rows.Close()
	var out []RateSpan
	for rows.Next() {
		var s RateSpan
		var first, last, rate int64
		if err := rows.Scan(&s.Currency, &first, &last, &s.Days, &rate); err != nil {
			return nil, fmt.Errorf("rates: %w", err)
		}
		s.First, s.Last, s.LastRate = dateOfDay(first), dateOfDay(last), FromMicro(rate)
		out = append(out, s)
	}
	return out, rows.Err()
}

// RatesOf returns the rates of currency from..to (inclusive; zero for
// open-ended), by date.
func (db *DB) RatesOf(ctx context.Context, currency string, from, to time.Time) ([]Rate, error) {
	lo, hi := int64(0), int64(99991231)
	if !from.IsZero() {
		lo = dayNumber(from)
	}
	if !to.IsZero() {
		hi = dayNumber(to)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT day, rate FROM rates WHERE currency = ? AND day BETWEEN ? AND ? ORDER BY day`, currency, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("rates: %w", err)
	}
	defer rows.Close()
	var out []Rate
	for rows.Next() {
		var day, rate int64
		if err := rows.Scan(&day, &rate); err != nil {
			return nil, fmt.Errorf("rates: %w", err)
		}
		out = append(out, Rate{Date: dateOfDay(day), Currency: currency, PerEUR: FromMicro(rate)})
	}
	return out, rows.Err()
}

// RateTable holds the rates of some currencies in memory, for converting
// many amounts.
type RateTable struct {
	days  map[string][]int64 // currency: days with a rate, ascending
	rates map[string][]int64 // currency: the rates of those days, micro-units
}

// LoadRates reads every rate of the currencies named (all when none are).
func (db *DB) LoadRates(ctx context.Context, currencies ...string) (*RateTable, error) {
	t := &RateTable{days: map[string][]int64{}, rates: map[string][]int64{}}
	want := map[string]bool{}
	for _, c := range currencies {
		want[c] = true
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT currency, day, rate FROM rates ORDER BY currency, day`)
	if err != nil {
		return nil, fmt.Errorf("rates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cur string
		var day, rate int64
		if err := rows.Scan(&cur, &day, &rate); err != nil {
			return nil, fmt.Errorf("rates: %w", err)
		}
		if len(want) > 0 && !want[cur] {
			continue
		}
		t.days[cur] = append(t.days[cur], day)
		t.rates[cur] = append(t.rates[cur], rate)
	}
	return t, rows.Err()
}

// PerEUR returns the rate of currency on day: that day's, or on a day
// without one (a weekend, a holiday) the latest before it, if it is at most
// MaxRateAge days older. EUR is 1. ok is false when the rate is missing.
func (t *RateTable) PerEUR(currency string, day time.Time) (rate decimal.Decimal, from time.Time, ok bool) {
	if currency == "EUR" {
		return decimal.NewFromInt(1), day, true
	}
	days := t.days[currency]
	d := dayNumber(day)
	i := sort.Search(len(days), func(i int) bool { return days[i] > d }) - 1
	if i < 0 {
		return decimal.Zero, time.Time{}, false
	}
	from = dateOfDay(days[i])
	if day.Sub(from) > MaxRateAge*24*time.Hour {
		return decimal.Zero, time.Time{}, false
	}
	return FromMicro(t.rates[currency][i]), from, true
}

// convertScale is the number of decimals a conversion keeps before any
// rounding for display: cross rates divide.
const convertScale = 12

// Convert converts amount in currency from to currency to at the rates of
// day (through EUR for two other currencies). ok is false, and missing
// names the currency without a rate, when a rate is missing.
func (t *RateTable) Convert(amount decimal.Decimal, from, to string, day time.Time) (out decimal.Decimal, missing string, ok bool) {
	if from == to {
		return amount, "", true
	}
	fr, _, ok := t.PerEUR(from, day)
	if !ok {
		return decimal.Zero, from, false
	}
	tr, _, ok := t.PerEUR(to, day)
	if !ok {
		return decimal.Zero, to, false
	}
	// amount / fr is euros; times tr is the target currency.
	return amount.Mul(tr).DivRound(fr, convertScale), "", true
}
