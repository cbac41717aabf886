package importers

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// The facts kept in an invoice entry's description read back exactly, and
// an undisclosed sponsorship is recognisable.
func TestInvoiceFactsRoundTrip(t *testing.T) {
	rate := decimal.RequireFromString("21")
	cases := []InvoiceFacts{
		{Text: "1 TikTok video | 3 stories", Due: day("2026-08-13"), Paid: day("2026-08-02"), VATRate: &rate,
			VAT: decimal.RequireFromString("157.5"), Disclosure: "#advertentie", URLs: []string{"https://a.example/1", "https://a.example/2"}},
		{Due: day("2026-10-16")},
	}
	for _, f := range cases {
		desc := f.String("EUR")
		got, ok := ParseInvoiceFacts(desc)
		if !ok {
			t.Fatalf("%q: not recognised as invoice facts", desc)
		}
		want := f
		want.Text = strings.ReplaceAll(f.Text, "|", "/")
		if got.Text != want.Text || !got.Due.Equal(want.Due) || !got.Paid.Equal(want.Paid) ||
			got.Disclosure != want.Disclosure || strings.Join(got.URLs, " ") != strings.Join(want.URLs, " ") ||
			(got.VATRate == nil) != (want.VATRate == nil) || !got.VAT.Equal(want.VAT) {
			t.Errorf("%q read back as %+v, want %+v", desc, got, want)
		}
	}
	if _, ok := ParseInvoiceFacts("Valentine's campaign, #advertentie"); ok {
		t.Error("a hand-written description is not invoice facts")
	}
}

func day(s string) time.Time {
	d, err := time.Parse(ledger.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

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
	f, _ := ParseInvoiceFacts(got[0].Description)
	if !f.VAT.Equal(decimal.RequireFromString("105")) || f.Disclosure != "#ad" {
		t.Errorf("facts %+v, want VAT 105.00 and disclosure #ad", f)
	}
}

func FuzzInvoices(f *testing.F) {
	example, _ := os.ReadFile(filepath.Join("..", "testdata", "sponsorship-invoices", "example.csv"))
	f.Add(example)
	f.Add([]byte(strings.Join(invoiceColumns, ";") + ";description\nX;B;TikTok;1-1-2026;2-1-2026;1.250,00;EUR;21%;;;;a | b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := NewSource("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			return
		}
		_ = Run(Invoices{}, src, func(e ledger.Entry, _ bool) error {
			if err := e.Validate(); err != nil {
				t.Fatalf("emitted an invalid entry: %v", err)
			}
			if _, ok := ParseInvoiceFacts(e.Description); !ok {
				t.Fatalf("description %q does not read back", e.Description)
			}
			return nil
		})
	})
}
