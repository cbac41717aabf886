package importers

import (
	"errors"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// Reasons a cell is not an amount or a count; they end up quoted in a
// FieldError after the offending value.
var (
	errEmptyAmount = errors.New("empty")
	errCommaAmount = errors.New("use '.' as the decimal mark and no thousands separator")
	errBadAmount   = errors.New("want digits with an optional sign and '.' decimals")
	errLongAmount  = errors.New("too many digits")
	errBadCount    = errors.New("want a whole number")
)

// formulaStart reports whether a spreadsheet would treat a cell that starts
// with c as a formula.
func formulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// NeutraliseCell defuses text that a spreadsheet would run as a formula
// (starting with = + - @, tab or CR) by putting a ' in front of it. Text
// that already starts with quotes before such a character gets one more,
// so RestoreCell can always undo it exactly.
func NeutraliseCell(s string) string {
	rest := strings.TrimLeft(s, "'")
	if rest != "" && formulaStart(rest[0]) {
		return "'" + s
	}
	return s
}

// RestoreCell undoes NeutraliseCell.
func RestoreCell(s string) string {
	rest := strings.TrimLeft(s, "'")
	if len(rest) < len(s) && rest != "" && formulaStart(rest[0]) {
		return s[1:]
	}
	return s
}

// inRange reports whether an amount, once rounded to the ledger's six
// decimals, fits its integer micro-units.
func inRange(d decimal.Decimal) bool {
	r, _ := ledger.RoundMicro(d)
	_, err := ledger.ToMicro(r)
	return err == nil
}
