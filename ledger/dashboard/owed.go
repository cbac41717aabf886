package dashboard

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// payoutRow is a line of payouts pending, with its progress bar.
type payoutRow struct {
	Platform, Program, Currency                                          string
	Withdrawable, Pending, Threshold, Remaining, Status, NextPayout, ETA string
	Confidence                                                           string
	Bar                                                                  *chart
	Summary                                                              string
}

func buildPayouts(d Data) []payoutRow {
	var out []payoutRow
	for i, r := range d.Pending.Rows {
		amt := func(v decimal.Decimal) string { return money(v, r.Currency) }
		row := payoutRow{Platform: r.Platform, Program: r.Program, Currency: r.Currency,
			Withdrawable: amt(r.Withdrawable), Pending: amt(r.Pending), Status: string(r.Status),
			NextPayout: dateOr(r.NextPayout, ledger.DateLayout, ""), ETA: dateOr(r.ETA, "2006-01", ""), Confidence: r.Confidence}
		s := fmt.Sprintf("%s %s withdrawable", row.Withdrawable, r.Currency)
		if r.Pending.Sign() != 0 {
			s += fmt.Sprintf(", %s pending", row.Pending)
		}
		if r.HasThreshold {
			row.Threshold, row.Remaining = amt(r.Threshold), amt(r.Remaining)
			s += fmt.Sprintf("; threshold %s", row.Threshold)
			if r.Remaining.Sign() > 0 {
				s += fmt.Sprintf(", %s to go", row.Remaining)
			}
			title := fmt.Sprintf("%s/%s %s: %s of the %s threshold withdrawable", r.Platform, r.Program, r.Currency, row.Withdrawable, row.Threshold)
			bar := progressBar("bar-"+strconv.Itoa(i+1), title, r.Withdrawable, r.Pending, r.Threshold)
			row.Bar = &bar
		} else {
			s += "; no threshold"
		}
		if row.NextPayout != "" {
			s += "; next payout " + row.NextPayout
		}
		if row.ETA != "" {
			s += "; threshold reached about " + row.ETA
		}
		row.Summary = s
		out = append(out, row)
	}
	return out
}

type invoicePanel struct {
	Lines   []invoiceRow
	More    int // open invoices beyond the first MaxInvoiceLines, left to report invoices
	Aging   []agingView
	Assumed bool
}

// MaxInvoiceLines is how many open invoices the page lists, in the order
// of report invoices (oldest first): a page is for looking, and the aging
// chart counts them all.
const MaxInvoiceLines = 50

type invoiceRow struct {
	Number, Brand, Platform, Issued, Due, Status, Days, Gross, Outstanding, Currency string
	DueAssumed                                                                       bool
}

type agingView struct {
	Currency string
	NotDue   string
	Buckets  []string
	Total    string
	Chart    chart
}

// agingColours: not yet due in blue, then warmer the longer past due.
var agingColours = []string{"#E69F00", "#D55E00", "#CC79A7", "#000000"}

func buildInvoices(d Data) invoicePanel {
	p := invoicePanel{More: d.Invoices.More, Assumed: d.Invoices.Assumed}
	for _, l := range d.Invoices.Lines {
		if len(p.Lines) == MaxInvoiceLines {
			p.More++
			continue
		}
		row := invoiceRow{Number: l.Number, Brand: l.Brand, Platform: l.Platform, Issued: dateOr(l.Issued, ledger.DateLayout, ""),
			Due: dateOr(l.DueOn, ledger.DateLayout, ""), DueAssumed: l.DueAssumed, Status: l.State,
			Gross: money(l.NetGross, l.Currency), Outstanding: money(l.Outstanding, l.Currency), Currency: l.Currency}
		switch l.State {
		case ledger.InvoiceStateOpen, ledger.InvoiceStateOverdue, ledger.InvoiceStateCredit:
			row.Days = strconv.Itoa(l.DaysPastDue)
		}
		p.Lines = append(p.Lines, row)
	}
	for _, a := range d.Invoices.Aging {
		v := agingView{Currency: a.Currency, NotDue: money(a.NotDue, a.Currency), Total: money(a.Total, a.Currency)}
		bars := []hbar{{"not yet due", a.NotDue, "#0072B2"}}
		for i, b := range a.Buckets {
			v.Buckets = append(v.Buckets, money(b, a.Currency))
			bars = append(bars, hbar{ledger.AgingBuckets[i] + " days", b, agingColours[i%len(agingColours)]})
		}
		v.Chart = barsChart("aging-"+a.Currency, "Owed on invoices in "+a.Currency+" by days past due",
			"Horizontal bars: what brands owe, not yet due and by days past the due date; the table beside holds the figures.", a.Currency, bars)
		v.Chart.Class = "chart small"
		p.Aging = append(p.Aging, v)
	}
	return p
}

type notArrivedRow struct{ Date, Platform, Balance, Amount, Currency, Entry, Expected string }

type unplacedRow struct{ Date, Bank, Counterparty, Amount, Currency, Entry, Balance, Why string }

func buildReconciliation(d Data) ([]notArrivedRow, []unplacedRow) {
	var na []notArrivedRow
	for _, n := range d.Reconciliation.NotArrived {
		e := n.Payout
		na = append(na, notArrivedRow{Date: dateOr(e.Date, ledger.DateLayout, ""), Platform: e.Platform,
			Balance: n.Balance.Platform + "/" + n.Balance.Program, Amount: money(e.Amount, e.Currency), Currency: e.Currency,
			Entry: strconv.FormatInt(e.ID, 10), Expected: dateOr(n.Expected, ledger.DateLayout, "")})
	}
	var un []unplacedRow
	for _, u := range d.Reconciliation.Unplaced {
		e := u.Deposit
		un = append(un, unplacedRow{Date: dateOr(e.Date, ledger.DateLayout, ""), Bank: e.Platform, Counterparty: e.Counterparty,
			Amount: money(e.Amount, e.Currency), Currency: e.Currency, Entry: strconv.FormatInt(e.ID, 10),
			Balance: u.Balance.Platform + "/" + u.Balance.Program, Why: u.Why})
	}
	return na, un
}
