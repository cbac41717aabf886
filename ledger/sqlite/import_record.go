package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// Import returns the import with this id, or an error wrapping ErrNotFound.
func (db *DB) Import(ctx context.Context, id int64) (ledger.Import, error) {
	return queryImport(ctx, db.sql, `WHERE id = ?`, id)
}

// Imports lists every import, oldest first.
func (db *DB) Imports(ctx context.Context) ([]ledger.Import, error) {
	rows, err := db.sql.QueryContext(ctx, importSelect+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	defer rows.Close()
	var out []ledger.Import
	for rows.Next() {
		im, err := scanImport(rows)
		if err != nil {
			return nil, fmt.Errorf("list imports: %w", err)
		}
		out = append(out, im)
	}
	return out, rows.Err()
}

const importSelect = `SELECT id, file, source, sha256, imported_at, rows, new, duplicates, updated, rounded,
	first_entry, last_entry FROM imports `

// queryImport reads one import through q (the ledger, or a transaction).
func queryImport(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, where string, arg any) (ledger.Import, error) {
	im, err := scanImport(q.QueryRowContext(ctx, importSelect+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return ledger.Import{}, fmt.Errorf("import %v: %w", arg, ledger.ErrNotFound)
	}
	if err != nil {
		return ledger.Import{}, fmt.Errorf("read import %v: %w", arg, err)
	}
	return im, nil
}

func scanImport(s interface{ Scan(...any) error }) (ledger.Import, error) {
	var im ledger.Import
	var at string
	err := s.Scan(&im.ID, &im.File, &im.Source, &im.SHA256, &at, &im.Rows, &im.New, &im.Duplicates, &im.Updated, &im.Rounded,
		&im.FirstEntry, &im.LastEntry)
	if err != nil {
		return im, err
	}
	im.ImportedAt, err = time.Parse(time.RFC3339, at)
	return im, err
}
