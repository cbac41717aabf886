package importers

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

const abnSample = "123456789\tEUR\t20211230\t3025,00\t3000,00\t20211230\t-25,00\tBEA   NR:A1B23C   30.12.21/09.15 Hema EV123,PAS123               ZAANDAM                                                          \n" +
	"123456789\tEUR\t20211230\t3000,00\t3025,00\t20211230\t25,00\tBEA   NR:A1B23C   30.12.21/15.01 Hema EV123,PAS123               ZAANDAM                          TERUGBOEKING-BEA-TRANSACTIE     \n" +
	"123456789\tEUR\t20230202\t3025,00\t2985,65\t20230202\t-39,35\tSEPA iDEAL                       IBAN: NL01RABO0123456789        BIC: RABONL2U                    Naam: Next to Pay via Mollie    Omschrijving: M01234567ABCDE0F 0 123456789012345 Foobar Pizza   \n"

// The first line of a header-less file is a movement, not a header: it is
// imported, and the entries sum to the change of the balance.
func TestABNAMROFirstLineIsARow(t *testing.T) {
	src, err := NewSource("TXT230301120000.TAB", strings.NewReader(abnSample))
	if err != nil {
		t.Fatal(err)
	}
	imp, err := Detect(src.Header())
	if err != nil || imp.Name() != "abn-amro" {
		t.Fatalf("detected %v, %v; want abn-amro", imp, err)
	}
	var got []ledger.Entry
	if err := Run(imp, src, func(e ledger.Entry, _ bool) error { got = append(got, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d entries, want 3", len(got))
	}
	sum := decimal.Zero
	for _, e := range got {
		sum = sum.Add(e.Amount)
	}
	if want := decimal.RequireFromString("-39.35"); !sum.Equal(want) {
		t.Errorf("sum %s, want %s (2985,65 - 3025,00)", sum, want)
	}
	if got[0].Line != 1 || got[0].Counterparty != "Hema EV123" || got[2].Counterparty != "Next to Pay via Mollie" {
		t.Errorf("first entry line %d counterparty %q, third %q", got[0].Line, got[0].Counterparty, got[2].Counterparty)
	}
	if got[0].Kind != ledger.KindTransfer || got[0].Amount.String() != "-25" {
		t.Errorf("first entry %s %s, want a transfer of -25", got[0].Kind, got[0].Amount)
	}
}

func TestABNAMRODetect(t *testing.T) {
	for _, h := range [][]string{
		NativeHeader,
		strings.Split("Datum,Naam / Omschrijving,Rekening,Tegenrekening,Code,Af Bij,Bedrag (EUR),Mutatiesoort", ","),
		strings.Split("123456789,EUR,20211230,3025.00,3000.00,20211230,-25.00,x", ","), // decimal points
		strings.Split("NL01ABNA,EUR,20211230,3025,00,3000,00,20211230", ","),
	} {
		if (ABNAMRO{}).Detect(h) {
			t.Errorf("ABN AMRO claims %q", h)
		}
	}
}

func FuzzABNAMRO(f *testing.F) {
	f.Add([]byte(abnSample))
	f.Add([]byte("1\tEUR\t20260101\t0,00\t1,00\t20260101\t1,00\t/TRTP/x/NAME/\n1\tXXX\t2026\t,\t-,\t\t1,0\tBEA,PAS\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := NewSourceFor("fuzz.TAB", bytes.NewReader(data), ABNAMRO{})
		if err != nil {
			return
		}
		_ = Run(ABNAMRO{}, src, func(e ledger.Entry, _ bool) error {
			if err := e.Validate(); err != nil {
				t.Fatalf("emitted an invalid entry: %v", err)
			}
			return nil
		})
	})
}

// headerlessSource reports whether imp reads files without a header line,
// whose first line is a movement (TestHostileInputs' header-only case does
// not apply to them).
func headerlessSource(imp Importer) bool {
	switch imp.(type) {
	case ABNAMRO, ASN:
		return true
	}
	return false
}
