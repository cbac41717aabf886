package importers

import (
	"bytes"
	"os"
	"path/filepath"
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
			_ = src.Raw()
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
