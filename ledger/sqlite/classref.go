package sqlite

import (
	"github.com/creatorledger/creatorledger/ledger"
)

// classRefs numbers the entry classes an import meets, in the order it
// meets them, so that the writer finds an entry's class id (entry_classes)
// by that number in a slice (classOf). A bulk import numbers them where it
// keys the entries, and adds up its daily totals by number there instead
// of on the writer; another import numbers only the entries it inserts,
// on the writer, so that a re-import of known rows spends nothing on it.
type classRefs struct {
	refs map[classRefKey]int32
	last classRefKey
	ref  int32 // last's
	n    int32
}

// classRefKey is what makes an entry's class: its platform, program, kind
// and currency, and for a bank's payout the contra account, named after the
// counterparty (see ImportTx.classID).
type classRefKey struct {
	platform, program string
	kind              ledger.Kind
	currency, contra  string
}

// of returns the number of e's class. A class met for the first time goes
// to examples, with e as its example, for the writer to look up.
func (c *classRefs) of(e *ledger.Entry, examples *[]ledger.Entry) int32 {
	k := classRefKey{platform: e.Platform, program: e.Program, kind: e.Kind, currency: e.Currency}
	if e.Kind == ledger.KindPayout && ledger.IsBank(e.Platform) {
		k.contra = e.ContraAccount()
	}
	if c.n > 0 && k == c.last { // runs of one class are usual
		return c.ref
	}
	ref, ok := c.refs[k]
	if !ok {
		if c.refs == nil {
			c.refs = make(map[classRefKey]int32)
		}
		ref = c.n
		c.n++
		c.refs[k] = ref
		*examples = append(*examples, *e)
	}
	c.last, c.ref = k, ref
	return ref
}

// classOf returns the class id of class number ref, which the batches the
// writer has taken named (ImportTx.classReps).
func (t *ImportTx) classOf(ref int32) (int64, error) {
	for int(ref) >= len(t.classIDs) {
		t.classIDs = append(t.classIDs, 0)
	}
	if id := t.classIDs[ref]; id != 0 {
		return id, nil
	}
	id, err := t.classID(&t.classReps[ref])
	if err != nil {
		return 0, err
	}
	t.classIDs[ref] = id
	return id, nil
}
