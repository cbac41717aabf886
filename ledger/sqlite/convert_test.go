package sqlite

import (
	"context"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// TestIncomeInOneCurrency converts each entry at its own date's ECB rate,
// against figures worked out by hand (12 decimals), and names the rates
// that are missing instead of guessing them.
func TestIncomeInOneCurrency(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	if _, err := db.ImportRates(ctx, ecbExcerpt); err != nil {
		t.Fatal(err)
	}
	importEntries(t, db, "mixed",
		// Saturday 7 February: Friday's rate, 100 / 1.1794.
		entryOf("tiktok", "creator-rewards", ledger.KindEarning, "2026-02-07", "100.00", "USD", ledger.StatusApproved),
		entryOf("youtube", "long-form", ledger.KindEarning, "2026-02-06", "50.00", "EUR", ledger.StatusEstimated),
		// 10 / 0.86825.
		entryOf("amazon-associates", "associates", ledger.KindEarning, "2026-02-06", "10.00", "GBP", ledger.StatusPending),
		// 20 January: the last rate is of 2 January, 18 days before.
		entryOf("tiktok", "creator-rewards", ledger.KindEarning, "2026-01-20", "20.00", "USD", ledger.StatusApproved),
		entryOf("tiktok", "creator-rewards", ledger.KindEarning, "2026-01-20", "5.00", "USD", ledger.StatusEstimated),
	)
	res, err := db.IncomeIn(ctx, ledger.IncomeQuery{By: ledger.ByMonth, Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"2026-02 amazon-associates associates": "11.517420097898",
		"2026-02 tiktok creator-rewards":       "84.788875699508",
		"2026-02 youtube long-form":            "50",
	}
	if len(res.Rows) != len(want) {
		t.Errorf("rows %+v; want %d", res.Rows, len(want))
	}
	for _, r := range res.Rows {
		k := r.Period + " " + r.Platform + " " + r.Program
		if r.Currency != "EUR" || r.Amount.String() != want[k] {
			t.Errorf("%s = %s %s; want %s EUR", k, r.Amount, r.Currency, want[k])
		}
	}
	if len(res.Missing) != 1 || res.Missing[0].Currency != "USD" || res.Missing[0].Date.Format(ledger.DateLayout) != "2026-01-20" ||
		res.Missing[0].Entries != 2 || res.LeftOut != 2 {
		t.Errorf("missing %+v, left out %d; want USD on 2026-01-20, 2 entries", res.Missing, res.LeftOut)
	}
	// Estimated and pending by year, in USD: 10 / 0.86825 * 1.1794, the
	// estimated 5.00 USD of 20 January (no rate needed), 50 * 1.1794.
	res, err = db.IncomeIn(ctx, ledger.IncomeQuery{By: ledger.ByYear, Currency: "USD", Statuses: []ledger.Status{ledger.StatusEstimated, ledger.StatusPending}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 3 || res.Rows[0].Platform != "amazon-associates" || res.Rows[0].Amount.String() != "13.583645263461" ||
		res.Rows[1].Platform != "tiktok" || res.Rows[1].Amount.String() != "5" ||
		res.Rows[2].Platform != "youtube" || res.Rows[2].Amount.String() != "58.97" {
		t.Errorf("estimated and pending in USD: %+v", res.Rows)
	}
	// The 5.00 estimated USD of 20 January needs no rate in USD.
	if len(res.Missing) != 0 {
		t.Errorf("missing %+v; want none", res.Missing)
	}
}
