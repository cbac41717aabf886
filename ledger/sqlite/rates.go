package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// ImportRates stores rates in one transaction: a rate the ledger has for
// that day and currency is replaced (and counted as changed) when it
// differs.
func (db *DB) ImportRates(ctx context.Context, rates []ledger.Rate) (ledger.RatesImport, error) {
	var out ledger.RatesImport
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
		if r.Currency == "EUR" || !ledger.ValidCurrency(r.Currency) || !r.PerEUR.IsPositive() {
			return out, ledger.Invalid("rate %s %s %s", r.Date.Format(ledger.DateLayout), r.Currency, r.PerEUR)
		}
		micro, err := ledger.ToMicro(r.PerEUR)
		if err != nil {
			return out, ledger.Invalid("rate %s %s: %v", r.Date.Format(ledger.DateLayout), r.Currency, err)
		}
		day := ledger.DayNumber(r.Date)
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

// RateSpans lists, per currency, the first and last day the ledger has a
// rate for, how many days, and the latest rate.
func (db *DB) RateSpans(ctx context.Context) ([]ledger.RateSpan, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT currency, MIN(day), MAX(day), COUNT(*),
		(SELECT rate FROM rates r2 WHERE r2.currency = r.currency ORDER BY day DESC LIMIT 1)
		FROM rates r GROUP BY currency ORDER BY currency`)
	if err != nil {
		return nil, fmt.Errorf("rates: %w", err)
	}
	defer rows.Close()
	var out []ledger.RateSpan
	for rows.Next() {
		var s ledger.RateSpan
		var first, last, rate int64
		if err := rows.Scan(&s.Currency, &first, &last, &s.Days, &rate); err != nil {
			return nil, fmt.Errorf("rates: %w", err)
		}
		s.First, s.Last, s.LastRate = ledger.DateOfDay(first), ledger.DateOfDay(last), ledger.FromMicro(rate)
		out = append(out, s)
	}
	return out, rows.Err()
}

// RatesOf returns the rates of currency from..to (inclusive; zero for
// open-ended), by date.
func (db *DB) RatesOf(ctx context.Context, currency string, from, to time.Time) ([]ledger.Rate, error) {
	lo, hi := int64(0), int64(99991231)
	if !from.IsZero() {
		lo = ledger.DayNumber(from)
	}
	if !to.IsZero() {
		hi = ledger.DayNumber(to)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT day, rate FROM rates WHERE currency = ? AND day BETWEEN ? AND ? ORDER BY day`, currency, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("rates: %w", err)
	}
	defer rows.Close()
	var out []ledger.Rate
	for rows.Next() {
		var day, rate int64
		if err := rows.Scan(&day, &rate); err != nil {
			return nil, fmt.Errorf("rates: %w", err)
		}
		out = append(out, ledger.Rate{Date: ledger.DateOfDay(day), Currency: currency, PerEUR: ledger.FromMicro(rate)})
	}
	return out, rows.Err()
}

// LoadRates reads every rate of the currencies named (all when none are).
func (db *DB) LoadRates(ctx context.Context, currencies ...string) (*ledger.RateTable, error) {
	t := &ledger.RateTable{Days: map[string][]int64{}, Rates: map[string][]int64{}}
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
		t.Days[cur] = append(t.Days[cur], day)
		t.Rates[cur] = append(t.Rates[cur], rate)
	}
	return t, rows.Err()
}
