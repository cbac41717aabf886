package sqlite

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/internal/csqlite"
)

// occurrences counts, for one file, how often each identity has been seen.
// The first maxInMemory identities are kept in memory as 64-bit
// fingerprints, with a small map for the identities that occur more than
// once, which real exports rarely have. Past that, new fingerprints go to a
// scratch SQLite file, so memory stays bounded whatever the size of the
// file.
//
// A fingerprint is 64 bits of SHA-256 of the identity, which includes the
// date, so only fingerprints of the same day can match. Exports are mostly
// in date order, so the set works a day at a time: the current day's
// fingerprints are in a small open-addressing table (at most half full)
// that stays in the processor's cache, and when the day changes they are
// sorted and appended to a log, 8 bytes each, where a day that comes back
// later is looked up by binary search. A file that changes day every few
// rows (not in date order) turns the table into one for every day instead
// (global), as one table for the whole file was before.
//
// Two different identities in one file share a fingerprint with a
// probability of about n²/2⁶⁵ (3·10⁻⁸ for a million rows); the result would
// be one entry treated as an identical repeat of another.
type occurrences struct {
	slots   []uint64
	mapping []byte // the memory of slots, when it is outside the Go heap
	used    int    // fingerprints in slots

	day      uint32
	started  bool
	global   bool               // slots hold every day's fingerprints
	log      fpLog              // earlier days' fingerprints, a sorted run per visit
	runs     map[uint32][]fpRun // where each day's runs are in log
	dayRuns  []fpRun            // the current day's earlier runs
	switches int                // day changes
	dayFps   []uint64           // the current day's fingerprints in slots, as they came
	kept     int                // fingerprints in slots and log

	sink        uint64 // what touch read, so that the reads are kept
	repeats     map[uint64]int
	maxInMemory int
	spill       *spillSet // nil until the set is full
}

// fpRun is a sorted run of one day's fingerprints in the log.
type fpRun struct{ start, end int }

// maxInMemoryOccurrences keeps the set at about 8 to 16 MiB.
const maxInMemoryOccurrences = 1 << 20

// smallSlots is the size of the day table after a day change.
const smallSlots = 1 << 12

func newOccurrences() *occurrences {
	return &occurrences{slots: make([]uint64, smallSlots), runs: map[uint32][]fpRun{}, repeats: map[uint64]int{},
		maxInMemory: maxInMemoryOccurrences}
}

// next returns how many times the identity behind base (the key of its
// first occurrence) was seen before, and counts this time.
func (o *occurrences) next(base ledger.Key) (int, error) {
	day := binary.BigEndian.Uint32(base[:4])
	fp := binary.LittleEndian.Uint64(base[4:12])
	if fp == 0 {
		fp = 1 // 0 marks an empty slot
	}
	if !o.global && (day != o.day || !o.started) {
		o.changeDay(day)
	}
	isNew := false
	switch {
	case o.contains(fp):
	case o.kept < o.maxInMemory:
		o.insert(fp)
		if !o.global {
			o.dayFps = append(o.dayFps, fp)
		}
		o.kept++
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
		if isNew, err = o.spill.add(day, fp); err != nil {
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

// changeDay moves the current day's fingerprints to the log and starts the
// table afresh for day, or, when days change too often to be worth it,
// makes the table global.
func (o *occurrences) changeDay(day uint32) {
	if !o.started {
		o.started, o.day = true, day
		return
	}
	o.switches++
	if o.switches > 64 && o.switches > o.kept/16 {
		o.makeGlobal()
		return
	}
	if o.used > 0 {
		// The day's fingerprints are listed in dayFps: a sparse day need
		// not be found among the table's thousands of empty slots.
		fps := o.dayFps
		slices.Sort(fps)
		start := o.log.n
		for _, fp := range fps {
			o.log.append(fp)
		}
		o.runs[o.day] = append(o.runs[o.day], fpRun{start, o.log.n})
		o.dayFps = fps[:0]
		if len(o.slots) > smallSlots {
			o.setSlots(make([]uint64, smallSlots), nil)
		} else {
			clear(o.slots)
		}
		o.used = 0
	}
	o.day, o.dayRuns = day, o.runs[day]
}

// makeGlobal puts every fingerprint of the log into the table, which from
// then on holds all days.
func (o *occurrences) makeGlobal() {
	o.global = true
	for i := 0; i < o.log.n; i++ {
		o.insert(o.log.at(i))
	}
	o.log.free()
	o.runs, o.dayRuns, o.dayFps = nil, nil, nil
}

// close releases the set's memory and removes the scratch file, if there
// is one. The set must not be used after.
func (o *occurrences) close() {
	o.setSlots(nil, nil)
	o.log.free()
	if o.spill != nil {
		o.spill.close()
		o.spill = nil
	}
}

// touch reads the slot where the fingerprint of base (a key of a first
// occurrence) would be, when the table holds every day, so that next finds
// it in the processor's cache.
func (o *occurrences) touch(base *ledger.Key) {
	if !o.global {
		return
	}
	fp := binary.LittleEndian.Uint64(base[4:12])
	o.sink += o.slots[fp&uint64(len(o.slots)-1)]
}

func (o *occurrences) contains(fp uint64) bool {
	mask := uint64(len(o.slots) - 1)
	for i := fp & mask; ; i = (i + 1) & mask {
		switch o.slots[i] {
		case 0:
			for _, r := range o.dayRuns {
				if o.log.search(r, fp) {
					return true
				}
			}
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
	slots, mapping := allocSlots(n)
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

// allocSlots returns n zeroed slots, outside the Go heap when there are
// many (mapping is then their memory, for unmapSlots).
func allocSlots(n int) (slots []uint64, mapping []byte) {
	if n >= mapSlotsFrom {
		slots, mapping = mapSlots(n)
	}
	if slots == nil {
		slots = make([]uint64, n)
	}
	return slots, mapping
}

// setSlots replaces the slots, releasing the memory of the old ones.
func (o *occurrences) setSlots(slots []uint64, mapping []byte) {
	if o.mapping != nil {
		unmapSlots(o.mapping)
	}
	o.slots, o.mapping = slots, mapping
}

// fpLog is an append-only array of fingerprints in chunks outside the Go
// heap (allocSlots).
type fpLog struct {
	chunks   [][]uint64
	mappings [][]byte
	n        int
}

const fpChunk = 1 << 16

func (l *fpLog) append(fp uint64) {
	if l.n == len(l.chunks)*fpChunk {
		c, m := allocSlots(fpChunk)
		l.chunks, l.mappings = append(l.chunks, c), append(l.mappings, m)
	}
	l.chunks[l.n/fpChunk][l.n%fpChunk] = fp
	l.n++
}

func (l *fpLog) at(i int) uint64 { return l.chunks[i/fpChunk][i%fpChunk] }

// search reports whether fp is in the sorted run r.
func (l *fpLog) search(r fpRun, fp uint64) bool {
	i, j := r.start, r.end
	for i < j {
		h := int(uint(i+j) >> 1)
		if l.at(h) < fp {
			i = h + 1
		} else {
			j = h
		}
	}
	return i < r.end && l.at(i) == fp
}

func (l *fpLog) free() {
	for _, m := range l.mappings {
		if m != nil {
			unmapSlots(m)
		}
	}
	*l = fpLog{}
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
