package sqlite

import (
	"database/sql"
)

// facts reads the invoice facts of entry e's versions, by the import that
// wrote each (none for an entry that is not an invoice).
func (u *undo) facts(e int64) (map[int64]string, error) {
	out := make(map[int64]string)
	if !u.anyFacts {
		return out, nil
	}
	rows, err := u.readFacts.QueryContext(u.ctx, e)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var imp int64
		var r factsRow
		if err := rows.Scan(&imp, &r.due, &r.paid, &r.rate, &r.vat, &r.disclosure, &r.urls, &r.corrects, &r.country); err != nil {
			return nil, err
		}
		out[imp] = r.text()
	}
	return out, rows.Err()
}

// keep notes that entry e, of the import's range, stays.
func (u *undo) keep(e int64) {
	if u.kept == nil {
		u.kept = make([]uint64, (u.im.LastEntry-u.im.FirstEntry)/64+1)
	}
	i := e - u.im.FirstEntry
	u.kept[i/64] |= 1 << (i % 64)
	u.keptAny = true
}

// stays reports whether entry e is one of the import's range that stays.
func (u *undo) stays(e int64) bool {
	i := e - u.im.FirstEntry
	return u.kept != nil && i >= 0 && e <= u.im.LastEntry && u.kept[i/64]&(1<<(i%64)) != 0
}

// versions reads the earlier versions of entry e, oldest first.
func (u *undo) versions(e int64) ([]entryVersion, error) {
	rows, err := u.readHistory.QueryContext(u.ctx, e)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var vs []entryVersion
	for rows.Next() {
		var v entryVersion
		var views, qviews sql.NullInt64
		var replacedBy int64
		if err := rows.Scan(&v.amount, &views, &qviews, &v.status, &v.counterparty, &v.description, &v.importID,
			&v.line, &replacedBy); err != nil {
			return nil, err
		}
		v.views, v.qviews = nullCount(views), nullCount(qviews)
		vs = append(vs, v)
	}
	return vs, rows.Err()
}
