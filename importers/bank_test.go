package importers

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// The bank statements' fixtures, checked against what the statements
// themselves say: the number of entries and, for the booked ones (not
// pending, not reversed), the change of the balance from before the first
// movement to after the last, read off the files' balance columns (or, for
// files without one, added up by hand). Signs, totals and row counts thus
// do not rest on the golden files alone.
func TestBankStatementTotals(t *testing.T) {
	for _, c := range []struct {
		source, file string
		entries      int
		change       string // booked entries' sum, per currency
		currency     string
	}{
		{"ing", "comma-older-2026-09.csv", 6, "-385.81", "EUR"},
		{"ing", "comma-2026-08.csv", 4, "118.15", "EUR"},
		{"ing", "semicolon-current-2026-10.csv", 7, "921.58", "EUR"}, // Saldo na mutatie 2145.30 -> 3066.88
		{"ing", "extra-column-2026-07.csv", 3, "894.06", "EUR"},
		{"rabobank", "current-2026-09.csv", 9, "395.19", "EUR"}, // Saldo na trn 2884.12 -> 3279.31
		{"bunq", "statement-2026-09.csv", 7, "441.50", "EUR"},
		{"knab", "transactieoverzicht-2026-09.csv", 6, "986.07", "EUR"},
		{"abn-amro", "txt-2026-09.csv", 12, "-741.39", "EUR"},               // 255.47 on one account, -996.86 on the other
		{"asn", "transactie-historie-2026-09.csv", 8, "871.45", "EUR"},      // 845.10 -> 1716.55
		{"revolut", "account-statement-2026-09.csv", 13, "623.23", "EUR"},   // Balance 412.08 -> 1035.31
		{"revolut-legacy", "statement-eur-2019-09.csv", 8, "192.50", "EUR"}, // 31.08 -> 223.58
		{"revolut-legacy", "statement-gbp-2019-09.csv", 3, "63.63", "GBP"},  // 0.00 -> 63.63
		{"wise", "statement-usd-2026-09.csv", 7, "92.13", "USD"},            // Running Balance 35.20 -> 127.33
		{"wise", "statement-2020-layout-eur-2026-08.csv", 5, "8.79", "EUR"}, // 120.00 -> 128.79
	} {
		t.Run(c.source+"/"+c.file, func(t *testing.T) {
			path := filepath.Join("..", "testdata", c.source, c.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			src, err := NewSource(c.file, bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			imp, err := Detect(src.Header())
			if err != nil || imp.Name() != c.source {
				t.Fatalf("detected %v, %v; want %s", imp, err, c.source)
			}
			imp, err = Prepare(imp, "", func() (*Source, error) { return NewSourceFor(c.file, bytes.NewReader(data), imp) })
			if err != nil {
				t.Fatal(err)
			}
			n, sum := 0, decimal.Zero
			err = Run(imp, src, func(e ledger.Entry, _ bool) error {
				n++
				if e.Kind.IsIncome() {
					t.Errorf("line %d: a bank movement counted as income (%s)", e.Line, e.Kind)
				}
				if e.Currency != c.currency {
					t.Errorf("line %d: currency %s, want %s", e.Line, e.Currency, c.currency)
				}
				if e.Status != ledger.StatusPending && e.Status != ledger.StatusReversed {
					sum = sum.Add(e.Amount)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if n != c.entries {
				t.Errorf("%d entries, want %d", n, c.entries)
			}
			if want := decimal.RequireFromString(c.change); !sum.Equal(want) {
				t.Errorf("booked entries sum to %s, want %s", sum, want)
			}
		})
	}
}

// The same costs row on two accounts of one bank, downloaded as two
// statements, are two movements: the account is part of their identity
// (the program), so the second import does not take the row for the
// first's.
func TestBankAccountsKeepTheirOwnRows(t *testing.T) {
	const row = `"20260930","Kosten OranjePakket","%s","","DV","Af","3,25","Diversen","1 sep t/m 30 sep 2026 ING BANK N.V. Valutadatum: 30-09-2026"` + "\n"
	const header = `"Datum","Naam / Omschrijving","Rekening","Tegenrekening","Code","Af Bij","Bedrag (EUR)","Mutatiesoort","Mededelingen"` + "\n"
	identity := func(account string) string {
		text := header + fmt.Sprintf(row, account)
		src, err := NewSource("ing.csv", strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		var id string
		if err := Run(builtin("ing"), src, func(e ledger.Entry, _ bool) error { id = e.Identity(); return nil }); err != nil {
			t.Fatal(err)
		}
		return id
	}
	if a, b := identity("NL69INGB0123456789"), identity("NL32INGB0009876543"); a == "" || a == b {
		t.Errorf("two accounts' rows share the identity %q", a)
	}
}
