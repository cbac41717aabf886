package ledger

import (
	"strings"

	"github.com/shopspring/decimal"
)

// banks are the platforms whose exports are bank statements: their entries
// move money in assets:bank:<name> rather than a platform balance.
var banks = map[string]bool{
	"bank": true, "ing": true, "rabobank": true, "abn-amro": true, "bunq": true,
	"knab": true, "asn": true, "sns": true, "triodos": true, "revolut": true, "wise": true,
}

// IsBank reports whether platform is a bank account rather than a platform
// that holds a balance for the creator.
func IsBank(platform string) bool { return banks[platform] }

// Posting is one leg of a balanced movement.
type Posting struct {
	Account  string
	Amount   decimal.Decimal
	Currency string
}

// SourceAccount is the account whose balance an entry's amount changes: the
// platform's balance, or the bank account for a bank statement.
func (e *Entry) SourceAccount() string {
	if IsBank(e.Platform) {
		return "assets:bank:" + e.Platform
	}
	return "assets:" + e.Platform
}

// ContraAccount is the other side of an entry:
//
//	earning, reversal, adjustment  income:<platform>:<program>
//	fee                            expenses:fees:<platform>
//	expense                        expenses:<platform>:<program>
//	payout (platform)              assets:transit:<platform>   (money on its way to the bank)
//	payout (bank)                  assets:transit:<counterparty> (the same money arriving)
//	transfer                       equity:transfers            (uncategorised movements)
//
// A platform payout and the bank deposit that reconciles with it cancel in
// assets:transit, so money that left a platform but never arrived shows there.
func (e *Entry) ContraAccount() string {
	switch e.Kind {
	case KindEarning, KindReversal, KindAdjustment:
		return "income:" + e.Platform + ":" + e.Program
	case KindFee:
		return "expenses:fees:" + e.Platform
	case KindExpense:
		return "expenses:" + e.Platform + ":" + e.Program
	case KindPayout:
		if IsBank(e.Platform) {
			from := Slugify(e.Counterparty)
			if from == "" {
				from = "unknown"
			}
			return "assets:transit:" + from
		}
		return "assets:transit:" + e.Platform
	default:
		return "equity:transfers"
	}
}

// Postings returns the balanced legs of the entry: the amount to the source
// account and its negation to the contra account.
func (e *Entry) Postings() []Posting {
	return []Posting{
		{Account: e.SourceAccount(), Amount: e.Amount, Currency: e.Currency},
		{Account: e.ContraAccount(), Amount: e.Amount.Neg(), Currency: e.Currency},
	}
}

// Balanced returns an error unless the postings sum to zero in every currency.
func Balanced(ps []Posting) error {
	sums := map[string]decimal.Decimal{}
	for _, p := range ps {
		if p.Account == "" {
			return Invalid("posting without an account")
		}
		sums[p.Currency] = sums[p.Currency].Add(p.Amount)
	}
	for cur, s := range sums {
		if !s.IsZero() {
			return Invalid("postings do not balance: %s %s left over", s, cur)
		}
	}
	return nil
}

// Slugify turns a free-text name into an account-name segment: lower case,
// runs of anything but ASCII letters and digits folded to one '-'.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	out := b.String()
	if len(out) > 64 {
		out = strings.TrimRight(out[:64], "-")
	}
	return out
}
