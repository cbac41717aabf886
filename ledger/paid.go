package ledger

import (
	"github.com/shopspring/decimal"
)

// Basis says when income counts in a report.
type Basis string

// The bases of the income report.
const (
	BasisEarned Basis = "earned" // on the day it was earned (the default)
	BasisPaid   Basis = "paid"   // on the day its money reached the bank
)

// Valid reports whether b is earned or paid.
func (b Basis) Valid() bool { return b == BasisEarned || b == BasisPaid }

// On the paid basis (IncomeQuery.Basis), income counts on the day its money
// reached the bank, as the reconciliation's matches tell:
//
//   - A platform balance (BalanceMap: YouTube's money is in AdSense's) is
//     paid out oldest money first. A day's income is paid on the arrival
//     of the payout that brings what reached the bank from the balance up
//     to what the balance held at the end of that day, less what fees,
//     refunds and transfers took from it later (payouts count at the
//     platform's amount). Until then it is not counted.
//   - A sponsorship invoice (less its credit notes) counts on the day of
//     the payment that completes it, or its paid date when the ledger has
//     no payment of it.
//   - A platform that pays at the sale (schedule INSTANT) counts on the day
//     earned.
//
// Money a platform converts to another currency before paying it out
// (PayPal) is paid with the first payout after the conversion.

// PaidTolerance is the share of an invoice that may be missing from its
// payments for it to count as paid (bank charges, rounding).
var PaidTolerance = decimal.RequireFromString("0.005")

// Arrival is money of a balance that reached the bank.
type Arrival struct{ Day, Amount int64 }
