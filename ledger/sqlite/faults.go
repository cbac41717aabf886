package sqlite

import (
	"errors"
	"syscall"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/internal/csqlite"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteCode is the primary SQLite result code err carries (SQLITE_FULL,
// SQLITE_CORRUPT, …), from either connection the ledger uses, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	var ce *csqlite.Error
	if errors.As(err, &ce) {
		return ce.Code & 0xff
	}
	return 0
}

// IsDiskFull reports whether err is a write that found no room left:
// SQLite's SQLITE_FULL ("database or disk is full") or the system's ENOSPC
// (or EDQUOT, a full quota).
func IsDiskFull(err error) bool {
	return err != nil && (sqliteCode(err) == sqlite3.SQLITE_FULL ||
		errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT))
}

// IsCorrupt reports whether err says the ledger file is damaged: ErrCorrupt
// (QuickCheck), or SQLite finding a damaged page (SQLITE_CORRUPT) or no
// database at all (SQLITE_NOTADB) while it read.
func IsCorrupt(err error) bool {
	if err == nil {
		return false
	}
	code := sqliteCode(err)
	return errors.Is(err, ledger.ErrCorrupt) || code == sqlite3.SQLITE_CORRUPT || code == sqlite3.SQLITE_NOTADB
}
