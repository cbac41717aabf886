package ledger

import (
	"strings"

	"github.com/shopspring/decimal"
)

// AccountBalance is the balance of one account of the double-entry model
// in one currency.
type AccountBalance struct {
	Account  string
	Currency string
	Balance  decimal.Decimal
}

// AccountOrder puts the account types in the order of a balance sheet.
func AccountOrder(account string) int {
	root, _, _ := strings.Cut(account, ":")
	switch root {
	case "assets":
		return 0
	case "liabilities":
		return 1
	case "income":
		return 2
	case "expenses":
		return 3
	}
	return 4
}

// MovedContra is an entry the reconciliation posts against another
// account than its class's contra: amount (micro-units) leaves now instead
// of was.
type MovedContra struct {
	Was, Now, Currency string
	Amount             int64
}
