package main

import (
	"bytes"
	"testing"

	"github.com/creatorledger/creatorledger/importers"
	"github.com/creatorledger/creatorledger/ledger"
)

// TestFormats checks that every format is deterministic, is detected as
// the source it imitates, and imports whole: one valid entry per row.
func TestFormats(t *testing.T) {
	const rows = 3000
	for _, name := range formatNames() {
		t.Run(name, func(t *testing.T) {
			var a, b, other bytes.Buffer
			for _, g := range []struct {
				buf  *bytes.Buffer
				seed uint64
			}{{&a, 1}, {&b, 1}, {&other, 2}} {
				if err := generate(g.buf, name, rows, g.seed); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("the same flags gave different bytes")
			}
			if bytes.Equal(a.Bytes(), other.Bytes()) {
				t.Fatal("another seed gave the same bytes")
			}
			if name == "ecb-hist" {
				n := 0
				if err := importers.ParseECBRates(name+".csv", &a, func(ledger.Rate) error { n++; return nil }); err != nil {
					t.Fatal(err)
				}
				// Three currencies on the weekdays of three years.
				if n < 3*3*260 {
					t.Fatalf("%d rates", n)
				}
				return
			}
			src, err := importers.NewSource(name+".csv", &a)
			if err != nil {
				t.Fatal(err)
			}
			imp, err := importers.Detect(src.Header())
			if err != nil {
				t.Fatal(err)
			}
			if want := sourceOf(name); imp.Name() != want {
				t.Fatalf("detected as %s, want %s", imp.Name(), want)
			}
			n := 0
			err = importers.Run(imp, src, func(e ledger.Entry, rounded bool) error {
				n++
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want := rows
			switch name {
			case "busy-year-payouts":
				want = rows / 10
			case "busy-year-invoices":
				want = rows / 20
			}
			if n != want {
				t.Fatalf("%d entries from %d rows, want %d", n, rows, want)
			}
		})
	}
}

// sourceOf is the source a format imitates.
func sourceOf(format string) string {
	switch format {
	case "busy-year-bank":
		return "ing"
	case "busy-year-payouts":
		return "native"
	case "busy-year-invoices":
		return "sponsorship-invoices"
	}
	return format
}
