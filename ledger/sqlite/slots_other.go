//go:build !unix

package sqlite

// mapSlots is mapSlots of slots_unix.go; elsewhere the slots stay on the
// Go heap.
func mapSlots(n int) (slots []uint64, mapping []byte) { return nil, nil }

func unmapSlots(mapping []byte) {}

// mapBytes is mapBytes of slots_unix.go; elsewhere the caller allocates.
func mapBytes(n int) []byte { return nil }
