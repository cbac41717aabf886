package importers

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// parseAmountFast reads a plain amount ("-12.34") without ParseAmount's
// symbol and separator handling, and defers everything else to ParseAmount
// (including "1.234", which ParseAmount may find ambiguous).
func parseAmountFast(c string, mark DecimalMark) (decimal.Decimal, error) {
	if mark == DecimalComma || len(c) == 0 || len(c) > 20 {
		return ParseAmount(c, mark)
	}
	start := 0
	if c[0] == '-' {
		start = 1
	}
	dot, digits := -1, 0
	for i := start; i < len(c); i++ {
		switch ch := c[i]; {
		case ch >= '0' && ch <= '9':
			digits++
		case ch == '.' && dot < 0:
			dot = i
		default:
			return ParseAmount(c, mark)
		}
	}
	if digits == 0 || dot == len(c)-1 || mark == DecimalAuto && dot >= 0 && len(c)-dot-1 == 3 {
		return ParseAmount(c, mark)
	}
	return decimal.NewFromString(c)
}

// parseDate reads a date cell with the profile's formats and returns a
// problem text, or "".
func (b *bound) parseDate(c string) (time.Time, string) {
	p := b.p
	want := strings.Join(p.datePatterns, " or ")
	if !b.ambiguous {
		d, err := ParseDate(c, p.dateLayouts...)
		if err != nil {
			return d, fmt.Sprintf("%q is not a date (want %s)", c, want)
		}
		return d, ""
	}
	var got time.Time
	found := false
	for _, l := range p.dateLayouts {
		d, err := ParseDate(c, l)
		if err != nil {
			continue
		}
		if found && !d.Equal(got) {
			return got, fmt.Sprintf("%q could be day-first or month-first (%s): infer the order from the whole file or use --date-format", c, strings.Join(p.orderPatterns(), " or "))
		}
		got, found = d, true
	}
	if !found {
		return got, fmt.Sprintf("%q is not a date (want %s)", c, want)
	}
	return got, ""
}

// mapValue translates a cell with the profile's value lines for field.
func (b *bound) mapValue(src *Source, field, c string, col int) (string, bool) {
	rules := b.p.values[field]
	def := ""
	for _, r := range rules {
		if r.from == "*" {
			def = r.to
			continue
		}
		if strings.EqualFold(r.from, c) {
			return r.to, true
		}
	}
	if def != "" {
		return def, true
	}
	froms := make([]string, 0, len(rules))
	for _, r := range rules {
		froms = append(froms, r.from)
	}
	src.Errorf(col, "%q is not a known %s (one of: %s)", c, field, strings.Join(froms, ", "))
	return "", false
}

func (b *bound) render(field string, parts []tmplPart, rec []string) string {
	// An empty placeholder drops the literal text just before it, so
	// "{type}: {message}" with no message gives "Donation", not "Donation:".
	var s strings.Builder
	k, literal := 0, 0 // literal: length of the text part just written
	for _, part := range parts {
		if part.column == "" {
			s.WriteString(part.text)
			literal = len(part.text)
			continue
		}
		i := b.tmplIdx[field][k]
		k++
		v := ""
		if i >= 0 && i < len(rec) {
			v = strings.TrimSpace(rec[i])
		}
		if v == "" && literal > 0 && s.Len() > literal {
			text := s.String()[:s.Len()-literal]
			s.Reset()
			s.WriteString(text)
		}
		s.WriteString(v)
		literal = 0
	}
	return strings.TrimSpace(s.String())
}

// findColumn returns the index of the first header name matching pattern,
// or -1.
func findColumn(header []string, pattern string) int {
	for i, h := range header {
		if globMatch(pattern, h) {
			return i
		}
	}
	return -1
}

// globMatch matches a header name against a pattern in which '*' stands for
// any text, ignoring case and surrounding space.
func globMatch(pattern, name string) bool {
	p := strings.ToLower(strings.TrimSpace(pattern))
	n := strings.ToLower(strings.TrimSpace(name))
	parts := strings.Split(p, "*")
	if len(parts) == 1 {
		return p == n
	}
	if !strings.HasPrefix(n, parts[0]) {
		return false
	}
	n = n[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(n, mid)
		if i < 0 {
			return false
		}
		n = n[i+len(mid):]
	}
	return len(n) >= len(last) && strings.HasSuffix(n, last)
}

// headerCurrency reads the currency from a column name such as
// "Estimated revenue (USD)", "Revenue($)" or "Umsatz (€)".
func headerCurrency(name string) (string, bool) {
	i := strings.LastIndexByte(name, '(')
	j := strings.LastIndexByte(name, ')')
	if i < 0 || j < i {
		return "", false
	}
	in := strings.TrimSpace(name[i+1 : j])
	if up := strings.ToUpper(in); len(in) == 3 && ledger.ValidCurrency(up) {
		return up, true
	}
	switch in {
	case "$", "US$":
		return "USD", true
	case "€":
		return "EUR", true
	case "£":
		return "GBP", true
	case "Rs.", "Rs", "₹":
		return "INR", true
	case "¥", "￥":
		return "JPY", true
	case "C$", "CA$":
		return "CAD", true
	case "A$", "AU$":
		return "AUD", true
	}
	return "", false
}

// dateInName finds the last date in a file name: yyyy-mm-dd, or yyyy-mm
// for the last day of that month.
func dateInName(name string) (time.Time, bool) {
	if d, ok := dateInBase(filepath.Base(name)); ok {
		return d, true
	}
	// "Content 2025-09-01_2025-09-30 My Channel.zip/Table data.csv": the
	// period is in the name of the zip or folder the file came in (only
	// the one it is directly in).
	if dir := filepath.Dir(name); dir != "." {
		return dateInBase(filepath.Base(dir))
	}
	return time.Time{}, false
}

// DateInName reports whether a file name (or the folder or zip it names
// before a '/') carries a date or period that sources dated by their file
// name can read.
func DateInName(name string) bool {
	_, ok := dateInName(name)
	return ok
}

func dateInBase(base string) (time.Time, bool) {
	var found time.Time
	ok := false
	for i := 0; i+7 <= len(base); i++ {
		if i > 0 && isDigit(base[i-1]) {
			continue
		}
		if i+10 <= len(base) && (i+10 == len(base) || !isDigit(base[i+10])) {
			if d, err := time.Parse("2006-01-02", base[i:i+10]); err == nil {
				found, ok = d, true
				i += 9
				continue
			}
		}
		if i+7 == len(base) || !isDigit(base[i+7]) && base[i+7] != '-' {
			if d, err := time.Parse("2006-01", base[i:i+7]); err == nil {
				found, ok = d.AddDate(0, 1, -1), true
				i += 6
			}
		}
	}
	return found, ok
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func sortedFields[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// headerText renders a header for the missing-column error: names joined
// by " | ", cut short when very long.
func headerText(h []string) string {
	s := strings.Join(h, " | ")
	if len(s) <= maxQuotedHeader {
		return s
	}
	return strings.TrimSuffix(strings.TrimPrefix(QuoteHeader(h, " | "), `"`), `"`)
}
