package ledger

import (
	"bytes"
	"fmt"
	"strings"
)

// DepositPattern says that a bank deposit whose texts contain every word of
// Words (case ignored) comes from a platform balance (schema/data/deposits.csv).
type DepositPattern struct {
	Balance    Balance // Program "*": one of the platform's balances, which the bank line cannot tell
	Pattern    string  // as written: words joined by '+'
	Words      []string
	Confidence string
}

// depositColumns are the columns of deposits.csv.
var depositColumns = []string{"balance_platform", "balance_program", "pattern", "confidence", "source", "notes"}

// ShippedDepositPatterns reads schema/data/deposits.csv.
func ShippedDepositPatterns() ([]DepositPattern, error) {
	var out []DepositPattern
	err := eachShippedRow("deposits.csv", depositColumns, func(rec []string) error {
		p := DepositPattern{Balance: Balance{rec[0], rec[1]}, Pattern: rec[2], Confidence: rec[3]}
		if !ValidSlug(p.Balance.Platform) || (p.Balance.Program != "*" && !ValidSlug(p.Balance.Program)) {
			return fmt.Errorf("balance %s/%s is not a platform and program", rec[0], rec[1])
		}
		for _, w := range strings.Split(rec[2], "+") {
			w = strings.ToUpper(strings.TrimSpace(w))
			if w == "" {
				return fmt.Errorf("pattern %q has an empty word", rec[2])
			}
			p.Words = append(p.Words, w)
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// depositFrom returns the first pattern that a deposit's texts match.
func (in *ReconInput) depositFrom(counterparty, description string) (DepositPattern, bool) {
	b := append(append(append(in.scratch[:0], counterparty...), ' '), description...)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	in.scratch = b
	for _, p := range in.Patterns {
		all := true
		for _, w := range p.Words {
			if !bytes.Contains(b, []byte(w)) {
				all = false
				break
			}
		}
		if all {
			return p, true
		}
	}
	return DepositPattern{}, false
}
