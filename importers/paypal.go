package importers

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// PayPal reads PayPal's activity download ("Activity" → Download → CSV) and
// its monthly statement report, in English, German and Spanish; PayPalNL
// reads the Dutch ones. Columns are found by name (the set is configurable
// in PayPal's report dialog), names are trimmed ("Gross " in some
// statements), and empty trailing columns are ignored.
//
// One row is one movement of one currency balance. The entries a row gives
// always add up to its Net, so the ledger's PayPal balance follows PayPal's
// own Balance column, and nothing is counted twice:
//
//	payment received              earning  +Gross   and a fee entry  Net-Gross (the Fee column, negative)
//	refund, reversal, chargeback  reversal -Gross   (a fee PayPal returns is a positive fee entry)
//	payment sent, purchase        transfer -Gross   (not income; kept so the balance stays true)
//	withdrawal to the bank        payout   -Gross   program payouts, status paid once completed
//	deposit from the bank         transfer +Gross   program payouts
//	currency conversion leg       transfer ±Gross   program conversions, each leg in its own currency
//	hold and release              transfer ∓Gross   program holds
//	fee row (chargeback fee)      fee      Net
//
// Programs: payments (money received and paid, refunds and their fees),
// payouts (to and from the bank), conversions, holds. The Transaction ID is
// the external id; both entries of a row share it and differ by kind.
//
// Statuses: Completed (and Refunded, Reversed... which describe what
// happened later to a completed payment that has its own refund row) is
// approved: the money is in the PayPal balance, to be withdrawn; a completed
// withdrawal is paid. Pending, Held, Unclaimed are pending. Denied,
// Canceled, Failed, Expired are reversed. Rows whose Balance Impact is Memo
// did not move the balance, and payment requests never do: they are
// skipped (a request has its own transaction id, so it would otherwise
// stay pending beside the payment that answers it).
//
// Dates are read as PayPal wrote them (the row's own time zone), without
// the time. German exports write dd.mm.yyyy, Spanish and Dutch d/m/yyyy;
// English ones are day-first or month-first depending on the account's
// country, so the order is inferred from the file: rows are held back until
// a date with a number above 12 settles it. A file whose dates all read
// both ways, or that mixes orders, is refused with a positioned error that
// asks for --date-format.
type PayPal struct {
	dutch  bool
	layout string        // from WithDateFormat: the only layout accepted
	order  DayMonthOrder // from InferDayMonth, for English files
}

// PayPalNL is PayPal for exports in Dutch. The statement report's columns
// were seen in another importer's code; the activity download's are assumed
// from PayPal's Dutch interface, hence its confidence.
func PayPalNL() PayPal { return PayPal{dutch: true} }

// Name implements Importer.
func (p PayPal) Name() string {
	if p.dutch {
		return "paypal-nl"
	}
	return "paypal"
}

// Info implements Importer.
func (p PayPal) Info() Info {
	if p.dutch {
		return Info{
			Title:      "PayPal activity download and statement report in Dutch (column names assumed: check the first import)",
			Header:     strings.Join(paypalNLActivityHeader, ","),
			Confidence: Assumed,
		}
	}
	return Info{
		Title:      "PayPal activity download and statement report (English, German, Spanish)",
		Header:     strings.Join(paypalENActivityHeader, ","),
		Confidence: SeenFile,
	}
}

// Detect implements Importer.
func (p PayPal) Detect(header []string) bool {
	_, _, ok := p.locale(header)
	return ok
}

// WithDateFormat returns a copy that reads dates with pattern only (import
// --date-format), instead of inferring the order of day and month.
func (p PayPal) WithDateFormat(pattern string) (Importer, error) {
	l, err := DateLayout(pattern)
	if err != nil {
		return nil, err
	}
	p.layout = l
	return p, nil
}

// NeedsDayMonth reports whether the order of day and month is still open:
// English exports write either.
func (p PayPal) NeedsDayMonth() bool { return !p.dutch && p.layout == "" && p.order == OrderUnknown }

// InferDayMonth reads the date cells of src (a first pass over the file)
// and returns a copy with the order fixed when the dates settle it. When
// they do not, the copy is p itself and Parse reports the problem at the
// right line.
func (p PayPal) InferDayMonth(src *Source) (Importer, error) {
	loc, cols, ok := p.locale(src.Header())
	if !ok || loc.dayFirst {
		return p, nil
	}
	var ev DayMonthEvidence
	for src.Next() {
		if rec := src.Record(); cols[ppDate] < len(rec) {
			ev.Add(rec[cols[ppDate]])
		}
	}
	if o := ev.Order(); o == OrderDayFirst || o == OrderMonthFirst {
		p.order = o
	}
	return p, nil
}

// maxHeldRows bounds how many rows Parse holds back while the order of day
// and month is unknown.
const maxHeldRows = 100_000

// Parse implements Importer.
func (p PayPal) Parse(src *Source, emit func(ledger.Entry) error) error {
	loc, cols, ok := p.locale(src.Header())
	if !ok {
		src.LineErrorf("not a %s header: it needs the columns %s", p.Name(), p.requiredColumns())
		return nil
	}
	r := &paypalReader{p: p, loc: loc, cols: cols, src: src, emit: emit}
	if cols[ppBalance] >= 0 {
		r.bal = newBalanceCheck(src, cols[ppBalance], DecimalAuto)
	}
	r.order = p.order
	if loc.dayFirst {
		r.order = OrderDayFirst
	}
	// A row may lack trailing columns the reader can do without (a real
	// download leaves its empty last column out): they read as empty. The
	// columns every row needs are these.
	for _, f := range paypalNeeded {
		if cols[f] > r.needCol {
			r.needCol = cols[f]
		}
	}
	for src.Next() {
		if err := r.row(src.Record()); err != nil {
			return err
		}
		if len(r.held) > maxHeldRows {
			r.errorAt(r.held[0].line, cols[ppDate], "cannot tell whether dates are day or month first: no day above 12 in the first %d rows; pass --date-format %s", maxHeldRows, loc.example)
			return nil
		}
	}
	for _, h := range r.held {
		if h.a != h.b {
			r.errorAt(h.line, cols[ppDate], "%q: cannot tell whether dates are day or month first (no date in the file has a number above 12); pass --date-format dd/mm/yyyy or --date-format mm/dd/yyyy", h.cell)
			return nil
		}
	}
	// Dates such as 05/05/2026 read the same either way.
	if err := r.settle(OrderDayFirst, ""); err != nil {
		return err
	}
	if r.bal != nil && !src.Failed() {
		r.bal.mark = r.mark
		r.bal.finish()
	}
	return nil
}

func (p PayPal) requiredColumns() string {
	var names []string
	for _, loc := range p.locales() {
		names = append(names, loc.lang+": "+loc.required)
	}
	return strings.Join(names, "; ")
}

// paypalReader is the state of one Parse.
type paypalReader struct {
	p       PayPal
	loc     *paypalLocale
	cols    [ppFields]int
	needCol int // the last column every row must have
	src     *Source
	emit    func(ledger.Entry) error

	order      DayMonthOrder // settled order of day and month
	orderLine  int           // the line whose date settled it
	orderCell  string
	held       []heldRow // rows waiting for the order
	mark       DecimalMark
	markLine   int
	markCell   string
	rowEntries [2]ledger.Entry
	bal        *balanceCheck // nil without a Balance column
}

// heldRow is a row parsed but for its date, whose numbers are both at most 12.
type heldRow struct {
	entries []ledger.Entry
	line    int
	cell    string
	a, b, y int
	balance rowBalance
}

// rowBalance is a row's Balance cell, as written and as read.
type rowBalance struct {
	cell string // "" when the row shows none
	bal  decimal.Decimal
}

func (r *paypalReader) cell(rec []string, f ppField) string {
	if i := r.cols[f]; i >= 0 && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// errorAt records a problem with a cell of an earlier row.
func (r *paypalReader) errorAt(line, col int, format string, args ...any) {
	field := ""
	if h := r.src.Header(); col >= 0 && col < len(h) {
		field = h[col]
	}
	r.src.errs = append(r.src.errs, &FieldError{File: r.src.Name, Line: line, Column: col + 1, Field: field, Problem: fmt.Sprintf(format, args...)})
}

func (r *paypalReader) row(rec []string) error {
	src := r.src
	if len(rec) <= r.needCol {
		missing := r.needCol
		for _, f := range paypalNeeded {
			if c := r.cols[f]; c >= len(rec) && c < missing {
				missing = c
			}
		}
		src.LineErrorf("has %d fields, the header has %d: it ends before %s, which every row needs", len(rec), len(src.Header()), src.Header()[missing])
		return nil
	}
	if len(rec) < len(src.Header()) && !strings.HasSuffix(src.row, "\n") {
		src.LineErrorf("has %d fields, the header has %d, and the file ends in it: the file is cut short", len(rec), len(src.Header()))
		return nil
	}
	for i := len(src.Header()); i < len(rec); i++ {
		if strings.TrimSpace(rec[i]) != "" {
			src.LineErrorf("has %d fields, the header has %d", len(rec), len(src.Header()))
			return nil
		}
	}
	ok := true
	fail := func(f ppField, format string, args ...any) {
		src.Errorf(r.cols[f], format, args...)
		ok = false
	}

	id := r.cell(rec, ppTxnID)
	if id == "" {
		fail(ppTxnID, "empty: every PayPal row has a transaction id")
	}
	currency := strings.ToUpper(r.cell(rec, ppCurrency))
	if !ledger.ValidCurrency(currency) {
		fail(ppCurrency, "%q is not an ISO 4217 currency code", rec[r.cols[ppCurrency]])
	}
	gross, gok := r.amount(rec, ppGross, true)
	fee, fok := r.amount(rec, ppFee, false)
	net, nok := r.amount(rec, ppNet, false)
	bal, bok := r.amount(rec, ppBalance, false)
	ok = ok && gok && fok && nok && bok
	// The fee entry is what the row's Net adds to its Gross, so that the
	// entries sum to Net whatever sign the export gave the fee.
	feeAmount := fee
	if ok && r.cols[ppNet] >= 0 && r.cell(rec, ppNet) != "" {
		feeAmount = net.Sub(gross)
		if !feeAmount.Abs().Equal(fee.Abs()) {
			fail(ppNet, "%q is not %s %q plus %s %q", rec[r.cols[ppNet]], src.Header()[r.cols[ppGross]], rec[r.cols[ppGross]], src.Header()[r.cols[ppFee]], rec[r.cols[ppFee]])
		}
	}

	typ := r.cell(rec, ppType)
	if r.cols[ppType] < 0 {
		typ = r.cell(rec, ppDescription)
	}
	st, known := paypalStatus(r.cell(rec, ppStatus))
	if !known {
		fail(ppStatus, "%q is not a PayPal status this importer knows (Completed, Pending, Denied, Refunded...)", r.cell(rec, ppStatus))
	}
	memo := strings.HasPrefix(strings.ToLower(r.cell(rec, ppImpact)), "memo")

	dateCell := r.cell(rec, ppDate)
	date, a, b, y, says, dok := r.date(dateCell)
	if dok && r.order == OrderUnknown && says != OrderUnknown {
		// This date settles the order: release the rows held back.
		if err := r.settle(says, dateCell); err != nil {
			return err
		}
	}
	if !ok || !dok {
		return nil
	}
	if memo || containsAny(strings.ToLower(typ), ppRequestWords) {
		return nil // no balance movement: a request, an authorisation, a note
	}

	kind, program := paypalKind(typ, gross)
	status := ledger.StatusApproved
	switch {
	case st == ppPending:
		status = ledger.StatusPending
	case st == ppCancelled:
		status = ledger.StatusReversed
	case kind == ledger.KindPayout:
		status = ledger.StatusPaid
	}
	main := ledger.Entry{
		Date: date, Platform: "paypal", Program: program, Kind: kind, Amount: gross, Currency: currency,
		ExternalID: id, Status: status, Counterparty: r.counterparty(rec, kind, gross),
		Description: r.description(rec, typ), Line: src.Line(), Raw: src.Raw(),
	}
	entries := r.rowEntries[:0]
	if kind == ledger.KindFee {
		main.Amount = gross.Add(feeAmount)
		entries = append(entries, main)
	} else {
		entries = append(entries, main)
		if !feeAmount.IsZero() {
			f := main
			f.Kind = ledger.KindFee
			f.Amount = feeAmount
			f.Counterparty = ""
			f.Description = "PayPal fee: " + typ
			entries = append(entries, f)
		}
	}

	rb := rowBalance{cell: r.cell(rec, ppBalance), bal: bal}
	if r.order == OrderUnknown && r.p.layout == "" {
		r.held = append(r.held, heldRow{entries: append([]ledger.Entry(nil), entries...), line: src.Line(), cell: dateCell, a: a, b: b, y: y, balance: rb})
		return nil
	}
	r.checkBalance(src.Line(), rb, entries)
	return r.emitAll(entries)
}

// checkBalance follows the row's Balance (see balanceCheck): its change
// is the row's Net, the sum of its entries, in the row's currency. Rows
// are checked once their dates are known, in the file's order.
func (r *paypalReader) checkBalance(line int, rb rowBalance, entries []ledger.Entry) {
	if r.bal == nil || rb.cell == "" || len(entries) == 0 {
		return
	}
	change := entries[0].Amount
	for _, e := range entries[1:] {
		change = change.Add(e.Amount)
	}
	r.bal.mark = r.mark
	r.bal.add(line, rb.cell, rb.bal, change, entries[0].Date, entries[0].Currency, entries[0].Status == ledger.StatusPending)
}

func (r *paypalReader) emitAll(entries []ledger.Entry) error {
	for _, e := range entries {
		if err := r.emit(e); err != nil {
			return err
		}
	}
	return nil
}
