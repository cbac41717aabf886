package ledger

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// SponsorshipPlatform is the platform of sponsorship invoices: the entry's
// program is then the platform of the deliverable.
const SponsorshipPlatform = "sponsorship"

// IsInvoice reports whether the entry is an invoice or a credit note: a
// sponsorship entry of kind earning or reversal. The import marks such
// entries (entries.invoice, migration 0014) so that the open invoices are
// read from their own index.
func (e *Entry) IsInvoice() bool {
	return e.Platform == SponsorshipPlatform && (e.Kind == KindEarning || e.Kind == KindReversal)
}

// InvoiceFacts are what a sponsorship invoice says beyond its entry (see
// Entry.Invoice): the invoice importer fills them in, the import stores them
// with the version of the entry it writes (table invoices), and Invoices
// reads them back.
type InvoiceFacts struct {
	Due, Paid       time.Time        // zero when not stated
	VATRate         *decimal.Decimal // a percentage; nil when the invoice states none
	VAT             decimal.Decimal  // the VAT amount, in the entry's currency
	Disclosure      string           // how the sponsored content was marked; "" when it was not
	URLs            []string         // the deliverables
	Corrects        string           // for a credit note, the number of the invoice it corrects
	CustomerCountry string           // ISO 3166 alpha-2 code of the brand's country, "" when not stated
}

// String renders the facts on one line, for people and golden files.
func (f *InvoiceFacts) String() string {
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+" "+v)
		}
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(DateLayout)
	}
	add("due", day(f.Due))
	add("paid", day(f.Paid))
	if f.VATRate != nil {
		add("vat", f.VATRate.String()+"% "+f.VAT.String())
	}
	d := f.Disclosure
	if d == "" {
		d = "none"
	}
	add("disclosure", d)
	add("url", strings.Join(f.URLs, " "))
	add("corrects", f.Corrects)
	add("country", f.CustomerCountry)
	return strings.Join(parts, "; ")
}

// Equal reports whether two sets of facts are the same.
func (f *InvoiceFacts) Equal(o *InvoiceFacts) bool {
	if (f.VATRate == nil) != (o.VATRate == nil) || f.VATRate != nil && !f.VATRate.Equal(*o.VATRate) {
		return false
	}
	return f.Due.Equal(o.Due) && f.Paid.Equal(o.Paid) && f.VAT.Equal(o.VAT) && f.Disclosure == o.Disclosure &&
		strings.Join(f.URLs, " ") == strings.Join(o.URLs, " ") && f.Corrects == o.Corrects &&
		f.CustomerCountry == o.CustomerCountry
}

// MixVersion adds the facts to an entry's version (VersionOf), so that a
// re-import whose only change is an invoice fact (a due date moved, a
// deliverable published) updates the entry.
func (f *InvoiceFacts) MixVersion(v int64) int64 {
	return int64(fnvText(fnvText(uint64(v), "invoice"), f.Text()))
}

// Text is the facts as one string, as the invoices table keeps them
// (factsRow.text): MixVersion mixes it in, and undo compares it.
func (f *InvoiceFacts) Text() string {
	day := func(d time.Time) string {
		if d.IsZero() {
			return "-"
		}
		return strconv.FormatInt(DayNumber(d), 10)
	}
	rate := "-"
	if f.VATRate != nil {
		m, _ := ToMicro(*f.VATRate)
		rate = strconv.FormatInt(m, 10)
	}
	vat, _ := ToMicro(f.VAT)
	return strings.Join([]string{day(f.Due), day(f.Paid), rate, strconv.FormatInt(vat, 10), f.Disclosure,
		strings.Join(f.URLs, " "), f.Corrects, f.CustomerCountry}, "\x1f")
}

// Invoice is a sponsorship invoice or credit note.
//
// A sponsorship entry entered by hand (the native CSV has no columns for
// the facts) is an invoice too, with zero Due and Paid, no VAT, no
// disclosure and no URLs: the ledger does not know them. Reports that need
// a due date for it assume the Dutch statutory payment term, 30 days after
// the issue date, and say so.
type Invoice struct {
	EntryID    int64
	Number     string
	Brand      string
	Platform   string // the deliverable's platform (the entry's program)
	Issued     time.Time
	Due        time.Time
	Paid       time.Time        // zero while not marked paid
	Amount     decimal.Decimal  // excluding VAT; negative for a credit note
	VATRate    *decimal.Decimal // nil when no VAT was charged/stated
	VAT        decimal.Decimal
	Currency   string
	Disclosure string // "" when the sponsored content was not marked
	URLs       []string
	Text       string // the invoice's description
	Corrects   string // for a credit note: the number of the invoice it corrects, else ""
}

// Gross is what the brand pays: the amount plus VAT.
func (i Invoice) Gross() decimal.Decimal { return i.Amount.Add(i.VAT) }

// InvoiceRecord is an invoice with what the reports need besides.
type InvoiceRecord struct {
	Invoice
	Status   Status
	Country  string // CustomerCountry
	HasFacts bool   // imported from the template, not entered by hand
}

// SortInvoiceRecords puts invoices in the reports' order: by issue date,
// number and entry.
func SortInvoiceRecords(out []InvoiceRecord) {
	sort.Slice(out, func(i, j int) bool { return InvoiceBefore(&out[i].Invoice, &out[j].Invoice) })
}

// InvoiceBefore is the reports' order of invoices.
func InvoiceBefore(a, b *Invoice) bool {
	if !a.Issued.Equal(b.Issued) {
		return a.Issued.Before(b.Issued)
	}
	if a.Number != b.Number {
		return a.Number < b.Number
	}
	return a.EntryID < b.EntryID
}

// FindCorrected fills in the invoice a credit note without a corrects
// column corrects: the one invoice (not a credit note) of the same brand
// whose number is a word of the credit note's text.
func FindCorrected(recs []InvoiceRecord) {
	type key struct{ brand, number string }
	invoices := make(map[key]bool)
	for i := range recs {
		if !recs[i].Amount.IsNegative() {
			invoices[key{strings.ToLower(recs[i].Brand), FoldNumber(recs[i].Number)}] = true
		}
	}
	for i := range recs {
		r := &recs[i]
		if !r.Amount.IsNegative() || r.Corrects != "" {
			continue
		}
		found := ""
		for _, w := range strings.FieldsFunc(r.Text, NotNumberRune) {
			if w == r.Number || !invoices[key{strings.ToLower(r.Brand), FoldNumber(w)}] {
				continue
			}
			if found != "" && FoldNumber(found) != FoldNumber(w) {
				found = "" // two invoices named: do not guess
				break
			}
			found = w
		}
		if found != "" {
			for j := range recs {
				if FoldNumber(recs[j].Number) == FoldNumber(found) && !recs[j].Amount.IsNegative() {
					found = recs[j].Number
					break
				}
			}
		}
		r.Corrects = found
	}
}

// FoldNumber is an invoice number as numbers are compared: without regard
// to the case of the letters A to Z (as SQLite's NOCASE compares, so that
// a query finds them: OpenInvoices); other letters compare as they are.
func FoldNumber(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'a' && c <= 'z' {
					b[j] = c - 'a' + 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// NotNumberRune separates the words of a text that may be invoice numbers
// (INV-2026-017, 2026/17).
func NotNumberRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '/':
		return false
	}
	return true
}
