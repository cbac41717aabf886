package main

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creatorledger/creatorledger/ledger/sqlite"
)

// TestKilledBackup kills `backup` (SIGKILL) at pseudo-random moments while
// it copies a ledger: the destination must hold nothing or the whole copy,
// never a file that would later open as an empty ledger and block a retry;
// and the retry must succeed and leave no temporary copy behind.
func TestKilledBackup(t *testing.T) {
	iterations, budget := 12, 12*time.Second
	if testing.Short() {
		iterations, budget = 4, 4*time.Second
	}
	dir := t.TempDir()
	l := &ledgerT{t: t, db: filepath.Join(dir, "ledger.db")}
	l.ok("import", genExport(t, dir, 30000, 7))
	want := view(t, l.db)

	ref := filepath.Join(dir, "ref.db")
	cmd, _, stderr := command(t, context.Background(), l.db, "backup", ref)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("uninterrupted backup: %v\n%s", err, stderr)
	}
	took := time.Since(start)

	rng := rand.New(rand.NewPCG(20261203, 7))
	deadline := time.Now().Add(budget)
	var killedDuring, finished int
	otherName := false // a backup to another name has been tried
	for i := 0; i < iterations && time.Now().Before(deadline); i++ {
		out := filepath.Join(dir, "backups", "copy.db")
		os.RemoveAll(filepath.Dir(out))
		os.MkdirAll(filepath.Dir(out), 0o700)
		at := time.Duration(rng.Int64N(int64(took)))
		cmd, _, stderr := command(t, context.Background(), l.db, "backup", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(at)
		cmd.Process.Kill()
		err := cmd.Wait()
		if err != nil && cmd.ProcessState.Exited() {
			t.Fatalf("kill %d: the backup failed by itself before the kill: %v\n%s", i, err, stderr)
		}
		if _, serr := os.Lstat(out); serr == nil {
			// Only a whole copy may be there: the backup had linked it.
			checkIntact(t, out)
			if got := view(t, out); got != want {
				t.Fatalf("kill %d after %v: the destination holds a partial copy: %s", i, at, diffLines(got, want))
			}
			finished++
			continue
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".copy.db.*")); len(left) > 0 {
			killedDuring++
		}
		l.ok("backup", out)
		checkIntact(t, out)
		if got := view(t, out); got != want {
			t.Fatalf("kill %d after %v: the retried backup differs: %s", i, at, diffLines(got, want))
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*")); len(left) > 0 {
			t.Fatalf("kill %d after %v: the retried backup left %v", i, at, left)
		}
		// A backup under another name there removes what a killed one
		// left too.
		if !otherName {
			otherName = true
			var tmp []string
			for try := 0; len(tmp) == 0 && try < 30; try++ {
				os.Remove(out)
				cmd, _, _ := command(t, context.Background(), l.db, "backup", out)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(took * time.Duration(1+try%9) / 10)
				cmd.Process.Kill()
				cmd.Wait()
				tmp, _ = filepath.Glob(filepath.Join(filepath.Dir(out), ".copy.db.*"))
			}
			if len(tmp) == 0 {
				t.Fatal("no kill left a temporary copy; the test would prove nothing")
			}
			os.Remove(out)
			l.ok("backup", filepath.Join(filepath.Dir(out), "other.db"))
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*")); len(left) > 0 {
				t.Fatalf("a backup to another name left %v", left)
			}
		}
	}
	t.Logf("backup of %v killed %d times while it wrote its copy; %d finished before the kill", took.Round(time.Millisecond), killedDuring, finished)
	if killedDuring == 0 || !otherName {
		t.Error("no kill landed while the backup wrote; the test proved nothing")
	}
}

// TestKilledFirstImportLeftovers kills the import that creates the ledger
// while it builds it: the new ledger it leaves beside the ledger's name
// (.ledger.db.new-N) is removed by the next import, at once, not after a
// day; a new ledger that a live process holds is left alone.
func TestKilledFirstImportLeftovers(t *testing.T) {
	dir := t.TempDir()
	file := genExport(t, dir, 100000, 8)
	db := filepath.Join(dir, "killed", "ledger.db")
	pattern := filepath.Join(filepath.Dir(db), ".ledger.db.new-*")
	ref := &ledgerT{t: t, db: filepath.Join(dir, "reference.db")}
	cmd, _, stderr := command(t, context.Background(), ref.db, "import", file)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("uninterrupted import: %v\n%s", err, stderr)
	}
	took := time.Since(start)
	var left []string
	for i := 1; len(left) == 0 && i < 30; i++ {
		os.RemoveAll(filepath.Dir(db))
		cmd, _, stderr := command(t, context.Background(), db, "import", file)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(took * time.Duration(2+i%7) / 10) // within the build, mostly
		cmd.Process.Kill()
		if err := cmd.Wait(); err != nil && cmd.ProcessState.Exited() {
			t.Fatalf("the import failed by itself before the kill: %v\n%s", err, stderr)
		}
		if _, err := os.Stat(db); err == nil {
			continue // it finished first
		}
		left, _ = filepath.Glob(pattern)
	}
	if len(left) == 0 {
		t.Fatal("no kill left a new ledger behind; the test would prove nothing")
	}
	// A new ledger another, live, import is building: held by this
	// process, as an import holds its own.
	live, err := sqlite.CreateTemp(filepath.Dir(db), ".ledger.db.new-*")
	if err != nil {
		t.Fatal(err)
	}
	defer live.Release()

	// And one a day old, which nothing holds either: age does not count.
	aged := filepath.Join(filepath.Dir(db), ".ledger.db.new-111")
	os.WriteFile(aged, []byte("x"), 0o600)
	os.WriteFile(aged+"-wal", []byte("x"), 0o600)
	old := time.Now().Add(-25 * time.Hour)
	os.Chtimes(aged, old, old)
	left = append(left, aged)

	l := &ledgerT{t: t, db: db}
	l.ok("import", fixture("native", "multi-platform.csv"))
	got, _ := filepath.Glob(pattern)
	if len(got) != 1 || got[0] != live.Path {
		t.Errorf("after the next import: %v, want only the live import's %s (the killed one left %v)", got, live.Path, left)
	}
	checkIntact(t, db)
}

// TestNewLedgerOfRunningImportKept: while one first import builds its new
// ledger in another process, a second first import beside it leaves that
// file alone, and both imports end in the one ledger.
func TestNewLedgerOfRunningImportKept(t *testing.T) {
	dir := t.TempDir()
	big := genExport(t, dir, 150000, 9)
	db := filepath.Join(dir, "both", "ledger.db")
	pattern := filepath.Join(filepath.Dir(db), ".ledger.db.new-*")
	cmd, _, stderr := command(t, context.Background(), db, "import", big)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var building []string
	for deadline := time.Now().Add(20 * time.Second); len(building) == 0 && time.Now().Before(deadline); {
		building, _ = filepath.Glob(pattern)
		time.Sleep(5 * time.Millisecond)
	}
	if len(building) == 0 {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("the first import never started to build its ledger")
	}
	l := &ledgerT{t: t, db: db}
	l.ok("import", fixture("native", "multi-platform.csv"))
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the running import, whose new ledger the second import met: %v\n%s", err, stderr)
	}
	imports := l.ok("imports", "list", "--format", "csv")
	if !strings.Contains(imports, "multi-platform.csv") || !strings.Contains(imports, filepath.Base(big)) {
		t.Errorf("the ledger does not hold both imports:\n%s", imports)
	}
	checkIntact(t, db)
}
