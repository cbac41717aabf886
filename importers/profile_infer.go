package importers

import (
	"fmt"
	"strings"
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
