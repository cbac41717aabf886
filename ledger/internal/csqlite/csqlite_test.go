package csqlite

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// newDB makes a database file with table t through database/sql, as the
// ledger does, and opens it here.
func newDB(t *testing.T) *Conn {
	t.Helper()
	path := filepath.Join(t.TempDir(), "c.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA journal_mode = wal;
		CREATE TABLE t (id INTEGER PRIMARY KEY, k BLOB NOT NULL UNIQUE, s TEXT NOT NULL, n INTEGER) STRICT`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	c, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// TestRoundTrip binds texts (empty, multi-byte, with NUL, longer than the
// statement's first buffer), blobs, NULLs and integers in one multi-row
// statement, and reads them back.
func TestRoundTrip(t *testing.T) {
	c := newDB(t)
	texts := []string{"", "tiktok", "€ 1.234,56 · ünïcode", "nul\x00inside", strings.Repeat("long ", 3000)}
	ins, err := c.Prepare(`INSERT INTO t (k, s, n) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?)`)
	if err != nil {
		t.Fatal(err)
	}
	defer ins.Close()
	for round := 0; round < 3; round++ { // the buffers are reused after Reset
		if err := c.Exec(`DELETE FROM t`); err != nil {
			t.Fatal(err)
		}
		for i, s := range texts {
			ins.Blob(3*i+1, []byte{byte(round), byte(i), 0, 255})
			ins.Text(3*i+2, s)
			ins.NullInt64(3*i+3, int64(-i*1_000_000_007), i%2 == 0)
		}
		if err := ins.Exec(); err != nil {
			t.Fatal(err)
		}
		if c.Changes() != int64(len(texts)) {
			t.Fatalf("changes %d, want %d", c.Changes(), len(texts))
		}
		sel, err := c.Prepare(`SELECT k, s, n FROM t ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; ; i++ {
			row, err := sel.Step()
			if err != nil {
				t.Fatal(err)
			}
			if !row {
				if i != len(texts) {
					t.Fatalf("%d rows, want %d", i, len(texts))
				}
				break
			}
			if k := sel.ColumnBytes(0); string(k) != string([]byte{byte(round), byte(i), 0, 255}) {
				t.Errorf("row %d key %v", i, k)
			}
			if s := sel.ColumnText(1); s != texts[i] {
				t.Errorf("row %d text %.30q, want %.30q", i, s, texts[i])
			}
			if null := sel.ColumnNull(2); null != (i%2 != 0) {
				t.Errorf("row %d NULL %v", i, null)
			} else if !null && sel.ColumnInt64(2) != int64(-i*1_000_000_007) {
				t.Errorf("row %d number %d", i, sel.ColumnInt64(2))
			}
		}
		sel.Close()
	}
}

func TestErrors(t *testing.T) {
	c := newDB(t)
	if _, err := c.Prepare(`SELEC 1`); err == nil || !strings.Contains(err.Error(), "syntax error") {
		t.Errorf("bad SQL: %v", err)
	}
	ins, err := c.Prepare(`INSERT INTO t (k, s) VALUES (?, ?)`)
	if err != nil {
		t.Fatal(err)
	}
	defer ins.Close()
	ins.Blob(1, []byte("a"))
	ins.Text(2, "x")
	if err := ins.Exec(); err != nil {
		t.Fatal(err)
	}
	ins.Blob(1, []byte("a"))
	ins.Text(2, "y")
	if err := ins.Exec(); err == nil || !strings.Contains(err.Error(), "UNIQUE constraint failed: t.k") {
		t.Errorf("duplicate key: %v", err)
	}
	ins.Text(1, "text in a BLOB column")
	ins.Text(2, "z")
	if err := ins.Exec(); err == nil || !strings.Contains(err.Error(), "cannot store TEXT value in BLOB column") {
		t.Errorf("wrong type: %v", err)
	}
	ins.Int64(9, 1) // no such parameter: the error comes with the next Step
	if _, err := ins.Step(); err == nil || !strings.Contains(err.Error(), "column index out of range") {
		t.Errorf("bad parameter index: %v", err)
	}
	ins.Reset()
	if _, err := Open(filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Error("opened a missing file")
	}
}

// TestBusy holds the write lock on one connection: another one's BEGIN
// IMMEDIATE fails with SQLITE_BUSY at once when it has no busy timeout.
func TestBusy(t *testing.T) {
	c := newDB(t)
	if err := c.Exec(`BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	defer c.Exec(`ROLLBACK`)
	var path string
	sel, err := c.Prepare(`SELECT file FROM pragma_database_list WHERE name = 'main'`)
	if err != nil {
		t.Fatal(err)
	}
	if row, err := sel.Step(); !row || err != nil {
		t.Fatal(row, err)
	}
	path = sel.ColumnText(0)
	sel.Close()
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.Exec(`BEGIN IMMEDIATE`); !IsBusy(err) {
		t.Errorf("second writer: %v, want SQLITE_BUSY", err)
	}
}

// TestResetClearsBindings: after Reset, a parameter that is not bound again
// is NULL, never a text whose memory was reused.
func TestResetClearsBindings(t *testing.T) {
	c := newDB(t)
	ins, err := c.Prepare(`INSERT INTO t (k, s) VALUES (?, ?)`)
	if err != nil {
		t.Fatal(err)
	}
	defer ins.Close()
	ins.Blob(1, []byte("a"))
	ins.Text(2, "first")
	if err := ins.Exec(); err != nil {
		t.Fatal(err)
	}
	ins.Blob(1, []byte("b")) // s left unbound
	if err := ins.Exec(); err == nil || !strings.Contains(err.Error(), "NOT NULL constraint failed: t.s") {
		t.Errorf("unbound text after Reset: %v, want a NOT NULL error", err)
	}
}

// TestBindsAll: a statement whose every parameter is bound before each run
// (BindsAll) stores each run's own values, also when its texts outgrow the
// buffer they are copied into and it is replaced.
func TestBindsAll(t *testing.T) {
	c := newDB(t)
	ins, err := c.Prepare(`INSERT INTO t (k, s, n) VALUES (?, ?, ?), (?, ?, ?)`)
	if err != nil {
		t.Fatal(err)
	}
	defer ins.Close()
	ins.BindsAll()
	text := func(i int) string { return fmt.Sprintf("%d:%s", i, strings.Repeat("x", i*i*7)) }
	const runs = 40
	for r := 0; r < runs; r++ {
		for j := 0; j < 2; j++ {
			i := 2*r + j
			ins.Blob(3*j+1, []byte(fmt.Sprint("k", i)))
			ins.Text(3*j+2, text(i))
			ins.NullInt64(3*j+3, int64(i), i%3 != 0)
		}
		if err := ins.Exec(); err != nil {
			t.Fatal(err)
		}
	}
	sel, err := c.Prepare(`SELECT s, n FROM t ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer sel.Close()
	for i := 0; ; i++ {
		row, err := sel.Step()
		if err != nil {
			t.Fatal(err)
		}
		if !row {
			if i != 2*runs {
				t.Errorf("%d rows, want %d", i, 2*runs)
			}
			break
		}
		if s := sel.ColumnText(0); s != text(i) {
			t.Fatalf("row %d text %.20q… (%d bytes), want %.20q… (%d bytes)", i, s, len(s), text(i), len(text(i)))
		}
		if null, n := sel.ColumnNull(1), sel.ColumnInt64(1); null != (i%3 == 0) || (!null && n != int64(i)) {
			t.Errorf("row %d n = %d (NULL %v)", i, n, null)
		}
	}
	sel.Reset()
}
