package sqlite

import (
	"bufio"
	"cmp"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"github.com/creatorledger/creatorledger/ledger"
)

// keyRow is a row of the key table that a bulk import has yet to write.
type keyRow struct {
	key         ledger.Key
	id, version int64
}

// compareKeys orders keys as bytes.Compare does, a word at a time (KeySize
// is a multiple of 8): keys of one day mostly differ in their first word.
func compareKeys(x, y *ledger.Key) int {
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

// keySorter puts the key rows of a bulk import in key order, so that each
// day's keys are written together, once (writeKeys: a day's block, and
// entry_keys rows past maxBlockKeys), whatever the order of the file's
// rows. Keys start with their day, so key order is day order.
//
// While the file's days only go one way (by date, oldest or newest first,
// as most exports are), the rows of the days it has left are written as it
// goes, a few thousand at a time. Once a day comes back (a file grouped by
// item, or in no order), rows are kept until maxSortRows are, sorted and
// spilled to a scratch file as a run; at the end the runs are merged. So
// memory stays at maxSortRows rows (4 MiB, and as much again to sort),
// whatever the size of the file.
type keySorter struct {
	write func([]keyRow) error // writeKeys

	buf, spare []keyRow
	ordered    bool // the days so far went one way (dir), or stayed
	dir        int
	lastDay    uint32
	started    bool // lastDay is a row's
	most       int  // the most rows kept at once, for tests

	file *os.File // the runs, one after another
	runs []int64  // the rows of each run
}

// maxSortRows bounds the key rows a bulk import keeps in memory; a variable
// for tests.
var maxSortRows = 1 << 17

// streamRows is how many rows of days the file has left are written at a
// time while its days go one way.
const streamRows = 4096

// keyRecord is the size of a key row in a run.
const keyRecord = ledger.KeySize + 16

func newKeySorter(write func([]keyRow) error) *keySorter {
	return &keySorter{write: write, ordered: true}
}

func keyRowDay(r *keyRow) uint32 { return binary.BigEndian.Uint32(r.key[:4]) }

// add takes the key rows of a batch, in file order.
func (s *keySorter) add(rows []keyRow) error {
	for i := range rows {
		day := keyRowDay(&rows[i])
		if s.ordered && s.started && day != s.lastDay {
			c := cmp.Compare(day, s.lastDay)
			if s.dir == 0 {
				s.dir = c
			} else if c != s.dir {
				s.ordered = false
			}
		}
		s.lastDay, s.started = day, true
	}
	s.buf = append(s.buf, rows...)
	s.most = max(s.most, len(s.buf))
	if s.ordered && len(s.buf) >= streamRows {
		// The rows before the current day's are of days the file has
		// left for good, so far as it goes one way.
		n := len(s.buf)
		for n > 0 && keyRowDay(&s.buf[n-1]) == s.lastDay {
			n--
		}
		if n > 0 {
			s.spare = sortKeyRows(s.buf[:n], s.spare)
			if err := s.write(s.buf[:n]); err != nil {
				return err
			}
			s.buf = s.buf[:copy(s.buf, s.buf[n:])]
		}
	}
	if len(s.buf) >= maxSortRows {
		s.ordered = false // what is spilled is written at the end
		return s.spill()
	}
	return nil
}

// spill sorts the kept rows and appends them to the scratch file as a run.
func (s *keySorter) spill() error {
	if s.file == nil {
		f, err := os.CreateTemp("", "creatorledger-keys-")
		if err != nil {
			return fmt.Errorf("scratch file for a large import: %w", err)
		}
		os.Remove(f.Name()) // where the system allows: gone with the process
		s.file = f
	}
	s.spare = sortKeyRows(s.buf, s.spare)
	w := bufio.NewWriterSize(s.file, 64<<10)
	var rec [keyRecord]byte
	for i := range s.buf {
		putKeyRecord(rec[:], &s.buf[i])
		w.Write(rec[:])
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("scratch file for a large import: %w", err)
	}
	s.runs = append(s.runs, int64(len(s.buf)))
	s.buf = s.buf[:0]
	return nil
}

func putKeyRecord(b []byte, r *keyRow) {
	copy(b, r.key[:])
	binary.BigEndian.PutUint64(b[ledger.KeySize:], uint64(r.id))
	binary.BigEndian.PutUint64(b[ledger.KeySize+8:], uint64(r.version))
}

// finish writes the rows not written yet, in key order, and removes the
// scratch file.
func (s *keySorter) finish() error {
	defer s.close()
	if s.file == nil {
		s.spare = sortKeyRows(s.buf, s.spare)
		return s.write(s.buf)
	}
	if len(s.buf) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	return s.merge()
}

func (s *keySorter) close() {
	if s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name())
		s.file = nil
	}
	s.buf, s.spare = nil, nil
}

// merge reads the runs together, in key order, and writes the rows a few
// thousand at a time, each time at a change of day: the rows of a day go
// to write together (up to a block's worth and more).
func (s *keySorter) merge() error {
	h := make(runHeap, 0, len(s.runs))
	var off int64
	for _, n := range s.runs {
		r := &runReader{r: bufio.NewReaderSize(io.NewSectionReader(s.file, off, n*keyRecord), 32<<10), left: n}
		off += n * keyRecord
		if ok, err := r.next(); err != nil {
			return err
		} else if ok {
			h = append(h, r)
		}
	}
	heap.Init(&h)
	out := s.buf[:0]
	dayStart := 0 // where the last day's rows start in out
	for len(h) > 0 {
		r := h[0]
		n := len(out)
		newDay := n == 0 || keyRowDay(&out[n-1]) != keyRowDay(&r.row)
		// At a change of day; or within a day that has its block's worth
		// in out already (the rest of it goes to entry_keys).
		if newDay && n >= streamRows || n >= maxSortRows && n-dayStart >= maxBlockKeys {
			if err := s.write(out); err != nil {
				return err
			}
			out, n, dayStart = out[:0], 0, 0
		}
		if newDay {
			dayStart = n
		}
		out = append(out, r.row)
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	return s.write(out)
}

// runReader reads one sorted run of the scratch file.
type runReader struct {
	r    *bufio.Reader
	left int64
	row  keyRow
	rec  [keyRecord]byte
}

func (r *runReader) next() (bool, error) {
	if r.left == 0 {
		return false, nil
	}
	if _, err := io.ReadFull(r.r, r.rec[:]); err != nil {
		return false, fmt.Errorf("scratch file for a large import: %w", err)
	}
	r.left--
	copy(r.row.key[:], r.rec[:ledger.KeySize])
	r.row.id = int64(binary.BigEndian.Uint64(r.rec[ledger.KeySize:]))
	r.row.version = int64(binary.BigEndian.Uint64(r.rec[ledger.KeySize+8:]))
	return true, nil
}

// runHeap orders the runs by their next row's key.
type runHeap []*runReader

func (h runHeap) Len() int { return len(h) }

func (h runHeap) Less(i, j int) bool { return compareKeys(&h[i].row.key, &h[j].row.key) < 0 }

func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }

func (h *runHeap) Push(x any) { *h = append(*h, x.(*runReader)) }

func (h *runHeap) Pop() any {
	old := *h
	r := old[len(old)-1]
	*h = old[:len(old)-1]
	return r
}
