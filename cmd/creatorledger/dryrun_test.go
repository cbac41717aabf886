package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDryRunSeveralFiles: a dry run of several files reports each as if the
// ones before it in the same command had been imported, and writes nothing.
func TestDryRunSeveralFiles(t *testing.T) {
	demo := func(name string) string { return filepath.Join("demodata", name) }
	first, second := demo("tiktok-rewards-2026-09-03.csv"), demo("tiktok-rewards-2026-09-05.csv")
	l := newLedger(t)
	// No ledger yet: the dry run creates none.
	out := l.ok("import", "--dry-run", first, second)
	for _, want := range []string{
		"tiktok-rewards-2026-09-03.csv (tiktok-creator-rewards): would import 6 rows: 6 new, 0 duplicates, 0 updated",
		// What the real import of the second after the first says.
		"tiktok-rewards-2026-09-05.csv (tiktok-creator-rewards): would import 8 rows: 2 new, 3 duplicates, 3 updated",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(l.db); !os.IsNotExist(err) {
		t.Errorf("a dry run made the ledger: %v", err)
	}
	// The real imports say the same.
	l.ok("import", "--dry-run", first) // one file: no copy needed
	if _, err := os.Stat(l.db); !os.IsNotExist(err) {
		t.Fatalf("a dry run made the ledger: %v", err)
	}
	l.ok("import", first)
	before := l.state()
	out = l.ok("import", "--dry-run", second, first, second)
	for _, want := range []string{
		"tiktok-rewards-2026-09-05.csv (tiktok-creator-rewards): would import 8 rows: 2 new, 3 duplicates, 3 updated",
		"tiktok-rewards-2026-09-03.csv: already imported as import 1",
		"tiktok-rewards-2026-09-05.csv: already imported as import 2",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run lacks %q:\n%s", want, out)
		}
	}
	if after := l.state(); after != before {
		t.Errorf("a dry run changed the ledger:\n--- before\n%s--- after\n%s", before, after)
	}
	if got := l.ok("import", second); !strings.Contains(got, "import 2: 8 rows: 2 new, 3 duplicates, 3 updated") {
		t.Errorf("the real import says:\n%s", got)
	}
}
