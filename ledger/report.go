package ledger

import (
	"context"
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
}

// IncomeRow is one line of the income report.
type IncomeRow struct {
	Period   string
	Platform string
	Program  string
	Currency string
	Amount   decimal.Decimal
}

// Income sums income (earnings, reversals and adjustments, on the date they
// were earned) per period, platform, program and currency. Entries whose
// status is reversed no longer count. Rows are sorted by period, platform,
// program and currency; amounts in different currencies are never added.
func (db *DB) Income(ctx context.Context, q IncomeQuery) ([]IncomeRow, error) {
	if !q.By.Valid() {
		return nil, fmt.Errorf("%w: period %q is not month, quarter or year", ErrInvalid, q.By)
	}
	where := `WHERE c.kind IN ('earning', 'reversal', 'adjustment') AND t.status <> ?`
	args := []any{StatusReversed.code()}
	if !q.From.IsZero() {
		where += ` AND t.day >= ?`
		args = append(args, dayNumber(q.From))
	}
	if !q.To.IsZero() {
		where += ` AND t.day <= ?`
		args = append(args, dayNumber(q.To))
	}
	if q.Platform != "" {
		where += ` AND c.platform = ?`
		args = append(args, q.Platform)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT t.day / 100, c.platform, c.program, c.currency, SUM(t.amount)
		FROM daily_totals t JOIN entry_classes c ON c.id = t.class_id `+where+`
		GROUP BY t.day / 100, c.platform, c.program, c.currency`, args...)
	if err != nil {
		return nil, fmt.Errorf("income report: %w", err)
	}
	defer rows.Close()
	type groupKey struct{ period, platform, program, currency string }
	sums := map[groupKey]int64{}
	for rows.Next() {
		var k groupKey
		var month, sum int64 // month as YYYYMM
		if err := rows.Scan(&month, &k.platform, &k.program, &k.currency, &sum); err != nil {
			return nil, fmt.Errorf("income report: %w", err)
		}
		k.period = q.By.Label(fmt.Sprintf("%04d-%02d", month/100, month%100))
		s, ok := addMicro(sums[k], sum)
		if !ok {
			return nil, fmt.Errorf("income report: %s %s %s %s: %w", k.period, k.platform, k.program, k.currency, ErrAmountRange)
		}
		sums[k] = s
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("income report: %w", err)
	}
	out := make([]IncomeRow, 0, len(sums))
	for k, s := range sums {
		out = append(out, IncomeRow{Period: k.period, Platform: k.platform, Program: k.program, Currency: k.currency, Amount: FromMicro(s)})
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
	return out, nil
}

// addMicro adds two micro-unit sums, reporting overflow.
func addMicro(a, b int64) (int64, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}
