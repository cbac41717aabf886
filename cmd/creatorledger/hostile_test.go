package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileFilesChangeNothing imports hostile files through the CLI into
// a ledger that holds entries already: testdata/hostile (binary, 31
// February, amount overflow, unknown currency, wrong delimiter, formula
// cells), every source's bad-*.csv fixture, and an empty, a blank, a
// header-only and a 10 MB one-line file. Each must be refused with exit 1,
// a clear message and the ledger exactly as it was, or (formula cells, a
// header without rows) imported correctly. importers/hostile_test.go puts
// the same kinds of damage through every source directly.
func TestHostileFilesChangeNothing(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	files, _ := filepath.Glob(fixture("hostile", "*.csv"))
	bad, _ := filepath.Glob(fixture("*", "bad-*.csv"))
	if len(files) < 8 || len(bad) < 50 {
		t.Fatalf("%d hostile files and %d bad fixtures: testdata is missing", len(files), len(bad))
	}
	files = append(files, bad...)
	header := "date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n"
	files = append(files,
		write("empty.csv", nil),
		write("blank.csv", []byte("\r\n \n\t\n")),
		write("header-only.csv", []byte(header)),
		write("one-10MB-line.csv", bytes.Repeat([]byte("ab"), 5<<20)),
		write("native-10MB-cell.csv", append([]byte(header), bytes.Repeat([]byte("ab"), 5<<20)...)),
	)
	accepted := map[string]bool{"native-formula-cells.csv": true, "header-only.csv": true}

	l := newLedger(t)
	l.ok("import", fixture("native", "multi-platform.csv"))
	for _, f := range files {
		name := filepath.Base(f)
		if strings.HasPrefix(name, "bad-") {
			name = filepath.Base(filepath.Dir(f)) + "/" + name
		}
		before := l.state()
		out, errOut, code := l.run("import", f)
		if strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine ") {
			t.Errorf("%s: %s", name, errOut)
		}
		if accepted[filepath.Base(f)] {
			if code != 0 {
				t.Errorf("%s: exit %d, want a correct import\n%s", name, code, errOut)
			}
			continue
		}
		if code != 1 {
			t.Errorf("%s: exit %d, want 1 (refused)\nstdout: %s", name, code, out)
		}
		if len(errOut) > 64<<10 {
			t.Errorf("%s: %d bytes on stderr; errors must quote long input shortened", name, len(errOut))
		}
		if !strings.Contains(errOut, "nothing imported from this file") {
			t.Errorf("%s: stderr does not say nothing was imported:\n%.500s", name, errOut)
		}
		if after := l.state(); after != before {
			t.Errorf("%s: a refused file changed the ledger: %s", name, diffLines(after, before))
		}
	}

	// Formula cells are kept as they are, and neutralised on the way out.
	exp := l.ok("export", "--format", "csv")
	for _, want := range []string{`"'=HYPERLINK(""http://evil.example"",""x"")"`, ",'@SUM(A1:A9),'+cmd|", ",'-2+3,", ",'=1+1\n"} {
		if !strings.Contains(exp, want) {
			t.Errorf("export lacks %s:\n%s", want, exp)
		}
	}
	checkIntact(t, l.db)
}
