package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/dashboard"
)

// defaultDashboard is where report dashboard writes without --out.
const defaultDashboard = "creatorledger-dashboard.html"

func dashboardCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "dashboard",
		Usage: "one self-contained HTML page with charts: income, RPM, payouts, invoices, the bank",
		Description: `Writes one HTML file that opens offline in any browser (nothing is fetched: the
charts are SVG drawn by creatorledger, the styles inline, no script) and shows, for
--as-of (default today):

   income      per month as bars stacked by platform, over the 12 months up to
               --as-of, converted to your reporting currency at the ECB rates (the
               missing rates named), with totals; per program under "Per program"
   RPM         per platform and program and month, against its estimate range
   payouts     each balance against its payout threshold, with what remains, the
               next payout date and the ETA
   invoices    open and overdue sponsorship invoices, what is owed by days past due
   bank        payouts that never reached the bank, deposits nobody could place

Every figure is one the CLI prints for the same ledger and date: each panel names
its command (report income --currency CUR --from ... --to ..., report rpm, payouts
pending, report invoices --status open, payouts reconcile). Like payouts reconcile,
it first reconciles the bank statements with the payouts, as of --as-of. Without a
reporting currency (creatorledger settings set currency EUR) the income is shown in
EUR, and the page says so. A table is behind every chart, and the page prints on A4.
The file is private (mode 0600), like the ledger.

Examples:
   creatorledger report dashboard                     writes ./creatorledger-dashboard.html
   creatorledger report dashboard --out ~/dashboard.html --as-of 2026-11-10
   creatorledger report dashboard --out - > page.html`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Value: defaultDashboard, Usage: "write the page to `FILE` (- for stdout)"},
			&cli.StringFlag{Name: "as-of", Usage: "the state on `DATE` (YYYY-MM-DD; default today)"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			out := c.String("out")
			if out == "" {
				return withHint(usagef("--out: want a file name, or - for stdout"), "--out "+defaultDashboard)
			}
			db, err := openLedger(c)
			if err != nil {
				return err
			}
			defer db.Close()
			asOf, err := asOfFlag(c, db.Clock())
			if err != nil {
				return err
			}
			data, err := dashboardData(c.Context, db, asOf)
			if err != nil {
				return err
			}
			if out == "-" {
				return dashboard.Write(e.stdout, data)
			}
			path, err := writeDashboard(out, data)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "wrote the dashboard on %s to %s\n", asOf.Format(ledger.DateLayout), path)
			return nil
		},
	}
}

// dashboardData runs the reports the dashboard shows, as the CLI runs and
// rounds them, and names the commands that print the same figures.
func dashboardData(ctx context.Context, db ledger.Store, asOf time.Time) (dashboard.Data, error) {
	d := dashboard.Data{AsOf: asOf, From: time.Date(asOf.Year(), asOf.Month()-11, 1, 0, 0, 0, 0, time.UTC)}
	prof, err := db.Profile(ctx)
	if err != nil {
		return d, err
	}
	d.Country, d.Currency = prof.Country, prof.Currency
	if d.Currency == "" {
		d.Currency = "EUR"
		d.CurrencyNote = "The ledger sets no reporting currency, so income is shown in EUR, the currency of the ECB's rates " +
			"(to choose another: creatorledger settings set currency CUR)."
	}
	day, from := asOf.Format(ledger.DateLayout), d.From.Format("2006-01")
	d.Commands = dashboard.Commands{
		Income:    fmt.Sprintf("creatorledger report income --currency %s --from %s --to %s", d.Currency, from, day),
		RPM:       fmt.Sprintf("creatorledger report rpm --from %s --to %s", from, day),
		Pending:   "creatorledger payouts pending --as-of " + day,
		Invoices:  "creatorledger report invoices --status open --as-of " + day,
		Reconcile: "creatorledger payouts reconcile --as-of " + day,
	}
	// First, as payouts reconcile does: the income report reads the
	// matches it keeps (a payment that settles an invoice counts once).
	// A ledger with nothing to place (no bank statement, payout or
	// payment) needs no reconciliation: it would only read its entries.
	if need, err := db.NeedsReconcile(ctx); err != nil {
		return d, err
	} else if need {
		if d.Reconciliation, err = db.Reconcile(ctx, asOf); err != nil {
			return d, err
		}
	}
	if d.Income, err = db.IncomeIn(ctx, ledger.IncomeQuery{From: d.From, To: asOf, By: ledger.ByMonth, Currency: d.Currency}); err != nil {
		return d, err
	}
	roundConverted(d.Income.Rows, d.Currency)
	if d.RPM, err = db.RPM(ctx, ledger.RPMQuery{From: d.From, To: asOf, By: ledger.ByMonth}); err != nil {
		return d, err
	}
	roundRPM(d.RPM.Rows)
	if d.Pending, err = db.PendingPayouts(ctx, ledger.PendingQuery{AsOf: asOf}); err != nil {
		return d, err
	}
	if d.Invoices, err = db.OpenInvoices(ctx, asOf, dashboard.MaxInvoiceLines); err != nil {
		return d, err
	}
	return d, nil
}

// roundRPM rounds each row's RPM and converted estimate range as report
// rpm shows them (rpmShown decimals).
func roundRPM(rows []ledger.RPMRow) {
	for i := range rows {
		rows[i].RPM = rows[i].RPM.RoundBank(rpmShown)
		if c := rows[i].Converted; c != nil {
			r := *c
			r.Low, r.High = r.Low.RoundBank(rpmShown), r.High.RoundBank(rpmShown)
			rows[i].Converted = &r
		}
	}
}

// writeDashboard writes the page to a temporary file beside path and
// renames it over path, so that a browser or a reader never sees half a
// page; it returns the absolute path.
func writeDashboard(path string, d dashboard.Data) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".*") // mode 0600
	if err != nil {
		return "", fmt.Errorf("write dashboard: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing
	if err := dashboard.Write(tmp, d); err != nil {
		tmp.Close()
		return "", fmt.Errorf("write dashboard %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("write dashboard %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("write dashboard %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), abs); err != nil {
		return "", fmt.Errorf("write dashboard: %w", err)
	}
	return abs, nil
}
