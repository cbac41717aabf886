package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"testing"

	"github.com/gocarina/gocsv"

	"github.com/creatorledger/creatorledger/importers"
)

// The report writers' CSV with gocarina/gocsv, for the comparison README
// gives: a report row as a tagged struct, text cells in a type whose
// MarshalCSV neutralises formulas, amounts and counts as plain strings.
// The CLI does not use it (README, Dependencies, says why).

// csvText is a text cell that gocsv writes neutralised.
type csvText string

func (t csvText) MarshalCSV() (string, error) { return importers.NeutraliseCell(string(t)), nil }

// shownEntry is one line of imports show, the widest report the CLI
// streams (one row per entry of an import).
type shownEntry struct {
	Line       string  `csv:"line"`
	Date       csvText `csv:"date"`
	Platform   csvText `csv:"platform"`
	Program    csvText `csv:"program"`
	Kind       csvText `csv:"kind"`
	Amount     string  `csv:"amount"`
	Currency   csvText `csv:"currency"`
	Status     csvText `csv:"status"`
	ExternalID csvText `csv:"external_id"`
	Row        csvText `csv:"row"`
}

var shownColumns = []column{
	{"line", countCell}, {"date", wordCell}, {"platform", labelCell}, {"program", labelCell}, {"kind", wordCell},
	{"amount", amountCell}, {"currency", wordCell}, {"status", wordCell}, {"external_id", nameCell}, {"row", textCell},
}

// shownRows are n rows as imports show has them: cells, and the same as
// structs.
func shownRows(n int) ([][]string, []shownEntry) {
	cells := make([][]string, n)
	structs := make([]shownEntry, n)
	for i := range n {
		amount := "12.345678"
		if i%3 == 0 {
			amount = "-3.50" // a negative amount stays a plain number
		}
		id := "7412345678901" + strconv.Itoa(100000+i)
		desc := "Thrift flip: denim jacket, part " + strconv.Itoa(i)
		if i%7 == 0 {
			id = "=HYPERLINK(\"http://example.com\")" // a formula, neutralised
		}
		raw := "2026-09-03," + id + ",\"" + desc + "\",12388,7904,0.55," + amount + ",Confirmed"
		c := []string{strconv.Itoa(i + 2), "2026-09-03", "tiktok", "creator-rewards", "earning", amount, "USD", "approved", id, raw}
		cells[i] = c
		structs[i] = shownEntry{c[0], csvText(c[1]), csvText(c[2]), csvText(c[3]), csvText(c[4]), c[5], csvText(c[6]), csvText(c[7]), csvText(c[8]), csvText(c[9])}
	}
	return cells, structs
}

// writeWithTable is the CLI's way: a streaming table.
func writeWithTable(w io.Writer, rows [][]string) error {
	t := streamTable(w, formatCSV, shownColumns)
	for _, r := range rows {
		t.add(r...)
	}
	return t.render(w, formatCSV)
}

// writeWithGocsv marshals the structs through our own csv.Writer.
func writeWithGocsv(w io.Writer, rows []shownEntry) error {
	b := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(b)
	if err := gocsv.MarshalCSV(rows, gocsv.NewSafeCSVWriter(cw)); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return b.Flush()
}

// streamWithGocsv is gocsv's way to stream: rows sent on a channel to
// MarshalChan (which writes nothing, not even the header, for no rows).
func streamWithGocsv(w io.Writer, rows []shownEntry) error {
	b := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(b)
	c := make(chan any, 64)
	go func() {
		for i := range rows {
			c <- &rows[i]
		}
		close(c)
	}()
	if err := gocsv.MarshalChan(c, gocsv.NewSafeCSVWriter(cw)); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return b.Flush()
}

// TestGocsvWritesTheSameReport: the two ways write the same bytes, so the
// benchmark compares the same work.
func TestGocsvWritesTheSameReport(t *testing.T) {
	cells, structs := shownRows(50)
	var a, b bytes.Buffer
	if err := writeWithTable(&a, cells); err != nil {
		t.Fatal(err)
	}
	if err := writeWithGocsv(&b, structs); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("table:\n%s\ngocsv:\n%s", a.String(), b.String())
	}
	b.Reset()
	if err := streamWithGocsv(&b, structs); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("table:\n%s\ngocsv MarshalChan:\n%s", a.String(), b.String())
	}
	if !bytes.Contains(a.Bytes(), []byte(",-3.50,USD,")) || !bytes.Contains(a.Bytes(), []byte(`"'=HYPERLINK(`)) {
		t.Errorf("amounts must stay plain, formulas neutralised:\n%s", a.String())
	}
}

// BenchmarkReportCSV writes 10,000 rows of imports show as CSV: the
// CLI's table writer against gocsv (README, Dependencies).
func BenchmarkReportCSV(b *testing.B) {
	const n = 10000
	cells, structs := shownRows(n)
	b.Run("table", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := writeWithTable(io.Discard, cells); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
	})
	b.Run("gocsv", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := writeWithGocsv(io.Discard, structs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
	})
	b.Run("gocsv-chan", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := streamWithGocsv(io.Discard, structs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
	})
}
