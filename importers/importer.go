// Package importers turns exported files into ledger entries: it reads CSV
// text whatever its encoding and delimiter, recognises the source by its
// header, and parses rows into ledger.Entry values with positioned errors.
// It never touches the database.
package importers

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/creatorledger/creatorledger/ledger"
)

// Importer reads one kind of export.
type Importer interface {
	// Name is the source's slug, as used with import --as.
	Name() string
	// Info describes the source for the sources command.
	Info() Info
	// Detect reports whether a header (trimmed cells) is this source's.
	// It does no I/O.
	Detect(header []string) bool
	// Parse reads the source's rows and calls emit for each entry. Bad
	// cells are recorded on src (src.Errorf) and their row skipped; Parse
	// returns only errors that stop reading, such as emit's.
	Parse(src *Source, emit func(ledger.Entry) error) error
}

// Confidence says how well a source's layout is known.
type Confidence string

// The confidence levels of a source layout (see formats.md).
const (
	SeenFile  Confidence = "seen-file"  // a real export was read
	SeenCode  Confidence = "seen-code"  // the header appears in other importers' code or fixtures
	Docs      Confidence = "docs"       // taken from documentation or API field names
	Assumed   Confidence = "assumed"    // no public layout: a best guess, easy to adapt
	OwnFormat Confidence = "own-format" // a format this project defines
)

// Info describes a source.
type Info struct {
	Title      string     // what the source is, for people
	Header     string     // the header line it recognises
	Confidence Confidence // how well the layout is known
}

// Run parses src with imp and hands each entry to add, with its amount
// rounded half-even to six decimals (rounded tells whether that changed it)
// and its provenance filled in. add gets only entries that passed
// Entry.Validate; an invalid one is a row error. Once a row error has been
// recorded, entries are still parsed, to find more errors, but no longer
// added. Run returns
// the source's errors (an ErrorList) or the first error from add.
func Run(imp Importer, src *Source, add func(e ledger.Entry, rounded bool) error) error {
	err := imp.Parse(src, func(e ledger.Entry) error {
		if e.Line == 0 {
			e.Line = src.Line()
			e.Raw = src.Raw()
		}
		var rounded bool
		e.Amount, rounded = ledger.RoundMicro(e.Amount)
		if err := e.Validate(); err != nil {
			src.errs = append(src.errs, src.entryError(e, err))
			return nil
		}
		if src.Failed() {
			return nil
		}
		return add(e, rounded)
	})
	if err != nil {
		return err
	}
	return src.Err()
}

// Detect returns the one built-in importer that recognises header. No
// match is an ErrUnknownFormat error quoting the header and listing the
// known sources; more than one is ErrAmbiguousFormat naming them.
func Detect(header []string) (Importer, error) { return detectAmong(All(), header) }

func detectAmong(imps []Importer, header []string) (Importer, error) {
	var found []Importer
	for _, imp := range imps {
		if imp.Detect(header) {
			found = append(found, imp)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, fmt.Errorf("%w: header %s matches no source (known: %s)", ErrUnknownFormat, QuoteHeader(header, ","), strings.Join(namesOf(imps), ", "))
	}
	names := make([]string, len(found))
	for i, imp := range found {
		names[i] = imp.Name()
	}
	return nil, fmt.Errorf("%w: header matches %s", ErrAmbiguousFormat, strings.Join(names, " and "))
}

// ByName returns the built-in importer with this name.
func ByName(name string) (Importer, error) { return byNameAmong(All(), name) }

func byNameAmong(imps []Importer, name string) (Importer, error) {
	for _, imp := range imps {
		if imp.Name() == name {
			return imp, nil
		}
	}
	return nil, fmt.Errorf("%w: %q (known: %s)", ErrNoSuchSource, name, strings.Join(namesOf(imps), ", "))
}

// Names lists the built-in sources' names, in registry order.
func Names() []string { return namesOf(All()) }

func namesOf(imps []Importer) []string {
	out := make([]string, len(imps))
	for i, imp := range imps {
		out[i] = imp.Name()
	}
	return out
}

// headerIs reports whether header equals want, ignoring case and the space
// around names.
func headerIs(header []string, want ...string) bool {
	if len(header) != len(want) {
		return false
	}
	for i := range want {
		if !strings.EqualFold(strings.TrimSpace(header[i]), want[i]) {
			return false
		}
	}
	return true
}

// maxQuotedHeader is how much of a header an error message quotes.
const maxQuotedHeader = 400

// QuoteHeader renders a header for an error message: its names joined by
// sep and quoted, cut short (saying how many columns there are) when it is
// long, so that a file with a 10 MB first line gives a readable error.
func QuoteHeader(header []string, sep string) string {
	s := strings.Join(header, sep)
	if len(s) <= maxQuotedHeader {
		return fmt.Sprintf("%q", s)
	}
	cut := maxQuotedHeader
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%q… (%d columns, %d bytes)", s[:cut], len(header), len(s))
}
