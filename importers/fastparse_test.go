package importers

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// oldParsePlainAmount is parsePlainAmount as it was before its fast path,
// kept to check that the fast path changes nothing.
func oldParsePlainAmount(s string) (decimal.Decimal, error) {
	body := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if body == "" {
		return decimal.Decimal{}, errEmptyAmount
	}
	dot := false
	digits := 0
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		case c == ',':
			return decimal.Decimal{}, errCommaAmount
		default:
			return decimal.Decimal{}, errBadAmount
		}
	}
	if digits == 0 {
		return decimal.Decimal{}, errBadAmount
	}
	if len(body) > 40 {
		return decimal.Decimal{}, errLongAmount
	}
	return decimal.NewFromString(strings.TrimPrefix(s, "+"))
}

// sameAmount compares parsePlainAmount with oldParsePlainAmount: the same
// error text, or the same value with the same exponent and coefficient,
// and the same rounding and micro-units.
func sameAmount(t *testing.T, s string) {
	t.Helper()
	got, gerr := parsePlainAmount(s)
	want, werr := oldParsePlainAmount(s)
	if fmt.Sprint(gerr) != fmt.Sprint(werr) {
		t.Fatalf("%q: error %v, want %v", s, gerr, werr)
	}
	if werr != nil {
		return
	}
	if !got.Equal(want) || got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0 || got.String() != want.String() {
		t.Fatalf("%q: %s (%s e%d), want %s (%s e%d)", s, got, got.Coefficient(), got.Exponent(), want, want.Coefficient(), want.Exponent())
	}
	gr, grounded := ledger.RoundMicro(got)
	wr, wrounded := ledger.RoundMicro(want)
	gm, gmerr := ledger.ToMicro(gr)
	wm, wmerr := ledger.ToMicro(wr)
	if grounded != wrounded || gm != wm || fmt.Sprint(gmerr) != fmt.Sprint(wmerr) || gr.Exponent() != wr.Exponent() {
		t.Fatalf("%q: rounds to %s (%v) %d %v, want %s (%v) %d %v", s, gr, grounded, gm, gmerr, wr, wrounded, wm, wmerr)
	}
}

// TestPlainAmountFast: the fast path of parsePlainAmount gives what
// decimal.NewFromString gives, over many generated amounts.
func TestPlainAmountFast(t *testing.T) {
	for _, s := range []string{"", "-", "+", ".", "-.", "0", "-0", "-0.00", "00012.50", ".5", "-.5", "5.", "-5.", "+5", "+-5", "-+5", "--5",
		"1.2.3", "1,5", "1e5", "123456789012345678", "-123456789012345678", "1234567890123456789", "-1234567890123456789",
		"12345678901234567.8", "-1234567890123456.78", "0.000000000000000001", "999999999999.999999", "9223372036854775807",
		"12.3456785", "-0.0000005", " 1", "1 ", "١٢", "\u22121"} {
		sameAmount(t, s)
	}
	r := rand.New(rand.NewPCG(1, 2))
	const chars = "0123456789.-+,e "
	for n := 0; n < 200000; n++ {
		var b strings.Builder
		if r.IntN(3) == 0 {
			b.WriteByte('-')
		}
		for l := r.IntN(24); l > 0; l-- {
			if r.IntN(8) == 0 {
				b.WriteByte(chars[r.IntN(len(chars))])
			} else {
				b.WriteByte(byte('0' + r.IntN(10)))
			}
		}
		sameAmount(t, b.String())
	}
}

// FuzzPlainAmountFast: the same over the fuzzer's inputs.
func FuzzPlainAmountFast(f *testing.F) {
	for _, s := range []string{"12.34", "-12.34", "-.5", "5.", "+5", "123456789012345678", "-1234567890123456789.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameAmount(t, s) })
}

// sameDate compares parseISODate with time.Parse(ledger.DateLayout).
func sameDate(t *testing.T, s string) {
	t.Helper()
	got, gerr := parseISODate(s)
	want, werr := time.Parse(ledger.DateLayout, s)
	if fmt.Sprint(gerr) != fmt.Sprint(werr) || got != want {
		t.Fatalf("%q: %v, %v; want %v, %v", s, got, gerr, want, werr)
	}
}

// TestISODate: parseISODate is time.Parse(ledger.DateLayout) for every
// day of four centuries and for malformed dates around them.
func TestISODate(t *testing.T) {
	for _, s := range []string{"", "2026-02-29", "2024-02-29", "1900-02-29", "2000-02-29", "0000-01-01", "9999-12-31", "2026-00-10",
		"2026-13-01", "2026-04-31", "2026-04-00", "2026-1-01", "+026-01-01", "2026-01-1 ", " 2026-01-01", "2026/01/01", "2026-01-01T",
		"20260101", "2026-+1-01", "2026--1-01", "2026-01-+1", "2026-01-32", "2026-0a-01", "２026-01-01"} {
		sameDate(t, s)
	}
	for y := 1800; y <= 2200; y++ {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				sameDate(t, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
}

// FuzzISODate: the same over the fuzzer's inputs.
func FuzzISODate(f *testing.F) {
	for _, s := range []string{"2026-09-01", "2024-02-29", "2026-13-01", "0000-00-00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameDate(t, s) })
}
