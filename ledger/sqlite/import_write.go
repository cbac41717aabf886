package sqlite

import (
	"context"
	"fmt"
)

// writer writes batches until work is closed. After an error it only
// recycles batches, so the caller never blocks.
func (t *ImportTx) writer() {
	defer close(t.done)
	for {
		var b *batch
		if t.hashing() {
			select {
			case b = <-t.work:
			default: // nothing to write: hash a little
				t.digestStep()
				continue
			}
		} else {
			b = <-t.work
		}
		if b == nil {
			return // work is closed
		}
		t.classReps = append(t.classReps, b.classes...)
		if !t.failed.Load() {
			if err := t.flush(t.ctx, b); err != nil {
				t.setErr(err)
			}
		}
		t.recycle(b)
		// And a little after every batch, so that a writer that is never
		// idle (a slow ledger) still learns early that the file is there
		// already: a batch's rows are a small part of a step. A bulk
		// import's writer, which has the most work, hashes only while it
		// waits.
		if !t.bulk && t.hashing() {
			t.digestStep()
		}
	}
}

// maxTotalGroups bounds the groups of daily totals an import adds up
// before it writes them: a day's row is rewritten once per pass, so an
// import writes each day once unless it has more groups than this (16 MiB;
// a million rows over three years have some 65,000).
var maxTotalGroups = 1 << 17

// streamTotals is how many groups a bulk import in date order adds up
// before it writes them.
const streamTotals = 1024

// flush writes one batch; it runs on the writer goroutine. Most batches
// are all new (a first import) or all known (an overlapping or repeated
// export), so it guesses from the batch before: new entries are inserted
// first, with INSERT OR IGNORE, and looked up only when some were already
// there; known entries are looked up first and only the new ones inserted.
//
// In a bulk import, the caller has counted the entries and collected their
// file rows, key rows and daily totals already, and the writer only
// inserts them (the last batch carries no entries, only what is left).
func (t *ImportTx) flush(ctx context.Context, b *batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := t.writeTotalsIfFull(); err != nil {
		return err
	}
	if t.bulk {
		if err := t.insertAll(b.ps); err != nil {
			return err
		}
		return t.writeKeysAndRun(b)
	}
	before := t.out.New
	var err error
	if t.insertFirst {
		err = t.insertThenLookUp(b.ps)
	} else {
		err = t.lookUpThenInsert(b.ps)
	}
	if err != nil {
		return err
	}
	t.insertFirst = 2*(t.out.New-before) >= len(b.ps)
	if t.run.full() {
		return t.writeRun(&t.run)
	}
	return nil
}

// lookUpThenInsert finds which of the batch's entries the ledger has, merges
// those and inserts the rest.
func (t *ImportTx) lookUpThenInsert(batch []pending) error {
	if err := t.lookUp(batch); err != nil {
		return err
	}
	fresh := t.fresh[:0]
	for i := range batch {
		p := &batch[i]
		known, ok := t.found[p.key]
		if !ok {
			fresh = append(fresh, *p)
			t.added(p)
			continue
		}
		if err := t.merge(p, known); err != nil {
			return err
		}
	}
	t.fresh = fresh
	for len(fresh) > 0 {
		n, all, err := t.insert(fresh)
		if err != nil {
			return err
		}
		if !all {
			return fmt.Errorf("insert entries: some of %d new entries were already there", n)
		}
		fresh = fresh[n:]
	}
	return nil
}

// insertThenLookUp inserts the batch's entries; a part in which the ledger
// already had some goes through lookUpThenInsert.
func (t *ImportTx) insertThenLookUp(batch []pending) error {
	for ps := batch; len(ps) > 0; {
		n, all, err := t.insert(ps)
		if err != nil {
			return err
		}
		part := ps[:n]
		ps = ps[n:]
		if !all {
			if err := t.lookUpThenInsert(part); err != nil {
				return err
			}
			continue
		}
		for i := range part {
			t.added(&part[i])
		}
	}
	return nil
}

// added counts a new entry and keeps its file row.
func (t *ImportTx) added(p *pending) {
	e := &p.e
	t.group(e).New++
	t.out.New++
	t.run.add(e.Line, e.Raw)
}

// insert writes the keys of the first entries of ps, with the largest
// multi-row INSERT OR IGNORE that fits, and returns how many it covered.
// When the ledger had none of those keys (all), it writes the entries too,
// with the ids the keys point at; otherwise it takes the new keys back and
// writes nothing.
func (t *ImportTx) insert(ps []pending) (n int, all bool, err error) {
	n = insertSize(len(ps))
	if t.blocks != nil { // the INSERT OR IGNORE cannot see keys in blocks
		for i := range ps[:n] {
			if _, ok, err := t.blocks.find(&ps[i].key); err != nil || ok {
				return n, false, err
			}
		}
	}
	ks := t.stmts.insertKeys[n]
	for i := range ps[:n] {
		ks.Blob(3*i+1, ps[i].key[:])
		ks.Int64(3*i+2, t.nextID+int64(i))
		ks.Int64(3*i+3, ps[i].version)
	}
	if err := ks.Exec(); err != nil {
		return 0, false, fmt.Errorf("insert entry keys: %w", err)
	}
	if int(t.c.Changes()) != n {
		// Keys this import wrote point at ids from nextID on; keys that
		// were there before, at older entries.
		tb := t.stmts.takeBack
		for i := range ps[:n] {
			tb.Blob(1, ps[i].key[:])
			tb.Int64(2, t.nextID)
			if err := tb.Exec(); err != nil {
				return 0, false, fmt.Errorf("insert entry keys: %w", err)
			}
		}
		return n, false, nil
	}
	return n, true, t.insertEntries(ps[:n])
}

// writeKeysAndRun hands the key rows a bulk import's batch carries to
// the sorter (keySorter, which writes them in key order) and writes its
// file rows.
func (t *ImportTx) writeKeysAndRun(b *batch) error {
	if err := t.keys.add(b.keys); err != nil {
		return err
	}
	return t.writeRun(&b.run)
}

// writeTotalsIfFull writes the daily totals added up so far when they are
// maxTotalGroups: a file over many days and classes then writes a day's
// row more than once, but memory stays bounded. A bulk import whose days
// have gone one way so far (keySorter.ordered) writes them every
// streamTotals groups: those are days it has left, written once, and new.
func (t *ImportTx) writeTotalsIfFull() error {
	if n := t.totals.len(); n < maxTotalGroups && !(t.bulk && t.keys.ordered && n >= streamTotals) {
		return nil
	}
	t.totalRows = t.totals.rows(t.totalRows[:0])
	t.lastTotal = -1
	return t.totalsOut.write(t.totalRows)
}

// insertAll writes the entries of a bulk import, which are all new.
func (t *ImportTx) insertAll(ps []pending) error {
	for len(ps) > 0 {
		n := insertSize(len(ps))
		if err := t.insertEntries(ps[:n]); err != nil {
			return err
		}
		ps = ps[n:]
	}
	return nil
}

// insertEntries writes entries (as many as one of insertSizes) with the ids
// from nextID on.
func (t *ImportTx) insertEntries(ps []pending) error {
	n := len(ps)
	st := t.stmts.insert[n]
	for i := range ps {
		p := &ps[i]
		e := &p.e
		ref := p.class
		if !t.bulk {
			ref = t.refs.of(e, &t.classReps)
		}
		class, err := t.classOf(ref)
		if err != nil {
			return err
		}
		t.addTotal(makeTotalKey(t.entryDay.number(e.Date), class, e.Status), p)
		j := i*entryParams + 1
		st.Int64(j, t.entryDay.number(e.Date))
		st.Int64(j+1, class)
		st.Int64(j+2, p.amount)
		st.Text(j+3, e.ExternalID)
		bindCount(st, j+4, e.Views)
		bindCount(st, j+5, e.QualifiedViews)
		st.Int64(j+6, e.Status.Code())
		st.Text(j+7, e.Counterparty)
		st.Text(j+8, e.Description)
		st.Int64(j+9, int64(e.Line))
		st.NullInt64(j+10, 1, e.IsInvoice()) // entries.invoice (migration 0014)
	}
	if err := st.Exec(); err != nil {
		return fmt.Errorf("insert entries: %w", err)
	}
	// The new rows took the ids after the last one, which nextID is while
	// the import holds the write lock.
	if last := t.c.LastInsertRowID(); last != t.nextID+int64(n)-1 {
		return fmt.Errorf("insert entries: ids up to %d, want %d..%d", last, t.nextID, t.nextID+int64(n)-1)
	}
	for i := range ps {
		if f := ps[i].e.Invoice; f != nil {
			if err := t.putFacts(t.nextID+int64(i), f); err != nil {
				return err
			}
		}
	}
	t.nextID += int64(n)
	return nil
}

// addTotal adds a new entry to the daily totals of its group, on the
// writer. Entries come in runs of one group.
func (t *ImportTx) addTotal(k totalKey, p *pending) {
	if t.lastTotal < 0 || k != t.lastTotalKey {
		t.lastTotalKey, t.lastTotal = k, t.totals.slot(k)
	}
	t.totals.at(t.lastTotal).add(p.amount, p.e.Views, p.e.QualifiedViews, 1)
}
