//go:build !linux

package sqlite

// startWriteback does nothing where sync_file_range is missing: the final
// sync writes the file alone.
func startWriteback(path string) {}

func adviseHugePages(b []byte) {}
