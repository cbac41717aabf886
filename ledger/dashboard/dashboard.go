// Package dashboard writes the page of report dashboard: one HTML file
// that holds everything it shows (inline CSS and SVG charts drawn here, no
// script, no font, nothing fetched: its Content-Security-Policy forbids
// it), with a table behind every chart.
//
// It draws the reports it is given and computes none: the caller runs the
// ledger's reports and rounds them as the CLI shows them, so that every
// figure on the page is one the CLI prints for the same ledger and date.
package dashboard

import (
	"embed"
	"html/template"
	"io"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// Data is what the dashboard shows.
type Data struct {
	AsOf time.Time
	// From is the first day of the income and RPM window (the month
	// eleven months before AsOf's).
	From    time.Time
	Country string
	// Currency is the reporting currency the income is converted to;
	// CurrencyNote says why it is that one when the ledger sets none.
	Currency, CurrencyNote string
	// Income is the income report by month from From to AsOf, converted
	// to Currency and rounded as report income shows it.
	Income ledger.IncomeResult
	// RPM is report rpm by month over the same window, RPM and converted
	// estimates rounded as report rpm shows them.
	RPM ledger.RPMReport
	// Pending is payouts pending on AsOf.
	Pending ledger.PendingReport
	// Invoices is report invoices --status open on AsOf (open and overdue)
	// in short, its first MaxInvoiceLines lines listed.
	Invoices ledger.OpenInvoices
	// Reconciliation is payouts reconcile on AsOf.
	Reconciliation ledger.Reconciliation
	// Commands are the CLI commands each panel's figures come from.
	Commands Commands
}

// Commands are the command lines that print what the panels show.
type Commands struct{ Income, RPM, Pending, Invoices, Reconcile string }

//go:embed page.tmpl
var files embed.FS

var page = template.Must(template.New("").Funcs(template.FuncMap{
	"date":  func(t time.Time) string { return dateOr(t, ledger.DateLayout, "") },
	"month": func(t time.Time) string { return dateOr(t, "2006-01", "") },
}).ParseFS(files, "page.tmpl"))

// Write writes the dashboard of d to w.
func Write(w io.Writer, d Data) error {
	return page.ExecuteTemplate(w, "page", build(d))
}

// view is what the template reads.
type view struct {
	Data
	Tiles      []tile
	Income     incomePanel
	RPM        rpmPanel
	Payouts    []payoutRow
	Invoices   invoicePanel
	NotArrived []notArrivedRow
	Unplaced   []unplacedRow
}

type tile struct{ Label, Value, Note, Href string }

func build(d Data) view {
	v := view{Data: d}
	v.Income = buildIncome(d)
	v.RPM = buildRPM(d)
	v.Payouts = buildPayouts(d)
	v.Invoices = buildInvoices(d)
	v.NotArrived, v.Unplaced = buildReconciliation(d)

	for _, t := range v.Income.Totals {
		v.Tiles = append(v.Tiles, tile{Label: "Income " + month(d.From) + " to " + month(d.AsOf), Value: t.Amount + " " + t.Currency,
			Note: "converted at ECB rates", Href: "#income"})
	}
	if len(v.Income.Totals) == 0 {
		v.Tiles = append(v.Tiles, tile{Label: "Income " + month(d.From) + " to " + month(d.AsOf), Value: "none", Href: "#income"})
	}
	payable := 0
	for _, r := range d.Pending.Rows {
		if r.Status == ledger.Payable {
			payable++
		}
	}
	v.Tiles = append(v.Tiles, tile{Label: "Balances at their payout threshold", Value: count(payable, "balance", "balances"),
		Note: "of " + count(len(d.Pending.Rows), "balance", "balances"), Href: "#payouts"})
	overdue := d.Invoices.Overdue
	for _, a := range d.Invoices.Aging {
		v.Tiles = append(v.Tiles, tile{Label: "Owed on invoices", Value: money(a.Total, a.Currency) + " " + a.Currency,
			Note: count(overdue, "invoice", "invoices") + " overdue", Href: "#invoices"})
	}
	if len(d.Invoices.Aging) == 0 {
		v.Tiles = append(v.Tiles, tile{Label: "Owed on invoices", Value: "nothing", Href: "#invoices"})
	}
	v.Tiles = append(v.Tiles,
		tile{Label: "Payouts that never reached the bank", Value: count(len(v.NotArrived), "payout", "payouts"), Href: "#bank"},
		tile{Label: "Deposits nobody could place", Value: count(len(v.Unplaced), "deposit", "deposits"), Href: "#bank"})
	return v
}

// money is an amount as the people's tables of the CLI show it: the
// currency's decimals (more when the amount has them), thousands grouped.
func money(d decimal.Decimal, currency string) string {
	return ledger.GroupThousands(ledger.FormatAmount(d, currency))
}

func month(t time.Time) string { return dateOr(t, "2006-01", "") }

func dateOr(t time.Time, layout, none string) string {
	if t.IsZero() {
		return none
	}
	return t.Format(layout)
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

// legendItem is a colour and what it stands for.
type legendItem struct{ Name, Colour string }

// ranked orders keys by their total, the largest first (then by name),
// and gives each a colour; past the palette, the rest share "other".
func ranked(totals map[string]decimal.Decimal) (keys []string, colour map[string]string, rest []string) {
	for k := range totals {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if c := totals[keys[i]].Abs().Cmp(totals[keys[j]].Abs()); c != 0 {
			return c > 0
		}
		return keys[i] < keys[j]
	})
	colour = map[string]string{}
	if len(keys) > len(palette) {
		keys, rest = keys[:len(palette)-1], keys[len(palette)-1:]
	}
	for i, k := range keys {
		colour[k] = palette[i]
	}
	return keys, colour, rest
}
