package ledger

import "encoding/binary"

// occurrences counts, for one file, how often each identity has been seen,
// in about 16 bytes per distinct identity: a set of 64-bit fingerprints
// (open addressing, at most half full) and a small map for the identities
// that occur more than once, which real exports rarely have.
//
// A fingerprint is 64 bits of SHA-256 of the identity (which includes the
// date). Two different identities in one file share a fingerprint with a
// probability of about n²/2⁶⁵ (3·10⁻⁸ for a million rows); the result would
// be one entry treated as an identical repeat of another.
type occurrences struct {
	slots   []uint64
	used    int
	repeats map[uint64]int
}

func newOccurrences() *occurrences {
	return &occurrences{slots: make([]uint64, 1<<12), repeats: map[uint64]int{}}
}

// next returns how many times the identity behind base (the key of its
// first occurrence) was seen before, and counts this time.
func (o *occurrences) next(base Key) int {
	fp := binary.LittleEndian.Uint64(base[4:12])
	if fp == 0 {
		fp = 1 // 0 marks an empty slot
	}
	if o.insert(fp) {
		return 0
	}
	n := o.repeats[fp] + 1
	o.repeats[fp] = n
	return n
}

// insert adds fp and reports whether it was new.
func (o *occurrences) insert(fp uint64) bool {
	if 2*(o.used+1) > len(o.slots) {
		o.grow()
	}
	mask := uint64(len(o.slots) - 1)
	for i := fp & mask; ; i = (i + 1) & mask {
		switch o.slots[i] {
		case 0:
			o.slots[i] = fp
			o.used++
			return true
		case fp:
			return false
		}
	}
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
