package importers

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// DateFormatter is implemented by importers whose date format can be
// overridden for one import (import --date-format PATTERN).
type DateFormatter interface {
	// WithDateFormat returns a copy that reads dates with pattern only
	// (see DateLayout for the pattern letters).
	WithDateFormat(pattern string) (Importer, error)
}

// DayMonthInferrer is implemented by importers whose dates may be written
// day-first or month-first (a profile whose date-format lists both
// dd/mm/yyyy and mm/dd/yyyy). Parse alone refuses a date that reads both
// ways; InferDayMonth reads the whole file once to decide.
type DayMonthInferrer interface {
	// NeedsDayMonth reports whether the order is still open.
	NeedsDayMonth() bool
	// InferDayMonth reads the date cells of src (a fresh Source over the
	// same file) and returns a copy of the importer with the order fixed.
	// It fails with ErrDateOrder when the dates fit both orders or
	// contradict each other.
	InferDayMonth(src *Source) (Importer, error)
}

// FileInferrer is implemented by importers that settle how a file is
// written from one first pass over all of it: the order of day and month
// (as DayMonthInferrer does) and the decimal mark, in the same read.
type FileInferrer interface {
	// MayInfer reports whether a first pass may be needed. Infer may
	// still find from the file's start (its delimiter) that it is not.
	MayInfer() bool
	// Infer reads src (a fresh Source over the same file) and returns a
	// copy of the importer with what the file shows fixed. It fails with
	// ErrDateOrder when the dates cannot be read, and with a positioned
	// ErrorList when the amounts use both decimal marks.
	Infer(src *Source) (Importer, error)
}

// Prepare readies imp for one file: dateFormat (the --date-format flag, ""
// for none) replaces the source's date formats; what is still open (the
// order of day and month, the decimal mark) is inferred from the whole
// file, read once through a fresh Source that reopen returns. Importers
// with nothing open are returned unchanged and reopen is not called;
// reopen is called at most once.
func Prepare(imp Importer, dateFormat string, reopen func() (*Source, error)) (Importer, error) {
	if dateFormat != "" {
		df, ok := imp.(DateFormatter)
		if !ok {
			return nil, fmt.Errorf("source %s does not take a date format", imp.Name())
		}
		var err error
		if imp, err = df.WithDateFormat(dateFormat); err != nil {
			return nil, err
		}
	}
	if fi, ok := imp.(FileInferrer); ok {
		if !fi.MayInfer() {
			return imp, nil
		}
		src, err := reopen()
		if err != nil {
			return nil, err
		}
		return fi.Infer(src)
	}
	inf, ok := imp.(DayMonthInferrer)
	if !ok || !inf.NeedsDayMonth() {
		return imp, nil
	}
	src, err := reopen()
	if err != nil {
		return nil, err
	}
	return inf.InferDayMonth(src)
}

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

// WithDateFormat implements DateFormatter.
func (p *Profile) WithDateFormat(pattern string) (Importer, error) {
	layout, err := DateLayout(pattern)
	if err != nil {
		return nil, err
	}
	q := *p
	q.datePatterns = []string{pattern}
	q.dateLayouts = []string{layout}
	q.dateOrders = []byte{dayMonthOrderOf(pattern)}
	return &q, nil
}

// NeedsDayMonth implements DayMonthInferrer.
func (p *Profile) NeedsDayMonth() bool {
	var d, m bool
	for _, o := range p.dateOrders {
		d = d || o == 'd'
		m = m || o == 'm'
	}
	return d && m
}

// InferDayMonth implements DayMonthInferrer.
func (p *Profile) InferDayMonth(src *Source) (Importer, error) {
	return p.infer(src, p.NeedsDayMonth(), false)
}

// MayInfer implements FileInferrer: the order of day and month is open,
// or the decimal mark is auto, or it is '.' and the delimiter is sniffed
// (a file re-saved by a spreadsheet in a comma locale is ';'-separated).
func (p *Profile) MayInfer() bool {
	return p.NeedsDayMonth() || p.decimal == DecimalAuto || p.decimal == DecimalDot && p.delimiter == 0
}

// Infer implements FileInferrer.
func (p *Profile) Infer(src *Source) (Importer, error) {
	needMark := p.decimal == DecimalAuto || p.decimal == DecimalDot && p.delimiter == 0 && src.Delimiter == ';'
	return p.infer(src, p.NeedsDayMonth(), needMark)
}

// infer reads the file once for what is open: the order of day and month
// (order) and the decimal mark (mark). The mark is decided by the money
// columns (amount, credit, debit, fee) of the rows the profile reads:
// every cell with both marks, with a mark twice or with a mark not
// followed by exactly three digits must say the same. Without such a cell,
// a ';'-separated file whose cells hold a comma before three digits
// (412,887) is read with a comma: a spreadsheet in a comma locale writes
// 1234 as 1234, never 1,234. Otherwise the profile's mark stays (and auto
// refuses 1,234 cell by cell).
func (p *Profile) infer(src *Source, order, mark bool) (Importer, error) {
	if !order && !mark {
		return p, nil
	}
	b := p.bind(src)
	if src.Failed() {
		return nil, src.Err()
	}
	dateCol := -1
	if i, ok := b.idx["date"]; ok && order {
		dateCol = i
	}
	var money []int
	if mark {
		for _, f := range []string{"amount", "credit", "debit"} {
			if i, ok := b.idx[f]; ok && i >= 0 {
				money = append(money, i)
			}
		}
		for _, i := range b.feeIdx {
			if i >= 0 {
				money = append(money, i)
			}
		}
		if b.balIdx >= 0 {
			money = append(money, b.balIdx)
		}
	}
	var ev DayMonthEvidence
	ambiguous := 0
	var marks markEvidence
	for src.Next() {
		rec := src.Record()
		if b.skip(rec) {
			continue
		}
		if dateCol >= 0 && dateCol < len(rec) {
			cell := rec[dateCol]
			before := ev.Order()
			ev.Add(cell)
			if a, c, ok := firstTwoNumbers(stripTime(strings.TrimSpace(cell))); ok && a <= 12 && c <= 12 && a != c {
				ambiguous++
			}
			if ev.Order() == OrderConflict {
				first := "day-first"
				if before == OrderMonthFirst {
					first = "month-first"
				}
				return nil, fmt.Errorf("%w: %w", ErrDateOrder, &FieldError{File: src.Name, Line: src.Line(), Column: dateCol + 1, Field: src.Header()[dateCol],
					Problem: fmt.Sprintf("%q contradicts the %s dates above it (use --date-format)", cell, first)})
			}
		}
		for _, i := range money {
			if i < len(rec) {
				if fe := marks.add(src, i, rec[i]); fe != nil {
					return nil, ErrorList{fe}
				}
			}
		}
	}
	if err := src.Err(); err != nil {
		return nil, err
	}
	q := *p
	if mark {
		switch {
		case marks.mark != 0:
			q.decimal = marks.mark
		case marks.ambiguousComma && src.Delimiter == ';' && p.decimal == DecimalDot:
			q.decimal = DecimalComma
		}
	}
	if !order {
		return &q, nil
	}
	keep := byte(0)
	switch ev.Order() {
	case OrderDayFirst:
		keep = 'd'
	case OrderMonthFirst:
		keep = 'm'
	default:
		if ambiguous == 0 {
			return &q, nil
		}
		col := src.Header()[dateCol]
		return nil, fmt.Errorf("%w: %s: every date in column %q fits both %s (use --date-format)",
			ErrDateOrder, src.Name, col, strings.Join(p.orderPatterns(), " and "))
	}
	q.datePatterns, q.dateLayouts, q.dateOrders = nil, nil, nil
	for i, o := range p.dateOrders {
		if o == 0 || o == keep {
			q.datePatterns = append(q.datePatterns, p.datePatterns[i])
			q.dateLayouts = append(q.dateLayouts, p.dateLayouts[i])
			q.dateOrders = append(q.dateOrders, o)
		}
	}
	return &q, nil
}

// markEvidence gathers what the money cells of a file say about the
// decimal mark.
type markEvidence struct {
	mark           DecimalMark // 0 until a cell decides
	line, col      int         // where the deciding cell is
	cell           string
	ambiguousComma bool // a cell such as 412,887 was seen
}

// add looks at one cell in column col of src's current row; it returns an
// error when the cell contradicts the mark decided above it.
func (e *markEvidence) add(src *Source, col int, cell string) *FieldError {
	cell = strings.TrimSpace(cell)
	m, ambiguous := cellMark(cell)
	switch {
	case m == 0:
	case ambiguous:
		e.ambiguousComma = e.ambiguousComma || m == DecimalComma
	case e.mark == 0:
		e.mark, e.line, e.col, e.cell = m, src.Line(), col, cell
	case m != e.mark:
		where := fmt.Sprintf("line %d", e.line)
		if e.col != col {
			where = fmt.Sprintf("line %d, column %d", e.line, e.col+1)
		}
		return &FieldError{File: src.Name, Line: src.Line(), Column: col + 1, Field: src.Header()[col],
			Problem: fmt.Sprintf("%q has a decimal %s, but %q (%s) has a decimal %s: one file uses one decimal mark; correct the cell that differs",
				cell, markName(m), e.cell, where, markName(e.mark))}
	}
	return nil
}

// markName names a decimal mark for messages.
func markName(m DecimalMark) string {
	if m == DecimalComma {
		return "comma"
	}
	return "point"
}

// orderPatterns lists the day-first and month-first patterns.
func (p *Profile) orderPatterns() []string {
	var out []string
	for i, o := range p.dateOrders {
		if o != 0 {
			out = append(out, p.datePatterns[i])
		}
	}
	return out
}

// bound is a profile resolved against one file's header.
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
