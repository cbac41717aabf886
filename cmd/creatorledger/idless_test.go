package main

import (
	"strings"
	"testing"
)

// TestIdlessRevision (issue 13, item 2): the native export of the first
// half of September and the later one of the whole month, both without
// external ids. In the later one a commission went from 10.00 pending to
// 12.50 approved and another was approved: those are updates of the
// entries, not new ones; the two identical LIVE gift rows stay two entries
// and are recognised again.
func TestIdlessRevision(t *testing.T) {
	l := newLedger(t)
	out := l.ok("import", fixture("native", "no-id-2026-09-01_15.csv"))
	if !strings.Contains(out, "4 rows: 4 new, 0 duplicates, 0 updated") {
		t.Errorf("first export: %s", out)
	}
	later := fixture("native", "no-id-2026-09-01_30.csv")
	if dry := l.ok("import", "--dry-run", later); !strings.Contains(dry, "would import 5 rows: 1 new, 2 duplicates, 2 updated") {
		t.Errorf("dry run of the later export: %s", dry)
	}
	out = l.ok("import", later)
	if !strings.Contains(out, "5 rows: 1 new, 2 duplicates, 2 updated") {
		t.Errorf("later export: %s", out)
	}
	// USD: 2 x 18.40 gifts; 12.50 (not 10.00 + 12.50) + 4.75 commissions.
	const want = "period,platform,program,currency,amount\n" +
		"2026-09,amazon-associates,associates,GBP,3.30\n" +
		"2026-09,shopmy,commissions,USD,17.25\n" +
		"2026-09,tiktok,live-gifts,USD,36.80\n"
	if got := l.ok("report", "income", "--format", "csv"); got != want {
		t.Errorf("income\n--- got\n%s--- want\n%s", got, want)
	}
	// The ledger now holds what the later export says, once.
	export := l.ok("export", "--format", "csv")
	if n := strings.Count(export, "\n"); n != 6 {
		t.Errorf("export has %d lines, want a header and 5 entries:\n%s", n, export)
	}
	if !strings.Contains(export, "2026-09-12,shopmy,commissions,earning,12.50,USD,,,,approved,Nordstrom,Wool coat\n") ||
		strings.Contains(export, "10.00") {
		t.Errorf("export:\n%s", export)
	}
}
