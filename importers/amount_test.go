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

// TestCellMark checks what one money cell says about the decimal mark.
func TestCellMark(t *testing.T) {
	cases := []struct {
		cell      string
		mark      DecimalMark
		ambiguous bool
	}{
		{"412,887", DecimalComma, true}, // 412.887 or 412887
		{"1.234", DecimalDot, true},
		{"-1.234", DecimalDot, true},
		{"1.234,56", DecimalComma, false}, // both: the last one
		{"1,234.56", DecimalDot, false},
		{"0,5", DecimalComma, false}, // not followed by three digits
		{"12.5", DecimalDot, false},
		{"-3,10", DecimalComma, false},
		{"(1.000,00)", DecimalComma, false},
		{"€ 12,50", DecimalComma, false},
		{"12,50 EUR", DecimalComma, false},
		{"12.", DecimalDot, false},
		{"0,5000", DecimalComma, false},
		{"12.345.678", DecimalComma, false}, // twice: thousands
		{"1,234,567", DecimalDot, false},
		{"1 234,56", DecimalComma, false},
		{"1'234.567", DecimalDot, true},
		{"1234", 0, false}, // neither mark
		{"-250", 0, false},
		{"", 0, false}, // not an amount: no evidence
		{"n/a", 0, false},
		{"1,2O", 0, false},
		{"1e5", 0, false},
	}
	for _, c := range cases {
		m, ambiguous := cellMark(c.cell)
		if m != c.mark || ambiguous != c.ambiguous {
			t.Errorf("cellMark(%q) = %q, %v; want %q, %v", c.cell, m, ambiguous, c.mark, c.ambiguous)
		}
	}
}

// FuzzCellMark checks the evidence against ParseAmount: a cell that
// decides the mark does not read with the other one, and an amount with
// neither mark reads the same with both.
func FuzzCellMark(f *testing.F) {
	for _, s := range []string{"412,887", "1.234,56", "1,234.56", "0,5", "12.345.678", "-3,10", "(1.000,00)", "1234", "€ 12,50", "12."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ambiguous := cellMark(s)
		dot, derr := ParseAmount(s, DecimalDot)
		comma, cerr := ParseAmount(s, DecimalComma)
		switch {
		case m == 0:
			if (derr == nil) != (cerr == nil) || derr == nil && !dot.Equal(comma) {
				t.Fatalf("%q has no mark but reads %v, %v with '.' and %v, %v with ','", s, dot, derr, comma, cerr)
			}
		case ambiguous:
		case m == DecimalDot && cerr == nil:
			t.Fatalf("%q has a decimal point but reads as %v with a comma", s, comma)
		case m == DecimalComma && derr == nil:
			t.Fatalf("%q has a decimal comma but reads as %v with a point", s, dot)
		}
	})
}
