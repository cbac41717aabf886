package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/schema"
	"github.com/klauspost/compress/s2"
	"github.com/shopspring/decimal"
)

// TestFileRowsKept imports rows that need escaping, rows that yield two
// entries and enough rows to fill several runs, updates some of them, and
// reads every entry's row back.
func TestFileRowsKept(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	rowOf := func(i int, version string) string {
		switch i % 5 {
		case 0:
			return fmt.Sprintf("%d,\"multi\nline\r\ncell\",%s", i, version)
		case 1:
			return fmt.Sprintf(`%d,C:\exports\tiktok\n.csv,\\,%s`, i, version)
		case 2:
			return fmt.Sprintf("%d\twith\ttabs\t%s", i, version)
		}
		return fmt.Sprintf("%d,%s,%s", i, strings.Repeat("x", i%300), version)
	}
	const n = 3000 // about 4 runs
	add := func(sha, version string, from, to int) ledger.Import {
		tx, err := db.BeginImport(ctx, sha+".csv", "test", sha)
		if err != nil {
			t.Fatal(err)
		}
		for i := from; i < to; i++ {
			e := earning("2026-08-03", fmt.Sprint("v", i), "1.00", ledger.StatusEstimated)
			if version == "final" {
				e.Status = ledger.StatusApproved
			}
			e.Line, e.Raw = i+2, rowOf(i, version)
			if err := tx.Add(ctx, e, false); err != nil {
				t.Fatal(err)
			}
			if i%7 == 0 { // a second entry from the same row, as a fee
				fee := e
				fee.Kind, fee.Amount = ledger.KindFee, decimal.RequireFromString("-0.10")
				if err := tx.Add(ctx, fee, false); err != nil {
					t.Fatal(err)
				}
			}
		}
		im, err := tx.Commit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return im
	}
	first := add("a", "estimate", 0, n)
	second := add("b", "final", n/2, n) // the second half is finalised
	if second.Updated == 0 || second.New != 0 {
		t.Fatalf("second import %+v", second.Counts)
	}
	var runs, packed int
	if err := db.sql.QueryRow(`SELECT count(*), count(*) FILTER (WHERE typeof(data) = 'blob') FROM import_rows WHERE import_id = ?`,
		first.ID).Scan(&runs, &packed); err != nil || runs < 3 || packed != runs {
		t.Fatalf("first import kept %d runs, %d compressed (%v), want several, all compressed", runs, packed, err)
	}
	seen := 0
	err := db.Entries(ctx, ledger.EntryFilter{WithRaw: true}, func(e *ledger.Entry) error {
		i := e.Line - 2
		want, wantImport := rowOf(i, "estimate"), first.ID
		if i >= n/2 {
			want, wantImport = rowOf(i, "final"), second.ID
		}
		if e.Raw != want || e.ImportID != wantImport {
			t.Errorf("entry %d: import %d row %q, want import %d row %q", e.ID, e.ImportID, e.Raw, wantImport, want)
		}
		seen++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := first.New; seen != want {
		t.Errorf("read %d entries, want %d", seen, want)
	}
	// Undoing the update brings back the estimates and their rows.
	if _, err := db.UndoImport(ctx, second.ID); err != nil {
		t.Fatal(err)
	}
	err = db.Entries(ctx, ledger.EntryFilter{WithRaw: true}, func(e *ledger.Entry) error {
		if want := rowOf(e.Line-2, "estimate"); e.Raw != want {
			t.Errorf("after undo, entry %d row %q, want %q", e.ID, e.Raw, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDecodeRun: a run reads the same as text (migration 0002) and
// compressed (imports), and a cut or malformed one is an error, not rows.
func TestDecodeRun(t *testing.T) {
	var r rowRun
	r.add(2, "a,1.00")
	r.add(3, "b,\"two\nlines\",C:\\x")
	r.add(5, "c\r\n")
	want := map[int]string{2: "a,1.00", 3: "b,\"two\nlines\",C:\\x", 5: "c\r\n"}
	r.pack()
	for _, stored := range []any{string(r.data), r.packed} {
		got := map[int]string{}
		if err := decodeRun(stored, got); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("decodeRun(%T) = %v, %v; want %v", stored, got, err, want)
		}
	}
	// (S2's block format has no checksum: as in a text run, a changed byte
	// changes a row.)
	for _, stored := range []any{r.packed[:len(r.packed)-3], []byte{0xff, 0xff, 0xff}, s2.Encode(nil, []byte("2\tno newline")), int64(7)} {
		if err := decodeRun(stored, map[int]string{}); err == nil {
			t.Errorf("decodeRun(%T %q) gave no error", stored, stored)
		}
	}
}

// firstSchemaLedger makes a ledger file as the first schema (migration
// 0001) left it, with the given statements run on it, and returns its path
// and page count.
func firstSchemaLedger(t *testing.T, statements ...string) (string, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	body, err := fs.ReadFile(schema.Migrations, "migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	statements = append([]string{string(body),
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`,
		`INSERT INTO schema_migrations VALUES (1, '0001_init.sql', '2026-11-22T10:00:00Z')`,
		`INSERT INTO accounts VALUES (1, 'assets:tiktok'), (2, 'income:tiktok:creator-rewards')`,
	}, statements...)
	statements = append(statements, `INSERT INTO daily_totals SELECT date, platform, program, kind, status, currency, SUM(amount),
		COALESCE(SUM(views), 0), COALESCE(SUM(qualified_views), 0), COUNT(*) FROM entries GROUP BY 1, 2, 3, 4, 5, 6`)
	for _, q := range statements {
		if _, err := old.Exec(q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	var pages int64
	if err := old.QueryRow(`SELECT page_count FROM pragma_page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	return path, pages
}

// TestMigrateCompactEntries builds a ledger as the first schema left it,
// with an update in history and rows that need escaping, and checks that
// migration 0002 keeps every entry, its file row, the import ranges and
// undo.
func TestMigrateCompactEntries(t *testing.T) {
	ctx := context.Background()
	path, _ := firstSchemaLedger(t,
		`INSERT INTO imports VALUES (1, 'a.csv', 'native', 'sha-a', '2026-11-22T10:00:00Z', 3, 3, 0, 0, 0),
			(2, 'b.csv', 'native', 'sha-b', '2026-11-22T11:00:00Z', 2, 1, 0, 1, 0),
			(3, 'c.csv', 'native', 'sha-c', '2026-11-22T12:00:00Z', 1, 0, 1, 0, 0)`,
		`INSERT INTO entries VALUES
			(1, x'01', '2026-08-01', 'tiktok', 'creator-rewards', 'earning', 1000000, 'USD', 1, 2, 'v1', 10, NULL, 'estimated', '', 'a', 1, 1, 2, 'v1,"two' || char(10) || 'lines",1.00'),
			(2, x'02', '2026-08-02', 'tiktok', 'creator-rewards', 'earning', 2500000, 'USD', 1, 2, 'v2', NULL, NULL, 'approved', '', 'b', 1, 2, 3, 'v2,C:\path\n,2.50'),
			(3, x'03', '2026-08-03', 'tiktok', 'creator-rewards', 'earning', 3000000, 'USD', 1, 2, 'v3', NULL, NULL, 'estimated', '', 'c', 1, 1, 4, 'v3,3.00'),
			(4, x'04', '2026-08-04', 'tiktok', 'creator-rewards', 'earning', 4000000, 'USD', 1, 2, 'v4', NULL, NULL, 'estimated', '', 'd', 2, 2, 5, 'v4,4.00')`,
		`INSERT INTO entry_history VALUES (1, 2, 2, 2000000, NULL, NULL, 'estimated', '', 'b', 1, 3, 'v2,2.00')`)

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows := map[int64]string{}
	err = db.Entries(ctx, ledger.EntryFilter{WithRaw: true}, func(e *ledger.Entry) error {
		rows[e.ID] = e.Raw
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{1: "v1,\"two\nlines\",1.00", 2: `v2,C:\path\n,2.50`, 3: "v3,3.00", 4: "v4,4.00"}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows after migration %#v, want %#v", rows, want)
	}
	ims, err := db.Imports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ranges [][2]int64
	for _, im := range ims {
		ranges = append(ranges, [2]int64{im.FirstEntry, im.LastEntry})
	}
	if want := [][2]int64{{1, 3}, {4, 4}, {1, 0}}; !reflect.DeepEqual(ranges, want) {
		t.Errorf("import ranges %v, want %v", ranges, want)
	}
	if err := db.CheckTotals(ctx); err != nil {
		t.Fatal(err)
	}
	// The report reads the migrated totals (one row a day since 0005).
	inc, err := db.Income(ctx, ledger.IncomeQuery{By: ledger.ByMonth})
	if err != nil || len(inc) != 1 || inc[0].Period != "2026-08" || !inc[0].Amount.Equal(decimal.RequireFromString("10.5")) {
		t.Errorf("income after migration: %+v, %v; want 2026-08 10.5", inc, err)
	}
	// Undo of import 2 removes entry 4 and puts entry 2's estimate back,
	// with the row it came from.
	if _, err := db.UndoImport(ctx, 2); err != nil {
		t.Fatal(err)
	}
	rows = map[int64]string{}
	var amount2 decimal.Decimal
	err = db.Entries(ctx, ledger.EntryFilter{WithRaw: true}, func(e *ledger.Entry) error {
		rows[e.ID] = e.Raw
		if e.ID == 2 {
			amount2 = e.Amount
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want = map[int64]string{1: "v1,\"two\nlines\",1.00", 2: "v2,2.00", 3: "v3,3.00"}
	if !reflect.DeepEqual(rows, want) || !amount2.Equal(decimal.RequireFromString("2")) {
		t.Errorf("after undo: rows %#v, entry 2 amount %s", rows, amount2)
	}
	if err := db.CheckTotals(ctx); err != nil {
		t.Fatal(err)
	}
	// A new import takes the ids after the last entry.
	im := importEntries(t, db, "d", earning("2026-08-05", "v5", "5.00", ledger.StatusEstimated))
	if im.FirstEntry != 4 || im.LastEntry != 4 {
		t.Errorf("new import has entries %d..%d, want 4..4", im.FirstEntry, im.LastEntry)
	}
}

// TestMigrationReclaimsSpace: migrating a ledger whose rebuilt tables
// leave many free pages gives the space back, and keeps every row.
func TestMigrationReclaimsSpace(t *testing.T) {
	ctx := context.Background()
	const n = 4000
	path, before := firstSchemaLedger(t,
		`INSERT INTO imports VALUES (1, 'a.csv', 'native', 'sha-a', '2026-11-22T10:00:00Z', 4000, 4000, 0, 0, 0)`,
		`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 4000)
		 INSERT INTO entries SELECT i, randomblob(16), '2026-08-01', 'tiktok', 'creator-rewards', 'earning', i, 'USD', 1, 2,
			'v' || i, NULL, NULL, 'approved', '', 'd', 1, 1, i + 1, 'v' || i || ',' || printf('%.300c', 'x') FROM k`)

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var free, pages int64
	if err := db.sql.QueryRow(`SELECT (SELECT freelist_count FROM pragma_freelist_count), (SELECT page_count FROM pragma_page_count)`).Scan(&free, &pages); err != nil {
		t.Fatal(err)
	}
	if free != 0 || pages > before {
		t.Errorf("after migrating: %d free of %d pages (%d before)", free, pages, before)
	}
	seen := 0
	err = db.Entries(ctx, ledger.EntryFilter{WithRaw: true}, func(e *ledger.Entry) error {
		if want := fmt.Sprintf("v%d,%s", e.ID, strings.Repeat("x", 300)); e.Raw != want {
			t.Fatalf("entry %d row %.20q…", e.ID, e.Raw)
		}
		seen++
		return nil
	})
	if err != nil || seen != n {
		t.Errorf("%d entries (%v), want %d", seen, err, n)
	}
	if err := db.CheckTotals(ctx); err != nil {
		t.Error(err)
	}
}

// FuzzDecodeRun: whatever a run holds, text or blob, reading it gives rows
// or an error, never a panic; a run the import wrote reads back as written.
func FuzzDecodeRun(f *testing.F) {
	f.Add([]byte("2\ta,1.00\n3\tb\\nc\n"), "2\ta,1.00\n")
	f.Add([]byte{0x10, 0x00}, "x")
	f.Fuzz(func(t *testing.T, blob []byte, text string) {
		decodeRun(blob, map[int]string{})
		decodeRun(text, map[int]string{})
		var r rowRun
		r.add(7, text)
		r.pack()
		got := map[int]string{}
		if err := decodeRun(r.packed, got); err != nil || got[7] != text {
			t.Errorf("row %q came back as %q (%v)", text, got[7], err)
		}
	})
}
