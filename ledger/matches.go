package ledger

import (
	"time"

	"github.com/shopspring/decimal"
)

// SettledPayment is a payment that settles a sponsorship invoice, which
// the income report counts once, as the invoice.
type SettledPayment struct {
	Payment Entry
	Invoice string // the invoice's number
}

// InvoicePayment is a payment that settles an invoice.
type InvoicePayment struct {
	EntryID  int64
	Date     time.Time
	Platform string
	Amount   decimal.Decimal // what it settles, in the invoice's currency
	Currency string
	Origin   MatchOrigin
	Why      string
}

// MatchTarget is what payouts match connects an entry with: another entry
// (a payout or an invoice), or a platform balance the deposit is a payout
// of when the payout itself was not imported.
type MatchTarget struct {
	EntryID int64
	Balance Balance
}

// BoolInt is 1 for true and 0 for false, as the ledger stores a flag.
func BoolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
