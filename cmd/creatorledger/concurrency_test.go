package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creatorledger/creatorledger/ledger/sqlite"
)

// TestConcurrentImports runs two processes importing different files into
// one ledger at the same time: both must succeed (one waits for the other,
// neither says "database is locked") and the ledger must be exactly what
// importing the files one after the other, in the order they committed,
// gives: nothing lost, nothing counted twice. Once into a ledger that
// exists, once into one that the two processes create together.
func TestConcurrentImports(t *testing.T) {
	dir := t.TempDir()
	rows := 12000
	if testing.Short() {
		rows = 3000
	}
	a, b := genExport(t, dir, rows, 11), genExport(t, dir, rows, 12)
	for _, fresh := range []bool{false, true} {
		name := "existing ledger"
		if fresh {
			name = "new ledger"
		}
		t.Run(name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "ledger.db")
			if !fresh {
				(&ledgerT{t: t, db: db}).ok("init")
			}
			runTogether(t, db, []string{"import", a}, []string{"import", b})
			checkIntact(t, db)
			got := view(t, db)

			// The same files one after the other, in the order of their ids.
			first, second := a, b
			if ims := importFiles(t, db); len(ims) != 2 {
				t.Fatalf("%d imports recorded, want 2", len(ims))
			} else if ims[0] == filepath.Base(b) {
				first, second = b, a
			}
			ref := &ledgerT{t: t, db: filepath.Join(t.TempDir(), "ledger.db")}
			ref.ok("import", first)
			ref.ok("import", second)
			if want := view(t, ref.db); got != want {
				t.Errorf("two imports at once differ from the same imports one after the other: %s", diffLines(got, want))
			}
		})
	}
}

// TestConcurrentSameFile imports one file from two processes at once: the
// second to get the ledger must see the first's import and say the file is
// already imported, not fail.
func TestConcurrentSameFile(t *testing.T) {
	dir := t.TempDir()
	file := genExport(t, dir, 3000, 13)
	db := filepath.Join(dir, "ledger.db")
	(&ledgerT{t: t, db: db}).ok("init")
	outs := runTogether(t, db, []string{"import", file}, []string{"import", file})
	joined := strings.Join(outs, "")
	if strings.Count(joined, "import 1:") != 1 || strings.Count(joined, "already imported as import 1") != 1 {
		t.Errorf("one process must import the file and the other say it is already imported:\n%s", joined)
	}
	ref := &ledgerT{t: t, db: filepath.Join(dir, "reference.db")}
	ref.ok("import", file)
	if got, want := view(t, db), view(t, ref.db); got != want {
		t.Errorf("the same file imported twice at once differs from one import: %s", diffLines(got, want))
	}
}

// runTogether starts one creatorledger process per argument list on db at
// the same moment, requires each to succeed, and returns their stdouts.
func runTogether(t *testing.T, db string, argLists ...[]string) []string {
	t.Helper()
	type proc struct {
		args           []string
		stdout, stderr interface{ String() string }
		done           chan error
	}
	var procs []*proc
	for _, args := range argLists {
		cmd, stdout, stderr := command(t, context.Background(), db, args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		p := &proc{args: args, stdout: stdout, stderr: stderr, done: make(chan error, 1)}
		go func() { p.done <- cmd.Wait() }()
		procs = append(procs, p)
	}
	var outs []string
	for _, p := range procs {
		if err := <-p.done; err != nil {
			t.Errorf("creatorledger %s: %v\n%s", strings.Join(p.args, " "), err, p.stderr.String())
		}
		outs = append(outs, p.stdout.String())
	}
	if t.Failed() {
		t.FailNow()
	}
	return outs
}

// importFiles lists the file names of a ledger's imports, oldest first.
func importFiles(t *testing.T, path string) []string {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ims, err := db.Imports(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, im := range ims {
		names = append(names, im.File)
	}
	return names
}

// TestReportDuringImport reads the ledger over and over while another
// process imports a large file. Reads must not wait for the import, and
// every report and export must show the ledger either before or after the
// whole file, with the kept totals agreeing with the entries.
func TestReportDuringImport(t *testing.T) {
	dir := t.TempDir()
	l := &ledgerT{t: t, db: filepath.Join(dir, "ledger.db")}
	l.ok("import", genExport(t, dir, 300, 2))
	beforeReport := l.ok("report", "income", "--format", "csv")
	beforeRows := strings.Count(l.ok("export", "--format", "csv"), "\n")

	rows := 30000
	if testing.Short() {
		rows = 10000
	}
	file := genExport(t, dir, rows, 1)
	db, err := sqlite.Open(context.Background(), l.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	cmd, _, stderr := command(t, context.Background(), l.db, "import", file)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	type read struct {
		report string
		rows   int
		during bool // the import's write transaction was open before and after the read
	}
	var reads []read
	deadline := time.Now().Add(time.Minute)
	running := true
	for running && time.Now().Before(deadline) {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("import: %v\n%s", err, stderr)
			}
			running = false
		default:
		}
		locked := writeLocked(t, l.db)
		r := read{report: l.ok("report", "income", "--format", "csv")}
		r.rows = strings.Count(l.ok("export", "--format", "csv"), "\n")
		if err := db.CheckTotals(context.Background()); err != nil {
			t.Fatalf("while the import ran: %v", err)
		}
		r.during = locked && writeLocked(t, l.db)
		reads = append(reads, r)
	}
	if running {
		t.Fatal("the import did not finish within a minute")
	}
	afterReport := l.ok("report", "income", "--format", "csv")
	afterRows := strings.Count(l.ok("export", "--format", "csv"), "\n")
	if afterReport == beforeReport || afterRows == beforeRows {
		t.Fatal("the import changed nothing; the test would prove nothing")
	}
	during := 0
	for i, r := range reads {
		if r.report != beforeReport && r.report != afterReport {
			t.Fatalf("read %d: a report during the import shows part of the file:\n%s", i, r.report)
		}
		if r.rows != beforeRows && r.rows != afterRows {
			t.Fatalf("read %d: an export during the import has %d lines, want %d or %d", i, r.rows, beforeRows, afterRows)
		}
		if r.during {
			during++
			if r.report != beforeReport || r.rows != beforeRows {
				t.Fatalf("read %d, inside the import's transaction, shows entries it has not committed", i)
			}
		}
	}
	t.Logf("%d reads while %d rows were imported, %d of them inside the import's write transaction", len(reads), rows, during)
	if during < 2 {
		t.Errorf("%d reads completed while the import held the write lock, want at least 2: reads wait for imports", during)
	}
}
