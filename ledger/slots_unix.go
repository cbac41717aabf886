//go:build unix

package ledger

import (
	"syscall"
	"unsafe"
)

// mapSlots returns n zeroed slots in memory mapped outside the Go heap, or
// nil if the system refuses. The garbage collector neither scans nor counts
// that memory, so a large set does not make it run more often under the
// process's memory limit (cmd/creatorledger sets one).
func mapSlots(n int) (slots []uint64, mapping []byte) {
	b, err := syscall.Mmap(-1, 0, n*8, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return nil, nil
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(b))), n), b
}

func unmapSlots(mapping []byte) { syscall.Munmap(mapping) }
