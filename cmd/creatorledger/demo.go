package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"
)

// demoData holds sample exports of a Dutch creator (sewing, upcycling) who
// earns on TikTok, YouTube, Amazon Associates, Gumroad, Stripe and PayPal,
// from sponsors she invoices and from workshops she enters by hand, and a
// cut-down ECB rate history (USD and GBP, July to October 2026; made up, as
// the rest: the ECB's real file has every currency since 1999).
//
//go:embed demodata/*.csv
var demoData embed.FS

// demoSteps are the commands the demo runs, in order. Import order matters:
// the TikTok export of 5 September overlaps the one of 3 September and
// confirms its estimates.
var demoSteps = [][]string{
	{"init", "--country", "NL", "--currency", "EUR"},
	{"sources"},
	{"import", "tiktok-rewards-2026-09-03.csv", "tiktok-live-diamonds-2026-10.csv", "youtube-studio-2026-10.csv",
		"amazon-fee-earnings-2026-09.csv", "gumroad-sales-2026-09.csv", "stripe-balance-change-2026-09.csv",
		"paypal-activity-2026.csv", "sponsorship-invoices-2026.csv", "hand-entered.csv", "eurofxref-hist-2026-h2.csv"},
	{"import", "--dry-run", "tiktok-rewards-2026-09-05.csv"},
	{"import", "tiktok-rewards-2026-09-05.csv"},
	{"import", "tiktok-rewards-2026-09-03.csv"},
	{"imports", "list"},
	{"imports", "show", "10"},
	{"report", "income", "--by", "month"},
	{"report", "income", "--by", "quarter", "--platform", "tiktok"},
	{"report", "income", "--from", "2026-09", "--to", "2026-09", "--format", "csv"},
	{"report", "income", "--currency", "EUR", "--by", "quarter"},
	{"report", "rpm"},
	{"report", "rpm", "--items", "--platform", "tiktok"},
	{"thresholds", "list", "--platform", "tiktok"},
	// Amazon.com pays a creator outside the US by gift card from USD 10;
	// the shipped rules are per marketplace country and none is for NL.
	{"settings", "set", "payment-method", "amazon-associates", "gift-card"},
	{"thresholds", "set", "amazon-associates", "associates", "10", "USD", "--method", "gift-card"},
	{"payouts", "pending", "--as-of", "2026-11-10"},
	{"payouts", "list"},
	// The bank statement: the PayPal and Stripe payouts arrive, a brand
	// pays an invoice into the bank, a TikTok deposit needs a word.
	{"import", "ing-current-account-2026-09-10.csv"},
	{"payouts", "reconcile", "--as-of", "2026-11-10"},
	{"report", "income", "--basis", "paid", "--by", "quarter"},
	{"settings", "set", "followers", "tiktok", "25000"},
	{"report", "invoices", "--as-of", "2026-11-10"},
	{"report", "vat", "--by", "quarter"},
	{"report", "net", "--by", "quarter", "--currency", "EUR"},
	{"report", "balances", "--as-of", "2026-10-31"},
	{"export", "--format", "ledger", "--from", "2026-10-01", "--to", "2026-10-09"},
	// The page of it all: in the --keep directory, else in the system's
	// temporary directory (it outlives the demo's ledger, to be opened).
	{"report", "dashboard", "--as-of", "2026-11-10", "--out", "creatorledger-demo-dashboard.html"},
}

func demoCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "demo",
		Usage: "import built-in sample exports into a temporary ledger and print every report",
		Description: `Shows the whole monthly routine on sample data without touching your ledger: the
sample exports are written to a temporary directory, imported into a temporary
ledger (including an overlapping export and a repeated file), and every report is
printed with the command that produced it.

Examples:
   creatorledger demo
   creatorledger demo --keep ./demo-ledger     keep the ledger and sample files to explore`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "keep", Usage: "write the sample files and ledger to `DIR` and keep them"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			dir := c.String("keep")
			pageDir := dir
			if dir == "" {
				pageDir = os.TempDir()
				tmp, err := os.MkdirTemp("", "creatorledger-demo-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(tmp)
				dir = tmp
			} else if err := os.MkdirAll(dir, 0o700); err != nil {
				return err
			}
			files, err := fs.Glob(demoData, "demodata/*.csv")
			if err != nil {
				return err
			}
			for _, f := range files {
				b, err := demoData.ReadFile(f)
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o600); err != nil {
					return err
				}
			}
			db := filepath.Join(dir, "ledger.db")
			for _, step := range demoSteps {
				fmt.Fprintf(e.stdout, "\n$ creatorledger %s\n", strings.Join(step, " "))
				args := []string{"creatorledger", "--db", db}
				for _, a := range step {
					if strings.HasSuffix(a, ".csv") {
						a = filepath.Join(dir, a)
					}
					if strings.HasSuffix(a, ".html") {
						a = filepath.Join(pageDir, a)
					}
					args = append(args, a)
				}
				app := newApp(e)
				if err := app.RunContext(c.Context, flagsFirst(app.Flags, app.Commands, args)); err != nil {
					return fmt.Errorf("demo step %q: %w", strings.Join(step, " "), err)
				}
			}
			if c.IsSet("keep") {
				fmt.Fprintf(e.stdout, "\nThe sample files and the ledger are in %s; try:\n   creatorledger --db %s report income --by year\n", dir, db)
			}
			return nil
		},
	}
}
