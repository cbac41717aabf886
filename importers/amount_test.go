package importers

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseAmount(t *testing.T) {
	cases := []struct {
		in   string
		mark DecimalMark
		want string // "" means an error
	}{
		{"1234.56", DecimalAuto, "1234.56"},
		{"1,234.56", DecimalAuto, "1234.56"},
		{"1.234,56", DecimalAuto, "1234.56"},
		{"+1.500,00", DecimalAuto, "1500"},
		{"-2,00", DecimalAuto, "-2"},
		{"1 234,56", DecimalComma, "1234.56"},
		{"1\u00a0234,56", DecimalComma, "1234.56"},
		{"1'234.56", DecimalDot, "1234.56"},
		{"(12.50)", DecimalAuto, "-12.5"},
		{"12.50-", DecimalAuto, "-12.5"},
		{"\u221212.50", DecimalAuto, "-12.5"},
		{"$12.50", DecimalAuto, "12.5"},
		{"-$12.50", DecimalAuto, "-12.5"},
		{"€ 12,50", DecimalAuto, "12.5"},
		{"12.50 USD", DecimalAuto, "12.5"},
		{"EUR 12.50", DecimalAuto, "12.5"},
		{"¥1,200", DecimalDot, "1200"},
		{"1000", DecimalComma, "1000"},
		{"-250", DecimalDot, "-250"},
		{"0.0412377", DecimalDot, "0.0412377"},
		{".5", DecimalDot, "0.5"},
		{"1,234", DecimalDot, "1234"},
		{"1.234", DecimalComma, "1234"},
		{"1.234.567", DecimalAuto, "1234567"},
		{"1.234.567", DecimalDot, ""},   // the decimal mark cannot group thousands
		{"1,234,567", DecimalComma, ""}, // (it read as 1234.567 before)
		{"1.234.567", DecimalComma, "1234567"},
		{"1,234", DecimalAuto, ""}, // ambiguous
		{"1,2O", DecimalAuto, ""},
		{"1,5", DecimalDot, ""}, // a comma decimal in a dot file
		{"12,34,56", DecimalDot, ""},
		{"1.234,5.6", DecimalAuto, ""},
		{"", DecimalAuto, ""},
		{"-", DecimalAuto, ""},
		{"()", DecimalAuto, ""},
		{"1e5", DecimalAuto, ""},
		{"abc", DecimalAuto, ""},
		{"12.", DecimalDot, ""},
		{",5", DecimalComma, "0.5"},
		{"1234,567", DecimalAuto, ""},
		{"1234,56", DecimalAuto, "1234.56"},
	}
	for _, c := range cases {
		got, err := ParseAmount(c.in, c.mark)
		if c.want == "" {
			if err == nil {
				t.Errorf("ParseAmount(%q, %q) = %s, want an error", c.in, c.mark, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseAmount(%q, %q): %v", c.in, c.mark, err)
			continue
		}
		if !got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("ParseAmount(%q, %q) = %s, want %s", c.in, c.mark, got, c.want)
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1.234,56", "(12.50)", "$1,200", "-2,00", "1e5", "€ 12,50", "1'234.56"} {
		f.Add(s, byte(0))
		f.Add(s, byte(','))
	}
	f.Fuzz(func(t *testing.T, s string, m byte) {
		mark := DecimalAuto
		switch m % 3 {
		case 1:
			mark = DecimalDot
		case 2:
			mark = DecimalComma
		}
		d, err := ParseAmount(s, mark)
		if err != nil {
			return
		}
		// Whatever parses must parse again, identically, from its own rendering.
		again, err := ParseAmount(d.String(), DecimalDot)
		if err != nil || !again.Equal(d) {
			t.Fatalf("%q -> %s does not reparse: %v %v", s, d, again, err)
		}
	})
}
