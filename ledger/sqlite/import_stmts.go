package sqlite

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/internal/csqlite"
)

// insertSizes are the row counts of the prepared multi-row INSERTs; a batch
// of new entries is written with the fewest statements these sizes add up to.
var insertSizes = []int{128, 32, 8, 1}

const entryColumns = `(day, class_id, amount, external_id, views, qualified_views, status, counterparty,
	description, line, invoice, created_import, import_id)`

// entryParams is how many values of an entry are bound (entryPlaceholders).
const entryParams = 11

// entryPlaceholders are the values of one entry; the import's id, the same
// for every row, is written into the statement instead of bound each time.
func entryPlaceholders(importID int64) string {
	id := strconv.FormatInt(importID, 10)
	return "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + id + ", " + id + ")"
}

type importStmts struct {
	probe, dayKeys, stored, history, update, setVersion, takeBack *csqlite.Stmt
	account, newAccount, class, newClass, rows, maxID             *csqlite.Stmt
	findSHA, setCounts, blockKeys, insertBlock                    *csqlite.Stmt
	members                                                       *csqlite.Stmt // prepared when first needed
	putFacts, readFacts, carryFacts                               *csqlite.Stmt // the same (invoice.go)
	days                                                          *csqliteDays
	insert, insertKeys                                            map[int]*csqlite.Stmt
}

func (s *importStmts) close() {
	for _, st := range []*csqlite.Stmt{s.probe, s.dayKeys, s.stored, s.history, s.update, s.setVersion, s.takeBack,
		s.account, s.newAccount, s.class, s.newClass, s.rows, s.maxID, s.findSHA, s.setCounts, s.blockKeys,
		s.insertBlock, s.members, s.putFacts, s.readFacts, s.carryFacts} {
		if st != nil {
			st.Close()
		}
	}
	for _, m := range []map[int]*csqlite.Stmt{s.insert, s.insertKeys} {
		for _, st := range m {
			st.Close()
		}
	}
	if s.days != nil {
		s.days.close()
	}
}

func (t *ImportTx) prepare() error {
	var err error
	prep := func(q string) *csqlite.Stmt {
		if err != nil {
			return nil
		}
		var s *csqlite.Stmt
		s, err = t.c.Prepare(q)
		return s
	}
	t.stmts.probe = prep(`SELECT dedupe_key, entry_id, version FROM entry_keys
		WHERE dedupe_key IN (?` + strings.Repeat(", ?", batchSize-1) + `)`)
	t.stmts.dayKeys = prep(`SELECT dedupe_key, entry_id, version FROM entry_keys
		WHERE dedupe_key >= ? AND dedupe_key <= ? LIMIT ?`)
	t.stmts.stored = prep(`SELECT amount, views, qualified_views, status, counterparty, description, import_id, line,
		class_id FROM entries WHERE id = ?`)
	// A key found in a block (keyBlocks) gets its row here, which
	// overrides the block's.
	t.stmts.setVersion = prep(`INSERT INTO entry_keys (dedupe_key, entry_id, version) VALUES (?, ?, ?)
		ON CONFLICT (dedupe_key) DO UPDATE SET version = excluded.version`)
	t.stmts.blockKeys = prep(`SELECT keys FROM key_blocks WHERE day = ?`)
	t.stmts.insertBlock = prep(`INSERT INTO key_blocks (day, import_id, keys) VALUES (?, ` +
		strconv.FormatInt(t.rec.ID, 10) + `, ?)`)
	t.stmts.takeBack = prep(`DELETE FROM entry_keys WHERE dedupe_key = ? AND entry_id >= ?`)
	t.stmts.history = prep(`INSERT INTO entry_history (entry_id, replaced_by, amount, views, qualified_views, status,
		counterparty, description, import_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	t.stmts.update = prep(`UPDATE entries SET amount = ?, views = ?, qualified_views = ?, status = ?, counterparty = ?,
		description = ?, import_id = ?, line = ? WHERE id = ?`)
	t.stmts.account = prep(`SELECT id FROM accounts WHERE name = ?`)
	t.stmts.newAccount = prep(`INSERT INTO accounts (name) VALUES (?)`)
	t.stmts.class = prep(`SELECT id FROM entry_classes WHERE platform = ? AND program = ? AND kind = ? AND currency = ?
		AND account_id = ? AND contra_id = ?`)
	t.stmts.newClass = prep(`INSERT INTO entry_classes (platform, program, kind, currency, account_id, contra_id)
		VALUES (?, ?, ?, ?, ?, ?)`)
	t.stmts.rows = prep(`INSERT INTO import_rows (import_id, first_line, last_line, data) VALUES (?, ?, ?, ?)`)
	t.stmts.findSHA = prep(`SELECT id, file, imported_at FROM imports WHERE sha256 = ?`)
	t.stmts.setCounts = prep(`UPDATE imports SET sha256 = ?, rows = ?, new = ?, duplicates = ?, updated = ?, rounded = ?,
		last_entry = ? WHERE id = ?`)
	if err == nil {
		t.stmts.days, err = prepareDays(t.c)
		t.totalsOut = totalsWriter{store: t.stmts.days, fresh: t.bulk}
	}
	t.stmts.insert = map[int]*csqlite.Stmt{}
	t.stmts.insertKeys = map[int]*csqlite.Stmt{}
	// The multi-row INSERTs bind every parameter each time.
	prepAll := func(q string) *csqlite.Stmt {
		st := prep(q)
		if st != nil {
			st.BindsAll()
		}
		return st
	}
	// OR FAIL: a row that breaks a constraint fails the statement, as it
	// would without, but SQLite then need not be able to take back the
	// statement's earlier rows, so it keeps no statement journal (a copy of
	// each page the statement changes; 5% of a bulk import's writer): a
	// failed statement fails the whole import, which is rolled back.
	row := entryPlaceholders(t.rec.ID)
	for _, n := range insertSizes {
		t.stmts.insert[n] = prepAll(`INSERT OR FAIL INTO entries ` + entryColumns + ` VALUES ` +
			row + strings.Repeat(", "+row, n-1))
		t.stmts.insertKeys[n] = prepAll(`INSERT OR IGNORE INTO entry_keys (dedupe_key, entry_id, version) VALUES (?, ?, ?)` +
			strings.Repeat(", (?, ?, ?)", n-1))
	}
	return err
}

func columnCount(st *csqlite.Stmt, i int) ledger.Count {
	if st.ColumnNull(i) {
		return ledger.Count{}
	}
	return ledger.Counted(st.ColumnInt64(i))
}

func bindCount(st *csqlite.Stmt, i int, c ledger.Count) { st.NullInt64(i, c.N, c.Valid) }

// insertSize is the largest of insertSizes that is at most n (n > 0).
func insertSize(n int) int {
	for _, size := range insertSizes {
		if size <= n {
			return size
		}
	}
	return insertSizes[len(insertSizes)-1]
}

// classID returns the id of an entry's class (entry_classes): its platform,
// program, kind, currency and its source and contra accounts, adding the
// class when it is new. classOf calls it once for each class an import
// meets.
func (t *ImportTx) classID(e *ledger.Entry) (int64, error) {
	k := classKey{Platform: e.Platform, Program: e.Program, Kind: e.Kind, Currency: e.Currency}
	var err error
	if k.acct, err = t.accountID(e.SourceAccount()); err != nil {
		return 0, err
	}
	if k.contra, err = t.accountID(e.ContraAccount()); err != nil {
		return 0, err
	}
	return t.findOrAddClass(k)
}

// classKey is a row of entry_classes.
type classKey struct {
	Platform, Program string
	Kind              ledger.Kind
	Currency          string
	acct, contra      int64
}

func (t *ImportTx) findOrAddClass(k classKey) (int64, error) {
	id, err := t.findOrAdd(t.stmts.class, t.stmts.newClass, func(st *csqlite.Stmt) {
		st.Text(1, k.Platform)
		st.Text(2, k.Program)
		st.Text(3, string(k.Kind))
		st.Text(4, k.Currency)
		st.Int64(5, k.acct)
		st.Int64(6, k.contra)
	})
	if err != nil {
		return 0, fmt.Errorf("entry class %s %s %s %s: %w", k.Platform, k.Program, k.Kind, k.Currency, err)
	}
	return id, nil
}

func (t *ImportTx) accountID(name string) (int64, error) {
	if id, ok := t.acct[name]; ok {
		return id, nil
	}
	id, err := t.findOrAdd(t.stmts.account, t.stmts.newAccount, func(st *csqlite.Stmt) { st.Text(1, name) })
	if err != nil {
		return 0, fmt.Errorf("account %s: %w", name, err)
	}
	t.acct[name] = id
	return id, nil
}

// findOrAdd returns the id that find selects, or adds the row with add and
// returns its id; bind gives both statements the same values.
func (t *ImportTx) findOrAdd(find, add *csqlite.Stmt, bind func(*csqlite.Stmt)) (int64, error) {
	bind(find)
	row, err := find.Step()
	var id int64
	if row {
		id = find.ColumnInt64(0)
	}
	if rerr := find.Reset(); err == nil {
		err = rerr
	}
	if err == nil && !row {
		bind(add)
		if err = add.Exec(); err == nil {
			id = t.c.LastInsertRowID()
		}
	}
	return id, err
}
