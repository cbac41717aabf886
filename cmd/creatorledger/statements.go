package main

import (
	"github.com/creatorledger/creatorledger/importers"
	"github.com/creatorledger/creatorledger/ledger"
)

// statementAccounts notes which platform and program a file's entries of
// each currency are in, so that the balances its statement states can be
// recorded against them.
type statementAccounts struct {
	last  ledger.Entry // the last entry that was new here
	seen  map[string][]ledger.Balance
	count int
}

// see notes e's account; the work is a few string comparisons per row.
func (a *statementAccounts) see(e *ledger.Entry) {
	if a.count > 0 && e.Currency == a.last.Currency && e.Platform == a.last.Platform && e.Program == a.last.Program {
		return
	}
	a.count++
	a.last = ledger.Entry{Currency: e.Currency, Platform: e.Platform, Program: e.Program}
	if a.seen == nil {
		a.seen = map[string][]ledger.Balance{}
	}
	b := ledger.Balance{Platform: e.Platform, Program: e.Program}
	for _, x := range a.seen[e.Currency] {
		if x == b {
			return
		}
	}
	a.seen[e.Currency] = append(a.seen[e.Currency], b)
}

// balances are the statement's balances with their accounts: the one
// program of the currency's entries, or "*" for several of one platform.
func (a *statementAccounts) balances(ends []importers.StatementEnds) []ledger.StatementBalance {
	var out []ledger.StatementBalance
	for _, e := range ends {
		bs := a.seen[e.Currency]
		if len(bs) == 0 {
			continue
		}
		sb := ledger.StatementBalance{Platform: bs[0].Platform, Account: bs[0].Program, Currency: e.Currency,
			First: e.First, Last: e.Last, Opening: e.Opening, Closing: e.Closing}
		for _, b := range bs[1:] {
			if b.Platform != sb.Platform {
				sb.Platform = ""
			}
			sb.Account = "*"
		}
		if sb.Platform != "" {
			out = append(out, sb)
		}
	}
	return out
}
