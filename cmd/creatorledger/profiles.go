package main

import (
	"os"
	"path/filepath"

	"github.com/creatorledger/creatorledger/importers"
)

// profilesDir is the folder of the creator's own profiles:
// $XDG_CONFIG_HOME/creatorledger/profiles (~/.config/… by default); ""
// when there is no home to find it in.
func profilesDir() string {
	cfg := os.Getenv("XDG_CONFIG_HOME")
	if cfg == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		cfg = filepath.Join(home, ".config")
	}
	return filepath.Join(cfg, "creatorledger", "profiles")
}

// userRegistry returns the built-in sources and the creator's profiles.
// A profile there that does not load is an error, with a hint to fix it or
// move it away.
func userRegistry() (importers.Registry, error) {
	dir := profilesDir()
	if dir == "" {
		return importers.Registry{}, nil
	}
	reg, err := importers.LoadUserProfiles(dir)
	if err != nil {
		return reg, withHint(err, "fix the profile (docs/profiles.md) or move it out of "+dir)
	}
	return reg, nil
}
