package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// TestOrders: every order has the date order's rows, byte for byte, and
// only the native format has orders. Newest first is the reverse; by item,
// each item's days go up and the items take turns once; shuffled is
// neither sorted nor the same as another seed's.
func TestOrders(t *testing.T) {
	const rows = 3000
	gen := func(order string, seed uint64) []string {
		var b bytes.Buffer
		if err := generateOrdered(&b, "native", order, rows, seed); err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(b.String(), "\n")
		return lines[:len(lines)-1] // the header and rows; the last is empty
	}
	date := gen("date", 1)
	sorted := slices.Sorted(slices.Values(date[1:]))
	for _, order := range orders {
		got := gen(order, 1)
		if got[0] != date[0] {
			t.Errorf("%s: header %q", order, got[0])
		}
		if s := slices.Sorted(slices.Values(got[1:])); !slices.Equal(s, sorted) {
			t.Errorf("%s: not the date order's rows", order)
		}
	}
	newest := gen("newest", 1)
	slices.Reverse(newest[1:])
	if !slices.Equal(newest, date) {
		t.Error("newest is not the date order reversed")
	}
	item := gen("item", 1)
	turns := 0
	for i := 2; i < len(item); i++ {
		if item[i][:10] < item[i-1][:10] {
			turns++
		}
	}
	if days := 3 * 365; turns != rows/days { // the items past the first, each starting again
		t.Errorf("by item: the dates go back %d times, want %d", turns, rows/days)
	}
	if sh := gen("shuffled", 1); slices.Equal(sh, date) || slices.Equal(sh, gen("shuffled", 2)) {
		t.Error("shuffled is in date order, or the same for another seed")
	}
	if err := generateOrdered(&bytes.Buffer{}, "amazon-associates-us", "item", 10, 1); err == nil {
		t.Error("amazon-associates-us by item: no error")
	}
	if err := generateOrdered(&bytes.Buffer{}, "native", "sideways", 10, 1); err == nil {
		t.Error("order sideways: no error")
	}
}
