package ledger

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/schema"
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
func importEntries(t *testing.T, db *DB, sha string, es ...Entry) Import {
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
	entries []Entry
	imports []Import
}

func snap(t *testing.T, db *DB) snapshot {
	t.Helper()
	if err := db.CheckTotals(context.Background()); err != nil {
		t.Fatal(err)
	}
	var s snapshot
	err := db.Entries(context.Background(), EntryFilter{WithRaw: true}, func(e *Entry) error {
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

func earning(day, ext, amount string, status Status) Entry {
	return Entry{
		Date: date(day), Platform: "tiktok", Program: "creator-rewards", Kind: KindEarning,
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
	if _, err := Open(context.Background(), path); !errors.Is(err, ErrNewerLedger) || !strings.Contains(err.Error(), "9999") {
		t.Errorf("Open of a ledger from a newer version: %v, want ErrNewerLedger naming 9999", err)
	}
	if _, err := Open(context.Background(), filepath.Join(t.TempDir(), "missing.db")); !errors.Is(err, ErrNoLedger) {
		t.Errorf("Open of a missing file: %v, want ErrNoLedger", err)
	}
}

func TestImportNewDuplicateUpdate(t *testing.T) {
	db := newTestDB(t)
	first := importEntries(t, db, "a",
		earning("2026-08-03", "v1", "41.2871", StatusEstimated),
		earning("2026-08-09", "v2", "112.593042", StatusEstimated),
	)
	if first.Counts != (Counts{Rows: 2, New: 2}) {
		t.Fatalf("first import counts %+v", first.Counts)
	}
	second := importEntries(t, db, "b",
		earning("2026-08-03", "v1", "43.1022", StatusApproved),     // finalised: update
		earning("2026-08-09", "v2", "112.593042", StatusEstimated), // unchanged: duplicate
		earning("2026-09-04", "v3", "63.88", StatusEstimated),      // new
	)
	if second.Counts != (Counts{Rows: 3, New: 1, Duplicates: 1, Updated: 1}) {
		t.Fatalf("second import counts %+v", second.Counts)
	}
	s := snap(t, db)
	if len(s.entries) != 3 {
		t.Fatalf("%d entries, want 3", len(s.entries))
	}
	v1 := s.entries[0]
	if !v1.Amount.Equal(decimal.RequireFromString("43.1022")) || v1.Status != StatusApproved || v1.ImportID != second.ID || v1.Line != 2 {
		t.Errorf("updated entry %+v", v1)
	}
	var hist int
	if err := db.sql.QueryRow(`SELECT count(*) FROM entry_history WHERE replaced_by = ?`, second.ID).Scan(&hist); err != nil || hist != 1 {
		t.Errorf("history rows %d (%v), want 1", hist, err)
	}
}

func TestIdenticalRowsInOneFileStaySeparate(t *testing.T) {
	db := newTestDB(t)
	gift := Entry{Date: date("2026-08-15"), Platform: "tiktok", Program: "live-gifts", Kind: KindEarning,
		Amount: decimal.RequireFromString("18.40"), Currency: "USD", Status: StatusApproved, Description: "LIVE gifts"}
	im := importEntries(t, db, "a", gift, gift)
	if im.New != 2 {
		t.Fatalf("two identical rows gave %d new entries, want 2", im.New)
	}
	// An overlapping later export with the same two rows and one more.
	later := gift
	later.Date = date("2026-08-16")
	im = importEntries(t, db, "b", gift, gift, later)
	if im.Counts != (Counts{Rows: 3, New: 1, Duplicates: 2}) {
		t.Fatalf("overlapping export counts %+v, want 1 new 2 duplicates", im.Counts)
	}
	// A later export with three copies of the row: the third is new.
	im = importEntries(t, db, "c", gift, gift, gift)
	if im.Counts != (Counts{Rows: 3, New: 1, Duplicates: 2}) {
		t.Fatalf("third copy counts %+v, want 1 new 2 duplicates", im.Counts)
	}
}

func TestUndoRestoresPreviousState(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	importEntries(t, db, "a", earning("2026-08-03", "v1", "41.2871", StatusEstimated), earning("2026-08-09", "v2", "1.00", StatusPending))
	before := snap(t, db)
	second := importEntries(t, db, "b",
		earning("2026-08-03", "v1", "43.1022", StatusApproved),
		earning("2026-09-04", "v3", "63.88", StatusEstimated))
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
	if _, err := db.UndoImport(ctx, second.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second undo: %v, want ErrNotFound", err)
	}
}

func TestRollbackWritesNothing(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	importEntries(t, db, "a", earning("2026-08-03", "v1", "1.00", StatusEstimated))
	before := snap(t, db)
	tx, err := db.BeginImport(ctx, "b.csv", "test", "b")
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Add(ctx, earning("2026-08-04", "v2", "2.00", StatusEstimated), false); err != nil {
		t.Fatal(err)
	}
	if err := tx.Add(ctx, earning("2026-08-03", "v1", "5.00", StatusApproved), false); err != nil {
		t.Fatal(err)
	}
	rec, err := tx.DryRun(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Counts != (Counts{Rows: 2, New: 1, Updated: 1}) {
		t.Errorf("dry-run counts %+v", rec.Counts)
	}
	if after := snap(t, db); !reflect.DeepEqual(before, after) {
		t.Error("rolled back import changed the ledger")
	}
	// An invalid entry is refused before anything is written.
	tx, _ = db.BeginImport(ctx, "c.csv", "test", "c")
	bad := earning("2026-08-05", "v9", "1.00", "done")
	if err := tx.Add(ctx, bad, false); !errors.Is(err, ErrInvalid) {
		t.Errorf("invalid entry: %v", err)
	}
	tx.Rollback()
}

func TestBalancesSumToZero(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	payout := earning("2026-08-21", "WD-1", "-50.00", StatusPaid)
	payout.Kind, payout.Program = KindPayout, "live-gifts"
	fee := earning("2026-08-21", "F-1", "-1.50", StatusPaid)
	fee.Kind = KindFee
	eur := earning("2026-08-22", "INV-1", "500", StatusPaid)
	eur.Platform, eur.Program, eur.Currency = "sponsorship", "tiktok", "EUR"
	importEntries(t, db, "a", earning("2026-08-03", "v1", "100.00", StatusApproved), payout, fee, eur)

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
	rev := earning("2026-08-11", "R1", "-1.26", StatusApproved)
	rev.Kind = KindReversal
	reversed := earning("2026-08-12", "C9", "99.00", StatusReversed) // a commission that was reversed
	fee := earning("2026-08-13", "F1", "-2.00", StatusPaid)
	fee.Kind = KindFee
	eur := earning("2026-10-01", "INV-1", "750", StatusPaid)
	eur.Currency = "EUR"
	importEntries(t, db, "a",
		earning("2026-07-31", "a", "10.10", StatusApproved),
		earning("2026-08-01", "b", "0.000001", StatusEstimated),
		rev, reversed, fee, eur,
		earning("2026-09-30", "c", "5", StatusPending),
	)
	rows := func(q IncomeQuery) string {
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
	if got, want := rows(IncomeQuery{By: ByMonth}), "2026-07 tiktok creator-rewards USD 10.1\n2026-08 tiktok creator-rewards USD -1.259999\n2026-09 tiktok creator-rewards USD 5\n2026-10 tiktok creator-rewards EUR 750\n"; got != want {
		t.Errorf("by month:\n%s\nwant\n%s", got, want)
	}
	if got, want := rows(IncomeQuery{By: ByQuarter}), "2026-Q3 tiktok creator-rewards USD 13.840001\n2026-Q4 tiktok creator-rewards EUR 750\n"; got != want {
		t.Errorf("by quarter:\n%s\nwant\n%s", got, want)
	}
	if got, want := rows(IncomeQuery{By: ByYear, From: date("2026-08-01"), To: date("2026-09-29")}), "2026 tiktok creator-rewards USD -1.259999\n"; got != want {
		t.Errorf("by year, Aug 1 - Sep 29:\n%s\nwant\n%s", got, want)
	}
	if got := rows(IncomeQuery{By: ByMonth, Platform: "youtube"}); got != "" {
		t.Errorf("other platform: %q", got)
	}
	if _, err := db.Income(ctx, IncomeQuery{By: "week"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("by week: %v", err)
	}
}

// TestBatches crosses batch and multi-row INSERT boundaries: identical rows
// far apart in the file, updates and duplicates mixed with new entries.
func TestBatches(t *testing.T) {
	db := newTestDB(t)
	var first, second []Entry
	for i := 0; i < 1000; i++ {
		e := earning("2026-01-01", fmt.Sprintf("v%d", i), fmt.Sprintf("%d.%02d", i, i%100), StatusEstimated)
		e.Date = e.Date.AddDate(0, 0, i/10)
		if i%250 == 7 {
			e.ExternalID = "" // rows without an id, identical to each other
			e.Date = date("2026-01-01")
			e.Amount = decimal.RequireFromString("1.00")
		}
		first = append(first, e)
		if i%3 == 0 {
			e.Status = StatusApproved // every third is finalised later
		}
		second = append(second, e)
	}
	second = append(second, earning("2027-01-01", "new", "5", StatusPending))
	im := importEntries(t, db, "a", first...)
	if im.Counts != (Counts{Rows: 1000, New: 1000}) {
		t.Fatalf("first import %+v", im.Counts)
	}
	im = importEntries(t, db, "b", second...)
	// Every third of 1000 (334) changes status; the 4 identical rows keep
	// theirs unless their index is a multiple of 3 (7, 257, 507, 757: 507).
	if im.Counts != (Counts{Rows: 1001, New: 1, Duplicates: 666, Updated: 334}) {
		t.Fatalf("second import %+v", im.Counts)
	}
	s := snap(t, db) // checks the daily totals too
	if len(s.entries) != 1001 {
		t.Errorf("%d entries, want 1001", len(s.entries))
	}
	if _, err := db.UndoImport(context.Background(), im.ID); err != nil {
		t.Fatal(err)
	}
	snap(t, db)
}

// TestNewAndKnownInterleaved switches the writer between inserting first
// (after runs of new entries) and looking up first (after runs of known
// ones), with both kinds mixed inside batches, and checks that every entry
// is counted once, in the right group, with the right file row.
func TestNewAndKnownInterleaved(t *testing.T) {
	db := newTestDB(t)
	entry := func(i int, status Status) Entry {
		e := earning("2026-03-01", fmt.Sprintf("v%d", i), fmt.Sprintf("%d.25", i), status)
		e.Date = e.Date.AddDate(0, 0, i/40)
		return e
	}
	var first, second []Entry
	for i := 0; i < 3000; i++ {
		// 0-599: new in the second import; 600-1199: known; then
		// alternating known and new; every 5th known one is finalised.
		known := (i >= 600 && i < 1200) || (i >= 1200 && i%2 == 0)
		if known {
			first = append(first, entry(i, StatusEstimated))
		}
		status := StatusEstimated
		if known && i%5 == 0 {
			status = StatusApproved
		}
		second = append(second, entry(i, status))
	}
	importEntries(t, db, "a", first...)
	im := importEntries(t, db, "b", second...)
	knownN := len(first)
	updated := 0
	for _, e := range first {
		var i int
		fmt.Sscanf(e.ExternalID, "v%d", &i)
		if i%5 == 0 {
			updated++
		}
	}
	want := Counts{Rows: 3000, New: 3000 - knownN, Duplicates: knownN - updated, Updated: updated}
	if im.Counts != want {
		t.Fatalf("second import %+v, want %+v", im.Counts, want)
	}
	if im.LastEntry-im.FirstEntry+1 != int64(want.New) {
		t.Errorf("new entries have ids %d..%d, want %d of them", im.FirstEntry, im.LastEntry, want.New)
	}
	s := snap(t, db) // the daily totals and every file row
	if len(s.entries) != 3000 {
		t.Errorf("%d entries, want 3000", len(s.entries))
	}
	if _, err := db.UndoImport(context.Background(), im.ID); err != nil {
		t.Fatal(err)
	}
	if n := len(snap(t, db).entries); n != knownN {
		t.Errorf("after undo %d entries, want %d", n, knownN)
	}
}

// TestImportWaitsForTheWriteLock: an import waits while another holds the
// write lock, starts once it is free, and gives up at once when its
// context ends instead of waiting out the busy timeout.
func TestImportWaitsForTheWriteLock(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	holder, err := db.sql.BeginTx(ctx, nil) // BEGIN IMMEDIATE (see dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := holder.Exec(`INSERT INTO settings (key, value) VALUES ('lock', 'held')`); err != nil {
		t.Fatal(err)
	}

	cctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if tx, err := db.BeginImport(cctx, "a.csv", "test", "a"); err == nil {
		tx.Rollback()
		t.Fatal("an import began while another writer held the lock")
	} else if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("import given up: %v, want the context's error", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("giving up took %v", took)
	}

	released := make(chan struct{})
	go func() {
		time.Sleep(150 * time.Millisecond)
		holder.Rollback()
		close(released)
	}()
	im := importEntries(t, db, "b", earning("2026-08-03", "v1", "1.00", StatusEstimated))
	select {
	case <-released:
	default:
		t.Error("the import did not wait for the other writer")
	}
	if im.New != 1 {
		t.Errorf("import after the wait: %+v", im.Counts)
	}
}

// createUnshared makes a ledger as a first import does: an empty file,
// then CreateUnshared.
func createUnshared(t *testing.T, path string) *DB {
	t.Helper()
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := CreateUnshared(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestPageSize: a new ledger, shared or unshared, has 32 KiB pages; an
// existing one keeps its own, and Create writes nothing to it but its
// application id.
func TestPageSize(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	pragma := func(db *DB, name string) (v int64) {
		t.Helper()
		if err := db.sql.QueryRow(`PRAGMA ` + name).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	shared, err := Create(ctx, filepath.Join(dir, "shared.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	var mode string
	if err := shared.sql.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q (%v), want wal", mode, err)
	}
	u := createUnshared(t, filepath.Join(dir, "unshared.db"))
	for _, db := range []*DB{shared, u} {
		if got := pragma(db, "page_size"); got != 32768 {
			t.Errorf("%s: page size %d, want 32768", db.path, got)
		}
	}
	// A ledger with 4 KiB pages, as earlier versions made them.
	old := filepath.Join(dir, "old.db")
	o, err := sql.Open("sqlite", old+"?_pragma=journal_mode(wal)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Exec(`PRAGMA user_version = 7`); err != nil {
		t.Fatal(err)
	}
	o.Close()
	preIDLedger(t, old, 1<<30)
	db, err := Create(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if ps, uv := pragma(db, "page_size"), pragma(db, "user_version"); ps != 4096 || uv != 7 {
		t.Errorf("existing ledger: page size %d, user_version %d; want 4096 and 7, untouched", ps, uv)
	}
}

// TestUnsharedLedger builds a ledger the way a first import does: an import
// commits, a second one that updates it and writes many pages is rolled
// back, which the rollback journal must undo exactly, and Share leaves a
// ledger in write-ahead-log mode like any other.
func TestUnsharedLedger(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), ".ledger.db.new-1")
	db := createUnshared(t, path)
	db.Now = func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }
	var first []Entry
	for i := 0; i < 3000; i++ {
		first = append(first, earning("2026-08-03", fmt.Sprintf("v%d", i), "1.00", StatusEstimated))
	}
	importEntries(t, db, "a", first...)
	before := snap(t, db)
	// Nothing syncs while the ledger is unshared, the import's connection
	// included.
	var sync int
	if err := db.sql.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync); err != nil || sync != 0 {
		t.Errorf("synchronous = %d (%v), want 0 (off)", sync, err)
	}

	tx, err := db.BeginImport(ctx, "b.csv", "test", "b")
	if err != nil {
		t.Fatal(err)
	}
	if st, err := tx.c.Prepare(`PRAGMA synchronous`); err != nil {
		t.Fatal(err)
	} else {
		if _, err := st.Step(); err != nil || st.ColumnInt64(0) != 0 {
			t.Errorf("the import's synchronous = %d (%v), want 0 (off)", st.ColumnInt64(0), err)
		}
		st.Close()
	}
	for i := 0; i < 40000; i++ { // about 10 MB of pages: more than the page cache
		e := earning("2026-08-03", fmt.Sprintf("v%d", i), "2.00", StatusApproved)
		e.Description = strings.Repeat("x", 200)
		e.Line, e.Raw = i+2, fmt.Sprintf("row %d", i+2)
		if err := tx.Add(ctx, e, false); err != nil {
			t.Fatal(err)
		}
	}
	if rec, err := tx.DryRun(ctx); err != nil || rec.Counts != (Counts{Rows: 40000, New: 37000, Updated: 3000}) {
		t.Fatalf("dry run: %+v, %v", rec.Counts, err)
	}
	if after := snap(t, db); !reflect.DeepEqual(before, after) {
		t.Error("the rolled back import changed the ledger")
	}
	if err := db.Share(ctx); err != nil {
		t.Fatal(err)
	}
	var mode, check string
	if err := db.sql.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode after Share: %q, %v", mode, err)
	}
	if err := db.sql.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity check: %q, %v", check, err)
	}

	// Only a new, empty file can be built this way.
	if _, err := CreateUnshared(ctx, path); err == nil {
		t.Error("CreateUnshared accepted a file that holds a ledger")
	}
}

// TestKeyVersions: the key table's versions settle unchanged entries, an
// undo makes the versions it puts back unknown, and an unknown version (as
// after migration 0003) is learnt from the entry itself.
func TestKeyVersions(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	importEntries(t, db, "a", earning("2026-08-03", "v1", "1.00", StatusEstimated), earning("2026-08-04", "v2", "2.00", StatusEstimated))
	later := []Entry{earning("2026-08-03", "v1", "5.00", StatusApproved), earning("2026-08-04", "v2", "2.00", StatusEstimated)}
	if im := importEntries(t, db, "b", later...); im.Counts != (Counts{Rows: 2, Duplicates: 1, Updated: 1}) {
		t.Fatalf("import b: %+v", im.Counts)
	}
	if _, err := db.UndoImport(ctx, 2); err != nil {
		t.Fatal(err)
	}
	// v1 is back at 1.00, while the key table saw 5.00 last.
	if im := importEntries(t, db, "c", later...); im.Counts != (Counts{Rows: 2, Duplicates: 1, Updated: 1}) {
		t.Errorf("import c after undoing b: %+v, want v1 updated again", im.Counts)
	}
	snap(t, db)
	if _, err := db.sql.ExecContext(ctx, `UPDATE entry_keys SET version = NULL`); err != nil {
		t.Fatal(err)
	}
	if im := importEntries(t, db, "d", later...); im.Counts != (Counts{Rows: 2, Duplicates: 2}) {
		t.Errorf("import d with unknown versions: %+v", im.Counts)
	}
	var unknown int
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM entry_keys WHERE version IS NULL`).Scan(&unknown); err != nil || unknown != 0 {
		t.Errorf("%d versions still unknown (%v)", unknown, err)
	}
	snap(t, db)
	changed := []Entry{earning("2026-08-03", "v1", "5.00", StatusPaid), earning("2026-08-04", "v2", "2.00", StatusEstimated)}
	if im := importEntries(t, db, "e", changed...); im.Counts != (Counts{Rows: 2, Duplicates: 1, Updated: 1}) {
		t.Errorf("import e: %+v", im.Counts)
	}
	snap(t, db)
}

// TestBulkImportKeys: the first import into an empty ledger writes its keys
// in key order (keySorter), as a block a day and key rows. Dates out of
// order and a day with more rows than one run or block holds must still
// give every entry its key, so that the same rows imported again are all
// duplicates.
func TestBulkImportKeys(t *testing.T) {
	db := newTestDB(t)
	var es []Entry
	for i := 0; i < 3*streamRows; i++ {
		day := date("2026-01-01").AddDate(0, 0, (i*7)%150).Format(DateLayout) // more days than one totals INSERT
		if i >= streamRows {
			day = "2026-09-01" // two runs' worth on one day
		}
		es = append(es, earning(day, fmt.Sprintf("v%d", i), "1.00", StatusEstimated))
	}
	if im := importEntries(t, db, "a", es...); im.Counts != (Counts{Rows: len(es), New: len(es)}) {
		t.Fatalf("first import: %+v", im.Counts)
	}
	snap(t, db) // checks the key table against the entries
	if im := importEntries(t, db, "b", es...); im.Counts != (Counts{Rows: len(es), Duplicates: len(es)}) {
		t.Errorf("same rows again: %+v", im.Counts)
	}
}

// TestClassesAndTotals: entries of many classes, days and statuses, with
// bank payouts whose class follows the counterparty, keep daily totals
// that match them through a bulk import (whose totals are written in
// several passes, some to groups written before), a second import that
// adds, updates and changes statuses, and the undo of it.
func TestClassesAndTotals(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	statuses := []Status{StatusEstimated, StatusApproved, StatusPaid}
	var es []Entry
	for i := 0; i < 3000; i++ {
		// 900 days, visited three times.
		e := earning(date("2024-01-01").AddDate(0, 0, (i*7)%900).Format(DateLayout), fmt.Sprintf("v%d", i), "1.25", statuses[i%3])
		switch i % 5 {
		case 1:
			e.Platform, e.Currency = "youtube", "EUR"
		case 2, 3:
			e.Platform, e.Program, e.Kind, e.Counterparty = "ing", "statement", KindPayout, []string{"TikTok Pte Ltd", "Google Ireland"}[i%2]
		}
		es = append(es, e)
	}
	if im := importEntries(t, db, "a", es...); im.New != len(es) {
		t.Fatalf("first import: %+v", im.Counts)
	}
	snap(t, db)
	for _, acct := range []string{"assets:transit:tiktok-pte-ltd", "assets:transit:google-ireland"} {
		bal, err := db.Balance(ctx, acct, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if bal["USD"] != -600*1_250_000 { // 600 payouts of 1.25 from each
			t.Errorf("%s: %v, want -750 USD", acct, bal)
		}
	}
	// Again, with every third entry paid now and 100 new ones.
	for i := range es {
		if i%3 == 0 {
			es[i].Status = StatusPaid
		}
	}
	for i := 0; i < 100; i++ {
		e := earning("2026-10-01", fmt.Sprintf("n%d", i), "2.00", StatusPending)
		e.Platform, e.Program, e.Kind, e.Counterparty = "ing", "statement", KindPayout, fmt.Sprintf("Brand %d", i%4)
		es = append(es, e)
	}
	im := importEntries(t, db, "b", es...)
	if im.New != 100 || im.Updated != 1000 {
		t.Errorf("second import: %+v", im.Counts)
	}
	snap(t, db)
	if _, err := db.UndoImport(ctx, im.ID); err != nil {
		t.Fatal(err)
	}
	snap(t, db)
	var groups int
	if err := db.sql.QueryRow(`SELECT count(*) FROM daily_totals_view WHERE day >= 20261001`).Scan(&groups); err != nil || groups != 0 {
		t.Errorf("after the undo, %d groups (%v) of the undone import are left", groups, err)
	}
}

// TestImportDigestLater: an import can compute its file's digest itself
// (BeginImportFile). A digest the ledger has stops the import with nothing
// written, a new one is recorded, and a file that cannot be read fails the
// import.
func TestImportDigestLater(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	run := func(r io.ReaderAt, size int64, rows int) (Import, error) {
		tx, err := db.BeginImportFile(ctx, "x.csv", "test", r, size)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		for i := 0; i < rows; i++ {
			e := earning("2026-08-04", fmt.Sprintf("n%d", i), "2.00", StatusEstimated)
			e.Line, e.Raw = i+2, fmt.Sprintf("row %d", i+2)
			if err := tx.Add(ctx, e, false); err != nil {
				return Import{}, err
			}
		}
		return tx.Commit(ctx)
	}
	content := strings.Repeat("a line of the file\n", 50000) // several digest steps
	sum := sha256.Sum256([]byte(content))
	im, err := run(strings.NewReader(content), int64(len(content)), 3*batchSize)
	if err != nil || im.SHA256 != hex.EncodeToString(sum[:]) || im.New != 3*batchSize {
		t.Fatalf("first import: %+v, %v", im, err)
	}
	before := snap(t, db)
	for _, rows := range []int{0, 3 * batchSize, 200 * batchSize} {
		_, err := run(strings.NewReader(content), int64(len(content)), rows)
		var already *AlreadyImportedError
		if !errors.As(err, &already) || already.Prev.ID != im.ID || already.Prev.File != "x.csv" {
			t.Errorf("%d rows: the same file again gave %v", rows, err)
		}
		if _, err := run(strings.NewReader(content[:1000]), int64(len(content)), rows); err == nil || !strings.Contains(err.Error(), "read the file") {
			t.Errorf("%d rows: a file shorter than its size gave %v", rows, err)
		}
		if after := snap(t, db); !reflect.DeepEqual(before, after) {
			t.Fatalf("%d rows: a refused import changed the ledger", rows)
		}
	}
	other := content + "one more line\n"
	im2, err := run(strings.NewReader(other), int64(len(other)), 1)
	if err != nil || im2.Duplicates != 1 {
		t.Fatalf("another file: %+v, %v", im2, err)
	}
	if got, err := db.Import(ctx, im2.ID); err != nil || got.SHA256 != im2.SHA256 {
		t.Errorf("the import's digest was not recorded: %+v, %v", got, err)
	}
}

// TestReimportLookUps: entries the ledger has are found by reading their
// day's keys (lookUp), or by query for a day with more keys than that
// holds or a file whose days change too often. Every way must find the
// same entries: the rows again are all duplicates, and changed rows
// updates.
func TestReimportLookUps(t *testing.T) {
	defer func(n int) { maxDayKeys = n }(maxDayKeys)
	maxDayKeys = 300
	var es []Entry
	for i := 0; i < 6000; i++ {
		day := date("2026-01-01").AddDate(0, 0, i/200) // 30 days of 200
		if i >= 5000 {
			day = date("2026-03-01") // one day of 1000: more than maxDayKeys
		}
		es = append(es, earning(day.Format(DateLayout), fmt.Sprintf("v%d", i), "1.00", StatusEstimated))
	}
	shuffled := slices.Clone(es)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	changed := slices.Clone(shuffled)
	for i := 0; i < len(changed); i += 7 {
		changed[i].Status = StatusPaid
	}
	db := newTestDB(t)
	importEntries(t, db, "first", es...)
	for _, c := range []struct {
		name string
		es   []Entry
		want Counts
	}{
		{"in order", es, Counts{Rows: 6000, Duplicates: 6000}},
		{"shuffled", shuffled, Counts{Rows: 6000, Duplicates: 6000}},
		{"shuffled and changed", changed, Counts{Rows: 6000, Duplicates: 6000 - 858, Updated: 858}},
	} {
		if im := importEntries(t, db, c.name, c.es...); im.Counts != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, im.Counts, c.want)
		}
	}
	snap(t, db)
}

// TestSchemaSnapshot: a new ledger gets schema/ledger.sql in one step; it
// must be what running every migration builds, table by table, column by
// column, index by index, and record every migration as applied.
func TestSchemaSnapshot(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	snap, err := Create(ctx, filepath.Join(dir, "snapshot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()

	// The same ledger through the migrations, one by one, as an old
	// ledger is brought up to date.
	path := filepath.Join(dir, "migrated.db")
	sdb, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	migrated := &DB{sql: sdb, path: path, Now: time.Now}
	defer migrated.Close()
	if _, err := migrated.appliedMigrations(ctx); err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(schema.Migrations, "migrations/*.sql")
	if err != nil || len(names) == 0 {
		t.Fatal(names, err)
	}
	for i, n := range names {
		if err := migrated.migrateFile(ctx, i+1, n); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
	}

	want, got := describeSchema(t, migrated), describeSchema(t, snap)
	if len(got) < 10 {
		t.Fatalf("the description is too short to compare anything: %q", got)
	}
	for i := 0; i < max(len(want), len(got)); i++ {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			t.Errorf("schema/ledger.sql differs from the migrations:\n  migrations: %s\n  ledger.sql: %s", w, g)
			break
		}
	}
	for _, db := range []*DB{migrated, snap} {
		applied, err := db.appliedMigrations(ctx)
		if err != nil || len(applied) != len(names) {
			t.Errorf("%s: applied migrations %v (%v), want %d", db.path, applied, err, len(names))
		}
	}
}

// describeSchema lists what a ledger's schema is made of: every table's
// kind, columns, indexes and foreign keys, and every view's query, in a
// stable order and form.
func describeSchema(t *testing.T, db *DB) []string {
	t.Helper()
	var out []string
	query := func(q string, args ...any) [][]string {
		t.Helper()
		rows, err := db.sql.Query(q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var all [][]string
		for rows.Next() {
			vs := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vs {
				ptrs[i] = &vs[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			r := make([]string, len(cols))
			for i, v := range vs {
				r[i] = fmt.Sprintf("%s=%q", cols[i], v.String)
				if !v.Valid {
					r[i] = cols[i] + "=NULL"
				}
			}
			all = append(all, r)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return all
	}
	for _, o := range query(`SELECT type, name, tbl_name, sql FROM sqlite_schema
		WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`) {
		typ, name := strings.Trim(strings.TrimPrefix(o[0], "type="), `"`), strings.Trim(strings.TrimPrefix(o[1], "name="), `"`)
		switch typ {
		case "view":
			q, err := strconv.Unquote(strings.TrimPrefix(o[3], "sql="))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, "view "+name+": "+strings.Join(strings.Fields(q), " "))
		case "index":
			out = append(out, "index "+name+" on "+o[2])
		case "table":
			for _, r := range query(`SELECT type, ncol, wr, strict FROM pragma_table_list WHERE name = ?`, name) {
				out = append(out, "table "+name+": "+strings.Join(r, " "))
			}
			for _, r := range query(`SELECT * FROM pragma_table_xinfo(?)`, name) {
				out = append(out, "  column "+strings.Join(r, " "))
			}
			for _, r := range query(`SELECT name, "unique", origin, partial FROM pragma_index_list(?) ORDER BY origin, name`, name) {
				idx := strings.Trim(strings.TrimPrefix(r[0], "name="), `"`)
				if strings.HasPrefix(idx, "sqlite_autoindex_") { // named after the table it was built as
					r[0] = "name=(automatic)"
				}
				out = append(out, "  index "+strings.Join(r, " "))
				for _, c := range query(`SELECT * FROM pragma_index_xinfo(?)`, idx) {
					out = append(out, "    "+strings.Join(c, " "))
				}
			}
			for _, r := range query(`SELECT * FROM pragma_foreign_key_list(?)`, name) {
				out = append(out, "  foreign key "+strings.Join(r, " "))
			}
		}
	}
	return out
}

// TestGroups: an import counts its rows per platform, program and kind
// (the dry run's table), whether the ledger had entries (a bulk import
// counts by class first) or not.
func TestGroups(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	var es []Entry
	for i := 0; i < 300; i++ {
		e := earning(date("2026-01-01").AddDate(0, 0, i%40).Format(DateLayout), fmt.Sprintf("v%d", i), "1.00", StatusEstimated)
		switch i % 3 {
		case 1:
			e.Currency = "EUR" // another class of the same group
		case 2:
			e.Platform, e.Program = "youtube", "adsense"
		}
		es = append(es, e)
	}
	groups := func(es []Entry) string {
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
	e := earning("2026-01-05", "v1", "1.00", StatusEstimated)
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
