//go:build unix

package sqlite

import (
	"syscall"
	"unsafe"
)

// mapSlots returns n zeroed slots in memory mapped outside the Go heap, or
// nil if the system refuses. The garbage collector neither scans nor counts
// that memory, so a large set does not make it run more often under the
// process's memory limit (cmd/creatorledger sets one).
func mapSlots(n int) (slots []uint64, mapping []byte) {
	b := mapBytes(n * 8)
	if b == nil {
		return nil, nil
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(b))), n), b
}

// mapBytes returns n zeroed bytes mapped outside the Go heap, or nil if the
// system refuses; unmapSlots releases them. Memory of 4 MiB and more is
// asked for in huge pages where the system has them: a set or cache read
// in no order then misses the processor's address cache (TLB) far less
// (the cached key blocks of a 1M-entry ledger are 28 MiB).
func mapBytes(n int) []byte {
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return nil
	}
	if n >= 4<<20 {
		adviseHugePages(b)
	}
	return b
}

func unmapSlots(mapping []byte) { syscall.Munmap(mapping) }
