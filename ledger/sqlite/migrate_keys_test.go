package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/schema"
)

// oldIdentity is an entry's identity as versions before schema 10 computed
// it: without an external id, the amount was part of it.
func oldIdentity(e *ledger.Entry) []byte {
	if e.ExternalID != "" {
		return e.AppendIdentity(nil)
	}
	micro, _ := ledger.ToMicro(e.Amount)
	b := ledger.AppendDay(nil, ledger.DayNumber(e.Date))
	for _, s := range [...]string{e.Platform, e.Program, string(e.Kind), e.Currency} {
		b = append(b, 0x1f)
		b = append(b, s...)
	}
	b = append(b, "\x1fno-id\x1f"...)
	b = strconv.AppendInt(b, micro, 10)
	b = append(b, 0x1f)
	b = ledger.AppendNormalised(b, e.Counterparty)
	b = append(b, 0x1f)
	return ledger.AppendNormalised(b, e.Description)
}

// oldLedger is a ledger at the schema of the last release before 0010
// (every migration before 0009), into which files are imported as that
// release did: keys of the old identity, a first import's keys in blocks,
// later ones in entry_keys, versions learnt there, updates with history.
type oldLedger struct {
	t    *testing.T
	path string
	sdb  *sql.DB
	imp  int64
	next int64 // the next entry id
}

func newOldLedger(t *testing.T) *oldLedger {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v8.db")
	sdb, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sdb.Close() })
	old := &DB{sql: sdb, path: path, Now: time.Now}
	if _, err := old.appliedMigrations(ctx); err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(schema.Migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		if err != nil {
			t.Fatal(err)
		}
		if v >= 9 {
			continue
		}
		if err := old.migrateFile(ctx, v, name); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n++
	}
	if n != 8 {
		t.Fatalf("%d migrations before 0009, want 8", n)
	}
	return &oldLedger{t: t, path: path, sdb: sdb, next: 1}
}

func (l *oldLedger) exec(q string, args ...any) sql.Result {
	l.t.Helper()
	r, err := l.sdb.Exec(q, args...)
	if err != nil {
		l.t.Fatalf("%s: %v", q, err)
	}
	return r
}

func (l *oldLedger) id(q string, args ...any) int64 {
	l.t.Helper()
	var id int64
	if err := l.sdb.QueryRow(q, args...).Scan(&id); err != nil {
		l.t.Fatalf("%s: %v", q, err)
	}
	return id
}

// class returns the id of e's class, adding it (and its accounts).
func (l *oldLedger) class(e *ledger.Entry) int64 {
	acct := func(name string) int64 {
		l.exec(`INSERT OR IGNORE INTO accounts (name) VALUES (?)`, name)
		return l.id(`SELECT id FROM accounts WHERE name = ?`, name)
	}
	a, c := acct(e.SourceAccount()), acct(e.ContraAccount())
	l.exec(`INSERT OR IGNORE INTO entry_classes (platform, program, kind, currency, account_id, contra_id) VALUES (?, ?, ?, ?, ?, ?)`,
		e.Platform, e.Program, string(e.Kind), e.Currency, a, c)
	return l.id(`SELECT id FROM entry_classes WHERE platform = ? AND program = ? AND kind = ? AND currency = ? AND account_id = ? AND contra_id = ?`,
		e.Platform, e.Program, string(e.Kind), e.Currency, a, c)
}

// find looks a key up as an import did: entry_keys, then the day's blocks.
func (l *oldLedger) find(k ledger.Key) (knownKey, bool) {
	l.t.Helper()
	var known knownKey
	var version sql.NullInt64
	err := l.sdb.QueryRow(`SELECT entry_id, version FROM entry_keys WHERE dedupe_key = ?`, k[:]).Scan(&known.id, &version)
	if err == nil {
		known.version, known.hasOne = version.Int64, version.Valid
		return known, true
	}
	if !errors.Is(err, sql.ErrNoRows) {
		l.t.Fatal(err)
	}
	rows, err := l.sdb.Query(`SELECT keys FROM key_blocks WHERE day = ?`, keyPrefixDay([4]byte(k[:4])))
	if err != nil {
		l.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			l.t.Fatal(err)
		}
		if known, ok := searchBlock(b, &k); ok {
			return known, true
		}
	}
	return knownKey{}, false
}

// importFile imports rows as one file the way the old release did and
// returns its counts; the first import into the ledger writes blocks.
func (l *oldLedger) importFile(file string, rows ...ledger.Entry) ledger.Counts {
	l.t.Helper()
	l.imp++
	imp, first := l.imp, l.next
	bulk := l.id(`SELECT COUNT(*) FROM entries`) == 0
	l.exec(`INSERT INTO imports (id, file, source, sha256, imported_at, rows, new, duplicates, updated, rounded, first_entry, last_entry)
		VALUES (?, ?, 'native', ?, '2026-10-01T10:00:00Z', 0, 0, 0, 0, 0, ?, ?)`, imp, file, "sha-"+file, first, first-1)
	var c ledger.Counts
	occ := map[string]int{}
	blocks := map[int64][]keyRow{}
	for i := range rows {
		e := &rows[i]
		line := i + 2
		c.Rows++
		id := oldIdentity(e)
		o := occ[string(id)]
		occ[string(id)]++
		k := ledger.KeyOf(e.Date, id, o)
		amount, err := ledger.ToMicro(e.Amount)
		if err != nil {
			l.t.Fatal(err)
		}
		version := ledger.VersionOf(amount, e.Views, e.QualifiedViews, e.Status, e.Counterparty, e.Description)
		views, qviews := sql.NullInt64{Int64: e.Views.N, Valid: e.Views.Valid}, sql.NullInt64{Int64: e.QualifiedViews.N, Valid: e.QualifiedViews.Valid}
		known, ok := l.find(k)
		if !ok {
			l.exec(`INSERT INTO entries (id, day, class_id, amount, external_id, views, qualified_views, status, counterparty,
				description, created_import, import_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				l.next, ledger.DayNumber(e.Date), l.class(e), amount, e.ExternalID, views, qviews, e.Status.Code(), e.Counterparty,
				e.Description, imp, imp, line)
			if bulk {
				day := ledger.DayNumber(e.Date)
				blocks[day] = append(blocks[day], keyRow{k, l.next, version})
			} else {
				l.exec(`INSERT INTO entry_keys (dedupe_key, entry_id, version) VALUES (?, ?, ?)`, k[:], l.next, version)
			}
			l.next++
			c.New++
			continue
		}
		var old struct {
			amount, status, importID, line int64
			views, qviews                  sql.NullInt64
			cp, desc                       string
		}
		if err := l.sdb.QueryRow(`SELECT amount, views, qualified_views, status, counterparty, description, import_id, line
			FROM entries WHERE id = ?`, known.id).Scan(&old.amount, &old.views, &old.qviews, &old.status, &old.cp, &old.desc,
			&old.importID, &old.line); err != nil {
			l.t.Fatal(err)
		}
		if ledger.VersionOf(old.amount, ledger.Count{N: old.views.Int64, Valid: old.views.Valid}, ledger.Count{N: old.qviews.Int64, Valid: old.qviews.Valid},
			ledger.StatusOf(old.status), old.cp, old.desc) == version {
			c.Duplicates++
			continue
		}
		l.exec(`INSERT INTO entry_history (entry_id, replaced_by, amount, views, qualified_views, status, counterparty,
			description, import_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			known.id, imp, old.amount, old.views, old.qviews, string(ledger.StatusOf(old.status)), old.cp, old.desc, old.importID, old.line)
		l.exec(`UPDATE entries SET amount = ?, views = ?, qualified_views = ?, status = ?, counterparty = ?, description = ?,
			import_id = ?, line = ? WHERE id = ?`, amount, views, qviews, e.Status.Code(), e.Counterparty, e.Description, imp, line, known.id)
		l.exec(`INSERT INTO entry_keys (dedupe_key, entry_id, version) VALUES (?, ?, ?)
			ON CONFLICT (dedupe_key) DO UPDATE SET version = excluded.version`, k[:], known.id, version)
		c.Updated++
	}
	for day, rs := range blocks {
		slices.SortFunc(rs, func(a, b keyRow) int { return compareKeys(&a.key, &b.key) })
		var b []byte
		for i := range rs {
			b = appendBlockRecord(b, &rs[i])
		}
		l.exec(`INSERT INTO key_blocks (day, import_id, keys) VALUES (?, ?, ?)`, day, imp, b)
	}
	l.exec(`UPDATE imports SET rows = ?, new = ?, duplicates = ?, updated = ?, last_entry = ? WHERE id = ?`,
		c.Rows, c.New, c.Duplicates, c.Updated, l.next-1, imp)
	// The daily totals, as migration 0007 computes them.
	l.exec(`DELETE FROM daily_totals`)
	l.exec(`INSERT INTO daily_totals (day, groups)
		SELECT day, json_group_array(json_array(class_id, status, amount, views, qualified_views, entries,
		                                        rpm_amount, rpm_views, rpm_entries) ORDER BY class_id, status)
		FROM (SELECT day, class_id, status, SUM(amount) AS amount, COALESCE(SUM(views), 0) AS views,
		             COALESCE(SUM(qualified_views), 0) AS qualified_views, COUNT(*) AS entries,
		             SUM(CASE WHEN COALESCE(qualified_views, views) IS NOT NULL THEN amount ELSE 0 END) AS rpm_amount,
		             COALESCE(SUM(COALESCE(qualified_views, views)), 0) AS rpm_views,
		             COUNT(COALESCE(qualified_views, views)) AS rpm_entries
		      FROM entries GROUP BY day, class_id, status)
		GROUP BY day ORDER BY day`)
	return c
}

// open closes the old ledger and opens it with this version, which
// migrates it.
func (l *oldLedger) open() *DB {
	l.t.Helper()
	l.sdb.Close()
	db, err := Open(context.Background(), l.path)
	if err != nil {
		l.t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }
	l.t.Cleanup(func() { db.Close() })
	return db
}

// totalMicro is the sum of every entry's amount.
func totalMicro(t *testing.T, db *DB) int64 {
	t.Helper()
	var sum int64
	if err := db.sql.QueryRow(`SELECT COALESCE(SUM(amount), 0) FROM entries`).Scan(&sum); err != nil {
		t.Fatal(err)
	}
	return sum
}

// checkMigratedKeys checks, beside checkKeys (CheckTotals), that each
// id-less entry has exactly the key of its new identity and its place in
// want (entry id: occurrence), in entry_keys with its version, and no
// record left in a block.
func checkMigratedKeys(t *testing.T, db *DB, want map[int64]int) {
	t.Helper()
	ctx := context.Background()
	if err := db.CheckTotals(ctx); err != nil {
		t.Fatal(err)
	}
	var got []int64
	err := db.Entries(ctx, ledger.EntryFilter{}, func(e *ledger.Entry) error {
		if e.ExternalID != "" {
			return nil
		}
		got = append(got, e.ID)
		occ, ok := want[e.ID]
		if !ok {
			t.Errorf("id-less entry %d is not expected", e.ID)
			return nil
		}
		k := ledger.KeyOf(e.Date, e.AppendIdentity(nil), occ)
		var id int64
		var version sql.NullInt64
		err := db.sql.QueryRow(`SELECT entry_id, version FROM entry_keys WHERE dedupe_key = ?`, k[:]).Scan(&id, &version)
		if err != nil || id != e.ID {
			t.Errorf("entry %d (%s %s): key of occurrence %d names entry %d (%v)", e.ID, e.Date.Format(ledger.DateLayout), e.Amount, occ, id, err)
			return nil
		}
		micro, _ := ledger.ToMicro(e.Amount)
		if v := ledger.VersionOf(micro, e.Views, e.QualifiedViews, e.Status, e.Counterparty, e.Description); !version.Valid || version.Int64 != v {
			t.Errorf("entry %d: version %v, want %d", e.ID, version, v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("id-less entries %v, want those of %v", got, want)
	}
	rows, err := db.sql.Query(`SELECT keys FROM key_blocks`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			t.Fatal(err)
		}
		for at := 0; at < len(b); at += blockRecord {
			var k ledger.Key
			copy(k[4:], b[at:])
			known, _ := searchBlock(b[at:at+blockRecord], &k)
			if _, ok := want[known.id]; ok {
				t.Errorf("a key block still has a record of id-less entry %d", known.id)
			}
		}
	}
}

// TestMigrateIdlessKeys: a ledger of the last release, whose id-less
// entries have keys with the amount in their identity, in key blocks and in
// entry_keys, gets the new keys by migration 0010; an export imported
// before is recognised again (nothing new), and the revision of issue 13
// is then an update.
func TestMigrateIdlessKeys(t *testing.T) {
	gift := idless("2026-09-05", "18.40", ledger.StatusApproved, "", "LIVE gifts")
	small := idless("2026-09-05", "3.00", ledger.StatusApproved, "", "LIVE gifts") // differs in amount only
	smallPaid := small
	smallPaid.Status = ledger.StatusPaid
	coat := idless("2026-09-12", "10.00", ledger.StatusPending, "Nordstrom", "Wool coat")
	coatApproved := coat
	coatApproved.Status = ledger.StatusApproved
	video := earning("2026-09-12", "v1", "5.00", ledger.StatusEstimated)
	videoFinal := earning("2026-09-12", "v1", "5.20", ledger.StatusApproved)
	scarf := idless("2026-09-20", "7.00", ledger.StatusPending, "Nordstrom", "Scarf")
	file1 := []ledger.Entry{gift, gift, coat, video, small}
	file2 := []ledger.Entry{gift, gift, smallPaid, coatApproved, scarf, videoFinal}

	old := newOldLedger(t)
	if c := old.importFile("sep-1-15.csv", file1...); c != (ledger.Counts{Rows: 5, New: 5}) {
		t.Fatalf("old import 1: %+v", c)
	}
	if c := old.importFile("sep-1-30.csv", file2...); c != (ledger.Counts{Rows: 6, New: 1, Duplicates: 2, Updated: 3}) {
		t.Fatalf("old import 2: %+v", c)
	}
	var blockRecords int
	if err := old.sdb.QueryRow(`SELECT COALESCE(SUM(length(keys)), 0) / ? FROM key_blocks`, blockRecord).Scan(&blockRecords); err != nil || blockRecords != 5 {
		t.Fatalf("%d block records (%v), want the 5 keys of the first import", blockRecords, err)
	}
	db := old.open()
	// Entries 1-5 from import 1, 6 (scarf) from import 2. The three gifts
	// of 2026-09-05 share an identity now: 1 and 2 (the identical rows)
	// and 5 (3.00, paid since), in the order they were added.
	checkMigratedKeys(t, db, map[int64]int{1: 0, 2: 1, 3: 0, 5: 2, 6: 0})
	// Entry 4 (with an id) keeps its block record, overridden by its
	// entry_keys row (the version import 2 learnt); the 09-05 block, all
	// id-less, is gone.
	var blocks int
	if err := db.sql.QueryRow(`SELECT COUNT(*), COALESCE(SUM(length(keys)), 0) / ? FROM key_blocks`, blockRecord).Scan(&blocks, &blockRecords); err != nil ||
		blocks != 1 || blockRecords != 1 {
		t.Errorf("%d blocks of %d records (%v), want 1 of 1", blocks, blockRecords, err)
	}
	before := totalMicro(t, db)

	// The later export again (another download of it): all known.
	if im := importEntries(t, db, "sep-1-30-again", file2...); im.Counts != (ledger.Counts{Rows: 6, Duplicates: 6}) {
		t.Errorf("the later export again: %+v, want 6 duplicates", im.Counts)
	}
	// The first one again: nothing new (its older versions are updates).
	if im := importEntries(t, db, "sep-1-15-again", file1...); im.New != 0 {
		t.Errorf("the first export again: %+v, want nothing new", im.Counts)
	}
	if im := importEntries(t, db, "sep-1-30-third", file2...); im.New != 0 || im.Updated != 3 {
		t.Errorf("the later export a third time: %+v, want the 3 entries back at its versions", im.Counts)
	}
	if got := totalMicro(t, db); got != before {
		t.Errorf("total %d after the imports again, want %d", got, before)
	}
	// Issue 13: the coat commission is now 12.50 approved.
	coat125 := idless("2026-09-12", "12.50", ledger.StatusApproved, "Nordstrom", "Wool coat")
	if im := importEntries(t, db, "oct", coat125); im.Counts != (ledger.Counts{Rows: 1, Updated: 1}) {
		t.Errorf("the revised commission: %+v, want 1 updated", im.Counts)
	}
	if got, want := totalMicro(t, db), before+2_500000; got != want {
		t.Errorf("total %d after the revision, want %d", got, want)
	}
	if err := db.CheckTotals(context.Background()); err != nil {
		t.Error(err)
	}
}

// TestMigrateIdlessKeysCountedTwice: a ledger in which the old release
// counted a revision twice (10.00 pending, then 12.50 approved: two
// entries of one identity now) keeps both entries, with keys of
// occurrences 0 and 1 in the order they were added; importing either file
// again adds nothing. Undoing the later import and importing its file again
// leaves the revision, once.
func TestMigrateIdlessKeysCountedTwice(t *testing.T) {
	ctx := context.Background()
	coat := idless("2026-09-12", "10.00", ledger.StatusPending, "Nordstrom", "Wool coat")
	coat125 := idless("2026-09-12", "12.50", ledger.StatusApproved, "Nordstrom", "Wool coat")
	other := earning("2026-09-12", "v1", "5.00", ledger.StatusEstimated)
	old := newOldLedger(t)
	old.importFile("other.csv", other) // the id-less entries' keys in entry_keys
	old.importFile("sep-1-15.csv", coat)
	if c := old.importFile("sep-1-30.csv", coat125); c != (ledger.Counts{Rows: 1, New: 1}) {
		t.Fatalf("old import of the revision: %+v, want 1 new (the defect)", c)
	}
	db := old.open()
	checkMigratedKeys(t, db, map[int64]int{2: 0, 3: 1})
	if got := totalMicro(t, db); got != 27_500000 {
		t.Fatalf("total %d, want the 27.50 the old release counted", got)
	}
	for _, f := range [][]ledger.Entry{{coat}, {coat125}} {
		if im := importEntries(t, db, "again-"+f[0].Amount.String(), f...); im.New != 0 {
			t.Errorf("%s again: %+v, want nothing new", f[0].Amount, im.Counts)
		}
	}
	imports, err := db.Imports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(imports) - 1; i >= 0 && imports[i].ID >= 3; i-- {
		if _, err := db.UndoImport(ctx, imports[i].ID); err != nil {
			t.Fatalf("undo import %d: %v", imports[i].ID, err)
		}
	}
	if im := importEntries(t, db, "sep-1-30-again", coat125); im.Counts != (ledger.Counts{Rows: 1, Updated: 1}) {
		t.Errorf("the later export after the undo: %+v, want 1 updated", im.Counts)
	}
	if got := totalMicro(t, db); got != 17_500000 {
		t.Errorf("total %d, want 17.50 (5.00 + 12.50)", got)
	}
	if err := db.CheckTotals(ctx); err != nil {
		t.Error(err)
	}
}
