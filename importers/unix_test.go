package importers

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/creatorledger/creatorledger/ledger"
)

// Issue 13, item 12: UTF-16 without a byte order mark, and the column of a
// date out of range.

const nativeText = "date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\r\n" +
	"2026-01-05,tiktok,creator-rewards,earning,1.25,USD,u1,,,approved,,Café\r\n"

func encodeUTF16(s string, little bool) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		if little {
			b = append(b, byte(u), byte(u>>8))
		} else {
			b = append(b, byte(u>>8), byte(u))
		}
	}
	return b
}

func TestUTF16WithoutBOM(t *testing.T) {
	for _, c := range []struct {
		little bool
		want   Encoding
	}{{true, UTF16LENoBOM}, {false, UTF16BENoBOM}} {
		src, err := NewSource("adsense.csv", bytes.NewReader(encodeUTF16(nativeText, c.little)))
		if err != nil {
			t.Fatalf("%s: %v", c.want, err)
		}
		if src.Encoding != c.want || src.Header()[0] != "date" {
			t.Errorf("encoding %q, header %q; want %q", src.Encoding, src.Header(), c.want)
		}
		var got []ledger.Entry
		if err := Run(Native{}, src, func(e ledger.Entry, _ bool) error { got = append(got, e); return nil }); err != nil {
			t.Fatalf("%s: %v", c.want, err)
		}
		if len(got) != 1 || got[0].Description != "Café" {
			t.Errorf("%s: entries %+v", c.want, got)
		}
	}
	// Zero bytes that are not every other byte are still a binary file,
	// and UTF-8 text stays UTF-8.
	for _, b := range [][]byte{[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), []byte("a\x00b\x00\x00\x00\x00\x00c,d\n")} {
		if _, err := NewSource("x.csv", bytes.NewReader(b)); err == nil || !strings.Contains(err.Error(), "binary") {
			t.Errorf("%q: %v, want a binary file", b, err)
		}
	}
	if src, err := NewSource("x.csv", strings.NewReader(nativeText)); err != nil || src.Encoding != UTF8 {
		t.Errorf("UTF-8: %v %v", src.Encoding, err)
	}
}

func TestDateOutOfRangeHasColumn(t *testing.T) {
	text := "date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n" +
		"1899-12-31,tiktok,creator-rewards,earning,1.00,USD,o1,,,approved,,bought 1899\n" +
		"2026-01-05,tiktok,creator-rewards,earning,1.00,USD,o2,,,approved,,fine\n" +
		"2300-01-01,tiktok,creator-rewards,earning,1.00,USD,o3,,,approved,,\n"
	src, err := NewSource("old.csv", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	err = Run(Native{}, src, func(ledger.Entry, bool) error { return nil })
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("want two errors, got %v", err)
	}
	for i, want := range []string{"old.csv:2:1: date: ", "old.csv:4:1: date: "} {
		if got := list[i].Error(); !strings.HasPrefix(got, want) || !strings.Contains(got, "out of range") {
			t.Errorf("error %d: %q, want %q...out of range", i, got, want)
		}
	}
}
