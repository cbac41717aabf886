package importers

import (
	"fmt"
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
)

// Header-less bank files (ABN AMRO's .TAB, ASN's CSV) have no header line:
// what Source reads as the header is the first movement. Their importers
// recognise the first row by its shape (Detect), read it as a row, then
// the rest, and name columns themselves in errors, since the "header"
// names are the first row's cells.

// headerlessRows calls row for every row of src, the first line (which
// Source took for the header) included, and emits the entries it returns.
// width is the number of fields a row must have; a row with another
// number is an error. row records bad cells with rowErr and returns
// ok false for a row that gives no entry.
func headerlessRows(src *Source, width int, row func(rec []string) (ledger.Entry, bool), emit func(ledger.Entry) error) error {
	first := true
	for {
		var rec []string
		if first {
			rec, first = src.Header(), false
		} else if src.Next() {
			rec = src.Record()
		} else {
			return nil
		}
		if len(rec) != width {
			src.LineErrorf("has %d fields, want %d (this file has no header line; every row has the same %d columns)", len(rec), width, width)
			continue
		}
		e, ok := row(rec)
		if !ok {
			continue
		}
		if err := emit(e); err != nil {
			return err
		}
	}
}

// rowErr records a problem with column col (0-based) of src's current row,
// naming the column (a header-less file's Errorf would name it after the
// first row's cell).
func rowErr(src *Source, col int, name, format string, args ...any) {
	src.errs = append(src.errs, &FieldError{File: src.Name, Line: src.Line(), Column: col + 1, Field: name, Problem: fmt.Sprintf(format, args...)})
}

// isDigits reports whether s is n ASCII digits.
func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// isCurrencyCode reports whether s looks like an ISO 4217 code (three
// upper-case letters).
func isCurrencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// squeezeSpaces folds runs of white space to one space and trims.
func squeezeSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// accountProgram is the program of a bank movement: the account it is on,
// in lower case (an IBAN or account number), so that two accounts'
// statements never take each other's rows for their own; current-account
// when the cell is no slug.
func accountProgram(account string) string {
	p := strings.ToLower(strings.TrimSpace(account))
	if !ledger.ValidSlug(p) {
		return "current-account"
	}
	return p
}
