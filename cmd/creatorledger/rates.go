package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/importers"
	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/sqlite"
)

func ratesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "rates",
		Usage: "ECB euro reference rates, for reports in one currency",
		Description: `The European Central Bank publishes the euro reference rates of about 30 currencies
every TARGET business day: the daily file eurofxref.csv (in eurofxref.zip) and the
whole history eurofxref-hist.csv (in eurofxref-hist.zip), both from
https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/.
A day without a rate (a weekend, a holiday) takes the latest rate before it, up to 7
days back; beyond that the rate is missing and reports say so, never guess.`,
		Subcommands: []*cli.Command{ratesImportCommand(e), ratesListCommand(e)},
	}
}

func ratesImportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "import ECB reference rate files (daily or history)",
		ArgsUsage: "FILE...",
		Description: `Each file is taken whole or not at all: a bad date or number is listed as
file:line:column and nothing of that file is written. Importing rates again changes
only what differs.

Examples:
   creatorledger rates import ~/Downloads/eurofxref-hist.csv
   creatorledger rates import eurofxref.csv`,
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return withHint(usagef("rates import needs at least one FILE"), "creatorledger rates import eurofxref-hist.csv")
			}
			path, err := dbPath(c)
			if err != nil {
				return err
			}
			db, err := sqlite.Create(c.Context, path)
			if err != nil {
				return err
			}
			defer db.Close()
			failed := 0
			for _, file := range c.Args().Slice() {
				if err := importRates(c, db, file, e); err != nil {
					failed++
					reportImportError(e.stderr, file, err)
				}
			}
			if failed > 0 {
				return errReported
			}
			return nil
		},
	}
}

// importRates reads one ECB file and stores its rates, printing a summary.
func importRates(c *cli.Context, db ledger.Store, file string, e *env) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	return importRatesFrom(c.Context, db, filepath.Base(file), f, e.stdout, false)
}

// importRatesFrom reads an ECB rate file from r and stores its rates (or,
// for a dry run, only says what it would store), printing a summary to out.
func importRatesFrom(ctx context.Context, db ledger.Store, name string, r io.Reader, out io.Writer, dryRun bool) error {
	var rates []ledger.Rate
	if err := importers.ParseECBRates(name, r, func(r ledger.Rate) error {
		rates = append(rates, r)
		return nil
	}); err != nil {
		return err
	}
	if dryRun {
		fmt.Fprintf(out, "%s (ecb rates): would import %d rates\n", name, len(rates))
		return nil
	}
	got, err := db.ImportRates(ctx, rates)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s (ecb rates): %d rates from %s to %s: %d new, %d unchanged, %d changed\n", name, got.Rates,
		got.First.Format(ledger.DateLayout), got.Last.Format(ledger.DateLayout), got.New, got.Same, got.Changed)
	return nil
}

func ratesListCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "list",
		Usage: "the rates the ledger has: per currency, or one currency's days",
		Description: `Without --currency: one line per currency with the first and last day it has a rate
for, how many days, and the latest rate (csv, json: currency,first,last,days,last_rate).
With --currency: that currency's rate per day (date,currency,per_eur). A rate is how
many units of the currency one euro buys.

Examples:
   creatorledger rates list
   creatorledger rates list --currency USD --from 2026-01 --format csv`,
		Flags: append(dateRangeFlags(),
			&cli.StringFlag{Name: "currency", Usage: "the days of this `CUR`"},
			formatFlag(formatTable, formatCSV, formatJSON), wideFlag()),
		Action: func(c *cli.Context) error {
			from, to, err := dateRange(c)
			if err != nil {
				return err
			}
			cur := ""
			if c.IsSet("currency") {
				if cur, err = ledger.NormaliseCurrency(c.String("currency")); err != nil {
					return withHint(usageError{err}, "creatorledger rates list --currency USD")
				}
			}
			format, db, err := openForReport(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			defer db.Close()
			if cur == "" {
				spans, err := db.RateSpans(c.Context)
				if err != nil {
					return err
				}
				t := &table{cols: []column{{"currency", wordCell}, {"first", wordCell}, {"last", wordCell},
					{"days", countCell}, {"last_rate", amountCell}}}
				t.widen(c)
				for _, s := range spans {
					t.add(s.Currency, s.First.Format(ledger.DateLayout), s.Last.Format(ledger.DateLayout), itoa(s.Days), s.LastRate.String())
				}
				if len(spans) == 0 && format == formatTable {
					fmt.Fprintln(e.stdout, "no rates yet; try: creatorledger rates import eurofxref-hist.csv")
					return nil
				}
				return t.render(e.stdout, format)
			}
			rates, err := db.RatesOf(c.Context, cur, from, to)
			if err != nil {
				return err
			}
			t := &table{cols: []column{{"date", wordCell}, {"currency", wordCell}, {"per_eur", amountCell}}}
			t.widen(c)
			for _, r := range rates {
				t.add(r.Date.Format(ledger.DateLayout), r.Currency, r.PerEUR.String())
			}
			return t.render(e.stdout, format)
		},
	}
}
