package sqlite

import (
	"fmt"

	"github.com/creatorledger/creatorledger/ledger"
)

// storedVersion reads the current version of entry id.
func (t *ImportTx) storedVersion(id int64) (storedVersion, error) {
	st := t.stmts.stored
	st.Int64(1, id)
	row, err := st.Step()
	if err == nil && !row {
		err = fmt.Errorf("entry %d is in the key table but not in the ledger", id)
	}
	if err != nil {
		st.Reset()
		return storedVersion{}, fmt.Errorf("look up entries: %w", err)
	}
	old := storedVersion{
		id:           id,
		amount:       st.ColumnInt64(0),
		views:        columnCount(st, 1),
		qviews:       columnCount(st, 2),
		status:       string(ledger.StatusOf(st.ColumnInt64(3))),
		counterparty: st.ColumnText(4),
		description:  st.ColumnText(5),
		importID:     st.ColumnInt64(6),
		line:         int(st.ColumnInt64(7)),
		class:        st.ColumnInt64(8),
	}
	return old, st.Reset()
}

// setVersion records the version of entry id, which has p's key, in the
// key table.
func (t *ImportTx) setVersion(p *pending, id int64) error {
	st := t.stmts.setVersion
	st.Blob(1, p.key[:])
	st.Int64(2, id)
	st.Int64(3, p.version)
	if err := st.Exec(); err != nil {
		return fmt.Errorf("update entry key: %w", err)
	}
	return nil
}

type storedVersion struct {
	id                                int64
	amount                            int64
	views, qviews                     ledger.Count
	status, counterparty, description string
	importID                          int64
	line                              int
	class                             int64 // entry_classes
}

// merge handles an entry the ledger already has: a duplicate when nothing
// changed, otherwise an update that keeps the previous version in history.
// The version in the key table settles an unchanged entry without reading
// it; when the table does not know the version, the entry is compared
// itself, and the table learns it.
func (t *ImportTx) merge(p *pending, known knownKey) error {
	e := &p.e
	if known.hasOne && known.version == p.version {
		t.out.Duplicates++
		t.group(e).Duplicates++
		return t.addMember(known.id, e.Line)
	}
	old, err := t.storedVersion(known.id)
	if err != nil {
		return err
	}
	if err := t.setVersion(p, known.id); err != nil {
		return err
	}
	same := old.amount == p.amount && old.views == e.Views && old.qviews == e.QualifiedViews &&
		old.status == string(e.Status) && old.counterparty == e.Counterparty && old.description == e.Description
	if same && e.Invoice != nil {
		// An invoice is unchanged when its facts are too; a source without
		// facts (the native CSV) leaves them as they are.
		f, err := t.storedFacts(old.id, old.importID)
		if err != nil {
			return err
		}
		same = f != nil && f.Equal(e.Invoice)
	}
	if same {
		t.out.Duplicates++
		t.group(e).Duplicates++
		return t.addMember(known.id, e.Line)
	}
	h := t.stmts.history
	h.Int64(1, old.id)
	h.Int64(2, t.rec.ID)
	h.Int64(3, old.amount)
	bindCount(h, 4, old.views)
	bindCount(h, 5, old.qviews)
	h.Text(6, old.status)
	h.Text(7, old.counterparty)
	h.Text(8, old.description)
	h.Int64(9, old.importID)
	h.Int64(10, int64(old.line))
	if err := h.Exec(); err != nil {
		return fmt.Errorf("keep entry history: %w", err)
	}
	u := t.stmts.update
	u.Int64(1, p.amount)
	bindCount(u, 2, e.Views)
	bindCount(u, 3, e.QualifiedViews)
	u.Int64(4, e.Status.Code())
	u.Text(5, e.Counterparty)
	u.Text(6, e.Description)
	u.Int64(7, t.rec.ID)
	u.Int64(8, int64(e.Line))
	u.Int64(9, old.id)
	if err := u.Exec(); err != nil {
		return fmt.Errorf("update entry: %w", err)
	}
	if e.Invoice != nil {
		if err := t.putFacts(old.id, e.Invoice); err != nil {
			return err
		}
	} else if e.Platform == ledger.SponsorshipPlatform {
		if err := t.carryFacts(old.id, old.importID); err != nil {
			return err
		}
	}
	t.run.add(e.Line, e.Raw)
	day := t.entryDay.number(e.Date)
	t.totals.add(makeTotalKey(day, old.class, e.Status), p.amount, e.Views, e.QualifiedViews, 1)
	t.totals.add(makeTotalKey(day, old.class, ledger.Status(old.status)), old.amount, old.views, old.qviews, -1)
	t.out.Updated++
	t.group(e).Updated++
	return nil
}
