package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

// invoiceColumns are the machine-readable columns of report invoices.
var invoiceColumns = []column{{"number", textCell}, {"brand", textCell}, {"platform", textCell},
	{"issued", textCell}, {"due", textCell}, {"due_assumed", textCell}, {"paid", textCell}, {"status", textCell},
	{"days_past_due", countCell}, {"aging", textCell}, {"days_to_pay", countCell}, {"amount", amountCell},
	{"credit_notes", textCell}, {"net", amountCell}, {"vat", amountCell}, {"gross", amountCell},
	{"settled", amountCell}, {"outstanding", amountCell}, {"currency", textCell}, {"disclosure", textCell},
	{"disclosure_flag", textCell}, {"followers", countCell}, {"tier", textCell}, {"tier_low", amountCell},
	{"tier_high", amountCell}, {"tier_currency", textCell}, {"fee_in_tier", textCell}}

func invoicesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "invoices",
		Usage: "sponsorship invoices: open, overdue (with aging), paid; undisclosed sponsored posts",
		Description: `Every sponsorship invoice issued by --as-of (default today), with the credit
notes that correct it netted against it (a credit note names its invoice in the
template's corrects column, or in its description):

   status       open (not paid, not yet due), overdue (past its due date), paid,
                credited (credit notes take it all back), cancelled (its entry is
                marked reversed), credit (a credit note no invoice in the ledger takes)
   days         overdue: days past the due date; paid: days from issue to payment
   net, gross   the amount with its credit notes, without and with VAT
   owed         what the brand still owes (gross, less payments that settle it)

An invoice is paid once its paid date (by --as-of) is filled in, or payments settle it
(payouts reconcile). An invoice without a due date (entered by hand) is taken to be due
30 days after it was issued, the Dutch statutory payment term, and marked *. Below the
table: what is owed per currency by aging bucket (0-30, 31-60, 61-90, 90+ days past
due), sponsored posts not marked as advertising (the Dutch Reclamecode asks for
#advertentie, #ad, #sponsored or the platform's paid-partnership label), and, where you
set your follower count on the platform (creatorledger settings set followers tiktok
25000), where each fee lies in the typical range of its follower tier
(sponsorship_rates.csv): context from published articles, not a price list.

--status open shows every invoice not paid (overdue ones too); overdue and paid
only those. Machine-readable columns (csv, json): number,brand,platform,issued,due,
due_assumed,paid,status,days_past_due,aging,days_to_pay,amount,credit_notes,net,vat,
gross,settled,outstanding,currency,disclosure,disclosure_flag,followers,tier,tier_low,
tier_high,tier_currency,fee_in_tier.

Examples:
   creatorledger report invoices
   creatorledger report invoices --status overdue --as-of 2026-11-10
   creatorledger report invoices --status paid --format csv
   creatorledger settings set followers tiktok 25000`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "status", Usage: "only open (not paid), overdue or paid invoices"},
			&cli.StringFlag{Name: "as-of", Usage: "the state on `DATE` (YYYY-MM-DD; default today)"},
			formatFlag(formatTable, formatCSV, formatJSON), wideFlag(),
		},
		Action: func(c *cli.Context) error {
			status := strings.ToLower(c.String("status"))
			switch status {
			case "", ledger.InvoiceStateOpen, ledger.InvoiceStateOverdue, ledger.InvoiceStatePaid:
			default:
				return withHint(usagef("--status %q: want open, overdue or paid", c.String("status")), "--status overdue")
			}
			format, db, asOf, err := openReportAsOf(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			defer db.Close()
			rep, err := db.InvoiceReport(c.Context, ledger.InvoiceQuery{AsOf: asOf, State: status})
			if err != nil {
				return err
			}
			return renderInvoices(e.stdout, rep, format, c.Bool("wide"))
		},
	}
}

func renderInvoices(w io.Writer, rep ledger.InvoiceReport, format string, wide bool) error {
	t := &table{cols: invoiceColumns}
	for _, l := range rep.Lines {
		amt := func(d decimal.Decimal) string { return ledger.FormatAmount(d, l.Currency) }
		pastDue, toPay := "", ""
		if l.State == ledger.InvoiceStateOpen || l.State == ledger.InvoiceStateOverdue || l.State == ledger.InvoiceStateCredit {
			pastDue = fmt.Sprint(l.DaysPastDue)
		}
		if !l.PaidOn.IsZero() {
			toPay = fmt.Sprint(l.DaysToPay)
		}
		followers, tier, low, high, tcur, place := "", "", "", "", "", ""
		if p := l.Tier; p != nil {
			followers, tier, tcur, place = fmt.Sprint(p.Followers), p.Tier, p.Currency, p.Place
			low = ledger.FormatAmount(p.FeeLow, p.Currency)
			if p.HasHigh {
				high = ledger.FormatAmount(p.FeeHigh, p.Currency)
			}
		}
		t.add(l.Number, l.Brand, l.Platform, l.Issued.Format(ledger.DateLayout), l.DueOn.Format(ledger.DateLayout),
			fmt.Sprint(l.DueAssumed), dateOrEmpty(l.PaidOn, ledger.DateLayout), l.State, pastDue, l.Aging, toPay,
			amt(l.Amount), strings.Join(l.CreditNotes, " "), amt(l.Net), amt(l.NetGross.Sub(l.Net)), amt(l.NetGross),
			amt(l.Settled), amt(l.Outstanding), l.Currency, l.Invoice.Disclosure, l.DisclosureFlag,
			followers, tier, low, high, tcur, place)
	}
	if format != formatTable {
		return t.render(w, format)
	}

	fmt.Fprintf(w, "Sponsorship invoices on %s\n\n", rep.AsOf.Format(ledger.DateLayout))
	if len(rep.Lines) == 0 {
		fmt.Fprintln(w, "No invoices.")
		return nil
	}
	// People's table: the due date marked * when assumed, one days column;
	// the brand is cut to fit 100 columns unless --wide.
	people := &table{cols: []column{{"number", wordCell}, {"brand", textCell}, {"due", wordCell},
		{"status", wordCell}, {"days", countCell}, {"net", amountCell}, {"gross", amountCell},
		{"owed", amountCell}, {"cur", wordCell}}, wide: wide}
	assumed := false
	for i, l := range rep.Lines {
		r := t.rows[i]
		due := r[4]
		if l.DueAssumed {
			due += "*"
			assumed = true
		}
		days := r[8]
		if days == "" || l.State == ledger.InvoiceStateOpen || l.State == ledger.InvoiceStateCredit {
			days = r[10]
		}
		owed := r[17]
		if l.Outstanding.IsZero() {
			owed = ""
		}
		people.add(l.Number, l.Brand, due, l.State, days, r[13], r[15], owed, l.Currency)
	}
	if err := people.render(w, formatTable); err != nil {
		return err
	}
	if assumed {
		fmt.Fprintf(w, "* no due date recorded: taken as %d days after the issue date (the Dutch statutory term)\n",
			ledger.DefaultPaymentTerm)
	}

	if len(rep.Aging) > 0 {
		fmt.Fprintln(w, "\nOwed by days past due:")
		at := &table{cols: []column{{"currency", textCell}, {"not due", amountCell}, {"0-30", amountCell},
			{"31-60", amountCell}, {"61-90", amountCell}, {"90+", amountCell}, {"total", amountCell}}}
		for _, a := range rep.Aging {
			cells := []string{a.Currency, ledger.FormatAmount(a.NotDue, a.Currency)}
			for _, b := range a.Buckets {
				cells = append(cells, ledger.FormatAmount(b, a.Currency))
			}
			at.add(append(cells, ledger.FormatAmount(a.Total, a.Currency))...)
		}
		if err := at.render(w, formatTable); err != nil {
			return err
		}
	}

	var credits, flags, tiers []string
	for _, l := range rep.Lines {
		if len(l.CreditNotes) > 0 {
			credits = append(credits, fmt.Sprintf("%s %s %s less credit note %s: net %s",
				l.Number, ledger.FormatAmount(l.Amount, l.Currency), l.Currency, strings.Join(l.CreditNotes, ", "),
				ledger.FormatAmount(l.Net, l.Currency)))
		}
		switch l.DisclosureFlag {
		case ledger.DisclosureMissing:
			flags = append(flags, fmt.Sprintf("%s (%s, %s): not marked as sponsored", l.Number, l.Platform, l.Brand))
		case ledger.DisclosureUnclear:
			flags = append(flags, fmt.Sprintf("%s (%s, %s): marked %q, which is not a recognised label", l.Number,
				l.Platform, l.Brand, l.Invoice.Disclosure))
		case ledger.DisclosureUnknown:
			flags = append(flags, fmt.Sprintf("%s (%s, %s): entered by hand, disclosure not recorded", l.Number,
				l.Platform, l.Brand))
		}
		if p := l.Tier; p != nil {
			rng := ledger.FormatAmount(p.FeeLow, p.Currency) + "+"
			if p.HasHigh {
				rng = ledger.FormatAmount(p.FeeLow, p.Currency) + "-" + ledger.FormatAmount(p.FeeHigh, p.Currency)
			}
			tiers = append(tiers, fmt.Sprintf("%s %s %s: %s the %s tier (%s followers on %s: %s %s per post; %s)",
				l.Number, ledger.FormatAmount(l.Net, l.Currency), l.Currency, p.Place, p.Tier,
				fmt.Sprint(p.Followers), l.Platform, rng, p.Currency, p.Source))
		}
	}
	note := func(title string, lines []string) error {
		if len(lines) == 0 {
			return nil
		}
		fmt.Fprintln(w)
		wrapNote(w, "", "", title)
		for _, l := range lines {
			wrapNote(w, "  - ", "    ", l)
		}
		return nil
	}
	if err := note("Credit notes netted:", credits); err != nil {
		return err
	}
	if err := note("Sponsored content to check (Dutch Reclamecode: #advertentie, #ad, #sponsored or the "+
		"platform's paid-partnership label):", flags); err != nil {
		return err
	}
	if err := note("Fees against follower tiers (typical ranges from published articles: context, not a price list; "+
		"an invoice may cover several posts):", tiers); err != nil {
		return err
	}
	if len(rep.NoFollowers) > 0 {
		fmt.Fprintln(w)
		wrapNote(w, "", "", fmt.Sprintf("No follower count set for %s: creatorledger settings set followers PLATFORM N",
			strings.Join(rep.NoFollowers, ", ")))
	}
	return nil
}

// noteWidth is the width notes under a report are wrapped to.
const noteWidth = 100

// wrapNote writes text as lines of at most noteWidth columns, the first
// starting with first and the others with rest, broken between words.
func wrapNote(w io.Writer, first, rest, text string) {
	line := first
	empty := true
	for _, word := range strings.Fields(text) {
		if !empty && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > noteWidth {
			fmt.Fprintln(w, line)
			line, empty = rest, true
		}
		if !empty {
			line += " "
		}
		line += word
		empty = false
	}
	fmt.Fprintln(w, line)
}
