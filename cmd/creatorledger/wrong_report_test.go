package main

import (
	"strings"
	"testing"
)

// TestFeeOrdersRefused imports Amazon Associates' Fee-Orders report, which
// lists orders and no earnings: it must be recognised (not "unknown
// format"), refused with a positioned error and a hint to import the
// Fee-Earnings report of the same period, and leave the ledger as it was.
func TestFeeOrdersRefused(t *testing.T) {
	l := newLedger(t)
	l.ok("import", fixture("native", "multi-platform.csv"))
	before := l.state()
	for _, args := range [][]string{
		{"import", fixture("amazon-associates-fee-orders", "bad-fee-orders-us.csv")},
		{"import", "--dry-run", fixture("amazon-associates-fee-orders", "bad-fee-orders-us.csv")},
	} {
		out, errOut, code := l.run(args...)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1\n%s", strings.Join(args, " "), code, errOut)
		}
		for _, want := range []string{
			"bad-fee-orders-us.csv:2: Amazon Associates Fee-Orders report: it lists orders",
			"not earnings, and has no commission column (Ad Fees); import the Fee-Earnings report from 2026-09-01 to 2026-09-30 instead; nothing imported from this file\n",
			"try: creatorledger import FILE   (FILE: Amazon Associates' Fee-Earnings report from 2026-09-01 to 2026-09-30)\n",
		} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", strings.Join(args, " "), want, errOut)
			}
		}
		if strings.Contains(errOut, "matches no source") || out != "" {
			t.Errorf("%s: stdout %q, stderr %q", strings.Join(args, " "), out, errOut)
		}
	}
	if after := l.state(); after != before {
		t.Errorf("the Fee-Orders report changed the ledger\n--- before\n%s--- after\n%s", before, after)
	}
	// The report the hint names imports.
	if out := l.ok("import", fixture("amazon-associates-us", "fee-earnings-2026-09.csv")); !strings.Contains(out, "(amazon-associates-us): import") {
		t.Errorf("Fee-Earnings: %s", out)
	}
}

// TestYouTubeWithoutRevenueRefused imports a YouTube Studio export without
// the Estimated revenue metric: recognised, refused with a hint, nothing
// written.
func TestYouTubeWithoutRevenueRefused(t *testing.T) {
	l := newLedger(t)
	l.ok("import", fixture("native", "multi-platform.csv"))
	before := l.state()
	_, errOut, code := l.run("import", fixture("youtube-studio-no-revenue", "bad-table data 2026-10.csv"))
	if code != 1 || !strings.Contains(errOut, "bad-table data 2026-10.csv:1: YouTube Studio export without an Estimated revenue column") ||
		!strings.Contains(errOut, "try: creatorledger import FILE   (FILE: the YouTube Studio export of the same period with the Estimated revenue metric)\n") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	if after := l.state(); after != before {
		t.Errorf("the export changed the ledger\n--- before\n%s--- after\n%s", before, after)
	}
}
