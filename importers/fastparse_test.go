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

// oldParseNativeRow is parseNativeRow as it was before its fast paths.
func oldParseNativeRow(src *Source, rec []string) (ledger.Entry, bool) {
	ok := true
	fail := func(col int, format string, args ...any) {
		src.Errorf(col, format, args...)
		ok = false
	}
	var e ledger.Entry
	var err error
	cell := func(col int) string { return strings.TrimSpace(rec[col]) }

	if e.Date, err = time.Parse(ledger.DateLayout, cell(colDate)); err != nil {
		fail(colDate, "%q is not a date (want YYYY-MM-DD)", rec[colDate])
	}
	e.Platform = strings.ToLower(cell(colPlatform))
	if !ledger.ValidSlug(e.Platform) {
		fail(colPlatform, "%q is not a platform slug (lower-case letters, digits, '-')", rec[colPlatform])
	}
	e.Program = strings.ToLower(cell(colProgram))
	if !ledger.ValidSlug(e.Program) {
		fail(colProgram, "%q is not a program slug (lower-case letters, digits, '-')", rec[colProgram])
	}
	e.Kind = ledger.Kind(strings.ToLower(cell(colKind)))
	if !e.Kind.Valid() {
		fail(colKind, "%q is not a kind (%s)", rec[colKind], joinKinds())
	}
	if e.Amount, err = oldParsePlainAmount(cell(colAmount)); err != nil {
		fail(colAmount, "%q is not an amount (%v)", rec[colAmount], err)
	} else if !inRange(e.Amount) {
		fail(colAmount, "%q is too large for the ledger", rec[colAmount])
	}
	e.Currency = strings.ToUpper(cell(colCurrency))
	if !ledger.ValidCurrency(e.Currency) {
		fail(colCurrency, "%q is not an ISO 4217 currency code", rec[colCurrency])
	}
	e.ExternalID = RestoreCell(cell(colExternalID))
	if e.Views, err = parseCount(cell(colViews)); err != nil {
		fail(colViews, "%q is not a view count", rec[colViews])
	}
	if e.QualifiedViews, err = parseCount(cell(colQualifiedViews)); err != nil {
		fail(colQualifiedViews, "%q is not a view count", rec[colQualifiedViews])
	}
	e.Status = ledger.Status(strings.ToLower(cell(colStatus)))
	if !e.Status.Valid() {
		fail(colStatus, "%q is not a status (%s)", rec[colStatus], joinStatuses())
	}
	e.Counterparty = RestoreCell(cell(colCounterparty))
	e.Description = RestoreCell(cell(colDescription))
	return e, ok
}

// FuzzNativeRowSame: parseNativeRow gives the entry and the errors the old
// code gave, for rows given as cells separated by '|', one after another
// (so that the currency it remembers is exercised).
func FuzzNativeRowSame(f *testing.F) {
	f.Add("2026-01-01|tiktok|creator-rewards|earning|1.5|USD|x|1|1|approved||\n2026-01-02| TikTok |Shorts|EARNING|-12.345678|usd|'=x||| Paid |a|b")
	f.Add("2026-02-30|a_|-b|fee|+5|EUR|||-1|pending|||\n2026-01-01|a|b|fee|99999999999999.5|EUR|||||c|d\n x |Y|z|expense|1234567890123.1234567| eur |1|2|3|paid|\u00a0|'-")
	f.Fuzz(func(t *testing.T, rows string) {
		src := &Source{Name: "f.csv", header: NativeHeader}
		old := &Source{Name: "f.csv", header: NativeHeader}
		var memo nativeMemo
		for n, row := range strings.Split(rows, "\n") {
			rec := strings.Split(row, "|")
			if len(rec) != len(NativeHeader) {
				continue
			}
			src.line, old.line = n+1, n+1
			got, gok := parseNativeRow(src, rec, &memo)
			want, wok := oldParseNativeRow(old, rec)
			if gok != wok || fmt.Sprint(src.errs) != fmt.Sprint(old.errs) {
				t.Fatalf("row %q: %v %v, want %v %v", row, gok, src.errs, wok, old.errs)
			}
			if !wok {
				continue
			}
			if got.Amount.String() != want.Amount.String() || got.Amount.Exponent() != want.Amount.Exponent() {
				t.Fatalf("row %q: amount %s e%d, want %s e%d", row, got.Amount, got.Amount.Exponent(), want.Amount, want.Amount.Exponent())
			}
			got.Amount, want.Amount = decimal.Decimal{}, decimal.Decimal{}
			if got != want {
				t.Fatalf("row %q: %+v, want %+v", row, got, want)
			}
		}
	})
}
