package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// A TempFile is a file written beside the name it will get (a backup, a
// new ledger) and linked to that name once it is whole, so that the name
// holds nothing or the whole file even when the process is killed. While
// the process that made it lives, it holds a lock on the file (flock, on
// Unix), which RemoveAbandoned asks for: a file whose lock it gets was left
// by a process that is gone, however old or new the file is.
type TempFile struct {
	Path string
	lock *os.File
}

// sqliteFiles are the files SQLite keeps beside a database while it writes.
var sqliteFiles = []string{"-journal", "-wal", "-shm"}

// CreateTemp creates a new, empty, private (0600) file in dir named by
// pattern as os.CreateTemp names it, and locks it.
func CreateTemp(dir, pattern string) (*TempFile, error) {
	for range 10 {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return nil, err
		}
		if err = f.Chmod(0o600); err == nil { // whatever the umask
			err = lockFile(f)
		}
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			return nil, err
		}
		// Another process's RemoveAbandoned may have removed the file
		// between its creation and the lock: then it is not ours to use.
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, err
		}
		if at, err := os.Stat(f.Name()); err == nil && os.SameFile(st, at) {
			return &TempFile{Path: f.Name(), lock: f}, nil
		}
		f.Close()
	}
	return nil, fmt.Errorf("create a file in %s: it kept being removed", dir)
}

// Release removes the file, and SQLite's files beside it, unless it was
// linked to its name, and gives up the lock.
func (t *TempFile) Release() {
	for _, s := range sqliteFiles {
		os.Remove(t.Path + s)
	}
	os.Remove(t.Path)
	t.lock.Close()
}

// RemoveAbandoned removes the files in dir that match pattern (a
// filepath.Match pattern) and that no live process holds (TempFile), with
// SQLite's files beside them, and returns their names. A file another
// process holds is left alone.
func RemoveAbandoned(dir, pattern string) ([]string, error) {
	names, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, name := range names {
		side := false
		for _, s := range sqliteFiles {
			if main, ok := strings.CutSuffix(name, s); ok {
				side = true
				// Release removes these before the file itself: one whose
				// file is gone was left by a process killed in between.
				if _, err := os.Lstat(main); errors.Is(err, fs.ErrNotExist) && os.Remove(name) == nil {
					removed = append(removed, name)
				}
			}
		}
		if side {
			continue
		}
		f, err := os.OpenFile(name, os.O_RDONLY|syscallNoFollow, 0)
		if err != nil {
			continue
		}
		if !tryLock(f) {
			f.Close()
			continue
		}
		for _, s := range sqliteFiles {
			os.Remove(name + s)
		}
		if os.Remove(name) == nil {
			removed = append(removed, name)
		}
		f.Close()
	}
	return removed, nil
}
