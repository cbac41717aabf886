package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

func payoutsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "payouts",
		Usage: "what each platform owes you and when it pays; the payouts made",
		Subcommands: []*cli.Command{payoutsPendingCommand(e), payoutsListCommand(e), payoutsReconcileCommand(e),
			payoutsMatchCommand(e), payoutsUnmatchCommand(e)},
	}
}

// pendingColumns are the machine-readable columns of payouts pending
// (DESIGN.md, CLI contract).
var pendingColumns = []column{{"platform", textCell}, {"program", textCell}, {"currency", textCell},
	{"withdrawable", amountCell}, {"pending", amountCell}, {"threshold", amountCell}, {"remaining", amountCell},
	{"status", textCell}, {"next_payout", textCell}, {"eta", textCell}, {"confidence", textCell}}

func payoutsPendingCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "pending",
		Usage: "balances against payout thresholds: the monthly check",
		Description: `One row per balance a platform keeps for you (YouTube's money is in your AdSense
balance), in the currency it is paid in:

   withdrawable  approved and past its hold on --as-of, less the payouts made
   pending       estimated, pending, or approved but still held
   threshold     the minimum payout of the rule that applies (your country, the
                 currency, your payment method; your own rule first)
   status        payable, below-threshold or no-threshold
   next_payout   the day the schedule pays next (for a balance below the threshold:
                 the first run after the eta month)
   eta           the month the threshold is reached at the average earnings of the
                 last three complete months
   confidence    of the threshold: official, official-copy, third-party or override

Below the table: the rule chosen for each row and why, and what to check.
Machine-readable columns: platform,program,currency,withdrawable,pending,threshold,
remaining,status,next_payout,eta,confidence (json adds rule and notes).

Examples:
   creatorledger payouts pending
   creatorledger payouts pending --as-of 2026-11-10 --platform adsense
   creatorledger payouts pending --format json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "as-of", Usage: "take the balances on `DATE` (YYYY-MM-DD; default today)"},
			&cli.StringFlag{Name: "platform", Usage: "only this `PLATFORM` (e.g. adsense, tiktok)"},
			formatFlag(formatTable, formatCSV, formatJSON), wideFlag(),
		},
		Action: func(c *cli.Context) error {
			format, db, asOf, err := openReportAsOf(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			defer db.Close()
			platform := strings.ToLower(c.String("platform"))
			if platform != "" {
				if err := knownPlatform(c, db, platform); err != nil {
					return err
				}
			}
			rep, err := db.PendingPayouts(c.Context, ledger.PendingQuery{AsOf: asOf, Platform: platform})
			if err != nil {
				return err
			}
			return renderPending(e.stdout, rep, format, c.Bool("wide"))
		},
	}
}

// asOfFlag reads --as-of, a YYYY-MM-DD date; today when not given.
func asOfFlag(c *cli.Context, now time.Time) (time.Time, error) {
	s := c.String("as-of")
	if s == "" {
		y, m, d := now.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(ledger.DateLayout, s)
	if err != nil {
		return t, withHint(usagef("--as-of %q is not a date: want YYYY-MM-DD", s), "--as-of 2026-11-10")
	}
	return t, nil
}

func renderPending(w io.Writer, rep ledger.PendingReport, format string, wide bool) error {
	cols := pendingColumns
	if format == formatJSON {
		cols = append(append([]column{}, cols...), column{"rule", textCell}, column{"notes", textCell})
	}
	t := &table{cols: cols}
	for _, r := range rep.Rows {
		threshold, remaining := "", ""
		if r.HasThreshold {
			threshold = ledger.FormatAmount(r.Threshold, r.Currency)
			remaining = ledger.FormatAmount(r.Remaining, r.Currency)
		}
		cells := []string{r.Platform, r.Program, r.Currency, ledger.FormatAmount(r.Withdrawable, r.Currency),
			ledger.FormatAmount(r.Pending, r.Currency), threshold, remaining, string(r.Status),
			dateOrEmpty(r.NextPayout, ledger.DateLayout), dateOrEmpty(r.ETA, "2006-01"), r.Confidence}
		if format == formatJSON {
			cells = append(cells, r.Rule, strings.Join(r.Notes, " "))
		}
		t.add(cells...)
	}
	if format != formatTable {
		return t.render(w, format)
	}
	fmt.Fprintf(w, "Balances on %s (country %s, reporting currency %s)\n\n", rep.AsOf.Format(ledger.DateLayout),
		orUnset(rep.Profile.Country), orUnset(rep.Profile.Currency))
	t.wide = wide
	if !wide {
		t = pendingPeopleTable(t)
	}
	if err := t.render(w, format); err != nil {
		return err
	}
	for _, r := range rep.Rows {
		var lines []string
		if r.Rule != "" {
			lines = append(lines, "rule "+r.Rule)
			if r.Schedule != "" {
				lines[0] += "; schedule " + r.Schedule
			}
		}
		if !wide && !r.ETA.IsZero() {
			lines = append(lines, "eta "+r.ETA.Format("2006-01")+": the month the threshold is reached at the average earnings of the last three complete months")
		}
		lines = append(lines, r.Notes...)
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s/%s %s:\n", r.Platform, r.Program, r.Currency)
		for _, l := range lines {
			wrap(w, "  - ", "    ", l, tableWidth, wide)
		}
	}
	if len(rep.Notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range rep.Notes {
			wrap(w, "note: ", "      ", n, tableWidth, wide)
		}
	}
	fmt.Fprintln(w, "\nThresholds and schedules are published figures, not guarantees: check them on the platform.")
	return nil
}

// pendingPeopleTable is payouts pending in 100 columns: each platform on a
// line of its own with its balances under it, and without the eta and
// confidence columns, which the notes under the table give (--wide shows
// the machine columns).
func pendingPeopleTable(t *table) *table {
	p := &table{cols: []column{{"platform/program", labelCell}, {"cur", wordCell}, {"withdrawable", amountCell},
		{"pending", amountCell}, {"threshold", amountCell}, {"remaining", amountCell}, {"status", wordCell},
		{"next_payout", wordCell}}}
	for i, r := range t.rows {
		if i == 0 || r[0] != t.rows[i-1][0] {
			p.add(r[0], "", "", "", "", "", "", "")
		}
		p.add(append([]string{"  " + r[1]}, r[2:9]...)...)
	}
	return p
}

func dateOrEmpty(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(layout)
}

func payoutsListCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "list",
		Usage: "the payouts platforms made (money on its way to your bank)",
		Description: `Every payout entry of a platform (not a bank): a native payout row, a PayPal
withdrawal, a Stripe payout, a platform's payment row. The amount is signed as the
change to the platform balance (negative); arrived is the day the bank deposit that
payouts reconcile matched with it was booked (deposit: its entry), empty while none is.
Columns (csv, json): date,platform,program,amount,currency,status,external_id,
description,import,line,arrived,deposit.

Examples:
   creatorledger payouts list
   creatorledger payouts list --from 2026-01 --to 2026-06 --format csv`,
		Flags: append(dateRangeFlags(), formatFlag(formatTable, formatCSV, formatJSON), wideFlag()),
		Action: func(c *cli.Context) error {
			from, to, err := dateRange(c)
			if err != nil {
				return err
			}
			format, db, err := openForReport(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			defer db.Close()
			ps, err := db.Payouts(c.Context, from, to)
			if err != nil {
				return err
			}
			t := &table{cols: []column{{"date", wordCell}, {"platform", labelCell}, {"program", labelCell},
				{"amount", amountCell}, {"currency", wordCell}, {"status", wordCell}, {"external_id", nameCell},
				{"description", textCell}, {"import", countCell}, {"line", countCell}, {"arrived", wordCell}, {"deposit", countCell}}}
			t.widen(c)
			for _, p := range ps {
				deposit := ""
				if p.Deposit != 0 {
					deposit = fmt.Sprint(p.Deposit)
				}
				t.add(p.Date.Format(ledger.DateLayout), p.Platform, p.Program, ledger.FormatAmount(p.Amount, p.Currency),
					p.Currency, string(p.Status), p.ExternalID, p.Description, fmt.Sprint(p.ImportID), itoa(p.Line),
					dateOrEmpty(p.Arrived, ledger.DateLayout), deposit)
			}
			if format == formatTable {
				t = t.only("date", "platform", "program", "amount", "currency", "status", "arrived", "external_id", "description").rename("currency", "cur")
			}
			return t.render(e.stdout, format)
		},
	}
}
