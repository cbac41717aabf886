// Package csqlite is a thin layer over SQLite's C API as modernc.org/sqlite/lib
// exposes it, for the import's hot path.
//
// database/sql and the modernc driver cost about 0.2 µs per bound value
// (parameter-name look-up, argument conversion, one C allocation per text),
// more than SQLite's own work for a row of small values. Here text and blobs
// are copied into one C buffer per statement and bound without a copy
// (SQLITE_STATIC), so an import of a million 18-value rows spends its time in
// SQLite. The ledger uses database/sql everywhere else.
//
// A Conn and its statements belong to one goroutine at a time.
package csqlite

import (
	"errors"
	"fmt"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// Error is a failed SQLite call: its extended result code and message.
type Error struct {
	Code int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s (%d)", e.Msg, e.Code) }

// IsBusy reports whether err is SQLITE_BUSY or one of its extended codes.
func IsBusy(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Code&0xff == sqlite3.SQLITE_BUSY
}

// Conn is one database connection.
type Conn struct {
	tls *libc.TLS
	db  uintptr
}

// Open opens an existing database file for reading and writing.
func Open(path string) (*Conn, error) {
	c := &Conn{tls: libc.NewTLS()}
	name, err := libc.CString(path)
	if err != nil {
		c.tls.Close()
		return nil, err
	}
	defer libc.Xfree(c.tls, name)
	pdb := c.tls.Alloc(int(unsafe.Sizeof(uintptr(0))))
	defer c.tls.Free(int(unsafe.Sizeof(uintptr(0))))
	rc := sqlite3.Xsqlite3_open_v2(c.tls, name, pdb, sqlite3.SQLITE_OPEN_READWRITE|sqlite3.SQLITE_OPEN_NOMUTEX, 0)
	c.db = *(*uintptr)(ptr(pdb))
	if rc != sqlite3.SQLITE_OK {
		err := c.errorf(rc)
		c.Close()
		return nil, err
	}
	sqlite3.Xsqlite3_extended_result_codes(c.tls, c.db, 1)
	return c, nil
}

// Close closes the connection and its unfinalised statements' memory is
// the caller's to free first (Stmt.Close).
func (c *Conn) Close() error {
	var err error
	if c.db != 0 {
		if rc := sqlite3.Xsqlite3_close_v2(c.tls, c.db); rc != sqlite3.SQLITE_OK {
			err = c.errorf(rc)
		}
		c.db = 0
	}
	if c.tls != nil {
		c.tls.Close()
		c.tls = nil
	}
	return err
}

// Exec runs SQL without parameters (one or more statements).
func (c *Conn) Exec(query string) error {
	q, err := libc.CString(query)
	if err != nil {
		return err
	}
	defer libc.Xfree(c.tls, q)
	if rc := sqlite3.Xsqlite3_exec(c.tls, c.db, q, 0, 0, 0); rc != sqlite3.SQLITE_OK {
		return c.errorf(rc)
	}
	return nil
}

// Changes is the number of rows the last INSERT, UPDATE or DELETE changed.
func (c *Conn) Changes() int64 { return sqlite3.Xsqlite3_changes64(c.tls, c.db) }

// LastInsertRowID is the rowid of the last row inserted.
func (c *Conn) LastInsertRowID() int64 { return sqlite3.Xsqlite3_last_insert_rowid(c.tls, c.db) }

func (c *Conn) errorf(rc int32) error {
	msg := sqlite3.Xsqlite3_errstr(c.tls, rc)
	if c.db != 0 {
		msg = sqlite3.Xsqlite3_errmsg(c.tls, c.db)
		rc = sqlite3.Xsqlite3_extended_errcode(c.tls, c.db)
	}
	return &Error{Code: int(rc), Msg: libc.GoString(msg)}
}

// Stmt is a prepared statement. Bind its parameters (1-based), then Step
// until it returns false, then Reset to use it again. A bind error is kept
// and returned by the next Step.
type Stmt struct {
	c     *Conn
	p     uintptr
	err   error
	buf   uintptr // C memory the bound texts and blobs point into
	size  int
	used  int
	spare []uintptr // buffers outgrown since the last Reset
	all   bool      // see BindsAll
}

// BindsAll says that the caller binds every parameter before each run, so
// that Reset need not set them all back to NULL: for a multi-row INSERT of
// hundreds of parameters, that pass cost about 3% of an import's writer.
func (s *Stmt) BindsAll() { s.all = true }

// Prepare compiles one SQL statement.
func (c *Conn) Prepare(query string) (*Stmt, error) {
	q, err := libc.CString(query)
	if err != nil {
		return nil, err
	}
	defer libc.Xfree(c.tls, q)
	pp := c.tls.Alloc(int(unsafe.Sizeof(uintptr(0))))
	defer c.tls.Free(int(unsafe.Sizeof(uintptr(0))))
	if rc := sqlite3.Xsqlite3_prepare_v2(c.tls, c.db, q, -1, pp, 0); rc != sqlite3.SQLITE_OK {
		return nil, c.errorf(rc)
	}
	return &Stmt{c: c, p: *(*uintptr)(ptr(pp))}, nil
}

// Close finalises the statement and frees its memory.
func (s *Stmt) Close() {
	if s.p != 0 {
		sqlite3.Xsqlite3_finalize(s.c.tls, s.p)
		s.p = 0
	}
	s.freeBuffers()
	if s.buf != 0 {
		libc.Xfree(s.c.tls, s.buf)
		s.buf, s.size = 0, 0
	}
}

func (s *Stmt) freeBuffers() {
	for _, b := range s.spare {
		libc.Xfree(s.c.tls, b)
	}
	s.spare = s.spare[:0]
}

func (s *Stmt) check(rc int32) {
	if rc != sqlite3.SQLITE_OK && s.err == nil {
		s.err = s.c.errorf(rc)
	}
}

// Int64 binds an integer.
func (s *Stmt) Int64(i int, v int64) { s.check(sqlite3.Xsqlite3_bind_int64(s.c.tls, s.p, int32(i), v)) }

// Null binds NULL.
func (s *Stmt) Null(i int) { s.check(sqlite3.Xsqlite3_bind_null(s.c.tls, s.p, int32(i))) }

// NullInt64 binds v, or NULL when valid is false.
func (s *Stmt) NullInt64(i int, v int64, valid bool) {
	if valid {
		s.Int64(i, v)
	} else {
		s.Null(i)
	}
}

// Text binds a string. SQLite reads it from the statement's buffer until
// the next Reset.
func (s *Stmt) Text(i int, v string) {
	p := s.copyIn(len(v), unsafe.StringData(v))
	s.check(sqlite3.Xsqlite3_bind_text(s.c.tls, s.p, int32(i), p, int32(len(v)), 0))
}

// Blob binds bytes, like Text.
func (s *Stmt) Blob(i int, v []byte) {
	p := s.copyIn(len(v), unsafe.SliceData(v))
	s.check(sqlite3.Xsqlite3_bind_blob(s.c.tls, s.p, int32(i), p, int32(len(v)), 0))
}

// copyIn copies n bytes from src into the statement's buffer and returns
// their C address. A full buffer is kept (values bound earlier point into
// it) and replaced by one twice the size.
func (s *Stmt) copyIn(n int, src *byte) uintptr {
	if s.used+n+1 > s.size {
		if s.buf != 0 {
			s.spare = append(s.spare, s.buf)
		}
		s.size = max(2*s.size, n+1, 4096)
		s.buf = libc.Xmalloc(s.c.tls, uint64(s.size))
		if s.buf == 0 {
			panic("csqlite: out of memory")
		}
		s.used = 0
	}
	p := s.buf + uintptr(s.used)
	if n > 0 {
		copy(unsafe.Slice((*byte)(ptr(p)), n), unsafe.Slice(src, n))
	}
	s.used += n + 1 // a spare byte keeps an empty value's pointer non-NULL
	return p
}

// Step runs the statement to its next row: true when there is one, false
// when it is done.
func (s *Stmt) Step() (bool, error) {
	if s.err != nil {
		return false, s.err
	}
	switch rc := sqlite3.Xsqlite3_step(s.c.tls, s.p); rc {
	case sqlite3.SQLITE_ROW:
		return true, nil
	case sqlite3.SQLITE_DONE:
		return false, nil
	default:
		return false, s.c.errorf(rc)
	}
}

// Exec steps the statement to its end and resets it.
func (s *Stmt) Exec() error {
	for {
		row, err := s.Step()
		if err != nil {
			s.Reset()
			return err
		}
		if !row {
			return s.Reset()
		}
	}
}

// Reset makes the statement ready to bind and run again. Every parameter
// is NULL again (unless BindsAll): the memory its text or blob pointed into
// is reused.
func (s *Stmt) Reset() error {
	rc := sqlite3.Xsqlite3_reset(s.c.tls, s.p)
	if !s.all {
		sqlite3.Xsqlite3_clear_bindings(s.c.tls, s.p)
	}
	s.err = nil
	s.used = 0
	s.freeBuffers()
	if rc != sqlite3.SQLITE_OK {
		return s.c.errorf(rc)
	}
	return nil
}

// ColumnInt64 is column i (0-based) of the current row as an integer.
func (s *Stmt) ColumnInt64(i int) int64 { return sqlite3.Xsqlite3_column_int64(s.c.tls, s.p, int32(i)) }

// ColumnNull reports whether column i of the current row is NULL.
func (s *Stmt) ColumnNull(i int) bool {
	return sqlite3.Xsqlite3_column_type(s.c.tls, s.p, int32(i)) == sqlite3.SQLITE_NULL
}

// ColumnBytes is column i of the current row as bytes; they are valid
// until the next Step or Reset.
func (s *Stmt) ColumnBytes(i int) []byte {
	p := sqlite3.Xsqlite3_column_blob(s.c.tls, s.p, int32(i))
	n := sqlite3.Xsqlite3_column_bytes(s.c.tls, s.p, int32(i))
	if p == 0 || n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(ptr(p)), n)
}

// ColumnText is column i of the current row as a string (a copy).
func (s *Stmt) ColumnText(i int) string { return string(s.ColumnBytes(i)) }

// ptr turns the address of C memory, which the Go garbage collector does
// not manage, into a pointer.
func ptr(p uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }
