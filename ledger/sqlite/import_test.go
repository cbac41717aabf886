package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// TestBatches crosses batch and multi-row INSERT boundaries: identical rows
// far apart in the file, updates and duplicates mixed with new entries.
func TestBatches(t *testing.T) {
	db := newTestDB(t)
	var first, second []ledger.Entry
	for i := 0; i < 1000; i++ {
		e := earning("2026-01-01", fmt.Sprintf("v%d", i), fmt.Sprintf("%d.%02d", i, i%100), ledger.StatusEstimated)
		e.Date = e.Date.AddDate(0, 0, i/10)
		if i%250 == 7 {
			e.ExternalID = "" // rows without an id, identical to each other
			e.Date = date("2026-01-01")
			e.Amount = decimal.RequireFromString("1.00")
		}
		first = append(first, e)
		if i%3 == 0 {
			e.Status = ledger.StatusApproved // every third is finalised later
		}
		second = append(second, e)
	}
	second = append(second, earning("2027-01-01", "new", "5", ledger.StatusPending))
	im := importEntries(t, db, "a", first...)
	if im.Counts != (ledger.Counts{Rows: 1000, New: 1000}) {
		t.Fatalf("first import %+v", im.Counts)
	}
	im = importEntries(t, db, "b", second...)
	// Every third of 1000 (334) changes status; the 4 identical rows keep
	// theirs unless their index is a multiple of 3 (7, 257, 507, 757: 507).
	if im.Counts != (ledger.Counts{Rows: 1001, New: 1, Duplicates: 666, Updated: 334}) {
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
	entry := func(i int, status ledger.Status) ledger.Entry {
		e := earning("2026-03-01", fmt.Sprintf("v%d", i), fmt.Sprintf("%d.25", i), status)
		e.Date = e.Date.AddDate(0, 0, i/40)
		return e
	}
	var first, second []ledger.Entry
	for i := 0; i < 3000; i++ {
		// 0-599: new in the second import; 600-1199: known; then
		// alternating known and new; every 5th known one is finalised.
		known := (i >= 600 && i < 1200) || (i >= 1200 && i%2 == 0)
		if known {
			first = append(first, entry(i, ledger.StatusEstimated))
		}
		status := ledger.StatusEstimated
		if known && i%5 == 0 {
			status = ledger.StatusApproved
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
	want := ledger.Counts{Rows: 3000, New: 3000 - knownN, Duplicates: knownN - updated, Updated: updated}
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
	im := importEntries(t, db, "b", earning("2026-08-03", "v1", "1.00", ledger.StatusEstimated))
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
	var first []ledger.Entry
	for i := 0; i < 3000; i++ {
		first = append(first, earning("2026-08-03", fmt.Sprintf("v%d", i), "1.00", ledger.StatusEstimated))
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
		e := earning("2026-08-03", fmt.Sprintf("v%d", i), "2.00", ledger.StatusApproved)
		e.Description = strings.Repeat("x", 200)
		e.Line, e.Raw = i+2, fmt.Sprintf("row %d", i+2)
		if err := tx.Add(ctx, e, false); err != nil {
			t.Fatal(err)
		}
	}
	if rec, err := tx.DryRun(ctx); err != nil || rec.Counts != (ledger.Counts{Rows: 40000, New: 37000, Updated: 3000}) {
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
	importEntries(t, db, "a", earning("2026-08-03", "v1", "1.00", ledger.StatusEstimated), earning("2026-08-04", "v2", "2.00", ledger.StatusEstimated))
	later := []ledger.Entry{earning("2026-08-03", "v1", "5.00", ledger.StatusApproved), earning("2026-08-04", "v2", "2.00", ledger.StatusEstimated)}
	if im := importEntries(t, db, "b", later...); im.Counts != (ledger.Counts{Rows: 2, Duplicates: 1, Updated: 1}) {
		t.Fatalf("import b: %+v", im.Counts)
	}
	if _, err := db.UndoImport(ctx, 2); err != nil {
		t.Fatal(err)
	}
	// v1 is back at 1.00, while the key table saw 5.00 last.
	if im := importEntries(t, db, "c", later...); im.Counts != (ledger.Counts{Rows: 2, Duplicates: 1, Updated: 1}) {
		t.Errorf("import c after undoing b: %+v, want v1 updated again", im.Counts)
	}
	snap(t, db)
	if _, err := db.sql.ExecContext(ctx, `UPDATE entry_keys SET version = NULL`); err != nil {
		t.Fatal(err)
	}
	if im := importEntries(t, db, "d", later...); im.Counts != (ledger.Counts{Rows: 2, Duplicates: 2}) {
		t.Errorf("import d with unknown versions: %+v", im.Counts)
	}
	var unknown int
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM entry_keys WHERE version IS NULL`).Scan(&unknown); err != nil || unknown != 0 {
		t.Errorf("%d versions still unknown (%v)", unknown, err)
	}
	snap(t, db)
	changed := []ledger.Entry{earning("2026-08-03", "v1", "5.00", ledger.StatusPaid), earning("2026-08-04", "v2", "2.00", ledger.StatusEstimated)}
	if im := importEntries(t, db, "e", changed...); im.Counts != (ledger.Counts{Rows: 2, Duplicates: 1, Updated: 1}) {
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
	var es []ledger.Entry
	for i := 0; i < 3*streamRows; i++ {
		day := date("2026-01-01").AddDate(0, 0, (i*7)%150).Format(ledger.DateLayout) // more days than one totals INSERT
		if i >= streamRows {
			day = "2026-09-01" // two runs' worth on one day
		}
		es = append(es, earning(day, fmt.Sprintf("v%d", i), "1.00", ledger.StatusEstimated))
	}
	if im := importEntries(t, db, "a", es...); im.Counts != (ledger.Counts{Rows: len(es), New: len(es)}) {
		t.Fatalf("first import: %+v", im.Counts)
	}
	snap(t, db) // checks the key table against the entries
	if im := importEntries(t, db, "b", es...); im.Counts != (ledger.Counts{Rows: len(es), Duplicates: len(es)}) {
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
	statuses := []ledger.Status{ledger.StatusEstimated, ledger.StatusApproved, ledger.StatusPaid}
	var es []ledger.Entry
	for i := 0; i < 3000; i++ {
		// 900 days, visited three times.
		e := earning(date("2024-01-01").AddDate(0, 0, (i*7)%900).Format(ledger.DateLayout), fmt.Sprintf("v%d", i), "1.25", statuses[i%3])
		switch i % 5 {
		case 1:
			e.Platform, e.Currency = "youtube", "EUR"
		case 2, 3:
			e.Platform, e.Program, e.Kind, e.Counterparty = "ing", "statement", ledger.KindPayout, []string{"TikTok Pte Ltd", "Google Ireland"}[i%2]
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
			es[i].Status = ledger.StatusPaid
		}
	}
	for i := 0; i < 100; i++ {
		e := earning("2026-10-01", fmt.Sprintf("n%d", i), "2.00", ledger.StatusPending)
		e.Platform, e.Program, e.Kind, e.Counterparty = "ing", "statement", ledger.KindPayout, fmt.Sprintf("Brand %d", i%4)
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
	run := func(r io.ReaderAt, size int64, rows int) (ledger.Import, error) {
		tx, err := db.BeginImportFile(ctx, "x.csv", "test", r, size)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		for i := 0; i < rows; i++ {
			e := earning("2026-08-04", fmt.Sprintf("n%d", i), "2.00", ledger.StatusEstimated)
			e.Line, e.Raw = i+2, fmt.Sprintf("row %d", i+2)
			if err := tx.Add(ctx, e, false); err != nil {
				return ledger.Import{}, err
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
		var already *ledger.AlreadyImportedError
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
	var es []ledger.Entry
	for i := 0; i < 6000; i++ {
		day := date("2026-01-01").AddDate(0, 0, i/200) // 30 days of 200
		if i >= 5000 {
			day = date("2026-03-01") // one day of 1000: more than maxDayKeys
		}
		es = append(es, earning(day.Format(ledger.DateLayout), fmt.Sprintf("v%d", i), "1.00", ledger.StatusEstimated))
	}
	shuffled := slices.Clone(es)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	changed := slices.Clone(shuffled)
	for i := 0; i < len(changed); i += 7 {
		changed[i].Status = ledger.StatusPaid
	}
	db := newTestDB(t)
	importEntries(t, db, "first", es...)
	for _, c := range []struct {
		name string
		es   []ledger.Entry
		want ledger.Counts
	}{
		{"in order", es, ledger.Counts{Rows: 6000, Duplicates: 6000}},
		{"shuffled", shuffled, ledger.Counts{Rows: 6000, Duplicates: 6000}},
		{"shuffled and changed", changed, ledger.Counts{Rows: 6000, Duplicates: 6000 - 858, Updated: 858}},
	} {
		if im := importEntries(t, db, c.name, c.es...); im.Counts != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, im.Counts, c.want)
		}
	}
	snap(t, db)
}
