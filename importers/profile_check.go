package importers

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// check verifies that the directives together describe entries.
func (p *Profile) check(fail func(int, string, ...any)) {
	p.multiplyOne = p.multiply.Equal(decimal.NewFromInt(1))
	if p.name == "" {
		base := strings.TrimSuffix(filepath.Base(p.file), filepath.Ext(p.file))
		p.name = ledger.Slugify(base)
		if p.name == "" {
			p.name = "profile"
		}
	}
	if p.title == "" {
		p.title = "profile " + p.name
	}
	if len(p.header) == 0 {
		fail(0, "no header: add a header line listing the file's column names")
	}
	_, hasAmount := p.cols["amount"]
	_, hasCredit := p.cols["credit"]
	_, hasDebit := p.cols["debit"]
	switch {
	case hasAmount && (hasCredit || hasDebit):
		fail(p.cols["amount"].line, "map amount, or map credit and debit, not both")
	case !hasAmount && !hasCredit && !hasDebit:
		fail(0, "no amount: add map amount COLUMN (or map credit and map debit)")
	}
	if _, ok := p.cols["direction"]; ok && !hasAmount {
		fail(p.cols["direction"].line, "map direction needs map amount (an unsigned amount the direction signs)")
	}
	if _, ok := p.cols["direction"]; ok && len(p.values["direction"]) == 0 {
		fail(p.cols["direction"].line, "map direction needs value lines: value direction Bij = credit, value direction Af = debit")
	}
	if !p.defined("date") {
		fail(0, "no date: add map date COLUMN (or set date file-name)")
	}
	if p.defined("date") && p.cols["date"].column != "" && len(p.dateLayouts) == 0 {
		fail(p.cols["date"].line, "map date needs a date-format line, such as date-format yyyy-mm-dd")
	}
	for _, f := range []string{"platform", "program", "currency"} {
		if !p.defined(f) {
			fail(0, "no %s: add set %s VALUE or map %s COLUMN", f, f, f)
		}
	}
	if !p.defined("kind") {
		p.consts["kind"] = string(ledger.KindEarning)
	}
	if !p.defined("status") {
		p.consts["status"] = string(ledger.StatusApproved)
	}
	for field := range p.defaults {
		if _, ok := p.cols[field]; !ok {
			fail(0, "default for %s, but %s does not come from a column (map %s COLUMN)", field, field, field)
		}
	}
	for field := range p.values {
		if _, ok := p.cols[field]; !ok {
			fail(0, "value lines for %s, but %s does not come from a column (map %s COLUMN)", field, field, field)
		}
	}
	if p.consts["currency"] == "from-header" {
		if !hasAmount && !hasCredit {
			fail(0, "set currency from-header needs map amount (or map credit): the currency is read from that column's name")
		}
	}
}

// defined reports whether field already has a column, constant or template.
func (p *Profile) defined(field string) bool {
	_, c := p.cols[field]
	_, s := p.consts[field]
	_, t := p.templates[field]
	if field == "date" && (p.dateFromName || !p.constDate.IsZero()) {
		return true
	}
	return c || s || t
}

// setConst records set FIELD VALUE and returns a problem, or "".
func (p *Profile) setConst(field, value string) string {
	switch field {
	case "date":
		if strings.EqualFold(value, "file-name") {
			p.dateFromName = true
			return ""
		}
		d, err := time.Parse(ledger.DateLayout, value)
		if err != nil {
			return fmt.Sprintf("set date %q is neither file-name nor a date YYYY-MM-DD", value)
		}
		p.constDate = d
		return ""
	case "currency":
		if value == "from-header" {
			break
		}
		value = strings.ToUpper(value)
		if !ledger.ValidCurrency(value) {
			return fmt.Sprintf("%q is not an ISO 4217 currency code (or from-header)", value)
		}
	case "platform", "program", "kind", "status":
		value = strings.ToLower(value)
		if !validValue(field, value) {
			return fmt.Sprintf("%q is not a valid %s", value, fieldOrName(field))
		}
	}
	p.consts[field] = value
	return ""
}

func fieldOrName(field string) string {
	switch field {
	case "platform", "program":
		return field + " slug (lower-case letters, digits, '-')"
	case "kind":
		return "kind (" + joinKinds() + ")"
	case "status":
		return "status (" + joinStatuses() + ")"
	case "direction":
		return "direction (credit, debit)"
	case "currency":
		return "ISO 4217 currency code"
	}
	return field
}

// validValue checks the target of a value line or a constant.
func validValue(field, v string) bool {
	switch field {
	case "platform", "program":
		return ledger.ValidSlug(v)
	case "kind":
		return ledger.Kind(v).Valid()
	case "status":
		return ledger.Status(v).Valid()
	case "direction":
		return v == "credit" || v == "debit"
	case "currency":
		return ledger.ValidCurrency(v)
	case "external-id", "counterparty", "description":
		return true
	}
	return false
}

func parseSkipRule(rest string) (skipRule, string) {
	const usage = "skip-row needs COLUMN is VALUE, COLUMN starts-with VALUE, COLUMN empty or COLUMN not-empty"
	// The column name may contain spaces: find the operator word.
	words := strings.Fields(rest)
	for i := 1; i < len(words); i++ {
		op := strings.ToLower(words[i])
		if op != "is" && op != "starts-with" && op != "empty" && op != "not-empty" {
			continue
		}
		col := strings.Join(words[:i], " ")
		val := strings.Join(words[i+1:], " ")
		switch {
		case (op == "empty" || op == "not-empty") && val == "":
			return skipRule{column: col, op: op}, ""
		case op != "empty" && op != "not-empty" && val != "":
			return skipRule{column: col, op: op, value: val}, ""
		}
	}
	return skipRule{}, usage
}

func parseTemplate(text string) ([]tmplPart, error) {
	var parts []tmplPart
	for text != "" {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			if strings.Contains(text, "}") {
				return nil, errors.New("'}' without '{'")
			}
			parts = append(parts, tmplPart{text: text})
			break
		}
		if strings.Contains(text[:i], "}") {
			return nil, errors.New("'}' without '{'")
		}
		if i > 0 {
			parts = append(parts, tmplPart{text: text[:i]})
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			return nil, errors.New("'{' without '}'")
		}
		col := strings.TrimSpace(text[i+1 : i+j])
		if col == "" || strings.Contains(col, "{") {
			return nil, errors.New("empty or nested {} placeholder")
		}
		parts = append(parts, tmplPart{column: col})
		text = text[i+j+1:]
	}
	return parts, nil
}

// dayMonthOrderOf says whether a numeric pattern with the year last puts the
// day ('d') or the month ('m') first; 0 for any other pattern.
func dayMonthOrderOf(pattern string) byte {
	p := strings.ToLower(pattern)
	if strings.Contains(p, "mmm") {
		return 0
	}
	y, m, d := strings.IndexByte(p, 'y'), strings.IndexByte(p, 'm'), strings.IndexByte(p, 'd')
	if y < m || y < d {
		return 0
	}
	if d < m {
		return 'd'
	}
	return 'm'
}

func cutWord(s string) (string, string) {
	s = strings.TrimSpace(s)
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i+1:])
}

func trimEmptyTail(rec []string) []string {
	n := len(rec)
	for n > 0 && strings.TrimSpace(rec[n-1]) == "" {
		n--
	}
	return rec[:n]
}

func fieldNames() string {
	return "date, amount, credit, debit, direction, fee, currency, platform, program, kind, status, external-id, views, qualified-views, counterparty, description"
}
