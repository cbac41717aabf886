package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
)

// UndoImport removes an import as one transaction, so that the ledger is
// what it would be had the file never been imported: an entry belongs to
// every import whose file holds it (membership.go), and undoing one of them
// takes away only what no remaining import holds.
//
// For each entry the import held, the undo lays out its holders in import
// order: the writer of each version (entries and entry_history) and the
// imports that found it unchanged (import_members), each holding the
// version current when it ran. Without the undone import:
//
//   - no holder left: the entry, its key and its history go;
//   - otherwise the first holder left is the entry's created_import, a
//     holder whose version differs from the one before it is that version's
//     writer, and the last holder's version is the entry's current one. A
//     duplicate that so becomes a version's writer takes it over with its
//     own line, and the file row of the version (the undone import's, which
//     by definition had the same identity and version) is kept under it.
//
// An import that only found entries unchanged is undone without touching
// them: each still has the writer of its current version.
func (db *DB) UndoImport(ctx context.Context, id int64) (ledger.Import, error) {
	u, err := db.Undo(ctx, id)
	return u.Import, err
}

// Undo is UndoImport, and says what it did.
func (db *DB) Undo(ctx context.Context, id int64) (ledger.Undone, error) {
	im, err := db.Import(ctx, id)
	if err != nil {
		return ledger.Undone{Import: im}, err
	}
	res := ledger.Undone{Import: im}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("undo import %d: %w", id, err)
	}
	defer tx.Rollback()
	u := undo{ctx: ctx, tx: tx, im: im, totals: newTotalsDelta(),
		rows: make(map[int64]*rowRun), takenOver: make(map[int64]*memberRun), dups: make(map[int64]*memberRun)}
	u.raws = rowReader{q: tx}
	if err := u.run(); err != nil {
		return res, fmt.Errorf("undo import %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("undo import %d: %w", id, err)
	}
	res.Removed, res.Restored, res.Kept = u.removed, len(u.changed), u.keptN
	return res, nil
}

// undo is the state of one UndoImport.
type undo struct {
	ctx    context.Context
	tx     *sql.Tx
	im     ledger.Import
	totals totalsDelta
	raws   rowReader

	holders   []holder // other imports' duplicates of the entries the import wrote, by entry
	gone      []int64  // entries outside a plain delete that go
	changed   []int64  // entries whose current version changed
	kept      []uint64 // a bit per entry of the import's id range: it stays
	keptAny   bool
	keptN     int                  // entries the import created that stay
	removed   int                  // entries deleted
	rows      map[int64]*rowRun    // file rows taken over, by import
	takenOver map[int64]*memberRun // entries that got a new created_import, by import
	dups      map[int64]*memberRun // entries a writer now finds unchanged, by import

	readEntry, readHistory *sql.Stmt
	update, dropHistory    *sql.Stmt
	addHistory             *sql.Stmt
	readFacts, moveFacts   *sql.Stmt // invoice facts by version (invoice.go)
	dropFacts              *sql.Stmt
	history                map[int64]bool // the entries that may have history rows
	anyFacts               bool           // the ledger has invoice facts
}

// holder is an import that found an entry unchanged.
type holder struct {
	entry, imp int64
	line       int
}

// entryVersion is one version of an entry and the import that wrote it.
type entryVersion struct {
	amount                            int64
	views, qviews                     ledger.Count
	status, counterparty, description string
	importID                          int64
	line                              int
	facts                             string // an invoice's facts (factsRow.text), "" for other entries
}

func (v *entryVersion) sameFields(o *entryVersion) bool {
	return v.amount == o.amount && v.views == o.views && v.qviews == o.qviews && v.status == o.status &&
		v.counterparty == o.counterparty && v.description == o.description && v.facts == o.facts
}

func (u *undo) run() error {
	id := u.im.ID
	// The entries the import wrote outside its id range: those it updated,
	// and those it took over from an undone import.
	outside := make(map[int64]bool)
	rows, err := u.tx.QueryContext(u.ctx, `SELECT DISTINCT entry_id FROM entry_history WHERE replaced_by = ?`, id)
	if err != nil {
		return err
	}
	if err := scanIDs(rows, func(e int64) { outside[e] = true }); err != nil {
		return err
	}
	if err := u.eachMember(`import_id = ? AND kind = 1`, id, func(_ int64, e int64, _ int) { outside[e] = true }); err != nil {
		return err
	}
	wrote := func(e int64) bool { return u.im.FirstEntry <= e && e <= u.im.LastEntry || outside[e] }
	// Other imports that hold those entries as duplicates. An import that
	// wrote nothing (all duplicates) is undone without reading them.
	if u.im.FirstEntry <= u.im.LastEntry || len(outside) > 0 {
		if err := u.eachMember(`import_id != ? AND kind = 0`, id, func(imp, e int64, line int) {
			if wrote(e) {
				u.holders = append(u.holders, holder{e, imp, line})
			}
		}); err != nil {
			return err
		}
	}
	slices.SortFunc(u.holders, func(a, b holder) int {
		if a.entry != b.entry {
			return cmpInt64(a.entry, b.entry)
		}
		return cmpInt64(a.imp, b.imp)
	})
	// The entries to lay out one by one: those outside the range, and those
	// in it that another import holds or changed; the rest of the range is
	// deleted in bulk, as before.
	var todo []int64
	u.history = make(map[int64]bool)
	for e := range outside {
		todo = append(todo, e)
		u.history[e] = true
	}
	for _, h := range u.holders {
		todo = append(todo, h.entry)
	}
	rows, err = u.tx.QueryContext(u.ctx, `SELECT DISTINCT entry_id FROM entry_history WHERE entry_id BETWEEN ? AND ?`,
		u.im.FirstEntry, u.im.LastEntry)
	if err != nil {
		return err
	}
	if err := scanIDs(rows, func(e int64) { todo = append(todo, e); u.history[e] = true }); err != nil {
		return err
	}
	slices.Sort(todo)
	todo = slices.Compact(todo)
	if len(todo) > 0 {
		if err := u.tx.QueryRowContext(u.ctx, `SELECT EXISTS (SELECT 1 FROM invoices)`).Scan(&u.anyFacts); err != nil {
			return err
		}
		for _, s := range []struct {
			st **sql.Stmt
			q  string
		}{
			{&u.readEntry, `SELECT day, class_id, amount, views, qualified_views, status, counterparty, description,
				import_id, line, created_import FROM entries WHERE id = ?`},
			{&u.readHistory, `SELECT amount, views, qualified_views, status, counterparty, description, import_id, line,
				replaced_by FROM entry_history WHERE entry_id = ? ORDER BY replaced_by`},
			{&u.update, `UPDATE entries SET amount = ?, views = ?, qualified_views = ?, status = ?, counterparty = ?,
				description = ?, import_id = ?, line = ?, created_import = ? WHERE id = ?`},
			{&u.dropHistory, `DELETE FROM entry_history WHERE entry_id = ?`},
			{&u.readFacts, `SELECT import_id, due_day, paid_day, vat_rate, vat, disclosure, urls, corrects,
				customer_country FROM invoices WHERE entry_id = ?`},
			{&u.moveFacts, `UPDATE invoices SET import_id = ? WHERE entry_id = ? AND import_id = ?`},
			{&u.dropFacts, `DELETE FROM invoices WHERE entry_id = ? AND import_id = ?`},
			{&u.addHistory, `INSERT INTO entry_history (entry_id, replaced_by, amount, views, qualified_views, status,
				counterparty, description, import_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		} {
			if *s.st, err = u.tx.PrepareContext(u.ctx, s.q); err != nil {
				return err
			}
			defer (*s.st).Close()
		}
	}
	hs := u.holders
	for _, e := range todo {
		n := 0
		for n < len(hs) && hs[n].entry < e {
			n++
		}
		hs = hs[n:]
		n = 0
		for n < len(hs) && hs[n].entry == e {
			n++
		}
		if err := u.entry(e, hs[:n]); err != nil {
			return fmt.Errorf("entry %d: %w", e, err)
		}
		hs = hs[n:]
	}
	return u.finish()
}

// entry lays out the holders of entry e without the undone import and
// writes what changes.
func (u *undo) entry(e int64, dups []holder) error {
	x := u.im.ID
	var day, class, created int64
	var cur entryVersion
	var views, qviews sql.NullInt64
	var status int64
	err := u.readEntry.QueryRowContext(u.ctx, e).Scan(&day, &class, &cur.amount, &views, &qviews, &status,
		&cur.counterparty, &cur.description, &cur.importID, &cur.line, &created)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	cur.views, cur.qviews, cur.status = nullCount(views), nullCount(qviews), string(ledger.StatusOf(status))
	// The versions, oldest first; each one's writer replaced the one before.
	var vs []entryVersion
	if u.history[e] {
		if vs, err = u.versions(e); err != nil {
			return err
		}
	}
	vs = append(vs, cur)
	// An invoice's versions carry their facts, kept by the import that
	// wrote each version: a version handed to another import takes its
	// facts along, and the facts of a version that goes go with it.
	facts, err := u.facts(e)
	if err != nil {
		return err
	}
	for i := range vs {
		vs[i].facts = facts[vs[i].importID]
	}
	// The holders in import order: (import, version index, line).
	type held struct {
		imp  int64
		v    int
		line int
	}
	var tl []held
	writers := make(map[int64]bool, len(vs))
	for i, v := range vs {
		tl = append(tl, held{v.importID, i, v.line})
		writers[v.importID] = true
	}
	for _, d := range dups {
		if writers[d.imp] {
			continue
		}
		v := 0 // the version current when d ran: the last one written before it
		for v+1 < len(vs) && vs[v+1].importID < d.imp {
			v++
		}
		tl = append(tl, held{d.imp, v, d.line})
	}
	sort.SliceStable(tl, func(i, j int) bool { return tl[i].imp < tl[j].imp })
	tl = slices.DeleteFunc(tl, func(h held) bool { return h.imp == x })
	if len(tl) == 0 {
		if e < u.im.FirstEntry || e > u.im.LastEntry { // the range goes anyway
			u.gone = append(u.gone, e)
		}
		return nil
	}
	if u.im.FirstEntry <= e && e <= u.im.LastEntry {
		u.keep(e)
	}
	if created == x {
		u.keptN++
	}
	// The writers left: the first holder, and each whose version differs
	// from the holder's before it. A writer whose version is now the same
	// as the one before it (it had changed the undone import's back) finds
	// the entry unchanged: it is listed as a duplicate instead.
	var nvs []entryVersion
	for i, h := range tl {
		if i > 0 && (h.v == tl[i-1].v || vs[h.v].sameFields(&vs[tl[i-1].v])) {
			if h.imp == vs[h.v].importID {
				if err := u.member(u.dups, h.imp, memberDuplicate, e, h.line); err != nil {
					return err
				}
			}
			tl[i].v = tl[i-1].v
			continue
		}
		v := vs[h.v]
		if h.imp != v.importID { // a duplicate takes the version over
			raw, err := u.raws.row(u.ctx, v.importID, v.line)
			if err != nil {
				return err
			}
			if raw != "" {
				r := u.rows[h.imp]
				if r == nil {
					r = &rowRun{}
					u.rows[h.imp] = r
				}
				r.add(h.line, raw)
				if r.full() {
					if err := u.storeRows(h.imp, r); err != nil {
						return err
					}
				}
			}
			if _, ok := facts[v.importID]; ok {
				if _, err := u.moveFacts.ExecContext(u.ctx, h.imp, e, v.importID); err != nil {
					return err
				}
				facts[h.imp] = facts[v.importID]
				delete(facts, v.importID)
			}
			v.importID, v.line = h.imp, h.line
		}
		nvs = append(nvs, v)
	}
	for imp := range facts {
		if imp != x && !slices.ContainsFunc(nvs, func(v entryVersion) bool { return v.importID == imp }) {
			if _, err := u.dropFacts.ExecContext(u.ctx, e, imp); err != nil { // a writer that is a duplicate now
				return err
			}
		}
	}
	last := nvs[len(nvs)-1]
	first := nvs[0]
	if first.importID != created {
		if err := u.member(u.takenOver, first.importID, memberTakenOver, e, first.line); err != nil {
			return err
		}
	}
	sameHistory := len(nvs) == len(vs)
	for i := 0; sameHistory && i < len(nvs); i++ {
		sameHistory = nvs[i] == vs[i]
	}
	if sameHistory && first.importID == created {
		return nil
	}
	if !sameHistory {
		if _, err := u.dropHistory.ExecContext(u.ctx, e); err != nil {
			return err
		}
		for i, v := range nvs[:len(nvs)-1] {
			if _, err := u.addHistory.ExecContext(u.ctx,
				e, nvs[i+1].importID, v.amount, countArg(v.views), countArg(v.qviews), v.status, v.counterparty,
				v.description, v.importID, v.line); err != nil {
				return err
			}
		}
	}
	if _, err := u.update.ExecContext(u.ctx,
		last.amount, countArg(last.views), countArg(last.qviews), ledger.Status(last.status).Code(), last.counterparty,
		last.description, last.importID, last.line, first.importID, e); err != nil {
		return err
	}
	if !last.sameFields(&cur) {
		u.totals.add(makeTotalKey(day, class, ledger.Status(cur.status)), cur.amount, cur.views, cur.qviews, -1)
		u.totals.add(makeTotalKey(day, class, ledger.Status(last.status)), last.amount, last.views, last.qviews, 1)
		u.changed = append(u.changed, e)
	}
	return nil
}

// finish deletes what goes, in bulk, and stores what the remaining imports
// took over. The import's id range is deleted as before, by range, but for
// the entries that stay (which have another created_import now); the
// entries outside it that go or change are few, and listed in a temporary
// table.
func (u *undo) finish() error {
	first, last := u.im.FirstEntry, u.im.LastEntry
	exec := func(q string) error {
		r, err := u.tx.ExecContext(u.ctx, q, u.args(q)...)
		if err == nil && strings.HasPrefix(q, "DELETE FROM entries ") {
			n, err := r.RowsAffected()
			if err != nil {
				return err
			}
			u.removed += int(n)
		}
		return err
	}
	// The entries of the range that go: all of it unless some stay.
	inRange := `entry_id BETWEEN ?2 AND ?3`
	if u.keptAny {
		inRange += ` AND entry_id IN (SELECT id FROM entries WHERE id BETWEEN ?2 AND ?3 AND created_import = ?1)`
	}
	listed := len(u.gone) > 0 || len(u.changed) > 0
	if listed {
		if err := exec(`CREATE TEMP TABLE undo_entries (id INTEGER PRIMARY KEY, gone INTEGER NOT NULL)`); err != nil {
			return err
		}
		ins, err := u.tx.PrepareContext(u.ctx, `INSERT INTO temp.undo_entries (id, gone) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, e := range u.gone {
			if _, err := ins.ExecContext(u.ctx, e, 1); err != nil {
				return err
			}
		}
		for _, e := range u.changed {
			if _, err := ins.ExecContext(u.ctx, e, 0); err != nil {
				return err
			}
		}
	}
	if err := u.goneTotals(`id BETWEEN ?2 AND ?3 AND created_import = ?1`); err != nil {
		return err
	}
	if len(u.gone) > 0 {
		if err := u.goneTotals(`id IN (SELECT id FROM temp.undo_entries WHERE gone)`); err != nil {
			return err
		}
	}
	if err := u.keepBlockKeys(); err != nil {
		return err
	}
	var steps []string
	if first <= last {
		steps = append(steps,
			// The key table has no index by entry id: this reads all of
			// it, once.
			`DELETE FROM entry_keys WHERE `+inRange,
			`DELETE FROM entry_history WHERE `+inRange,
			`DELETE FROM entries WHERE id BETWEEN ?2 AND ?3 AND created_import = ?1`)
	}
	if len(u.gone) > 0 {
		steps = append(steps,
			`DELETE FROM entry_keys WHERE entry_id IN (SELECT id FROM temp.undo_entries WHERE gone)`,
			`DELETE FROM entry_history WHERE entry_id IN (SELECT id FROM temp.undo_entries WHERE gone)`,
			`DELETE FROM entries WHERE id IN (SELECT id FROM temp.undo_entries WHERE gone)`)
	}
	if len(u.changed) > 0 {
		// The key table does not know the versions put back (it keeps
		// only the latest): the next import compares those entries
		// themselves. An entry whose version an undone import wrote has
		// its key in entry_keys, even if a block has it too (setVersion).
		steps = append(steps,
			`UPDATE entry_keys SET version = NULL WHERE entry_id IN (SELECT id FROM temp.undo_entries WHERE NOT gone)`)
	}
	if listed {
		steps = append(steps, `DROP TABLE temp.undo_entries`)
	}
	steps = append(steps,
		// Its key blocks, if it was the ledger's first (a bulk import);
		// the keys of entries that stay are in entry_keys now
		// (keepBlockKeys).
		`DELETE FROM key_blocks WHERE import_id = ?1`,
		`DELETE FROM import_rows WHERE import_id = ?1`,
		`DELETE FROM import_members WHERE import_id = ?1`,
		// The invoice facts of the versions it wrote: those of entries that
		// stay were handed on to the import that holds them now (entry).
		`DELETE FROM invoices WHERE import_id = ?1`,
		`DELETE FROM imports WHERE id = ?1`)
	for _, q := range steps {
		if err := exec(q); err != nil {
			return err
		}
	}
	if err := u.storeTakenOver(); err != nil {
		return err
	}
	w := totalsWriter{store: sqlDays{u.ctx, u.tx}}
	return w.write(u.totals.rows(nil))
}
