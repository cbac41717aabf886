package sqlite

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestRemoveAbandoned: of the files a pattern matches, those a live
// TempFile holds stay, whatever their age; those nobody holds go, with
// SQLite's files beside them, and so do SQLite files left without theirs.
func TestRemoveAbandoned(t *testing.T) {
	dir := t.TempDir()
	held, err := CreateTemp(dir, ".ledger.db.new-*")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	if st, err := os.Stat(held.Path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("temp file: %v %v, want mode 0600", st, err)
	}
	os.WriteFile(held.Path+"-journal", []byte("j"), 0o600)
	left := filepath.Join(dir, ".ledger.db.new-123") // a killed process's
	os.WriteFile(left, []byte("x"), 0o600)
	os.WriteFile(left+"-journal", []byte("j"), 0o600)
	orphan := filepath.Join(dir, ".ledger.db.new-456-wal")
	os.WriteFile(orphan, []byte("w"), 0o600)
	other := filepath.Join(dir, "ledger.db")
	os.WriteFile(other, []byte("l"), 0o600)

	removed, err := RemoveAbandoned(dir, ".ledger.db.new-*")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(removed)
	if want := []string{left, orphan}; !slices.Equal(removed, want) {
		t.Errorf("removed %v, want %v", removed, want)
	}
	for _, gone := range []string{left, left + "-journal", orphan} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("%s is still there", gone)
		}
	}
	for _, kept := range []string{held.Path, held.Path + "-journal", other} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s, held by a live process or not matched, was removed: %v", kept, err)
		}
	}
	held.Release()
	if _, err := os.Stat(held.Path); err == nil {
		t.Error("Release left the file")
	}
	if removed, _ := RemoveAbandoned(dir, ".ledger.db.new-*"); len(removed) != 0 {
		t.Errorf("nothing left to remove, removed %v", removed)
	}
}
