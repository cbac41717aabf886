package importers

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// MaxErrors is how many row errors one file collects before parsing stops.
const MaxErrors = 20

// Sentinel errors callers branch on.
var (
	// ErrUnknownFormat means no importer recognised the file's header.
	ErrUnknownFormat = errors.New("unknown format")
	// ErrAmbiguousFormat means more than one importer recognised the header.
	ErrAmbiguousFormat = errors.New("ambiguous format")
	// ErrNoSuchSource means a source name (--as) is not a built-in source.
	ErrNoSuchSource = errors.New("no such source")
	// ErrEmptyFile means the file has no header line.
	ErrEmptyFile = errors.New("empty file")
	// ErrDateOrder means a file's dates could be day-first or month-first
	// and the file does not tell which: the user must pass --date-format.
	ErrDateOrder = errors.New("cannot tell day-first from month-first dates")
	// ErrWrongReport means a file is a known report that holds no entries
	// for the ledger, such as Amazon Associates' Fee-Orders; the error is a
	// *WrongReportError that names the report to import instead.
	ErrWrongReport = errors.New("wrong report")
)

// FieldError is a problem with one cell (or one line) of an input file,
// positioned like a compiler error: file:line:column: field: problem.
// Column is the 1-based number of the field in its row, which is what a
// person sees in a spreadsheet; 0 means the whole line.
type FieldError struct {
	File    string
	Line    int
	Column  int
	Field   string // header name of the column, if known
	Problem string // says what is wrong, quoting the offending value
}

func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Line > 0 && e.Column > 0 {
		fmt.Fprintf(&b, ":%d", e.Column)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Problem)
	return b.String()
}

// ErrorList is the row errors of one file, sorted by position.
type ErrorList []*FieldError

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Sort orders the errors by line, then column.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Line != l[j].Line {
			return l[i].Line < l[j].Line
		}
		return l[i].Column < l[j].Column
	})
}

// Truncated reports whether parsing stopped because the list was full.
func (l ErrorList) Truncated() bool { return len(l) >= MaxErrors }

// WrongReportError is a file a source recognises but that is the wrong
// report to import: it holds nothing the ledger records, and another report
// of the same source does (Amazon Associates' Fee-Orders instead of
// Fee-Earnings). It says where (the header line) and why, and Instead names
// the report to import, for a hint.
type WrongReportError struct {
	FieldError
	Instead string // e.g. "Amazon Associates' Fee-Earnings report from 2026-09-01 to 2026-09-30"
}

func (e *WrongReportError) Error() string { return e.FieldError.Error() }

// Unwrap makes errors.Is(err, ErrWrongReport) true.
func (e *WrongReportError) Unwrap() error { return ErrWrongReport }

// entryError is the row error for entry e, which failed Validate with err.
// When its date is what is wrong (out of the range the ledger keeps), the
// error names the column the date came from: the cell of the row that
// holds its year, one whose name says it is a date first. Only a row that
// fails pays for the search.
func (s *Source) entryError(e ledger.Entry, err error) *FieldError {
	fe := &FieldError{File: s.Name, Line: e.Line, Problem: err.Error()}
	if e.Line != s.line || e.Date.IsZero() {
		return fe
	}
	probe := e
	probe.Date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if perr := probe.Validate(); perr != nil && perr.Error() == err.Error() {
		return fe // not the date
	}
	year := fmt.Sprintf("%04d", e.Date.Year())
	col := -1
	for i, cell := range s.record {
		if !strings.Contains(cell, year) {
			continue
		}
		if col < 0 {
			col = i
		}
		if i < len(s.header) && isDateName(s.header[i]) {
			col = i
			break
		}
	}
	if col >= 0 {
		fe.Column = col + 1
		if col < len(s.header) {
			fe.Field = s.header[col]
		}
	}
	return fe
}

// isDateName reports whether a column's name says it holds a date.
func isDateName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"date", "datum", "fecha", "day", "time", "period"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}
