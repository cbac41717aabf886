package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/schema"
)

// migration is one of schema.Migrations: its number and file name.
type migration struct {
	version int
	name    string
}

// migrations lists the embedded migrations in numeric order.
func migrations() ([]migration, error) {
	names, err := fs.Glob(schema.Migrations, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var ms []migration
	for _, n := range names {
		base := filepath.Base(n)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migrate: %s has no version number", base)
		}
		ms = append(ms, migration{v, n})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// newerThanUs refuses a ledger that has a migration newer than ms.
func newerThanUs(applied map[int]bool, ms []migration) error {
	newest := ms[len(ms)-1].version
	for v := range applied {
		if v > newest {
			return fmt.Errorf("%w: it has schema version %d, and this creatorledger knows versions up to %d: use a newer creatorledger",
				ledger.ErrNewerLedger, v, newest)
		}
	}
	return nil
}

// migrate applies the embedded migrations that have not been applied yet,
// each in its own transaction, in numeric order.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	applied, err := db.appliedMigrations(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := newerThanUs(applied, ms); err != nil {
		return err
	}
	if len(applied) == 0 {
		// A new ledger: the current schema in one step (schema.Ledger).
		done, err := db.createSchema(ctx, ms)
		if err != nil {
			return fmt.Errorf("create the ledger's tables: %w", err)
		}
		if done {
			return nil
		}
	}
	var pending []string
	for _, m := range ms {
		if !applied[m.version] {
			pending = append(pending, strings.TrimSuffix(filepath.Base(m.name), ".sql"))
		}
	}
	if notice, ok := ctx.Value(migrationNoticeKey{}).(func([]string)); ok && len(pending) > 0 {
		notice(pending)
	}
	migrated := false
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		if err := db.migrateFile(ctx, m.version, m.name); err != nil {
			return fmt.Errorf("migrate %s: %w", filepath.Base(m.name), err)
		}
		migrated = true
	}
	if migrated {
		return db.reclaim(ctx)
	}
	return nil
}

// migrationNoticeKey is the context key of WithMigrationNotice.
type migrationNoticeKey struct{}

// WithMigrationNotice returns a context under which opening an existing
// ledger that needs migrations first calls notice with their names, so
// that a program can say why it pauses: a migration may read every entry
// (0014 takes some 20 s over 10 million).
func WithMigrationNotice(ctx context.Context, notice func(names []string)) context.Context {
	return context.WithValue(ctx, migrationNoticeKey{}, notice)
}

// reclaim gives the space of tables a migration rebuilt back to the file
// system, when it is more than a quarter of the file: SQLite otherwise keeps
// the free pages, and a migrated ledger would stay twice its size.
func (db *DB) reclaim(ctx context.Context) error {
	var free, pages int64
	if err := db.sql.QueryRowContext(ctx, `SELECT (SELECT freelist_count FROM pragma_freelist_count),
		(SELECT page_count FROM pragma_page_count)`).Scan(&free, &pages); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if 4*free <= pages || free < 256 { // a new ledger, or little to gain
		return nil
	}
	if _, err := db.sql.ExecContext(ctx, `VACUUM`); err != nil {
		return fmt.Errorf("migrate: reclaim free space: %w", err)
	}
	return nil
}

// appliedMigrations returns the versions already applied. It only reads
// when the ledger is up to date, as it almost always is: a write here would
// make every command, reports and backups too, wait for a running import.
func (db *DB) appliedMigrations(ctx context.Context) (map[int]bool, error) {
	var n int
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		if _, err := db.sql.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
			return nil, err
		}
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	applied := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		applied[v] = true
	}
	return applied, rows.Err()
}

// createSchema gives a ledger that has had no migration the current schema
// and records every migration in ms as applied, in one transaction. It
// reports false, and does nothing, when another connection applied a
// migration meanwhile: the ledger then migrates as any other.
func (db *DB) createSchema(ctx context.Context, ms []migration) (bool, error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n > 0 {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, schema.Ledger); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA application_id = `+strconv.Itoa(ApplicationID)); err != nil {
		return false, err
	}
	for _, m := range ms {
		if err := db.recordMigration(ctx, tx, m); err != nil {
			return false, err
		}
	}
	return true, tx.Commit()
}

// recordMigration notes in schema_migrations that m is applied.
func (db *DB) recordMigration(ctx context.Context, tx *sql.Tx, m migration) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, filepath.Base(m.name), db.Now().UTC().Format(time.RFC3339))
	return err
}

func (db *DB) migrateFile(ctx context.Context, version int, name string) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := fs.ReadFile(schema.Migrations, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if step := goMigrations[version]; step != nil { // ledger/migrate_keys.go
		if err := step(ctx, tx); err != nil {
			return err
		}
	}
	if err := db.recordMigration(ctx, tx, migration{version, name}); err != nil {
		return err
	}
	return tx.Commit()
}
