package main

import (
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

func reportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "print reports",
		Subcommands: []*cli.Command{
			incomeCommand(e),
			rpmCommand(e),
		},
	}
}

func incomeCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "income",
		Usage: "income per period, platform, program and currency",
		Description: `Sums earnings, their reversals and adjustments on the date they were earned.
Amounts in different currencies are never added together; the table ends with a
total per currency. Machine-readable columns: period,platform,program,currency,amount.

Examples:
   creatorledger report income
   creatorledger report income --by quarter --from 2026-01 --to 2026-06
   creatorledger report income --platform tiktok --format csv`,
		Flags: append(dateRangeFlags(),
			&cli.StringFlag{Name: "by", Value: string(ledger.ByMonth), Usage: "group by `PERIOD`: month, quarter or year"},
			&cli.StringFlag{Name: "platform", Usage: "only this `PLATFORM` (e.g. tiktok, youtube)"},
			formatFlag(formatTable, formatCSV, formatJSON),
		),
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			format, err := outputFormat(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			from, to, err := dateRange(c)
			if err != nil {
				return err
			}
			by := ledger.Period(c.String("by"))
			if !by.Valid() {
				return usagef("--by %q: want month, quarter or year", c.String("by"))
			}
			db, err := openLedger(c)
			if err != nil {
				return err
			}
			defer db.Close()
			rows, err := db.Income(c.Context, ledger.IncomeQuery{
				From: from, To: to, By: by, Platform: strings.ToLower(c.String("platform")),
			})
			if err != nil {
				return err
			}
			return incomeTable(rows).render(e.stdout, format)
		},
	}
}

func incomeTable(rows []ledger.IncomeRow) *table {
	t := &table{cols: []column{
		{"period", textCell}, {"platform", textCell}, {"program", textCell}, {"currency", textCell}, {"amount", amountCell},
	}}
	totals := map[string]decimal.Decimal{}
	for _, r := range rows {
		t.add(r.Period, r.Platform, r.Program, r.Currency, ledger.FormatAmount(r.Amount, r.Currency))
		totals[r.Currency] = totals[r.Currency].Add(r.Amount)
	}
	curs := make([]string, 0, len(totals))
	for c := range totals {
		curs = append(curs, c)
	}
	sort.Strings(curs)
	for _, c := range curs {
		t.footer = append(t.footer, []string{"total", "", "", c, ledger.FormatAmount(totals[c], c)})
	}
	return t
}
