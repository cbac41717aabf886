package sqlite

import (
	"fmt"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/internal/csqlite"
)

// knownKey is what the ledger's key table says of an entry it has.
type knownKey struct {
	id      int64
	version int64
	hasOne  bool // version is known (see VersionOf and migration 0003)
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
	keys   map[ledger.Key]knownKey
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
		d.keys = make(map[ledger.Key]knownKey)
	}
	clear(d.keys)
	var upper ledger.Key // the greatest key of the day
	copy(upper[:], prefix[:])
	for i := len(prefix); i < len(upper); i++ {
		upper[i] = 0xff
	}
	st := t.stmts.dayKeys
	st.Blob(1, prefix[:])
	st.Blob(2, upper[:])
	st.Int64(3, int64(maxDayKeys)+1)
	n := 0
	return eachKeyRow(st, func(k ledger.Key, known knownKey) bool {
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
func (t *ImportTx) probe(keys []ledger.Key) error {
	st := t.stmts.probe
	for i := 0; i < batchSize; i++ {
		st.Blob(i+1, keys[min(i, len(keys)-1)][:]) // pad with a repeat
	}
	return eachKeyRow(st, func(k ledger.Key, known knownKey) bool {
		t.found[k] = known
		return true
	})
}

// eachKeyRow steps st, whose rows are entry_keys' (dedupe_key, entry_id,
// version), and calls fn for each until it returns false. A key of another
// length than KeySize cannot be one an import looks for.
func eachKeyRow(st *csqlite.Stmt, fn func(ledger.Key, knownKey) bool) error {
	for {
		row, err := st.Step()
		if err != nil {
			st.Reset()
			return fmt.Errorf("look up entries: %w", err)
		}
		if !row {
			break
		}
		var k ledger.Key
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
