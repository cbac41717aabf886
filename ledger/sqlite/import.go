package sqlite

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/internal/csqlite"
)

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
	rec     ledger.Import // Rows and Rounded are the caller's; the writer fills out
	cur     *batch        // the batch being filled
	closed  bool
	stopped bool // the pipeline was told to finish (stop)

	statements []ledger.StatementBalance // what Commit records of the file's balances

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
	out       ledger.Counts // New, Duplicates, Updated
	groups    map[ledger.Group]*ledger.Counts
	fresh     []pending // the batch's new entries, reused
	acct      map[string]int64
	found     map[ledger.Key]knownKey
	totals    totalsDelta
	totalsOut totalsWriter
	run       rowRun    // file rows of new and updated entries
	members   memberRun // the duplicates: entries the import holds but did not write (membership.go)
	stmts     importStmts

	lastGroupKey ledger.Group
	lastGroup    *ledger.Counts
	entryDay     dayCache // for insertEntries
	lastTotalKey totalKey
	lastTotal    int32 // the place of lastTotalKey in totals, or -1
	totalRows    []totalRow
	classIDs     []int64        // by class ref, 0 until classOf looks it up
	classReps    []ledger.Entry // by class ref: an entry of the class

	insertFirst bool  // the last batch was mostly new (see flush)
	nextID      int64 // the id the next new entry gets

	// Look-ups by day (see lookUp).
	perDay     bool
	day        dayKeys
	dayReads   int
	dayLookUps int
	ask        []ledger.Key
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
	classes []ledger.Entry // the classes (classRefs) first seen in this batch
	run     rowRun         // in a bulk import, file rows the caller collected, to store
	keys    []keyRow       // in a bulk import, key rows the caller collected, to sort and store
}

// pending is an entry waiting for its batch to be written.
type pending struct {
	key     ledger.Key
	e       ledger.Entry
	amount  int64
	version int64 // VersionOf the entry
	class   int32 // the entry's class ref (classRefs), in a bulk import
}

// pipelineDepth is how many full batches may wait for the writer, so that
// short stalls on either side (a garbage collection, a page spill) do not
// stop the other.
const pipelineDepth = 16

// batchSize is how many entries one look-up query covers.
const batchSize = 128

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
		rec:       ledger.Import{File: file, Source: source, SHA256: sha, ImportedAt: db.Now().UTC().Truncate(time.Second)},
		occ:       newOccurrences(),
		cur:       &batch{ps: make([]pending, 0, batchSize)},
		keying:    make(chan *batch, pipelineDepth/2),
		kdone:     make(chan struct{}),
		work:      make(chan *batch, pipelineDepth),
		free:      make(chan *batch, pipelineDepth+2), // every batch can be free at once
		done:      make(chan struct{}),
		acct:      make(map[string]int64),
		groups:    make(map[ledger.Group]*ledger.Counts),
		found:     make(map[ledger.Key]knownKey, batchSize),
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
	if t.blocks != nil {
		t.blocks.close()
	}
	t.stmts.close()
	t.c.Close()
}

// ID is the id the import will have once committed.
func (t *ImportTx) ID() int64 { return t.rec.ID }

// Counts returns the rows added so far (Rows, Rounded); New, Duplicates and
// Updated are known once the import is committed or dry-run.
func (t *ImportTx) Counts() ledger.Counts { return t.rec.Counts }

// Add validates an entry and queues it. When its batch is written it is
// new, a duplicate of an entry the ledger has, or an update of one (the
// previous version goes to history). rounded says the entry's amount was
// rounded to six decimals on the way in.
func (t *ImportTx) Add(ctx context.Context, e ledger.Entry, rounded bool) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return t.AddValid(ctx, e, rounded)
}

// AddValid is Add for an entry the caller has just validated (e.Validate
// returned nil), as importers.Run does for every entry it passes on: it
// saves validating twice.
func (t *ImportTx) AddValid(ctx context.Context, e ledger.Entry, rounded bool) error {
	if t.closed {
		return errors.New("import already finished")
	}
	amount, err := ledger.ToMicro(e.Amount)
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
