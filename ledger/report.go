package ledger

import (
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

// IncomeClass is an entry class of income, as the income report reads it.
type IncomeClass struct {
	Platform, Program, Currency string
	Kind                        Kind
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

// MissingKey is a currency and day without an ECB rate: a conversion counts
// the entries it leaves out by it (MissingRate).
type MissingKey struct {
	Currency string
	Day      int64
}

// AddMicro adds two micro-unit sums, reporting overflow.
func AddMicro(a, b int64) (int64, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}
