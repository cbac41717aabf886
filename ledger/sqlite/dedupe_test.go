package sqlite

import (
	"context"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// idless is an entry without an external id, as a native export or an
// affiliate report without order ids gives it.
func idless(day, amount string, status ledger.Status, counterparty, description string) ledger.Entry {
	return ledger.Entry{Date: date(day), Platform: "ltk", Program: "commissions", Kind: ledger.KindEarning,
		Amount: decimal.RequireFromString(amount), Currency: "USD", Status: status,
		Counterparty: counterparty, Description: description}
}

// incomeSum adds up every entry's amount.
func incomeSum(t *testing.T, db *DB) decimal.Decimal {
	t.Helper()
	sum := decimal.Zero
	for _, e := range snap(t, db).entries {
		sum = sum.Add(e.Amount)
	}
	return sum
}

// TestIdlessRevisionUpdates (issue 13, item 2): a row without an external
// id whose amount or status changes in a later export is the same entry,
// updated with history, not a second one; two identical rows of one file
// stay two entries. Both through a first (bulk) import, whose keys are in
// blocks, and through an import into a ledger that has entries.
func TestIdlessRevisionUpdates(t *testing.T) {
	for _, first := range []string{"bulk", "into entries"} {
		t.Run(first, func(t *testing.T) {
			db := newTestDB(t)
			base := decimal.Zero
			if first == "into entries" {
				importEntries(t, db, "other", earning("2026-01-01", "v0", "1.00", ledger.StatusApproved))
				base = decimal.RequireFromString("1.00")
			}
			coat := idless("2026-09-12", "10.00", ledger.StatusPending, "Nordstrom", "Wool coat")
			gift := idless("2026-09-14", "18.40", ledger.StatusApproved, "", "LIVE gifts")
			im := importEntries(t, db, "sep-1-15", coat, gift, gift)
			if im.Counts != (ledger.Counts{Rows: 3, New: 3}) {
				t.Fatalf("first export: %+v, want 3 new", im.Counts)
			}
			revised := idless("2026-09-12", "12.50", ledger.StatusApproved, "NORDSTROM ", "Wool  coat")
			later := idless("2026-09-20", "7.00", ledger.StatusPending, "Nordstrom", "Scarf")
			im = importEntries(t, db, "sep-1-30", revised, gift, gift, later)
			if im.Counts != (ledger.Counts{Rows: 4, New: 1, Duplicates: 2, Updated: 1}) {
				t.Errorf("later export: %+v, want 1 new, 2 duplicates, 1 updated", im.Counts)
			}
			// 12.50 + 2 x 18.40 + 7.00, not 10.00 + 12.50 + ...
			if got, want := incomeSum(t, db), base.Add(decimal.RequireFromString("56.30")); !got.Equal(want) {
				t.Errorf("income %s, want %s", got, want)
			}
			var hist int
			var amount int64
			var status string
			err := db.sql.QueryRow(`SELECT COUNT(*), MIN(amount), MIN(status) FROM entry_history WHERE replaced_by = ?`, im.ID).
				Scan(&hist, &amount, &status)
			if err != nil || hist != 1 || amount != 10_000000 || status != "pending" {
				t.Errorf("history: %d rows, %d %s (%v), want the 10.00 pending version", hist, amount, status, err)
			}
			// Reversed later still: an update again.
			reversed := revised
			reversed.Status = ledger.StatusReversed
			reversed.Amount = decimal.Zero
			im = importEntries(t, db, "oct", reversed)
			if im.Counts != (ledger.Counts{Rows: 1, Updated: 1}) {
				t.Errorf("reversal: %+v, want 1 updated", im.Counts)
			}
			if got, want := incomeSum(t, db), base.Add(decimal.RequireFromString("43.80")); !got.Equal(want) {
				t.Errorf("income after the reversal %s, want %s", got, want)
			}
		})
	}
}

// TestIdlessRowsDifferingInAmount: two rows of one file that differ only
// in amount share an identity and are told apart by their order, as
// identical rows are: they stay two entries, the same rows again are
// duplicates, and in another order they are updates that keep the total.
func TestIdlessRowsDifferingInAmount(t *testing.T) {
	db := newTestDB(t)
	a := idless("2026-09-14", "3.00", ledger.StatusApproved, "", "LIVE gifts")
	b := idless("2026-09-14", "5.00", ledger.StatusApproved, "", "LIVE gifts")
	if im := importEntries(t, db, "one", a, b); im.Counts != (ledger.Counts{Rows: 2, New: 2}) {
		t.Fatalf("%+v, want 2 new", im.Counts)
	}
	if im := importEntries(t, db, "same", a, b); im.Counts != (ledger.Counts{Rows: 2, Duplicates: 2}) {
		t.Errorf("the same rows: %+v, want 2 duplicates", im.Counts)
	}
	if im := importEntries(t, db, "swapped", b, a); im.Counts != (ledger.Counts{Rows: 2, Updated: 2}) {
		t.Errorf("the rows swapped: %+v, want 2 updated", im.Counts)
	}
	if got := incomeSum(t, db); !got.Equal(decimal.RequireFromString("8.00")) {
		t.Errorf("income %s, want 8.00", got)
	}
	// A third row of the identity in a later export is a new entry.
	c := idless("2026-09-14", "1.00", ledger.StatusApproved, "", "LIVE gifts")
	if im := importEntries(t, db, "three", b, a, c); im.Counts != (ledger.Counts{Rows: 3, New: 1, Duplicates: 2}) {
		t.Errorf("a third row: %+v, want 1 new 2 duplicates", im.Counts)
	}
	if err := db.CheckTotals(context.Background()); err != nil {
		t.Error(err)
	}
}
