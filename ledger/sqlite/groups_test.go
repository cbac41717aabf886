package sqlite

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// TestGroups: an import counts its rows per platform, program and kind
// (the dry run's table), whether the ledger had entries (a bulk import
// counts by class first) or not.
func TestGroups(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	var es []ledger.Entry
	for i := 0; i < 300; i++ {
		e := earning(date("2026-01-01").AddDate(0, 0, i%40).Format(ledger.DateLayout), fmt.Sprintf("v%d", i), "1.00", ledger.StatusEstimated)
		switch i % 3 {
		case 1:
			e.Currency = "EUR" // another class of the same group
		case 2:
			e.Platform, e.Program = "youtube", "adsense"
		}
		es = append(es, e)
	}
	groups := func(es []ledger.Entry) string {
		t.Helper()
		tx, err := db.BeginImport(ctx, "g.csv", "test", fmt.Sprintf("sha-%d", len(es)))
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range es {
			e.Line, e.Raw = i+2, fmt.Sprintf("row %d", i+2)
			if err := tx.Add(ctx, e, false); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := tx.DryRun(ctx); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, g := range tx.Groups() {
			fmt.Fprintf(&b, "%s %s %s: %d rows, %d new, %d duplicates\n", g.Platform, g.Program, g.Kind, g.Rows, g.New, g.Duplicates)
		}
		return b.String()
	}
	if got, want := groups(es), "tiktok creator-rewards earning: 200 rows, 200 new, 0 duplicates\n"+
		"youtube adsense earning: 100 rows, 100 new, 0 duplicates\n"; got != want {
		t.Errorf("first import into an empty ledger:\n%s\nwant\n%s", got, want)
	}
	importEntries(t, db, "first", es[:150]...)
	if got, want := groups(es), "tiktok creator-rewards earning: 200 rows, 100 new, 100 duplicates\n"+
		"youtube adsense earning: 100 rows, 50 new, 50 duplicates\n"; got != want {
		t.Errorf("import into a ledger with entries:\n%s\nwant\n%s", got, want)
	}
}

// TestBulkImportFindsStaleTotals: an import into a ledger without entries
// writes each day's totals row without reading it first; a row that is
// there against that expectation fails the import instead of being
// overwritten, and the import leaves the ledger as it was.
func TestBulkImportFindsStaleTotals(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	stale := `[[1,1,5000000,0,0,1]]`
	if _, err := db.sql.Exec(`INSERT INTO daily_totals (day, groups) VALUES (20260105, ?)`, stale); err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginImport(ctx, "a.csv", "test", "sha-a")
	if err != nil {
		t.Fatal(err)
	}
	e := earning("2026-01-05", "v1", "1.00", ledger.StatusEstimated)
	e.Line, e.Raw = 2, "row 2"
	if err := tx.Add(ctx, e, false); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Commit(ctx); err == nil || !strings.Contains(err.Error(), "UNIQUE") {
		t.Fatalf("commit: %v, want a UNIQUE constraint error", err)
	}
	var groups string
	if err := db.sql.QueryRow(`SELECT groups FROM daily_totals WHERE day = 20260105`).Scan(&groups); err != nil || groups != stale {
		t.Errorf("totals row %q (%v), want %q kept", groups, err, stale)
	}
	if ims, err := db.Imports(ctx); err != nil || len(ims) != 0 {
		t.Errorf("imports %v (%v), want none", ims, err)
	}
}
