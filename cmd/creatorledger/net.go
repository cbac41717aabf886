package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

func netCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "net",
		Usage: "income, fees, expenses and what is left, per period and platform",
		Description: `Per period, platform and currency: the income (as report income counts it), the
platform's fees and your expenses recorded on it (both negative, as the ledger signs
them), and the net. Payouts and transfers move money without earning or costing any
and are left out. With --currency CUR every amount is converted at the ECB rate of its
date, as report income --currency does; missing rates are named on stderr.

Columns (csv, json): period,platform,currency,income,fees,expenses,net.

Examples:
   creatorledger report net
   creatorledger report net --by year --currency EUR
   creatorledger report net --platform paypal --format csv`,
		Flags: append(dateRangeFlags(),
			&cli.StringFlag{Name: "by", Value: string(ledger.ByMonth), Usage: "group by `PERIOD`: month, quarter or year"},
			&cli.StringFlag{Name: "platform", Usage: "only this `PLATFORM` (e.g. paypal, stripe)"},
			&cli.StringFlag{Name: "currency", Usage: "convert every amount to `CUR` at the ECB rate of its date (rates import first)"},
			formatFlag(formatTable, formatCSV, formatJSON), wideFlag(),
		),
		Action: func(c *cli.Context) error {
			from, to, err := dateRange(c)
			if err != nil {
				return err
			}
			by := ledger.Period(c.String("by"))
			if !by.Valid() {
				return usagef("--by %q: want month, quarter or year", c.String("by"))
			}
			cur := ""
			if c.IsSet("currency") {
				if cur, err = ledger.NormaliseCurrency(c.String("currency")); err != nil {
					return withHint(usageError{err}, "creatorledger report net --currency EUR")
				}
			}
			format, db, err := openForReport(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := checkRatesFor(c, db, cur); err != nil {
				return err
			}
			res, err := db.Net(c.Context, ledger.NetQuery{From: from, To: to, By: by, Platform: strings.ToLower(c.String("platform")), Currency: cur})
			if err != nil {
				return err
			}
			reportMissingRates(e.stderr, ledger.IncomeResult{Missing: res.Missing, LeftOut: res.LeftOut})
			return renderNet(e.stdout, c, res.Rows, format)
		},
	}
}

func renderNet(w io.Writer, c *cli.Context, rows []ledger.NetRow, format string) error {
	cols := []column{{"period", wordCell}, {"platform", labelCell}, {"currency", wordCell},
		{"income", amountCell}, {"fees", amountCell}, {"expenses", amountCell}, {"net", amountCell}}
	t := (&table{cols: cols}).widen(c)
	type total struct{ income, fees, expenses, net decimal.Decimal }
	totals := map[string]*total{}
	var curs []string
	for _, r := range rows {
		t.add(r.Period, r.Platform, r.Currency, ledger.FormatAmount(r.Income, r.Currency), ledger.FormatAmount(r.Fees, r.Currency),
			ledger.FormatAmount(r.Expenses, r.Currency), ledger.FormatAmount(r.Net, r.Currency))
		s := totals[r.Currency]
		if s == nil {
			s = &total{}
			totals[r.Currency] = s
			curs = append(curs, r.Currency)
		}
		s.income, s.fees, s.expenses, s.net = s.income.Add(r.Income), s.fees.Add(r.Fees), s.expenses.Add(r.Expenses), s.net.Add(r.Net)
	}
	if format != formatTable {
		return t.render(w, format)
	}
	sort.Strings(curs)
	for _, cur := range curs {
		s := totals[cur]
		t.footer = append(t.footer, []string{"total", "", cur, ledger.FormatAmount(s.income, cur), ledger.FormatAmount(s.fees, cur),
			ledger.FormatAmount(s.expenses, cur), ledger.FormatAmount(s.net, cur)})
	}
	return renderTrimmed(w, t.rename("currency", "cur"))
}

func balancesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "balances",
		Usage: "every account's balance on a day: where each euro is",
		Description: `The balance of every account of the double-entry model at the end of --as-of:
platform balances (assets:<platform>), bank accounts (assets:bank:<bank>), money in
transit between a platform and the bank (assets:transit:<platform>), invoices brands
still owe (assets:sponsorship), income (negative: money that came in), fees and
expenses, and equity:transfers (bank movements that are not creator income). Every
currency adds up to zero. A deposit the reconciliation placed as a payout leaves
money in transit instead of equity; a payment that settles an invoice leaves the
receivable instead of income; hledger and ledger-cli give the same balances for the
journal of export --format ledger.

Columns (csv, json): account,currency,balance.

Examples:
   creatorledger report balances
   creatorledger report balances --as-of 2026-09-30
   creatorledger report balances --format csv`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "as-of", Usage: "balances at the end of `DATE` (YYYY-MM-DD; default today)"},
			formatFlag(formatTable, formatCSV, formatJSON), wideFlag(),
		},
		Action: func(c *cli.Context) error {
			format, db, asOf, err := openReportAsOf(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			defer db.Close()
			bs, err := db.Balances(c.Context, asOf)
			if err != nil {
				return err
			}
			t := (&table{cols: []column{{"account", nameCell}, {"currency", wordCell}, {"balance", amountCell}}}).widen(c)
			sums := map[string]decimal.Decimal{}
			for _, b := range bs {
				t.add(b.Account, b.Currency, ledger.FormatAmount(b.Balance, b.Currency))
				sums[b.Currency] = sums[b.Currency].Add(b.Balance)
			}
			if format != formatTable {
				return t.render(e.stdout, format)
			}
			fmt.Fprintf(e.stdout, "Balances at the end of %s\n\n", asOf.Format(ledger.DateLayout))
			if err := renderTrimmed(e.stdout, t.rename("currency", "cur")); err != nil {
				return err
			}
			var off []string
			for cur, s := range sums {
				if !s.IsZero() {
					off = append(off, fmt.Sprintf("%s %s", ledger.FormatAmount(s, cur), cur))
				}
			}
			if len(off) > 0 {
				sort.Strings(off)
				return fmt.Errorf("the accounts do not add up to zero (%s): run creatorledger check", strings.Join(off, ", "))
			}
			fmt.Fprintln(e.stdout, "\nEvery currency adds up to zero. Income is negative: money that came in from outside the ledger.")
			return nil
		},
	}
}
