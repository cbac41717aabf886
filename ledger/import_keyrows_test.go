package ledger

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
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
	var byDate []Entry
	for d := 0; d < days; d++ {
		for i := 0; i < items; i++ {
			byDate = append(byDate, earning(date("2026-01-01").AddDate(0, 0, d).Format(DateLayout),
				fmt.Sprintf("video-%d", i), fmt.Sprintf("%d.25", d+i), []Status{StatusEstimated, StatusPaid}[(d+i)%2]))
		}
	}
	orders := map[string][]Entry{"date": byDate, "newest": slices.Clone(byDate)}
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
				if im := importEntries(t, db, "a", es...); im.Counts != (Counts{Rows: len(es), New: len(es)}) {
					t.Fatalf("first import: %+v", im.Counts)
				}
				if b, k, r := keyTables(t, db); b != days || k != len(es) || r != 0 {
					t.Errorf("%d blocks of %d keys and %d key rows, want %d of %d and none", b, k, r, days, len(es))
				}
				snap(t, db)
				if im := importEntries(t, db, "b", shuffled...); im.Counts != (Counts{Rows: len(es), Duplicates: len(es)}) {
					t.Errorf("the same rows shuffled: %+v", im.Counts)
				}
			})
		}
	}
}
