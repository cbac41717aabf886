package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestIncomeInEUR converts a Dutch creator's USD income at the ECB rate of
// each entry's date, against figures worked out by hand, and names the
// missing rate.
func TestIncomeInEUR(t *testing.T) {
	l := newLedger(t)
	l.ok("init", "--country", "NL", "--currency", "EUR")
	l.ok("import", fixture("payouts", "tiktok-2026-10.csv"), fixture("payouts", "adsense-2026-09-10.csv"))
	if _, errOut, code := l.run("report", "income", "--currency", "EUR"); code != 2 || !strings.Contains(errOut, "no exchange rates yet") ||
		!strings.Contains(errOut, "try: ") {
		t.Fatalf("without rates: exit %d, %s", code, errOut)
	}
	l.ok("rates", "import", fixture("ecb", "eurofxref-hist-2026-10.csv"))
	// By hand, at 12 decimals, shown in cents:
	//   31.20 USD on Saturday 3 October at Friday's 1.1750 = 26.553191489362
	//   12.05 USD on 9 October at 1.1712                   = 10.288592896175
	//   -3.50 USD on 14 October at 9 October's 1.1712      = -2.988387978142
	//   creator-rewards                                       33.853396407395 = 33.85
	//   18.40 USD LIVE gifts on 5 October at 1.1733         = 15.682263700673 = 15.68
	//   9.80 USD on 21 October: the last rate is 12 days older: left out.
	want := "period,platform,program,currency,amount\n" +
		"2026-09,adsense,adsense,EUR,20.00\n" +
		"2026-10,adsense,adsense,EUR,25.00\n" +
		"2026-10,tiktok,creator-rewards,EUR,33.85\n" +
		"2026-10,tiktok,live-gifts,EUR,15.68\n"
	out, errOut, code := l.run("report", "income", "--currency", "EUR", "--format", "csv")
	if code != 0 || out != want {
		t.Errorf("exit %d\n got %s\nwant %s", code, out, want)
	}
	if !strings.Contains(errOut, "USD on 2026-10-21 (1 entries)") {
		t.Errorf("stderr does not name the missing rate:\n%s", errOut)
	}
	var doc struct {
		Rows     []map[string]string `json:"rows"`
		Currency string              `json:"currency"`
		Missing  []struct {
			Currency, Date string
			Entries        int
		} `json:"missing_rates"`
		LeftOut int `json:"left_out_entries"`
	}
	js := l.ok("report", "income", "--currency", "eur", "--by", "year", "--format", "json")
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatalf("json: %v\n%s", err, js)
	}
	if doc.Currency != "EUR" || doc.LeftOut != 1 || len(doc.Missing) != 1 || doc.Missing[0].Date != "2026-10-21" || len(doc.Rows) != 3 {
		t.Errorf("json: %+v", doc)
	}
	if _, errOut, code := l.run("report", "income", "--currency", "CHF"); code != 2 || !strings.Contains(errOut, "no ECB rates for CHF") {
		t.Errorf("a currency without rates: exit %d, %s", code, errOut)
	}
	if _, _, code := l.run("report", "income", "--currency", "EURO"); code != 2 {
		t.Errorf("a bad currency: exit %d", code)
	}
}

// TestImportDetectsECBRates: import recognises an ECB rate file among the
// exports and stores its rates instead of refusing it.
func TestImportDetectsECBRates(t *testing.T) {
	l := newLedger(t)
	out := l.ok("import", fixture("ecb", "eurofxref.csv"), fixture("payouts", "tiktok-2026-10.csv"))
	if !strings.Contains(out, "eurofxref.csv (ecb rates): 29 rates from 2026-02-06 to 2026-02-06: 29 new") {
		t.Errorf("import of an ECB file:\n%s", out)
	}
	if got := l.ok("rates", "list", "--currency", "GBP", "--format", "csv"); got != "date,currency,per_eur\n2026-02-06,GBP,0.86825\n" {
		t.Errorf("rates list:\n%s", got)
	}
	if got := l.ok("import", "--dry-run", fixture("ecb", "eurofxref-hist.csv")); !strings.Contains(got, "would import 236 rates") {
		t.Errorf("dry run:\n%s", got)
	}
	if got := l.ok("rates", "list", "--format", "csv"); strings.Contains(got, "BGN") {
		t.Errorf("the dry run stored rates:\n%s", got)
	}
}

// TestGrandTotalInReportingCurrency: the table of a ledger in EUR and USD
// ends with the total in the reporting currency, the same as the total of
// report income --currency EUR.
func TestGrandTotalInReportingCurrency(t *testing.T) {
	l := demoLedger(t)
	converted := l.ok("report", "income", "--currency", "EUR")
	var total string
	for _, line := range strings.Split(converted, "\n") {
		if f := strings.Fields(line); len(f) >= 3 && f[0] == "total" && f[1] == "EUR" {
			total = f[2]
		}
	}
	if total == "" {
		t.Fatalf("no EUR total in:\n%s", converted)
	}
	table := l.ok("report", "income")
	if want := "grand total in EUR (your reporting currency, ECB rate of each entry's date): " + total + "\n"; !strings.Contains(table, want) {
		t.Errorf("the table does not end with %q:\n%s", want, table)
	}
	// Without a reporting currency there is none.
	files, err := filepath.Glob(filepath.Join("demodata", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatal(err, files)
	}
	l2 := newLedger(t)
	l2.ok(append([]string{"import"}, files...)...)
	if got := l2.ok("report", "income"); strings.Contains(got, "grand total") {
		t.Errorf("a grand total without a reporting currency:\n%s", got)
	}
}
