package sqlite

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// entryOf makes an entry of platform/program in currency.
func entryOf(platform, program string, kind ledger.Kind, day, amount, currency string, status ledger.Status) ledger.Entry {
	return ledger.Entry{Date: date(day), Platform: platform, Program: program, Kind: kind,
		Amount: decimal.RequireFromString(amount), Currency: currency, Status: status,
		ExternalID: fmt.Sprintf("%s-%s-%s-%s", platform, kind, day, amount)}
}

func pendingOf(t *testing.T, db *DB, asOf, platform string) ledger.PendingReport {
	t.Helper()
	rep, err := db.PendingPayouts(context.Background(), ledger.PendingQuery{AsOf: date(asOf), Platform: platform})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// rowOf returns the row of platform/program in currency, failing the test
// when there is none.
func rowOf(t *testing.T, rep ledger.PendingReport, platform, program, currency string) ledger.PendingRow {
	t.Helper()
	for _, r := range rep.Rows {
		if r.Platform == platform && r.Program == program && r.Currency == currency {
			return r
		}
	}
	t.Fatalf("no row %s/%s %s in %+v", platform, program, currency, rep.Rows)
	return ledger.PendingRow{}
}

// wantRow checks a row's figures: amounts as decimal strings ("" for none),
// dates as YYYY-MM-DD and the eta as YYYY-MM ("" for none).
func wantRow(t *testing.T, r ledger.PendingRow, withdrawable, pending, threshold, remaining string, status ledger.PayoutStatus, next, eta string) {
	t.Helper()
	got := fmt.Sprintf("%s %s %s %s %s %s %s", r.Withdrawable.StringFixed(2), r.Pending.StringFixed(2),
		fixedOrEmpty(r.Threshold, r.HasThreshold), fixedOrEmpty(r.Remaining, r.HasThreshold), r.Status,
		dayOrEmpty(r.NextPayout.IsZero(), r.NextPayout.Format(ledger.DateLayout)), dayOrEmpty(r.ETA.IsZero(), r.ETA.Format("2006-01")))
	want := fmt.Sprintf("%s %s %s %s %s %s %s", withdrawable, pending, threshold, remaining, status, dayOrEmpty(next == "", next), dayOrEmpty(eta == "", eta))
	if got != want {
		t.Errorf("%s/%s %s:\n got withdrawable pending threshold remaining status next eta = %s\nwant %s\nnotes: %q",
			r.Platform, r.Program, r.Currency, got, want, r.Notes)
	}
}

func fixedOrEmpty(d decimal.Decimal, ok bool) string {
	if !ok {
		return "-"
	}
	return d.StringFixed(2)
}

func dayOrEmpty(empty bool, s string) string {
	if empty {
		return "-"
	}
	return s
}

func setProfile(t *testing.T, db *DB, country, currency string) {
	t.Helper()
	for k, v := range map[string]string{ledger.SettingCountry: country, ledger.SettingCurrency: currency} {
		if err := db.SetSetting(context.Background(), k, v); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAdSenseScenario follows one AdSense balance of a Dutch creator paid in
// EUR (threshold 70, schedule M+1@21) from below the threshold through
// payable and a payout to a zero balance.
func TestAdSenseScenario(t *testing.T) {
	db := newTestDB(t)
	setProfile(t, db, "NL", "EUR")
	importEntries(t, db, "sep-oct",
		entryOf("adsense", "adsense", ledger.KindEarning, "2026-09-30", "20.00", "EUR", ledger.StatusApproved),
		entryOf("adsense", "adsense", ledger.KindEarning, "2026-10-31", "25.00", "EUR", ledger.StatusApproved))

	// 45 of 70: 25 to go. The last three complete months (August to
	// October) earned 45, 15 a month: two more months, so December, and
	// December's earnings are paid on 21 January.
	r := rowOf(t, pendingOf(t, db, "2026-11-10", ""), "adsense", "adsense", "EUR")
	wantRow(t, r, "45.00", "0.00", "70.00", "25.00", ledger.BelowThreshold, "2027-01-21", "2026-12")
	if r.Confidence != "official-copy" || !strings.Contains(r.Rule, "adsense/adsense */EUR/any") || r.Schedule != "M+1@21" {
		t.Errorf("rule %q (%s, %s); want the shipped */EUR/any, official-copy, M+1@21", r.Rule, r.Confidence, r.Schedule)
	}

	// With August's 30: 75, paid in the run of 21 November.
	importEntries(t, db, "aug", entryOf("adsense", "adsense", ledger.KindEarning, "2026-08-31", "30.00", "EUR", ledger.StatusApproved))
	r = rowOf(t, pendingOf(t, db, "2026-11-10", ""), "adsense", "adsense", "EUR")
	wantRow(t, r, "75.00", "0.00", "70.00", "0.00", ledger.Payable, "2026-11-21", "")

	// November's estimate is pending, not withdrawable.
	importEntries(t, db, "nov", entryOf("adsense", "adsense", ledger.KindEarning, "2026-11-30", "12.34", "EUR", ledger.StatusEstimated))
	r = rowOf(t, pendingOf(t, db, "2026-12-05", ""), "adsense", "adsense", "EUR")
	wantRow(t, r, "75.00", "12.34", "70.00", "0.00", ledger.Payable, "2026-12-21", "")

	// The payout of 21 November takes the balance to zero: below the
	// threshold again, with 70 to go at the rate of September to November
	// (20 + 25 + 12.34 = 57.34, 19.11 a month): four months, so March,
	// paid on 21 April.
	importEntries(t, db, "payout", entryOf("adsense", "adsense", ledger.KindPayout, "2026-11-21", "-75.00", "EUR", ledger.StatusPaid))
	r = rowOf(t, pendingOf(t, db, "2026-12-05", ""), "adsense", "adsense", "EUR")
	wantRow(t, r, "0.00", "12.34", "70.00", "70.00", ledger.BelowThreshold, "2027-04-21", "2027-03")
	// Before the payout it was still payable.
	r = rowOf(t, pendingOf(t, db, "2026-11-20", ""), "adsense", "adsense", "EUR")
	wantRow(t, r, "75.00", "0.00", "70.00", "0.00", ledger.Payable, "2026-11-21", "")
}

func TestPendingBalances(t *testing.T) {
	db := newTestDB(t)
	setProfile(t, db, "NL", "EUR")
	importEntries(t, db, "mixed",
		// YouTube's money is in the AdSense balance.
		entryOf("youtube", "long-form", ledger.KindEarning, "2026-09-30", "50.00", "EUR", ledger.StatusApproved),
		entryOf("adsense", "adsense", ledger.KindEarning, "2026-10-31", "30.00", "EUR", ledger.StatusApproved),
		// YouTube in USD is not added to a EUR threshold.
		entryOf("youtube", "long-form", ledger.KindEarning, "2026-10-31", "12.00", "USD", ledger.StatusApproved),
		// Gumroad holds each sale 7 days and pays on Fridays from USD 10.
		entryOf("gumroad", "seller", ledger.KindEarning, "2026-11-05", "12.00", "USD", ledger.StatusApproved),
		entryOf("gumroad", "seller", ledger.KindEarning, "2026-11-06", "9.00", "USD", ledger.StatusReversed),
		entryOf("gumroad", "seller", ledger.KindFee, "2026-11-05", "-1.30", "USD", ledger.StatusApproved),
		// Ko-fi pays at the sale.
		entryOf("kofi", "creator", ledger.KindEarning, "2026-11-01", "5.00", "EUR", ledger.StatusApproved),
		// A reversal counts whatever its status; a paid earning is out.
		entryOf("tiktok", "creator-rewards", ledger.KindEarning, "2026-10-15", "80.00", "USD", ledger.StatusApproved),
		entryOf("tiktok", "creator-rewards", ledger.KindReversal, "2026-10-20", "-3.50", "USD", ledger.StatusReversed),
		entryOf("tiktok", "creator-rewards", ledger.KindEarning, "2026-09-15", "40.00", "USD", ledger.StatusPaid),
		// Sponsorship invoices are owed by brands, not held by a platform.
		entryOf("sponsorship", "tiktok", ledger.KindEarning, "2026-10-01", "400.00", "EUR", ledger.StatusApproved),
	)
	rep := pendingOf(t, db, "2026-11-10", "")
	wantRow(t, rowOf(t, rep, "adsense", "adsense", "EUR"), "80.00", "0.00", "70.00", "0.00", ledger.Payable, "2026-11-21", "")
	usd := rowOf(t, rep, "adsense", "adsense", "USD")
	wantRow(t, usd, "12.00", "0.00", "-", "-", ledger.NoThreshold, "", "")
	if !strings.Contains(strings.Join(usd.Notes, " "), "threshold is in EUR") {
		t.Errorf("the USD row does not say its amounts are not added to the EUR threshold: %q", usd.Notes)
	}
	// Held until 12 November (fee counts at once): 12.00 pending, -1.30
	// withdrawable.
	wantRow(t, rowOf(t, rep, "gumroad", "seller", "USD"), "-1.30", "12.00", "10.00", "11.30", ledger.BelowThreshold, "", "")
	wantRow(t, rowOf(t, pendingOf(t, db, "2026-11-12", ""), "gumroad", "seller", "USD"), "10.70", "0.00", "10.00", "0.00", ledger.Payable, "2026-11-13", "")
	// 80 - 3.50 = 76.50 against the third-party 50, paid on 15 November
	// (October's earnings, M+1@15).
	tr := rowOf(t, rep, "tiktok", "creator-rewards", "USD")
	wantRow(t, tr, "76.50", "0.00", "50.00", "0.00", ledger.Payable, "2026-11-15", "")
	if tr.Confidence != "third-party" {
		t.Errorf("tiktok confidence %q; want third-party", tr.Confidence)
	}
	for _, r := range rep.Rows {
		if r.Platform == "kofi" || r.Platform == "sponsorship" {
			t.Errorf("row %s/%s: Ko-fi holds no balance and invoices are not a platform's", r.Platform, r.Program)
		}
	}
	if !strings.Contains(strings.Join(rep.Notes, " "), "kofi/creator pays at the time of each sale") {
		t.Errorf("notes %q do not say why Ko-fi is not listed", rep.Notes)
	}
	// --platform youtube shows the whole balance YouTube's money is in.
	yt := pendingOf(t, db, "2026-11-10", "youtube")
	if len(yt.Rows) != 2 || yt.Rows[0].Platform != "adsense" {
		t.Errorf("--platform youtube: %+v; want the AdSense balance in EUR and USD", yt.Rows)
	}
	wantRow(t, rowOf(t, yt, "adsense", "adsense", "EUR"), "80.00", "0.00", "70.00", "0.00", ledger.Payable, "2026-11-21", "")
}

func TestPendingOverrideAndMethod(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	setProfile(t, db, "GB", "GBP")
	importEntries(t, db, "amazon",
		entryOf("amazon-associates", "associates", ledger.KindEarning, "2026-09-15", "30.00", "GBP", ledger.StatusApproved))
	// No method set: bank transfer (25) is assumed.
	r := rowOf(t, pendingOf(t, db, "2026-10-05", ""), "amazon-associates", "associates", "GBP")
	wantRow(t, r, "30.00", "0.00", "25.00", "0.00", ledger.Payable, "2026-11-30", "")
	if !strings.Contains(r.Rule, "bank-transfer assumed") {
		t.Errorf("rule %q does not say the method was assumed", r.Rule)
	}
	// By cheque the minimum is 50.
	if err := db.SetPaymentMethod(ctx, "amazon-associates", "cheque"); err != nil {
		t.Fatal(err)
	}
	r = rowOf(t, pendingOf(t, db, "2026-10-05", ""), "amazon-associates", "associates", "GBP")
	// 20 to go at 10 a month (July to September: 30): two months, so
	// November, whose earnings M+2@EOM pays at the end of January.
	wantRow(t, r, "30.00", "0.00", "50.00", "20.00", ledger.BelowThreshold, "2027-01-31", "2026-11")
	// An override of 20 for any method beats it.
	if err := db.SetThresholdOverride(ctx, ledger.ThresholdOverride{Platform: "amazon-associates", Program: "associates",
		Currency: "GBP", MinPayout: decimal.NewFromInt(20)}); err != nil {
		t.Fatal(err)
	}
	r = rowOf(t, pendingOf(t, db, "2026-10-05", ""), "amazon-associates", "associates", "GBP")
	wantRow(t, r, "30.00", "0.00", "20.00", "0.00", ledger.Payable, "2026-11-30", "")
	if r.Confidence != ledger.ConfidenceOverride {
		t.Errorf("confidence %q; want override", r.Confidence)
	}
}
