package main

import (
	"bytes"
	"io"
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
			netCommand(e),
			balancesCommand(e),
			invoicesCommand(e),
			vatCommand(e),
			dashboardCommand(e),
		},
	}
}

func incomeCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "income",
		Usage: "income per period, platform, program and currency",
		Description: `Sums earnings, their reversals and adjustments on the date they were earned.
A reversal always counts (it is money taken back, whatever its status); an
earning or adjustment whose status is reversed does not. Amounts in different
currencies are never added together.

The table shows the amount and, beside it, how much of it is in each status
that occurs (estimated, pending, approved, paid, and reversed for reversals
marked so), so that money not yet final is visible as such; a subtotal line
per platform and currency when a platform has more than one program line in a
period; and a total per currency at the end. Machine-readable columns (csv,
json): period,platform,program,currency,amount.

With --currency CUR every amount is converted to CUR at the ECB reference rate of
its own date (the previous business day's on a weekend or holiday, up to 7 days
back; see creatorledger rates). Amounts without a rate are left out of the converted
totals and named, currency and date, on stderr (json: missing_rates), never guessed.
Converted lines are exact until shown: each is rounded to the currency's minor unit
(cents), and totals add up the lines as shown.

A payment that settles a sponsorship invoice (payouts reconcile) is counted once, as
the invoice: the PayPal or Stripe payment of it is not income again.

With --basis paid income counts in the period its money reached the bank, by the
reconciliation's matches: a platform balance pays its oldest money first, and a day's
income counts on the arrival of the payout that covers it; an invoice counts on the
day of the payment that completes it (or its paid date); income not paid yet is not
shown. A platform that pays at the sale (Ko-fi) counts on the day earned.

Examples:
   creatorledger report income
   creatorledger report income --currency EUR --by year       everything in euros
   creatorledger report income --by quarter --from 2026-01 --to 2026-06
   creatorledger report income --status estimated,pending     money not final yet
   creatorledger report income --basis paid --by quarter      what reached the bank
   creatorledger report income --platform tiktok --format csv`,
		Flags: append(dateRangeFlags(),
			&cli.StringFlag{Name: "by", Value: string(ledger.ByMonth), Usage: "group by `PERIOD`: month, quarter or year"},
			&cli.StringFlag{Name: "platform", Usage: "only this `PLATFORM` (e.g. tiktok, youtube)"},
			&cli.StringFlag{Name: "status", Usage: "only entries with these `STATUSES`, comma-separated: " + statusNames()},
			&cli.StringFlag{Name: "currency", Usage: "convert every amount to `CUR` at the ECB rate of its date (rates import first)"},
			&cli.StringFlag{Name: "basis", Value: string(ledger.BasisEarned), Usage: "count income when `BASIS`: earned, or paid (when its money reached the bank)"},
			formatFlag(formatTable, formatCSV, formatJSON), wideFlag(),
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
			basis := ledger.Basis(c.String("basis"))
			if !basis.Valid() {
				return withHint(usagef("--basis %q: want earned or paid", c.String("basis")), "creatorledger report income --basis paid")
			}
			var statuses []ledger.Status
			if c.IsSet("status") {
				if statuses, err = parseStatuses(c.String("status")); err != nil {
					return err
				}
			}
			cur := ""
			if c.IsSet("currency") {
				if cur, err = ledger.NormaliseCurrency(c.String("currency")); err != nil {
					return withHint(usageError{err}, "creatorledger report income --currency EUR")
				}
			}
			db, err := openLedger(c)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := checkRatesFor(c, db, cur); err != nil {
				return err
			}
			q := ledger.IncomeQuery{
				From: from, To: to, By: by, Platform: strings.ToLower(c.String("platform")), Statuses: statuses, Currency: cur, Basis: basis,
			}
			res, err := db.IncomeIn(c.Context, q)
			if err != nil {
				return err
			}
			if cur != "" {
				roundConverted(res.Rows, cur)
				if format != formatJSON {
					reportMissingRates(e.stderr, res)
				}
			}
			switch {
			case format == formatTable:
				if err := renderTrimmed(e.stdout, incomePeopleTable(res.Rows).widen(c)); err != nil {
					return err
				}
				if cur == "" {
					if err := grandTotal(c, e.stdout, db, q, res.Rows); err != nil {
						return err
					}
				}
				return incomeNotes(c, e.stdout, db, basis, from, to)
			case format == formatJSON && cur != "":
				return renderConvertedJSON(e.stdout, incomeTable(res.Rows), cur, res)
			}
			return incomeTable(res.Rows).render(e.stdout, format)
		},
	}
}

// statusNames lists the statuses for help and errors: "estimated, pending, …".
func statusNames() string {
	names := make([]string, len(ledger.Statuses))
	for i, s := range ledger.Statuses {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// parseStatuses reads --status: one or more statuses, comma-separated.
func parseStatuses(arg string) ([]ledger.Status, error) {
	var out []ledger.Status
	for _, f := range strings.Split(arg, ",") {
		s := ledger.Status(strings.ToLower(strings.TrimSpace(f)))
		if !s.Valid() {
			return nil, usagef("--status %q: %q is not a status; want one or more of %s, comma-separated", arg, strings.TrimSpace(f), statusNames())
		}
		out = append(out, s)
	}
	return out, nil
}

// incomeTable is the income report in its machine-readable columns
// (csv, json): period,platform,program,currency,amount, nothing else.
func incomeTable(rows []ledger.IncomeRow) *table {
	t := &table{cols: []column{
		{"period", textCell}, {"platform", textCell}, {"program", textCell}, {"currency", textCell}, {"amount", amountCell},
	}}
	for _, r := range rows {
		t.add(r.Period, r.Platform, r.Program, r.Currency, ledger.FormatAmount(r.Amount, r.Currency))
	}
	return t
}

// incomePeopleTable is the income report for people: the amount, then a
// column per status that occurs in the report (blank where a row has no
// entries in that status), a subtotal line per platform and currency after
// a platform's lines in a period when it has more than one program line in
// that currency, and a total per currency.
func incomePeopleTable(rows []ledger.IncomeRow) *table {
	var statuses []ledger.Status
	for _, s := range ledger.Statuses {
		for _, r := range rows {
			if _, ok := r.ByStatus[s]; ok {
				statuses = append(statuses, s)
				break
			}
		}
	}
	// "cur": the codes are three letters, and the five columns more have
	// to fit in 100.
	t := &table{cols: []column{
		{"period", wordCell}, {"platform", labelCell}, {"program", labelCell}, {"cur", wordCell}, {"amount", amountCell},
	}}
	for _, s := range statuses {
		t.cols = append(t.cols, column{string(s), amountCell})
	}
	line := func(period, platform, program string, sum incomeSum, currency string) []string {
		cells := []string{period, platform, program, currency, ledger.FormatAmount(sum.amount, currency)}
		for _, s := range statuses {
			v, ok := sum.byStatus[s]
			if !ok {
				cells = append(cells, "")
				continue
			}
			cells = append(cells, ledger.FormatAmount(v, currency))
		}
		return cells
	}
	totals := map[string]*incomeSum{}
	for i := 0; i < len(rows); {
		// The lines of one platform in one period.
		j := i
		subtotals := map[string]*incomeSum{}
		var curs []string
		for ; j < len(rows) && rows[j].Period == rows[i].Period && rows[j].Platform == rows[i].Platform; j++ {
			r := rows[j]
			t.add(line(r.Period, r.Platform, r.Program, incomeSum{r.Amount, r.ByStatus, 1}, r.Currency)...)
			if subtotals[r.Currency] == nil {
				subtotals[r.Currency] = &incomeSum{}
				curs = append(curs, r.Currency)
			}
			subtotals[r.Currency].add(r)
			if totals[r.Currency] == nil {
				totals[r.Currency] = &incomeSum{}
			}
			totals[r.Currency].add(r)
		}
		sort.Strings(curs)
		for _, c := range curs {
			if sub := subtotals[c]; sub.lines > 1 {
				t.add(line(rows[i].Period, rows[i].Platform, "subtotal", *sub, c)...)
			}
		}
		i = j
	}
	curs := make([]string, 0, len(totals))
	for c := range totals {
		curs = append(curs, c)
	}
	sort.Strings(curs)
	for _, c := range curs {
		t.footer = append(t.footer, line("total", "", "", *totals[c], c))
	}
	return t
}

// renderTrimmed writes t as a people's table without the spaces that pad
// blank cells at the end of a line.
func renderTrimmed(w io.Writer, t *table) error {
	var b bytes.Buffer
	if err := t.render(&b, formatTable); err != nil {
		return err
	}
	lines := strings.SplitAfter(b.String(), "\n")
	for i, l := range lines {
		if strings.HasSuffix(l, "\n") {
			lines[i] = strings.TrimRight(l, " \n") + "\n"
		}
	}
	_, err := io.WriteString(w, strings.Join(lines, ""))
	return err
}

// incomeSum adds up income rows of one currency, in total and per status.
type incomeSum struct {
	amount   decimal.Decimal
	byStatus map[ledger.Status]decimal.Decimal
	lines    int
}

func (s *incomeSum) add(r ledger.IncomeRow) {
	if s.byStatus == nil {
		s.byStatus = map[ledger.Status]decimal.Decimal{}
	}
	s.amount = s.amount.Add(r.Amount)
	for st, v := range r.ByStatus {
		s.byStatus[st] = s.byStatus[st].Add(v)
	}
	s.lines++
}
