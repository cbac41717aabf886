package sqlite

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortKeyRows: sortKeyRows orders runs as slices.SortFunc with
// compareKeys does: runs of one day and of several, keys that share their
// first word, equal keys, and runs of every small length.
func TestSortKeyRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var spare []keyRow
	check := func(name string, rows []keyRow) {
		t.Helper()
		want := slices.Clone(rows)
		slices.SortStableFunc(want, func(x, y keyRow) int { return compareKeys(&x.key, &y.key) })
		spare = sortKeyRows(rows, spare)
		for i := range rows {
			if rows[i].key != want[i].key {
				t.Fatalf("%s: row %d has key %x, want %x", name, i, rows[i].key, want[i].key)
			}
		}
	}
	run := func(n, days int, firstWordBits uint) []keyRow {
		rows := make([]keyRow, n)
		for i := range rows {
			day := uint64(20260901 + rng.IntN(days))
			binary.BigEndian.PutUint64(rows[i].key[:], day<<32|rng.Uint64()&(1<<firstWordBits-1))
			binary.BigEndian.PutUint64(rows[i].key[8:], rng.Uint64())
			rows[i].id = int64(i)
		}
		return rows
	}
	check("one day", run(streamRows, 1, 32))
	check("three days", run(streamRows, 3, 32))
	check("shared first words", run(1000, 2, 3)) // few values after the day
	equal := run(50, 1, 32)
	for i := range equal {
		equal[i].key = equal[0].key
	}
	check("equal keys", equal)
	for n := 0; n < 40; n++ {
		check("short run", run(n, 2, 32))
	}
}
