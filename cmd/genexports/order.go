package main

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// orders are the row orders -order puts a native file in. Every order has
// the same rows (the date order's, byte for byte); only their order
// differs, so that imports of the orders compare like with like.
//
//   - date: by date, oldest first (what native writes; the default)
//   - newest: by date, newest first, as many platforms' downloads are
//   - item: each item's days in turn, as per-video or per-product exports
//     are: the n-th row of every day belongs to item n
//   - shuffled: any order (a seeded shuffle)
var orders = []string{"date", "newest", "item", "shuffled"}

// reorder writes the native file gen makes in the given order: it makes
// the file in date order in memory, then writes its rows in the other
// order (genexports holds the file; the importer under test must not).
func reorder(w *bufio.Writer, order string, rows int, seed uint64, gen func(*bufio.Writer, int, uint64) error) error {
	if order == "date" {
		return gen(w, rows, seed)
	}
	if !slices.Contains(orders, order) {
		return fmt.Errorf("unknown order %q (want %s)", order, strings.Join(orders, ", "))
	}
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	if err := gen(bw, rows, seed); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	header, body, _ := bytes.Cut(buf.Bytes(), []byte("\n"))
	w.Write(header)
	w.WriteByte('\n')
	lines := splitRows(body)
	if len(lines) != rows {
		return fmt.Errorf("reorder: %d rows, want %d", len(lines), rows)
	}
	idx := make([]int, rows)
	for i := range idx {
		idx[i] = i
	}
	switch order {
	case "newest":
		slices.Reverse(idx)
	case "item":
		// The n-th row of a day is item n's row of that day; a stable
		// sort by item keeps each item's days in date order.
		item := make([]int, rows)
		first := 0
		for i := range item {
			if i > 0 && dayOf(i, rows) != dayOf(i-1, rows) {
				first = i
			}
			item[i] = i - first
		}
		slices.SortStableFunc(idx, func(a, b int) int { return item[a] - item[b] })
	case "shuffled":
		r := newRand(seed ^ 0x5eed)
		r.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	}
	for _, i := range idx {
		if _, err := w.Write(lines[i]); err != nil {
			return err
		}
	}
	return nil
}

// splitRows cuts the native file's body into its rows, newline included.
// A row ends at a newline outside quotes (descriptions have none inside,
// but quoted fields are skipped whole all the same).
func splitRows(b []byte) [][]byte {
	var out [][]byte
	start, quoted := 0, false
	for i, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n' && !quoted:
			out = append(out, b[start:i+1])
			start = i + 1
		}
	}
	if start < len(b) {
		out = append(out, b[start:])
	}
	return out
}
