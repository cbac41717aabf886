package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/sqlite"
)

// importIntoNewLedger creates the ledger at path only if an import into it
// succeeds: the files go into a new ledger beside path, which is linked to
// path once it holds something. A refused file leaves no empty ledger
// behind. When another command created path meanwhile, the files are
// imported into that ledger instead.
func importIntoNewLedger(ctx context.Context, e *env, path string, importAll func(ledger.Store) int) (err error) {
	defer func() { err = explainFault(err) }() // a full disk
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create ledger directory: %w", err)
	}
	removeStaleNewLedgers(path)
	// Held (locked) while this process lives: see removeStaleNewLedgers.
	building, err := sqlite.CreateTemp(filepath.Dir(path), newLedgerPattern(path))
	if err != nil {
		return fmt.Errorf("create ledger %s: %w", path, err)
	}
	defer building.Release()
	tmp := building.Path
	fmt.Fprintf(e.stderr, "creating ledger %s\n", path)
	db, err := sqlite.CreateUnshared(ctx, tmp)
	if err != nil {
		return err
	}
	stopFlushing := flushWhileBuilding(tmp)
	failed := importAll(db)
	stopFlushing()
	ims, err := db.Imports(ctx)
	if err == nil && len(ims) > 0 {
		err = db.Share(ctx)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if len(ims) == 0 {
		fmt.Fprintf(e.stderr, "nothing imported: no ledger created at %s\n", path)
		return errReported
	}
	// The ledger was built without syncs (sqlite.CreateUnshared): it must
	// be on disk whole before it has its name.
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("create ledger %s: %w", path, err)
	}
	switch err := os.Link(tmp, path); {
	case errors.Is(err, fs.ErrExist):
		fmt.Fprintf(e.stderr, "%s was created meanwhile by another command: importing into it\n", path)
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			return err
		}
		defer db.Close()
		if err := guardLedger(ctx, db); err != nil {
			return err
		}
		failed = importAll(db)
	case err != nil:
		return fmt.Errorf("create ledger %s: %w", path, err)
	default:
		syncFile(filepath.Dir(path)) // the new name; not every system can sync a directory
	}
	if failed > 0 {
		return errReported
	}
	return nil
}

// flushWhileBuilding has the system write the new ledger at path to the
// disk while it is being built, a few times a second, so that the sync
// before it gets its name (syncFile) finds little left to write: for a
// million rows that sync took 0.2 s of waiting at the end. The returned
// function stops it.
func flushWhileBuilding(path string) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				syncFile(path)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// syncFile flushes the file at path to the disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// newLedgerPattern matches the names of the new ledgers first imports
// build beside path.
func newLedgerPattern(path string) string { return "." + filepath.Base(path) + ".new-*" }

// removeStaleNewLedgers removes the new ledgers (20-40 MB for a large
// export) that first imports killed while they built them left beside
// path: those that no live process holds (sqlite.RemoveAbandoned), however
// recent. One that another import is building is left alone.
func removeStaleNewLedgers(path string) {
	sqlite.RemoveAbandoned(filepath.Dir(path), newLedgerPattern(path))
}
