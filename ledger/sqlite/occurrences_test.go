package sqlite

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// TestOccurrencesSpill checks the counter against a plain map, with the
// in-memory part so small that most identities go to the scratch file,
// repeats on both sides of the boundary included.
func TestOccurrencesSpill(t *testing.T) {
	o := newOccurrences()
	o.maxInMemory = 50
	want := map[ledger.Key]int{}
	for i := 0; i < 2000; i++ {
		n := (i * 7919) % 700 // ~3 occurrences each, spread out
		id := []byte(fmt.Sprintf("identity %d", n))
		k := ledger.KeyOf(date("2026-01-01").AddDate(0, 0, n%40), id, 0) // over 40 days
		// The same identity on another day is another one.
		if n%50 == 0 {
			k = ledger.KeyOf(date("2026-03-01"), id, 0)
		}
		got, err := o.next(k)
		if err != nil {
			t.Fatal(err)
		}
		if got != want[k] {
			t.Fatalf("row %d: occurrence %d, want %d", i, got, want[k])
		}
		want[k]++
	}
	if o.spill == nil {
		t.Fatal("the scratch file was never used")
	}
	dir := o.spill.dir
	o.close()
	if o.slots != nil || o.mapping != nil {
		t.Error("close kept the slots")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("scratch directory %s left behind: %v", dir, err)
	}
}

// TestOccurrencesLarge fills the set past the size at which its slots move
// out of the Go heap, growing it several times, and checks every
// fingerprint is still found once and only once.
func TestOccurrencesLarge(t *testing.T) {
	o := newOccurrences()
	defer o.close()
	n := 4 * mapSlotsFrom
	key := func(i int) ledger.Key { return ledger.KeyOf(date("2026-01-01"), []byte(fmt.Sprintf("row %d", i)), 0) }
	for i := 0; i < n; i++ {
		if got, err := o.next(key(i)); err != nil || got != 0 {
			t.Fatalf("row %d first time: %d, %v", i, got, err)
		}
	}
	if len(o.slots) < mapSlotsFrom {
		t.Fatalf("%d slots, want at least %d", len(o.slots), mapSlotsFrom)
	}
	for i := 0; i < n; i += 97 {
		if got, err := o.next(key(i)); err != nil || got != 1 {
			t.Fatalf("row %d again: %d, %v", i, got, err)
		}
	}
}

// TestOccurrencesDayOrders checks the counter against a plain map for rows
// in date order, in sections that come back to earlier days (per-day
// tables and the log), in no order at all (the table turns global), each
// with identical rows and with and without the scratch file.
func TestOccurrencesDayOrders(t *testing.T) {
	type row struct {
		day, id int
	}
	var sorted []row
	for day := 0; day < 60; day++ {
		for id := 0; id < 200; id++ {
			sorted = append(sorted, row{day, id % 150}) // 50 repeats a day
		}
	}
	sections := make([]row, 0, len(sorted))
	for part := 0; part < 3; part++ { // each section covers every day
		for _, r := range sorted {
			if r.id%3 == part {
				sections = append(sections, r)
			}
		}
	}
	shuffled := slices.Clone(sorted)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for name, rows := range map[string][]row{"sorted": sorted, "sections": sections, "shuffled": shuffled} {
		for _, max := range []int{maxInMemoryOccurrences, 5000} {
			o := newOccurrences()
			o.maxInMemory = max
			want := map[ledger.Key]int{}
			for i, r := range rows {
				k := ledger.KeyOf(date("2026-01-01").AddDate(0, 0, r.day), []byte(fmt.Sprintf("%d identity %d", r.day, r.id)), 0) // as AppendIdentity, with the date
				got, err := o.next(k)
				if err != nil {
					t.Fatal(err)
				}
				if got != want[k] {
					t.Fatalf("%s, %d in memory: row %d: occurrence %d, want %d", name, max, i, got, want[k])
				}
				want[k]++
			}
			if global := o.global; global != (name == "shuffled") {
				t.Errorf("%s: global table %v", name, global)
			}
			if (o.spill != nil) != (max == 5000) {
				t.Errorf("%s, %d in memory: scratch file used: %v", name, max, o.spill != nil)
			}
			o.close()
		}
	}
}
