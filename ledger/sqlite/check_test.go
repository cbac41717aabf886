package sqlite

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// checkedLedger is a ledger of two imports, 2 and 3 entries, that passes
// Check.
func checkedLedger(t *testing.T) *DB {
	t.Helper()
	db := newTestDB(t)
	importEntries(t, db, "a", earning("2026-08-03", "v1", "41.2871", ledger.StatusEstimated), earning("2026-08-04", "v2", "1", ledger.StatusApproved))
	importEntries(t, db, "b", earning("2026-08-03", "v3", "2", ledger.StatusEstimated), earning("2026-08-05", "v4", "3", ledger.StatusApproved),
		earning("2026-08-05", "v5", "4", ledger.StatusApproved))
	r, err := db.Check(context.Background())
	if err != nil || len(r.Problems) > 0 {
		t.Fatalf("a ledger as imports leave it fails its check: %v %+v", err, r.Problems)
	}
	if r.Entries != 5 || r.Imports != 2 || r.Days != 3 {
		t.Fatalf("check counted %d entries, %d imports, %d days; want 5, 2, 3", r.Entries, r.Imports, r.Days)
	}
	return db
}

// problemsAfter changes the ledger behind the program's back with SQL and
// returns what Check finds.
func problemsAfter(t *testing.T, db *DB, tamper ...string) []ledger.Problem {
	t.Helper()
	for _, q := range tamper {
		if _, err := db.sql.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	r, err := db.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r.Problems
}

// wantProblem fails unless ps has a problem of check whose where and text
// contain the given parts.
func wantProblem(t *testing.T, ps []ledger.Problem, check, where, what string) {
	t.Helper()
	for _, p := range ps {
		if p.Check == check && strings.Contains(p.Where, where) && strings.Contains(p.What, what) {
			return
		}
	}
	t.Errorf("no %s problem at %q saying %q; got %+v", check, where, what, ps)
}

// TestCheckAmountChanged is issue 13's case: an amount changed in the
// entries table (UPDATE entries SET amount = amount + 1 WHERE id = 5)
// changes an export while the reports, which read the daily totals, do not
// move. Check names the day's group and the entry in it.
func TestCheckAmountChanged(t *testing.T) {
	db := checkedLedger(t)
	ps := problemsAfter(t, db, `UPDATE entries SET amount = amount + 1 WHERE id = 5`)
	if len(ps) != 1 {
		t.Fatalf("want one problem, got %+v", ps)
	}
	wantProblem(t, ps, "totals", "2026-08-05 tiktok creator-rewards earning USD approved",
		"the entries add up to 7.000001 USD in 2 entries, the daily totals keep 7.00 USD in 2 entries (entries 4, 5)")
}

func TestCheckTotals(t *testing.T) {
	db := checkedLedger(t)
	ps := problemsAfter(t, db, `DELETE FROM entries WHERE id = 2`, `UPDATE entries SET status = 4 WHERE id = 3`)
	wantProblem(t, ps, "totals", "2026-08-04 tiktok creator-rewards earning USD approved", "the daily totals keep 1.00 USD in 1 entry that the ledger does not have")
	wantProblem(t, ps, "totals", "2026-08-03 tiktok creator-rewards earning USD paid", "the daily totals leave out 1 entry of entries that add up to 2.00 USD")

	db = checkedLedger(t)
	ps = problemsAfter(t, db, `UPDATE daily_totals SET groups = '[[1, 3' WHERE day = 20260804`)
	wantProblem(t, ps, "totals", "2026-08-04", "not readable")
}

func TestCheckBalance(t *testing.T) {
	db := checkedLedger(t)
	ps := problemsAfter(t, db, `UPDATE entry_classes SET contra_id = account_id`)
	wantProblem(t, ps, "balance", "5 entries from entry 1", "moves money from assets:tiktok to itself")

	db = checkedLedger(t)
	ps = problemsAfter(t, db, `INSERT INTO accounts (name) VALUES ('expenses:fees:tiktok')`,
		`UPDATE entry_classes SET contra_id = (SELECT id FROM accounts WHERE name = 'expenses:fees:tiktok')`)
	wantProblem(t, ps, "balance", "5 entries from entry 1", "its other side is expenses:fees:tiktok, not income:tiktok:creator-rewards")

	db = checkedLedger(t)
	ps = problemsAfter(t, db, `UPDATE entries SET class_id = 99 WHERE id = 4`, `UPDATE entries SET status = 9 WHERE id = 1`,
		`UPDATE entries SET day = 20261301 WHERE id = 2`)
	wantProblem(t, ps, "balance", "entry 4", "entry class 99 does not exist")
	wantProblem(t, ps, "balance", "entry 1", "status 9")
	wantProblem(t, ps, "balance", "entry 2", "day 20261301 is not a date")
}

// An entry's invoice mark goes with its class: an unmarked invoice would be
// missing from the invoice reports, a marked earning would be in them.
func TestCheckInvoiceMark(t *testing.T) {
	db := checkedLedger(t)
	importEntries(t, db, "c", invoiceEntry("INV-1", "2026-08-06", "2026-09-05", "", "100", "", "#ad", "video"),
		invoiceEntry("INV-2", "2026-08-06", "2026-09-05", "", "200", "", "#ad", "video"))
	if ps := problemsAfter(t, db); len(ps) > 0 {
		t.Fatalf("marked invoices: %+v", ps)
	}
	ps := problemsAfter(t, db, `UPDATE entries SET invoice = NULL WHERE external_id = 'INV-2'`,
		`UPDATE entries SET invoice = 1 WHERE external_id = 'v1'`)
	wantProblem(t, ps, "balance", "2 entries from entry 6", "1 of the 2 invoices of class 2 (sponsorship tiktok earning EUR) are not marked")
	wantProblem(t, ps, "balance", "5 entries from entry 1", "1 entries of class 1 (tiktok creator-rewards earning USD) are marked as invoices")
}

func TestCheckKeys(t *testing.T) {
	db := checkedLedger(t)
	ps := problemsAfter(t, db, `DELETE FROM entry_keys WHERE entry_id = 4`, `DELETE FROM key_blocks`)
	wantProblem(t, ps, "keys", "", "has no key")
}

func TestCheckImports(t *testing.T) {
	db := checkedLedger(t)
	ps := problemsAfter(t, db, `UPDATE imports SET last_entry = 3 WHERE id = 2`)
	wantProblem(t, ps, "imports", "entry 4", "created by import 2, whose entries are 3-3")

	db = checkedLedger(t)
	ps = problemsAfter(t, db, `UPDATE imports SET last_entry = 4 WHERE id = 1`)
	wantProblem(t, ps, "imports", "imports 1 and 2", "their entries overlap: 1-4 and 3-5")

	db = checkedLedger(t)
	ps = problemsAfter(t, db, `UPDATE entries SET created_import = 7, import_id = 7 WHERE id = 1`)
	wantProblem(t, ps, "imports", "entry 1", "created by import 7, which the ledger does not have")
	wantProblem(t, ps, "imports", "entry 1", "the version kept is from import 7")
}

// damagePage overwrites the b-tree header of the root page of table (its
// page type, first free block and cell count) through SQLite's own page
// table, as a flipped disk block would.
func damagePage(t *testing.T, db *DB, table string) {
	t.Helper()
	var root int64
	if err := db.sql.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = ?`, table).Scan(&root); err != nil {
		t.Fatal(err)
	}
	var data []byte
	if err := db.sql.QueryRow(`SELECT data FROM sqlite_dbpage WHERE pgno = ?`, root).Scan(&data); err != nil {
		t.Fatal(err)
	}
	at := 0
	if root == 1 {
		at = 100
	}
	copy(data[at+1:], []byte{0xff, 0xf0, 0xff, 0xf0})
	if _, err := db.sql.Exec(`UPDATE sqlite_dbpage SET data = ? WHERE pgno = ?`, data, root); err != nil {
		t.Fatal(err)
	}
}

// TestQuickCheck: a damaged page of any table is found by QuickCheck (the
// check before an import writes) and by Check.
func TestQuickCheck(t *testing.T) {
	ctx := context.Background()
	if err := checkedLedger(t).QuickCheck(ctx); err != nil {
		t.Fatalf("quick check of a sound ledger: %v", err)
	}
	for _, table := range []string{"entries", "imports", "daily_totals", "import_rows"} {
		db := checkedLedger(t)
		damagePage(t, db, table)
		err := db.QuickCheck(ctx)
		if !errors.Is(err, ledger.ErrCorrupt) || !IsCorrupt(err) {
			t.Errorf("quick check with a damaged page of %s: %v, want ErrCorrupt", table, err)
		}
		r, err := db.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Problems) == 0 || r.Problems[0].Check != "integrity" {
			t.Errorf("check with a damaged page of %s: %+v, want an integrity problem first", table, r.Problems)
		}
	}
}

// TestCheckAfterUndoOfOverlappedImport: an undo leaves the entries a later
// import also holds, which that import takes over (membership.go) although
// they are outside its range of ids: Check finds nothing wrong, before and
// after, and still finds an entry moved out of its import's range.
func TestCheckAfterUndoOfOverlappedImport(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	a := importEntries(t, db, "a", earning("2026-08-03", "v1", "1", ledger.StatusApproved), earning("2026-08-04", "v2", "2", ledger.StatusApproved))
	importEntries(t, db, "b", earning("2026-08-04", "v2", "2", ledger.StatusApproved), earning("2026-08-05", "v3", "3", ledger.StatusApproved))
	if _, err := db.UndoImport(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	r, err := db.Check(ctx)
	if err != nil || len(r.Problems) > 0 || r.Entries != 2 {
		t.Fatalf("check after the undo: %v %d entries %+v", err, r.Entries, r.Problems)
	}
	ps := problemsAfter(t, db, `UPDATE entries SET id = 9 WHERE id = 3`)
	wantProblem(t, ps, "imports", "entry 9", "created by import 2")
}
