package sqlite

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback asks the system to start writing the file's changed
// pages to the disk, without waiting for them (sync_file_range).
func startWriteback(path string) {
	f, err := os.Open(path)
	if err != nil {
		return // only an early start of what the final sync does anyway
	}
	unix.SyncFileRange(int(f.Fd()), 0, 0, unix.SYNC_FILE_RANGE_WRITE)
	f.Close()
}

// adviseHugePages asks for b in huge pages (mapBytes); advice only, so an
// error changes nothing.
func adviseHugePages(b []byte) { unix.Madvise(b, unix.MADV_HUGEPAGE) }
