package importers

// All returns the built-in importers in the fixed order detection tries
// them. Every source is listed here, explicitly; there is no
// self-registration.
func All() []Importer {
	return []Importer{
		Native{},
		builtin("tiktok-creator-rewards"),
	}
}
