package importers

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// A statement that carries the balance after each movement proves its own
// completeness: the balance after a row is the balance after the row
// before it plus this row's change. balanceCheck follows that running
// balance as a file is read, one run per currency, and records a break (a
// row missing or doubled) as a positioned error on the source.
//
// The order the balances must follow is the file's own:
//
//   - Rows are grouped by date, as the file lists them: consecutive rows
//     with the same date make one day. The file's direction is the way its
//     dates run, fixed at the first change of date (oldest first or newest
//     first); from one day to the next the balances must chain in that
//     direction: the next day's first movement starts from the previous
//     day's closing balance.
//   - Within one day the rows may be listed in either order, because
//     statements sort by date, not by the moment of booking: a day's rows
//     must chain as listed or chain in reverse, all of them one way or the
//     other (a day whose rows are shuffled in any other order is refused).
//   - Rows without a balance (a pending or reverted Revolut row) did not
//     move it and are passed over. A pending row with a balance (PayPal)
//     may or may not have moved it: when it shows the balance of the row
//     before it, it did not.
//
// Anything else is a break: the error names the row after the gap, the
// balance it shows, and the figures the balance before it and the rows'
// amounts give. Memory and work are constant per row.
type balanceCheck struct {
	src     *Source
	col     int    // the balance column, 0-based
	field   string // its name, for a file without a header line; "" to take it from the header
	before  bool   // the column holds the balance before each row (ASN), not after
	mark    DecimalMark
	runs    []balanceRun // one per currency (or account); a file mixes few
	lastCur string
	last    *balanceRun
	errs    int // the source's errors after the last row taken
}

// balanceRun is the running balance of one currency.
type balanceRun struct {
	currency string
	dir      int // +1 oldest first, -1 newest first, 0 not known yet
	// The day being read.
	date        time.Time
	n           int
	first, last balanceRow
	upErr       *FieldError // first break if the day's rows are oldest first; nil while they chain
	downErr     *FieldError // first break if they are newest first
	// The day before it in the file: the (opening, closing) balances it may
	// have, one per order its rows chain in.
	prev  []balanceEnds
	ended bool // prev holds a day
	// The statement's ends so far: its earliest day's opening balance and
	// its latest day's closing one.
	span StatementEnds
}

// StatementEnds is what a statement says its balance was, in one
// currency, before its earliest movement and after its latest.
type StatementEnds struct {
	Currency         string
	First, Last      time.Time
	Opening, Closing decimal.Decimal
}

// balanceRow is one row with a balance.
type balanceRow struct {
	pre, post, amount decimal.Decimal // balance before and after, and the change
	line              int
	cell              string
}

// balanceEnds is a day's opening and closing balance, and the rows they
// come from (the chronologically first and last).
type balanceEnds struct {
	open, close    decimal.Decimal
	opener, closer balanceRow
}

func newBalanceCheck(src *Source, col int, mark DecimalMark) *balanceCheck {
	src.balanced = true
	return &balanceCheck{src: src, col: col, mark: mark}
}

// ChecksBalances reports whether the file's importer follows a balance
// column (set before its first row is emitted): only then does Statement
// have anything to say.
func (s *Source) ChecksBalances() bool { return s.balanced }

// add takes a row with a balance: its line, its balance cell as written
// and as read (bal: the balance after the row, or before it when the
// check says before), its change to the balance (fees included), its date
// and currency. A pending row (held) may not have moved the balance yet:
// when its balance is that of the row before it in the file (in its
// currency), its change is taken as nothing.
func (c *balanceCheck) add(line int, cell string, bal, change decimal.Decimal, date time.Time, currency string, held bool) {
	if n := len(c.src.errs); n != c.errs {
		// A row above could not be read (or was refused): its error
		// says enough, and the chain restarts here.
		c.lose()
		c.errs = n
	}
	r := c.run(currency)
	if held && r.n > 0 && bal.Equal(r.last.post) {
		change = decimal.Decimal{}
	}
	row := balanceRow{pre: bal.Sub(change), post: bal, amount: change, line: line, cell: cell}
	if c.before {
		row.pre, row.post = bal, bal.Add(change)
	}
	if r.n > 0 && !date.Equal(r.date) {
		if r.dir == 0 {
			r.dir = 1
			if date.Before(r.date) {
				r.dir = -1
			}
		}
		c.endDay(r)
		c.errs = len(c.src.errs) // a break endDay reported
	}
	if r.n == 0 {
		r.date, r.first, r.last, r.n = date, row, row, 1
		return
	}
	l := r.last
	if r.upErr == nil && !row.pre.Equal(l.post) {
		r.upErr = c.upBreak(row, l)
	}
	if r.downErr == nil && !row.post.Equal(l.pre) {
		r.downErr = c.downBreak(row, l)
	}
	r.last = row
	r.n++
}

// lose forgets the running balances: a row that could not be read
// leaves a gap the check must not report again.
func (c *balanceCheck) lose() {
	for i := range c.runs {
		c.runs[i] = balanceRun{currency: c.runs[i].currency, dir: c.runs[i].dir}
	}
}

// finish ends the last day of every currency and gives the source the
// statement's opening and closing balances (Source.Statement).
func (c *balanceCheck) finish() {
	for i := range c.runs {
		if c.runs[i].n > 0 {
			c.endDay(&c.runs[i])
		}
		if sp := c.runs[i].span; !sp.First.IsZero() {
			sp.Currency = c.runs[i].currency
			c.src.statement = append(c.src.statement, sp)
		}
	}
}

// Statement returns, once the file is read, the balances a statement with
// a balance column states per currency before its earliest movement and
// after its latest (none for other files, or where the chain broke).
func (s *Source) Statement() []StatementEnds { return s.statement }

func (c *balanceCheck) run(currency string) *balanceRun {
	if c.last != nil && c.lastCur == currency {
		return c.last
	}
	for i := range c.runs {
		if c.runs[i].currency == currency {
			c.last, c.lastCur = &c.runs[i], currency
			return c.last
		}
	}
	c.runs = append(c.runs, balanceRun{currency: currency})
	c.last, c.lastCur = &c.runs[len(c.runs)-1], currency
	return c.last
}

// endDay checks the day just read against itself and the day before it.
func (c *balanceCheck) endDay(r *balanceRun) {
	var ends []balanceEnds
	if r.upErr == nil {
		ends = append(ends, balanceEnds{open: r.first.pre, close: r.last.post, opener: r.first, closer: r.last})
	}
	if r.downErr == nil && r.n > 1 {
		ends = append(ends, balanceEnds{open: r.last.pre, close: r.first.post, opener: r.last, closer: r.first})
	}
	switch {
	case len(ends) == 0:
		// Neither order chains: report the break in the file's direction.
		e := r.upErr
		if r.dir < 0 || r.dir == 0 && r.downErr.Line > r.upErr.Line {
			e = r.downErr
		}
		c.report(e)
		r.ended = false // restart the chain at the next day
	case !r.ended:
		r.prev, r.ended = ends, true
	default:
		var kept []balanceEnds
		for _, e := range ends {
			for _, p := range r.prev {
				if r.dir > 0 && e.open.Equal(p.close) || r.dir < 0 && e.close.Equal(p.open) {
					kept = append(kept, e)
					break
				}
			}
		}
		if len(kept) == 0 {
			p, e := r.prev[0], ends[0]
			if r.dir > 0 {
				c.report(c.upBreak(e.opener, p.closer))
			} else {
				c.report(c.downBreak(e.closer, p.opener))
			}
			kept = ends
		}
		r.prev = kept
	}
	if len(ends) > 0 {
		e := r.prev[0]
		if sp := &r.span; sp.First.IsZero() || r.date.Before(sp.First) {
			sp.First, sp.Opening = r.date, e.open
		}
		if sp := &r.span; sp.Last.IsZero() || !r.date.Before(sp.Last) {
			sp.Last, sp.Closing = r.date, e.close
		}
	}
	r.n, r.upErr, r.downErr = 0, nil, nil
}

func (c *balanceCheck) report(e *FieldError) {
	if len(c.src.errs) < MaxErrors {
		c.src.errs = append(c.src.errs, e)
	}
}

// upBreak: row, read after prev (in time), should start where prev ended.
func (c *balanceCheck) upBreak(row, prev balanceRow) *FieldError {
	if c.before {
		return c.breakError(row, fmt.Sprintf("%q is not the balance after the row above (expected %s = %s: the balance before on line %d plus that row's amount): a row may be missing or doubled between lines %d and %d",
			row.cell, c.sum(prev.pre, prev.amount), c.fmt(prev.post), prev.line, prev.line, row.line))
	}
	return c.breakError(row, fmt.Sprintf("%q is not the balance before plus this row (expected %s = %s: the balance on line %d plus this row's amount): a row may be missing or doubled between lines %d and %d",
		row.cell, c.sum(prev.post, row.amount), c.fmt(prev.post.Add(row.amount)), prev.line, prev.line, row.line))
}

// downBreak: the file lists the newest first, so row should end where the
// row above it (newer) started.
func (c *balanceCheck) downBreak(row, newer balanceRow) *FieldError {
	if c.before {
		return c.breakError(row, fmt.Sprintf("%q plus this row's amount (%s = %s) is not the balance before the row above, newest first (%s on line %d): a row may be missing or doubled between lines %d and %d",
			row.cell, c.sum(row.pre, row.amount), c.fmt(row.post), c.fmt(newer.pre), newer.line, newer.line, row.line))
	}
	return c.breakError(row, fmt.Sprintf("%q is not the balance before the row above, newest first (expected %s = %s: the balance on line %d less that row's amount): a row may be missing or doubled between lines %d and %d",
		row.cell, c.sum(newer.post, newer.amount.Neg()), c.fmt(newer.pre), newer.line, newer.line, row.line))
}

func (c *balanceCheck) breakError(row balanceRow, problem string) *FieldError {
	field := c.field
	if h := c.src.Header(); field == "" && c.col < len(h) {
		field = h[c.col]
	}
	return &FieldError{File: c.src.Name, Line: row.line, Column: c.col + 1, Field: field, Problem: problem}
}

// sum writes "a + b" or "a - |b|" in the file's decimal mark.
func (c *balanceCheck) sum(a, b decimal.Decimal) string {
	if b.IsNegative() {
		return c.fmt(a) + " - " + c.fmt(b.Neg())
	}
	return c.fmt(a) + " + " + c.fmt(b)
}

// fmt writes d with at least two decimals, in the file's decimal mark.
func (c *balanceCheck) fmt(d decimal.Decimal) string {
	places := int32(2)
	if e := -d.Exponent(); e > places {
		places = e
	}
	s := d.StringFixed(places)
	if c.mark == DecimalComma {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
