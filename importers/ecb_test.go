package importers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

func readECB(t *testing.T, name string) ([]ledger.Rate, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "ecb", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rates []ledger.Rate
	err = ParseECBRates(name, f, func(r ledger.Rate) error {
		rates = append(rates, r)
		return nil
	})
	return rates, err
}

func rateOf(rates []ledger.Rate, day, cur string) string {
	for _, r := range rates {
		if r.Date.Format(ledger.DateLayout) == day && r.Currency == cur {
			return r.PerEUR.String()
		}
	}
	return ""
}

func TestECBDaily(t *testing.T) {
	rates, err := readECB(t, "eurofxref.csv")
	if err != nil {
		t.Fatal(err)
	}
	// One day, 29 currencies, ", " separators and a trailing empty field;
	// trailing zeros kept in the file are the same number.
	if len(rates) != 29 {
		t.Errorf("%d rates; want 29", len(rates))
	}
	for cur, want := range map[string]string{"USD": "1.1794", "JPY": "185.27", "CZK": "24.24", "GBP": "0.86825", "ZAR": "19.184", "IDR": "19746.27"} {
		if got := rateOf(rates, "2026-02-06", cur); got != want {
			t.Errorf("%s on 2026-02-06 = %q; want %s", cur, got, want)
		}
	}
}

func TestECBHistory(t *testing.T) {
	rates, err := readECB(t, "eurofxref-hist.csv")
	if err != nil {
		t.Fatal(err)
	}
	// Eight days, newest first; N/A for the currencies not quoted: BGN
	// until 2025, not in 2026; CYP, EEK and the other discontinued never.
	if got := rateOf(rates, "2025-12-31", "BGN"); got != "1.9558" {
		t.Errorf("BGN on 2025-12-31 = %q", got)
	}
	if got := rateOf(rates, "2026-01-02", "BGN"); got != "" {
		t.Errorf("BGN in 2026 = %q; want none (N/A)", got)
	}
	for _, r := range rates {
		if r.Currency == "CYP" || r.Currency == "HRK" || r.Currency == "RUB" {
			t.Errorf("a rate for %s, which is N/A on every day", r.Currency)
		}
	}
	if got := rateOf(rates, "2026-02-04", "GBP"); got != "0.86542" {
		t.Errorf("GBP on 2026-02-04 = %q", got)
	}
	// 29 currencies quoted on each of 8 days, BGN on 4 of them.
	if len(rates) != 8*29+4 {
		t.Errorf("%d rates; want %d", len(rates), 8*29+4)
	}
}

func TestECBBadFile(t *testing.T) {
	rates, err := readECB(t, "bad-rates.csv")
	if err == nil || len(rates) != 0 {
		t.Fatalf("a bad file: %d rates, %v; want an error and none", len(rates), err)
	}
	want := `bad-rates.csv:2: has 6 fields, the header has 5
bad-rates.csv:3:1: Date: "05 Febuary 2026" is not a date (want 06 February 2026 or 2026-02-06)
bad-rates.csv:4:3: JPY: "-1" is not a rate (a positive number such as 1.1794)
bad-rates.csv:5:2: USD: "1.18x" is not a rate (a positive number such as 1.1794)`
	if got := err.Error(); got != want {
		t.Errorf("errors:\n%s\nwant\n%s", got, want)
	}
}

func TestIsECBRates(t *testing.T) {
	for header, want := range map[string]bool{
		"Date, USD, JPY, ":       true,
		"Date,USD,JPY,BGN,CYP,":  true,
		"\ufeffDate,USD":         true,
		"Date,Amount,Currency":   false,
		"Date":                   false,
		"Date,EUR,USD,":          false,
		"Date,USD,,JPY":          false,
		"Datum, USD, JPY, ":      false,
		"Date,Description,Debit": false,
	} {
		if got := IsECBRates(strings.Split(header, ",")); got != want {
			t.Errorf("IsECBRates(%q) = %v; want %v", header, got, want)
		}
	}
}

func FuzzECBRates(f *testing.F) {
	for _, name := range []string{"eurofxref.csv", "eurofxref-hist.csv", "bad-rates.csv"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "ecb", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("Date, USD, \n06 February 2026, 1e5, \n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var n int
		err := ParseECBRates("fuzz.csv", strings.NewReader(string(b)), func(r ledger.Rate) error {
			if !r.PerEUR.IsPositive() || !ledger.ValidCurrency(r.Currency) || r.Date.IsZero() {
				t.Fatalf("a bad rate came through: %+v", r)
			}
			n++
			return nil
		})
		if err != nil && n > 0 {
			t.Fatalf("%d rates emitted before the error %v", n, err)
		}
	})
}
