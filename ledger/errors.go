package ledger

import (
	"errors"
	"fmt"
)

// Sentinel errors callers branch on.
var (
	// ErrNoLedger means the ledger file does not exist yet.
	ErrNoLedger = errors.New("no ledger")
	// ErrNotFound means a looked-up record (an import, an entry) does not exist.
	ErrNotFound = errors.New("not found")
	// ErrNoMatch is returned by Unmatch when an entry has no match to undo.
	ErrNoMatch = errors.New("no match")
	// ErrAmountRange means an amount does not fit the ledger's int64 micro-units.
	ErrAmountRange = errors.New("amount out of range")
	// ErrUndoBlocked means a later import changed entries an import wrote, so
	// that import cannot be undone before the later one.
	ErrUndoBlocked = errors.New("undo blocked by a later import")
	// ErrInvalid wraps every validation failure of an entry or setting.
	ErrInvalid = errors.New("invalid")
	// ErrNewerLedger means a newer creatorledger has changed the ledger's
	// schema in a way this one does not know.
	ErrNewerLedger = errors.New("ledger written by a newer creatorledger")
	// ErrNotLedger means a file is not a ledger: another application's
	// SQLite file, an empty file, a dangling symbolic link (sqlite.NotLedgerError).
	ErrNotLedger = errors.New("not a creatorledger ledger")
	// ErrReadOnly means the ledger cannot be written where it is: its
	// file, directory or file system is read-only (sqlite.ReadOnlyError).
	ErrReadOnly = errors.New("read-only")
	// ErrNeedsMigration means a ledger opened read-only has an older
	// schema, and bringing it up to date needs a write.
	ErrNeedsMigration = errors.New("the ledger needs a migration")
)

// AlreadyImportedError means the ledger has an import of a file with the
// same SHA-256 (Prev): importing it again would change nothing.
type AlreadyImportedError struct{ Prev Import }

func (e *AlreadyImportedError) Error() string {
	return fmt.Sprintf("already imported as import %d (%s)", e.Prev.ID, e.Prev.File)
}
