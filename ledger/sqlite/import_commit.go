package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/creatorledger/creatorledger/ledger"
)

// stop sends what is left, waits for the keyer and the writer and returns
// the first error.
func (t *ImportTx) stop() error {
	if !t.stopped {
		t.stopped = true
		if t.cur != nil {
			if t.bulk {
				t.keyBatch(t.cur)
				t.keyEnd()
			} else {
				t.keying <- t.cur
			}
			t.cur = nil
		}
		close(t.keying)
	}
	<-t.kdone
	<-t.done
	return t.err()
}

// finish writes the last batch and the daily totals.
func (t *ImportTx) finish() error {
	if t.closed {
		return errors.New("import already finished")
	}
	if t.db.unshared {
		// Every row is read, and most of the new ledger's pages are
		// written: the disk can start on them while the writer finishes,
		// and the sync before the ledger gets its name (CreateUnshared)
		// waits for less (for 100k rows 6 ms instead of 12).
		startWriteback(t.db.path)
	}
	err := t.stop()
	t.occ.close()
	if err != nil {
		return err
	}
	if t.bulk {
		if err := t.keys.finish(); err != nil {
			return err
		}
	}
	t.foldClassCounts()
	if t.digest != nil { // the writer had no time to finish it
		if err := t.takeDigest(); err != nil {
			return err
		}
	}
	t.rec.New, t.rec.Duplicates, t.rec.Updated = t.out.New, t.out.Duplicates, t.out.Updated
	if err := t.writeRun(&t.run); err != nil {
		return err
	}
	if err := t.writeMembers(); err != nil {
		return err
	}
	last, err := t.maxEntryID()
	if err != nil {
		return fmt.Errorf("finish import: %w", err)
	}
	if last-t.rec.FirstEntry+1 != int64(t.rec.New) {
		return fmt.Errorf("finish import: %d new entries have ids %d..%d", t.rec.New, t.rec.FirstEntry, last)
	}
	t.rec.LastEntry = last
	return t.totalsOut.write(t.totals.rows(nil))
}

// Commit records the counts and makes the import visible. An import that
// added or changed nothing is still recorded, so the same file is recognised
// next time.
func (t *ImportTx) Commit(ctx context.Context) (ledger.Import, error) {
	if err := t.finish(); err != nil {
		t.Rollback()
		return t.rec, err
	}
	t.closed = true
	c := t.rec.Counts
	defer t.release()
	st := t.stmts.setCounts
	st.Text(1, t.rec.SHA256)
	for i, v := range []int64{int64(c.Rows), int64(c.New), int64(c.Duplicates), int64(c.Updated), int64(c.Rounded), t.rec.LastEntry, t.rec.ID} {
		st.Int64(i+2, v)
	}
	if err := st.Exec(); err != nil {
		return t.rec, fmt.Errorf("finish import: %w", err)
	}
	if err := t.writeStatements(); err != nil {
		return t.rec, fmt.Errorf("finish import: %w", err)
	}
	if err := t.c.Exec(`COMMIT`); err != nil {
		return t.rec, fmt.Errorf("commit import: %w", err)
	}
	t.open = false
	return t.rec, nil
}

// DryRun does all the work of Commit, then rolls back: the ledger is left
// as it was and the counts say what the import would have done.
func (t *ImportTx) DryRun(ctx context.Context) (ledger.Import, error) {
	err := t.finish()
	return t.Rollback(), err
}

// Rollback abandons the import; the ledger is left as it was. Calling it
// after Commit does nothing.
func (t *ImportTx) Rollback() ledger.Import {
	if !t.closed {
		t.closed = true
		if !t.stopped {
			t.setErr(errRolledBack) // the keyer and the writer skip what is queued
		}
		t.stop()
		t.occ.close()
		if t.keys != nil {
			t.keys.close()
		}
		t.release()
	}
	return t.rec
}
