package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
)

// goMigrations are the steps of migrations that SQL cannot say, by schema
// version: migrateFile runs a version's step after its SQL, in the same
// transaction.
var goMigrations = map[int]func(context.Context, *sql.Tx) error{
	10: migrateIdlessKeys,
	13: migrateInvoiceFacts, // migrate_invoices.go
}

// migrateIdlessKeys (migration 0010) gives every entry without an external
// id its key as the ledger now computes it: the amount has left the
// identity of such entries (Identity), so the keys earlier versions stored
// for them, in entry_keys and in key blocks, are no longer what an import
// of the same rows computes, and without this an already imported file
// would be imported again.
//
// An entry's occurrence (KeyOf) is its place among the ledger's id-less
// entries of the same identity in the order they were added: the order of
// their imports and, within one import, of its file (the order of the
// entries' ids, which an import gives in the order it reads the rows). For
// an identity whose entries all came from one file, that is their
// occurrence in the file, as a new import of it computes it. Entries of one
// identity from several files (an overlapping export had a row whose amount
// was different, which earlier versions made a new entry) keep apart, the
// later ones after the earlier: the migration changes no entry.
//
// The new keys go to entry_keys, with the version of the entry as it is;
// the old ones are deleted there and taken out of the key blocks, whose
// records stay sorted (a block left empty goes), so that every entry has
// one key again (checkKeys).
func migrateIdlessKeys(ctx context.Context, tx *sql.Tx) error {
	var maxID int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM entries`).Scan(&maxID); err != nil {
		return fmt.Errorf("id-less keys: %w", err)
	}
	idless := make([]uint64, maxID/64+1) // a bit per entry id
	if _, err := tx.ExecContext(ctx, `DELETE FROM entry_keys WHERE entry_id IN (SELECT id FROM entries WHERE external_id = '')`); err != nil {
		return fmt.Errorf("id-less keys: %w", err)
	}
	if err := writeIdlessKeys(ctx, tx, idless); err != nil {
		return fmt.Errorf("id-less keys: %w", err)
	}
	if err := dropBlockKeys(ctx, tx, idless); err != nil {
		return fmt.Errorf("id-less keys: key blocks: %w", err)
	}
	return nil
}

// keyInsertRows is how many keys one INSERT of writeIdlessKeys writes.
const keyInsertRows = 128

// writeIdlessKeys computes the key of every id-less entry, writes it to
// entry_keys and marks the entry's id in idless.
func writeIdlessKeys(ctx context.Context, tx *sql.Tx, idless []uint64) error {
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.day, c.platform, c.program, c.kind, c.currency, e.amount,
		e.views, e.qualified_views, e.status, e.counterparty, e.description
		FROM entries e JOIN entry_classes c ON c.id = e.class_id
		WHERE e.external_id = '' ORDER BY e.day, e.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	full, err := tx.PrepareContext(ctx, keyInsert(keyInsertRows))
	if err != nil {
		return err
	}
	defer full.Close()
	args := make([]any, 0, 3*keyInsertRows)
	flush := func(st *sql.Stmt) error {
		if len(args) == 0 {
			return nil
		}
		var err error
		if st != nil {
			_, err = st.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, keyInsert(len(args)/3), args...)
		}
		args = args[:0]
		return err
	}
	var (
		day  int64 = -1
		seen       = map[ledger.Key]int{} // the day's identities (their first key): how many so far
		buf  []byte
	)
	for rows.Next() {
		var (
			id, d, amount, status int64
			kind                  string
			views, qviews         sql.NullInt64
			e                     ledger.Entry
		)
		if err := rows.Scan(&id, &d, &e.Platform, &e.Program, &kind, &e.Currency, &amount, &views, &qviews, &status,
			&e.Counterparty, &e.Description); err != nil {
			return err
		}
		if id < 1 || id/64 >= int64(len(idless)) {
			return fmt.Errorf("entry %d is beyond the ledger's last", id)
		}
		idless[id/64] |= 1 << (id % 64)
		if d != day {
			day = d
			clear(seen)
		}
		e.Kind, e.Date = ledger.Kind(kind), ledger.DateOfDay(d)
		buf = e.AppendIdentityAt(buf[:0], d, amount)
		key := ledger.KeyOf(e.Date, buf, 0) // also the identity's name in seen
		occ := seen[key]
		seen[key] = occ + 1
		if occ > 0 {
			key = ledger.KeyOf(e.Date, buf, occ)
		}
		version := ledger.VersionOf(amount, ledger.Count{N: views.Int64, Valid: views.Valid}, ledger.Count{N: qviews.Int64, Valid: qviews.Valid},
			ledger.StatusOf(status), e.Counterparty, e.Description)
		args = append(args, key[:], id, version)
		if len(args) == cap(args) {
			if err := flush(full); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush(nil)
}

// keyInsert is an INSERT of n rows into entry_keys. A key there already
// fails it: no two entries may share one.
func keyInsert(n int) string {
	return `INSERT INTO entry_keys (dedupe_key, entry_id, version) VALUES (?, ?, ?)` + strings.Repeat(", (?, ?, ?)", n-1)
}

// dropBlockKeys takes the records of the entries marked in idless out of
// every key block, and deletes the blocks left empty.
func dropBlockKeys(ctx context.Context, tx *sql.Tx, idless []uint64) error {
	marked := func(r []byte) bool {
		id := int64(binary.BigEndian.Uint64(r[ledger.KeySize-4:]))
		return id >= 1 && id/64 < int64(len(idless)) && idless[id/64]&(1<<(id%64)) != 0
	}
	// First the blocks to change, then each of them: a table is not
	// changed while it is read.
	var change []int64
	rows, err := tx.QueryContext(ctx, `SELECT id, keys FROM key_blocks`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var b []byte
		if err := rows.Scan(&id, &b); err != nil {
			rows.Close()
			return err
		}
		if err := checkBlockSize(b); err != nil {
			rows.Close()
			return fmt.Errorf("block %d: %w", id, err)
		}
		for at := 0; at < len(b); at += blockRecord {
			if marked(b[at : at+blockRecord]) {
				change = append(change, id)
				break
			}
		}
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, id := range change {
		var b []byte
		if err := tx.QueryRowContext(ctx, `SELECT keys FROM key_blocks WHERE id = ?`, id).Scan(&b); err != nil {
			return err
		}
		kept := b[:0]
		for at := 0; at < len(b); at += blockRecord {
			if r := b[at : at+blockRecord]; !marked(r) {
				kept = append(kept, r...) // in place: kept never passes at
			}
		}
		if len(kept) == 0 {
			_, err = tx.ExecContext(ctx, `DELETE FROM key_blocks WHERE id = ?`, id)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE key_blocks SET keys = ? WHERE id = ?`, kept, id)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
