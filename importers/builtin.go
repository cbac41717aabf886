package importers

import (
	"embed"
	"fmt"
	"sync"
)

// The built-in profiles, in the same format a user writes for
// import --profile (docs/profiles.md).
//
//go:embed profiles/*.profile
var profileFS embed.FS

// builtinProfiles parses every embedded profile once.
var builtinProfiles = sync.OnceValues(func() (map[string]*Profile, error) {
	entries, err := profileFS.ReadDir("profiles")
	if err != nil {
		return nil, err
	}
	out := map[string]*Profile{}
	for _, e := range entries {
		f, err := profileFS.Open("profiles/" + e.Name())
		if err != nil {
			return nil, err
		}
		p, err := ParseProfile("profiles/"+e.Name(), f)
		f.Close()
		if err != nil {
			return nil, err
		}
		out[p.Name()] = p
	}
	return out, nil
})

// builtin returns the embedded profile whose source is name. The registry
// lists them explicitly; a missing or broken profile is a programming error
// that TestBuiltinProfiles catches, so it panics.
func builtin(name string) Importer {
	all, err := builtinProfiles()
	if err != nil {
		panic(fmt.Sprintf("built-in profiles: %v", err))
	}
	p, ok := all[name]
	if !ok {
		panic(fmt.Sprintf("no built-in profile %q in importers/profiles", name))
	}
	return p
}
