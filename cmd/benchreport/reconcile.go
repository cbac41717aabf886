package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// rowsBank is the size of the busy year's bank statement: 100,000 rows
// against 10,000 payouts and 5,000 invoices (DESIGN.md, issue 14).
const rowsBank = 100_000

// convertedIncome adds the ECB rates of the native file's three years to
// the 10M-entry ledger and times the income report in euros over it.
func (b *bench) convertedIncome() error {
	rates := filepath.Join(b.dir, "eurofxref-hist.csv")
	if _, err := measure(b.genBin, "-format", "ecb-hist", "-o", rates); err != nil {
		return err
	}
	if _, err := measure(b.ledgerBin, "--db", filepath.Join(b.dir, "ledger-10.db"), "rates", "import", rates); err != nil {
		return err
	}
	return b.reportRun([]string{"report", "income", "--currency", "EUR", "--format", "csv"})
}

// reconcileRun builds a busy year's ledger (an ING statement, the platforms'
// payouts and the sponsorship invoices; the imports reconcile as they go)
// and times payouts reconcile over it, median of three.
func (b *bench) reconcileRun(rows int) error {
	db := filepath.Join(b.dir, "ledger-r.db")
	var files []string
	for _, part := range []string{"payouts", "invoices", "bank"} {
		name := filepath.Join(b.dir, "busy-year-"+part+".csv")
		if _, err := measure(b.genBin, "-format", "busy-year-"+part, "-rows", fmt.Sprint(rows), "-o", name); err != nil {
			return err
		}
		files = append(files, name)
	}
	im, err := measure(b.ledgerBin, append([]string{"--db", db, "import"}, files...)...)
	if err != nil {
		return err
	}
	want := fmt.Sprintf("reconciled: %d deposit(s) placed as payouts, %d payment(s) settle invoices", rows/10, rows/20*4/5)
	if !strings.Contains(im.stdout, want) {
		return fmt.Errorf("the busy year did not reconcile as built: %q, want %q", strings.TrimSpace(im.stdout), want)
	}
	b.note("import of the busy year (%s bank rows, %s payouts, %s invoices), reconciling as it goes: %s", count(rows), count(rows/10), count(rows/20), secs(im))
	var runs []measurement
	for range 3 {
		r, err := measure(b.ledgerBin, "--db", db, "payouts", "reconcile", "--as-of", "2027-01-31", "--format", "csv")
		if err != nil {
			return err
		}
		if n := strings.Count(r.stdout, "\nmatched,"); n != rows/10 {
			return fmt.Errorf("payouts reconcile matched %d payouts, want %d", n, rows/10)
		}
		runs = append(runs, r)
	}
	slices.SortFunc(runs, func(x, y measurement) int { return int(x.wall - y.wall) })
	rep := runs[1]
	b.record(result{what: fmt.Sprintf("payouts reconcile, %s bank rows against %s payouts and %s invoices (median of 3)", count(rows), count(rows/10), count(rows/20)),
		figure: fmt.Sprintf("%s, peak %.0f MiB", secs(rep), rep.peakMiB()), target: fmt.Sprintf("< %.0f s, < %.0f MiB", maxReportSeconds, maxPeakMiB),
		pass: rep.seconds() < maxReportSeconds && rep.peakMiB() < maxPeakMiB})
	b.note("payouts reconcile runs: %s, %s, %s", secs(runs[0]), secs(runs[1]), secs(runs[2]))
	return nil
}

// platformDashboard times report dashboard over a ledger of as many
// entries as the income report's, all of them platform earnings (TikTok
// Creator Rewards, a row per video and day, with views), with the ECB
// rates: a creator's ledger as most are, without the hundreds of
// thousands of sponsorship invoices the native file's mix gives (one row
// in nine), whose invoices panel reads every invoice.
func (b *bench) platformDashboard() error {
	rows := b.rows10M
	name := filepath.Join(b.dir, "tiktok-creator-rewards.csv")
	if _, err := measure(b.genBin, "-format", "tiktok-creator-rewards", "-rows", fmt.Sprint(rows), "-o", name); err != nil {
		return err
	}
	db := filepath.Join(b.dir, "ledger-t.db")
	if _, err := measure(b.ledgerBin, "--db", db, "init", "--country", "NL", "--currency", "EUR"); err != nil {
		return err
	}
	im, err := measure(b.ledgerBin, "--db", db, "import", name, filepath.Join(b.dir, "eurofxref-hist.csv"))
	if err != nil {
		return err
	}
	removeLedger(name)
	b.note("import of %s TikTok Creator Rewards rows (to build the platform ledger): %s", count(rows), secs(im))
	var runs []measurement
	for range 3 {
		r, err := measure(b.ledgerBin, "--db", db, "report", "dashboard", "--as-of", "2026-12-31", "--out", "-")
		if err != nil {
			return err
		}
		if !strings.Contains(r.stdout, "</html>") {
			return fmt.Errorf("report dashboard wrote no page: %q", lastLines(r.stdout, 3))
		}
		runs = append(runs, r)
	}
	slices.SortFunc(runs, func(x, y measurement) int { return int(x.wall - y.wall) })
	rep := runs[1]
	b.record(result{what: fmt.Sprintf("report dashboard over %s TikTok Creator Rewards entries (median of 3)", count(rows)),
		figure: fmt.Sprintf("%s, peak %.0f MiB", secs(rep), rep.peakMiB()), target: fmt.Sprintf("< %.0f s, < %.0f MiB", maxDashboardSeconds, maxPeakMiB),
		pass: rep.seconds() < maxDashboardSeconds && rep.peakMiB() < maxPeakMiB})
	b.note("report dashboard (platform ledger) runs: %s, %s, %s", secs(runs[0]), secs(runs[1]), secs(runs[2]))
	removeLedger(db)
	return nil
}
