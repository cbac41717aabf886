package sqlite

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIsDiskFull with the errors a full disk really gives: SQLite's
// SQLITE_FULL (a database at its page limit) and the system's ENOSPC
// (/dev/full).
func TestIsDiskFull(t *testing.T) {
	sdb, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "full.db")+"?_pragma=max_page_count(3)")
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	sdb.SetMaxOpenConns(1)
	if _, err := sdb.Exec(`CREATE TABLE t (b BLOB)`); err != nil {
		t.Fatal(err)
	}
	_, err = sdb.Exec(`INSERT INTO t VALUES (zeroblob(100000))`)
	if !IsDiskFull(err) || !strings.Contains(err.Error(), "full") {
		t.Errorf("SQLite's error at the page limit: %v, want IsDiskFull", err)
	}
	if IsCorrupt(err) {
		t.Errorf("a full disk is not a damaged file: %v", err)
	}
	if f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		_, err = f.Write([]byte("x"))
		f.Close()
		if !IsDiskFull(err) {
			t.Errorf("writing to /dev/full: %v, want IsDiskFull", err)
		}
	}
	if IsDiskFull(errors.New("database or disk is full")) || IsDiskFull(nil) {
		t.Error("IsDiskFull goes by the error, not its text")
	}
}
