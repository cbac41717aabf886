package sqlite

import (
	"context"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

func viewed(e ledger.Entry, views, qualified int64) ledger.Entry {
	e.Views = ledger.Counted(views)
	if qualified >= 0 {
		e.QualifiedViews = ledger.Counted(qualified)
	}
	return e
}

func rpmOf(t *testing.T, db *DB, q ledger.RPMQuery) ledger.RPMReport {
	t.Helper()
	if q.By == "" {
		q.By = ledger.ByMonth
	}
	rep, err := db.RPM(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func rpmRow(t *testing.T, rep ledger.RPMReport, platform, program, currency string) ledger.RPMRow {
	t.Helper()
	for _, r := range rep.Rows {
		if r.Platform == platform && r.Program == program && r.Currency == currency {
			return r
		}
	}
	t.Fatalf("no RPM row %s/%s %s in %+v", platform, program, currency, rep.Rows)
	return ledger.RPMRow{}
}

func TestRPM(t *testing.T) {
	db := newTestDB(t)
	setProfile(t, db, "NL", "EUR")
	tr := func(day, ext, amount string, views, qualified int64) ledger.Entry {
		e := entryOf("tiktok", "creator-rewards", ledger.KindEarning, day, amount, "USD", ledger.StatusApproved)
		e.ExternalID = ext
		return viewed(e, views, qualified)
	}
	importEntries(t, db, "rpm",
		// Creator Rewards pays on qualified views: 103.09 over 147,747.
		tr("2026-09-01", "v1", "86.53", 184203, 121877),
		tr("2026-09-02", "v2", "16.56", 40110, 25870),
		// A clawback without views is left out of the RPM and counted.
		entryOf("tiktok", "creator-rewards", ledger.KindReversal, "2026-09-20", "-3.50", "USD", ledger.StatusReversed),
		// YouTube long-form has views only: 88.04 over 40,650 (2.1658).
		viewed(entryOf("youtube", "long-form", ledger.KindEarning, "2026-10-31", "88.04", "USD", ledger.StatusEstimated), 40650, -1),
		// In EUR there is no verdict against a USD range.
		viewed(entryOf("youtube", "long-form", ledger.KindEarning, "2026-10-31", "8.27", "EUR", ledger.StatusEstimated), 11761, -1),
		// LIVE gifts have no views at all.
		entryOf("tiktok", "live-gifts", ledger.KindEarning, "2026-10-02", "40.00", "USD", ledger.StatusApproved),
		// No estimate is published for Pinterest.
		viewed(entryOf("pinterest", "creator-rewards", ledger.KindEarning, "2026-10-05", "3.00", "USD", ledger.StatusApproved), 1000, -1),
		// A reversed earning does not count, nor its views.
		viewed(entryOf("youtube", "long-form", ledger.KindEarning, "2026-10-30", "500.00", "USD", ledger.StatusReversed), 1, -1),
		// Zero views: nothing to divide by.
		viewed(entryOf("youtube", "shorts", ledger.KindEarning, "2026-10-30", "0.10", "USD", ledger.StatusApproved), 0, -1),
	)
	rep := rpmOf(t, db, ledger.RPMQuery{})
	cr := rpmRow(t, rep, "tiktok", "creator-rewards", "USD")
	if cr.Views != 147747 || !cr.Qualified || !cr.Revenue.Equal(decimal.RequireFromString("103.09")) ||
		cr.RPM.StringFixed(6) != "0.697747" || cr.Verdict != ledger.VerdictWithin ||
		!cr.Estimate.Low.Equal(decimal.RequireFromString("0.40")) || !cr.Estimate.High.Equal(decimal.RequireFromString("1.60")) {
		t.Errorf("creator rewards: %+v; want 103.09 over 147,747 qualified views, RPM 0.697747, within 0.40-1.60", cr)
	}
	yt := rpmRow(t, rep, "youtube", "long-form", "USD")
	if yt.Views != 40650 || yt.Qualified || yt.RPM.StringFixed(6) != "2.165806" || yt.Verdict != ledger.VerdictBelow ||
		yt.Estimate.Country != "NL" {
		t.Errorf("youtube: %+v; want RPM 2.165806 on 40,650 views, below the NL range 2.60-6.00", yt)
	}
	if eur := rpmRow(t, rep, "youtube", "long-form", "EUR"); eur.Verdict != ledger.VerdictNoEstimate || eur.RPM.StringFixed(6) != "0.703171" {
		t.Errorf("youtube EUR: %+v; want RPM 0.703171 and no-estimate against a USD range", eur)
	}
	if p := rpmRow(t, rep, "pinterest", "creator-rewards", "USD"); p.Verdict != ledger.VerdictNoEstimate || p.HasEst || p.RPM.StringFixed(2) != "3.00" {
		t.Errorf("pinterest: %+v; want RPM 3.00 and no-estimate", p)
	}
	for _, r := range rep.Rows {
		if r.Program == "live-gifts" || r.Program == "shorts" {
			t.Errorf("a row for %s/%s, which has no views to divide by", r.Platform, r.Program)
		}
	}
	want := map[string]int64{"tiktok/creator-rewards": 1, "tiktok/live-gifts": 1, "youtube/shorts": 1}
	for k, n := range want {
		if rep.Unviewed[k] != n {
			t.Errorf("unviewed %s = %d; want %d (all: %v)", k, rep.Unviewed[k], n, rep.Unviewed)
		}
	}
	if len(rep.Unviewed) != len(want) {
		t.Errorf("unviewed %v; want %v", rep.Unviewed, want)
	}

	// Another country's range; and no country: any country's.
	setProfile(t, db, "US", "USD")
	if yt := rpmRow(t, rpmOf(t, db, ledger.RPMQuery{}), "youtube", "long-form", "USD"); yt.Verdict != ledger.VerdictBelow || yt.Estimate.Country != "US" {
		t.Errorf("youtube for a US creator: %+v; want below the US range", yt)
	}
	setProfile(t, db, "", "USD")
	if yt := rpmRow(t, rpmOf(t, db, ledger.RPMQuery{}), "youtube", "long-form", "USD"); yt.Verdict != ledger.VerdictWithin || yt.Estimate.Country != "*" {
		t.Errorf("youtube without a country: %+v; want within the 1.00-12.00 range for any country", yt)
	}

	// With an ECB rate, the USD range judges the EUR revenue too: at the
	// rate of 30 October (the last of the week before the 31st's income),
	// 2.60 / 1.1730 = 2.216538789429 and 6.00 / 1.1730 = 5.115089514066 EUR.
	setProfile(t, db, "NL", "EUR")
	if _, err := db.ImportRates(context.Background(), []ledger.Rate{rate("2026-10-30", "USD", "1.1730")}); err != nil {
		t.Fatal(err)
	}
	eur := rpmRow(t, rpmOf(t, db, ledger.RPMQuery{}), "youtube", "long-form", "EUR")
	if eur.Converted == nil || eur.Converted.Low.String() != "2.216538789429" || eur.Converted.High.String() != "5.115089514066" ||
		eur.RateDay.Format(ledger.DateLayout) != "2026-10-31" || eur.Verdict != ledger.VerdictBelow {
		t.Errorf("youtube EUR with a rate: %+v (converted %+v); want below 2.2165-5.1151 EUR", eur, eur.Converted)
	}

	// Per item, the best first; the period and platform filters apply.
	items := rpmOf(t, db, ledger.RPMQuery{Items: true, Platform: "tiktok", By: ledger.ByQuarter})
	if len(items.Rows) != 2 || items.Rows[0].Item != "v1" || items.Rows[1].Item != "v2" || items.Rows[0].Period != "2026-Q3" {
		t.Fatalf("items: %+v; want v1 (0.71) before v2 (0.64) in 2026-Q3", items.Rows)
	}
	if v1 := items.Rows[0]; v1.Views != 121877 || v1.RPM.StringFixed(4) != "0.7100" {
		t.Errorf("v1: %+v; want 86.53 over 121,877 qualified views, RPM 0.7100", v1)
	}
	if items.Unviewed["tiktok/live-gifts"] != 1 || items.Unviewed["tiktok/creator-rewards"] != 1 {
		t.Errorf("items unviewed %v", items.Unviewed)
	}
	if oct := rpmOf(t, db, ledger.RPMQuery{From: date("2026-10-01"), To: date("2026-10-31"), Platform: "tiktok"}); len(oct.Rows) != 0 {
		t.Errorf("tiktok in October: %+v; want nothing (LIVE gifts have no views)", oct.Rows)
	}
}
