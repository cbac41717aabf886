package ledger

import (
	"time"

	"github.com/shopspring/decimal"
)

// RPMQuery selects and groups report rpm.
type RPMQuery struct {
	From, To time.Time // inclusive dates; zero means open-ended
	By       Period
	Platform string
	Items    bool // a row per video or post (external id) instead of per program
}

// RPMRow is one line of report rpm: revenue per 1,000 views of a platform's
// program (or of one item of it) in a period and currency.
type RPMRow struct {
	Period, Platform, Program string
	Item, Title               string // with Items: the external id and the description
	// Views is the count divided by: qualified views where the entries have
	// them (Qualified), views otherwise. Revenue is the income of the
	// entries that have such a count.
	Views     int64
	Qualified bool
	Revenue   decimal.Decimal
	Currency  string
	RPM       decimal.Decimal // Revenue / Views * 1000, unrounded (to 10 decimals)
	Estimate  Estimate
	HasEst    bool
	// Converted is Estimate in the row's currency, at the ECB rate of
	// RateDay, when the two differ and the ledger has the rate; nil
	// otherwise (the verdict is then no-estimate).
	Converted *Estimate
	RateDay   time.Time
	Verdict   Verdict
}

// Judged is the range the row's RPM is judged against: the estimate in the
// row's currency.
func (r RPMRow) Judged() Estimate {
	if r.Converted != nil {
		return *r.Converted
	}
	return r.Estimate
}

// RPMReport is report rpm: the rows, and the entries left out for want of
// views, by platform and program.
type RPMReport struct {
	Rows     []RPMRow
	Unviewed map[string]int64 // "platform/program": income entries without a view count
}

// RPMScale is the number of decimals RPM is computed to; reports round it
// for display.
const RPMScale = 10

// ItemSum is one item's (external id's) income in a month and class.
type ItemSum struct {
	ID, Title       string
	Amount, Views   int64 // of the entries with a view count
	Entries, Viewed int64
	Qualified       bool
}
