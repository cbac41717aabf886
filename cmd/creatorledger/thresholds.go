package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/importers"
	"github.com/creatorledger/creatorledger/ledger"
)

func thresholdsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "thresholds",
		Usage: "the minimum payout rules of each platform, and your own",
		Description: `The program ships the payout thresholds platforms publish (or that others copied
from them), each with its source, date and confidence: official, official-copy
or third-party. Where your platform shows another figure, set your own: it
beats the shipped rules and shows as "override".`,
		Subcommands: []*cli.Command{thresholdsListCommand(e), thresholdsSetCommand(e), thresholdsUnsetCommand(e)},
	}
}

func thresholdsListCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "list",
		Usage: "list the threshold rules: your overrides first, then the shipped ones",
		Description: `Columns (csv, json): platform,program,country,currency,payment_method,min_payout,
hold,schedule,arrival_days,confidence,as_of,source,notes. An empty min_payout means
the platform publishes none (unknown, not zero). The table numbers each rule's
confidence, date and source and lists them below it; --wide shows confidence and
date as columns.

Examples:
   creatorledger thresholds list
   creatorledger thresholds list --platform adsense --wide
   creatorledger thresholds list --country NL --format csv`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "platform", Usage: "only this `PLATFORM`"},
			&cli.StringFlag{Name: "country", Usage: "only rules for this country `CC` (and for any country)"},
			formatFlag(formatTable, formatCSV, formatJSON), wideFlag(),
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			format, err := outputFormat(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			country := ""
			if c.IsSet("country") {
				if country, err = ledger.NormaliseCountry(c.String("country")); err != nil {
					return withHint(usageError{err}, "creatorledger thresholds list --country NL")
				}
			}
			db, err := openLedgerIfAny(c)
			if err != nil {
				return err
			}
			if db != nil {
				defer db.Close()
			}
			platform := strings.ToLower(c.String("platform"))
			if platform != "" {
				if err := knownPlatform(c, db, platform); err != nil {
					return err
				}
			}
			var rules []ledger.Rule
			if db != nil {
				rules, err = db.Rules(c.Context)
			} else {
				rules, err = ledger.ShippedRules()
			}
			if err != nil {
				return err
			}
			t := &table{cols: []column{{"platform", labelCell}, {"program", labelCell}, {"country", wordCell},
				{"currency", wordCell}, {"payment_method", wordCell}, {"min_payout", amountCell}, {"hold", wordCell},
				{"schedule", wordCell}, {"arrival_days", countCell}, {"confidence", wordCell}, {"as_of", wordCell},
				{"source", textCell}, {"notes", textCell}}}
			t.widen(c)
			for _, r := range rules {
				if (platform != "" && r.Platform != platform) || (country != "" && r.Country != country && r.Country != "*") {
					continue
				}
				min := ""
				if r.HasMin {
					min = ledger.FormatAmount(r.MinPayout, r.Currency)
				}
				arrival := ""
				if r.ArrivalDays > 0 {
					arrival = itoa(r.ArrivalDays)
				}
				t.add(r.Platform, r.Program, r.Country, r.Currency, r.Method, min, r.Hold.String(), r.Schedule.String(),
					arrival, r.Confidence, r.AsOf, r.Source, r.Notes)
			}
			if format != formatTable {
				return t.render(e.stdout, format)
			}
			// People get the rule and a number for its source, listed below
			// the table (in 100 columns, with its confidence and date);
			// the notes are in csv and json.
			var sources []string
			for _, r := range t.rows {
				src := r[11]
				if !t.wide {
					src = r[9] + ", " + orUnknown(r[10]) + ": " + src
				}
				n := slices.Index(sources, src)
				if n < 0 {
					sources = append(sources, src)
					n = len(sources) - 1
				}
				r[11] = fmt.Sprintf("[%d]", n+1)
			}
			if t.wide {
				t = t.only("platform", "program", "country", "currency", "payment_method", "min_payout", "schedule", "confidence", "as_of", "source")
			} else {
				t = t.only("platform", "program", "country", "currency", "payment_method", "min_payout", "schedule", "source").
					rename("currency", "cur").rename("payment_method", "method").rename("source", "note")
			}
			if err := t.render(e.stdout, format); err != nil {
				return err
			}
			if len(sources) > 0 {
				fmt.Fprintln(e.stdout)
			}
			for i, src := range sources {
				n := fmt.Sprintf("[%d] ", i+1)
				wrap(e.stdout, n, strings.Repeat(" ", len(n)), src, tableWidth, t.wide)
			}
			return nil
		},
	}
}

func thresholdsSetCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "set",
		Usage:     "set your own threshold for a platform's program",
		ArgsUsage: "PLATFORM PROGRAM AMOUNT CURRENCY",
		Description: `Keeps the rule in the ledger; it beats the shipped rules for that platform, program,
currency and payment method (any method unless --method). Without --schedule it keeps
the schedule of the shipped rule. Schedules: M+<n>@<day|EOM>, SM@d1,d2, MD@day,
W@MON..SUN, D, AUTO, REQ, INSTANT (options separated by |).

Examples:
   creatorledger thresholds set tiktok creator-rewards 50 USD
   creatorledger thresholds set amazon-associates associates 25 EUR --method bank-transfer
   creatorledger thresholds set adsense adsense 100 USD --schedule 'M+1@21'`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "method", Usage: "only for this payment `METHOD` (" + strings.Join(ledger.PaymentMethods, ", ") + ")"},
			&cli.StringFlag{Name: "schedule", Usage: "the payout `SCHEDULE`, e.g. M+1@21 (default: the shipped rule's)"},
		},
		Action: func(c *cli.Context) error {
			const hint = "creatorledger thresholds set tiktok creator-rewards 50 USD"
			args := c.Args().Slice()
			if len(args) != 4 {
				return withHint(usagef("thresholds set takes PLATFORM PROGRAM AMOUNT CURRENCY, got %d argument(s)", len(args)), hint)
			}
			o := ledger.ThresholdOverride{Platform: strings.ToLower(args[0]), Program: strings.ToLower(args[1])}
			amount, err := importers.ParseAmount(args[2], importers.DecimalAuto)
			if err != nil || amount.IsNegative() {
				return withHint(usagef("amount %q is not a threshold (a number such as 50 or 70.00)", args[2]), hint)
			}
			o.MinPayout = amount
			if o.Currency, err = ledger.NormaliseCurrency(args[3]); err != nil {
				return withHint(usageError{err}, hint)
			}
			if o.Method, err = methodFlag(c); err != nil {
				return err
			}
			if s := c.String("schedule"); s != "" {
				if o.Schedule, err = ledger.ParseSchedule(s); err != nil || len(o.Schedule) == 0 {
					return withHint(usagef("--schedule: %v", err), "creatorledger thresholds set --help")
				}
			}
			db, err := openLedger(c)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := knownPlatform(c, db, o.Platform); err != nil {
				return err
			}
			if err := db.SetThresholdOverride(c.Context, o); err != nil {
				if errors.Is(err, ledger.ErrInvalid) {
					return withHint(usageError{err}, hint)
				}
				return err
			}
			method := o.Method
			if method == "" {
				method = "any"
			}
			fmt.Fprintf(e.stdout, "threshold for %s/%s set: %s %s (payment method %s)\n", o.Platform, o.Program,
				ledger.FormatAmount(o.MinPayout, o.Currency), o.Currency, method)
			return nil
		},
	}
}

func thresholdsUnsetCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "unset",
		Usage:     "remove a threshold you set, so the shipped rule applies again",
		ArgsUsage: "PLATFORM PROGRAM CURRENCY",
		Description: `Examples:
   creatorledger thresholds unset tiktok creator-rewards USD
   creatorledger thresholds unset amazon-associates associates EUR --method bank-transfer`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "method", Usage: "the payment `METHOD` the override is for (default any)"},
		},
		Action: func(c *cli.Context) error {
			const hint = "creatorledger thresholds unset tiktok creator-rewards USD"
			args := c.Args().Slice()
			if len(args) != 3 {
				return withHint(usagef("thresholds unset takes PLATFORM PROGRAM CURRENCY, got %d argument(s)", len(args)), hint)
			}
			cur, err := ledger.NormaliseCurrency(args[2])
			if err != nil {
				return withHint(usageError{err}, hint)
			}
			method, err := methodFlag(c)
			if err != nil {
				return err
			}
			db, err := openLedger(c)
			if err != nil {
				return err
			}
			defer db.Close()
			platform, program := strings.ToLower(args[0]), strings.ToLower(args[1])
			if err := db.UnsetThresholdOverride(c.Context, platform, program, cur, method); err != nil {
				if errors.Is(err, ledger.ErrNotFound) {
					return withHint(err, "creatorledger thresholds list --platform "+platform)
				}
				return err
			}
			fmt.Fprintf(e.stdout, "threshold override for %s/%s in %s removed\n", platform, program, cur)
			return nil
		},
	}
}

// methodFlag reads --method: "" when not given.
func methodFlag(c *cli.Context) (string, error) {
	m := strings.ToLower(c.String("method"))
	if m != "" && !ledger.ValidPaymentMethod(m) {
		return "", withHint(usagef("--method %q: want one of %s", c.String("method"), strings.Join(ledger.PaymentMethods, ", ")),
			"--method bank-transfer")
	}
	return m, nil
}

// openLedgerIfAny opens the ledger when it exists, as openLedger does, and
// returns nil when there is none (commands that show shipped data work
// without one).
func openLedgerIfAny(c *cli.Context) (ledger.Store, error) {
	path, err := dbPath(c)
	if err != nil {
		return nil, err
	}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return openLedger(c)
}
