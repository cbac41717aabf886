package importers

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"testing"

	"github.com/gocarina/gocsv"
)

// The import path's decoding with gocarina/gocsv, for the comparison
// README gives (Dependencies): the native entries format's rows into a
// struct of strings (money and dates are converted by hand either way,
// STYLE.md 9), through gocsv's Unmarshaller against encoding/csv with
// ReuseRecord and the columns found once from the header. Importers use
// the second.

type nativeRow struct {
	Date           string `csv:"date"`
	Platform       string `csv:"platform"`
	Program        string `csv:"program"`
	Kind           string `csv:"kind"`
	Amount         string `csv:"amount"`
	Currency       string `csv:"currency"`
	ExternalID     string `csv:"external_id"`
	Views          string `csv:"views"`
	QualifiedViews string `csv:"qualified_views"`
	Status         string `csv:"status"`
	Counterparty   string `csv:"counterparty"`
	Description    string `csv:"description"`
}

func nativeRows(n int) []byte {
	var b bytes.Buffer
	b.WriteString("date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n")
	for i := range n {
		id := strconv.Itoa(7398812203344556677 + i)
		b.WriteString("2026-08-03,tiktok,creator-rewards,earning,43.1022,USD," + id + ",91873,64004,approved,,Thrift flip part " + strconv.Itoa(i) + "\n")
	}
	return b.Bytes()
}

func decodeWithGocsv(data []byte, emit func(*nativeRow)) error {
	r := csv.NewReader(bytes.NewReader(data))
	um, err := gocsv.NewUnmarshaller(r, nativeRow{})
	if err != nil {
		return err
	}
	for {
		v, err := um.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		row := v.(nativeRow)
		emit(&row)
	}
}

func decodeWithCSV(data []byte, emit func(*nativeRow)) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return err
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	idx := [12]int{}
	for i, name := range []string{"date", "platform", "program", "kind", "amount", "currency", "external_id", "views", "qualified_views", "status", "counterparty", "description"} {
		idx[i] = col[name]
	}
	var row nativeRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		row = nativeRow{rec[idx[0]], rec[idx[1]], rec[idx[2]], rec[idx[3]], rec[idx[4]], rec[idx[5]],
			rec[idx[6]], rec[idx[7]], rec[idx[8]], rec[idx[9]], rec[idx[10]], rec[idx[11]]}
		emit(&row)
	}
}

func TestGocsvDecodesTheSameRows(t *testing.T) {
	data := nativeRows(20)
	var a, b []nativeRow
	if err := decodeWithGocsv(data, func(r *nativeRow) { a = append(a, *r) }); err != nil {
		t.Fatal(err)
	}
	if err := decodeWithCSV(data, func(r *nativeRow) { b = append(b, *r) }); err != nil {
		t.Fatal(err)
	}
	if len(a) != 20 || len(a) != len(b) {
		t.Fatalf("%d and %d rows", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("row %d: gocsv %+v, encoding/csv %+v", i, a[i], b[i])
		}
	}
}

// BenchmarkDecodeRows decodes 10,000 native rows into structs of strings.
func BenchmarkDecodeRows(b *testing.B) {
	const n = 10000
	data := nativeRows(n)
	var sink int
	for _, c := range []struct {
		name   string
		decode func([]byte, func(*nativeRow)) error
	}{{"encoding-csv", decodeWithCSV}, {"gocsv", decodeWithGocsv}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if err := c.decode(data, func(r *nativeRow) { sink += len(r.Amount) }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
		})
	}
	_ = sink
}
