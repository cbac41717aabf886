package importers

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// A profile is a declarative description of one CSV export: how to find and
// recognise its header, and how each row becomes a ledger entry. Built-in
// sources are profiles embedded from importers/profiles/; a user passes one
// for any other CSV with import --profile FILE. The format is documented in
// docs/profiles.md: one directive per line, '#' starts a comment line.
//
//	source      tiktok-live-gifts
//	header      Date,LIVE ID,LIVE title,Diamonds,Estimated rewards (USD)
//	date-format yyyy-mm-dd
//	set  platform tiktok
//	map  date     Date
//	map  amount   Estimated rewards (*)
//	set  currency from-header
type Profile struct {
	name       string // source name, as used with --as
	file       string // where the profile came from, for messages
	title      string
	confidence Confidence
	header     []string // the header as written; may contain '*' wildcards
	detect     string   // "exact" or "columns"
	require    []string
	reject     []string
	delimiter  rune // 0: sniffed
	skip       int  // -1: automatic
	decimal    DecimalMark

	datePatterns []string // as written, for messages
	dateLayouts  []string // Go layouts, same order
	dateOrders   []byte   // 'd' day-first, 'm' month-first numeric, 0 other

	cols        map[string]colRule // field -> column
	consts      map[string]string  // field -> constant value
	templates   map[string][]tmplPart
	values      map[string][]valueRule // field -> value mapping
	defaults    map[string]string      // field -> value when its cell is empty or its optional column absent
	skipRows    []skipRule
	whens       []whenRule
	fees        []colRule // map fee: each non-zero cell is a separate fee entry
	multiply    decimal.Decimal
	multiplyOne bool        // multiply is 1: skip the multiplication
	negKind     ledger.Kind // kind of entries with a negative amount; "" keeps kind
	negate      bool
	balance     *colRule // balance COLUMN: the balance after each row, checked as a running balance

	dateFromName bool      // set date file-name
	constDate    time.Time // set date YYYY-MM-DD
}

type colRule struct {
	column   string // header name, may contain '*'
	optional bool
	line     int
}

type tmplPart struct {
	text   string
	column string // non-empty: a {Column} placeholder
}

type valueRule struct {
	from, to string
}

type skipRule struct {
	column string
	op     string // is, starts-with, empty, not-empty
	value  string
}

// whenRule is "when COLUMN OP [VALUE] set FIELD VALUE".
type whenRule struct {
	cond         skipRule
	field, value string
}

// Fields a profile can fill, and what each may come from.
var profileFields = map[string]struct{ col, set, tmpl bool }{
	"date":            {col: true, set: true},
	"amount":          {col: true},
	"credit":          {col: true},
	"debit":           {col: true},
	"direction":       {col: true},
	"currency":        {col: true, set: true},
	"platform":        {col: true, set: true},
	"program":         {col: true, set: true},
	"kind":            {col: true, set: true},
	"status":          {col: true, set: true},
	"external-id":     {col: true, set: true, tmpl: true},
	"views":           {col: true},
	"qualified-views": {col: true},
	"counterparty":    {col: true, set: true, tmpl: true},
	"description":     {col: true, set: true, tmpl: true},
	"fee":             {col: true},
}

// LoadProfile reads a profile (the file import --profile names) and returns
// the importer it describes. name is used in error messages and, when the
// profile has no source directive, as the source name. Errors are an
// ErrorList positioned at the profile's lines.
func LoadProfile(name string, r io.Reader) (Importer, error) {
	p, err := ParseProfile(name, r)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// ParseProfile parses a profile; see LoadProfile.
func ParseProfile(name string, r io.Reader) (*Profile, error) {
	p := &Profile{
		file:       name,
		confidence: Assumed,
		detect:     "exact",
		skip:       -1,
		decimal:    DecimalAuto,
		cols:       map[string]colRule{},
		consts:     map[string]string{},
		templates:  map[string][]tmplPart{},
		values:     map[string][]valueRule{},
		defaults:   map[string]string{},
		multiply:   decimal.NewFromInt(1),
	}
	var errs ErrorList
	fail := func(line int, format string, args ...any) {
		if len(errs) < MaxErrors {
			errs = append(errs, &FieldError{File: name, Line: line, Problem: fmt.Sprintf(format, args...)})
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 64<<10)
	seen := map[string]int{}
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		directive, rest := cutWord(text)
		directive = strings.ToLower(directive)
		once := func() bool {
			if prev, ok := seen[directive]; ok {
				fail(line, "%s is already set on line %d", directive, prev)
				return false
			}
			seen[directive] = line
			return true
		}
		if rest == "" {
			fail(line, "%s needs a value", directive)
			continue
		}
		switch directive {
		case "source":
			if once() {
				if !ledger.ValidSlug(rest) {
					fail(line, "source %q is not a slug (lower-case letters, digits, '-')", rest)
				}
				p.name = rest
			}
		case "title":
			if once() {
				p.title = rest
			}
		case "confidence":
			if once() {
				switch c := Confidence(strings.ToLower(rest)); c {
				case SeenFile, SeenCode, Docs, Assumed, OwnFormat:
					p.confidence = c
				default:
					fail(line, "confidence %q is not one of seen-file, seen-code, docs, assumed, own-format", rest)
				}
			}
		case "header":
			if once() {
				cr := csv.NewReader(strings.NewReader(rest))
				cr.TrimLeadingSpace = true
				cr.LazyQuotes = true
				rec, err := cr.Read()
				if err != nil || len(rec) == 0 {
					fail(line, "header %q is not a comma-separated list of column names", rest)
					break
				}
				for i := range rec {
					rec[i] = strings.TrimSpace(rec[i])
				}
				p.header = trimEmptyTail(rec)
				if len(p.header) == 0 {
					fail(line, "header %q has no column names", rest)
				}
			}
		case "detect":
			if once() {
				switch v := strings.ToLower(rest); v {
				case "exact", "columns":
					p.detect = v
				default:
					fail(line, "detect %q is not exact or columns", rest)
				}
			}
		case "require":
			p.require = append(p.require, rest)
		case "reject":
			p.reject = append(p.reject, rest)
		case "delimiter":
			if once() {
				switch strings.ToLower(rest) {
				case ",", "comma":
					p.delimiter = ','
				case ";", "semicolon":
					p.delimiter = ';'
				case "tab", `\t`:
					p.delimiter = '\t'
				case "|", "pipe":
					p.delimiter = '|'
				default:
					fail(line, "delimiter %q is not one of , ; tab |", rest)
				}
			}
		case "skip":
			if once() {
				n, err := strconv.Atoi(rest)
				if err != nil || n < 0 || n > 1000 {
					fail(line, "skip %q is not a number of lines (0 to 1000)", rest)
				}
				p.skip = n
			}
		case "decimal":
			if once() {
				switch strings.ToLower(rest) {
				case ".", "dot":
					p.decimal = DecimalDot
				case ",", "comma":
					p.decimal = DecimalComma
				case "auto":
					p.decimal = DecimalAuto
				default:
					fail(line, "decimal %q is not . or , or auto", rest)
				}
			}
		case "date-format":
			if once() {
				for _, pat := range strings.Split(rest, "|") {
					pat = strings.TrimSpace(pat)
					layout, err := DateLayout(pat)
					if err != nil {
						fail(line, "%v", err)
						continue
					}
					p.datePatterns = append(p.datePatterns, pat)
					p.dateLayouts = append(p.dateLayouts, layout)
					p.dateOrders = append(p.dateOrders, dayMonthOrderOf(pat))
				}
			}
		case "map", "map-optional":
			field, column := cutWord(rest)
			field = strings.ToLower(field)
			spec, ok := profileFields[field]
			switch {
			case !ok:
				fail(line, "%q is not a field (%s)", field, fieldNames())
			case !spec.col:
				fail(line, "%s cannot come from a column", field)
			case column == "":
				fail(line, "map %s needs a column name", field)
			case field == "fee":
				p.fees = append(p.fees, colRule{column: column, optional: directive == "map-optional", line: line})
			case p.defined(field):
				fail(line, "%s is already defined", field)
			default:
				p.cols[field] = colRule{column: column, optional: directive == "map-optional", line: line}
			}
		case "set":
			field, value := cutWord(rest)
			field = strings.ToLower(field)
			spec, ok := profileFields[field]
			switch {
			case !ok:
				fail(line, "%q is not a field (%s)", field, fieldNames())
			case !spec.set:
				fail(line, "%s cannot be set to a constant", field)
			case value == "":
				fail(line, "set %s needs a value", field)
			case p.defined(field):
				fail(line, "%s is already defined", field)
			default:
				if problem := p.setConst(field, value); problem != "" {
					fail(line, "%s", problem)
				}
			}
		case "template":
			field, text := cutWord(rest)
			field = strings.ToLower(field)
			spec, ok := profileFields[field]
			switch {
			case !ok:
				fail(line, "%q is not a field (%s)", field, fieldNames())
			case !spec.tmpl:
				fail(line, "%s cannot be a template (only external-id, counterparty, description)", field)
			case text == "":
				fail(line, "template %s needs a text", field)
			case p.defined(field):
				fail(line, "%s is already defined", field)
			default:
				parts, err := parseTemplate(text)
				if err != nil {
					fail(line, "template %s: %v", field, err)
					break
				}
				p.templates[field] = parts
			}
		case "default":
			field, value := cutWord(rest)
			field = strings.ToLower(field)
			switch {
			case !profileFields[field].tmpl && field != "status" && field != "kind" && field != "program":
				fail(line, "default works for external-id, counterparty, description, status, kind and program, not %q", field)
			case value == "":
				fail(line, "default %s needs a value", field)
			case !validValue(field, value):
				fail(line, "%q is not a valid %s", value, fieldOrName(field))
			default:
				p.defaults[field] = value
			}
		case "value":
			field, mapping := cutWord(rest)
			field = strings.ToLower(field)
			from, to, ok := strings.Cut(mapping, "=")
			from, to = strings.TrimSpace(from), strings.TrimSpace(to)
			switch {
			case !ok || from == "" || to == "":
				fail(line, "value needs FIELD FROM = TO, as in: value status Settled = approved")
			case !validValue(field, to):
				fail(line, "%q is not a valid %s", to, fieldOrName(field))
			default:
				p.values[field] = append(p.values[field], valueRule{from: from, to: to})
			}
		case "when":
			i := strings.LastIndex(rest, " set ")
			if i < 0 {
				fail(line, "when needs COLUMN is VALUE set FIELD VALUE, as in: when Voided is 1 set status reversed")
				break
			}
			cond, problem := parseSkipRule(rest[:i])
			if problem != "" {
				fail(line, "when: %s", strings.TrimPrefix(problem, "skip-row needs "))
				break
			}
			field, value := cutWord(rest[i+5:])
			field = strings.ToLower(field)
			if field == "status" || field == "kind" || field == "program" {
				value = strings.ToLower(value)
			}
			switch {
			case field != "status" && field != "kind" && field != "program" && field != "description":
				fail(line, "when can set status, kind, program or description, not %q", field)
			case !validValue(field, value) || value == "":
				fail(line, "%q is not a valid %s", value, fieldOrName(field))
			default:
				p.whens = append(p.whens, whenRule{cond: cond, field: field, value: value})
			}
		case "skip-row":
			r, problem := parseSkipRule(rest)
			if problem != "" {
				fail(line, "%s", problem)
				break
			}
			p.skipRows = append(p.skipRows, r)
		case "balance", "balance-optional":
			if prev, ok := seen["balance"]; ok {
				fail(line, "balance is already set on line %d", prev)
				break
			}
			seen["balance"] = line
			p.balance = &colRule{column: rest, optional: directive == "balance-optional", line: line}
		case "multiply":
			if once() {
				d, err := decimal.NewFromString(rest)
				if err != nil || d.IsZero() {
					fail(line, "multiply %q is not a non-zero decimal number like 0.005", rest)
					break
				}
				p.multiply = d
			}
		case "negate":
			if once() {
				switch strings.ToLower(rest) {
				case "yes", "true":
					p.negate = true
				case "no", "false":
				default:
					fail(line, "negate %q is not yes or no", rest)
				}
			}
		case "negative-kind":
			if once() {
				k := ledger.Kind(strings.ToLower(rest))
				if !k.Valid() {
					fail(line, "negative-kind %q is not a kind (%s)", rest, joinKinds())
				}
				p.negKind = k
			}
		default:
			fail(line, "unknown directive %q (see docs/profiles.md)", directive)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			fail(line+1, "line too long")
		} else {
			return nil, fmt.Errorf("read profile %s: %w", name, err)
		}
	}
	p.check(fail)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return p, nil
}
