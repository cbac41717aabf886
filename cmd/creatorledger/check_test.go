package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// tamper changes the ledger behind the program's back, as the sqlite3
// shell would.
func tamper(t *testing.T, path string, qs ...string) {
	t.Helper()
	sdb, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	sdb.SetMaxOpenConns(1)
	for _, q := range qs {
		if _, err := sdb.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestCheckCommand is issue 13's case: an amount changed in the entries
// table changes export while report income keeps the old totals; check
// finds it, names the day's group and the entry, and exits 1.
func TestCheckCommand(t *testing.T) {
	l := newLedger(t)
	l.ok("import", fixture("native", "multi-platform.csv"))
	out := l.ok("check")
	if !strings.Contains(out, ": ok: 14 entries, 1 import, ") || !strings.Contains(out, "integrity, balance, totals, keys, imports") {
		t.Errorf("check of a sound ledger: %q", out)
	}
	export, income := l.ok("export", "--format", "csv"), l.ok("report", "income", "--format", "csv")

	tamper(t, l.db, `UPDATE entries SET amount = amount + 1 WHERE id = 5`)
	if l.ok("export", "--format", "csv") == export || l.ok("report", "income", "--format", "csv") != income {
		t.Fatal("the tampering is not the issue's: export should change and report income not")
	}
	out, errOut, code := l.run("check")
	if code != 1 {
		t.Fatalf("check of a tampered ledger: exit %d\n%s%s", code, out, errOut)
	}
	flat := strings.Join(strings.Fields(out), " ") // the problem is wrapped to 100 columns
	if !strings.Contains(out, "totals") || !strings.Contains(out, "2026-02-03 amazon-associates associates earning GBP approved") ||
		!strings.Contains(flat, "the entries add up to 3.300001 GBP in 1 entry, the daily totals keep 3.30 GBP in 1 entry (entry 5)") {
		t.Errorf("check does not name the group and the entry:\n%s", out)
	}
	if !strings.Contains(errOut, "creatorledger: "+l.db+" fails its check: 1 problem\ntry: ") {
		t.Errorf("check's error: %q", errOut)
	}

	out, _, code = l.run("check", "--format", "json")
	var doc struct {
		OK       bool             `json:"ok"`
		Entries  int              `json:"entries"`
		Problems []ledger.Problem `json:"problems"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 1 {
		t.Fatalf("check --format json: exit %d, %v\n%s", code, err, out)
	}
	if doc.OK || doc.Entries != 14 || len(doc.Problems) != 1 || doc.Problems[0].Check != "totals" ||
		!strings.Contains(doc.Problems[0].What, "(entry 5)") {
		t.Errorf("check --format json: %+v", doc)
	}

	if out := l.ok("check", "--help"); !strings.Contains(out, "Examples:") || !strings.Contains(out, "creatorledger check --format json") {
		t.Errorf("check --help has no examples:\n%s", out)
	}
	if _, errOut, code := l.run("check", "extra"); code != 2 {
		t.Errorf("check with an argument: exit %d %q, want 2", code, errOut)
	}
	none := newLedger(t)
	if _, errOut, code := none.run("check"); code != 1 || !strings.Contains(errOut, "no ledger at") {
		t.Errorf("check without a ledger: exit %d %q", code, errOut)
	}
}

// damageEntriesPage overwrites the b-tree header of the entries table's
// first leaf page, as a flipped disk block would: a page an import that
// adds entries does not read (it appends at the other end).
func damageEntriesPage(t *testing.T, path string) {
	t.Helper()
	sdb, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	sdb.SetMaxOpenConns(1)
	var root int64
	var data []byte
	if err := sdb.QueryRow(`SELECT pageno FROM dbstat WHERE name = 'entries' AND pagetype = 'leaf' ORDER BY path LIMIT 1`).Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := sdb.QueryRow(`SELECT data FROM sqlite_dbpage WHERE pgno = ?`, root).Scan(&data); err != nil {
		t.Fatal(err)
	}
	copy(data[1:], []byte{0xff, 0xf0, 0xff, 0xf0})
	if _, err := sdb.Exec(`UPDATE sqlite_dbpage SET data = ? WHERE pgno = ?`, data, root); err != nil {
		t.Fatal(err)
	}
}

// TestImportRefusesDamagedLedger: import writes nothing into a ledger
// whose file SQLite finds damaged, even where the import would not read,
// and says what to do.
func TestImportRefusesDamagedLedger(t *testing.T) {
	dir := t.TempDir()
	l := &ledgerT{t: t, db: filepath.Join(dir, "ledger.db")}
	l.ok("import", genExport(t, dir, 5000, 1))
	next := genExport(t, dir, 300, 2)
	damageEntriesPage(t, l.db)
	before, err := os.ReadFile(l.db)
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := l.run("import", next)
	if code != 1 || !strings.Contains(errOut, "the ledger file is damaged") || !strings.Contains(errOut, "nothing imported") ||
		!strings.Contains(errOut, "try: creatorledger check") {
		t.Errorf("import into a damaged ledger: exit %d\n%s%s", code, out, errOut)
	}
	if after, _ := os.ReadFile(l.db); !bytes.Equal(after, before) {
		t.Error("import changed the damaged ledger")
	}
	if _, err := os.Stat(l.db + "-wal"); err == nil {
		if st, _ := os.Stat(l.db + "-wal"); st.Size() > 0 {
			t.Error("import wrote to the damaged ledger's log")
		}
	}
	out, _, code = l.run("check")
	if code != 1 || !strings.Contains(out, "integrity") {
		t.Errorf("check of a damaged ledger: exit %d\n%s", code, out)
	}
	// A dry run writes nothing and is not refused.
	if _, errOut, _ := l.run("import", "--dry-run", next); strings.Contains(errOut, "the ledger file is damaged; ") {
		t.Errorf("a dry run was refused: %s", errOut)
	}
}

// TestDiskFullMessage: a write that finds the disk full says so in words.
func TestDiskFullMessage(t *testing.T) {
	sdb, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "full.db")+"?_pragma=max_page_count(3)")
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	sdb.SetMaxOpenConns(1)
	sdb.Exec(`CREATE TABLE t (b BLOB)`)
	_, full := sdb.Exec(`INSERT INTO t VALUES (zeroblob(100000))`)
	for _, err := range []error{full, &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}} {
		got := explainFault(err)
		var h hinted
		if !strings.HasPrefix(got.Error(), "disk full: ") || !errors.As(got, &h) || !strings.Contains(h.hint, "free some space") {
			t.Errorf("explainFault(%v) = %v", err, got)
		}
	}
	if err := errors.New("other"); explainFault(err) != err {
		t.Error("explainFault changed another error")
	}
}

// A ledger from an earlier version is brought up to this one when it is
// first opened, and the command says so on stderr once.
func TestMigrationSaysSo(t *testing.T) {
	l := newLedger(t)
	l.ok("import", fixture("native", "multi-platform.csv"))
	tamper(t, l.db, `DROP INDEX entries_invoices`, `ALTER TABLE entries DROP COLUMN invoice`,
		`DELETE FROM schema_migrations WHERE version = 14`)
	before := l.ok("report", "income", "--format", "csv")
	_, errOut, code := l.run("report", "income", "--format", "csv")
	if code != 0 || errOut != "" {
		t.Fatalf("the second report: exit %d, stderr %q", code, errOut)
	}
	tamper(t, l.db, `DROP INDEX entries_invoices`, `ALTER TABLE entries DROP COLUMN invoice`,
		`DELETE FROM schema_migrations WHERE version = 14`)
	out, errOut, code := l.run("report", "income", "--format", "csv")
	if code != 0 || out != before {
		t.Fatalf("report after the migration: exit %d\n%s\nwant\n%s", code, out, before)
	}
	if want := "creatorledger: bringing the ledger up to this version (0014_invoice_index); a large ledger takes a while\n"; errOut != want {
		t.Fatalf("stderr %q, want %q", errOut, want)
	}
	if out := l.ok("check"); !strings.Contains(out, ": ok: ") {
		t.Fatalf("check after the migration:\n%s", out)
	}
}
