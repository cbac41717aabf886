package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBackupCommand(t *testing.T) {
	l := newLedger(t)
	l.ok("import", fixture("native", "multi-platform.csv"), fixture("native", "quirks.csv"))
	want := view(t, l.db)
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	out := l.ok("backup", copyPath)
	if !strings.Contains(out, "backed up") || !strings.Contains(out, copyPath) {
		t.Errorf("backup output: %q", out)
	}
	st, err := os.Stat(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, want 0600 like the ledger", st.Mode().Perm())
	}
	checkIntact(t, copyPath)
	if got := view(t, copyPath); got != want {
		t.Errorf("the backup differs from the ledger: %s", diffLines(got, want))
	}

	// An existing file is refused with a hint, and left as it was.
	before, _ := os.ReadFile(copyPath)
	_, errOut, code := l.run("backup", copyPath)
	if code != 1 || !strings.Contains(errOut, "creatorledger: "+copyPath+" already exists") || !strings.Contains(errOut, "try: creatorledger backup NEW-FILE") {
		t.Errorf("backup over an existing file: exit %d\n%s", code, errOut)
	}
	if after, _ := os.ReadFile(copyPath); string(after) != string(before) {
		t.Error("a refused backup changed the existing file")
	}
	// The ledger itself is an existing file too.
	if _, _, code := l.run("backup", l.db); code != 1 {
		t.Errorf("backup onto the ledger itself: exit %d, want 1", code)
	}
	if _, errOut, code := l.run("backup"); code != 2 || !strings.Contains(errOut, "backup needs one FILE") {
		t.Errorf("backup without FILE: exit %d %q", code, errOut)
	}
	none := newLedger(t)
	if _, errOut, code := none.run("backup", filepath.Join(t.TempDir(), "x.db")); code != 1 || !strings.Contains(errOut, "no ledger at") {
		t.Errorf("backup without a ledger: exit %d %q", code, errOut)
	}
	if _, err := os.Stat(none.db); err == nil {
		t.Error("backup created a ledger")
	}
}

// TestBackupWhileImporting backs the ledger up over and over while another
// process imports a large file: every copy must be intact and hold the
// ledger as it was either before or after the whole file, and backups must
// not wait for the import to finish.
func TestBackupWhileImporting(t *testing.T) {
	dir := t.TempDir()
	l := &ledgerT{t: t, db: filepath.Join(dir, "ledger.db")}
	l.ok("import", genExport(t, dir, 300, 2))
	before := view(t, l.db)
	rows := 30000
	if testing.Short() {
		rows = 10000
	}
	file := genExport(t, dir, rows, 1)

	cmd, _, stderr := command(t, context.Background(), l.db, "import", file)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var copies []string
	var during []bool
	deadline := time.Now().Add(time.Minute)
	for running := true; running; {
		if time.Now().After(deadline) {
			t.Fatal("the import did not finish within a minute")
		}
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("import: %v\n%s", err, stderr)
			}
			running = false
		default:
		}
		path := filepath.Join(dir, fmt.Sprintf("backup-%03d.db", len(copies)))
		locked := writeLocked(t, l.db)
		l.ok("backup", path)
		copies = append(copies, path)
		during = append(during, locked && writeLocked(t, l.db))
		time.Sleep(20 * time.Millisecond) // a few dozen copies are enough
	}
	after := view(t, l.db)
	if after == before {
		t.Fatal("the import changed nothing; the test would prove nothing")
	}
	inside := 0
	for i, path := range copies {
		checkIntact(t, path)
		got := view(t, path)
		if got != before && got != after {
			t.Fatalf("backup %d holds part of the import: %s", i, diffLines(got, after))
		}
		if during[i] {
			inside++
			if got != before {
				t.Fatalf("backup %d, taken inside the import's transaction, holds entries it had not committed", i)
			}
		}
	}
	t.Logf("%d backups while %d rows were imported, %d inside the import's write transaction", len(copies), rows, inside)
	if inside == 0 {
		t.Error("no backup completed while the import held the write lock: backups wait for imports")
	}
}
