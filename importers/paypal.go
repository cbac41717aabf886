package importers

import (
	"fmt"
	"strings"
	"time"

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

var paypalENActivityHeader = []string{
	"Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net",
	"From Email Address", "To Email Address", "Transaction ID", "Address Status", "Sales Tax",
	"Reference Txn ID", "Invoice Number", "Receipt ID", "Balance", "Contact Phone Number", "Subject", "Note",
}

var paypalNLActivityHeader = []string{
	"Datum", "Tijd", "Tijdzone", "Naam", "Type", "Status", "Valuta", "Bruto", "Kosten", "Net",
	"Van e-mailadres", "Naar e-mailadres", "Transactiereferentie", "Verzendadres", "Status adres",
	"Objecttitel", "Object-ID", "Reference Txn ID", "Factuurnummer", "Saldo", "Onderwerp", "Opmerking", "Effect op saldo",
}

// The columns the importer uses.
type ppField int

const (
	ppDate ppField = iota
	ppName
	ppType        // activity download
	ppDescription // statement report: holds the type
	ppStatus
	ppCurrency
	ppGross
	ppFee
	ppNet
	ppFrom
	ppTo
	ppTxnID
	ppRefTxnID
	ppImpact
	ppSubject
	ppNote
	ppItem
	ppInvoice
	ppBankName
	ppBalance
	ppFields
)

// paypalNeeded are the columns every row must have; a row may lack the
// columns after them.
var paypalNeeded = []ppField{ppDate, ppStatus, ppCurrency, ppGross, ppFee, ppTxnID, ppType, ppDescription}

// paypalLocale is one language of PayPal's exports.
type paypalLocale struct {
	lang     string
	names    [ppFields][]string // header names per field, lower case
	dayFirst bool               // dates are always day-first in this language
	example  string             // a date pattern for messages
	required string             // the columns Detect needs, for messages
}

var paypalLocales = []*paypalLocale{
	{lang: "English", example: "dd/mm/yyyy or m/d/yyyy", required: "Date, Currency, Gross, Fee, Transaction ID, Type or Description", names: [ppFields][]string{
		ppDate: {"date"}, ppName: {"name"}, ppType: {"type"}, ppDescription: {"description"},
		ppStatus: {"status"}, ppCurrency: {"currency"}, ppGross: {"gross"}, ppFee: {"fee"}, ppNet: {"net"},
		ppFrom: {"from email address"}, ppTo: {"to email address"}, ppTxnID: {"transaction id"},
		ppRefTxnID: {"reference txn id"}, ppImpact: {"balance impact"}, ppSubject: {"subject"},
		ppNote: {"note"}, ppItem: {"item title"}, ppInvoice: {"invoice number", "invoice id"}, ppBankName: {"bank name"}, ppBalance: {"balance"},
	}},
	{lang: "German", dayFirst: true, example: "dd.mm.yyyy", required: "Datum, Währung, Brutto, Gebühr, Transaktionscode, Typ or Beschreibung", names: [ppFields][]string{
		ppDate: {"datum"}, ppName: {"name"}, ppType: {"typ"}, ppDescription: {"beschreibung"},
		ppStatus: {"status"}, ppCurrency: {"währung"}, ppGross: {"brutto"}, ppFee: {"gebühr", "entgelt"}, ppNet: {"netto"},
		ppFrom: {"absender e-mail-adresse"}, ppTo: {"empfänger e-mail-adresse"}, ppTxnID: {"transaktionscode"},
		ppRefTxnID: {"zugehöriger transaktionscode"}, ppImpact: {"auswirkung auf guthaben"}, ppSubject: {"betreff"},
		ppNote: {"hinweis"}, ppItem: {"artikelbezeichnung"}, ppInvoice: {"rechnungsnummer"}, ppBankName: {"name der bank"}, ppBalance: {"guthaben"},
	}},
	{lang: "Spanish", dayFirst: true, example: "d/m/yyyy", required: "Fecha, Divisa, Bruto, Comisión, Id. de transacción, Tipo or Descripción", names: [ppFields][]string{
		ppDate: {"fecha"}, ppName: {"nombre"}, ppType: {"tipo"}, ppDescription: {"descripción"},
		ppStatus: {"estado"}, ppCurrency: {"divisa"}, ppGross: {"bruto"}, ppFee: {"comisión", "tarifa"}, ppNet: {"neto"},
		ppFrom: {"correo electrónico del remitente"}, ppTo: {"correo electrónico del destinatario"},
		ppTxnID: {"id. de transacción"}, ppRefTxnID: {"id. de referencia de trans."}, ppImpact: {"impacto en el saldo"},
		ppSubject: {"asunto"}, ppNote: {"nota"}, ppItem: {"título del artículo"}, ppInvoice: {"id. de factura", "número de factura"},
		ppBankName: {"nombre del banco"}, ppBalance: {"saldo"},
	}},
}

// The Dutch names of the statement report were seen in another importer;
// those of the activity download are assumed.
var paypalDutch = &paypalLocale{lang: "Dutch", dayFirst: true, example: "d-m-yyyy", required: "Datum, Valuta, Bruto, Kosten, Transactiereferentie, Type or Omschrijving", names: [ppFields][]string{
	ppDate: {"datum"}, ppName: {"naam"}, ppType: {"type"}, ppDescription: {"omschrijving"},
	ppStatus: {"status"}, ppCurrency: {"valuta"}, ppGross: {"bruto"}, ppFee: {"kosten"}, ppNet: {"net", "netto"},
	ppFrom: {"van e-mailadres"}, ppTo: {"naar e-mailadres"}, ppTxnID: {"transactiereferentie"},
	ppRefTxnID: {"reference txn id", "gerelateerde transactiereferentie"}, ppImpact: {"effect op saldo"},
	ppSubject: {"onderwerp"}, ppNote: {"opmerking"}, ppItem: {"objecttitel"}, ppInvoice: {"factuurnummer", "factuurreferentie"},
	ppBankName: {"naam bank"}, ppBalance: {"saldo"},
}}

// paypalColumns maps a header to column indexes for one locale: -1 where a
// column is absent. ok is false unless the header has the columns every
// PayPal export has (date, currency, gross, fee, transaction id, and a type
// or description).
func paypalColumns(loc *paypalLocale, header []string) (cols [ppFields]int, ok bool) {
	idx := make(map[string]int, len(header))
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		if _, dup := idx[k]; !dup && k != "" {
			idx[k] = i
		}
	}
	for f := range cols {
		cols[f] = -1
		for _, n := range loc.names[f] {
			if i, found := idx[n]; found {
				cols[f] = i
				break
			}
		}
	}
	ok = cols[ppDate] >= 0 && cols[ppCurrency] >= 0 && cols[ppGross] >= 0 && cols[ppFee] >= 0 &&
		cols[ppTxnID] >= 0 && (cols[ppType] >= 0 || cols[ppDescription] >= 0)
	return cols, ok
}

func (p PayPal) locales() []*paypalLocale {
	if p.dutch {
		return []*paypalLocale{paypalDutch}
	}
	return paypalLocales
}

// locale finds the language of a header.
func (p PayPal) locale(header []string) (*paypalLocale, [ppFields]int, bool) {
	for _, loc := range p.locales() {
		if cols, ok := paypalColumns(loc, header); ok {
			return loc, cols, true
		}
	}
	return nil, [ppFields]int{}, false
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

// settle fixes the order of day and month and releases the held rows.
func (r *paypalReader) settle(o DayMonthOrder, cell string) error {
	r.order, r.orderLine, r.orderCell = o, r.src.Line(), cell
	held := r.held
	r.held = nil
	for _, h := range held {
		d, m := h.a, h.b
		if o == OrderMonthFirst {
			d, m = m, d
		}
		date := time.Date(h.y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		for i := range h.entries {
			h.entries[i].Date = date
		}
		r.checkBalance(h.line, h.balance, h.entries)
		if err := r.emitAll(h.entries); err != nil {
			return err
		}
	}
	return nil
}

// date reads a date cell. With a --date-format layout it is the only one
// accepted. Otherwise it is three numbers, year last, in the locale's or
// the file's order of day and month. says is the order the cell shows, if
// any; while the file's order is unknown, a date whose numbers are both at
// most 12 comes back zero (its row is held).
func (r *paypalReader) date(cell string) (date time.Time, a, b, y int, says DayMonthOrder, ok bool) {
	col := r.cols[ppDate]
	if r.p.layout != "" {
		d, err := ParseDate(cell, r.p.layout)
		if err != nil {
			r.src.Errorf(col, "%q is not a date in the --date-format given", cell)
			return time.Time{}, 0, 0, 0, 0, false
		}
		return d, 0, 0, 0, OrderUnknown, true
	}
	a, b, y, shaped := dateNumbers(cell)
	if !shaped || a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12) || y < 1900 {
		r.src.Errorf(col, "%q is not a date (want %s)", cell, r.loc.example)
		return time.Time{}, 0, 0, 0, 0, false
	}
	switch {
	case a > 12:
		says = OrderDayFirst
	case b > 12:
		says = OrderMonthFirst
	}
	order := r.order
	switch {
	case order == OrderUnknown && says == OrderUnknown:
		return time.Time{}, a, b, y, says, true // held until the order is known
	case order == OrderUnknown:
		order = says
	case says != OrderUnknown && says != order:
		switch {
		case r.loc.dayFirst:
			r.src.Errorf(col, "%q is not a date: %s PayPal exports write the day first (%s); if this file does not, pass --date-format", cell, r.loc.lang, r.loc.example)
		case r.orderLine == 0: // the order came from InferDayMonth
			r.src.Errorf(col, "%q is %s first, but the file's other dates are %s first: pass --date-format to say which this file uses", cell, orderWord(says), orderWord(order))
		default:
			r.src.Errorf(col, "%q is %s first, but %q on line %d is %s first: pass --date-format to say which this file uses", cell, orderWord(says), r.orderCell, r.orderLine, orderWord(order))
		}
		return time.Time{}, 0, 0, 0, 0, false
	}
	d, m := a, b
	if order == OrderMonthFirst {
		d, m = b, a
	}
	date = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if date.Day() != d {
		r.src.Errorf(col, "%q is not a date: %s has no day %d", cell, time.Month(m), d)
		return time.Time{}, 0, 0, 0, 0, false
	}
	return date, a, b, y, says, true
}

func orderWord(o DayMonthOrder) string {
	if o == OrderMonthFirst {
		return "month"
	}
	return "day"
}

// dateNumbers reads "n<sep>n<sep>yyyy" (sep one of / . -), ignoring a time
// of day after it.
func dateNumbers(cell string) (a, b, y int, ok bool) {
	s := stripTime(strings.TrimSpace(cell))
	var nums [3]int
	var lens [3]int
	k := 0
	var sep byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			nums[k] = nums[k]*10 + int(c-'0')
			lens[k]++
			if lens[k] > 4 {
				return 0, 0, 0, false
			}
		case (c == '/' || c == '.' || c == '-') && k < 2 && lens[k] > 0 && (sep == 0 || sep == c):
			sep = c
			k++
		default:
			return 0, 0, 0, false
		}
	}
	if k != 2 || lens[0] > 2 || lens[1] > 2 || lens[2] != 4 {
		return 0, 0, 0, false
	}
	return nums[0], nums[1], nums[2], true
}

// amount reads a money cell. PayPal writes amounts in the account's
// locale: 1,653.75 or 4.626,81, or 84 and -4.25 without separators. The
// file's decimal mark is learnt from the first cell that shows it, and a
// cell that contradicts it is an error. A cell with one separator and
// three digits after it ("1,234") groups thousands: PayPal's currencies
// have at most two decimals.
func (r *paypalReader) amount(rec []string, f ppField, required bool) (decimal.Decimal, bool) {
	col := r.cols[f]
	if col < 0 {
		return decimal.Decimal{}, true
	}
	s := r.cell(rec, f)
	if s == "" {
		if required {
			r.src.Errorf(col, "%q is not an amount (%v)", rec[col], errEmptyAmount)
			return decimal.Decimal{}, false
		}
		return decimal.Decimal{}, true
	}
	d, mark, err := paypalAmount(s, r.mark)
	if err != nil {
		r.src.Errorf(col, "%q is not an amount (%v)", rec[col], err)
		return decimal.Decimal{}, false
	}
	if mark != DecimalAuto && r.mark == DecimalAuto {
		r.mark, r.markLine, r.markCell = mark, r.src.Line(), s
	} else if mark != DecimalAuto && mark != r.mark {
		r.src.Errorf(col, "%q has %q as its decimal mark, but %q on line %d has %q", rec[col], string(rune(mark)), r.markCell, r.markLine, string(rune(r.mark)))
		return decimal.Decimal{}, false
	}
	if !inRange(d) {
		r.src.Errorf(col, "%q is too large for the ledger", rec[col])
		return decimal.Decimal{}, false
	}
	return d, true
}

// paypalAmount parses s given the file's decimal mark so far (DecimalAuto
// when unknown) and returns the mark the cell shows, or DecimalAuto when it
// reads the same either way.
func paypalAmount(s string, fileMark DecimalMark) (decimal.Decimal, DecimalMark, error) {
	dot, errDot := ParseAmount(s, DecimalDot)
	comma, errComma := ParseAmount(s, DecimalComma)
	switch {
	case errDot != nil && errComma != nil:
		if fileMark == DecimalComma {
			return decimal.Decimal{}, 0, errComma
		}
		return decimal.Decimal{}, 0, errDot
	case errComma != nil:
		return dot, DecimalDot, nil
	case errDot != nil:
		return comma, DecimalComma, nil
	case dot.Equal(comma):
		return dot, DecimalAuto, nil
	}
	// "1,234" or "1.234": a thousands separator, since no PayPal currency
	// has three decimals. Under a known mark, only the other one groups.
	switch fileMark {
	case DecimalDot:
		return dot, DecimalAuto, nil
	case DecimalComma:
		return comma, DecimalAuto, nil
	}
	if strings.Contains(s, ",") {
		return dot, DecimalDot, nil
	}
	return comma, DecimalComma, nil
}

func (r *paypalReader) counterparty(rec []string, kind ledger.Kind, gross decimal.Decimal) string {
	if name := r.cell(rec, ppName); name != "" {
		return name
	}
	switch kind {
	case ledger.KindPayout:
		return r.cell(rec, ppBankName)
	case ledger.KindEarning, ledger.KindReversal:
		if gross.IsNegative() {
			return r.cell(rec, ppTo)
		}
		return r.cell(rec, ppFrom)
	}
	return ""
}

// description joins the row's type with its subject, item, note, invoice
// number and the transaction it refers to.
func (r *paypalReader) description(rec []string, typ string) string {
	parts := []string{typ}
	seen := map[string]bool{typ: true}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			parts = append(parts, s)
		}
	}
	add(r.cell(rec, ppItem))
	add(r.cell(rec, ppSubject))
	add(r.cell(rec, ppNote))
	if inv := r.cell(rec, ppInvoice); inv != "" {
		add("invoice " + inv)
	}
	if ref := r.cell(rec, ppRefTxnID); ref != "" {
		add("ref " + ref)
	}
	return strings.Join(parts, "; ")
}

// What a PayPal status says about a row.
type ppState int

const (
	ppCompleted ppState = iota
	ppPending
	ppCancelled
)

// paypalStatuses maps the Status column, in every language, to what it
// means for the row's money. "Refunded", "Reversed" and the like describe a
// completed payment that was later undone by a row of its own.
var paypalStatuses = map[string]ppState{
	"": ppCompleted, // statements have no status: every row is booked

	"completed": ppCompleted, "cleared": ppCompleted, "refunded": ppCompleted, "partially refunded": ppCompleted,
	"reversed": ppCompleted, "placed": ppCompleted, "removed": ppCompleted, "released": ppCompleted, "paid": ppCompleted,
	"pending": ppPending, "held": ppPending, "on hold": ppPending, "uncleared": ppPending, "unclaimed": ppPending,
	"under review": ppPending, "in progress": ppPending,
	"denied": ppCancelled, "canceled": ppCancelled, "cancelled": ppCancelled, "failed": ppCancelled,
	"expired": ppCancelled, "voided": ppCancelled, "returned": ppCancelled, "declined": ppCancelled,

	"abgeschlossen": ppCompleted, "erstattet": ppCompleted, "zurückerstattet": ppCompleted, "teilweise erstattet": ppCompleted,
	"rückbuchung": ppCompleted, "storniert": ppCancelled, "abgelehnt": ppCancelled, "fehlgeschlagen": ppCancelled,
	"abgelaufen": ppCancelled, "ausstehend": ppPending, "offen": ppPending, "einbehalten": ppPending,

	"completado": ppCompleted, "completada": ppCompleted, "reembolsado": ppCompleted, "parcialmente reembolsado": ppCompleted,
	"revertido": ppCompleted, "pendiente": ppPending, "retenido": ppPending, "cancelado": ppCancelled,
	"denegado": ppCancelled, "rechazado": ppCancelled, "fallido": ppCancelled, "vencido": ppCancelled,

	"voltooid": ppCompleted, "terugbetaald": ppCompleted, "gedeeltelijk terugbetaald": ppCompleted, "teruggeboekt": ppCompleted,
	"in behandeling": ppPending, "in afwachting": ppPending, "geannuleerd": ppCancelled, "geweigerd": ppCancelled,
	"mislukt": ppCancelled, "verlopen": ppCancelled,
}

func paypalStatus(s string) (ppState, bool) {
	st, ok := paypalStatuses[strings.ToLower(strings.TrimSpace(s))]
	return st, ok
}

// Words in PayPal's transaction types, in the four languages, that decide
// an entry's kind. They are matched in this order against the lower-cased
// type.
var (
	ppRequestWords    = []string{"request", "anforderung", "solicitud", "verzoek"}
	ppConversionWords = []string{"currency conversion", "währungsumrechnung", "conversión de divisa", "conversion de divisa", "valutaomrekening", "valuta-omrekening", "omrekening"}
	ppWithdrawalWords = []string{"withdrawal", "abbuchung", "auszahlung", "retirada", "retiro", "opname", "geld opnemen", "transfer to bank", "overboeking naar bank"}
	ppBankInWords     = []string{"bank deposit", "bankgutschrift", "ingreso bancario", "depósito bancario", "bankstorting", "storting"}
	ppHoldWords       = []string{" hold", " release", "einbehaltung", "freigabe", "retención", "liberación", "blokkering", "vrijgave", " reserve"}
	ppFeeWords        = []string{" fee", "gebühr", "comisión", "tarifa", "kosten"}
	ppRefundWords     = []string{"refund", "reversal", "chargeback", "rückzahlung", "erstattung", "rückbuchung", "storno", "reembolso", "devolución", "contracargo", "terugbetaling", "terugboeking", "annulering"}
)

// containsAny reports whether s contains one of words. A word written with
// a leading space must start a word of s ("fee" in "chargeback fee", not in
// "coffee"); the others may sit inside a compound (German "Rückbuchungsgebühr").
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(w, " ") {
			if strings.HasPrefix(s, w[1:]) || strings.Contains(s, w) {
				return true
			}
			continue
		}
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// paypalKind classifies a row by its transaction type and the sign of its
// gross amount. Anything not recognised is a payment: received (gross
// positive) is an earning, sent is an uncategorised transfer.
func paypalKind(typ string, gross decimal.Decimal) (ledger.Kind, string) {
	t := strings.ToLower(typ)
	switch {
	case containsAny(t, ppConversionWords):
		return ledger.KindTransfer, "conversions"
	case containsAny(t, ppWithdrawalWords) && !containsAny(t, ppHoldWords):
		return ledger.KindPayout, "payouts"
	case containsAny(t, ppBankInWords):
		return ledger.KindTransfer, "payouts"
	case containsAny(t, ppHoldWords):
		return ledger.KindTransfer, "holds"
	case containsAny(t, ppFeeWords):
		return ledger.KindFee, "payments"
	case containsAny(t, ppRefundWords):
		if gross.IsPositive() && containsAny(t, []string{"refund", "erstattung", "rückzahlung", "reembolso", "devolución", "terugbetaling"}) {
			// A refund received: money back for something bought.
			return ledger.KindTransfer, "payments"
		}
		return ledger.KindReversal, "payments"
	case gross.IsNegative():
		return ledger.KindTransfer, "payments"
	}
	return ledger.KindEarning, "payments"
}
