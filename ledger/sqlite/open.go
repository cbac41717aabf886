package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// ApplicationID is what a ledger's SQLite header holds at offset 68
// (PRAGMA application_id): "CrLg" in ASCII, 0x43724C67. It is not among
// the ids registered in SQLite's magic.txt. A file whose header holds
// another id belongs to another application and is never opened as a
// ledger; one whose header holds none (0) is a ledger only when it has the
// schema_migrations table with migration 1 applied, as every ledger made
// before the id existed has, and it gets the id when it is next opened for
// writing.
const ApplicationID = 0x43724C67

// sqliteMagic starts every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// header is what identify learnt from the first bytes of a file.
type header struct {
	// unmarked: a valid SQLite file without an application id, which may
	// be a ledger made before ApplicationID existed.
	unmarked bool
}

// NotLedgerError means the file at Path is not a ledger: another
// application's SQLite file, an empty file, something else altogether.
// Nothing was read from it beyond its header, and nothing was written.
type NotLedgerError struct {
	Path string
	Why  string // what the file is instead, e.g. "an empty file, 0 bytes"
}

func (e *NotLedgerError) Error() string {
	return fmt.Sprintf("%s: %v (%s)", e.Path, ledger.ErrNotLedger, e.Why)
}

func (e *NotLedgerError) Unwrap() error { return ledger.ErrNotLedger }

// identifyLedger is identify, then checkUnmarked for an unmarked header:
// what Open and OpenReadOnly ask of a file before they open it.
func identifyLedger(ctx context.Context, path string) (header, error) {
	h, err := identify(path)
	if err == nil && h.unmarked {
		err = checkUnmarked(ctx, path)
	}
	return h, err
}

// identify tells, from the file's type and its first 100 bytes only, whether
// the file at path may be opened as a ledger: O(1), whatever the ledger's
// size. A file that does not exist is ErrNoLedger; one that is not a ledger
// a *NotLedgerError. An unmarked header (no application id) still needs
// checkUnmarked.
func identify(path string) (header, error) {
	lst, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return header{}, fmt.Errorf("%s: %w", path, ledger.ErrNoLedger)
	}
	if err != nil {
		return header{}, fmt.Errorf("open ledger %s: %w", path, err)
	}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) && lst.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(path)
		return header{}, &NotLedgerError{path, fmt.Sprintf("a symbolic link to %s, which does not exist", target)}
	}
	if err != nil {
		return header{}, fmt.Errorf("open ledger %s: %w", path, err)
	}
	switch {
	case st.IsDir():
		return header{}, &NotLedgerError{path, "a directory"}
	case !st.Mode().IsRegular():
		return header{}, &NotLedgerError{path, "not a regular file"}
	case st.Size() == 0:
		return header{}, &NotLedgerError{path, "an empty file, 0 bytes"}
	}
	f, err := os.Open(path)
	if err != nil {
		return header{}, fmt.Errorf("open ledger %s: %w", path, err)
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return header{}, &NotLedgerError{path, "not an SQLite file"}
	} else if err != nil {
		return header{}, fmt.Errorf("open ledger %s: %w", path, err)
	}
	if !bytes.HasPrefix(h[:], []byte(sqliteMagic)) {
		return header{}, &NotLedgerError{path, "not an SQLite file"}
	}
	switch id := binary.BigEndian.Uint32(h[68:72]); id {
	case ApplicationID:
		return header{}, nil
	case 0:
		return header{unmarked: true}, nil
	default:
		return header{}, &NotLedgerError{path, fmt.Sprintf("an SQLite file of another application, application id %#08x", id)}
	}
}

// checkUnmarked tells whether an SQLite file without an application id is
// a ledger made before ApplicationID existed: it has schema_migrations with
// migration 1 applied. It reads the file through a connection that can
// neither write nor leave files beside it (immutable: no -shm, no -wal),
// and looks up one row.
func checkUnmarked(ctx context.Context, path string) error {
	sdb, err := sql.Open("sqlite", fileURI(path, "mode=ro&immutable=1"))
	if err != nil {
		return fmt.Errorf("open ledger %s: %w", path, err)
	}
	defer sdb.Close()
	var tables int
	if err := sdb.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&tables); err != nil {
		return fmt.Errorf("open ledger %s: %w", path, err)
	}
	if tables == 0 {
		return &NotLedgerError{path, "an SQLite file of another application"}
	}
	var first int
	err = sdb.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = 1`).Scan(&first)
	if err != nil || first == 0 {
		return &NotLedgerError{path, "an SQLite file of another application, with a table schema_migrations of its own"}
	}
	return nil
}

// mark gives a ledger made before ApplicationID existed the id.
func (db *DB) mark(ctx context.Context) error {
	if _, err := db.sql.ExecContext(ctx, `PRAGMA application_id = `+strconv.Itoa(ApplicationID)); err != nil {
		return fmt.Errorf("open ledger %s: set its application id: %w", db.path, err)
	}
	return nil
}

// fileURI is path as an SQLite URI with query q: SQLite's own parameters
// (mode, immutable) work only in this form (modernc.org/sqlite's Driver).
func fileURI(path, q string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	s := u.String() // file:///abs/path, escaped
	if q != "" {
		s += "?" + q
	}
	return s
}

// ReadOnlyError means the ledger cannot be written where it is: the file,
// its directory (a write adds SQLite's log files beside the ledger) or the
// file system is read-only. Place says which, by name.
type ReadOnlyError struct {
	Path  string
	Place string // e.g. "the directory /mnt/archive is not writable"
}

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("%s: the ledger is %v: %s", e.Path, ledger.ErrReadOnly, e.Place)
}

func (e *ReadOnlyError) Unwrap() error { return ledger.ErrReadOnly }

// checkWritable tells whether the ledger at path can be written: the file
// and its directory. Two access(2) calls; root passes every check but a
// read-only file system.
func checkWritable(path string) error {
	dir := filepath.Dir(path)
	if real, err := filepath.EvalSymlinks(path); err == nil {
		dir = filepath.Dir(real) // where SQLite puts the log files
	}
	if err := canWrite(path); err != nil {
		if errors.Is(err, errReadOnlyFS) {
			return &ReadOnlyError{path, "the file system holding " + dir + " is read-only"}
		}
		return &ReadOnlyError{path, "the file is not writable (" + modeString(path) + ")"}
	}
	if err := canWrite(dir); err != nil {
		if errors.Is(err, errReadOnlyFS) {
			return &ReadOnlyError{path, "the file system holding " + dir + " is read-only"}
		}
		return &ReadOnlyError{path, "the directory " + dir + " is not writable (a write adds the ledger's log files there)"}
	}
	return nil
}

// modeString is the permissions of the file at path, for messages.
func modeString(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "mode unknown"
	}
	return fmt.Sprintf("mode %04o", st.Mode().Perm())
}

// OpenReadOnly opens an existing ledger for reading only, where it cannot be
// written (a read-only file, directory or file system): reports, export,
// the list of imports and backups work, every write fails. It applies no
// migration: a ledger that needs one is refused with ErrNeedsMigration. It
// leaves no file beside the ledger: the connection is immutable (no -shm,
// no -wal) unless the ledger has a write-ahead log with changes not yet in
// the ledger file, which must then be read through SQLite's shared memory.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if _, err := identifyLedger(ctx, path); err != nil {
		return nil, err
	}
	wal, shm := sidecars(path)
	modes := tighten(path, []string{wal, shm})
	q := url.Values{}
	q.Add("mode", "ro")
	if st, err := os.Stat(wal); err != nil || st.Size() == 0 {
		q.Add("immutable", "1")
	} else if _, err := os.Stat(shm); errors.Is(err, fs.ErrNotExist) && canWrite(filepath.Dir(shm)) != nil {
		// SQLite reads a log through the -shm file, and cannot make one.
		return nil, &ReadOnlyError{path, fmt.Sprintf("the directory %s is not writable, and reading the changes that %s holds (a command that did not finish left them) needs a file beside it: open the ledger once where it can be written",
			filepath.Dir(shm), wal)}
	}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(BusyTimeout.Milliseconds(), 10)+")")
	sdb, err := sql.Open("sqlite", fileURI(path, q.Encode()))
	if err != nil {
		return nil, fmt.Errorf("open ledger %s: %w", path, err)
	}
	db := &DB{sql: sdb, path: path, readOnly: true, Now: time.Now}
	if err := db.checkMigrated(ctx); err != nil {
		sdb.Close()
		return nil, err
	}
	db.modes = modes
	return db, nil
}

// sidecars are the names of the ledger's write-ahead log and its shared
// memory file: beside the file that path names, through any symbolic link,
// as SQLite puts them.
func sidecars(path string) (wal, shm string) {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	return path + "-wal", path + "-shm"
}

// checkMigrated tells whether the ledger has every migration this
// creatorledger knows, without writing.
func (db *DB) checkMigrated(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var tables int
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&tables); err != nil {
		return fmt.Errorf("open ledger %s: %w", db.path, err)
	}
	applied := map[int]bool{}
	if tables > 0 {
		rows, err := db.sql.QueryContext(ctx, `SELECT version FROM schema_migrations`)
		if err != nil {
			return fmt.Errorf("open ledger %s: %w", db.path, err)
		}
		defer rows.Close()
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				return fmt.Errorf("open ledger %s: %w", db.path, err)
			}
			applied[v] = true
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("open ledger %s: %w", db.path, err)
		}
	}
	if err := newerThanUs(applied, ms); err != nil {
		return fmt.Errorf("open ledger %s: %w", db.path, err)
	}
	var missing []string
	for _, m := range ms {
		if !applied[m.version] {
			missing = append(missing, strings.TrimSuffix(filepath.Base(m.name), ".sql"))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s: %w to this creatorledger's schema (%s), which cannot be written here", db.path, ledger.ErrNeedsMigration, strings.Join(missing, ", "))
	}
	return nil
}

// ModeNote is a file of the ledger that Open found readable or writable by
// other users than its owner (looser than 0600): Tightened says whether
// Open took their permissions away, Err why it could not.
type ModeNote struct {
	Path      string
	Was       fs.FileMode
	Tightened bool
	Err       error // when not tightened
}

// ReadOnly reports whether the ledger was opened by OpenReadOnly.
func (db *DB) ReadOnly() bool { return db.readOnly }

// ModeNotes lists the ledger's files that were open to other users when
// the ledger was opened (see ModeNote).
func (db *DB) ModeNotes() []ModeNote { return db.modes }

// tighten takes away from the ledger file at path, and from the log files
// beside it (sidecars: -wal, -shm), what other users than the owner may do
// with them, when this process owns them; others are only noted. A sidecar
// this process owns but cannot write (an earlier version's read of a
// read-only ledger left them at 0400) is made writable again, so it cannot
// break the next import. One stat each.
func tighten(path string, sidecars []string) []ModeNote {
	var notes []ModeNote
	for i, p := range append([]string{path}, sidecars...) {
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		perm := st.Mode().Perm()
		want := perm &^ 0o077
		if i > 0 {
			want |= 0o600
		}
		if want == perm {
			continue
		}
		err = nil
		if !ownedByUs(st) {
			err = errors.New("it belongs to another user")
		} else {
			err = os.Chmod(p, want)
		}
		if perm&0o077 != 0 {
			notes = append(notes, ModeNote{Path: p, Was: perm, Tightened: err == nil, Err: err})
		}
	}
	return notes
}
