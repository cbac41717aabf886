package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/schema"
	"github.com/shopspring/decimal"
)

func newTestDB(t *testing.T) *DB {
	t.Helper()
	db, err := Create(context.Background(), filepath.Join(t.TempDir(), "sub", "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { db.Close() })
	return db
}

// importEntries imports entries as one file and returns the import record.
func importEntries(t *testing.T, db *DB, sha string, es ...ledger.Entry) ledger.Import {
	t.Helper()
	ctx := context.Background()
	tx, err := db.BeginImport(ctx, sha+".csv", "test", sha)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range es {
		e.Line = i + 2
		e.Raw = fmt.Sprintf("row %d", i+2)
		if err := tx.Add(ctx, e, false); err != nil {
			t.Fatal(err)
		}
	}
	im, err := tx.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return im
}

// snapshot is the ledger's visible state: every entry and import.
type snapshot struct {
	entries []ledger.Entry
	imports []ledger.Import
}

func snap(t *testing.T, db *DB) snapshot {
	t.Helper()
	if err := db.CheckTotals(context.Background()); err != nil {
		t.Fatal(err)
	}
	var s snapshot
	err := db.Entries(context.Background(), ledger.EntryFilter{WithRaw: true}, func(e *ledger.Entry) error {
		if e.Raw != fmt.Sprintf("row %d", e.Line) {
			t.Errorf("entry %d (import %d line %d) has file row %q", e.ID, e.ImportID, e.Line, e.Raw)
		}
		s.entries = append(s.entries, *e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.imports, err = db.Imports(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func earning(day, ext, amount string, status ledger.Status) ledger.Entry {
	return ledger.Entry{
		Date: date(day), Platform: "tiktok", Program: "creator-rewards", Kind: ledger.KindEarning,
		Amount: decimal.RequireFromString(amount), Currency: "USD", ExternalID: ext, Status: status,
	}
}

func TestCreateFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "dir", "ledger.db")
	db, err := Create(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("ledger mode %v, want 0600", st.Mode().Perm())
	}
	// Opening again applies no migration twice.
	db, err = Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(schema.Migrations, "migrations/*.sql")
	if err != nil || len(files) < 2 {
		t.Fatalf("migration files %v (%v)", files, err)
	}
	var n int
	if err := db.sql.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(files) {
		t.Errorf("schema_migrations has %d rows (%v), want %d", n, err, len(files))
	}
	// A ledger a newer creatorledger migrated further is refused, as is.
	if _, err := db.sql.Exec(`INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(context.Background(), path); !errors.Is(err, ledger.ErrNewerLedger) || !strings.Contains(err.Error(), "9999") {
		t.Errorf("Open of a ledger from a newer version: %v, want ErrNewerLedger naming 9999", err)
	}
	if _, err := Open(context.Background(), filepath.Join(t.TempDir(), "missing.db")); !errors.Is(err, ledger.ErrNoLedger) {
		t.Errorf("Open of a missing file: %v, want ErrNoLedger", err)
	}
}

func TestImportNewDuplicateUpdate(t *testing.T) {
	db := newTestDB(t)
	first := importEntries(t, db, "a",
		earning("2026-08-03", "v1", "41.2871", ledger.StatusEstimated),
		earning("2026-08-09", "v2", "112.593042", ledger.StatusEstimated),
	)
	if first.Counts != (ledger.Counts{Rows: 2, New: 2}) {
		t.Fatalf("first import counts %+v", first.Counts)
	}
	second := importEntries(t, db, "b",
		earning("2026-08-03", "v1", "43.1022", ledger.StatusApproved),     // finalised: update
		earning("2026-08-09", "v2", "112.593042", ledger.StatusEstimated), // unchanged: duplicate
		earning("2026-09-04", "v3", "63.88", ledger.StatusEstimated),      // new
	)
	if second.Counts != (ledger.Counts{Rows: 3, New: 1, Duplicates: 1, Updated: 1}) {
		t.Fatalf("second import counts %+v", second.Counts)
	}
	s := snap(t, db)
	if len(s.entries) != 3 {
		t.Fatalf("%d entries, want 3", len(s.entries))
	}
	v1 := s.entries[0]
	if !v1.Amount.Equal(decimal.RequireFromString("43.1022")) || v1.Status != ledger.StatusApproved || v1.ImportID != second.ID || v1.Line != 2 {
		t.Errorf("updated entry %+v", v1)
	}
	var hist int
	if err := db.sql.QueryRow(`SELECT count(*) FROM entry_history WHERE replaced_by = ?`, second.ID).Scan(&hist); err != nil || hist != 1 {
		t.Errorf("history rows %d (%v), want 1", hist, err)
	}
}

func TestIdenticalRowsInOneFileStaySeparate(t *testing.T) {
	db := newTestDB(t)
	gift := ledger.Entry{Date: date("2026-08-15"), Platform: "tiktok", Program: "live-gifts", Kind: ledger.KindEarning,
		Amount: decimal.RequireFromString("18.40"), Currency: "USD", Status: ledger.StatusApproved, Description: "LIVE gifts"}
	im := importEntries(t, db, "a", gift, gift)
	if im.New != 2 {
		t.Fatalf("two identical rows gave %d new entries, want 2", im.New)
	}
	// An overlapping later export with the same two rows and one more.
	later := gift
	later.Date = date("2026-08-16")
	im = importEntries(t, db, "b", gift, gift, later)
	if im.Counts != (ledger.Counts{Rows: 3, New: 1, Duplicates: 2}) {
		t.Fatalf("overlapping export counts %+v, want 1 new 2 duplicates", im.Counts)
	}
	// A later export with three copies of the row: the third is new.
	im = importEntries(t, db, "c", gift, gift, gift)
	if im.Counts != (ledger.Counts{Rows: 3, New: 1, Duplicates: 2}) {
		t.Fatalf("third copy counts %+v, want 1 new 2 duplicates", im.Counts)
	}
}

func TestUndoRestoresPreviousState(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	importEntries(t, db, "a", earning("2026-08-03", "v1", "41.2871", ledger.StatusEstimated), earning("2026-08-09", "v2", "1.00", ledger.StatusPending))
	before := snap(t, db)
	second := importEntries(t, db, "b",
		earning("2026-08-03", "v1", "43.1022", ledger.StatusApproved),
		earning("2026-09-04", "v3", "63.88", ledger.StatusEstimated))
	if reflect.DeepEqual(before, snap(t, db)) {
		t.Fatal("second import changed nothing")
	}
	im, err := db.UndoImport(ctx, second.ID)
	if err != nil {
		t.Fatal(err)
	}
	if im.ID != second.ID {
		t.Errorf("undo returned import %d", im.ID)
	}
	if after := snap(t, db); !reflect.DeepEqual(before, after) {
		t.Errorf("undo did not restore the ledger\nbefore %+v\nafter  %+v", before, after)
	}
	if _, err := db.UndoImport(ctx, second.ID); !errors.Is(err, ledger.ErrNotFound) {
		t.Errorf("second undo: %v, want ErrNotFound", err)
	}
}

func TestRollbackWritesNothing(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	importEntries(t, db, "a", earning("2026-08-03", "v1", "1.00", ledger.StatusEstimated))
	before := snap(t, db)
	tx, err := db.BeginImport(ctx, "b.csv", "test", "b")
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Add(ctx, earning("2026-08-04", "v2", "2.00", ledger.StatusEstimated), false); err != nil {
		t.Fatal(err)
	}
	if err := tx.Add(ctx, earning("2026-08-03", "v1", "5.00", ledger.StatusApproved), false); err != nil {
		t.Fatal(err)
	}
	rec, err := tx.DryRun(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Counts != (ledger.Counts{Rows: 2, New: 1, Updated: 1}) {
		t.Errorf("dry-run counts %+v", rec.Counts)
	}
	if after := snap(t, db); !reflect.DeepEqual(before, after) {
		t.Error("rolled back import changed the ledger")
	}
	// An invalid entry is refused before anything is written.
	tx, _ = db.BeginImport(ctx, "c.csv", "test", "c")
	bad := earning("2026-08-05", "v9", "1.00", "done")
	if err := tx.Add(ctx, bad, false); !errors.Is(err, ledger.ErrInvalid) {
		t.Errorf("invalid entry: %v", err)
	}
	tx.Rollback()
}

func TestBalancesSumToZero(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	payout := earning("2026-08-21", "WD-1", "-50.00", ledger.StatusPaid)
	payout.Kind, payout.Program = ledger.KindPayout, "live-gifts"
	fee := earning("2026-08-21", "F-1", "-1.50", ledger.StatusPaid)
	fee.Kind = ledger.KindFee
	eur := earning("2026-08-22", "INV-1", "500", ledger.StatusPaid)
	eur.Platform, eur.Program, eur.Currency = "sponsorship", "tiktok", "EUR"
	importEntries(t, db, "a", earning("2026-08-03", "v1", "100.00", ledger.StatusApproved), payout, fee, eur)

	accounts, err := db.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	total := map[string]int64{}
	for _, a := range accounts {
		bal, err := db.Balance(ctx, a, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for cur, v := range bal {
			total[cur] += v
		}
	}
	if total["USD"] != 0 || total["EUR"] != 0 {
		t.Errorf("all accounts together: %v, want zero per currency", total)
	}
	bal, _ := db.Balance(ctx, "assets:tiktok", time.Time{})
	if bal["USD"] != 48_500_000 { // 100 - 50 - 1.50
		t.Errorf("assets:tiktok = %d micro-USD, want 48.50", bal["USD"])
	}
	bal, _ = db.Balance(ctx, "assets:tiktok", date("2026-08-20"))
	if bal["USD"] != 100_000_000 {
		t.Errorf("assets:tiktok on 2026-08-20 = %d micro-USD, want 100", bal["USD"])
	}
}

func TestIncome(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	rev := earning("2026-08-11", "R1", "-1.26", ledger.StatusApproved)
	rev.Kind = ledger.KindReversal
	reversed := earning("2026-08-12", "C9", "99.00", ledger.StatusReversed) // a commission that was reversed
	fee := earning("2026-08-13", "F1", "-2.00", ledger.StatusPaid)
	fee.Kind = ledger.KindFee
	eur := earning("2026-10-01", "INV-1", "750", ledger.StatusPaid)
	eur.Currency = "EUR"
	importEntries(t, db, "a",
		earning("2026-07-31", "a", "10.10", ledger.StatusApproved),
		earning("2026-08-01", "b", "0.000001", ledger.StatusEstimated),
		rev, reversed, fee, eur,
		earning("2026-09-30", "c", "5", ledger.StatusPending),
	)
	rows := func(q ledger.IncomeQuery) string {
		t.Helper()
		rs, err := db.Income(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		s := ""
		for _, r := range rs {
			s += fmt.Sprintf("%s %s %s %s %s\n", r.Period, r.Platform, r.Program, r.Currency, r.Amount)
		}
		return s
	}
	// August: 0.000001 - 1.26; the reversed commission and the fee do not count.
	if got, want := rows(ledger.IncomeQuery{By: ledger.ByMonth}), "2026-07 tiktok creator-rewards USD 10.1\n2026-08 tiktok creator-rewards USD -1.259999\n2026-09 tiktok creator-rewards USD 5\n2026-10 tiktok creator-rewards EUR 750\n"; got != want {
		t.Errorf("by month:\n%s\nwant\n%s", got, want)
	}
	if got, want := rows(ledger.IncomeQuery{By: ledger.ByQuarter}), "2026-Q3 tiktok creator-rewards USD 13.840001\n2026-Q4 tiktok creator-rewards EUR 750\n"; got != want {
		t.Errorf("by quarter:\n%s\nwant\n%s", got, want)
	}
	if got, want := rows(ledger.IncomeQuery{By: ledger.ByYear, From: date("2026-08-01"), To: date("2026-09-29")}), "2026 tiktok creator-rewards USD -1.259999\n"; got != want {
		t.Errorf("by year, Aug 1 - Sep 29:\n%s\nwant\n%s", got, want)
	}
	if got := rows(ledger.IncomeQuery{By: ledger.ByMonth, Platform: "youtube"}); got != "" {
		t.Errorf("other platform: %q", got)
	}
	if _, err := db.Income(ctx, ledger.IncomeQuery{By: "week"}); !errors.Is(err, ledger.ErrInvalid) {
		t.Errorf("by week: %v", err)
	}
}
