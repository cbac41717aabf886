//go:build unix

package sqlite

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// errReadOnlyFS is what canWrite returns for a file on a read-only file
// system (EROFS).
var errReadOnlyFS = syscall.EROFS

// canWrite asks the system whether this process may write the file or
// directory at path (access(2), W_OK): no write is tried. Root may write
// anything but on a read-only file system.
func canWrite(path string) error {
	err := syscall.Access(path, 0x2) // W_OK
	if errors.Is(err, syscall.EROFS) {
		return errReadOnlyFS
	}
	return err
}

// ownedByUs reports whether this process's user owns the file.
func ownedByUs(st fs.FileInfo) bool {
	sys, ok := st.Sys().(*syscall.Stat_t)
	return ok && int(sys.Uid) == os.Geteuid()
}
