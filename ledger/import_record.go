package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Import is the record of one imported file.
type Import struct {
	ID         int64
	File       string // base name of the file as given
	Source     string // importer name
	SHA256     string // hex digest of the file's bytes
	ImportedAt time.Time
	Counts
	// The entries the import added are those with ids FirstEntry to
	// LastEntry (none when LastEntry < FirstEntry).
	FirstEntry, LastEntry int64
}

// Counts summarises what an import did with the file's entries.
type Counts struct {
	Rows       int // entries read from the file
	New        int // entries added
	Duplicates int // entries the ledger already had, unchanged
	Updated    int // entries the ledger had whose amount, status, views or texts changed
	Rounded    int // amounts with more than six decimals, rounded half-even
}

// Import returns the import with this id, or an error wrapping ErrNotFound.
func (db *DB) Import(ctx context.Context, id int64) (Import, error) {
	return queryImport(ctx, db.sql, `WHERE id = ?`, id)
}

// Imports lists every import, oldest first.
func (db *DB) Imports(ctx context.Context) ([]Import, error) {
	rows, err := db.sql.QueryContext(ctx, importSelect+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	defer rows.Close()
	var out []Import
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
}, where string, arg any) (Import, error) {
	im, err := scanImport(q.QueryRowContext(ctx, importSelect+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return Import{}, fmt.Errorf("import %v: %w", arg, ErrNotFound)
	}
	if err != nil {
		return Import{}, fmt.Errorf("read import %v: %w", arg, err)
	}
	return im, nil
}

func scanImport(s interface{ Scan(...any) error }) (Import, error) {
	var im Import
	var at string
	err := s.Scan(&im.ID, &im.File, &im.Source, &im.SHA256, &at, &im.Rows, &im.New, &im.Duplicates, &im.Updated, &im.Rounded,
		&im.FirstEntry, &im.LastEntry)
	if err != nil {
		return im, err
	}
	im.ImportedAt, err = time.Parse(time.RFC3339, at)
	return im, err
}
