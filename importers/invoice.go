package importers

import (
	"errors"
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
// URLs, the disclosure used, the invoice a credit note corrects and the
// customer's country) goes with it as its ledger.InvoiceFacts, which the
// ledger stores in its invoices table; the description is the
// description column alone.
type Invoices struct{}

// The template's columns.
var (
	invoiceColumns = []string{
		"invoice_number", "brand", "platform", "issue_date", "due_date", "amount_excl_vat",
		"currency", "vat_rate", "paid_date", "deliverable_url", "disclosure",
	}
	invoiceOptional = []string{"description", "corrects", "customer_country"}
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
	ivCorrects
	ivCountry
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
	corrects := cell(ivCorrects)
	if corrects != "" && !amount.IsNegative() {
		fail(ivCorrects, "%q: only a credit note (a negative amount) corrects an invoice", rec[cols[ivCorrects]])
	} else if corrects != "" && corrects == e.ExternalID {
		fail(ivCorrects, "%q is this credit note's own number", rec[cols[ivCorrects]])
	}
	country := strings.ToUpper(cell(ivCountry))
	if country != "" && !validCountry(country) {
		fail(ivCountry, "%q is not a country code (two letters, ISO 3166: NL, BE, DE, US, GB...)", rec[cols[ivCountry]])
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
	facts := &ledger.InvoiceFacts{
		Due: due, Paid: paid, URLs: urls, Disclosure: normaliseDisclosure(cell(ivDisclosure)),
		Corrects: corrects, CustomerCountry: country,
	}
	if rateSet {
		facts.VATRate = &rate
		facts.VAT = amount.Mul(rate).Div(decimal.NewFromInt(100)).Round(int32(ledger.MinorUnits(e.Currency)))
	}
	e.Description = cell(ivDescription)
	e.Invoice = facts
	return e, true
}

// validCountry reports whether s looks like an ISO 3166 alpha-2 code: two
// upper-case letters ("UK" is GB's, "EU" is not a country).
func validCountry(s string) bool {
	if len(s) != 2 || s == "UK" || s == "EU" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
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
