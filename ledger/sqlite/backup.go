package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the ledger to path, a file that must
// not exist yet: an existing file is never overwritten (the error wraps
// fs.ErrExist). The copy is made by SQLite's VACUUM INTO inside one read
// transaction, so it is a snapshot of the last committed state even while
// another process imports; it is a complete ledger that Open accepts.
//
// The copy is private like the ledger (mode 0600). It is written next to
// path under a temporary name (.NAME.creatorledger-backup-*, a TempFile),
// synced, then linked to path, which fails if path exists meanwhile; so
// path holds either nothing or the whole copy, even when the process is
// killed. The temporary copies that killed backups left in that directory,
// whatever their names, are removed by the next backup there.
func (db *DB) Backup(ctx context.Context, path string) (err error) {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("backup: %s: %w", path, fs.ErrExist)
	}
	dir, pattern := filepath.Dir(path), "."+filepath.Base(path)+backupTemp+"*"
	RemoveAbandoned(dir, ".*"+backupTemp+"*")
	// VACUUM INTO writes into an empty file it finds, keeping its mode;
	// a file it creates itself would get SQLite's default 0644.
	tmp, err := CreateTemp(dir, pattern)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer tmp.Release()
	if _, err := db.sql.ExecContext(ctx, `VACUUM INTO ?`, tmp.Path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	// VACUUM INTO does not sync what it wrote.
	if err := syncFile(tmp.Path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	// A link, unlike a rename, never replaces a file that appeared
	// meanwhile: of two backups to one name, one fails.
	if err := os.Link(tmp.Path, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("backup: %s: %w", path, fs.ErrExist)
		}
		return fmt.Errorf("backup: %w", err)
	}
	if err := syncFile(dir); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// backupTemp marks the name of a backup's temporary copy.
const backupTemp = ".creatorledger-backup-"

// syncFile flushes a file (or a directory's entries) to stable storage.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
