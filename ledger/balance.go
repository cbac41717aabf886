package ledger

import (
	"fmt"
	"slices"
	"strings"
)

// BalanceMap says which balance a platform keeps each program's money in
// (schema/data/balances.csv): YouTube's in the AdSense balance, TikTok's
// video gifts in the LIVE gifts wallet. A program not in it is a balance of
// its own.
type BalanceMap struct {
	rows []balanceRow
	// programs are the programs the threshold rules name per platform
	// (WithRules).
	programs map[string][]string
}

type balanceRow struct {
	platform, program string // program "*" for all of the platform's
	balance           Balance
	notes             string
}

// Balance is a balance a platform keeps for the creator, named by the
// Platform and program of its threshold rules.
type Balance struct{ Platform, Program string }

// balanceColumns are the columns of balances.csv.
var balanceColumns = []string{"platform", "program", "balance_platform", "balance_program", "confidence", "as_of", "source", "notes"}

// ShippedBalances reads schema/data/balances.csv.
func ShippedBalances() (BalanceMap, error) {
	var m BalanceMap
	err := eachShippedRow("balances.csv", balanceColumns, func(rec []string) error {
		r := balanceRow{platform: rec[0], program: rec[1], balance: Balance{rec[2], rec[3]}, notes: rec[7]}
		if !ValidSlug(r.platform) || (r.program != "*" && !ValidSlug(r.program)) ||
			!ValidSlug(r.balance.Platform) || !ValidSlug(r.balance.Program) {
			return fmt.Errorf("a platform or program is not a slug")
		}
		m.rows = append(m.rows, r)
		return nil
	})
	return m, err
}

// WithRules returns m knowing the programs the threshold rules name.
func (m BalanceMap) WithRules(rules []Rule) BalanceMap {
	m.programs = map[string][]string{}
	for _, r := range rules {
		if ps := m.programs[r.Platform]; !slices.Contains(ps, r.Program) {
			m.programs[r.Platform] = append(ps, r.Program)
		}
	}
	return m
}

// BalanceProgram names the one balance of a platform that neither the data
// nor the threshold rules divide by program ("paypal balance").
const BalanceProgram = "balance"

// Of returns the balance that holds the money of platform's program: the
// one balances.csv names; else the platform's one balance, named after the
// program of its rules when they name one (stripe payouts) and "balance"
// when they name none; else, when the rules name several programs of the
// platform, the program's own.
func (m BalanceMap) Of(platform, program string) Balance {
	for _, r := range m.rows {
		if r.platform == platform && (r.program == program || r.program == "*") {
			return r.balance
		}
	}
	switch ps := m.programs[platform]; len(ps) {
	case 0:
		return Balance{platform, BalanceProgram}
	case 1:
		return Balance{platform, ps[0]}
	}
	return Balance{platform, program}
}

// Notes returns what the data says of the balance b, "" when nothing.
func (m BalanceMap) Notes(b Balance) string {
	var notes []string
	for _, r := range m.rows {
		if r.balance == b && !slices.Contains(notes, r.notes) {
			notes = append(notes, r.notes)
		}
	}
	return strings.Join(notes, " ")
}

// Platforms lists the platforms the map names, entries' and balances'.
func (m BalanceMap) Platforms() []string {
	var out []string
	for _, r := range m.rows {
		for _, p := range []string{r.platform, r.balance.Platform} {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}
