package ledger

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"

	"github.com/creatorledger/creatorledger/ledger/internal/csqlite"
)

// occurrences counts, for one file, how often each identity has been seen.
// The first maxInMemory identities are kept in about 16 bytes each: a set
// of 64-bit fingerprints (open addressing, at most half full) and a small
// map for the identities that occur more than once, which real exports
// rarely have. Past that, new fingerprints go to a scratch SQLite file, so
// memory stays bounded whatever the size of the file.
//
// A fingerprint is 64 bits of SHA-256 of the identity (which includes the
// date). Two different identities in one file share a fingerprint with a
// probability of about n²/2⁶⁵ (3·10⁻⁸ for a million rows); the result would
// be one entry treated as an identical repeat of another.
type occurrences struct {
	slots       []uint64
	mapping     []byte // the memory of slots, when it is outside the Go heap
	used        int
	repeats     map[uint64]int
	maxInMemory int
	spill       *spillSet // nil until the set is full
}

// maxInMemoryOccurrences keeps the set at 2^21 slots, 16 MiB.
const maxInMemoryOccurrences = 1 << 20

func newOccurrences() *occurrences {
	return &occurrences{slots: make([]uint64, 1<<12), repeats: map[uint64]int{}, maxInMemory: maxInMemoryOccurrences}
}

// next returns how many times the identity behind base (the key of its
// first occurrence) was seen before, and counts this time.
func (o *occurrences) next(base Key) (int, error) {
	fp := binary.LittleEndian.Uint64(base[4:12])
	if fp == 0 {
		fp = 1 // 0 marks an empty slot
	}
	isNew := false
	switch {
	case o.contains(fp):
	case o.used < o.maxInMemory:
		o.insert(fp)
		isNew = true
	default:
		if o.spill == nil {
			s, err := newSpillSet()
			if err != nil {
				return 0, err
			}
			o.spill = s
		}
		var err error
		if isNew, err = o.spill.add(binary.BigEndian.Uint32(base[:4]), fp); err != nil {
			return 0, err
		}
	}
	if isNew {
		return 0, nil
	}
	n := o.repeats[fp] + 1
	o.repeats[fp] = n
	return n, nil
}

// close releases the set's memory and removes the scratch file, if there
// is one. The set must not be used after.
func (o *occurrences) close() {
	o.setSlots(nil, nil)
	if o.spill != nil {
		o.spill.close()
		o.spill = nil
	}
}

func (o *occurrences) contains(fp uint64) bool {
	mask := uint64(len(o.slots) - 1)
	for i := fp & mask; ; i = (i + 1) & mask {
		switch o.slots[i] {
		case 0:
			return false
		case fp:
			return true
		}
	}
}

// insert adds fp, which is not in the set.
func (o *occurrences) insert(fp uint64) {
	if 2*(o.used+1) > len(o.slots) {
		o.grow()
	}
	mask := uint64(len(o.slots) - 1)
	i := fp & mask
	for o.slots[i] != 0 {
		i = (i + 1) & mask
	}
	o.slots[i] = fp
	o.used++
}

// mapSlotsFrom is the size from which the slots live outside the Go heap
// (mapSlots): 64 Ki slots, 512 KiB.
const mapSlotsFrom = 1 << 16

func (o *occurrences) grow() {
	old, oldMapping := o.slots, o.mapping
	n := 2 * len(old)
	var slots []uint64
	var mapping []byte
	if n >= mapSlotsFrom {
		slots, mapping = mapSlots(n)
	}
	if slots == nil {
		slots = make([]uint64, n)
	}
	o.slots, o.mapping, o.used = slots, mapping, 0
	for _, fp := range old {
		if fp != 0 {
			o.insert(fp)
		}
	}
	if oldMapping != nil {
		unmapSlots(oldMapping)
	}
}

// setSlots replaces the slots, releasing the memory of the old ones.
func (o *occurrences) setSlots(slots []uint64, mapping []byte) {
	if o.mapping != nil {
		unmapSlots(o.mapping)
	}
	o.slots, o.mapping = slots, mapping
}

// spillSet is a set of fingerprints in a scratch SQLite file with a small
// page cache, private to one import and removed when it ends. Fingerprints
// are kept under their entry's day, so that a file in date order, as exports
// mostly are, works on a few pages at a time.
type spillSet struct {
	dir string
	c   *csqlite.Conn
	ins *csqlite.Stmt
}

func newSpillSet() (*spillSet, error) {
	dir, err := os.MkdirTemp("", "creatorledger-import-")
	if err != nil {
		return nil, fmt.Errorf("scratch file for a large import: %w", err)
	}
	s := &spillSet{dir: dir}
	fail := func(err error) (*spillSet, error) {
		s.close()
		return nil, fmt.Errorf("scratch file for a large import: %w", err)
	}
	path := filepath.Join(dir, "seen.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil { // an empty file is a new database
		return fail(err)
	}
	if s.c, err = csqlite.Open(path); err != nil {
		return fail(err)
	}
	if err := s.c.Exec(`PRAGMA journal_mode = off; PRAGMA synchronous = off; PRAGMA cache_size = -2048;
		CREATE TABLE seen (day INTEGER NOT NULL, fp INTEGER NOT NULL, PRIMARY KEY (day, fp)) WITHOUT ROWID;
		BEGIN`); err != nil {
		return fail(err)
	}
	if s.ins, err = s.c.Prepare(`INSERT OR IGNORE INTO seen (day, fp) VALUES (?, ?)`); err != nil {
		return fail(err)
	}
	return s, nil
}

// add inserts the fingerprint of the day and reports whether it was new.
func (s *spillSet) add(day uint32, fp uint64) (bool, error) {
	s.ins.Int64(1, int64(day))
	s.ins.Int64(2, int64(fp))
	if err := s.ins.Exec(); err != nil {
		return false, fmt.Errorf("scratch file for a large import: %w", err)
	}
	return s.c.Changes() == 1, nil
}

func (s *spillSet) close() {
	if s.ins != nil {
		s.ins.Close()
	}
	if s.c != nil {
		s.c.Close()
	}
	os.RemoveAll(s.dir)
}
