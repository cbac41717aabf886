package importers

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Registry is the built-in sources and the creator's own profiles, which
// take part in detection like the built-in ones, after them.
type Registry struct {
	user []Importer
	dir  string
}

// ProfileExt is the file name extension of a profile.
const ProfileExt = ".profile"

// LoadUserProfiles reads every *.profile file in dir (the creator's
// profiles folder), in name order. A missing folder is no profiles. A
// profile that does not parse, or whose source has the name of a built-in
// source or of another profile, is an error naming its file.
func LoadUserProfiles(dir string) (Registry, error) {
	r := Registry{dir: dir}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return r, nil
	}
	if err != nil {
		return r, fmt.Errorf("profiles folder: %w", err)
	}
	names := Names()
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ProfileExt) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		f, err := os.Open(path)
		if err != nil {
			return r, fmt.Errorf("profile %s: %w", path, err)
		}
		imp, err := LoadProfile(e.Name(), f)
		f.Close()
		if err != nil {
			return r, fmt.Errorf("profile %s:\n%w", path, err)
		}
		if slices.Contains(names, imp.Name()) {
			return r, fmt.Errorf("profile %s: source %q is already the name of a source; give it another name (its \"source\" line)", path, imp.Name())
		}
		names = append(names, imp.Name())
		r.user = append(r.user, imp)
	}
	return r, nil
}

// All returns the built-in importers, then the creator's.
func (r Registry) All() []Importer { return append(All(), r.user...) }

// IsUser reports whether the source named is one of the creator's profiles.
func (r Registry) IsUser(name string) bool {
	return slices.ContainsFunc(r.user, func(imp Importer) bool { return imp.Name() == name })
}

// Dir is the folder the creator's profiles were read from.
func (r Registry) Dir() string { return r.dir }

// Detect returns the one importer, built-in or the creator's, that
// recognises header (see Detect).
func (r Registry) Detect(header []string) (Importer, error) { return detectAmong(r.All(), header) }

// ByName returns the importer, built-in or the creator's, with this name.
func (r Registry) ByName(name string) (Importer, error) { return byNameAmong(r.All(), name) }
