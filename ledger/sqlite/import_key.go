package sqlite

import (
	"github.com/creatorledger/creatorledger/ledger"
)

// keyer is the pipeline's middle stage, between the caller, who parses and
// validates, and the writer: it gives each entry its key (identity,
// occurrence, SHA-256) and version (keyBatch), so that the three share the
// two cores.
//
// A bulk import keys on the caller's goroutine instead, and also counts
// each entry and collects its file row, key row and daily totals there:
// its writer has the most work, and with three goroutines busy on two
// cores it waited for a core to be free for about a fifth of the import.
// The keyer goroutine then only closes the writer's queue.
func (t *ImportTx) keyer() {
	defer close(t.kdone)
	defer close(t.work)
	for b := range t.keying {
		t.keyBatch(b)
	}
}

// keyBatch keys batch b and queues it for the writer; after an error it
// only recycles it.
func (t *ImportTx) keyBatch(b *batch) {
	if len(b.ps) > 0 && !t.failed.Load() {
		if err := t.key(b); err != nil {
			t.setErr(err)
		}
	}
	if len(b.ps) == 0 || t.failed.Load() {
		t.recycle(b)
		return
	}
	if t.bulk && t.digest != nil && len(t.work) >= pipelineDepth/2 {
		t.digest.tryStep() // the writer is behind; an error waits for finish (takeDigest)
	}
	t.work <- b
}

// keyEnd queues the last file rows of a bulk import.
func (t *ImportTx) keyEnd() {
	if !t.failed.Load() && t.run.n > 0 {
		b := <-t.free
		t.passRun(b)
		t.work <- b
	}
}

// key keys the entries of one batch.
//
// The keys of the first occurrences come first, then the occurrences: in
// a file out of date order the occurrence set is one table for every day,
// a cache miss a row, and once the batch's keys are known their places in
// the table are read ahead in one loop (occurrences.touch), where the
// misses overlap.
func (t *ImportTx) key(b *batch) error {
	for i := range b.ps {
		p := &b.ps[i]
		e := &p.e
		day := t.keyDay.number(e.Date)
		t.idBuf = e.AppendIdentityAt(t.idBuf[:0], day, p.amount)
		p.key = ledger.KeyOf(e.Date, t.idBuf, 0)
	}
	for i := range b.ps {
		t.occ.touch(&b.ps[i].key)
	}
	for i := range b.ps {
		p := &b.ps[i]
		e := &p.e
		occ, err := t.occ.next(p.key)
		if err != nil {
			return err
		}
		if occ > 0 {
			day := t.keyDay.number(e.Date)
			t.idBuf = e.AppendIdentityAt(t.idBuf[:0], day, p.amount)
			p.key = ledger.KeyOf(e.Date, t.idBuf, occ)
		}
		p.version = ledger.VersionOf(p.amount, e.Views, e.QualifiedViews, e.Status, e.Counterparty, e.Description)
		if e.Invoice != nil {
			p.version = e.Invoice.MixVersion(p.version)
		}
		if t.bulk {
			p.class = t.refs.of(e, &b.classes)
			// added, with the group's count kept by class (foldClassCounts).
			for int(p.class) >= len(t.classNew) {
				t.classNew = append(t.classNew, 0)
			}
			t.classNew[p.class]++
			t.out.New++
			t.run.add(e.Line, e.Raw)
			b.keys = append(b.keys, keyRow{p.key, t.rec.FirstEntry + int64(t.out.New) - 1, p.version})
		}
	}
	if t.bulk && t.run.full() {
		t.passRun(b)
	}
	return nil
}

// passRun moves the file rows a bulk import has collected to batch b,
// whose run is empty. Whichever side has time to spare compresses them: the
// caller when the writer is behind (half the pipeline or more is waiting
// for it), else the writer as it stores them (writeRun).
func (t *ImportTx) passRun(b *batch) {
	t.run, b.run = b.run, t.run
	if b.run.n > 0 && len(t.work) >= pipelineDepth/2 {
		b.run.pack()
	}
}

// recycle empties a batch and puts it on the free list.
func (t *ImportTx) recycle(b *batch) {
	b.ps, b.keys, b.classes = b.ps[:0], b.keys[:0], b.classes[:0]
	b.run.reset()
	t.free <- b
}
