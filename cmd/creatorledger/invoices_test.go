package main

import (
	"strings"
	"testing"
)

// invoicesLedger is a ledger with testdata/reports/invoices-vat.csv: an
// invoice and a credit note to Dutch brands, one to a German and one to a US
// brand, one without country or VAT, in the third quarter of 2026, and one
// in the fourth; and the ECB's USD rate of 2026-09-01, 1.25.
func invoicesLedger(t *testing.T) *ledgerT {
	l := newLedger(t)
	l.ok("init", "--country", "NL", "--currency", "EUR")
	l.ok("import", fixture("reports", "invoices-vat.csv"), fixture("reports", "invoices-vat-rates.csv"))
	return l
}

func TestInvoicesReportGolden(t *testing.T) {
	l := invoicesLedger(t)
	l.ok("settings", "set", "followers", "tiktok", "25000")
	checkGolden(t, "invoices.table", l.ok("report", "invoices", "--as-of", "2026-10-15"))
	checkGolden(t, "invoices.csv", l.ok("report", "invoices", "--as-of", "2026-10-15", "--format", "csv"))
	checkGolden(t, "invoices-overdue.json", l.ok("report", "invoices", "--as-of", "2026-10-15", "--status", "overdue", "--format", "json"))
	for _, line := range strings.Split(l.ok("report", "invoices", "--as-of", "2026-10-15"), "\n") {
		if n := len([]rune(line)); n > 100 {
			t.Errorf("line of %d columns: %q", n, line)
		}
	}
}

// Aging on 2026-10-15, by hand (days past due, across month ends):
//
//	NL-2 due 2026-08-29: 2 days to 08-31, 30 in September, 15 in October: 47, 31-60
//	EU-1 due 2026-08-31: 30 + 15 = 45, 31-60
//	US-1 due 2026-10-01: 14, 0-30
//	X-1  due 2026-10-10: 5, 0-30
//	NL-3 due 2026-11-04: not due
//
// NL-1 (1000 + 21% = 1210.00, paid 2026-07-20, 19 days after 07-01) is
// netted with credit note CN-1 (-100 - 21 = -121.00): net 900.00, gross
// 1089.00, and paid; CN-1 has no line of its own.
func TestInvoicesReportAging(t *testing.T) {
	l := invoicesLedger(t)
	got := l.ok("report", "invoices", "--as-of", "2026-10-15", "--format", "csv")
	for _, want := range []string{
		"NL-1,Stoffen Noord B.V.,tiktok,2026-07-01,2026-07-31,false,2026-07-20,paid,,,19,1000.00,CN-1,900.00,189.00,1089.00,0.00,0.00,EUR,",
		"NL-2,Naaiwinkel Zuid,youtube,2026-08-15,2026-08-29,false,,overdue,47,31-60,,200.00,,200.00,18.00,218.00,0.00,218.00,EUR,",
		"EU-1,Stoffwerk GmbH,instagram,2026-08-01,2026-08-31,false,,overdue,45,31-60,",
		"US-1,Fabric Co Inc,youtube,2026-09-01,2026-10-01,false,,overdue,14,0-30,",
		"X-1,Unknown Brand,tiktok,2026-09-10,2026-10-10,false,,overdue,5,0-30,,300.00,,300.00,0.00,300.00,0.00,300.00,EUR,,missing,",
		"NL-3,Stoffen Noord B.V.,tiktok,2026-10-05,2026-11-04,false,,open,-20,,",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no line %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "\nCN-1,") {
		t.Errorf("the credit note has a line of its own:\n%s", got)
	}
	// On the last day of September, NL-2 is 32 days overdue (2 + 30) and
	// EU-1 30 (the whole of September): the bucket changes at 31 days.
	sep := l.ok("report", "invoices", "--as-of", "2026-09-30", "--status", "overdue", "--format", "csv")
	for _, want := range []string{",overdue,32,31-60,", ",overdue,30,0-30,"} {
		if !strings.Contains(sep, want) {
			t.Errorf("2026-09-30: no %q in\n%s", want, sep)
		}
	}
	if paid := l.ok("report", "invoices", "--as-of", "2026-10-15", "--status", "paid", "--format", "csv"); strings.Count(paid, "\n") != 2 {
		t.Errorf("--status paid: want NL-1 alone\n%s", paid)
	}
}

// The VAT summary of the fixture, by hand, in EUR:
//
//	2026-Q3 vat-rate 21: NL-1 1000.00 + CN-1 -100.00 = 900.00; VAT 210.00 - 21.00 = 189.00 (2)
//	2026-Q3 vat-rate 9:  NL-2 200.00; VAT 18.00 (1)
//	2026-Q3 customer nl: 1000.00 + 200.00 - 100.00 = 1100.00; VAT 207.00 (3)
//	2026-Q3 customer eu-reverse-charge: EU-1 500.00 (DE) (1)
//	2026-Q3 customer non-eu: US-1 1000.00 USD / 1.25 = 800.00 (1)
//	2026-Q3 customer unknown: X-1 300.00 (no country, no VAT) (1)
//	2026-Q4 vat-rate 21 and customer nl: NL-3 50.00; VAT 10.50 (1)
//	2026 KOR nl: 1100.00 + 50.00 = 1150.00; all: 1150.00 + 500.00 + 800.00 + 300.00 = 2750.00
func TestVATSummary(t *testing.T) {
	l := invoicesLedger(t)
	want := `period,section,group,turnover_eur,vat_eur,invoices,note
2026-Q3,vat-rate,21,900.00,189.00,2,
2026-Q3,vat-rate,9,200.00,18.00,1,
2026-Q3,customer,nl,1100.00,207.00,3,
2026-Q3,customer,eu-reverse-charge,500.00,0.00,1,
2026-Q3,customer,non-eu,800.00,0.00,1,
2026-Q3,customer,unknown,300.00,0.00,1,
2026-Q4,vat-rate,21,50.00,10.50,1,
2026-Q4,customer,nl,50.00,10.50,1,
2026,kor,nl,1150.00,,4,below-threshold
2026,kor,all,2750.00,,7,below-threshold
`
	if got := l.ok("report", "vat", "--format", "csv"); got != want {
		t.Errorf("report vat:\n%s\nwant:\n%s", got, want)
	}
	checkGolden(t, "vat-quarter.table", l.ok("report", "vat"))
	checkGolden(t, "vat-year.json", l.ok("report", "vat", "--by", "year", "--format", "json"))
}
