package sqlite

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// keyTables counts the blocks, the keys in them and the rows of entry_keys.
func keyTables(t *testing.T, db *DB) (blocks, blockKeys, rows int) {
	t.Helper()
	err := db.sql.QueryRow(`SELECT (SELECT COUNT(*) FROM key_blocks), (SELECT COALESCE(SUM(length(keys)), 0) FROM key_blocks),
		(SELECT COUNT(*) FROM entry_keys)`).Scan(&blocks, &blockKeys, &rows)
	if err != nil {
		t.Fatal(err)
	}
	if blockKeys%blockRecord != 0 {
		t.Fatalf("blocks of %d bytes", blockKeys)
	}
	return blocks, blockKeys / blockRecord, rows
}

// TestKeyBlocks: a bulk import writes a day's keys as one block, and the
// keys beyond a block's size or of a day it comes back to as key rows;
// later imports find the keys in blocks, learn new versions in entry_keys
// (which overrides the block), forget them on undo, and an undo of the
// bulk import takes its blocks.
func TestKeyBlocks(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	var es []ledger.Entry
	add := func(day string, n int) {
		for i := 0; i < n; i++ {
			es = append(es, earning(day, fmt.Sprintf("v%d", len(es)), "1.00", ledger.StatusEstimated))
		}
	}
	add("2026-03-01", 10)
	add("2026-03-02", maxBlockKeys+5) // more than one block holds
	add("2026-03-03", 7)
	add("2026-03-01", 3) // back to a day that has its block
	bulk := importEntries(t, db, "a", es...)
	if bulk.Counts != (ledger.Counts{Rows: len(es), New: len(es)}) {
		t.Fatalf("bulk import: %+v", bulk.Counts)
	}
	if b, k, r := keyTables(t, db); b != 3 || k != 10+maxBlockKeys+7 || r != 5+3 {
		t.Errorf("after the bulk import: %d blocks of %d keys, %d key rows; want 3 of %d, 8", b, k, r, 10+maxBlockKeys+7)
	}
	before := snap(t, db)

	// The same rows: duplicates, settled by the blocks' versions.
	same := importEntries(t, db, "b", es...)
	if same.Counts != (ledger.Counts{Rows: len(es), Duplicates: len(es)}) {
		t.Errorf("same rows again: %+v", same.Counts)
	}
	// New days first (inserted before looking up), then the known rows.
	var fresh []ledger.Entry
	for i := 0; i < 3*batchSize; i++ {
		fresh = append(fresh, earning("2026-04-01", fmt.Sprintf("n%d", i), "2.00", ledger.StatusEstimated))
	}
	im := importEntries(t, db, "c", append(fresh, es...)...)
	if im.Counts != (ledger.Counts{Rows: len(fresh) + len(es), New: len(fresh), Duplicates: len(es)}) {
		t.Errorf("new rows, then known ones: %+v", im.Counts)
	}
	if _, err := db.UndoImport(ctx, im.ID); err != nil {
		t.Fatal(err)
	}

	// Two entries of blocks change: updates, whose new versions go to
	// entry_keys.
	changed := append([]ledger.Entry(nil), es...)
	changed[0].Status, changed[20].Status = ledger.StatusApproved, ledger.StatusApproved
	update := importEntries(t, db, "d", changed...)
	if update.Counts != (ledger.Counts{Rows: len(es), Duplicates: len(es) - 2, Updated: 2}) {
		t.Fatalf("two changed: %+v", update.Counts)
	}
	var known int
	if err := db.sql.QueryRow(`SELECT COUNT(*) FROM entry_keys WHERE entry_id IN (1, 21) AND version IS NOT NULL`).Scan(&known); err != nil || known != 2 {
		t.Errorf("%d versions of the updated entries in entry_keys (%v), want 2", known, err)
	}
	again := importEntries(t, db, "e", changed...)
	if again.Counts != (ledger.Counts{Rows: len(es), Duplicates: len(es)}) {
		t.Errorf("the changed rows again: %+v", again.Counts)
	}
	snap(t, db)

	// Undo: the versions put back are unknown, so the change is an update
	// again, not taken for a duplicate by the version the block or the
	// undone import left.
	for _, id := range []int64{again.ID, update.ID} {
		if _, err := db.UndoImport(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if got := snap(t, db); !sameEntries(got.entries, before.entries) {
		t.Error("undoing the updates did not give the entries back")
	}
	im = importEntries(t, db, "f", changed...)
	if im.Counts != (ledger.Counts{Rows: len(es), Duplicates: len(es) - 2, Updated: 2}) {
		t.Errorf("two changed after undo: %+v", im.Counts)
	}
	if _, err := db.UndoImport(ctx, im.ID); err != nil {
		t.Fatal(err)
	}

	// Undoing the bulk import takes its blocks; the next import is bulk
	// again and writes its own.
	for _, id := range []int64{same.ID, bulk.ID} {
		if _, err := db.UndoImport(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if b, _, r := keyTables(t, db); b != 0 || r != 0 {
		t.Errorf("after undoing everything: %d blocks, %d key rows", b, r)
	}
	if im := importEntries(t, db, "g", es...); im.Counts != (ledger.Counts{Rows: len(es), New: len(es)}) {
		t.Errorf("bulk import into the emptied ledger: %+v", im.Counts)
	}
	if b, _, _ := keyTables(t, db); b != 3 {
		t.Errorf("%d blocks after the second bulk import, want 3", b)
	}
	snap(t, db)
}

// sameEntries compares entries by their contents and provenance.
func sameEntries(a, b []ledger.Entry) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.ID != y.ID || !x.Date.Equal(y.Date) || !x.Amount.Equal(y.Amount) || x.Status != y.Status ||
			x.ExternalID != y.ExternalID || x.ImportID != y.ImportID || x.Line != y.Line {
			return false
		}
	}
	return true
}

// TestBadKeyBlocks: CheckTotals finds keys that do not match the entries,
// in blocks or overriding them, and an import that meets a damaged block
// fails without writing.
func TestBadKeyBlocks(t *testing.T) {
	for _, tc := range []struct {
		name, damage, want string
	}{
		{"block gone", `DELETE FROM key_blocks WHERE day = 20260302`, "has no key"},
		{"key row of another entry", `INSERT INTO entry_keys (dedupe_key, entry_id, version)
			SELECT unhex('80005021' || hex(substr(keys, 1, 12))), 2, 0 FROM key_blocks WHERE day = 20260301`, // 2026-03-01: day 20513 of 1970
			"in entry_keys and of entry"},
		{"key row and block", `INSERT INTO entry_keys (dedupe_key, entry_id, version) VALUES (zeroblob(16), 2, 0)`, "two keys"},
		{"cut block", `UPDATE key_blocks SET keys = substr(keys, 1, 30) WHERE day = 20260302`, "not whole"},
		{"keys out of order", `UPDATE key_blocks SET keys = CAST(substr(keys, 29, 28) || substr(keys, 1, 28) AS BLOB) WHERE day = 20260302`, "out of order"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := newTestDB(t)
			ctx := context.Background()
			es := []ledger.Entry{earning("2026-03-01", "a", "1.00", ledger.StatusEstimated), earning("2026-03-02", "b", "1.00", ledger.StatusEstimated),
				earning("2026-03-02", "c", "1.00", ledger.StatusEstimated)}
			importEntries(t, db, "a", es...)
			if err := db.CheckTotals(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := db.sql.Exec(tc.damage); err != nil {
				t.Fatal(err)
			}
			if err := db.CheckTotals(ctx); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("CheckTotals: %v, want %q", err, tc.want)
			}
			if tc.want != "not whole" && tc.want != "out of order" {
				return
			}
			tx, err := db.BeginImport(ctx, "b.csv", "test", "b")
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range es {
				e.Raw = "row"
				if err := tx.Add(ctx, e, false); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := tx.Commit(ctx); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("import over a damaged block: %v, want %q", err, tc.want)
			}
			if ims, err := db.Imports(ctx); err != nil || len(ims) != 1 {
				t.Errorf("%d imports after a failed one (%v)", len(ims), err)
			}
		})
	}
}

// FuzzKeyBlock: checkBlock takes any bytes without a panic, and in a block
// it accepts, searchBlock finds every record and, for any key, what a
// scan of the records finds.
func FuzzKeyBlock(f *testing.F) {
	var rows []keyRow
	for i := 0; i < 5; i++ {
		var k ledger.Key
		k[4], k[15] = byte(i*40), byte(i)
		rows = append(rows, keyRow{k, int64(i + 1), int64(i) << 40})
	}
	var block []byte
	for i := range rows {
		block = appendBlockRecord(block, &rows[i])
	}
	f.Add(block, []byte{40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
	f.Add(block[:blockRecord], []byte{1})
	f.Add([]byte("not a block"), []byte{})
	f.Fuzz(func(t *testing.T, b, tail []byte) {
		if checkBlock(b) != nil {
			return
		}
		var k ledger.Key
		for at := 0; at < len(b); at += blockRecord {
			copy(k[4:], b[at:at+ledger.KeySize-4])
			known, ok := searchBlock(b, &k)
			if !ok || known.id != int64(binary.BigEndian.Uint64(b[at+ledger.KeySize-4:])) ||
				known.version != int64(binary.BigEndian.Uint64(b[at+ledger.KeySize+4:])) {
				t.Fatalf("record %d: %+v, %v", at/blockRecord, known, ok)
			}
		}
		k = ledger.Key{}
		copy(k[4:], tail)
		want := false
		for at := 0; at < len(b); at += blockRecord {
			want = want || bytes.Equal(b[at:at+ledger.KeySize-4], k[4:])
		}
		if _, ok := searchBlock(b, &k); ok != want {
			t.Fatalf("key %x: found %v, a scan %v", k, ok, want)
		}
	})
}

// TestBulkKeyRunBounded: a bulk import of one day with many times the keys
// of a block keeps at most maxSortRows of them in memory at a time, and
// still writes one block and key rows for the rest.
func TestBulkKeyRunBounded(t *testing.T) {
	defer func(n int) { maxSortRows = n }(maxSortRows)
	maxSortRows = maxBlockKeys
	db := newTestDB(t)
	ctx := context.Background()
	tx, err := db.BeginImport(ctx, "a.csv", "test", "a")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3*maxBlockKeys; i++ {
		e := earning("2026-03-01", fmt.Sprintf("v%d", i), "1.00", ledger.StatusEstimated)
		e.Line, e.Raw = i+2, fmt.Sprintf("row %d", i+2)
		if err := tx.Add(ctx, e, false); err != nil {
			t.Fatal(err)
		}
	}
	keys := tx.keys
	if _, err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if keys.most > maxBlockKeys+batchSize {
		t.Errorf("%d key rows kept at once, want at most %d", keys.most, maxBlockKeys+batchSize)
	}
	if b, k, r := keyTables(t, db); b != 1 || k != maxBlockKeys || r != 2*maxBlockKeys {
		t.Errorf("%d blocks of %d keys and %d key rows, want 1 of %d and %d", b, k, r, maxBlockKeys, 2*maxBlockKeys)
	}
	snap(t, db)
}

// TestKeyBlocksOutOfOrder: a re-import in an order that keeps coming back
// to days it can no longer keep looks keys up in each block directly, and
// still finds every entry and the one that changed.
func TestKeyBlocksOutOfOrder(t *testing.T) {
	defer func(n int) { maxCachedBlocks = n }(maxCachedBlocks)
	maxCachedBlocks = 4 * 3 * blockRecord // four days' blocks
	db := newTestDB(t)
	ctx := context.Background()
	var es []ledger.Entry
	for d := 0; d < 600; d++ {
		for i := 0; i < 3; i++ {
			es = append(es, earning(date("2024-01-01").AddDate(0, 0, d).Format(ledger.DateLayout), fmt.Sprintf("v%d-%d", d, i), "1.00", ledger.StatusEstimated))
		}
	}
	importEntries(t, db, "a", es...)
	shuffled := make([]ledger.Entry, 0, len(es))
	for i := range es { // every day's three rows far apart
		shuffled = append(shuffled, es[(i*601)%len(es)])
	}
	shuffled[77].Status = ledger.StatusPaid
	tx, err := db.BeginImport(ctx, "b.csv", "test", "b")
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range shuffled {
		e.Line, e.Raw = i+2, fmt.Sprintf("row %d", i+2)
		if err := tx.Add(ctx, e, false); err != nil {
			t.Fatal(err)
		}
	}
	im, err := tx.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if im.Counts != (ledger.Counts{Rows: len(es), Duplicates: len(es) - 1, Updated: 1}) {
		t.Errorf("shuffled re-import: %+v", im.Counts)
	}
	if tx.blocks == nil || !tx.blocks.direct {
		t.Error("the look-ups kept reading whole days")
	}
	snap(t, db)
}

// TestSearchBlockSpread: searchBlock finds every key of large blocks and
// no other, whether their keys are spread evenly (the guess lands near)
// or crowded at one end (it lands far, and the search halves the rest).
func TestSearchBlockSpread(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, spread := range []uint64{0, 1 << 40, 1 << 63} { // 0: even
		var rows []keyRow
		for i := 0; i < 3000; i++ {
			var k ledger.Key
			hi := rng.Uint64()
			if spread != 0 {
				hi = hi%spread + []uint64{0, ^uint64(0) - spread}[i%2]
			}
			binary.BigEndian.PutUint64(k[4:], hi)
			binary.BigEndian.PutUint32(k[12:], rng.Uint32())
			rows = append(rows, keyRow{k, int64(i + 1), int64(i)})
		}
		sortKeyRows(rows, nil)
		var b []byte
		for i := range rows {
			b = appendBlockRecord(b, &rows[i])
		}
		for i := range rows {
			if known, ok := searchBlock(b, &rows[i].key); !ok || known.id != rows[i].id {
				t.Fatalf("spread %x: record %d: %+v, %v", spread, i, known, ok)
			}
			k := rows[i].key
			k[15]++
			if _, ok := searchBlock(b, &k); ok && (i+1 == len(rows) || rows[i+1].key != k) {
				t.Fatalf("spread %x: found %x, which the block does not have", spread, k)
			}
		}
	}
}
