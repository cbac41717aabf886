package importers

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// Invoices reads sponsorship invoices in creatorledger's own CSV template,
// documented in docs/invoice-template.md. One row is one invoice; columns
// may come in any order, description is optional, and any other column is
// refused (most likely a misspelt name).
//
// An invoice is an earning on its issue date (a credit note, with a
// negative amount, is a reversal): platform sponsorship, program the slug of
// the platform the deliverable is on (tiktok, youtube...), the invoice
// number as external id, the brand as counterparty. The amount is the
// amount excluding VAT: VAT is collected for the tax authority and is not
// income. Status is paid once paid_date is filled in, else approved (the
// brand owes it; whether it is overdue depends on the day a report is run).
//
// What the entry has no field for (due date, paid date, VAT, deliverable
// URLs and the disclosure used) is kept in its description in a fixed form
// that InvoiceFacts reads back, with "disclosure: none" when the sponsored
// content was not marked, so the invoices report can flag it.
type Invoices struct{}

// The template's columns.
var (
	invoiceColumns = []string{
		"invoice_number", "brand", "platform", "issue_date", "due_date", "amount_excl_vat",
		"currency", "vat_rate", "paid_date", "deliverable_url", "disclosure",
	}
	invoiceOptional = []string{"description"}
)

const (
	ivNumber = iota
	ivBrand
	ivPlatform
	ivIssue
	ivDue
	ivAmount
	ivCurrency
	ivVAT
	ivPaid
	ivURL
	ivDisclosure
	ivDescription
	ivFields
)

// Name implements Importer.
func (Invoices) Name() string { return "sponsorship-invoices" }

// Info implements Importer.
func (Invoices) Info() Info {
	return Info{
		Title:      "Sponsorship invoices in creatorledger's CSV template (docs/invoice-template.md)",
		Header:     strings.Join(append(invoiceColumns[:len(invoiceColumns):len(invoiceColumns)], invoiceOptional...), ","),
		Confidence: OwnFormat,
	}
}

// invoiceHeader maps a header to column indexes (-1 when absent) and lists
// the required columns it lacks and the columns it should not have.
func invoiceHeader(header []string) (cols [ivFields]int, missing, unknown []string) {
	for i := range cols {
		cols[i] = -1
	}
	all := append(invoiceColumns[:len(invoiceColumns):len(invoiceColumns)], invoiceOptional...)
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if name == "" {
			continue
		}
		found := false
		for f, n := range all {
			if n == name && cols[f] < 0 {
				cols[f], found = i, true
				break
			}
		}
		if !found {
			unknown = append(unknown, h)
		}
	}
	for f, n := range invoiceColumns {
		if cols[f] < 0 {
			missing = append(missing, n)
		}
	}
	return cols, missing, unknown
}

// Detect implements Importer: the template's eleven required columns, in
// any order.
func (Invoices) Detect(header []string) bool {
	_, missing, _ := invoiceHeader(header)
	return len(missing) == 0
}

// Parse implements Importer.
func (Invoices) Parse(src *Source, emit func(ledger.Entry) error) error {
	cols, missing, unknown := invoiceHeader(src.Header())
	if len(missing) > 0 || len(unknown) > 0 {
		var probs []string
		if len(missing) > 0 {
			probs = append(probs, "no column "+strings.Join(missing, ", "))
		}
		if len(unknown) > 0 {
			probs = append(probs, "unknown column "+QuoteHeader(unknown, ", "))
		}
		src.LineErrorf("not the sponsorship invoice template (docs/invoice-template.md): %s", strings.Join(probs, "; "))
		return nil
	}
	seen := map[string]int{} // invoice number -> line
	for src.Next() {
		rec := src.Record()
		if len(rec) != len(src.Header()) {
			src.LineErrorf("has %d fields, the header has %d", len(rec), len(src.Header()))
			continue
		}
		e, ok := invoiceRow(src, cols, rec)
		if !ok {
			continue
		}
		if line, dup := seen[e.ExternalID]; dup {
			src.Errorf(cols[ivNumber], "invoice %q is already on line %d", e.ExternalID, line)
			continue
		}
		seen[strings.Clone(e.ExternalID)] = src.Line() // not the chunk of rows it is cut from
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}

func invoiceRow(src *Source, cols [ivFields]int, rec []string) (ledger.Entry, bool) {
	ok := true
	fail := func(f int, format string, args ...any) {
		src.Errorf(cols[f], format, args...)
		ok = false
	}
	cell := func(f int) string {
		if cols[f] < 0 {
			return ""
		}
		return strings.TrimSpace(rec[cols[f]])
	}
	date := func(f int, required bool) time.Time {
		s := cell(f)
		if s == "" {
			if required {
				fail(f, "empty: the template needs a date here (yyyy-mm-dd)")
			}
			return time.Time{}
		}
		d, err := ParseDate(s, ledger.DateLayout, "2-1-2006")
		if err != nil {
			fail(f, "%q is not a date (want yyyy-mm-dd, or dd-mm-yyyy)", rec[cols[f]])
		}
		return d
	}
	required := func(f int, what string) string {
		s := cell(f)
		if s == "" {
			fail(f, "empty: %s", what)
		}
		return s
	}

	var e ledger.Entry
	e.Platform = "sponsorship"
	e.ExternalID = required(ivNumber, "every invoice has a number")
	e.Counterparty = required(ivBrand, "the brand the invoice is addressed to")
	if p := required(ivPlatform, "the platform of the deliverable (tiktok, youtube, instagram...)"); p != "" {
		e.Program = ledger.Slugify(p)
		if !ledger.ValidSlug(e.Program) {
			fail(ivPlatform, "%q is not a platform name (tiktok, youtube, instagram...)", rec[cols[ivPlatform]])
		}
	}
	e.Date = date(ivIssue, true)
	due := date(ivDue, true)
	paid := date(ivPaid, false)
	if !e.Date.IsZero() && !due.IsZero() && due.Before(e.Date) {
		fail(ivDue, "%q is before the issue date %q", rec[cols[ivDue]], rec[cols[ivIssue]])
	}

	amount, err := ParseAmount(cell(ivAmount), DecimalAuto)
	if errors.Is(err, errAmountAmbiguous) {
		err = errors.New("cannot tell whether ',' or '.' is the decimal mark: write 1250.00, not 1,250")
	}
	if err != nil {
		fail(ivAmount, "%q is not an amount (%v)", rec[cols[ivAmount]], err)
	} else if !inRange(amount) {
		fail(ivAmount, "%q is too large for the ledger", rec[cols[ivAmount]])
	}
	e.Amount = amount
	e.Kind = ledger.KindEarning
	if amount.IsNegative() {
		e.Kind = ledger.KindReversal // a credit note
	}
	e.Currency = strings.ToUpper(cell(ivCurrency))
	if !ledger.ValidCurrency(e.Currency) {
		fail(ivCurrency, "%q is not an ISO 4217 currency code", rec[cols[ivCurrency]])
	}
	var rate decimal.Decimal
	rateSet := false
	if s := strings.TrimSpace(strings.TrimSuffix(cell(ivVAT), "%")); s != "" {
		r, err := ParseAmount(s, DecimalAuto)
		if err != nil || r.IsNegative() || r.GreaterThanOrEqual(decimal.NewFromInt(100)) {
			fail(ivVAT, "%q is not a VAT rate (a percentage such as 21 or 9, 0 for none, empty if not charged)", rec[cols[ivVAT]])
		}
		rate, rateSet = r, true
	}
	urls := strings.Fields(cell(ivURL))
	for _, u := range urls {
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			fail(ivURL, "%q is not a web address (https://...)", u)
		}
	}
	if !ok {
		return e, false
	}

	e.Status = ledger.StatusApproved
	if !paid.IsZero() {
		e.Status = ledger.StatusPaid
	}
	facts := InvoiceFacts{
		Text: cell(ivDescription), Due: due, Paid: paid, URLs: urls,
		Disclosure: normaliseDisclosure(cell(ivDisclosure)),
	}
	if rateSet {
		facts.VATRate = &rate
		facts.VAT = amount.Mul(rate).Div(decimal.NewFromInt(100)).Round(int32(ledger.MinorUnits(e.Currency)))
	}
	e.Description = facts.String(e.Currency)
	return e, true
}

// normaliseDisclosure returns the disclosure text, or "" when the cell says
// there was none.
func normaliseDisclosure(s string) string {
	switch strings.ToLower(s) {
	case "", "none", "no", "-", "n/a", "geen", "nee":
		return ""
	}
	return s
}

// InvoiceFacts are the parts of an invoice the ledger entry has no field
// for, kept in its description as
//
//	TEXT | due: 2026-03-16 | paid: 2026-03-10 | vat: 21% (105.00 EUR) | disclosure: #advertentie | url: https://...
//
// where TEXT (the description column) and paid, vat and url are left out
// when empty, and disclosure is "none" when the content was not marked as
// sponsored. '|' in the texts is written as '/'.
type InvoiceFacts struct {
	Text       string
	Due, Paid  time.Time
	VATRate    *decimal.Decimal // nil: no VAT column value
	VAT        decimal.Decimal  // the VAT amount, rounded to the currency's minor unit
	Disclosure string           // "" when not disclosed
	URLs       []string
}

// String renders the facts as an entry description.
func (f InvoiceFacts) String(currency string) string {
	clean := func(s string) string { return strings.ReplaceAll(s, "|", "/") }
	var parts []string
	if f.Text != "" {
		parts = append(parts, clean(f.Text))
	}
	if !f.Due.IsZero() {
		parts = append(parts, "due: "+f.Due.Format(ledger.DateLayout))
	}
	if !f.Paid.IsZero() {
		parts = append(parts, "paid: "+f.Paid.Format(ledger.DateLayout))
	}
	if f.VATRate != nil {
		parts = append(parts, fmt.Sprintf("vat: %s%% (%s %s)", f.VATRate.String(), ledger.FormatAmount(f.VAT, currency), currency))
	}
	d := "none"
	if f.Disclosure != "" {
		d = clean(f.Disclosure)
	}
	parts = append(parts, "disclosure: "+d)
	if len(f.URLs) > 0 {
		parts = append(parts, "url: "+clean(strings.Join(f.URLs, " ")))
	}
	return strings.Join(parts, " | ")
}

// ParseInvoiceFacts reads back the facts of a sponsorship entry's
// description. ok is false when the description has no disclosure part,
// i.e. was not written by the invoice importer (a hand-written entry).
func ParseInvoiceFacts(desc string) (f InvoiceFacts, ok bool) {
	var text []string
	for _, p := range strings.Split(desc, " | ") {
		key, val, found := strings.Cut(p, ": ")
		switch {
		case found && key == "due":
			f.Due, _ = time.Parse(ledger.DateLayout, val)
		case found && key == "paid":
			f.Paid, _ = time.Parse(ledger.DateLayout, val)
		case found && key == "vat":
			rate, rest, _ := strings.Cut(val, "% (")
			if r, err := decimal.NewFromString(rate); err == nil {
				f.VATRate = &r
			}
			amt, _, _ := strings.Cut(rest, " ")
			f.VAT, _ = decimal.NewFromString(amt)
		case found && key == "disclosure":
			ok = true
			if val != "none" {
				f.Disclosure = val
			}
		case found && key == "url":
			f.URLs = strings.Fields(val)
		default:
			text = append(text, p)
		}
	}
	f.Text = strings.Join(text, " | ")
	return f, ok
}
