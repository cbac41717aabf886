package importers

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// seedFixtures adds every file under ../testdata/<dir> to a fuzz corpus.
func seedFixtures(f *testing.F, dir string) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "*.csv"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// FuzzSource feeds arbitrary bytes to the CSV source: it must never panic,
// and every row it yields must have a line number that never goes back.
func FuzzSource(f *testing.F) {
	seedFixtures(f, "native")
	f.Add([]byte("a;b;c\r\n1;2;3\r\n"))
	f.Add([]byte("\xff\xfea\x00,\x00b\x00\n\x001\x00,\x002\x00"))
	f.Add([]byte("\xef\xbb\xbfx|y\n\"1|\"|2\n"))
	f.Add([]byte("Naam initi\xebrende partij,Bedrag\n\"Caf\xe9\",\"1,25\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := NewSource("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			return
		}
		last := 0
		for src.Next() {
			if src.Line() < last {
				t.Fatalf("line went back from %d to %d", last, src.Line())
			}
			last = src.Line()
			checkRaw(t, src)
		}
		_ = src.Err()
	})
}

// FuzzNative runs arbitrary bytes, with the native header in front, through
// the native importer: no panic, and every entry it hands on validates.
func FuzzNative(f *testing.F) {
	seedFixtures(f, "native")
	f.Add([]byte("2026-01-01,tiktok,creator-rewards,earning,1.5,USD,x,1,1,approved,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("date,")) {
			data = append([]byte("date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n"), data...)
		}
		src, err := NewSource("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			return
		}
		_ = Run(Native{}, src, func(e ledger.Entry, rounded bool) error {
			if err := e.Validate(); err != nil {
				t.Fatalf("entry from line %d handed on but invalid: %v", e.Line, err)
			}
			if _, err := ledger.ToMicro(e.Amount); err != nil {
				t.Fatalf("entry from line %d: %v", e.Line, err)
			}
			return nil
		})
	})
}

// checkRaw checks that the current row's Raw text reads back as the row:
// followed by a line ending, or alone, as the file's last line is read.
func checkRaw(t *testing.T, src *Source) {
	t.Helper()
	want := src.Record()
	if len(want) == 1 && strings.TrimSpace(want[0]) == "" {
		return
	}
	raw := src.Raw()
	var got [][]string
	var err error
	for _, text := range []string{raw + "\r\n", raw} {
		r := csv.NewReader(strings.NewReader(text))
		r.Comma, r.FieldsPerRecord, r.TrimLeadingSpace = src.Delimiter, -1, src.Delimiter != '\t'
		if got, err = r.ReadAll(); err == nil && len(got) == 1 && slices.Equal(got[0], want) {
			return
		}
	}
	t.Fatalf("line %d: Raw %q reads back as %q (%v), want the row %q", src.Line(), raw, got, err, want)
}

// TestRawIsTheRowAsWritten: Raw is the row's text as it is in the file,
// quoting, spacing and inner line breaks included, whatever the encoding,
// preamble and blank lines around it.
func TestRawIsTheRowAsWritten(t *testing.T) {
	cases := []struct {
		name, file string
		want       []string
	}{
		{"quotes and spaces", "a,b,c\r\n1,  \" x\",\"say \"\"hi\"\"\"\r\n\r\n\r\n2,,\r\n",
			[]string{`1,  " x","say ""hi"""`, "2,,"}},
		{"inner line break", "a;b\n\"two\nlines\";\"CRLF\r\ninside\"\nlast;row",
			[]string{"\"two\nlines\";\"CRLF\r\ninside\"", "last;row"}},
		{"preamble and BOM", "\xef\xbb\xbfFee-Earnings reports from 2026-09-01 to 2026-09-30\nCategory,Name\nBooks,\"A, B\"\n",
			[]string{`Books,"A, B"`}},
		{"UTF-16", "\xff\xfea\x00,\x00b\x00\r\x00\n\x001\x00,\x00\xe9\x00\r\x00\n\x00",
			[]string{"1,é"}},
		{"Windows-1252", "Naam,Bedrag\n\"Caf\xe9\",\"1,25\"\n", []string{"\"Café\",\"1,25\""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, err := NewSource("t.csv", strings.NewReader(c.file))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for src.Next() {
				got = append(got, src.Raw())
				checkRaw(t, src)
			}
			if err := src.Err(); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("rows %q, want %q", got, c.want)
			}
		})
	}
	// A file longer than the reader's buffers: every row is still whole.
	var b strings.Builder
	b.WriteString("n,text\n")
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, "%d,\"row %d, %s\"\n", i, i, strings.Repeat("x", i%97))
	}
	src, err := NewSource("long.csv", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; src.Next(); i++ {
		if want := fmt.Sprintf("%d,\"row %d, %s\"", i, i, strings.Repeat("x", i%97)); src.Raw() != want {
			t.Fatalf("row %d: %q, want %q", i, src.Raw(), want)
		}
	}
}

// TestRowTooLong: a row of 12 MB is read whole; a longer one, or a flood
// of empty lines, stops the file with a clear error instead of growing the
// memory without bound.
func TestRowTooLong(t *testing.T) {
	big := strings.Repeat("y", 12<<20)
	src, err := NewSource("t.csv", strings.NewReader("a,b\n1,x\n3,"+big+"\n4,z\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for src.Next() {
		got = append(got, src.Raw())
	}
	if err := src.Err(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"1,x", "3," + big, "4,z"}; !slices.Equal(got, want) {
		t.Errorf("rows %.40q, want %.40q", got, want)
	}
	for name, file := range map[string]string{
		"long row":    "a,b\n1,x\n2," + strings.Repeat("y", 20<<20) + "\n",
		"empty lines": "a,b\n1,x\n" + strings.Repeat("\n", 20<<20) + "2,z\n",
	} {
		src, err := NewSource("t.csv", strings.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		for src.Next() {
		}
		if err := src.Err(); err == nil || !strings.Contains(err.Error(), "a line longer than 16 MiB: this is not a CSV export") {
			t.Errorf("%s: %v", name, err)
		}
		if n := cap(src.rec.buf); n > 2*maxRowBytes {
			t.Errorf("%s: the Source kept %d bytes", name, n)
		}
	}
}
