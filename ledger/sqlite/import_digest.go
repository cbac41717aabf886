package sqlite

import (
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"sync"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

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
		prev := ledger.Import{ID: st.ColumnInt64(0), File: st.ColumnText(1), SHA256: sum}
		prev.ImportedAt, _ = time.Parse(time.RFC3339, st.ColumnText(2))
		st.Reset()
		return &ledger.AlreadyImportedError{Prev: prev}
	}
	t.rec.SHA256 = sum
	return st.Reset()
}
