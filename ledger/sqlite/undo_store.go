package sqlite

import (
	"database/sql"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// args are the arguments of statement q: ?1 the import, ?2 and ?3 its
// range, when q has any.
func (u *undo) args(q string) []any {
	if !strings.Contains(q, "?") {
		return nil
	}
	return []any{u.im.ID, u.im.FirstEntry, u.im.LastEntry}
}

// goneTotals takes the entries that go (where, with ?1 the import and ?2
// and ?3 its range) from the daily totals.
func (u *undo) goneTotals(where string) error {
	rows, err := u.tx.QueryContext(u.ctx, `SELECT day, class_id, status, -SUM(amount), -COALESCE(SUM(views), 0),
		-COALESCE(SUM(qualified_views), 0), -COUNT(*),
		-SUM(CASE WHEN COALESCE(qualified_views, views) IS NOT NULL THEN amount ELSE 0 END),
		-COALESCE(SUM(COALESCE(qualified_views, views)), 0), -COUNT(COALESCE(qualified_views, views))
		FROM entries WHERE `+where+` GROUP BY 1, 2, 3`, u.args(where)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var day, class, status int64
		var s totalSum
		if err := rows.Scan(&day, &class, &status, &s.amount, &s.views, &s.qviews, &s.entries,
			&s.rpmAmount, &s.rpmViews, &s.rpmEntries); err != nil {
			return err
		}
		u.totals.at(u.totals.slot(totalKeyOf(day, class, status))).plus(s)
	}
	return rows.Err()
}

// keepBlockKeys moves the keys of entries that stay from the import's key
// blocks, which go with it, to entry_keys (where a key that a later import
// recorded is already, and stays).
func (u *undo) keepBlockKeys() error {
	if !u.keptAny {
		return nil
	}
	rows, err := u.tx.QueryContext(u.ctx, `SELECT day, keys FROM key_blocks WHERE import_id = ?`, u.im.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	ins, err := u.tx.PrepareContext(u.ctx, `INSERT OR IGNORE INTO entry_keys (dedupe_key, entry_id, version) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for rows.Next() {
		var day int64
		var b []byte
		if err := rows.Scan(&day, &b); err != nil {
			return err
		}
		if err := checkBlockSize(b); err != nil {
			return fmt.Errorf("key block of day %d: %w", day, err)
		}
		date, err := time.Parse("20060102", fmt.Sprint(day))
		if err != nil {
			return fmt.Errorf("a key block of day %d: %w", day, err)
		}
		var k ledger.Key
		ledger.PutKeyDate(&k, date)
		for at := 0; at < len(b); at += blockRecord {
			r := b[at : at+blockRecord]
			e := int64(binary.BigEndian.Uint64(r[ledger.KeySize-4:]))
			if !u.stays(e) {
				continue
			}
			copy(k[4:], r)
			version := int64(binary.BigEndian.Uint64(r[ledger.KeySize-4+8:]))
			if _, err := ins.ExecContext(u.ctx, k[:], e, version); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// storeTakenOver stores the file rows and the entries that remaining
// imports took over.
func (u *undo) storeTakenOver() error {
	for imp, r := range u.rows {
		if err := u.storeRows(imp, r); err != nil {
			return err
		}
	}
	for imp, r := range u.takenOver {
		if err := u.storeMembers(imp, memberTakenOver, r); err != nil {
			return err
		}
	}
	for imp, r := range u.dups {
		if err := u.storeMembers(imp, memberDuplicate, r); err != nil {
			return err
		}
	}
	return nil
}

// member lists entry e at line under import imp, in runs by import.
func (u *undo) member(runs map[int64]*memberRun, imp int64, kind int, e int64, line int) error {
	r := runs[imp]
	if r == nil {
		r = &memberRun{}
		runs[imp] = r
	}
	r.add(e, line)
	if r.full() {
		return u.storeMembers(imp, kind, r)
	}
	return nil
}

// storeRows stores the file rows an import took over as one run.
func (u *undo) storeRows(imp int64, r *rowRun) error {
	if r.n == 0 {
		return nil
	}
	r.pack()
	if _, err := u.tx.ExecContext(u.ctx, `INSERT INTO import_rows (import_id, first_line, last_line, data)
		VALUES (?, ?, ?, ?)`, imp, r.first, r.last, r.packed); err != nil {
		return err
	}
	r.reset()
	return nil
}

// storeMembers stores entries of an import as one import_members row.
func (u *undo) storeMembers(imp int64, kind int, r *memberRun) error {
	if r.n == 0 {
		return nil
	}
	if _, err := u.tx.ExecContext(u.ctx, `INSERT INTO import_members (import_id, kind, entries, data)
		VALUES (?, ?, ?, ?)`, imp, kind, r.n, r.pack()); err != nil {
		return err
	}
	r.reset()
	return nil
}

// eachMember calls fn with each (import, entry, line) of the import_members
// rows that where (with one argument) selects.
func (u *undo) eachMember(where string, arg any, fn func(imp, entry int64, line int)) error {
	rows, err := u.tx.QueryContext(u.ctx, `SELECT import_id, entries, data FROM import_members WHERE `+where, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var imp, n int64
		var data []byte
		if err := rows.Scan(&imp, &n, &data); err != nil {
			return err
		}
		if err := eachMember(data, n, func(e int64, line int) { fn(imp, e, line) }); err != nil {
			return err
		}
	}
	return rows.Err()
}

func scanIDs(rows *sql.Rows, fn func(int64)) error {
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		fn(id)
	}
	return rows.Err()
}

func nullCount(n sql.NullInt64) ledger.Count {
	if !n.Valid {
		return ledger.Count{}
	}
	return ledger.Counted(n.Int64)
}

func countArg(c ledger.Count) any {
	if !c.Valid {
		return nil
	}
	return c.N
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
