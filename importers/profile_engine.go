package importers

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// Name implements Importer.
func (p *Profile) Name() string { return p.name }

// Info implements Importer.
func (p *Profile) Info() Info {
	return Info{Title: p.title, Header: strings.Join(p.header, ","), Confidence: p.confidence}
}

// SourceOptions implements SourceConfigurer.
func (p *Profile) SourceOptions() SourceOptions {
	o := SourceOptions{Delimiter: p.delimiter}
	if p.skip >= 0 {
		o.Skip, o.ExactSkip = p.skip, true
	}
	return o
}

// Detect implements Importer. With detect exact the header must be the
// profile's header (names compared without case, '*' matching any text,
// empty trailing names ignored); with detect columns it must have every
// mapped column and required column, and none of the rejected ones.
func (p *Profile) Detect(header []string) bool {
	h := trimEmptyTail(header)
	for _, r := range p.reject {
		if findColumn(h, r) >= 0 {
			return false
		}
	}
	if p.detect == "exact" {
		if len(h) != len(p.header) {
			return false
		}
		for i := range h {
			if !globMatch(p.header[i], h[i]) {
				return false
			}
		}
		return true
	}
	for _, c := range p.cols {
		if !c.optional && findColumn(h, c.column) < 0 {
			return false
		}
	}
	for _, r := range p.require {
		if findColumn(h, r) < 0 {
			return false
		}
	}
	return true
}

type bound struct {
	p         *Profile
	idx       map[string]int // field -> column index, -1 when optional and absent
	skipIdx   []int
	whenIdx   []int
	feeIdx    []int
	balIdx    int // the balance column, -1 without one
	tmplIdx   map[string][]int
	currency  string // from the header, or a constant
	date      time.Time
	maxIdx    int
	ambiguous bool
}

// bind resolves the profile's columns in src's header, recording missing
// columns as errors on src.
func (p *Profile) bind(src *Source) *bound {
	b := &bound{p: p, idx: map[string]int{}, tmplIdx: map[string][]int{}, maxIdx: -1, balIdx: -1, ambiguous: p.NeedsDayMonth()}
	h := src.Header()
	missing := func(col, what string) {
		src.errs = append(src.errs, &FieldError{File: src.Name, Line: src.HeaderLine(),
			Problem: fmt.Sprintf("no column %q (%s); the header is: %s", col, what, headerText(trimEmptyTail(h)))})
	}
	for _, field := range sortedFields(p.cols) {
		c := p.cols[field]
		i := findColumn(h, c.column)
		if i < 0 && !c.optional {
			missing(c.column, "profile "+p.name+" maps it to "+field)
		}
		b.idx[field] = i
		if !c.optional {
			b.maxIdx = max(b.maxIdx, i)
		}
	}
	for _, field := range sortedFields(p.templates) {
		for _, part := range p.templates[field] {
			if part.column == "" {
				continue
			}
			i := findColumn(h, part.column)
			if i < 0 {
				missing(part.column, "the "+field+" template uses it")
			}
			b.tmplIdx[field] = append(b.tmplIdx[field], i)
			b.maxIdx = max(b.maxIdx, i)
		}
	}
	for _, r := range p.skipRows {
		b.skipIdx = append(b.skipIdx, findColumn(h, r.column))
	}
	for _, w := range p.whens {
		i := findColumn(h, w.cond.column)
		if i < 0 {
			missing(w.cond.column, "a when line tests it")
		}
		b.whenIdx = append(b.whenIdx, i)
	}
	for _, f := range p.fees {
		i := findColumn(h, f.column)
		if i < 0 && !f.optional {
			missing(f.column, "profile "+p.name+" maps it to fee")
		}
		b.feeIdx = append(b.feeIdx, i)
		if !f.optional {
			b.maxIdx = max(b.maxIdx, i)
		}
	}
	if r := p.balance; r != nil {
		b.balIdx = findColumn(h, r.column)
		if b.balIdx < 0 && !r.optional {
			missing(r.column, "profile "+p.name+" checks the running balance in it")
		}
		if !r.optional {
			b.maxIdx = max(b.maxIdx, b.balIdx)
		}
	}
	b.currency = p.consts["currency"]
	if b.currency == "from-header" {
		b.currency = ""
		i, found := b.idx["amount"]
		if !found {
			i = b.idx["credit"] // credit and debit: the credit column's name
		}
		if i >= 0 {
			if cur, ok := headerCurrency(h[i]); ok {
				b.currency = cur
			} else {
				src.errs = append(src.errs, &FieldError{File: src.Name, Line: src.HeaderLine(), Column: i + 1, Field: h[i],
					Problem: "no currency in the column name (want a code or symbol in parentheses, like \"Revenue (USD)\" or \"Revenue($)\")"})
			}
		}
	}
	b.date = p.constDate
	if p.dateFromName {
		d, ok := dateInName(src.Name)
		if !ok {
			src.errs = append(src.errs, &FieldError{File: src.Name, Line: src.HeaderLine(),
				Problem: "the file has no date column and its name has no date: name it after the period it covers, such as \"youtube 2026-09-01_2026-09-30.csv\" or \"youtube 2026-09.csv\" (entries are dated at the period's end), keep it in the folder or zip named after its period, or pass import --period FROM_TO"})
		}
		b.date = d
	}
	return b
}

// skip reports whether a row is to be left out: a skip-row rule matches,
// or every cell is empty.
func (b *bound) skip(rec []string) bool {
	for k, r := range b.p.skipRows {
		i := b.skipIdx[k]
		if i < 0 || i >= len(rec) {
			continue // a row too short for the column is not skipped: its field count is an error
		}
		if r.matches(rec, i) {
			return true
		}
	}
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// matches tests the rule against column i of rec.
func (r skipRule) matches(rec []string, i int) bool {
	cell := ""
	if i >= 0 && i < len(rec) {
		cell = strings.TrimSpace(rec[i])
	}
	switch r.op {
	case "is":
		return strings.EqualFold(cell, r.value)
	case "starts-with":
		return len(cell) >= len(r.value) && strings.EqualFold(cell[:len(r.value)], r.value)
	case "empty":
		return cell == ""
	case "not-empty":
		return cell != ""
	}
	return false
}

// Parse implements Importer.
func (p *Profile) Parse(src *Source, emit func(ledger.Entry) error) error {
	b := p.bind(src)
	if src.Failed() {
		return nil
	}
	var bal *balanceCheck
	if b.balIdx >= 0 {
		bal = newBalanceCheck(src, b.balIdx, p.decimal)
	}
	for src.Next() {
		rec := src.Record()
		if b.skip(rec) {
			continue
		}
		if len(rec) <= b.maxIdx {
			src.LineErrorf("has %d fields, the header has %d", len(rec), len(src.Header()))
			continue
		}
		e, ok := b.row(src, rec)
		fees, fok := b.fees(src, rec, &e)
		if !ok || !fok {
			continue
		}
		if bal != nil && b.balIdx < len(rec) {
			if c := strings.TrimSpace(rec[b.balIdx]); c != "" {
				d, err := parseAmountFast(c, p.decimal)
				if err != nil {
					src.Errorf(b.balIdx, "%q is not an amount (%v)", c, err)
					continue
				}
				if !p.multiplyOne {
					d = d.Mul(p.multiply)
				}
				if p.negate {
					d = d.Neg()
				}
				change := e.Amount
				for _, fe := range fees {
					change = change.Add(fe.Amount)
				}
				bal.add(src.Line(), c, d, change, e.Date, e.Currency, false)
			}
		}
		if err := emit(e); err != nil {
			return err
		}
		for _, fe := range fees {
			if err := emit(fe); err != nil {
				return err
			}
		}
	}
	if bal != nil {
		bal.finish()
	}
	return nil
}

// row turns one record into an entry, recording bad cells on src.
func (b *bound) row(src *Source, rec []string) (ledger.Entry, bool) {
	p := b.p
	ok := true
	fail := func(col int, format string, args ...any) {
		src.Errorf(col, format, args...)
		ok = false
	}
	cell := func(field string) (string, int) {
		i, found := b.idx[field]
		if !found || i < 0 || i >= len(rec) {
			return "", -1
		}
		return strings.TrimSpace(rec[i]), i
	}
	var e ledger.Entry

	// Date.
	if c, i := cell("date"); i >= 0 {
		d, problem := b.parseDate(c)
		if problem != "" {
			fail(i, "%s", problem)
		}
		e.Date = d
	} else {
		e.Date = b.date
	}

	// Amount.
	var amount decimal.Decimal
	if c, i := cell("amount"); i >= 0 {
		d, err := parseAmountFast(c, p.decimal)
		if err != nil {
			fail(i, "%q is not an amount (%v)", c, err)
		}
		amount = d
		if dc, di := cell("direction"); di >= 0 {
			switch v, vok := b.mapValue(src, "direction", dc, di); {
			case !vok:
				ok = false
			case v == "debit":
				amount = amount.Abs().Neg()
			default:
				amount = amount.Abs()
			}
		}
	} else {
		cc, ci := cell("credit")
		dc, di := cell("debit")
		switch {
		case cc == "" && dc == "":
			col := ci
			if col < 0 {
				col = di
			}
			fail(col, "no amount: the credit and debit cells are both empty")
		default:
			if cc != "" {
				d, err := ParseAmount(cc, p.decimal)
				if err != nil {
					fail(ci, "%q is not an amount (%v)", cc, err)
				}
				amount = d.Abs()
			}
			if dc != "" {
				d, err := ParseAmount(dc, p.decimal)
				if err != nil {
					fail(di, "%q is not an amount (%v)", dc, err)
				}
				amount = amount.Sub(d.Abs())
			}
		}
	}
	if !p.multiplyOne {
		amount = amount.Mul(p.multiply)
	}
	if p.negate {
		amount = amount.Neg()
	}
	if ok && !inRange(amount) {
		c, i := cell("amount")
		if i < 0 {
			c, i = cell("credit")
		}
		fail(i, "%q is too large for the ledger", c)
	}
	e.Amount = amount

	// Slugs, kind, status, currency: constants or mapped cells.
	text := func(field string) string {
		if v, ok := p.consts[field]; ok {
			return v
		}
		if parts, ok := p.templates[field]; ok {
			return b.render(field, parts, rec)
		}
		c, i := cell(field)
		if c == "" && p.defaults[field] != "" {
			return p.defaults[field]
		}
		if i >= 0 {
			if len(p.values[field]) > 0 {
				v, vok := b.mapValue(src, field, c, i)
				if !vok {
					ok = false
				}
				return v
			}
			return c
		}
		return ""
	}
	slug := func(field string) string {
		v := text(field)
		if _, isCol := p.cols[field]; isCol && len(p.values[field]) == 0 {
			v = strings.ToLower(v)
			if !validValue(field, v) {
				c, i := cell(field)
				fail(i, "%q is not a valid %s", c, fieldOrName(field))
			}
		}
		return v
	}
	e.Platform = slug("platform")
	e.Program = slug("program")
	e.Kind = ledger.Kind(slug("kind"))
	e.Status = ledger.Status(slug("status"))
	var doneStatus, doneKind, doneProgram bool // the first matching when line wins
	for k, w := range p.whens {
		if !w.cond.matches(rec, b.whenIdx[k]) {
			continue
		}
		switch {
		case w.field == "status" && !doneStatus:
			e.Status, doneStatus = ledger.Status(w.value), true
		case w.field == "kind" && !doneKind:
			e.Kind, doneKind = ledger.Kind(w.value), true
		case w.field == "program" && !doneProgram:
			e.Program, doneProgram = w.value, true
		}
	}
	if p.negKind != "" && e.Amount.IsNegative() {
		e.Kind = p.negKind
	}
	if b.currency != "" {
		e.Currency = b.currency
	} else {
		e.Currency = strings.ToUpper(text("currency"))
		if _, isCol := p.cols["currency"]; isCol && !ledger.ValidCurrency(e.Currency) {
			_, i := cell("currency")
			fail(i, "%q is not an ISO 4217 currency code", e.Currency)
		}
	}

	// Texts and counts.
	e.ExternalID = text("external-id")
	e.Counterparty = text("counterparty")
	e.Description = text("description")
	for k, w := range p.whens {
		if w.field == "description" && w.cond.matches(rec, b.whenIdx[k]) {
			e.Description = w.value
			break
		}
	}
	for _, f := range []struct {
		field string
		to    *ledger.Count
	}{{"views", &e.Views}, {"qualified-views", &e.QualifiedViews}} {
		c, i := cell(f.field)
		if i < 0 || c == "" {
			continue
		}
		if v, err := strconv.ParseInt(c, 10, 64); err == nil && v >= 0 {
			*f.to = ledger.Counted(v)
			continue
		}
		n, err := ParseAmount(c, p.decimal)
		if err != nil || !n.IsInteger() || n.IsNegative() || n.GreaterThan(decimal.NewFromInt(1<<53)) {
			fail(i, "%q is not a view count (want a whole number)", c)
			continue
		}
		*f.to = ledger.Counted(n.IntPart())
	}
	return e, ok
}

// fees returns the fee entries of a row (map fee): one per non-zero fee
// cell, negative, of kind fee, with the entry's date, status and currency.
// With an external id, the fee's is the id followed by "#" and the column.
func (b *bound) fees(src *Source, rec []string, e *ledger.Entry) ([]ledger.Entry, bool) {
	var out []ledger.Entry
	ok := true
	h := src.Header()
	for _, i := range b.feeIdx {
		if i < 0 || i >= len(rec) {
			continue
		}
		c := strings.TrimSpace(rec[i])
		if c == "" {
			continue
		}
		d, err := ParseAmount(c, b.p.decimal)
		if err != nil {
			src.Errorf(i, "%q is not an amount (%v)", c, err)
			ok = false
			continue
		}
		d = d.Abs().Neg()
		if !b.p.multiplyOne {
			d = d.Mul(b.p.multiply)
		}
		if !inRange(d) {
			src.Errorf(i, "%q is too large for the ledger", c)
			ok = false
			continue
		}
		if d.IsZero() {
			continue
		}
		fe := *e
		fe.Kind = ledger.KindFee
		fe.Amount = d
		fe.Views, fe.QualifiedViews = ledger.Count{}, ledger.Count{}
		fe.Description = h[i]
		if fe.ExternalID != "" {
			fe.ExternalID += "#" + ledger.Slugify(h[i])
		}
		out = append(out, fe)
	}
	return out, ok
}
