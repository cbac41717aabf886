package ledger

import (
	"errors"
	"strconv"
)

// ErrCorrupt means SQLite's own check of the ledger file failed: the file
// was damaged (a flipped byte, a torn copy) and must not be written to.
var ErrCorrupt = errors.New("the ledger file is damaged")

// Problem is one thing Check found wrong with the ledger.
type Problem struct {
	// Check is which check found it: integrity, balance, totals, keys or
	// imports (Checks).
	Check string `json:"check"`
	// Where names what is wrong: an entry, an import, a day's group
	// ("2026-01-05 tiktok creator-rewards earning USD approved"), a page.
	Where string `json:"where"`
	// What says what is wrong with it.
	What string `json:"problem"`
}

// Checks names the checks Check runs, in order:
//
//	integrity  SQLite's integrity_check of the whole file
//	balance    every entry is one movement between the two accounts its class
//	           names (entry_classes), which exist, differ and are the ones its
//	           platform, program and kind give; its status and date are valid;
//	           it is marked as an invoice (entries.invoice) if and only if it is one
//	totals     the daily totals (daily_totals) equal the sums of the entries
//	keys       every entry has one de-duplication key and every key is an entry's
//	imports    each import's range of entry ids (first_entry..last_entry) holds
//	           the entries it created, and ranges do not overlap
//	matches    the reconciliation's matches name entries that exist, of the
//	           right kinds, and no payout or deposit is matched twice
var Checks = []string{"integrity", "balance", "totals", "keys", "imports", "matches"}

// CheckReport is what Check found.
type CheckReport struct {
	Entries, Imports, Days int64
	Problems               []Problem
	// Truncated lists the checks that found more than maxProblems.
	Truncated []string
}

// Plural is n with the word for one or many things: "1 import", "3 imports".
func Plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}
