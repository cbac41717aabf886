package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// otherOrders are the row orders of the native file measured besides the
// date order (genexports -order): DESIGN.md asks for the same ratios in
// every order.
var otherOrders = []struct{ order, what string }{
	{"newest", "newest first"},
	{"item", "grouped by item"},
	{"shuffled", "shuffled"},
}

// orderRuns measures, for each of otherOrders, the import of the native
// file's rows in that order into a new ledger and their re-import, against
// sqlite3's .import of the same file: bestOf interleaved runs each, as for
// the date order. imp is all's import, checked against the counts.
func (b *bench) orderRuns(imp func(db, name string, wantNew, wantDup int) (measurement, error)) error {
	file := func(name string) string { return filepath.Join(b.dir, name) }
	for _, o := range otherOrders {
		name := fmt.Sprintf("native-%s-%s.csv", count(b.rows1M), o.order)
		fmt.Printf("      generating %s (%d rows)\n", name, b.rows1M)
		if _, err := measure(b.genBin, "-format", "native", "-order", o.order, "-rows", strconv.Itoa(b.rows1M), "-o", file(name)); err != nil {
			return err
		}
		again := "again-" + name
		if err := appendNewline(file(name), file(again)); err != nil {
			return err
		}
		var sq, im, re measurement
		for i := 0; i < bestOf; i++ {
			os.Remove(file("bare.db"))
			warm(file(name))
			m, err := measure("sqlite3", file("bare.db"), ".mode csv", ".import "+file(name)+" t")
			if err != nil {
				return err
			}
			sq = better(sq, m)
			removeLedger(file("ledger-o.db"))
			if m, err = imp("ledger-o.db", name, b.rows1M, 0); err != nil {
				return err
			}
			im = better(im, m)
			if m, err = imp("ledger-o.db", again, 0, b.rows1M); err != nil {
				return err
			}
			re = better(re, m)
		}
		b.note("sqlite3 .import of the %s rows %s: %.2f s", count(b.rows1M), o.what, sq.seconds())
		b.record(result{what: fmt.Sprintf("import of %s native rows, %s", count(b.rows1M), o.what), figure: secs(im),
			ratio: fmt.Sprintf("%.2fx sqlite3 .import", im.seconds()/sq.seconds()), target: fmt.Sprintf("<= %.1fx", maxImportRatio),
			pass: im.seconds() <= maxImportRatio*sq.seconds()})
		b.record(result{what: fmt.Sprintf("re-import of the same rows, %s", o.what), figure: secs(re),
			ratio: fmt.Sprintf("%.2fx sqlite3 .import", re.seconds()/sq.seconds()), target: fmt.Sprintf("<= %.1fx", maxReimportRatio),
			pass: re.seconds() <= maxReimportRatio*sq.seconds()})
		hi := im
		if re.peakKB > hi.peakKB {
			hi = re
		}
		b.record(peak(fmt.Sprintf("peak memory, import and re-import %s", o.what), hi))
		os.Remove(file("bare.db"))
		removeLedger(file("ledger-o.db"))
		os.Remove(file(name))
		os.Remove(file(again))
	}
	return nil
}
