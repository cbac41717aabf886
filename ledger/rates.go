package ledger

import (
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

// RateSpan is what the ledger holds of one currency's rates.
type RateSpan struct {
	Currency    string
	First, Last time.Time
	Days        int
	LastRate    decimal.Decimal
}

// RateTable holds the rates of some currencies in memory, for converting
// many amounts.
type RateTable struct {
	Days  map[string][]int64 // currency: days with a rate, ascending
	Rates map[string][]int64 // currency: the rates of those days, micro-units
}

// PerEUR returns the rate of currency on day: that day's, or on a day
// without one (a weekend, a holiday) the latest before it, if it is at most
// MaxRateAge days older. EUR is 1. ok is false when the rate is missing.
func (t *RateTable) PerEUR(currency string, day time.Time) (rate decimal.Decimal, from time.Time, ok bool) {
	if currency == "EUR" {
		return decimal.NewFromInt(1), day, true
	}
	days := t.Days[currency]
	d := DayNumber(day)
	i := sort.Search(len(days), func(i int) bool { return days[i] > d }) - 1
	if i < 0 {
		return decimal.Zero, time.Time{}, false
	}
	from = DateOfDay(days[i])
	if day.Sub(from) > MaxRateAge*24*time.Hour {
		return decimal.Zero, time.Time{}, false
	}
	return FromMicro(t.Rates[currency][i]), from, true
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
