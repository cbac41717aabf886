package importers

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkProfileParse measures the profile engine on a TikTok Creator
// Rewards export (per row: a date, an amount, counts, a status mapping).
func BenchmarkProfileParse(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("Date,Video ID,Video title,Video views,Qualified views,RPM (USD),Estimated rewards (USD),Status\n")
	const rows = 100000
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&buf, "2026-09-%02d,74123456789%08d,\"Video %d, part 1\",%d,%d,0.71,%d.%02d,Confirmed\n", i%28+1, i, i, 1000+i, 500+i, i%500, i%100)
	}
	data := buf.Bytes()
	imp := builtin("tiktok-creator-rewards")
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	parseAll(b, imp, data, rows)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
}

// FuzzParseAmountFast checks that the engine's fast path agrees with
// ParseAmount on every input.
func FuzzParseAmountFast(f *testing.F) {
	for _, s := range []string{"12.34", "-12.34", "1.234", "-.5", ".5", "12.", "-", "0012", "1,234.5", "99999999999999999999"} {
		f.Add(s, byte(0))
		f.Add(s, byte('.'))
	}
	f.Fuzz(func(t *testing.T, s string, m byte) {
		mark := DecimalAuto
		if m%2 == 1 {
			mark = DecimalDot
		}
		want, werr := ParseAmount(s, mark)
		got, gerr := parseAmountFast(s, mark)
		if (werr == nil) != (gerr == nil) || werr == nil && !got.Equal(want) {
			t.Fatalf("%q (%q): fast %v, %v; ParseAmount %v, %v", s, mark, got, gerr, want, werr)
		}
	})
}

// BenchmarkProfileBalance measures the running-balance check: a Revolut
// statement read with its profile (balance Balance) and with the same
// profile without the directive.
func BenchmarkProfileBalance(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance\n")
	const rows = 100000
	balance := int64(100000) // cents
	for i := 0; i < rows; i++ {
		amount := int64(i%900) - 400
		balance += amount
		d := fmt.Sprintf("2026-%02d-%02d 10:00:00", i/2800%12+1, i/100%28+1)
		fmt.Fprintf(&buf, "CARD_PAYMENT,Current,%s,%s,Shop %d,%s,0,EUR,COMPLETED,%s\n", d, d, i, cents(amount), cents(balance))
	}
	data := buf.Bytes()
	with := builtin("revolut").(*Profile)
	without := *with
	without.balance = nil
	for _, c := range []struct {
		name string
		imp  Importer
	}{{"with", with}, {"without", &without}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			parseAll(b, c.imp, data, rows)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
		})
	}
}

// cents writes n/100 with two decimals: cents(-50) is "-0.50".
func cents(n int64) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%s%d.%02d", sign, n/100, n%100)
}
