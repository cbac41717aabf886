package ledger

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/creatorledger/creatorledger/ledger/internal/csqlite"
)

// Import is the record of one imported file.
type Import struct {
	ID         int64
	File       string // base name of the file as given
	Source     string // importer name
	SHA256     string // hex digest of the file's bytes
	ImportedAt time.Time
	Counts
	// The entries the import added are those with ids FirstEntry to
	// LastEntry (none when LastEntry < FirstEntry).
	FirstEntry, LastEntry int64
}

// Counts summarises what an import did with the file's entries.
type Counts struct {
	Rows       int // entries read from the file
	New        int // entries added
	Duplicates int // entries the ledger already had, unchanged
	Updated    int // entries the ledger had whose amount, status, views or texts changed
	Rounded    int // amounts with more than six decimals, rounded half-even
}

// ImportTx is an import in progress: one write transaction for one file.
// Nothing is visible to other readers until Commit; Rollback (or an error)
// leaves the ledger as it was.
//
// Entries are handled in batches of batchSize, in a pipeline of three
// goroutines that share the cores: the caller's, which parses, validates
// and queues them (Add); a keyer, which gives them their keys (keyer); and
// a writer, which looks the keys up in the ledger, inserts the new entries
// with multi-row INSERTs and merges the known ones (flush). The file rows
// go to import_rows in runs and the daily totals are added up per group.
// An import into a ledger without entries (bulk) needs no look-ups, and
// writes its keys (a block a day: key_blocks) and totals in sorted runs as
// it goes; its caller
// keys the entries itself, so that the writer has a core of its own.
type ImportTx struct {
	db      *DB
	ctx     context.Context
	c       *csqlite.Conn // the import's own connection (see BeginImport)
	open    bool          // its transaction is open
	rec     Import        // Rows and Rounded are the caller's; the writer fills out
	cur     *batch        // the batch being filled
	closed  bool
	stopped bool // the pipeline was told to finish (stop)

	statements []StatementBalance // what Commit records of the file's balances

	// The keying state (see keyer): the entries' keys, and in a bulk
	// import the counts, file rows and key rows it collects. The keyer
	// goroutine's, or in a bulk import the caller's.
	keying chan *batch   // filled batches, in file order
	kdone  chan struct{} // closed when the keyer has stopped
	occ    *occurrences
	idBuf  []byte
	refs   classRefs // the writer's instead when the import is not bulk
	keyDay dayCache

	// The first error of the keyer or the writer, which stops the import.
	errMu    sync.Mutex
	firstErr error

	// digest computes the file's SHA-256 when the import began without it
	// (BeginImportFile), on the writer goroutine while it waits for work
	// (and in a bulk import also on the caller's while the writer is
	// behind).
	digest *fileDigest

	// The writer goroutine's state (in a bulk import, the counts and file
	// rows are the keying state); the caller reads it after done.
	work      chan *batch   // full batches, in file order
	free      chan *batch   // batches to fill again
	done      chan struct{} // closed when the writer has stopped
	failed    atomic.Bool   // firstErr is set: stop adding
	out       Counts        // New, Duplicates, Updated
	groups    map[Group]*Counts
	fresh     []pending // the batch's new entries, reused
	acct      map[string]int64
	found     map[Key]knownKey
	totals    totalsDelta
	totalsOut totalsWriter
	run       rowRun    // file rows of new and updated entries
	members   memberRun // the duplicates: entries the import holds but did not write (membership.go)
	stmts     importStmts

	lastGroupKey Group
	lastGroup    *Counts
	entryDay     dayCache // for insertEntries
	lastTotalKey totalKey
	lastTotal    int32 // the place of lastTotalKey in totals, or -1
	totalRows    []totalRow
	classIDs     []int64 // by class ref, 0 until classOf looks it up
	classReps    []Entry // by class ref: an entry of the class

	insertFirst bool  // the last batch was mostly new (see flush)
	nextID      int64 // the id the next new entry gets

	// Look-ups by day (see lookUp).
	perDay     bool
	day        dayKeys
	dayReads   int
	dayLookUps int
	ask        []Key
	blocks     *keyBlocks // nil when the ledger has no key blocks
	// noKeyRows: entry_keys had no rows when the import began (a ledger
	// of one bulk import keeps its keys in blocks), so only blocks can
	// have a key it looks up: the keys it adds are its own, and unique.
	noKeyRows bool

	// bulk: the ledger had no entries when the import began, so every
	// entry is new (an import's keys are unique) and the key table is
	// written in key order (keySorter). The caller then keys and counts the
	// entries and collects their file rows (added) and keys; the writer
	// sorts the keys, adds up the daily totals and runs SQLite.
	bulk      bool
	keys      *keySorter       // the writer's: the key rows, to write in key order
	blockDays map[[4]byte]bool // the writer's: days that have their block
	blockBuf  []byte
	classNew  []int // new entries by class ref, for groups (foldClassCounts)
}

// batch is one unit of the writer's work.
type batch struct {
	ps      []pending
	classes []Entry  // the classes (classRefs) first seen in this batch
	run     rowRun   // in a bulk import, file rows the caller collected, to store
	keys    []keyRow // in a bulk import, key rows the caller collected, to sort and store
}

// pending is an entry waiting for its batch to be written.
type pending struct {
	key     Key
	e       Entry
	amount  int64
	version int64 // versionOf the entry
	class   int32 // the entry's class ref (classRefs), in a bulk import
}

// pipelineDepth is how many full batches may wait for the writer, so that
// short stalls on either side (a garbage collection, a page spill) do not
// stop the other.
const pipelineDepth = 16

// batchSize is how many entries one look-up query covers.
const batchSize = 128

// insertSizes are the row counts of the prepared multi-row INSERTs; a batch
// of new entries is written with the fewest statements these sizes add up to.
var insertSizes = []int{128, 32, 8, 1}

const entryColumns = `(day, class_id, amount, external_id, views, qualified_views, status, counterparty,
	description, line, created_import, import_id)`

// entryParams is how many values of an entry are bound (entryPlaceholders).
const entryParams = 10

// entryPlaceholders are the values of one entry; the import's id, the same
// for every row, is written into the statement instead of bound each time.
func entryPlaceholders(importID int64) string {
	id := strconv.FormatInt(importID, 10)
	return "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + id + ", " + id + ")"
}

type importStmts struct {
	probe, dayKeys, stored, history, update, setVersion, takeBack *csqlite.Stmt
	account, newAccount, class, newClass, rows, maxID             *csqlite.Stmt
	findSHA, setCounts, blockKeys, insertBlock                    *csqlite.Stmt
	members                                                       *csqlite.Stmt // prepared when first needed
	putFacts, readFacts, carryFacts                               *csqlite.Stmt // the same (invoice.go)
	days                                                          *csqliteDays
	insert, insertKeys                                            map[int]*csqlite.Stmt
}

func (s *importStmts) close() {
	for _, st := range []*csqlite.Stmt{s.probe, s.dayKeys, s.stored, s.history, s.update, s.setVersion, s.takeBack,
		s.account, s.newAccount, s.class, s.newClass, s.rows, s.maxID, s.findSHA, s.setCounts, s.blockKeys,
		s.insertBlock, s.members, s.putFacts, s.readFacts, s.carryFacts} {
		if st != nil {
			st.Close()
		}
	}
	for _, m := range []map[int]*csqlite.Stmt{s.insert, s.insertKeys} {
		for _, st := range m {
			st.Close()
		}
	}
	if s.days != nil {
		s.days.close()
	}
}

// Import returns the import with this id, or an error wrapping ErrNotFound.
func (db *DB) Import(ctx context.Context, id int64) (Import, error) {
	return queryImport(ctx, db.sql, `WHERE id = ?`, id)
}

// Imports lists every import, oldest first.
func (db *DB) Imports(ctx context.Context) ([]Import, error) {
	rows, err := db.sql.QueryContext(ctx, importSelect+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	defer rows.Close()
	var out []Import
	for rows.Next() {
		im, err := scanImport(rows)
		if err != nil {
			return nil, fmt.Errorf("list imports: %w", err)
		}
		out = append(out, im)
	}
	return out, rows.Err()
}

const importSelect = `SELECT id, file, source, sha256, imported_at, rows, new, duplicates, updated, rounded,
	first_entry, last_entry FROM imports `

// queryImport reads one import through q (the ledger, or a transaction).
func queryImport(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, where string, arg any) (Import, error) {
	im, err := scanImport(q.QueryRowContext(ctx, importSelect+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return Import{}, fmt.Errorf("import %v: %w", arg, ErrNotFound)
	}
	if err != nil {
		return Import{}, fmt.Errorf("read import %v: %w", arg, err)
	}
	return im, nil
}

func scanImport(s interface{ Scan(...any) error }) (Import, error) {
	var im Import
	var at string
	err := s.Scan(&im.ID, &im.File, &im.Source, &im.SHA256, &at, &im.Rows, &im.New, &im.Duplicates, &im.Updated, &im.Rounded,
		&im.FirstEntry, &im.LastEntry)
	if err != nil {
		return im, err
	}
	im.ImportedAt, err = time.Parse(time.RFC3339, at)
	return im, err
}

// BeginImport starts importing one file, whose SHA-256 in hex is sha. The
// import record is written first so entries can point at it; its counts
// are filled in by Commit.
//
// The import has a connection of its own, through SQLite's C API
// (ledger/internal/csqlite): binding a million rows through database/sql
// took longer than SQLite's work on them. With temp_store=memory, the
// statement journal each multi-row INSERT keeps stays in memory instead of a
// temporary file; other connections keep the default, so a large sort (an
// export) still spills to disk.
func (db *DB) BeginImport(ctx context.Context, file, source, sha string) (*ImportTx, error) {
	return db.beginImport(ctx, file, source, sha, nil)
}

// BeginImportFile is BeginImport for a file of size bytes read through r,
// whose digest the import computes itself, at times its writer would
// otherwise wait for the rows: in a re-import, where the writer has little
// to do, the digest costs no time. As soon as it shows that the ledger has
// the file, the import stops with an AlreadyImportedError; Commit and
// DryRun finish it when it is not done.
func (db *DB) BeginImportFile(ctx context.Context, file, source string, r io.ReaderAt, size int64) (*ImportTx, error) {
	return db.beginImport(ctx, file, source, "", &fileDigest{r: r, size: size, h: sha256.New()})
}

func (db *DB) beginImport(ctx context.Context, file, source, sha string, digest *fileDigest) (*ImportTx, error) {
	c, err := csqlite.Open(db.path)
	if err != nil {
		return nil, fmt.Errorf("begin import: %w", err)
	}
	t := &ImportTx{
		db:        db,
		ctx:       ctx,
		c:         c,
		rec:       Import{File: file, Source: source, SHA256: sha, ImportedAt: db.Now().UTC().Truncate(time.Second)},
		occ:       newOccurrences(),
		cur:       &batch{ps: make([]pending, 0, batchSize)},
		keying:    make(chan *batch, pipelineDepth/2),
		kdone:     make(chan struct{}),
		work:      make(chan *batch, pipelineDepth),
		free:      make(chan *batch, pipelineDepth+2), // every batch can be free at once
		done:      make(chan struct{}),
		acct:      make(map[string]int64),
		groups:    make(map[Group]*Counts),
		found:     make(map[Key]knownKey, batchSize),
		totals:    newTotalsDelta(),
		lastTotal: -1,
		digest:    digest,
	}
	for i := 0; i < pipelineDepth+1; i++ {
		t.free <- &batch{ps: make([]pending, 0, batchSize)}
	}
	if err := t.begin(ctx); err != nil {
		t.release()
		return nil, fmt.Errorf("begin import: %w", err)
	}
	go t.keyer()
	go t.writer()
	return t, nil
}

func (t *ImportTx) begin(ctx context.Context) error {
	// journal_mode matters only for an unshared ledger: a shared one's
	// write-ahead log is a setting of the file.
	err := t.c.Exec(fmt.Sprintf(`PRAGMA busy_timeout = %d; PRAGMA journal_mode = %s; PRAGMA synchronous = %s;
		PRAGMA temp_store = memory; PRAGMA foreign_keys = on`,
		BusyTimeout.Milliseconds(), journalMode(t.db.unshared), synchronous(t.db.unshared)))
	if err != nil {
		return err
	}
	if err := t.beginImmediate(ctx); err != nil {
		return err
	}
	t.open = true
	if t.stmts.maxID, err = t.c.Prepare(`SELECT COALESCE(MAX(id), 0) FROM entries`); err != nil {
		return err
	}
	// The entries this import adds get the ids after the current last one,
	// in one piece: the import holds the write lock until it commits.
	last, err := t.maxEntryID()
	if err != nil {
		return err
	}
	t.rec.FirstEntry, t.rec.LastEntry = last+1, last
	t.nextID = last + 1
	t.perDay = true
	t.bulk = last == 0
	ins, err := t.c.Prepare(`INSERT INTO imports (file, source, sha256, imported_at, rows, new, duplicates, updated, rounded,
		first_entry, last_entry) VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	ins.Text(1, t.rec.File)
	ins.Text(2, t.rec.Source)
	if t.rec.SHA256 == "" {
		// Until the digest is done (BeginImportFile): no digest has this
		// form, and no other import can be writing meanwhile.
		ins.Text(3, "pending")
	} else {
		ins.Text(3, t.rec.SHA256)
	}
	ins.Text(4, t.rec.ImportedAt.Format(time.RFC3339))
	ins.Int64(5, t.rec.FirstEntry)
	ins.Int64(6, t.rec.LastEntry)
	if err := ins.Exec(); err != nil {
		return err
	}
	t.rec.ID = t.c.LastInsertRowID()
	if err := t.prepare(); err != nil {
		return err
	}
	if t.bulk {
		t.blockDays = make(map[[4]byte]bool)
		t.keys = newKeySorter(t.writeKeys)
		return nil
	}
	return t.findBlocks()
}

// findBlocks makes the import look keys up in key_blocks too, when the
// ledger has any, and in entry_keys only when it has any.
func (t *ImportTx) findBlocks() error {
	st, err := t.c.Prepare(`SELECT EXISTS (SELECT 1 FROM key_blocks), EXISTS (SELECT 1 FROM entry_keys)`)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Step(); err != nil {
		return err
	}
	if st.ColumnInt64(0) != 0 {
		t.blocks = newKeyBlocks(t.stmts.blockKeys)
	}
	t.noKeyRows = st.ColumnInt64(1) == 0
	return nil
}

// beginImmediate takes the write lock. While another import holds it, it
// waits as the busy timeout would, but in Go, so that the caller can give
// up (Ctrl-C) instead of waiting out BusyTimeout inside SQLite.
func (t *ImportTx) beginImmediate(ctx context.Context) error {
	if err := t.c.Exec(`PRAGMA busy_timeout = 0`); err != nil {
		return err
	}
	deadline := time.Now().Add(BusyTimeout)
	for wait := time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		err := t.c.Exec(`BEGIN IMMEDIATE`)
		if err == nil {
			break
		}
		if !csqlite.IsBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
	// Inside the transaction, a checkpoint by another connection can still
	// make a statement wait briefly.
	return t.c.Exec(fmt.Sprintf(`PRAGMA busy_timeout = %d`, BusyTimeout.Milliseconds()))
}

func (t *ImportTx) maxEntryID() (int64, error) {
	st := t.stmts.maxID
	if _, err := st.Step(); err != nil {
		st.Reset()
		return 0, err
	}
	id := st.ColumnInt64(0)
	return id, st.Reset()
}

// release ends the transaction, if it is still open, and closes the
// import's connection.
func (t *ImportTx) release() {
	if t.open {
		t.c.Exec(`ROLLBACK`)
		t.open = false
	}
	t.stmts.close()
	t.c.Close()
}

// writer writes batches until work is closed. After an error it only
// recycles batches, so the caller never blocks.
func (t *ImportTx) writer() {
	defer close(t.done)
	for {
		var b *batch
		if t.hashing() {
			select {
			case b = <-t.work:
			default: // nothing to write: hash a little
				t.digestStep()
				continue
			}
		} else {
			b = <-t.work
		}
		if b == nil {
			return // work is closed
		}
		t.classReps = append(t.classReps, b.classes...)
		if !t.failed.Load() {
			if err := t.flush(t.ctx, b); err != nil {
				t.setErr(err)
			}
		}
		t.recycle(b)
		// And a little after every batch, so that a writer that is never
		// idle (a slow ledger) still learns early that the file is there
		// already: a batch's rows are a small part of a step. A bulk
		// import's writer, which has the most work, hashes only while it
		// waits.
		if !t.bulk && t.hashing() {
			t.digestStep()
		}
	}
}

// hashing reports whether the file is still to be hashed.
func (t *ImportTx) hashing() bool {
	return t.digest != nil && !t.digest.done() && !t.failed.Load()
}

// digestStep hashes the next part of the file and, once all of it is
// hashed, checks the digest against the ledger.
func (t *ImportTx) digestStep() {
	if err := t.digest.step(); err != nil || t.digest.done() {
		if err := t.takeDigest(); err != nil {
			t.setErr(err)
		}
	}
}

// fileDigest computes a file's SHA-256 a chunk at a time. In a bulk import
// both the writer, while it waits, and the caller, while the writer is
// behind, hash (see keyBatch): mu orders their steps.
type fileDigest struct {
	mu   sync.Mutex
	r    io.ReaderAt
	size int64
	h    hash.Hash
	off  int64
	buf  []byte
	err  error
}

// digestChunk is how much one step hashes: about a quarter of a
// millisecond, so a batch that arrives meanwhile waits little.
const digestChunk = 128 << 10

func (d *fileDigest) done() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.doneLocked()
}

func (d *fileDigest) doneLocked() bool { return d.err != nil || d.off >= d.size }

// step hashes the next chunk, if any, and returns the error that stopped
// the digest, if one did.
func (d *fileDigest) step() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stepLocked()
}

// tryStep is step, unless the other side is taking one.
func (d *fileDigest) tryStep() {
	if d.mu.TryLock() {
		d.stepLocked()
		d.mu.Unlock()
	}
}

func (d *fileDigest) stepLocked() error {
	if d.doneLocked() {
		return d.err
	}
	if d.buf == nil {
		d.buf = make([]byte, digestChunk)
	}
	n, err := d.r.ReadAt(d.buf[:min(int64(len(d.buf)), d.size-d.off)], d.off)
	d.h.Write(d.buf[:n])
	d.off += int64(n)
	if err != nil && !(err == io.EOF && d.off >= d.size) {
		d.err = fmt.Errorf("read the file: %w", err)
	} else if n == 0 && d.off < d.size {
		d.err = fmt.Errorf("read the file: it ended at %d of %d bytes", d.off, d.size)
	}
	return d.err
}

// sum finishes the digest and returns it.
func (d *fileDigest) sum() ([]byte, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for !d.doneLocked() {
		d.stepLocked()
	}
	if d.err != nil {
		return nil, d.err
	}
	return d.h.Sum(nil), nil
}

// takeDigest finishes the digest and checks it against the ledger, once.
func (t *ImportTx) takeDigest() error {
	sum, err := t.digest.sum()
	if err != nil || t.rec.SHA256 != "" { // failed, or taken already
		return err
	}
	return t.takeSHA256(hex.EncodeToString(sum))
}

// takeSHA256 records the file's digest, or fails the import when the
// ledger has an import of the same file.
func (t *ImportTx) takeSHA256(sum string) error {
	st := t.stmts.findSHA
	st.Text(1, sum)
	row, err := st.Step()
	if err != nil {
		st.Reset()
		return fmt.Errorf("look up imports: %w", err)
	}
	if row {
		prev := Import{ID: st.ColumnInt64(0), File: st.ColumnText(1), SHA256: sum}
		prev.ImportedAt, _ = time.Parse(time.RFC3339, st.ColumnText(2))
		st.Reset()
		return &AlreadyImportedError{Prev: prev}
	}
	t.rec.SHA256 = sum
	return st.Reset()
}

func (t *ImportTx) prepare() error {
	var err error
	prep := func(q string) *csqlite.Stmt {
		if err != nil {
			return nil
		}
		var s *csqlite.Stmt
		s, err = t.c.Prepare(q)
		return s
	}
	t.stmts.probe = prep(`SELECT dedupe_key, entry_id, version FROM entry_keys
		WHERE dedupe_key IN (?` + strings.Repeat(", ?", batchSize-1) + `)`)
	t.stmts.dayKeys = prep(`SELECT dedupe_key, entry_id, version FROM entry_keys
		WHERE dedupe_key >= ? AND dedupe_key <= ? LIMIT ?`)
	t.stmts.stored = prep(`SELECT amount, views, qualified_views, status, counterparty, description, import_id, line,
		class_id FROM entries WHERE id = ?`)
	// A key found in a block (keyBlocks) gets its row here, which
	// overrides the block's.
	t.stmts.setVersion = prep(`INSERT INTO entry_keys (dedupe_key, entry_id, version) VALUES (?, ?, ?)
		ON CONFLICT (dedupe_key) DO UPDATE SET version = excluded.version`)
	t.stmts.blockKeys = prep(`SELECT keys FROM key_blocks WHERE day = ?`)
	t.stmts.insertBlock = prep(`INSERT INTO key_blocks (day, import_id, keys) VALUES (?, ` +
		strconv.FormatInt(t.rec.ID, 10) + `, ?)`)
	t.stmts.takeBack = prep(`DELETE FROM entry_keys WHERE dedupe_key = ? AND entry_id >= ?`)
	t.stmts.history = prep(`INSERT INTO entry_history (entry_id, replaced_by, amount, views, qualified_views, status,
		counterparty, description, import_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	t.stmts.update = prep(`UPDATE entries SET amount = ?, views = ?, qualified_views = ?, status = ?, counterparty = ?,
		description = ?, import_id = ?, line = ? WHERE id = ?`)
	t.stmts.account = prep(`SELECT id FROM accounts WHERE name = ?`)
	t.stmts.newAccount = prep(`INSERT INTO accounts (name) VALUES (?)`)
	t.stmts.class = prep(`SELECT id FROM entry_classes WHERE platform = ? AND program = ? AND kind = ? AND currency = ?
		AND account_id = ? AND contra_id = ?`)
	t.stmts.newClass = prep(`INSERT INTO entry_classes (platform, program, kind, currency, account_id, contra_id)
		VALUES (?, ?, ?, ?, ?, ?)`)
	t.stmts.rows = prep(`INSERT INTO import_rows (import_id, first_line, last_line, data) VALUES (?, ?, ?, ?)`)
	t.stmts.findSHA = prep(`SELECT id, file, imported_at FROM imports WHERE sha256 = ?`)
	t.stmts.setCounts = prep(`UPDATE imports SET sha256 = ?, rows = ?, new = ?, duplicates = ?, updated = ?, rounded = ?,
		last_entry = ? WHERE id = ?`)
	if err == nil {
		t.stmts.days, err = prepareDays(t.c)
		t.totalsOut = totalsWriter{store: t.stmts.days, fresh: t.bulk}
	}
	t.stmts.insert = map[int]*csqlite.Stmt{}
	t.stmts.insertKeys = map[int]*csqlite.Stmt{}
	// The multi-row INSERTs bind every parameter each time.
	prepAll := func(q string) *csqlite.Stmt {
		st := prep(q)
		if st != nil {
			st.BindsAll()
		}
		return st
	}
	// OR FAIL: a row that breaks a constraint fails the statement, as it
	// would without, but SQLite then need not be able to take back the
	// statement's earlier rows, so it keeps no statement journal (a copy of
	// each page the statement changes; 5% of a bulk import's writer): a
	// failed statement fails the whole import, which is rolled back.
	row := entryPlaceholders(t.rec.ID)
	for _, n := range insertSizes {
		t.stmts.insert[n] = prepAll(`INSERT OR FAIL INTO entries ` + entryColumns + ` VALUES ` +
			row + strings.Repeat(", "+row, n-1))
		t.stmts.insertKeys[n] = prepAll(`INSERT OR IGNORE INTO entry_keys (dedupe_key, entry_id, version) VALUES (?, ?, ?)` +
			strings.Repeat(", (?, ?, ?)", n-1))
	}
	return err
}

// ID is the id the import will have once committed.
func (t *ImportTx) ID() int64 { return t.rec.ID }

// Counts returns the rows added so far (Rows, Rounded); New, Duplicates and
// Updated are known once the import is committed or dry-run.
func (t *ImportTx) Counts() Counts { return t.rec.Counts }

// Add validates an entry and queues it. When its batch is written it is
// new, a duplicate of an entry the ledger has, or an update of one (the
// previous version goes to history). rounded says the entry's amount was
// rounded to six decimals on the way in.
func (t *ImportTx) Add(ctx context.Context, e Entry, rounded bool) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return t.AddValid(ctx, e, rounded)
}

// AddValid is Add for an entry the caller has just validated (e.Validate
// returned nil), as importers.Run does for every entry it passes on: it
// saves validating twice.
func (t *ImportTx) AddValid(ctx context.Context, e Entry, rounded bool) error {
	if t.closed {
		return errors.New("import already finished")
	}
	amount, err := ToMicro(e.Amount)
	if err != nil {
		return err
	}
	t.rec.Rows++
	if rounded {
		t.rec.Rounded++
	}
	t.cur.ps = append(t.cur.ps, pending{e: e, amount: amount})
	if len(t.cur.ps) == batchSize {
		return t.send()
	}
	return nil
}

// send hands the filled batch to the keyer and takes an empty one. In a
// bulk import the caller keys it itself (see keyer).
func (t *ImportTx) send() error {
	if t.failed.Load() {
		return t.err()
	}
	if t.bulk {
		t.keyBatch(t.cur)
	} else {
		t.keying <- t.cur
	}
	t.cur = <-t.free
	return nil
}

// errRolledBack stops the pipeline of an import rolled back before it
// finished.
var errRolledBack = errors.New("import rolled back")

// setErr records the first error of the keyer or the writer.
func (t *ImportTx) setErr(err error) {
	t.errMu.Lock()
	if t.firstErr == nil {
		t.firstErr = err
	}
	t.errMu.Unlock()
	t.failed.Store(true)
}

func (t *ImportTx) err() error {
	t.errMu.Lock()
	defer t.errMu.Unlock()
	return t.firstErr
}

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

// keyer is the pipeline's middle stage, between the caller, who parses and
// validates, and the writer: it gives each entry its key (identity,
// occurrence, SHA-256) and version (keyBatch), so that the three share the
// two cores.
//
// A bulk import keys on the caller's goroutine instead, and also counts
// each entry and collects its file row, key row and daily totals there:
// its writer has the most work, and with three goroutines busy on two
// cores it waited for a core to be free for about a fifth of the import.
// The keyer goroutine then only closes the writer's queue.
func (t *ImportTx) keyer() {
	defer close(t.kdone)
	defer close(t.work)
	for b := range t.keying {
		t.keyBatch(b)
	}
}

// keyBatch keys batch b and queues it for the writer; after an error it
// only recycles it.
func (t *ImportTx) keyBatch(b *batch) {
	if len(b.ps) > 0 && !t.failed.Load() {
		if err := t.key(b); err != nil {
			t.setErr(err)
		}
	}
	if len(b.ps) == 0 || t.failed.Load() {
		t.recycle(b)
		return
	}
	if t.bulk && t.digest != nil && len(t.work) >= pipelineDepth/2 {
		t.digest.tryStep() // the writer is behind; an error waits for finish (takeDigest)
	}
	t.work <- b
}

// keyEnd queues the last file rows of a bulk import.
func (t *ImportTx) keyEnd() {
	if !t.failed.Load() && t.run.n > 0 {
		b := <-t.free
		t.passRun(b)
		t.work <- b
	}
}

// key keys the entries of one batch.
func (t *ImportTx) key(b *batch) error {
	for i := range b.ps {
		p := &b.ps[i]
		e := &p.e
		day := t.keyDay.number(e.Date)
		t.idBuf = e.appendIdentity(t.idBuf[:0], day, p.amount)
		p.key = KeyOf(e.Date, t.idBuf, 0)
		occ, err := t.occ.next(p.key)
		if err != nil {
			return err
		}
		if occ > 0 {
			p.key = KeyOf(e.Date, t.idBuf, occ)
		}
		p.version = versionOf(p.amount, e.Views, e.QualifiedViews, e.Status, e.Counterparty, e.Description)
		if e.Invoice != nil {
			p.version = e.Invoice.mixVersion(p.version)
		}
		if t.bulk {
			p.class = t.refs.of(e, &b.classes)
			// added, with the group's count kept by class (foldClassCounts).
			for int(p.class) >= len(t.classNew) {
				t.classNew = append(t.classNew, 0)
			}
			t.classNew[p.class]++
			t.out.New++
			t.run.add(e.Line, e.Raw)
			b.keys = append(b.keys, keyRow{p.key, t.rec.FirstEntry + int64(t.out.New) - 1, p.version})
		}
	}
	if t.bulk && t.run.full() {
		t.passRun(b)
	}
	return nil
}

// maxTotalGroups bounds the groups of daily totals an import adds up
// before it writes them: a day's row is rewritten once per pass, so an
// import writes each day once unless it has more groups than this (16 MiB;
// a million rows over three years have some 65,000).
var maxTotalGroups = 1 << 17

// streamTotals is how many groups a bulk import in date order adds up
// before it writes them.
const streamTotals = 1024

// passRun moves the file rows a bulk import has collected to batch b,
// whose run is empty. Whichever side has time to spare compresses them: the
// caller when the writer is behind (half the pipeline or more is waiting
// for it), else the writer as it stores them (writeRun).
func (t *ImportTx) passRun(b *batch) {
	t.run, b.run = b.run, t.run
	if b.run.n > 0 && len(t.work) >= pipelineDepth/2 {
		b.run.pack()
	}
}

// recycle empties a batch and puts it on the free list.
func (t *ImportTx) recycle(b *batch) {
	b.ps, b.keys, b.classes = b.ps[:0], b.keys[:0], b.classes[:0]
	b.run.reset()
	t.free <- b
}

// flush writes one batch; it runs on the writer goroutine. Most batches
// are all new (a first import) or all known (an overlapping or repeated
// export), so it guesses from the batch before: new entries are inserted
// first, with INSERT OR IGNORE, and looked up only when some were already
// there; known entries are looked up first and only the new ones inserted.
//
// In a bulk import, the caller has counted the entries and collected their
// file rows, key rows and daily totals already, and the writer only
// inserts them (the last batch carries no entries, only what is left).
func (t *ImportTx) flush(ctx context.Context, b *batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := t.writeTotalsIfFull(); err != nil {
		return err
	}
	if t.bulk {
		if err := t.insertAll(b.ps); err != nil {
			return err
		}
		return t.writeKeysAndRun(b)
	}
	before := t.out.New
	var err error
	if t.insertFirst {
		err = t.insertThenLookUp(b.ps)
	} else {
		err = t.lookUpThenInsert(b.ps)
	}
	if err != nil {
		return err
	}
	t.insertFirst = 2*(t.out.New-before) >= len(b.ps)
	if t.run.full() {
		return t.writeRun(&t.run)
	}
	return nil
}

// lookUpThenInsert finds which of the batch's entries the ledger has, merges
// those and inserts the rest.
func (t *ImportTx) lookUpThenInsert(batch []pending) error {
	if err := t.lookUp(batch); err != nil {
		return err
	}
	fresh := t.fresh[:0]
	for i := range batch {
		p := &batch[i]
		known, ok := t.found[p.key]
		if !ok {
			fresh = append(fresh, *p)
			t.added(p)
			continue
		}
		if err := t.merge(p, known); err != nil {
			return err
		}
	}
	t.fresh = fresh
	for len(fresh) > 0 {
		n, all, err := t.insert(fresh)
		if err != nil {
			return err
		}
		if !all {
			return fmt.Errorf("insert entries: some of %d new entries were already there", n)
		}
		fresh = fresh[n:]
	}
	return nil
}

// insertThenLookUp inserts the batch's entries; a part in which the ledger
// already had some goes through lookUpThenInsert.
func (t *ImportTx) insertThenLookUp(batch []pending) error {
	for ps := batch; len(ps) > 0; {
		n, all, err := t.insert(ps)
		if err != nil {
			return err
		}
		part := ps[:n]
		ps = ps[n:]
		if !all {
			if err := t.lookUpThenInsert(part); err != nil {
				return err
			}
			continue
		}
		for i := range part {
			t.added(&part[i])
		}
	}
	return nil
}

// knownKey is what the ledger's key table says of an entry it has.
type knownKey struct {
	id      int64
	version int64
	hasOne  bool // version is known (see versionOf and migration 0003)
}

// lookUp reads the ledger's keys of the given entries (at most batchSize)
// into t.found.
//
// An import of rows the ledger has seen is mostly in date order, and keys
// start with the date: so the keys of a day are read in one range scan
// (dayKeys) and the entries of that day looked up in memory, instead of
// one query for every batch of 128, which took most of a re-import. A day
// with more than maxDayKeys keys, or a file whose days change so often
// that a scan serves few look-ups, goes through the query.
func (t *ImportTx) lookUp(ps []pending) error {
	clear(t.found)
	ask := t.ask[:0]
	for i := range ps {
		if t.noKeyRows {
			break
		}
		k := ps[i].key
		if !t.perDay {
			ask = append(ask, k)
			continue
		}
		if d := [4]byte(k[:4]); !t.day.read || d != t.day.prefix {
			if err := t.readDay(d); err != nil {
				return err
			}
		}
		if !t.day.whole {
			ask = append(ask, k)
		} else if known, ok := t.day.keys[k]; ok {
			t.found[k] = known
		}
	}
	t.ask = ask
	t.dayLookUps += len(ps)
	if t.perDay && t.dayReads > 16 && t.dayLookUps < 64*t.dayReads {
		t.perDay = false // days change too often for the scans to pay
	}
	if len(ask) > 0 {
		if err := t.probe(ask); err != nil {
			return err
		}
	}
	if t.blocks == nil {
		return nil
	}
	// The keys entry_keys does not have may be in a block.
	for i := range ps {
		k := &ps[i].key
		if _, ok := t.found[*k]; ok {
			continue
		}
		known, ok, err := t.blocks.find(k)
		if err != nil {
			return err
		}
		if ok {
			t.found[*k] = known
		}
	}
	return nil
}

// dayKeys holds the key table's rows of one day.
type dayKeys struct {
	prefix [4]byte // the keys' date
	read   bool
	whole  bool // every key of the day is in keys (at most maxDayKeys)
	keys   map[Key]knownKey
}

// maxDayKeys bounds the keys of one day kept in memory (about 1 MiB); a
// variable for tests.
var maxDayKeys = 1 << 14

// readDay reads the keys of the day whose keys start with prefix.
func (t *ImportTx) readDay(prefix [4]byte) error {
	t.dayReads++
	d := &t.day
	d.prefix, d.read, d.whole = prefix, true, true
	if d.keys == nil {
		d.keys = make(map[Key]knownKey)
	}
	clear(d.keys)
	var upper Key // the greatest key of the day
	copy(upper[:], prefix[:])
	for i := len(prefix); i < len(upper); i++ {
		upper[i] = 0xff
	}
	st := t.stmts.dayKeys
	st.Blob(1, prefix[:])
	st.Blob(2, upper[:])
	st.Int64(3, int64(maxDayKeys)+1)
	n := 0
	return eachKeyRow(st, func(k Key, known knownKey) bool {
		if n++; n > maxDayKeys {
			d.whole = false
			clear(d.keys)
			return false
		}
		d.keys[k] = known
		return true
	})
}

// probe reads the ledger's rows of the given keys (at most batchSize) into
// t.found with one query.
func (t *ImportTx) probe(keys []Key) error {
	st := t.stmts.probe
	for i := 0; i < batchSize; i++ {
		st.Blob(i+1, keys[min(i, len(keys)-1)][:]) // pad with a repeat
	}
	return eachKeyRow(st, func(k Key, known knownKey) bool {
		t.found[k] = known
		return true
	})
}

// eachKeyRow steps st, whose rows are entry_keys' (dedupe_key, entry_id,
// version), and calls fn for each until it returns false. A key of another
// length than KeySize cannot be one an import looks for.
func eachKeyRow(st *csqlite.Stmt, fn func(Key, knownKey) bool) error {
	for {
		row, err := st.Step()
		if err != nil {
			st.Reset()
			return fmt.Errorf("look up entries: %w", err)
		}
		if !row {
			break
		}
		var k Key
		if b := st.ColumnBytes(0); len(b) == len(k) {
			copy(k[:], b)
			known := knownKey{id: st.ColumnInt64(1), version: st.ColumnInt64(2), hasOne: !st.ColumnNull(2)}
			if !fn(k, known) {
				break
			}
		}
	}
	if err := st.Reset(); err != nil {
		return fmt.Errorf("look up entries: %w", err)
	}
	return nil
}

// storedVersion reads the current version of entry id.
func (t *ImportTx) storedVersion(id int64) (storedVersion, error) {
	st := t.stmts.stored
	st.Int64(1, id)
	row, err := st.Step()
	if err == nil && !row {
		err = fmt.Errorf("entry %d is in the key table but not in the ledger", id)
	}
	if err != nil {
		st.Reset()
		return storedVersion{}, fmt.Errorf("look up entries: %w", err)
	}
	old := storedVersion{
		id:           id,
		amount:       st.ColumnInt64(0),
		views:        columnCount(st, 1),
		qviews:       columnCount(st, 2),
		status:       string(statusOf(st.ColumnInt64(3))),
		counterparty: st.ColumnText(4),
		description:  st.ColumnText(5),
		importID:     st.ColumnInt64(6),
		line:         int(st.ColumnInt64(7)),
		class:        st.ColumnInt64(8),
	}
	return old, st.Reset()
}

func columnCount(st *csqlite.Stmt, i int) Count {
	if st.ColumnNull(i) {
		return Count{}
	}
	return Counted(st.ColumnInt64(i))
}

func bindCount(st *csqlite.Stmt, i int, c Count) { st.NullInt64(i, c.N, c.Valid) }

// added counts a new entry and keeps its file row.
func (t *ImportTx) added(p *pending) {
	e := &p.e
	t.group(e).New++
	t.out.New++
	t.run.add(e.Line, e.Raw)
}

// setVersion records the version of entry id, which has p's key, in the
// key table.
func (t *ImportTx) setVersion(p *pending, id int64) error {
	st := t.stmts.setVersion
	st.Blob(1, p.key[:])
	st.Int64(2, id)
	st.Int64(3, p.version)
	if err := st.Exec(); err != nil {
		return fmt.Errorf("update entry key: %w", err)
	}
	return nil
}

type storedVersion struct {
	id                                int64
	amount                            int64
	views, qviews                     Count
	status, counterparty, description string
	importID                          int64
	line                              int
	class                             int64 // entry_classes
}

// merge handles an entry the ledger already has: a duplicate when nothing
// changed, otherwise an update that keeps the previous version in history.
// The version in the key table settles an unchanged entry without reading
// it; when the table does not know the version, the entry is compared
// itself, and the table learns it.
func (t *ImportTx) merge(p *pending, known knownKey) error {
	e := &p.e
	if known.hasOne && known.version == p.version {
		t.out.Duplicates++
		t.group(e).Duplicates++
		return t.addMember(known.id, e.Line)
	}
	old, err := t.storedVersion(known.id)
	if err != nil {
		return err
	}
	if err := t.setVersion(p, known.id); err != nil {
		return err
	}
	same := old.amount == p.amount && old.views == e.Views && old.qviews == e.QualifiedViews &&
		old.status == string(e.Status) && old.counterparty == e.Counterparty && old.description == e.Description
	if same && e.Invoice != nil {
		// An invoice is unchanged when its facts are too; a source without
		// facts (the native CSV) leaves them as they are.
		f, err := t.storedFacts(old.id, old.importID)
		if err != nil {
			return err
		}
		same = f != nil && f.equal(e.Invoice)
	}
	if same {
		t.out.Duplicates++
		t.group(e).Duplicates++
		return t.addMember(known.id, e.Line)
	}
	h := t.stmts.history
	h.Int64(1, old.id)
	h.Int64(2, t.rec.ID)
	h.Int64(3, old.amount)
	bindCount(h, 4, old.views)
	bindCount(h, 5, old.qviews)
	h.Text(6, old.status)
	h.Text(7, old.counterparty)
	h.Text(8, old.description)
	h.Int64(9, old.importID)
	h.Int64(10, int64(old.line))
	if err := h.Exec(); err != nil {
		return fmt.Errorf("keep entry history: %w", err)
	}
	u := t.stmts.update
	u.Int64(1, p.amount)
	bindCount(u, 2, e.Views)
	bindCount(u, 3, e.QualifiedViews)
	u.Int64(4, e.Status.code())
	u.Text(5, e.Counterparty)
	u.Text(6, e.Description)
	u.Int64(7, t.rec.ID)
	u.Int64(8, int64(e.Line))
	u.Int64(9, old.id)
	if err := u.Exec(); err != nil {
		return fmt.Errorf("update entry: %w", err)
	}
	if e.Invoice != nil {
		if err := t.putFacts(old.id, e.Invoice); err != nil {
			return err
		}
	} else if e.Platform == SponsorshipPlatform {
		if err := t.carryFacts(old.id, old.importID); err != nil {
			return err
		}
	}
	t.run.add(e.Line, e.Raw)
	day := t.entryDay.number(e.Date)
	t.totals.add(makeTotalKey(day, old.class, e.Status), p.amount, e.Views, e.QualifiedViews, 1)
	t.totals.add(makeTotalKey(day, old.class, Status(old.status)), old.amount, old.views, old.qviews, -1)
	t.out.Updated++
	t.group(e).Updated++
	return nil
}

// Group is a set of an import's rows that reports count together.
type Group struct {
	Platform, Program string
	Kind              Kind
}

// GroupCounts is what an import did with one group of rows.
type GroupCounts struct {
	Group
	Counts
}

// foldClassCounts adds the new entries a bulk import counted by class to
// their groups: a class belongs to one group, and a slice is cheaper to
// count in than a map of texts.
func (t *ImportTx) foldClassCounts() {
	for k, ref := range t.refs.refs {
		if int(ref) < len(t.classNew) && t.classNew[ref] > 0 {
			g := Group{k.platform, k.program, k.kind}
			c := t.groups[g]
			if c == nil {
				c = &Counts{}
				t.groups[g] = c
			}
			c.Rows += t.classNew[ref]
			c.New += t.classNew[ref]
		}
	}
	t.classNew = nil
}

func (t *ImportTx) group(e *Entry) *Counts {
	g := Group{e.Platform, e.Program, e.Kind}
	if t.lastGroup != nil && g == t.lastGroupKey { // runs of one group are usual
		t.lastGroup.Rows++
		return t.lastGroup
	}
	c := t.groups[g]
	if c == nil {
		c = &Counts{}
		t.groups[g] = c
	}
	t.lastGroupKey, t.lastGroup = g, c
	c.Rows++
	return c
}

// Groups returns the outcome per platform, program and kind, sorted. It is
// complete once the import is committed or dry-run.
func (t *ImportTx) Groups() []GroupCounts {
	out := make([]GroupCounts, 0, len(t.groups))
	for g, c := range t.groups {
		out = append(out, GroupCounts{g, *c})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Group, out[j].Group
		if a.Platform != b.Platform {
			return a.Platform < b.Platform
		}
		if a.Program != b.Program {
			return a.Program < b.Program
		}
		return a.Kind < b.Kind
	})
	return out
}

// dayCache keeps the day number (dayNumber) of the last date it saw:
// entries come in runs of one date.
type dayCache struct {
	date time.Time
	num  int64
}

// number returns the date as the ledger keeps it.
func (c *dayCache) number(d time.Time) int64 {
	if d != c.date || c.num == 0 { // the same time and location: the same day
		c.date, c.num = d, dayNumber(d)
	}
	return c.num
}

// insert writes the keys of the first entries of ps, with the largest
// multi-row INSERT OR IGNORE that fits, and returns how many it covered.
// When the ledger had none of those keys (all), it writes the entries too,
// with the ids the keys point at; otherwise it takes the new keys back and
// writes nothing.
func (t *ImportTx) insert(ps []pending) (n int, all bool, err error) {
	n = insertSize(len(ps))
	if t.blocks != nil { // the INSERT OR IGNORE cannot see keys in blocks
		for i := range ps[:n] {
			if _, ok, err := t.blocks.find(&ps[i].key); err != nil || ok {
				return n, false, err
			}
		}
	}
	ks := t.stmts.insertKeys[n]
	for i := range ps[:n] {
		ks.Blob(3*i+1, ps[i].key[:])
		ks.Int64(3*i+2, t.nextID+int64(i))
		ks.Int64(3*i+3, ps[i].version)
	}
	if err := ks.Exec(); err != nil {
		return 0, false, fmt.Errorf("insert entry keys: %w", err)
	}
	if int(t.c.Changes()) != n {
		// Keys this import wrote point at ids from nextID on; keys that
		// were there before, at older entries.
		tb := t.stmts.takeBack
		for i := range ps[:n] {
			tb.Blob(1, ps[i].key[:])
			tb.Int64(2, t.nextID)
			if err := tb.Exec(); err != nil {
				return 0, false, fmt.Errorf("insert entry keys: %w", err)
			}
		}
		return n, false, nil
	}
	return n, true, t.insertEntries(ps[:n])
}

// writeKeysAndRun hands the key rows a bulk import's batch carries to
// the sorter (keySorter, which writes them in key order) and writes its
// file rows.
func (t *ImportTx) writeKeysAndRun(b *batch) error {
	if err := t.keys.add(b.keys); err != nil {
		return err
	}
	return t.writeRun(&b.run)
}

// writeTotalsIfFull writes the daily totals added up so far when they are
// maxTotalGroups: a file over many days and classes then writes a day's
// row more than once, but memory stays bounded. A bulk import whose days
// have gone one way so far (keySorter.ordered) writes them every
// streamTotals groups: those are days it has left, written once, and new.
func (t *ImportTx) writeTotalsIfFull() error {
	if n := t.totals.len(); n < maxTotalGroups && !(t.bulk && t.keys.ordered && n >= streamTotals) {
		return nil
	}
	t.totalRows = t.totals.rows(t.totalRows[:0])
	t.lastTotal = -1
	return t.totalsOut.write(t.totalRows)
}

// insertAll writes the entries of a bulk import, which are all new.
func (t *ImportTx) insertAll(ps []pending) error {
	for len(ps) > 0 {
		n := insertSize(len(ps))
		if err := t.insertEntries(ps[:n]); err != nil {
			return err
		}
		ps = ps[n:]
	}
	return nil
}

// insertEntries writes entries (as many as one of insertSizes) with the ids
// from nextID on.
func (t *ImportTx) insertEntries(ps []pending) error {
	n := len(ps)
	st := t.stmts.insert[n]
	for i := range ps {
		p := &ps[i]
		e := &p.e
		ref := p.class
		if !t.bulk {
			ref = t.refs.of(e, &t.classReps)
		}
		class, err := t.classOf(ref)
		if err != nil {
			return err
		}
		t.addTotal(makeTotalKey(t.entryDay.number(e.Date), class, e.Status), p)
		j := i*entryParams + 1
		st.Int64(j, t.entryDay.number(e.Date))
		st.Int64(j+1, class)
		st.Int64(j+2, p.amount)
		st.Text(j+3, e.ExternalID)
		bindCount(st, j+4, e.Views)
		bindCount(st, j+5, e.QualifiedViews)
		st.Int64(j+6, e.Status.code())
		st.Text(j+7, e.Counterparty)
		st.Text(j+8, e.Description)
		st.Int64(j+9, int64(e.Line))
	}
	if err := st.Exec(); err != nil {
		return fmt.Errorf("insert entries: %w", err)
	}
	// The new rows took the ids after the last one, which nextID is while
	// the import holds the write lock.
	if last := t.c.LastInsertRowID(); last != t.nextID+int64(n)-1 {
		return fmt.Errorf("insert entries: ids up to %d, want %d..%d", last, t.nextID, t.nextID+int64(n)-1)
	}
	for i := range ps {
		if f := ps[i].e.Invoice; f != nil {
			if err := t.putFacts(t.nextID+int64(i), f); err != nil {
				return err
			}
		}
	}
	t.nextID += int64(n)
	return nil
}

// addTotal adds a new entry to the daily totals of its group, on the
// writer. Entries come in runs of one group.
func (t *ImportTx) addTotal(k totalKey, p *pending) {
	if t.lastTotal < 0 || k != t.lastTotalKey {
		t.lastTotalKey, t.lastTotal = k, t.totals.slot(k)
	}
	t.totals.at(t.lastTotal).add(p.amount, p.e.Views, p.e.QualifiedViews, 1)
}

// keyRow is a row of the key table that a bulk import has yet to write.
type keyRow struct {
	key         Key
	id, version int64
}

// compareKeys orders keys as bytes.Compare does, a word at a time (KeySize
// is a multiple of 8): keys of one day mostly differ in their first word.
func compareKeys(x, y *Key) int {
	for i := 0; i < len(x); i += 8 {
		a, b := binary.BigEndian.Uint64(x[i:]), binary.BigEndian.Uint64(y[i:])
		if a != b {
			return cmp.Compare(a, b)
		}
	}
	return 0
}

// writeKeys writes the key rows of a bulk import, sorted (keySorter): the rows of a day as its block (key_blocks) when it has none
// yet, up to maxBlockKeys of them, and the others to entry_keys.
func (t *ImportTx) writeKeys(rows []keyRow) error {
	for len(rows) > 0 {
		// A block is rows of one day whose keys go up.
		day := [4]byte(rows[0].key[:4])
		n := 1
		for n < len(rows) && n < maxBlockKeys && [4]byte(rows[n].key[:4]) == day && compareKeys(&rows[n-1].key, &rows[n].key) < 0 {
			n++
		}
		var err error
		if !t.blockDays[day] {
			t.blockDays[day] = true
			err = t.writeBlock(day, rows[:n])
		} else {
			err = t.writeKeyRows(rows[:n])
		}
		if err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// writeBlock writes the block of one day's sorted key rows.
func (t *ImportTx) writeBlock(day [4]byte, rows []keyRow) error {
	b := t.blockBuf[:0]
	for i := range rows {
		b = appendBlockRecord(b, &rows[i])
	}
	t.blockBuf = b
	st := t.stmts.insertBlock
	st.Int64(1, keyPrefixDay(day))
	st.Blob(2, b)
	if err := st.Exec(); err != nil {
		return fmt.Errorf("insert key block: %w", err)
	}
	return nil
}

// writeKeyRows writes key rows to entry_keys, in their order.
func (t *ImportTx) writeKeyRows(rows []keyRow) error {
	for rs := rows; len(rs) > 0; {
		n := insertSize(len(rs))
		st := t.stmts.insertKeys[n]
		for i := range rs[:n] {
			st.Blob(3*i+1, rs[i].key[:])
			st.Int64(3*i+2, rs[i].id)
			st.Int64(3*i+3, rs[i].version)
		}
		if err := st.Exec(); err != nil {
			return fmt.Errorf("insert entry keys: %w", err)
		}
		if int(t.c.Changes()) != n {
			return fmt.Errorf("insert entry keys: %d of %d keys were there already", n-int(t.c.Changes()), n)
		}
		rs = rs[n:]
	}
	return nil
}

// insertSize is the largest of insertSizes that is at most n (n > 0).
func insertSize(n int) int {
	for _, size := range insertSizes {
		if size <= n {
			return size
		}
	}
	return insertSizes[len(insertSizes)-1]
}

// classID returns the id of an entry's class (entry_classes): its platform,
// program, kind, currency and its source and contra accounts, adding the
// class when it is new. classOf calls it once for each class an import
// meets.
func (t *ImportTx) classID(e *Entry) (int64, error) {
	k := classKey{Platform: e.Platform, Program: e.Program, Kind: e.Kind, Currency: e.Currency}
	var err error
	if k.acct, err = t.accountID(e.SourceAccount()); err != nil {
		return 0, err
	}
	if k.contra, err = t.accountID(e.ContraAccount()); err != nil {
		return 0, err
	}
	return t.findOrAddClass(k)
}

// classKey is a row of entry_classes.
type classKey struct {
	Platform, Program string
	Kind              Kind
	Currency          string
	acct, contra      int64
}

func (t *ImportTx) findOrAddClass(k classKey) (int64, error) {
	id, err := t.findOrAdd(t.stmts.class, t.stmts.newClass, func(st *csqlite.Stmt) {
		st.Text(1, k.Platform)
		st.Text(2, k.Program)
		st.Text(3, string(k.Kind))
		st.Text(4, k.Currency)
		st.Int64(5, k.acct)
		st.Int64(6, k.contra)
	})
	if err != nil {
		return 0, fmt.Errorf("entry class %s %s %s %s: %w", k.Platform, k.Program, k.Kind, k.Currency, err)
	}
	return id, nil
}

func (t *ImportTx) accountID(name string) (int64, error) {
	if id, ok := t.acct[name]; ok {
		return id, nil
	}
	id, err := t.findOrAdd(t.stmts.account, t.stmts.newAccount, func(st *csqlite.Stmt) { st.Text(1, name) })
	if err != nil {
		return 0, fmt.Errorf("account %s: %w", name, err)
	}
	t.acct[name] = id
	return id, nil
}

// findOrAdd returns the id that find selects, or adds the row with add and
// returns its id; bind gives both statements the same values.
func (t *ImportTx) findOrAdd(find, add *csqlite.Stmt, bind func(*csqlite.Stmt)) (int64, error) {
	bind(find)
	row, err := find.Step()
	var id int64
	if row {
		id = find.ColumnInt64(0)
	}
	if rerr := find.Reset(); err == nil {
		err = rerr
	}
	if err == nil && !row {
		bind(add)
		if err = add.Exec(); err == nil {
			id = t.c.LastInsertRowID()
		}
	}
	return id, err
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
func (t *ImportTx) Commit(ctx context.Context) (Import, error) {
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
func (t *ImportTx) DryRun(ctx context.Context) (Import, error) {
	err := t.finish()
	return t.Rollback(), err
}

// Rollback abandons the import; the ledger is left as it was. Calling it
// after Commit does nothing.
func (t *ImportTx) Rollback() Import {
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
