package ledger

import (
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
