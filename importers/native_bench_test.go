package importers

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// nativeBenchFile builds a native entries CSV of rows rows like the ones
// cmd/genexports writes: several streams, empty view and counterparty
// cells, now and then a reversal, a repeated row, a quoted title with a
// comma or doubled quotes.
func nativeBenchFile(rows int) []byte {
	type stream struct{ platform, program, currency, id string }
	streams := []stream{
		{"tiktok", "creator-rewards", "USD", "74"}, {"tiktok", "live-gifts", "USD", ""},
		{"youtube", "long-form", "USD", "yt-"}, {"youtube", "shorts", "USD", "ys-"},
		{"amazon-associates", "associates", "GBP", "B0"}, {"awin", "publisher", "EUR", "AW"},
		{"sponsorship", "tiktok", "EUR", "INV-"},
	}
	titles := []string{
		"Thrift flip: 1970s denim jacket", "Amsterdam canal cleanup day", `"Storytime: my first brand deal, part ""two"""`,
		"Fabric scissors 8 inch", `"1 TikTok video + 3 stories, #advertentie"`, "LIVE gifts: Sunday Q&A",
	}
	statuses := []string{"approved", "approved", "paid", "pending", "estimated"}
	var buf bytes.Buffer
	buf.WriteString("date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n")
	var prev []byte
	for i := 0; i < rows; i++ {
		if i%200 == 199 {
			buf.Write(prev) // an identical repeat, as exports have
			continue
		}
		start := buf.Len()
		s := streams[i*7%len(streams)]
		kind, sign := "earning", ""
		if i%50 == 7 {
			kind, sign = "reversal", "-"
		}
		fmt.Fprintf(&buf, "2026-%02d-%02d,%s,%s,%s,%s%d.%02d,%s,", i%12+1, i%28+1, s.platform, s.program, kind, sign, i*37%400, i%100, s.currency)
		if s.id != "" {
			fmt.Fprintf(&buf, "%s%d", s.id, i*7919)
		}
		if i%3 == 0 {
			fmt.Fprintf(&buf, ",%d,%d,", 100+i*13%500000, 50+i*13%250000)
		} else {
			buf.WriteString(",,,")
		}
		buf.WriteString(statuses[i%len(statuses)])
		buf.WriteByte(',')
		if s.platform == "sponsorship" {
			buf.WriteString("Vintage Vibes B.V.")
		}
		buf.WriteByte(',')
		buf.WriteString(titles[i%len(titles)])
		buf.WriteByte('\n')
		prev = append(prev[:0], buf.Bytes()[start:]...)
	}
	return buf.Bytes()
}

// BenchmarkNativeParse measures what the importers do per native row:
// reading the CSV, parsing the cells and Run's own work, with an add
// callback that does nothing.
func BenchmarkNativeParse(b *testing.B) {
	const rows = 20000
	data := nativeBenchFile(rows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	parseAll(b, Native{}, data, rows)
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N*rows), "allocs/row")
}

// parseAll runs imp over data b.N times, with an add callback that only
// counts, and fails unless each run gives rows entries.
func parseAll(b *testing.B, imp Importer, data []byte, rows int) {
	for n := 0; n < b.N; n++ {
		src, err := NewSource("bench.csv", bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		count := 0
		if err := Run(imp, src, func(ledger.Entry, bool) error { count++; return nil }); err != nil {
			b.Fatal(err)
		}
		if count != rows {
			b.Fatalf("%d entries, want %d", count, rows)
		}
	}
}
