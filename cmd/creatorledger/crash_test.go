package main

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestKilledImport kills an importing process (SIGKILL, which nothing can
// catch) at pseudo-random moments, many times. Each time the ledger must
// pass integrity_check and keep its totals right, must hold either none or
// all of the file, and importing the file again must give exactly the
// ledger an uninterrupted import gives (DESIGN.md, Reliability).
//
// The kill moments come from a fixed seed, so a failure can be replayed;
// they spread over the whole run of the process (start-up, parsing,
// batches) with every other one in its last two fifths, where the commit and the
// WAL checkpoint happen.
func TestKilledImport(t *testing.T) {
	iterations, budget := 24, 25*time.Second
	if testing.Short() {
		iterations, budget = 6, 8*time.Second
	}
	dir := t.TempDir()
	before := genExport(t, dir, 300, 2) // already in the ledger
	file := genExport(t, dir, 12000, 1) // the file being imported

	// The uninterrupted import, in a process, to know how long one takes.
	ref := &ledgerT{t: t, db: filepath.Join(dir, "reference.db")}
	ref.ok("import", before)
	none := view(t, ref.db)
	cmd, _, stderr := command(t, context.Background(), ref.db, "import", file)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("uninterrupted import: %v\n%s", err, stderr)
	}
	took := time.Since(start)
	all := view(t, ref.db)
	if all == none {
		t.Fatal("the import changed nothing; the test would prove nothing")
	}

	rng := rand.New(rand.NewPCG(20261123, 4))
	deadline := time.Now().Add(budget)
	var killedNone, killedAll, finished int
	for i := 0; i < iterations && time.Now().Before(deadline); i++ {
		l := &ledgerT{t: t, db: filepath.Join(dir, "killed.db")}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(l.db + suffix)
		}
		l.ok("import", before)

		at := time.Duration(rng.Int64N(int64(took)))
		if i%2 == 1 {
			at = took*3/5 + time.Duration(rng.Int64N(int64(took)*2/5))
		}
		cmd, _, stderr := command(t, context.Background(), l.db, "import", file)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(at)
		cmd.Process.Kill()
		err := cmd.Wait()
		exited := err == nil
		if err != nil && cmd.ProcessState.Exited() {
			t.Fatalf("kill %d: the import failed by itself before the kill: %v\n%s", i, err, stderr)
		}

		checkIntact(t, l.db)
		switch got := view(t, l.db); {
		case exited:
			finished++
			if got != all {
				t.Fatalf("kill %d after %v: the import finished but the ledger is not the uninterrupted one: %s", i, at, diffLines(got, all))
			}
		case got == none:
			killedNone++
		case got == all:
			killedAll++
		default:
			t.Fatalf("kill %d after %v: the ledger holds part of the file: %s", i, at, diffLines(got, all))
		}
		// Steer the late kills onto the commit when the machine is
		// slower or faster than during the uninterrupted import.
		if i%2 == 1 && !exited && killedAll == 0 {
			took = took * 11 / 10
		} else if i%2 == 1 && exited {
			took = took * 9 / 10
		}
		l.ok("import", file)
		if got := view(t, l.db); got != all {
			t.Fatalf("kill %d after %v: importing again does not give the uninterrupted result: %s", i, at, diffLines(got, all))
		}
	}
	t.Logf("import of about %v killed %d times with nothing imported, %d times after its commit; %d finished before the kill",
		took.Round(time.Millisecond), killedNone, killedAll, finished)
	if killedNone == 0 {
		t.Error("no kill landed during the import; the test proved nothing")
	}
}

// TestKilledUndo kills `imports undo` at pseudo-random moments: the ledger
// must stay intact and hold the import either whole or not at all, and
// undoing again must give the ledger as it was before the import.
func TestKilledUndo(t *testing.T) {
	iterations, budget := 10, 8*time.Second
	if testing.Short() {
		iterations, budget = 3, 3*time.Second
	}
	dir := t.TempDir()
	before := genExport(t, dir, 300, 2)
	file := genExport(t, dir, 6000, 3)
	ref := &ledgerT{t: t, db: filepath.Join(dir, "reference.db")}
	ref.ok("import", before)
	none := view(t, ref.db)
	ref.ok("import", file)
	all := view(t, ref.db)
	cmd, _, stderr := command(t, context.Background(), ref.db, "imports", "undo", "2")
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("uninterrupted undo: %v\n%s", err, stderr)
	}
	took := time.Since(start)
	if got := view(t, ref.db); got != none {
		t.Fatalf("undo does not give the ledger before the import: %s", diffLines(got, none))
	}

	rng := rand.New(rand.NewPCG(20261123, 5))
	deadline := time.Now().Add(budget)
	var killedAll, killedNone, finished int
	for i := 0; i < iterations && time.Now().Before(deadline); i++ {
		l := &ledgerT{t: t, db: filepath.Join(dir, "killed.db")}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(l.db + suffix)
		}
		l.ok("import", before)
		l.ok("import", file)
		at := time.Duration(rng.Int64N(int64(took)))
		cmd, _, stderr := command(t, context.Background(), l.db, "imports", "undo", "2")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(at)
		cmd.Process.Kill()
		err := cmd.Wait()
		if err != nil && cmd.ProcessState.Exited() {
			t.Fatalf("kill %d: the undo failed by itself before the kill: %v\n%s", i, err, stderr)
		}
		checkIntact(t, l.db)
		switch got := view(t, l.db); {
		case err == nil:
			finished++
			if got != none {
				t.Fatalf("kill %d after %v: the undo finished but the ledger is not as before the import: %s", i, at, diffLines(got, none))
			}
		case got == all:
			killedAll++
			l.ok("imports", "undo", "2")
		case got == none:
			killedNone++
		default:
			t.Fatalf("kill %d after %v: the ledger holds part of the import: %s", i, at, diffLines(got, all))
		}
		if got := view(t, l.db); got != none {
			t.Fatalf("kill %d after %v: undoing again does not give the ledger before the import: %s", i, at, diffLines(got, none))
		}
	}
	t.Logf("undo of %v killed %d times before its commit, %d times after; %d finished before the kill",
		took.Round(time.Millisecond), killedAll, killedNone, finished)
	if killedAll == 0 {
		t.Error("no kill landed during the undo; the test proved nothing")
	}
}

// TestKilledFirstImport kills the import that creates the ledger, mostly
// early, while it creates the file and its schema: afterwards there is no
// ledger, or one with the whole file, and importing again gives the
// uninterrupted result. (The first import builds the ledger beside its
// path and links it there once it holds the file.)
func TestKilledFirstImport(t *testing.T) {
	iterations, budget := 10, 6*time.Second
	if testing.Short() {
		iterations, budget = 3, 2*time.Second
	}
	dir := t.TempDir()
	file := genExport(t, dir, 4000, 6)
	empty := &ledgerT{t: t, db: filepath.Join(dir, "empty.db")}
	empty.ok("init")
	none := view(t, empty.db)
	ref := &ledgerT{t: t, db: filepath.Join(dir, "reference.db")}
	cmd, _, stderr := command(t, context.Background(), ref.db, "import", file)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("uninterrupted import: %v\n%s", err, stderr)
	}
	took := time.Since(start)
	all := view(t, ref.db)

	rng := rand.New(rand.NewPCG(20261123, 6))
	deadline := time.Now().Add(budget)
	var noFile, killedDuring, other int
	for i := 0; i < iterations && time.Now().Before(deadline); i++ {
		l := &ledgerT{t: t, db: filepath.Join(dir, "killed", "ledger.db")}
		os.RemoveAll(filepath.Dir(l.db))
		at := time.Duration(rng.Int64N(int64(took) / 2))
		if i%2 == 0 {
			at /= 5 // start-up, creating the file and the schema
		}
		cmd, _, stderr := command(t, context.Background(), l.db, "import", file)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(at)
		cmd.Process.Kill()
		err := cmd.Wait()
		if err != nil && cmd.ProcessState.Exited() {
			t.Fatalf("kill %d: the import failed by itself before the kill: %v\n%s", i, err, stderr)
		}
		if _, serr := os.Stat(l.db); serr != nil {
			noFile++
			// A ledger being built that the kill left behind.
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(l.db), ".ledger.db.new-*")); len(left) > 0 {
				killedDuring++
			}
		} else {
			checkIntact(t, l.db)
			switch got := view(t, l.db); {
			case got == all:
				other++
			case got == none:
				t.Fatalf("kill %d after %v: an empty ledger was left", i, at)
			default:
				t.Fatalf("kill %d after %v: the ledger holds part of the file: %s", i, at, diffLines(got, all))
			}
		}
		l.ok("import", file)
		if got := view(t, l.db); got != all {
			t.Fatalf("kill %d after %v: importing again does not give the uninterrupted result: %s", i, at, diffLines(got, all))
		}
	}
	t.Logf("first import of %v killed %d times with no ledger (%d of them while it was being built), %d times after it was complete",
		took.Round(time.Millisecond), noFile, killedDuring, other)
	if killedDuring == 0 {
		t.Error("no kill landed while the import ran; the test proved nothing")
	}
}
