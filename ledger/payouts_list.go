package ledger

import (
	"time"

	"github.com/shopspring/decimal"
)

// Payout is a payout a platform made: money that left the platform balance
// for the creator's bank (assets:transit:<platform> until it arrives).
type Payout struct {
	ID                          int64
	Date                        time.Time
	Platform, Program, Currency string
	Amount                      decimal.Decimal // as the source gives it: negative, the change to the platform balance
	Status                      Status
	ExternalID                  string
	Counterparty, Description   string
	ImportID                    int64
	Line                        int
	// Arrived is the day the bank deposit the reconciliation matched with
	// it was booked (zero while none is), Deposit that deposit's entry.
	Arrived time.Time
	Deposit int64
	// StandIn: no payout was imported; the bank deposit (ID, its import
	// and line) stands for it, and this row is made from it.
	StandIn bool
}
