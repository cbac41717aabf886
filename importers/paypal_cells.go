package importers

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

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
