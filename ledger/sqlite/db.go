package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// DB is an open ledger file.
type DB struct {
	sql  *sql.DB
	path string
	// unshared: the ledger is being built by CreateUnshared and no other
	// process can see it yet (see there).
	unshared bool
	// readOnly: opened by OpenReadOnly.
	readOnly bool
	// modes: what Open found of the files' permissions (ModeNotes).
	modes []ModeNote

	// Now is the clock; tests replace it to make output deterministic.
	Now func() time.Time
}

// BusyTimeout is how long a writer waits for another writer (a second import
// running at the same time) before giving up.
const BusyTimeout = 10 * time.Minute

// dsn builds the connection string. Per-connection pragmas must be in the DSN:
// a one-off PRAGMA statement reaches only one pooled connection. Write
// transactions begin IMMEDIATE so two importers queue on the busy timeout
// instead of failing to upgrade a read lock.
func dsn(path string) string { return dsnFor(path, false) }

func dsnFor(path string, unshared bool) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(BusyTimeout.Milliseconds(), 10)+")")
	q.Add("_pragma", "journal_mode("+journalMode(unshared)+")")
	q.Add("_pragma", "synchronous("+synchronous(unshared)+")")
	if unshared {
		// A new file (CreateUnshared): its pages get their size with the
		// first connection. Its settings run in alphabetical order, and
		// journal_mode (not the log here) writes nothing before page_size.
		q.Add("_pragma", pageSizePragma)
	}
	q.Add("_txlock", "immediate")
	return path + "?" + q.Encode()
}

// journalMode and synchronous are the connection settings of a shared
// ledger (write-ahead log: readers run during an import, and a crash loses
// at most the last commit) and of one that CreateUnshared builds.
func journalMode(unshared bool) string {
	if unshared {
		return "truncate"
	}
	return "wal"
}

func synchronous(unshared bool) string {
	if unshared {
		return "off"
	}
	return "normal"
}

// Create opens the ledger at path, creating the file (mode 0600) and its
// directory when missing, and applies any pending migrations. A file that
// exists already is opened as Open does: one that is not a ledger (an
// empty file among them) is refused.
//
// A new ledger's first page, with its page size and ApplicationID, is
// written under a temporary name beside path and linked to path: path never
// names an empty file, which would not be a ledger to a command that opens
// it meanwhile. Its tables are made as it is opened (migrate).
func Create(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		if err := createFile(ctx, path); err != nil {
			return nil, err
		}
	}
	return Open(ctx, path)
}

// createFile makes the first page of a new ledger at path, unless another
// command makes one first.
func createFile(ctx context.Context, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create ledger directory: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".init-*") // mode 0600
	if err != nil {
		return fmt.Errorf("create ledger %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Close(); err != nil {
		return fmt.Errorf("create ledger %s: %w", path, err)
	}
	if err := setPageSize(ctx, tmp); err != nil {
		return fmt.Errorf("create ledger %s: %w", path, err)
	}
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create ledger %s: %w", path, err)
	}
	return nil
}

// pageSize is the page size of a new ledger (an existing one keeps its
// own). Larger pages than SQLite's 4 KiB mean fewer page writes and b-tree
// splits: 8 KiB took 10% off a first import of 1M rows and a re-import;
// 16 KiB, once daily totals were a row a day, 3-6% more, and 32 KiB 4-7%
// more again; 64 KiB was slower (docs/performance.md). A new ledger is
// about 0.6 MB before its first entry.
const pageSize = 32768

// pageSizePragma sets pageSize on a connection (see setPageSize).
var pageSizePragma = "page_size(" + strconv.Itoa(pageSize) + ")"

// setPageSize gives the new, empty file at path pageSize pages. A page
// size applies until the first page is written, and the connection
// settings in dsnFor run in an order that switches to the write-ahead log,
// which writes it, first: so the file gets its first page here, by the
// write of its ApplicationID.
func setPageSize(ctx context.Context, path string) error {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(BusyTimeout.Milliseconds(), 10)+")")
	q.Add("_pragma", pageSizePragma)
	sdb, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return err
	}
	_, err = sdb.ExecContext(ctx, `PRAGMA application_id = `+strconv.Itoa(ApplicationID))
	if cerr := sdb.Close(); err == nil {
		err = cerr
	}
	return err
}

// CreateUnshared creates a new ledger at path that no other process uses
// until it is closed and moved into place: the first import builds the
// ledger beside its final name (cmd/creatorledger). Such a ledger does not
// need the write-ahead log that lets readers run beside an import, nor the
// syncs that keep it whole through a crash, since a crash leaves only a
// file nobody will use. Without them, an import writes each new page once,
// straight to the file, instead of to the log and then again to the file:
// the first import of a million rows takes a third less time.
//
// Share switches the ledger to the settings of any other ledger and must
// be called, and the file synced, before the ledger is moved into place.
// path may exist already as an empty file (os.CreateTemp makes one).
func CreateUnshared(ctx context.Context, path string) (*DB, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create ledger %s: %w", path, err)
	}
	st, err := f.Stat()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && st.Size() != 0 {
		err = errors.New("the file is not new")
	}
	if err != nil {
		return nil, fmt.Errorf("create ledger %s: %w", path, err)
	}
	return open(ctx, path, true)
}

// Share gives a ledger made by CreateUnshared the write-ahead log of every
// shared ledger. No import may be running.
func (db *DB) Share(ctx context.Context) error {
	if !db.unshared {
		return nil
	}
	if _, err := db.sql.ExecContext(ctx, `PRAGMA journal_mode = wal`); err != nil {
		return fmt.Errorf("ledger %s: %w", db.path, err)
	}
	db.unshared = false
	return nil
}

// Open opens an existing ledger for reading and writing and applies any
// pending migrations. It returns an error wrapping ErrNoLedger when the
// file does not exist, a *NotLedgerError (ErrNotLedger) when it is not a
// ledger (see ApplicationID), and a *ReadOnlyError (ErrReadOnly) when it
// cannot be written where it is (OpenReadOnly can read it). The checks
// read the file's header and, for a ledger made before ApplicationID, one
// row: nothing that grows with the ledger. Open tightens the permissions
// of the ledger's files (ModeNotes).
func Open(ctx context.Context, path string) (*DB, error) {
	h, err := identifyLedger(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := checkWritable(path); err != nil {
		return nil, err
	}
	wal, shm := sidecars(path)
	modes := tighten(path, []string{wal, shm})
	db, err := open(ctx, path, false)
	if err != nil {
		return nil, err
	}
	db.modes = modes
	if h.unmarked {
		if err := db.mark(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

func open(ctx context.Context, path string, unshared bool) (*DB, error) {
	sdb, err := sql.Open("sqlite", dsnFor(path, unshared))
	if err != nil {
		return nil, fmt.Errorf("open ledger %s: %w", path, err)
	}
	db := &DB{sql: sdb, path: path, unshared: unshared, Now: time.Now}
	// Switching a new file to WAL needs a lock that SQLite does not wait
	// for: when two processes create the ledger at once, one sees
	// SQLITE_BUSY at once. Wait and try again, as the busy timeout would.
	deadline := time.Now().Add(BusyTimeout)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, time.Second) {
		err = db.migrate(ctx)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
			err = ctx.Err()
		case <-time.After(wait):
			continue
		}
		break
	}
	if err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open ledger %s: %w", path, err)
	}
	return db, nil
}

// isBusy reports whether err is SQLite's SQLITE_BUSY (or one of its
// extended codes).
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// Path is the ledger's file name.
func (db *DB) Path() string { return db.path }

// Close closes the ledger.
func (db *DB) Close() error { return db.sql.Close() }

// Setting returns a ledger setting, or "" when it is not set.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.sql.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores a ledger setting.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	_, err := db.sql.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("write setting %s: %w", key, err)
	}
	return nil
}
