//go:build !unix

package sqlite

import (
	"errors"
	"io/fs"
	"os"
)

// errReadOnlyFS is what canWrite would return for a read-only file system;
// this system's check cannot tell.
var errReadOnlyFS = errors.New("read-only file system")

// canWrite tells whether the file at path may be written, from its mode
// bits only; a directory counts as writable.
func canWrite(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !st.IsDir() && st.Mode().Perm()&0o200 == 0 {
		return fs.ErrPermission
	}
	return nil
}

// ownedByUs: this system has no owner in a file's mode; the user's own
// files are the only ones it can change anyway.
func ownedByUs(fs.FileInfo) bool { return true }
