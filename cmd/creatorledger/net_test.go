package main

import (
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// netFixture is a month on Stripe and PayPal, worked out by hand in
// TestReportNet.
const netFixture = `date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description
2026-09-01,stripe,charges,earning,100.00,EUR,ch_1,,,approved,,Pattern pack
2026-09-01,stripe,charges,fee,-3.20,EUR,ch_1,,,approved,,Stripe fee
2026-09-03,stripe,charges,earning,40.00,EUR,ch_2,,,reversed,,Pattern pack (charge reversed by Stripe)
2026-09-05,stripe,charges,reversal,-25.00,EUR,re_1,,,approved,,Refund
2026-09-10,stripe,payouts,payout,-71.80,EUR,po_1,,,paid,,STRIPE PAYOUT
2026-09-12,stripe,account,expense,-9.99,EUR,ex_1,,,approved,,Stripe Climate
2026-10-02,paypal,payments,earning,50.00,USD,pp_1,,,approved,Jane,Website payment
2026-10-02,paypal,payments,fee,-2.10,USD,pp_1,,,approved,,PayPal fee
2026-10-04,paypal,conversions,transfer,-47.90,USD,cv_1,,,approved,,Conversion
`

// TestReportNet: income as the income report counts it (the reversed
// charge no longer counts, the refund does), fees and expenses negative,
// payouts and transfers left out.
func TestReportNet(t *testing.T) {
	l := newLedger(t)
	l.ok("import", writeFile(t, t.TempDir(), "month.csv", netFixture))
	got := l.ok("report", "net", "--format", "csv")
	// stripe 2026-09: income 100.00 - 25.00 = 75.00; fees -3.20; expenses -9.99;
	// net 75.00 - 3.20 - 9.99 = 61.81. paypal 2026-10: 50.00, -2.10, 0, 47.90.
	want := "period,platform,currency,income,fees,expenses,net\n" +
		"2026-09,stripe,EUR,75.00,-3.20,-9.99,61.81\n" +
		"2026-10,paypal,USD,50.00,-2.10,0.00,47.90\n"
	if got != want {
		t.Errorf("report net:\n got %s\nwant %s", got, want)
	}
	income := l.ok("report", "income", "--format", "csv")
	if !strings.Contains(income, "2026-09,stripe,charges,EUR,75.00\n") {
		t.Errorf("report net's income is not report income's:\n%s", income)
	}
	if got := l.ok("report", "net", "--by", "year", "--platform", "stripe", "--format", "csv"); got != "period,platform,currency,income,fees,expenses,net\n2026,stripe,EUR,75.00,-3.20,-9.99,61.81\n" {
		t.Errorf("report net --by year --platform stripe:\n%s", got)
	}
	table := l.ok("report", "net")
	if !strings.Contains(table, "total") || !strings.Contains(table, "61.81") {
		t.Errorf("the table:\n%s", table)
	}
	if _, stderr, code := l.run("report", "net", "--by", "week"); code != 2 || !strings.Contains(stderr, "--by") {
		t.Errorf("--by week: exit %d, %s", code, stderr)
	}
}

// TestReportBalances: the balances of the hand-worked month, every
// currency adding up to zero; and, when hledger is installed, the same
// balances as hledger gives for the demo ledger's journal.
func TestReportBalances(t *testing.T) {
	l := newLedger(t)
	l.ok("import", writeFile(t, t.TempDir(), "month.csv", netFixture))
	got := l.ok("report", "balances", "--as-of", "2026-09-30", "--format", "csv")
	// assets:stripe: 100 - 3.20 - 25 - 71.80 - 9.99 = -9.99; the payout is
	// in transit (71.80); the reversed 40.00 counts nowhere.
	want := "account,currency,balance\n" +
		"assets:stripe,EUR,-9.99\n" +
		"assets:transit:stripe,EUR,71.80\n" +
		"income:stripe:charges,EUR,-75.00\n" +
		"expenses:fees:stripe,EUR,3.20\n" +
		"expenses:stripe:account,EUR,9.99\n"
	if got != want {
		t.Errorf("report balances --as-of 2026-09-30:\n got %s\nwant %s", got, want)
	}
	if out := l.ok("report", "balances"); !strings.Contains(out, "Every currency adds up to zero") {
		t.Errorf("the table:\n%s", out)
	}

	if _, err := exec.LookPath("hledger"); err != nil {
		t.Skip("hledger is not installed: the comparison with its balances is skipped (CI installs it)")
	}
	d := demoLedger(t)
	journal := writeFile(t, t.TempDir(), "demo.journal", d.ok("export", "--format", "ledger"))
	out, err := exec.Command("hledger", "-f", journal, "balance", "--flat", "--no-total", "-O", "csv", "--layout=bare").Output()
	if err != nil {
		t.Fatalf("hledger: %v", err)
	}
	norm := func(csv string, quoted bool) []string {
		var lines []string
		for i, line := range strings.Split(strings.TrimSpace(csv), "\n") {
			if i == 0 {
				continue
			}
			if quoted {
				line = strings.ReplaceAll(line, `"`, "")
			}
			f := strings.Split(line, ",")
			if len(f) != 3 {
				t.Fatalf("line %q", line)
			}
			v, err := decimal.NewFromString(f[2])
			if err != nil {
				t.Fatalf("line %q: %v", line, err)
			}
			if !v.IsZero() {
				lines = append(lines, f[0]+" "+f[1]+" "+v.String())
			}
		}
		sort.Strings(lines)
		return lines
	}
	ours := norm(d.ok("report", "balances", "--as-of", "2099-12-31", "--format", "csv"), false)
	theirs := norm(string(out), true)
	if strings.Join(ours, "\n") != strings.Join(theirs, "\n") {
		t.Errorf("report balances and hledger disagree:\nours:\n%s\nhledger:\n%s", strings.Join(ours, "\n"), strings.Join(theirs, "\n"))
	}
}
