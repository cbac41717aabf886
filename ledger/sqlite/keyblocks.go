package sqlite

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/internal/csqlite"
)

// blockRecord is the size of one key's record in a block.
const blockRecord = ledger.KeySize - 4 + 8 + 8

// maxBlockKeys bounds the keys of one block (112 KiB); the keys of a
// larger day beyond it go to entry_keys.
const maxBlockKeys = 4096

// maxCachedBlocks bounds the bytes of blocks an import keeps read.
var maxCachedBlocks = 32 << 20

// appendBlockRecord appends the record of key row r to a block.
func appendBlockRecord(b []byte, r *keyRow) []byte {
	b = append(b, r.key[4:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(r.id))
	return binary.BigEndian.AppendUint64(b, uint64(r.version))
}

// searchBlock finds key k, of the block's day, in block b, whose records
// are in key order (checkBlock).
//
// A key past its day is a hash, so a day's keys are spread evenly: the
// search starts at the record where the key's next 8 bytes put it and
// steps from there, record by record, through neighbouring memory (a
// guess is off by about the square root of the records, some 30 for a
// busy day), then halves what is left if it has not arrived. A block in
// the cache is mostly out of the processor's cache when a file is not in
// date order, and this reads one or two places of it instead of the
// twelve of a plain binary search.
func searchBlock(b []byte, k *ledger.Key) (knownKey, bool) {
	n := len(b) / blockRecord
	if n == 0 {
		return knownKey{}, false
	}
	hi, lo := binary.BigEndian.Uint64(k[4:]), binary.BigEndian.Uint32(k[12:])
	// cmpAt compares record h's key with k.
	cmpAt := func(h int) int {
		r := b[h*blockRecord:]
		if c := cmp.Compare(binary.BigEndian.Uint64(r), hi); c != 0 {
			return c
		}
		return cmp.Compare(binary.BigEndian.Uint32(r[8:]), lo)
	}
	guess, _ := bits.Mul64(hi, uint64(n))
	i := int(guess) // < n
	const steps = 64
	found := false
	switch c := cmpAt(i); {
	case c == 0:
		found = true
	case c < 0: // the key is after i
		end := min(n, i+steps)
		for i++; i < end; i++ {
			if c := cmpAt(i); c >= 0 {
				found = c == 0
				break
			}
		}
		if i == end && end < n {
			i, found = searchRecords(cmpAt, end, n)
		}
	default: // at or before i
		start := max(0, i-steps)
		for i--; i >= start; i-- {
			if c := cmpAt(i); c <= 0 {
				found = c == 0
				break
			}
		}
		if i < start && start > 0 {
			i, found = searchRecords(cmpAt, 0, start)
		}
	}
	if !found {
		return knownKey{}, false
	}
	r := b[i*blockRecord+ledger.KeySize-4:]
	return knownKey{
		id:      int64(binary.BigEndian.Uint64(r)),
		version: int64(binary.BigEndian.Uint64(r[8:])),
		hasOne:  true,
	}, true
}

// searchRecords finds the record in [i, j) whose key cmpAt says is k, by
// halving.
func searchRecords(cmpAt func(int) int, i, j int) (int, bool) {
	for i < j {
		h := int(uint(i+j) >> 1)
		switch c := cmpAt(h); {
		case c == 0:
			return h, true
		case c < 0:
			i = h + 1
		default:
			j = h
		}
	}
	return i, false
}

// checkBlock reports whether b is a block searchBlock can read: whole
// records whose keys go up.
func checkBlock(b []byte) error {
	if err := checkBlockSize(b); err != nil {
		return err
	}
	const tail = ledger.KeySize - 4
	for at := blockRecord; at < len(b); at += blockRecord {
		if bytes.Compare(b[at-blockRecord:at-blockRecord+tail], b[at:at+tail]) >= 0 {
			return fmt.Errorf("the keys of a key block are out of order at record %d", at/blockRecord)
		}
	}
	return nil
}

// checkBlockSize reports whether b is whole records.
func checkBlockSize(b []byte) error {
	if len(b) == 0 || len(b)%blockRecord != 0 {
		return fmt.Errorf("a key block of %d bytes is not whole %d-byte records", len(b), blockRecord)
	}
	return nil
}

// keyPrefixDay is the day number (YYYYMMDD) of the keys that start with
// prefix (see KeyOf).
func keyPrefixDay(prefix [4]byte) int64 {
	days := int64(binary.BigEndian.Uint32(prefix[:])) - 1<<31
	return ledger.DayNumber(time.Unix(days*86400, 0).UTC())
}

// keyBlocks finds keys in the ledger's blocks for an import that looks keys
// up. It keeps the blocks of the days it has read, up to maxCachedBlocks,
// and forgets them all when they would be more: an import in date order
// reads each day once. When most of its reads are of days it had read
// and forgotten (a file in another order over more days than it can keep),
// it stops keeping them and looks each key up in the block as SQLite reads
// it (direct).
//
// The blocks kept are copied into one arena of maxCachedBlocks bytes
// outside the Go heap, in huge pages where the system has them (mapBytes):
// read in no order, a million entries' blocks on the Go heap cost a miss of
// the processor's address cache at nearly every look-up, and made the
// collector's work.
type keyBlocks struct {
	st      *csqlite.Stmt // SELECT keys FROM key_blocks WHERE day = ?
	days    map[[4]byte][][]byte
	size    int    // bytes of arena in use
	arena   []byte // the kept blocks' bytes; mapped outside the Go heap when mapped
	mapped  bool
	scratch []byte           // the day being read
	lens    []int            // the lengths of its blocks
	seen    map[[4]byte]bool // the days read so far
	reads   int
	again   int // reads of days read before
	direct  bool
}

func newKeyBlocks(st *csqlite.Stmt) *keyBlocks {
	return &keyBlocks{st: st, days: make(map[[4]byte][][]byte), seen: make(map[[4]byte]bool)}
}

// find looks key k up in the blocks of its day.
func (kb *keyBlocks) find(k *ledger.Key) (knownKey, bool, error) {
	prefix := [4]byte(k[:4])
	blocks, ok := kb.days[prefix]
	if !ok && kb.direct {
		var known knownKey
		err := kb.eachBlock(prefix, false, func(b []byte) bool {
			known, ok = searchBlock(b, k)
			return !ok
		})
		return known, ok, err
	}
	if !ok {
		var err error
		if blocks, err = kb.read(prefix); err != nil {
			return knownKey{}, false, err
		}
	}
	for _, b := range blocks {
		if known, ok := searchBlock(b, k); ok {
			return known, true, nil
		}
	}
	return knownKey{}, false, nil
}

// read reads the blocks of one day (none, mostly one) and keeps them. The
// blocks it returns are valid until the next read.
func (kb *keyBlocks) read(prefix [4]byte) ([][]byte, error) {
	kb.scratch, kb.lens = kb.scratch[:0], kb.lens[:0]
	err := kb.eachBlock(prefix, true, func(b []byte) bool {
		kb.scratch = append(kb.scratch, b...)
		kb.lens = append(kb.lens, len(b))
		return true
	})
	if err != nil {
		return nil, err
	}
	n := len(kb.scratch)
	kb.reads++
	if kb.seen[prefix] {
		kb.again++
	}
	kb.seen[prefix] = true
	if kb.size+n > maxCachedBlocks {
		clear(kb.days)
		kb.size = 0
	}
	if kb.again >= 1024 && 2*kb.again > kb.reads {
		kb.direct = true
		clear(kb.days)
		kb.size = 0
		return splitBlocks(kb.scratch, kb.lens), nil
	}
	if n > maxCachedBlocks { // a day larger than the cache: not kept
		return splitBlocks(kb.scratch, kb.lens), nil
	}
	if kb.arena == nil {
		if kb.arena = mapBytes(maxCachedBlocks); kb.arena != nil {
			kb.mapped = true
		} else {
			kb.arena = make([]byte, maxCachedBlocks)
		}
	}
	kept := kb.arena[kb.size : kb.size+n : kb.size+n]
	copy(kept, kb.scratch)
	kb.size += n
	blocks := splitBlocks(kept, kb.lens)
	kb.days[prefix] = blocks
	return blocks, nil
}

// splitBlocks cuts b into blocks of the given lengths.
func splitBlocks(b []byte, lens []int) [][]byte {
	blocks := make([][]byte, 0, len(lens))
	for _, n := range lens {
		blocks = append(blocks, b[:n:n])
		b = b[n:]
	}
	return blocks
}

// close releases the arena; the cache must not be used after.
func (kb *keyBlocks) close() {
	if kb.mapped {
		unmapSlots(kb.arena)
	}
	kb.arena, kb.mapped, kb.days = nil, false, nil
}

// eachBlock calls fn with each block of the day of the keys that start
// with prefix until it returns false. The bytes are SQLite's, valid only
// during the call. A block to keep is checked whole (checkBlock); one
// searched once, only for its size: reading all of it for each key would
// take longer than the search.
func (kb *keyBlocks) eachBlock(prefix [4]byte, keep bool, fn func(b []byte) bool) error {
	day := keyPrefixDay(prefix)
	st := kb.st
	st.Int64(1, day)
	for {
		row, err := st.Step()
		if err != nil {
			st.Reset()
			return fmt.Errorf("look up entries: %w", err)
		}
		if !row {
			break
		}
		b := st.ColumnBytes(0)
		err = checkBlockSize(b)
		if err == nil && keep {
			err = checkBlock(b)
		}
		if err != nil {
			st.Reset()
			return fmt.Errorf("look up entries of %d: %w", day, err)
		}
		if !fn(b) {
			break
		}
	}
	if err := st.Reset(); err != nil {
		return fmt.Errorf("look up entries: %w", err)
	}
	return nil
}

// checkKeys checks that every entry has one key, in entry_keys or in a
// block, and that every key is an entry's; a key in both must name the same
// entry. It reads the whole key table and every block, and keeps a bit per
// entry id.
func (db *DB) checkKeys(ctx context.Context) error {
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("check keys: %w", err)
	}
	defer tx.Rollback()
	var maxID, entries int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0), COUNT(*) FROM entries`).Scan(&maxID, &entries); err != nil {
		return fmt.Errorf("check keys: %w", err)
	}
	seen := make([]uint64, maxID/64+1)
	mark := func(key []byte, id int64) error {
		if id < 1 || id > maxID {
			return fmt.Errorf("check keys: key %x is of entry %d, which the ledger does not have", key, id)
		}
		if seen[id/64]&(1<<(id%64)) != 0 {
			return fmt.Errorf("check keys: entry %d has two keys (one is %x)", id, key)
		}
		seen[id/64] |= 1 << (id % 64)
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT dedupe_key, entry_id FROM entry_keys`)
	if err != nil {
		return fmt.Errorf("check keys: %w", err)
	}
	for rows.Next() {
		var k []byte
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			rows.Close()
			return fmt.Errorf("check keys: %w", err)
		}
		if err := mark(k, id); err != nil {
			rows.Close()
			return err
		}
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("check keys: %w", err)
	}
	if err := checkBlockKeys(ctx, tx, mark); err != nil {
		return fmt.Errorf("check keys: %w", err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT id FROM entries`)
	if err != nil {
		return fmt.Errorf("check keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("check keys: %w", err)
		}
		if seen[id/64]&(1<<(id%64)) == 0 {
			return fmt.Errorf("check keys: entry %d has no key", id)
		}
	}
	return rows.Err()
}

// checkBlockKeys calls mark with each key of every block that entry_keys
// does not override, and checks that those it does are of the same entry.
func checkBlockKeys(ctx context.Context, tx *sql.Tx, mark func(key []byte, id int64) error) error {
	rows, err := tx.QueryContext(ctx, `SELECT day, keys FROM key_blocks`)
	if err != nil {
		return err
	}
	defer rows.Close()
	row, err := tx.PrepareContext(ctx, `SELECT entry_id FROM entry_keys WHERE dedupe_key = ?`)
	if err != nil {
		return err
	}
	defer row.Close()
	for rows.Next() {
		var day int64
		var b []byte
		if err := rows.Scan(&day, &b); err != nil {
			return err
		}
		if err := checkBlock(b); err != nil {
			return fmt.Errorf("day %d: %w", day, err)
		}
		date, err := time.Parse("20060102", strconv.FormatInt(day, 10))
		if err != nil {
			return fmt.Errorf("a key block of day %d: %w", day, err)
		}
		var k ledger.Key
		ledger.PutKeyDate(&k, date)
		for at := 0; at < len(b); at += blockRecord {
			copy(k[4:], b[at:])
			known, _ := searchBlock(b[at:at+blockRecord], &k)
			var over int64
			switch err := row.QueryRowContext(ctx, k[:]).Scan(&over); {
			case errors.Is(err, sql.ErrNoRows):
				if err := mark(k[:], known.id); err != nil {
					return err
				}
			case err != nil:
				return err
			case over != known.id:
				return fmt.Errorf("key %x is of entry %d in entry_keys and of entry %d in its block", k, over, known.id)
			}
		}
	}
	return rows.Err()
}
