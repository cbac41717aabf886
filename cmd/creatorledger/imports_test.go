package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger/sqlite"
)

func TestUndoThroughCLI(t *testing.T) {
	l := newLedger(t)
	dir := t.TempDir()
	header := "date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n"
	a := filepath.Join(dir, "a.csv")
	b := filepath.Join(dir, "b.csv")
	os.WriteFile(a, []byte(header+"2026-08-03,tiktok,creator-rewards,earning,41.2871,USD,v1,,,estimated,,x\n"), 0o600)
	os.WriteFile(b, []byte(header+"2026-08-03,tiktok,creator-rewards,earning,43.1022,USD,v1,,,approved,,x\n2026-09-01,youtube,long-form,earning,5,USD,v2,,,approved,,y\n"), 0o600)
	l.ok("import", a)
	before := l.state()
	l.ok("import", b)
	out := l.ok("imports", "undo", "2")
	if !strings.Contains(out, "undid import 2 (b.csv): removed 1 new entries, restored 1 updated ones") {
		t.Errorf("undo: %s", out)
	}
	if after := l.state(); after != before {
		t.Errorf("undo did not restore the ledger\n--- before\n%s--- after\n%s", before, after)
	}
	// The undone file can be imported again.
	if out := l.ok("import", b); !strings.Contains(out, "2 rows: 1 new, 0 duplicates, 1 updated") {
		t.Errorf("re-import after undo: %s", out)
	}
	// An import that a later one updated can be undone too (issue 13):
	// the entry keeps the later version.
	l.ok("imports", "undo", "1")
	if got := l.ok("export", "--format", "csv"); !strings.Contains(got, "43.1022") || strings.Contains(got, "41.2871") {
		t.Errorf("export after undoing the import a later one updated:\n%s", got)
	}
	if _, errOut, code := l.run("imports", "undo", "99"); code != 1 || !strings.Contains(errOut, "there is no import 99") {
		t.Errorf("undo of a missing import: exit %d %s", code, errOut)
	}
}

// TestUndoKeepsWhatOthersHoldCLI is issue 13's first defect: import A (rows
// 1-100), import B (rows 51-150: 50 new, 50 duplicates, some of them
// updated, and identical rows without an external id), then undo one of
// them: the ledger (export, income report from the daily totals, and its
// own checks) is the ledger of the other file imported alone, and the other
// file is still imported.
func TestUndoKeepsWhatOthersHoldCLI(t *testing.T) {
	dir := t.TempDir()
	header := "date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n"
	row := func(i int, amount, status string) string {
		return fmt.Sprintf("2026-08-%02d,tiktok,creator-rewards,earning,%s,USD,v%d,%d,,%s,,video %d\n", 1+i%28, amount, i, 10*i, status, i)
	}
	gift := "2026-08-05,tiktok,live,earning,1.50,USD,,,,paid,fan,gift\n"
	write := func(updates bool) map[string]string {
		var a, b strings.Builder
		a.WriteString(header)
		b.WriteString(header)
		for i := 1; i <= 100; i++ {
			a.WriteString(row(i, fmt.Sprintf("%d.10", i), "pending"))
			if i == 10 {
				a.WriteString(gift + gift)
			}
		}
		for i := 51; i <= 150; i++ {
			if updates && i <= 100 && i%5 == 0 { // another amount and status
				b.WriteString(row(i, fmt.Sprintf("%d.90", i), "approved"))
			} else {
				b.WriteString(row(i, fmt.Sprintf("%d.10", i), "pending"))
			}
			if i == 60 {
				b.WriteString(gift + gift + gift)
			}
		}
		files := map[string]string{"a": filepath.Join(dir, fmt.Sprint(updates, "a.csv")), "b": filepath.Join(dir, fmt.Sprint(updates, "b.csv"))}
		os.WriteFile(files["a"], []byte(a.String()), 0o600)
		os.WriteFile(files["b"], []byte(b.String()), 0o600)
		return files
	}
	view := func(l *ledgerT) string {
		db, err := sqlite.Open(context.Background(), l.db)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.CheckTotals(context.Background()); err != nil {
			t.Errorf("%s: %v", l.db, err)
		}
		// Entries of one day are exported in the order the ledger got
		// them, which differs between the two: compare them sorted.
		export := strings.Split(l.ok("export", "--format", "csv"), "\n")
		slices.Sort(export)
		return strings.Join(export, "\n") + "\n" + l.ok("report", "income", "--format", "csv")
	}
	for _, c := range []struct {
		undo, other string
		updates     bool
		summary     string
		undone      string
	}{
		{"1", "b", false, "103 rows: 51 new, 52 duplicates, 0 updated",
			"removed 50 new entries, restored 0 updated ones; 52 of its entries stay, held by other imports"},
		{"2", "a", false, "103 rows: 51 new, 52 duplicates, 0 updated", "removed 51 new entries, restored 0 updated ones\n"},
		{"1", "b", true, "103 rows: 51 new, 42 duplicates, 10 updated",
			"removed 50 new entries, restored 0 updated ones; 52 of its entries stay, held by other imports"},
		{"2", "a", true, "103 rows: 51 new, 42 duplicates, 10 updated", "removed 51 new entries, restored 10 updated ones\n"},
	} {
		files := write(c.updates)
		l := newLedger(t)
		l.ok("import", files["a"])
		if out := l.ok("import", files["b"]); !strings.Contains(out, c.summary) {
			t.Errorf("import b: %s", out)
		}
		if out := l.ok("imports", "undo", c.undo); !strings.Contains(out, c.undone) {
			t.Errorf("undo %s (updates %v): %s", c.undo, c.updates, out)
		}
		alone := newLedger(t)
		alone.ok("import", files[c.other])
		if got, want := view(l), view(alone); got != want {
			t.Errorf("undo %s (updates %v): not the ledger of %s.csv alone\n--- got\n%s\n--- want\n%s", c.undo, c.updates, c.other, got, want)
		}
		if out := l.ok("import", files[c.other]); !strings.Contains(out, "already imported") {
			t.Errorf("undo %s (updates %v): importing %s.csv again: %s", c.undo, c.updates, c.other, out)
		}
	}
}

func TestImportsShowAndList(t *testing.T) {
	l := newLedger(t)
	l.ok("import", fixture("native", "quirks.csv"))
	show := l.ok("imports", "show", "1", "--format", "csv")
	// The original row is kept with each entry, with its line number.
	if !strings.Contains(show, "7,2026-04-02,paypal,products,earning,1000.00,USD,pending,'=cmd,") {
		t.Errorf("imports show:\n%s", show)
	}
	list := l.ok("imports", "list", "--format", "json")
	for _, want := range []string{`"file": "quirks.csv"`, `"source": "native"`, `"rows": 4`, `"new": 4`, `"duplicates": 0`} {
		if !strings.Contains(list, want) {
			t.Errorf("imports list json lacks %s:\n%s", want, list)
		}
	}
	header := strings.SplitN(l.ok("imports", "list", "--format", "csv"), "\n", 2)[0]
	if header != "id,file,source,sha256,imported_at,rows,new,duplicates,updated" {
		t.Errorf("imports list columns: %s", header)
	}
}
