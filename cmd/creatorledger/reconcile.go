package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

// reconcileColumns are the machine-readable columns of payouts reconcile.
var reconcileColumns = []column{{"status", textCell}, {"date", textCell}, {"platform", textCell}, {"amount", amountCell},
	{"currency", textCell}, {"entry", countCell}, {"settles", textCell}, {"target", countCell}, {"target_date", textCell},
	{"target_amount", amountCell}, {"target_currency", textCell}, {"origin", textCell}, {"why", textCell}}

func payoutsReconcileCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "reconcile",
		Usage: "match bank deposits with payouts and payments with invoices; list what does not add up",
		Description: `Places the money that reached your bank:

   matched        a bank deposit is a platform payout arriving (a transfer: never
                  income a second time)
   stands-for     a deposit from a platform whose payout was not imported stands for it
                  and lowers that platform's balance
   unplaced       a deposit from a platform that no payout fits (amount or date)
   not-arrived    a payout with no deposit, although your bank statements go past the
                  days it takes to arrive (thresholds.csv arrival_days, else 10, plus 7)
   invoice-paid   a payment (PayPal, Stripe, the bank) names a sponsorship invoice, or
                  pays exactly what one invoice of the same brand is due: the invoice
                  is settled, and the payment is not counted as income again
   paid-twice, overpaid, part-paid, overdue
                  invoices paid twice, paid more or less than due, or not at all
   statement-gap  a bank statement does not open with the balance the one before it
                  closed with plus the movements between: movements are missing

A deposit is known by its counterparty and description (schema/data/deposits.csv:
GOOGLE+ADSENSE, PAYPAL, STRIPE, ...), within 2% of the payout in the same currency or
4% after converting at the ECB rate, from 3 days before the payout to its arrival days
after. Every match says why. Imports reconcile by themselves; run this to see the
result. Correct a match with payouts unmatch and payouts match.

Columns (csv, json): status,date,platform,amount,currency,entry,settles,target,
target_date,target_amount,target_currency,origin,why.

Examples:
   creatorledger payouts reconcile
   creatorledger payouts reconcile --format csv > reconcile.csv
   creatorledger payouts unmatch 4021          (not a match: never proposed again)
   creatorledger payouts match 4021 3977       (deposit 4021 is payout 3977)`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "as-of", Usage: "judge arrivals and due dates on `DATE` (YYYY-MM-DD; default today)"},
			formatFlag(formatTable, formatCSV, formatJSON), wideFlag(),
		},
		Action: func(c *cli.Context) error {
			format, db, asOf, err := openReportAsOf(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			defer db.Close()
			r, err := db.Reconcile(c.Context, asOf)
			if err != nil {
				return err
			}
			return renderReconcile(e.stdout, e.stderr, r, format, c.Bool("wide"))
		},
	}
}

// reconcileRow is one line of payouts reconcile.
type reconcileRow struct {
	status, date, platform, amount, currency, entry, settles, target, targetDate, targetAmount, targetCurrency, origin, why string
}

func reconcileRows(r ledger.Reconciliation) []reconcileRow {
	var out []reconcileRow
	side := func(row *reconcileRow, e ledger.Entry) {
		row.date, row.platform = e.Date.Format(ledger.DateLayout), e.Platform
		row.amount, row.currency, row.entry = ledger.FormatAmount(e.Amount, e.Currency), e.Currency, strconv.FormatInt(e.ID, 10)
	}
	target := func(row *reconcileRow, e ledger.Entry) {
		row.target, row.targetDate = strconv.FormatInt(e.ID, 10), e.Date.Format(ledger.DateLayout)
		row.targetAmount, row.targetCurrency = ledger.FormatAmount(e.Amount, e.Currency), e.Currency
	}
	invoices := map[int64]ledger.Invoice{}
	for _, s := range r.Invoices {
		invoices[s.Invoice.EntryID] = s.Invoice
	}
	for _, m := range r.Matches {
		row := reconcileRow{origin: m.Origin.String(), why: m.Why}
		side(&row, r.Entries[m.EntryID])
		switch {
		case m.Kind == ledger.MatchInvoice:
			inv := invoices[m.TargetID]
			row.status, row.settles = "invoice-paid", "invoice "+inv.Number
			row.target, row.targetDate = strconv.FormatInt(inv.EntryID, 10), inv.Issued.Format(ledger.DateLayout)
			row.targetAmount, row.targetCurrency = ledger.FormatAmount(m.Amount, m.Currency), m.Currency
		case m.TargetID == 0:
			row.status, row.settles = "stands-for", m.Balance.Platform+"/"+m.Balance.Program
			row.targetAmount, row.targetCurrency = ledger.FormatAmount(m.Amount, m.Currency), m.Currency
		default:
			row.status, row.settles = "matched", m.Balance.Platform+"/"+m.Balance.Program
			target(&row, r.Entries[m.TargetID])
		}
		out = append(out, row)
	}
	for _, u := range r.Unplaced {
		row := reconcileRow{status: "unplaced", settles: u.Balance.Platform + "/" + u.Balance.Program, why: u.Why}
		side(&row, u.Deposit)
		out = append(out, row)
	}
	for _, n := range r.NotArrived {
		row := reconcileRow{status: "not-arrived", settles: n.Balance.Platform + "/" + n.Balance.Program,
			why: fmt.Sprintf("expected in the bank by %s; the bank statements go further", n.Expected.Format(ledger.DateLayout))}
		target(&row, n.Payout)
		row.date, row.platform = n.Payout.Date.Format(ledger.DateLayout), n.Payout.Platform
		out = append(out, row)
	}
	for _, s := range r.Invoices {
		switch s.State {
		case ledger.InvoicePaidTwice, ledger.InvoiceOverpaid, ledger.InvoicePartPaid, ledger.InvoiceOverdue:
		default:
			continue
		}
		inv := s.Invoice
		row := reconcileRow{status: string(s.State), date: inv.Issued.Format(ledger.DateLayout), platform: "sponsorship",
			settles: "invoice " + inv.Number, target: strconv.FormatInt(inv.EntryID, 10), targetDate: s.DueDate().Format(ledger.DateLayout),
			targetAmount: ledger.FormatAmount(s.Due, inv.Currency), targetCurrency: inv.Currency}
		if len(s.Payments) > 0 {
			row.amount, row.currency = ledger.FormatAmount(s.Paid, inv.Currency), inv.Currency
		}
		switch s.State {
		case ledger.InvoiceOverdue:
			row.why = fmt.Sprintf("%s owes %s %s since %s; no payment names it", inv.Brand, ledger.FormatAmount(s.Due, inv.Currency), inv.Currency, s.DueDate().Format(ledger.DateLayout))
		default:
			row.why = fmt.Sprintf("%d payment(s) of %s %s settle %s %s due (entries %s)", len(s.Payments), ledger.FormatAmount(s.Paid, inv.Currency), inv.Currency,
				ledger.FormatAmount(s.Due, inv.Currency), inv.Currency, joinIDs(s.Payments))
		}
		out = append(out, row)
	}
	for _, g := range r.Gaps {
		out = append(out, reconcileRow{status: "statement-gap", date: g.After.First.Format(ledger.DateLayout), platform: g.After.Platform,
			amount: ledger.FormatAmount(g.Missing, g.After.Currency), currency: g.After.Currency, settles: g.After.Account,
			why: fmt.Sprintf("import %d closes on %s at %s; with the movements between, import %d should open at %s, not %s",
				g.Before.ImportID, g.Before.Last.Format(ledger.DateLayout), ledger.FormatAmount(g.Before.Closing, g.Before.Currency),
				g.After.ImportID, ledger.FormatAmount(g.Expected, g.After.Currency), ledger.FormatAmount(g.After.Opening, g.After.Currency))})
	}
	return out
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ", ")
}

func renderReconcile(w, errw io.Writer, r ledger.Reconciliation, format string, wide bool) error {
	if !r.Stored {
		fmt.Fprintln(errw, "creatorledger: the ledger is read-only: these matches are worked out, not kept")
	}
	rows := reconcileRows(r)
	t := &table{cols: reconcileColumns, wide: wide}
	for _, x := range rows {
		t.add(x.status, x.date, x.platform, x.amount, x.currency, x.entry, x.settles, x.target, x.targetDate,
			x.targetAmount, x.targetCurrency, x.origin, x.why)
	}
	if format != formatTable {
		return t.render(w, format)
	}
	fmt.Fprintf(w, "Reconciliation on %s\n\n", r.AsOf.Format(ledger.DateLayout))
	if len(rows) == 0 {
		fmt.Fprintln(w, "Nothing to place: no bank deposit from a platform, no payout, no payment of an invoice.")
	} else {
		if err := t.only("status", "date", "platform", "amount", "currency", "entry", "settles", "target").render(w, format); err != nil {
			return err
		}
		fmt.Fprintln(w, "\nWhy:")
		for _, x := range rows {
			id := x.entry
			if id == "" {
				id = x.target
			}
			if id == "" {
				id = x.settles
			}
			wrap(w, "  ", "    ", x.status+" "+id+": "+x.why, tableWidth, wide)
		}
	}
	counts := map[ledger.InvoiceSettlement]int{}
	for _, s := range r.Invoices {
		counts[s.State]++
	}
	var notes []string
	if n := counts[ledger.InvoiceOpen]; n > 0 {
		notes = append(notes, fmt.Sprintf("%d invoice(s) open and not yet due", n))
	}
	if n := counts[ledger.InvoiceMarkedPaid]; n > 0 {
		notes = append(notes, fmt.Sprintf("%d invoice(s) marked paid with no payment in the ledger (import the statement they were paid into to check)", n))
	}
	if r.Others > 0 {
		notes = append(notes, fmt.Sprintf("%d bank deposit(s) come from no known platform and pay no invoice: not listed", r.Others))
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range notes {
			wrap(w, "note: ", "      ", n, tableWidth, wide)
		}
	}
	return nil
}

func payoutsMatchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "match",
		Usage:     "say which payout a bank deposit is, or which invoice a payment pays",
		ArgsUsage: "ENTRY TARGET",
		Description: `ENTRY is a bank deposit or a payment (the entry column of payouts reconcile);
TARGET is the platform payout it is the arrival of, the sponsorship invoice it pays
(an entry id, or the invoice number), or PLATFORM/PROGRAM when the deposit is a payout
that was never imported (the balance it lowers). The match is yours: later imports
and reconciliations keep it. It replaces what the deposit or payment was matched with.

Examples:
   creatorledger payouts match 4021 3977
   creatorledger payouts match 4188 INV-2026-019
   creatorledger payouts match 4230 tiktok/live-gifts`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return withHint(usagef("payouts match needs ENTRY and TARGET"), "creatorledger payouts match 4021 3977")
			}
			entry, err := entryArg(c.Args().Get(0))
			if err != nil {
				return err
			}
			db, err := openLedger(c)
			if err != nil {
				return err
			}
			defer db.Close()
			target, err := matchTarget(c.Context, db, c.Args().Get(1))
			if err != nil {
				return err
			}
			m, err := db.MatchByUser(c.Context, entry, target)
			if err != nil {
				return matchError(err)
			}
			fmt.Fprintf(e.stdout, "matched: %s\n", m.Why)
			return nil
		},
	}
}

func payoutsUnmatchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "unmatch",
		Usage:     "undo a match: the entry is placed with nothing, and the match is not proposed again",
		ArgsUsage: "ENTRY",
		Description: `ENTRY is either side of a match: the deposit or payment, or the payout or invoice
(entry ids as payouts reconcile shows them). A match the reconciliation made is
refused, so no later run proposes it again; a match you made is removed.

Examples:
   creatorledger payouts unmatch 4021`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return withHint(usagef("payouts unmatch needs one ENTRY"), "creatorledger payouts unmatch 4021")
			}
			entry, err := entryArg(c.Args().Get(0))
			if err != nil {
				return err
			}
			db, err := openLedger(c)
			if err != nil {
				return err
			}
			defer db.Close()
			ms, err := db.Unmatch(c.Context, entry)
			if err != nil {
				return matchError(err)
			}
			for _, m := range ms {
				fmt.Fprintf(e.stdout, "unmatched entry %d from %d: %s\n", m.EntryID, m.TargetID, m.Why)
			}
			return nil
		},
	}
}

func entryArg(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, withHint(usagef("%q is not an entry id", s), "creatorledger payouts reconcile   (the entry column)")
	}
	return id, nil
}

// matchTarget reads TARGET: an entry id, PLATFORM/PROGRAM, or an invoice
// number.
func matchTarget(ctx context.Context, db ledger.Store, s string) (ledger.MatchTarget, error) {
	if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
		return ledger.MatchTarget{EntryID: id}, nil
	}
	if p, q, ok := strings.Cut(strings.ToLower(s), "/"); ok && ledger.ValidSlug(p) && ledger.ValidSlug(q) {
		return ledger.MatchTarget{Balance: ledger.Balance{Platform: p, Program: q}}, nil
	}
	invs, err := db.Invoices(ctx)
	if err != nil {
		return ledger.MatchTarget{}, err
	}
	for _, inv := range invs {
		if strings.EqualFold(inv.Number, s) {
			return ledger.MatchTarget{EntryID: inv.EntryID}, nil
		}
	}
	return ledger.MatchTarget{}, withHint(usagef("%q is neither an entry id, PLATFORM/PROGRAM nor an invoice number", s),
		"creatorledger payouts reconcile   (the target column)")
}

func matchError(err error) error {
	switch {
	case errors.Is(err, ledger.ErrNotFound):
		return withHint(err, "creatorledger payouts reconcile   (entry ids)")
	case errors.Is(err, ledger.ErrNoMatch):
		return withHint(err, "creatorledger payouts reconcile")
	}
	return err
}

// reconcileAfterImport reconciles a ledger that has anything to place and
// says in one line what changed; nothing for a ledger without bank
// statements, payouts or payments.
func reconcileAfterImport(ctx context.Context, db ledger.Store, w io.Writer) error {
	need, err := db.NeedsReconcile(ctx)
	if err != nil || !need {
		return err
	}
	r, err := db.Reconcile(ctx, db.Clock())
	if err != nil {
		return err
	}
	var payouts, invoices int
	for _, m := range r.Matches {
		if m.Kind == ledger.MatchPayout {
			payouts++
		} else {
			invoices++
		}
	}
	if payouts+invoices+len(r.Unplaced)+len(r.NotArrived) == 0 {
		return nil
	}
	fmt.Fprintf(w, "reconciled: %d deposit(s) placed as payouts, %d payment(s) settle invoices", payouts, invoices)
	if n := len(r.Unplaced) + len(r.NotArrived); n > 0 {
		fmt.Fprintf(w, "; %d to look at (creatorledger payouts reconcile)", n)
	}
	fmt.Fprintln(w)
	return nil
}
