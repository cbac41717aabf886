package main

import (
	"strings"
	"testing"
)

const pendingHeader = "platform,program,currency,withdrawable,pending,threshold,remaining,status,next_payout,eta,confidence\n"

// TestAdSenseExample is issue 12's example, through the CLI: a Dutch
// AdSense creator paid in EUR (threshold 70, schedule M+1@21).
func TestAdSenseExample(t *testing.T) {
	l := newLedger(t)
	l.ok("init", "--country", "NL", "--currency", "EUR")
	l.ok("import", fixture("payouts", "adsense-2026-09-10.csv"))
	pending := func(asOf string) string {
		return l.ok("payouts", "pending", "--as-of", asOf, "--format", "csv")
	}
	// September 20 + October 25 = 45: 25 short of 70. At 15 a month
	// (August to October) that takes until December, paid 21 January.
	want := pendingHeader + "adsense,adsense,EUR,45.00,0.00,70.00,25.00,below-threshold,2027-01-21,2026-12,official-copy\n"
	if got := pending("2026-11-10"); got != want {
		t.Errorf("below the threshold:\n got %s\nwant %s", got, want)
	}
	table := l.ok("payouts", "pending", "--as-of", "2026-11-10")
	flat := strings.Join(strings.Fields(table), " ") // notes are wrapped to 100 columns
	for _, s := range []string{"rule adsense/adsense */EUR/any: any country (none for NL), currency EUR, any payment method, official-copy, 2023-05-10; schedule M+1@21",
		"below-threshold", "70.00"} {
		if !strings.Contains(flat, s) {
			t.Errorf("the table does not say %q:\n%s", s, table)
		}
	}

	// With August's 30: 75, paid in the run of 21 November (21st-26th).
	l.ok("import", fixture("payouts", "adsense-2026-08.csv"))
	want = pendingHeader + "adsense,adsense,EUR,75.00,0.00,70.00,0.00,payable,2026-11-21,,official-copy\n"
	if got := pending("2026-11-10"); got != want {
		t.Errorf("payable:\n got %s\nwant %s", got, want)
	}

	// The payout arrives: the balance is zero, 70 to go at 25 a month.
	l.ok("import", fixture("payouts", "adsense-payout-2026-11.csv"))
	want = pendingHeader + "adsense,adsense,EUR,0.00,0.00,70.00,70.00,below-threshold,2027-02-21,2027-01,official-copy\n"
	if got := pending("2026-11-30"); got != want {
		t.Errorf("after the payout:\n got %s\nwant %s", got, want)
	}
	list := l.ok("payouts", "list", "--format", "csv")
	wantList := "date,platform,program,amount,currency,status,external_id,description,import,line,arrived,deposit\n" +
		"2026-11-23,adsense,adsense,-75.00,EUR,paid,PAY-1127-4455-8899,Payment to ING NL12 **** 3456 (EFT),3,2,,\n"
	if list != wantList {
		t.Errorf("payouts list:\n got %s\nwant %s", list, wantList)
	}
	if got := l.ok("payouts", "list", "--to", "2026-10"); !strings.Contains(got, "(nothing to show)") {
		t.Errorf("payouts list --to 2026-10:\n%s", got)
	}
}

func TestPayoutsPendingGolden(t *testing.T) {
	l := newLedger(t)
	l.ok("init", "--country", "NL", "--currency", "EUR")
	l.ok("import", fixture("payouts", "adsense-2026-09-10.csv"), fixture("payouts", "tiktok-2026-10.csv"))
	checkGolden(t, "payouts-pending.table", l.ok("payouts", "pending", "--as-of", "2026-11-10"))
	checkGolden(t, "payouts-pending.json", l.ok("payouts", "pending", "--as-of", "2026-11-10", "--format", "json"))
	// TikTok by hand: 31.20 + 12.05 approved, the -3.50 deduction counts
	// although it is "reversed": 39.75; 9.80 estimated. 10.25 short of the
	// third-party 50; October earned 49.55, so November, paid 15 December.
	// LIVE gifts: 18.40 - 15.00 withdrawn = 3.40, no published minimum.
	want := pendingHeader +
		"tiktok,creator-rewards,USD,39.75,9.80,50.00,10.25,below-threshold,2026-12-15,2026-11,third-party\n" +
		"tiktok,live-gifts,USD,3.40,0.00,,,no-threshold,,,official\n"
	if got := l.ok("payouts", "pending", "--as-of", "2026-11-10", "--platform", "tiktok", "--format", "csv"); got != want {
		t.Errorf("tiktok:\n got %s\nwant %s", got, want)
	}
}

func TestThresholdsAndSettingsCLI(t *testing.T) {
	l := newLedger(t)
	l.ok("init", "--country", "NL", "--currency", "EUR")
	l.ok("import", fixture("payouts", "tiktok-2026-10.csv"))

	list := l.ok("thresholds", "list", "--platform", "adsense", "--format", "csv")
	if n := strings.Count(list, "\n"); n != 17 || !strings.Contains(list, "adsense,adsense,*,EUR,any,70.00,,M+1@21,,official-copy,2023-05-10,https://monetizemore.com/") {
		t.Errorf("thresholds list --platform adsense: %d lines\n%s", n, list)
	}
	if got := l.ok("thresholds", "list", "--country", "GB", "--platform", "amazon-associates", "--format", "csv"); strings.Contains(got, ",US,") || !strings.Contains(got, ",GB,GBP,cheque,50.00,") {
		t.Errorf("--country GB:\n%s", got)
	}

	// An override of the third-party 50: shown as override, and used.
	l.ok("thresholds", "set", "tiktok", "creator-rewards", "25", "USD")
	if got := l.ok("thresholds", "list", "--platform", "tiktok", "--format", "csv"); !strings.Contains(got, "tiktok,creator-rewards,*,USD,any,25.00,,M+1@15,,override,") {
		t.Errorf("the override is not listed:\n%s", got)
	}
	want := "tiktok,creator-rewards,USD,39.75,9.80,25.00,0.00,payable,2026-11-15,,override\n"
	if got := l.ok("payouts", "pending", "--as-of", "2026-11-10", "--platform", "tiktok", "--format", "csv"); !strings.Contains(got, want) {
		t.Errorf("with the override:\n got %s\nwant %s", got, want)
	}
	l.ok("thresholds", "unset", "tiktok", "creator-rewards", "USD")
	if got := l.ok("payouts", "pending", "--as-of", "2026-11-10", "--platform", "tiktok", "--format", "csv"); !strings.Contains(got, ",50.00,10.25,below-threshold,") {
		t.Errorf("after unset:\n%s", got)
	}

	l.ok("settings", "set", "payment-method", "adsense", "bank-transfer")
	settings := l.ok("settings")
	for _, s := range []string{"country   NL", "currency  EUR", "adsense              bank-transfer"} {
		if !strings.Contains(settings, s) {
			t.Errorf("settings lack %q:\n%s", s, settings)
		}
	}
	l.ok("settings", "set", "country", "de")
	if got := l.ok("init"); !strings.Contains(got, "country: DE") {
		t.Errorf("init shows:\n%s", got)
	}
}

// TestPayoutsBadInput: a clear error with a hint, exit 2, nothing changed.
func TestPayoutsBadInput(t *testing.T) {
	l := newLedger(t)
	l.ok("init", "--country", "NL", "--currency", "EUR")
	l.ok("import", fixture("payouts", "tiktok-2026-10.csv"))
	before := l.state() + l.ok("thresholds", "list", "--format", "csv") + l.ok("settings")
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"payouts", "pending", "--as-of", "2026-13-01"}, `--as-of "2026-13-01" is not a date`},
		{[]string{"payouts", "pending", "--as-of", "10-11-2026"}, "want YYYY-MM-DD"},
		{[]string{"payouts", "pending", "--platform", "tiktokk"}, `unknown platform "tiktokk"`},
		{[]string{"report", "rpm", "--platform", "youtub"}, `unknown platform "youtub"`},
		{[]string{"report", "rpm", "--by", "week"}, `--by "week"`},
		{[]string{"thresholds", "list", "--platform", "nosuch"}, `unknown platform "nosuch"`},
		{[]string{"thresholds", "set", "tiktok", "creator-rewards", "1,2O", "USD"}, `amount "1,2O" is not a threshold`},
		{[]string{"thresholds", "set", "--", "tiktok", "creator-rewards", "-5", "USD"}, `amount "-5" is not a threshold`},
		{[]string{"thresholds", "set", "tiktok", "creator-rewards", "-5", "USD"}, "-5"},
		{[]string{"payouts", "pending", "--bogus"}, "-bogus"},
		{[]string{"thresholds", "set", "tiktok", "creator-rewards", "50", "DOLLAR"}, `currency "DOLLAR" is not an ISO 4217 code`},
		{[]string{"thresholds", "set", "tiktok", "creator-rewards", "50", "XYZ"}, `currency "XYZ" is not an ISO 4217 code`},
		{[]string{"thresholds", "set", "tiktok", "creator-rewards", "50"}, "takes PLATFORM PROGRAM AMOUNT CURRENCY"},
		{[]string{"thresholds", "set", "tiktok", "creator-rewards", "50", "USD", "--method", "pigeon"}, `--method "pigeon"`},
		{[]string{"thresholds", "set", "tiktok", "creator-rewards", "50", "USD", "--schedule", "M+1@32"}, "day 32"},
		{[]string{"thresholds", "set", "nosuch", "creator-rewards", "50", "USD"}, `unknown platform "nosuch"`},
		{[]string{"settings", "set", "country", "NLD"}, `country "NLD" is not a two-letter ISO 3166 code`},
		{[]string{"settings", "set", "currency", "EURO"}, `currency "EURO" is not an ISO 4217 code`},
		{[]string{"settings", "set", "payment-method", "adsense", "pigeon"}, `payment method "pigeon"`},
		{[]string{"settings", "set", "payment-method", "nosuch", "paypal"}, `unknown platform "nosuch"`},
		{[]string{"settings", "set", "colour", "blue"}, `unknown setting "colour"`},
		{[]string{"init", "--country", "N1"}, `country "N1"`},
	} {
		out, errOut, code := l.run(c.args...)
		if code != 2 || !strings.Contains(errOut, c.msg) || !strings.Contains(errOut, "try: ") || out != "" {
			t.Errorf("%s: exit %d\nstdout: %s\nstderr: %s\nwant exit 2, %q and a hint", strings.Join(c.args, " "), code, out, errOut, c.msg)
		}
	}
	if _, errOut, code := l.run("thresholds", "unset", "tiktok", "creator-rewards", "USD"); code != 1 || !strings.Contains(errOut, "no override") {
		t.Errorf("unset without an override: exit %d, %s", code, errOut)
	}
	if after := l.state() + l.ok("thresholds", "list", "--format", "csv") + l.ok("settings"); after != before {
		t.Errorf("bad input changed the ledger:\n--- before\n%s--- after\n%s", before, after)
	}
}

func TestRPMGolden(t *testing.T) {
	l := newLedger(t)
	l.ok("init", "--country", "NL", "--currency", "EUR")
	l.ok("import", fixture("payouts", "tiktok-2026-10.csv"), fixture("youtube-studio", "table data 2026-10.csv"), fixture("youtube-studio", "content 2024-09-01_2024-09-30.csv"))
	checkGolden(t, "rpm-month.table", l.ok("report", "rpm"))
	checkGolden(t, "rpm-items.csv", l.ok("report", "rpm", "--items", "--format", "csv"))
	// TikTok by hand: 31.20 + 12.05 + 9.80 = 53.05 over 44,102 + 17,980 +
	// 18,850 = 80,932 qualified views: 0.6555, within 0.40-1.60.
	csv := l.ok("report", "rpm", "--platform", "tiktok", "--format", "csv")
	want := "period,platform,program,views,revenue,currency,rpm,estimate_low,estimate_high,verdict\n" +
		"2026-10,tiktok,creator-rewards,80932,53.05,USD,0.6555,0.40,1.60,within\n"
	if csv != want {
		t.Errorf("tiktok rpm:\n got %s\nwant %s", csv, want)
	}
}
