//go:build unix

package sqlite

import (
	"os"
	"syscall"
)

const syscallNoFollow = syscall.O_NOFOLLOW

// lockFile takes the lock that marks f as held by a live process. It is an
// flock lock, which the system gives up when the process ends, however it
// ends; SQLite's own locks are of another kind (fcntl) and do not meet it.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// tryLock reports whether it got f's lock: no live process holds it.
func tryLock(f *os.File) bool {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err != syscall.EINTR {
			return err == nil
		}
	}
}
