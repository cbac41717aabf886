package ledger

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

func TestRoundMicro(t *testing.T) {
	cases := []struct {
		in, want string
		rounded  bool
	}{
		{"1.2345678", "1.234568", true},
		{"0.0000005", "0", true},        // half to even: 0
		{"0.0000015", "0.000002", true}, // half to even: 2
		{"0.0000025", "0.000002", true},
		{"-0.0000025", "-0.000002", true},
		{"112.5930417", "112.593042", true},
		{"12.30", "12.3", false},
		{"7", "7", false},
	}
	for _, c := range cases {
		got, rounded := RoundMicro(decimal.RequireFromString(c.in))
		if !got.Equal(decimal.RequireFromString(c.want)) || rounded != c.rounded {
			t.Errorf("RoundMicro(%s) = %s, %v; want %s, %v", c.in, got, rounded, c.want, c.rounded)
		}
	}
}

func TestMicroRoundTrip(t *testing.T) {
	for _, s := range []string{"0", "0.000001", "-0.000001", "12.34", "-118.55", "9223372036854.775807", "-9223372036854.775808"} {
		d := decimal.RequireFromString(s)
		m, err := ToMicro(d)
		if err != nil {
			t.Fatalf("ToMicro(%s): %v", s, err)
		}
		if back := FromMicro(m); !back.Equal(d) {
			t.Errorf("FromMicro(ToMicro(%s)) = %s", s, back)
		}
	}
	if _, err := ToMicro(decimal.RequireFromString("9223372036854.775808")); !errors.Is(err, ErrAmountRange) {
		t.Errorf("one micro-unit past int64: err = %v, want ErrAmountRange", err)
	}
	for _, s := range []string{"9223372036854.78", "-9223372036854.78", "92233720368548", "1e13"} {
		if _, err := ToMicro(decimal.RequireFromString(s)); !errors.Is(err, ErrAmountRange) {
			t.Errorf("ToMicro(%s): err = %v, want ErrAmountRange", s, err)
		}
	}
	if m, err := ToMicro(decimal.RequireFromString("-9223372036854.77")); err != nil || m != -9223372036854770000 {
		t.Errorf("ToMicro near the lower bound = %d, %v", m, err)
	}
	if _, err := ToMicro(decimal.RequireFromString("0.0000001")); err == nil {
		t.Error("seven decimals accepted without rounding")
	}
}

func TestFormatAmount(t *testing.T) {
	cases := []struct{ in, cur, want string }{
		{"12.3", "EUR", "12.30"},
		{"12", "USD", "12.00"},
		{"-0.5", "USD", "-0.50"},
		{"0.005", "USD", "0.005"},
		{"162.736442", "USD", "162.736442"},
		{"1200", "JPY", "1200"},
		{"1200.5", "JPY", "1200.5"},
		{"1.2345", "KWD", "1.2345"},
		{"1.2", "KWD", "1.200"},
		{"0", "EUR", "0.00"},
		{"-0.000000", "EUR", "0.00"},
	}
	for _, c := range cases {
		if got := FormatAmount(decimal.RequireFromString(c.in), c.cur); got != c.want {
			t.Errorf("FormatAmount(%s, %s) = %q, want %q", c.in, c.cur, got, c.want)
		}
	}
}

func TestGroupThousands(t *testing.T) {
	cases := map[string]string{
		"0.50":        "0.50",
		"999.99":      "999.99",
		"1000.00":     "1,000.00",
		"-1234567.5":  "-1,234,567.5",
		"123456":      "123,456",
		"12345.67891": "12,345.67891",
	}
	for in, want := range cases {
		if got := GroupThousands(in); got != want {
			t.Errorf("GroupThousands(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCurrency(t *testing.T) {
	for _, c := range []string{"EUR", "USD", "GBP", "JPY", "AUD", "KWD"} {
		if !ValidCurrency(c) {
			t.Errorf("%s not valid", c)
		}
	}
	for _, c := range []string{"", "eur", "EURO", "XXX", "BTC", "$"} {
		if ValidCurrency(c) {
			t.Errorf("%q accepted as a currency", c)
		}
	}
	if MinorUnits("JPY") != 0 || MinorUnits("EUR") != 2 || MinorUnits("BHD") != 3 {
		t.Error("minor units wrong")
	}
	// Every code of three upper-case letters is valid exactly when the list
	// has it, and so is none with another byte.
	n := 0
	for _, a := range "ABCDEFGHIJKLMNOPQRSTUVWXYZ@[" {
		for _, b := range "ABCDEFGHIJKLMNOPQRSTUVWXYZ" {
			for _, c := range "ABCDEFGHIJKLMNOPQRSTUVWXYZ" {
				code := string([]rune{a, b, c})
				_, listed := iso4217[code]
				if ValidCurrency(code) != listed {
					t.Errorf("ValidCurrency(%q) = %v, listed %v", code, !listed, listed)
				}
				if listed {
					n++
				}
			}
		}
	}
	if n != len(iso4217) {
		t.Errorf("%d codes found, %d listed", n, len(iso4217))
	}
}
