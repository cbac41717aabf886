package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 13, item 11: a file name cannot reach the terminal as a control
// sequence, nor split a line or a table row.
func TestFileNamesEscaped(t *testing.T) {
	dir := t.TempDir()
	evil := "ev\x1b[31mil\nrow\u202e.csv"
	p := nativeFile(t, dir, evil, "e1")
	badName := "bad\x1b]0;title\x07\r.csv"
	bad := filepath.Join(dir, badName)
	os.WriteFile(bad, []byte(nativeHeader+"2026-01-05,tiktok,creator-rewards,earning,1.2O,USD,e2,,,approved,,x\n"), 0o600)

	l := newLedger(t)
	clean := func(what, s string) {
		t.Helper()
		if strings.ContainsAny(s, "\x1b\x07\r\u202e") {
			t.Errorf("%s has control characters: %q", what, s)
		}
	}
	out, errOut, code := l.run("import", p, bad, filepath.Join(dir, "missing\x1b[2J.csv"))
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	clean("import stdout", out)
	clean("import stderr", errOut)
	if want := `ev\x1b[31mil\nrow\u202e.csv (native): import 1: 1 rows: 1 new, 0 duplicates, 0 updated` + "\n"; out != want {
		t.Errorf("summary %q, want %q", out, want)
	}
	for _, want := range []string{`bad\x1b]0;title\a\r.csv:2:5: amount:`, `missing\x1b[2J.csv: no such file or directory`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	list := l.ok("imports", "list")
	clean("imports list", list)
	if n := strings.Count(list, "\n"); n != 3 {
		t.Errorf("imports list of one import has %d lines:\n%s", n, list)
	}
	show := l.ok("imports", "show", "1")
	clean("imports show", show)
	if !strings.HasPrefix(show, `import 1: ev\x1b[31mil\nrow\u202e.csv (native)`) {
		t.Errorf("imports show: %s", show)
	}
	out, _, _ = l.run("import", p)
	clean("already imported", out)
	// The machine formats keep the name exact (JSON escapes it itself).
	if csv := l.ok("imports", "list", "--format", "csv"); !strings.Contains(csv, "\""+evil+"\"") {
		t.Errorf("csv does not keep the name: %q", csv)
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain.csv":         "plain.csv",
		"tab\there":         `tab\there`,
		"new\nline":         `new\nline`,
		"esc\x1b[31m":       `esc\x1b[31m`,
		"del\x7f":           `del\x7f`,
		"c1\u009b31m":       `c1\u009b31m`,
		"bidi\u202egnp.exe": `bidi\u202egnp.exe`,
		"bad\xffbyte":       `bad\xffbyte`,
		"Café 🎉 ok\\n":      "Café 🎉 ok\\n",
	} {
		if got := printable(in); got != want {
			t.Errorf("printable(%q) = %q, want %q", in, got, want)
		}
	}
}
