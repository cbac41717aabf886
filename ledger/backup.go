package ledger

import (
	"context"
	"fmt"
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
// path under a temporary name, synced, then renamed into place, so path
// holds either nothing or the whole copy.
func (db *DB) Backup(ctx context.Context, path string) (err error) {
	// Claim the name first, so a file that appears meanwhile is not
	// replaced and two backups to one name cannot both succeed.
	claim, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	claim.Close()
	// VACUUM INTO writes into an empty file it finds, keeping its mode;
	// a file it creates itself would get SQLite's default 0644.
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("backup: %w", err)
	}
	tmp := f.Name()
	renamed := false
	defer func() {
		if err != nil && !renamed {
			os.Remove(tmp)
			os.Remove(path)
		}
	}()
	err = f.Chmod(0o600) // whatever the umask
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := db.sql.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	// VACUUM INTO does not sync what it wrote.
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	renamed = true
	if err := syncFile(filepath.Dir(path)); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// syncFile flushes a file (or a directory's entries) to stable storage.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
