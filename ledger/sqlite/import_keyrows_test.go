package sqlite

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// TestBulkImportOrders: a first import writes each day's keys as one block,
// and each day's totals once, in every row order: by date, newest first,
// by item (each item's days in turn) and shuffled; with the sorter's memory
// small enough that out-of-order files spill runs and merge them. The
// same rows again, in another order, are all duplicates.
func TestBulkImportOrders(t *testing.T) {
	defer func(n, g int) { maxSortRows, maxTotalGroups = n, g }(maxSortRows, maxTotalGroups)
	maxSortRows = 300
	const items, days = 40, 50
	var byDate []ledger.Entry
	for d := 0; d < days; d++ {
		for i := 0; i < items; i++ {
			byDate = append(byDate, earning(date("2026-01-01").AddDate(0, 0, d).Format(ledger.DateLayout),
				fmt.Sprintf("video-%d", i), fmt.Sprintf("%d.25", d+i), []ledger.Status{ledger.StatusEstimated, ledger.StatusPaid}[(d+i)%2]))
		}
	}
	orders := map[string][]ledger.Entry{"date": byDate, "newest": slices.Clone(byDate)}
	slices.Reverse(orders["newest"])
	for i := 0; i < items; i++ {
		for d := 0; d < days; d++ {
			orders["item"] = append(orders["item"], byDate[d*items+i])
		}
	}
	shuffled := slices.Clone(byDate)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	orders["shuffled"] = shuffled
	for name, es := range orders {
		for _, groups := range []int{1 << 17, 7} { // 7: the totals are written in many passes
			t.Run(fmt.Sprintf("%s/%d", name, groups), func(t *testing.T) {
				maxTotalGroups = groups
				db := newTestDB(t)
				if im := importEntries(t, db, "a", es...); im.Counts != (ledger.Counts{Rows: len(es), New: len(es)}) {
					t.Fatalf("first import: %+v", im.Counts)
				}
				if b, k, r := keyTables(t, db); b != days || k != len(es) || r != 0 {
					t.Errorf("%d blocks of %d keys and %d key rows, want %d of %d and none", b, k, r, days, len(es))
				}
				snap(t, db)
				if im := importEntries(t, db, "b", shuffled...); im.Counts != (ledger.Counts{Rows: len(es), Duplicates: len(es)}) {
					t.Errorf("the same rows shuffled: %+v", im.Counts)
				}
			})
		}
	}
}

// TestKeySorter: whatever the order of the rows, each day's rows reach
// write together, once, sorted; rows of days a file in date order (either
// way) has left are written before the end, and nothing is spilled; a file
// that comes back to its days spills runs once it has maxSortRows rows.
func TestKeySorter(t *testing.T) {
	defer func(n int) { maxSortRows = n }(maxSortRows)
	maxSortRows = streamRows + 904 // 5,000 rows: more than a write of days left, less than the file
	const days, perDay = 60, 100
	var byDate []keyRow
	rng := rand.New(rand.NewPCG(7, 8))
	for d := 0; d < days; d++ {
		for i := 0; i < perDay; i++ {
			var r keyRow
			binary.BigEndian.PutUint32(r.key[:4], uint32(20000+d))
			binary.BigEndian.PutUint64(r.key[4:], rng.Uint64())
			r.id = int64(len(byDate) + 1)
			byDate = append(byDate, r)
		}
	}
	newest := slices.Clone(byDate)
	slices.Reverse(newest)
	var byItem []keyRow
	for i := 0; i < perDay; i++ {
		for d := 0; d < days; d++ {
			byItem = append(byItem, byDate[d*perDay+i])
		}
	}
	shuffled := slices.Clone(byDate)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, c := range []struct {
		name    string
		rows    []keyRow
		ordered bool
	}{{"date", byDate, true}, {"newest", newest, true}, {"item", byItem, false}, {"shuffled", shuffled, false}} {
		t.Run(c.name, func(t *testing.T) {
			seen := map[uint32]int{} // the write call that had a day's rows
			calls, rows := 0, 0
			s := newKeySorter(func(rs []keyRow) error {
				calls++
				for i := range rs {
					day := keyRowDay(&rs[i])
					if at, ok := seen[day]; ok && at != calls {
						t.Fatalf("day %d in write %d and %d", day, at, calls)
					}
					seen[day] = calls
					if i > 0 && compareKeys(&rs[i-1].key, &rs[i].key) >= 0 {
						t.Fatalf("write %d: rows %d and %d out of key order", calls, i-1, i)
					}
				}
				rows += len(rs)
				return nil
			})
			for rs := c.rows; len(rs) > 0; rs = rs[min(len(rs), batchSize):] {
				if err := s.add(slices.Clone(rs[:min(len(rs), batchSize)])); err != nil {
					t.Fatal(err)
				}
			}
			before, spilled := calls, s.file != nil
			if err := s.finish(); err != nil {
				t.Fatal(err)
			}
			if rows != len(c.rows) || len(seen) != days {
				t.Fatalf("%d rows of %d days written, want %d of %d", rows, len(seen), len(c.rows), days)
			}
			if c.ordered && (spilled || before == 0) {
				t.Errorf("in order: spilled %v, %d writes before the end", spilled, before)
			}
			if !c.ordered && (!spilled || before != 0) {
				t.Errorf("out of order: spilled %v, %d writes before the end", spilled, before)
			}
		})
	}
}
