package ledger

import (
	"database/sql"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
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
		if isNew, err = o.spill.add(fp); err != nil {
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

// close removes the scratch file, if there is one.
func (o *occurrences) close() {
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

func (o *occurrences) grow() {
	old := o.slots
	o.slots = make([]uint64, 2*len(old))
	o.used = 0
	for _, fp := range old {
		if fp != 0 {
			o.insert(fp)
		}
	}
}

// spillSet is a set of fingerprints in a scratch SQLite file with a small
// page cache, private to one import and removed when it ends.
type spillSet struct {
	dir string
	db  *sql.DB
	tx  *sql.Tx
	ins *sql.Stmt
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
	s.db, err = sql.Open("sqlite", filepath.Join(dir, "seen.db")+
		"?_pragma=journal_mode(off)&_pragma=synchronous(off)&_pragma=cache_size(-8192)")
	if err != nil {
		return fail(err)
	}
	s.db.SetMaxOpenConns(1)
	if _, err := s.db.Exec(`CREATE TABLE seen (fp INTEGER PRIMARY KEY)`); err != nil {
		return fail(err)
	}
	if s.tx, err = s.db.Begin(); err != nil {
		return fail(err)
	}
	if s.ins, err = s.tx.Prepare(`INSERT INTO seen (fp) VALUES (?) ON CONFLICT (fp) DO NOTHING`); err != nil {
		return fail(err)
	}
	return s, nil
}

// add inserts fp and reports whether it was new.
func (s *spillSet) add(fp uint64) (bool, error) {
	res, err := s.ins.Exec(int64(fp))
	if err != nil {
		return false, fmt.Errorf("scratch file for a large import: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (s *spillSet) close() {
	if s.tx != nil {
		s.tx.Rollback()
	}
	if s.db != nil {
		s.db.Close()
	}
	os.RemoveAll(s.dir)
}
