//go:build !unix

package ledger

// mapSlots is mapSlots of slots_unix.go; elsewhere the slots stay on the
// Go heap.
func mapSlots(n int) (slots []uint64, mapping []byte) { return nil, nil }

func unmapSlots(mapping []byte) {}
