package importers

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// The documented example file is the one shipped as a fixture, and every
// column of the template is documented.
func TestInvoiceTemplateDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "invoice-template.md"))
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile(filepath.Join("..", "testdata", "sponsorship-invoices", "example.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, example) {
		t.Error("docs/invoice-template.md does not show testdata/sponsorship-invoices/example.csv verbatim")
	}
	for _, c := range append(invoiceColumns, invoiceOptional...) {
		if !bytes.Contains(doc, []byte("| `"+c+"`")) {
			t.Errorf("column %s is not in the documentation's table", c)
		}
	}
}

// VAT is not income: the entry's amount is the amount excluding VAT.
func TestInvoiceVAT(t *testing.T) {
	text := strings.Join(invoiceColumns, ",") + "\nINV-1,Brand,TikTok,2026-07-14,2026-08-13,500.00,EUR,21%,,,#ad\n"
	src, err := NewSource("invoices.csv", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	var got []ledger.Entry
	if err := Run(Invoices{}, src, func(e ledger.Entry, _ bool) error { got = append(got, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got[0].Amount.Equal(decimal.RequireFromString("500")) || got[0].Status != ledger.StatusApproved {
		t.Fatalf("entries %+v", got)
	}
	f := got[0].Invoice
	if f == nil || !f.VAT.Equal(decimal.RequireFromString("105")) || f.Disclosure != "#ad" || got[0].Description != "" {
		t.Errorf("entry %+v facts %+v, want VAT 105.00, disclosure #ad and no description", got[0], f)
	}
}

func FuzzInvoices(f *testing.F) {
	example, _ := os.ReadFile(filepath.Join("..", "testdata", "sponsorship-invoices", "example.csv"))
	f.Add(example)
	f.Add([]byte(strings.Join(invoiceColumns, ";") + ";description\nX;B;TikTok;1-1-2026;2-1-2026;1.250,00;EUR;21%;;;;a | b\n"))
	f.Add([]byte(strings.Join(invoiceColumns, ",") + ",corrects,customer_country\nCN-1,B,TikTok,2026-01-01,2026-01-01,-100,EUR,21,,,#ad,INV-1,de\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := NewSource("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			return
		}
		_ = Run(Invoices{}, src, func(e ledger.Entry, _ bool) error {
			if err := e.Validate(); err != nil {
				t.Fatalf("emitted an invalid entry: %v", err)
			}
			f := e.Invoice
			if f == nil || f.Due.IsZero() {
				t.Fatalf("entry %+v has no invoice facts or no due date", e)
			}
			if f.Corrects != "" && !e.Amount.IsNegative() {
				t.Fatalf("invoice %s (not a credit note) corrects %s", e.ExternalID, f.Corrects)
			}
			if f.CustomerCountry != "" && !validCountry(f.CustomerCountry) {
				t.Fatalf("country %q", f.CustomerCountry)
			}
			return nil
		})
	})
}
