package ledger

import (
	"context"
	"database/sql"
	"fmt"
)

// UndoImport removes everything an import did, as one transaction: entries
// it added are deleted and entries it updated get their previous version
// back. It refuses (ErrUndoBlocked) when a later import has since changed an
// entry this import wrote; undo that one first.
func (db *DB) UndoImport(ctx context.Context, id int64) (Import, error) {
	im, err := db.Import(ctx, id)
	if err != nil {
		return im, err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return im, fmt.Errorf("undo import %d: %w", id, err)
	}
	defer tx.Rollback()

	var later int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(replaced_by), 0) FROM entry_history WHERE import_id = ?`, id).Scan(&later); err != nil {
		return im, fmt.Errorf("undo import %d: %w", id, err)
	}
	if later != 0 {
		return im, fmt.Errorf("undo import %d: import %d changed entries it wrote: %w", id, later, ErrUndoBlocked)
	}
	if err := undoTotals(ctx, tx, im); err != nil {
		return im, fmt.Errorf("undo import %d: %w", id, err)
	}
	steps := []string{
		// Put back the versions this import replaced.
		`UPDATE entries SET (amount, views, qualified_views, status, counterparty, description, import_id, line) =
			(SELECT h.amount, h.views, h.qualified_views, ` + statusCodeSQL("h.status") + `, h.counterparty, h.description, h.import_id, h.line
			 FROM entry_history h WHERE h.entry_id = entries.id AND h.replaced_by = ?1)
		 WHERE id IN (SELECT entry_id FROM entry_history WHERE replaced_by = ?1)`,
		// The key table does not know the versions put back (it keeps only
		// the latest): the next import compares those entries themselves.
		// An entry this import updated has its key in entry_keys, even if
		// a block has it too (setVersion).
		`UPDATE entry_keys SET version = NULL WHERE entry_id IN (SELECT entry_id FROM entry_history WHERE replaced_by = ?1)`,
		`DELETE FROM entry_history WHERE replaced_by = ?1`,
		// The entries it added are one id range (Import.FirstEntry). The key
		// table has no index by id: this reads all of it, once.
		`DELETE FROM entry_keys WHERE entry_id BETWEEN ?2 AND ?3`,
		// Its key blocks, if it was the ledger's first (a bulk import).
		`DELETE FROM key_blocks WHERE import_id = ?1`,
		`DELETE FROM entries WHERE id BETWEEN ?2 AND ?3 AND created_import = ?1`,
		`DELETE FROM import_rows WHERE import_id = ?1`,
		`DELETE FROM imports WHERE id = ?1`,
	}
	// Every step takes ?1 the import, ?2 and ?3 the range of its entries.
	for _, q := range steps {
		if _, err := tx.ExecContext(ctx, q, id, im.FirstEntry, im.LastEntry); err != nil {
			return im, fmt.Errorf("undo import %d: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return im, fmt.Errorf("undo import %d: %w", id, err)
	}
	return im, nil
}

// undoTotals takes from the daily totals the entries import im added, and
// moves the entries it updated from their new version back to the old one.
func undoTotals(ctx context.Context, tx *sql.Tx, im Import) error {
	d := newTotalsDelta()
	for _, q := range []string{
		`SELECT day, class_id, status, -SUM(amount), -COALESCE(SUM(views), 0), -COALESCE(SUM(qualified_views), 0), -COUNT(*),
			-SUM(CASE WHEN COALESCE(qualified_views, views) IS NOT NULL THEN amount ELSE 0 END),
			-COALESCE(SUM(COALESCE(qualified_views, views)), 0), -COUNT(COALESCE(qualified_views, views))
			FROM entries WHERE id BETWEEN ?2 AND ?3 AND created_import = ?1 GROUP BY 1, 2, 3`,
		`SELECT e.day, e.class_id, e.status, -SUM(e.amount), -COALESCE(SUM(e.views), 0),
			-COALESCE(SUM(e.qualified_views), 0), -COUNT(*),
			-SUM(CASE WHEN COALESCE(e.qualified_views, e.views) IS NOT NULL THEN e.amount ELSE 0 END),
			-COALESCE(SUM(COALESCE(e.qualified_views, e.views)), 0), -COUNT(COALESCE(e.qualified_views, e.views))
			FROM entry_history h JOIN entries e ON e.id = h.entry_id WHERE h.replaced_by = ?1 GROUP BY 1, 2, 3`,
		`SELECT e.day, e.class_id, ` + statusCodeSQL("h.status") + `, SUM(h.amount), COALESCE(SUM(h.views), 0),
			COALESCE(SUM(h.qualified_views), 0), COUNT(*),
			SUM(CASE WHEN COALESCE(h.qualified_views, h.views) IS NOT NULL THEN h.amount ELSE 0 END),
			COALESCE(SUM(COALESCE(h.qualified_views, h.views)), 0), COUNT(COALESCE(h.qualified_views, h.views))
			FROM entry_history h JOIN entries e ON e.id = h.entry_id WHERE h.replaced_by = ?1 GROUP BY 1, 2, 3`,
	} {
		rows, err := tx.QueryContext(ctx, q, im.ID, im.FirstEntry, im.LastEntry)
		if err != nil {
			return err
		}
		for rows.Next() {
			var day, class, status int64
			var s totalSum
			if err := rows.Scan(&day, &class, &status, &s.amount, &s.views, &s.qviews, &s.entries,
				&s.rpmAmount, &s.rpmViews, &s.rpmEntries); err != nil {
				rows.Close()
				return err
			}
			d.at(d.slot(totalKeyOf(day, class, status))).plus(s)
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	w := totalsWriter{store: sqlDays{ctx, tx}}
	return w.write(d.rows(nil))
}
