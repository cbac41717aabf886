package sqlite

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// openCopy opens a backup as a ledger of its own and returns what it holds.
func openCopy(t *testing.T, path string) snapshot {
	t.Helper()
	b, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open the backup: %v", err)
	}
	defer b.Close()
	var result string
	if err := b.sql.QueryRow(`PRAGMA integrity_check`).Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity_check of the backup: %q %v", result, err)
	}
	return snap(t, b)
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	importEntries(t, db, "a", earning("2026-08-03", "v1", "41.2871", ledger.StatusEstimated), earning("2026-08-04", "v2", "1", ledger.StatusApproved))
	importEntries(t, db, "b", earning("2026-08-03", "v1", "43.1022", ledger.StatusApproved))
	want := snap(t, db)

	path := filepath.Join(t.TempDir(), "copy.db")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, want 0600", st.Mode().Perm())
	}
	if got := openCopy(t, path); !reflect.DeepEqual(got, want) {
		t.Errorf("backup differs from the ledger\n got %+v\nwant %+v", got, want)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*")); len(left) > 0 {
		t.Errorf("backup left files behind: %v", left)
	}

	// An existing file is never overwritten, not even an old backup.
	before, _ := os.ReadFile(path)
	importEntries(t, db, "c", earning("2026-09-01", "v3", "5", ledger.StatusApproved))
	err = db.Backup(ctx, path)
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("backup over an existing file: %v, want fs.ErrExist", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a refused backup changed the existing file")
	}
	// A missing directory is an error, not a panic or a stray file.
	if err := db.Backup(ctx, filepath.Join(t.TempDir(), "no", "such", "dir.db")); err == nil {
		t.Error("backup into a missing directory succeeded")
	}
}

// TestBackupDuringImport backs up while an import holds the write lock:
// the copy is the last committed state, without the import's entries.
func TestBackupDuringImport(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	importEntries(t, db, "a", earning("2026-08-03", "v1", "41.2871", ledger.StatusEstimated))
	committed := snap(t, db)

	tx, err := db.BeginImport(ctx, "b.csv", "test", "b")
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for i := range 300 { // more than one batch, so rows are written
		e := earning("2026-08-05", "w"+strconv.Itoa(i), "2.5", ledger.StatusApproved)
		e.Line, e.Raw = i+2, "row "+strconv.Itoa(i+2)
		if err := tx.Add(ctx, e, false); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "during.db")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatalf("backup while an import runs: %v", err)
	}
	if _, err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if got := openCopy(t, path); !reflect.DeepEqual(got, committed) {
		t.Errorf("backup taken during an import is not the committed state\n got %d entries, %d imports\nwant %d entries, %d imports",
			len(got.entries), len(got.imports), len(committed.entries), len(committed.imports))
	}
	if n := len(snap(t, db).entries); n != 301 {
		t.Errorf("ledger has %d entries after the import, want 301", n)
	}
}

// TestBackupFailedLeavesNothing: a backup that fails while it copies
// leaves no file at its destination (which would open as an empty ledger
// and block the retry) and no temporary copy beside it, and the retry
// succeeds.
func TestBackupFailedLeavesNothing(t *testing.T) {
	db := newTestDB(t)
	importEntries(t, db, "a", earning("2026-08-03", "v1", "41.2871", ledger.StatusEstimated))
	dir := t.TempDir()
	path := filepath.Join(dir, "copy.db")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := db.Backup(ctx, path); err == nil {
		t.Fatal("a backup with its context cancelled succeeded")
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Fatalf("a failed backup left %v", left)
	}
	if err := db.Backup(context.Background(), path); err != nil {
		t.Fatalf("the retry: %v", err)
	}
	openCopy(t, path)
}
