package ledger

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// InvoiceState is where a sponsorship invoice stands against the payments
// that settle it.
type InvoiceState struct {
	Invoice  Invoice
	Due      decimal.Decimal // what the brand owes: the gross less credit notes
	Paid     decimal.Decimal // the payments that settle it, in the invoice's currency
	Payments []int64         // their entry ids
	State    InvoiceSettlement
}

// InvoiceSettlement says how far the payments settle an invoice.
type InvoiceSettlement string

// The settlements of an invoice.
const (
	InvoicePaid       InvoiceSettlement = "paid"        // the payments add up to what is due
	InvoicePaidTwice  InvoiceSettlement = "paid-twice"  // two or more payments, each of the whole amount
	InvoiceOverpaid   InvoiceSettlement = "overpaid"    // more than due
	InvoicePartPaid   InvoiceSettlement = "part-paid"   // less than due
	InvoiceMarkedPaid InvoiceSettlement = "marked-paid" // the invoice says paid; no payment in the ledger
	InvoiceOpen       InvoiceSettlement = "open"        // not paid, not yet due
	InvoiceOverdue    InvoiceSettlement = "overdue"     // not paid, past its due date
)

// invoiceDateSlack is how many days before an invoice's issue date a
// payment of the same brand and amount may be taken for its payment
// (a deposit paid on the delivery day, the invoice written the next week).
const invoiceDateSlack = 14

// settleInvoices matches payments (and deposits no platform claims) with
// the invoices they name, or else with an open invoice of the same brand
// and amount, and works out every invoice's state into r.Invoices.
func (in *ReconInput) settleInvoices(payers []*Entry, taken map[int64]bool, r *Reconciliation) []Match {
	states := make([]InvoiceState, 0, len(in.Invoices))
	byNumber := map[string]int{} // upper-case number: index in states
	byEntry := map[int64]int{}
	for _, inv := range in.Invoices {
		if inv.Amount.IsNegative() {
			continue
		}
		byNumber[FoldNumber(inv.Number)] = len(states)
		byEntry[inv.EntryID] = len(states)
		states = append(states, InvoiceState{Invoice: inv, Due: inv.Gross()})
	}
	for _, cn := range in.Invoices {
		if i, ok := byNumber[FoldNumber(cn.Corrects)]; ok && cn.Amount.IsNegative() && cn.Currency == states[i].Invoice.Currency {
			states[i].Due = states[i].Due.Add(cn.Gross())
		}
	}
	// Open invoices by what is due, for payments that name none.
	type dueKey struct{ currency, due string }
	byDue := map[dueKey][]int{}
	for i, st := range states {
		k := dueKey{st.Invoice.Currency, st.Due.String()}
		byDue[k] = append(byDue[k], i)
	}
	var out []Match
	settle := func(i int, p *Entry, amount decimal.Decimal, origin MatchOrigin, why string) {
		s := &states[i]
		cur := s.Invoice.Currency
		v, missing, ok := in.Rates.Convert(amount, p.Currency, cur, p.Date)
		if ok {
			v = v.Round(int32(MinorUnits(cur)))
			if p.Currency != cur {
				why += fmt.Sprintf(" (%s %s = %s %s at the ECB rate)", FormatAmount(amount, p.Currency), p.Currency, FormatAmount(v, cur), cur)
			}
		} else {
			// Without a rate the payment is taken to pay what is left.
			v = decimal.Max(s.Due.Sub(s.Paid), decimal.Zero)
			why += fmt.Sprintf(" (no ECB rate for %s on %s: taken to pay the rest)", missing, p.Date.Format(DateLayout))
		}
		s.Paid = s.Paid.Add(v)
		s.Payments = append(s.Payments, p.ID)
		if origin != 0 {
			out = append(out, Match{Kind: MatchInvoice, EntryID: p.ID, TargetID: s.Invoice.EntryID,
				Balance: Balance{"sponsorship", s.Invoice.Platform}, Amount: v, Currency: cur, Origin: origin, Why: why})
		}
	}
	for _, m := range r.Matches {
		if i, ok := byEntry[m.TargetID]; ok && m.Kind == MatchInvoice && m.Origin == MatchedByUser {
			states[i].Paid = states[i].Paid.Add(m.Amount)
			states[i].Payments = append(states[i].Payments, m.EntryID)
		}
	}
	for _, p := range payers {
		if taken[p.ID] || !p.Amount.IsPositive() || !p.Kind.Counts(p.Status) {
			continue
		}
		var named []int
		for _, text := range [...]string{p.ExternalID, p.Description, p.Counterparty} {
			eachWord(text, &in.scratch, func(w []byte) {
				if i, ok := byNumber[string(w)]; ok && !slices.Contains(named, i) && !in.refused(p.ID, states[i].Invoice.EntryID) {
					named = append(named, i)
				}
			})
		}
		if len(named) > 0 {
			// A payment of several invoices pays them in order, each up to
			// what it owes; the last takes what is left.
			left := p.Amount
			for k, i := range named {
				part := left
				if k < len(named)-1 && states[i].Invoice.Currency == p.Currency {
					part = decimal.Min(left, decimal.Max(states[i].Due.Sub(states[i].Paid), decimal.Zero))
				}
				left = left.Sub(part)
				settle(i, p, part, MatchedAuto, fmt.Sprintf("%s names invoice %s", PaymentWords(*p), states[i].Invoice.Number))
			}
			taken[p.ID] = true
			continue
		}
		// Else the oldest open invoice of the same brand and gross amount.
		for _, i := range byDue[dueKey{p.Currency, p.Amount.String()}] {
			s := &states[i]
			inv := s.Invoice
			if inv.Currency != p.Currency || !p.Amount.Equal(s.Due) || s.Paid.IsPositive() || !sameBrand(inv.Brand, p.Counterparty) ||
				p.Date.Before(inv.Issued.AddDate(0, 0, -invoiceDateSlack)) || in.refused(p.ID, inv.EntryID) {
				continue
			}
			settle(i, p, p.Amount, MatchedAuto, fmt.Sprintf("%s pays %s %s, what invoice %s to %s is due", PaymentWords(*p),
				FormatAmount(p.Amount, p.Currency), p.Currency, inv.Number, inv.Brand))
			taken[p.ID] = true
			break
		}
	}
	asOf := DayNumber(in.AsOf)
	for i := range states {
		s := &states[i]
		s.State = settlement(s, asOf)
	}
	r.Invoices = states
	return out
}

// settlement is an invoice's state from its payments and dates.
func settlement(s *InvoiceState, asOf int64) InvoiceSettlement {
	tol := decimal.New(1, -int32(MinorUnits(s.Invoice.Currency)))
	switch {
	case len(s.Payments) == 0 && !s.Invoice.Paid.IsZero():
		return InvoiceMarkedPaid
	case len(s.Payments) == 0 && s.Due.IsPositive():
		if DayNumber(invoiceDue(s.Invoice)) < asOf {
			return InvoiceOverdue
		}
		return InvoiceOpen
	case len(s.Payments) > 1 && s.Paid.GreaterThanOrEqual(s.Due.Mul(decimal.NewFromInt(2)).Sub(tol)):
		return InvoicePaidTwice
	case s.Paid.GreaterThan(s.Due.Add(tol)):
		return InvoiceOverpaid
	case s.Paid.LessThan(s.Due.Sub(tol)):
		return InvoicePartPaid
	}
	return InvoicePaid
}

// legalForms are words of company names that differ between how a brand
// is invoiced and how its bank or PayPal account is named.
var legalForms = map[string]bool{
	"bv": true, "nv": true, "vof": true, "ltd": true, "limited": true, "gmbh": true, "inc": true, "llc": true,
	"sarl": true, "sa": true, "ag": true, "plc": true, "co": true, "company": true, "the": true,
}

// brandWords are a company name's words in lower case, without legal forms
// ("Vintage Vibes B.V." and "VINTAGE VIBES BV" give "vintage vibes").
func brandWords(s string) []string {
	s = strings.ToLower(strings.NewReplacer(".", "", ",", " ", "&", " ").Replace(s))
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127) }) {
		if !legalForms[w] {
			out = append(out, w)
		}
	}
	return out
}

// sameBrand reports whether two names are one company: the same words
// without legal forms, or the one's words the start of the other's.
func sameBrand(a, b string) bool {
	x, y := brandWords(a), brandWords(b)
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	if len(x) > len(y) {
		x, y = y, x
	}
	return slices.Equal(x, y[:len(x)])
}

// DueDate is the day the invoice falls due (DefaultPaymentTerm days after
// its issue when it names none, as report invoices takes it).
func (s InvoiceState) DueDate() time.Time { return invoiceDue(s.Invoice) }

func invoiceDue(inv Invoice) time.Time {
	if inv.Due.IsZero() {
		return inv.Issued.AddDate(0, 0, DefaultPaymentTerm)
	}
	return inv.Due
}

// PaymentWords names a payment for a why: "the ing deposit from Kleine
// Stoffenwinkel", "the paypal payment from Stoffenhuis Fabrics Ltd".
func PaymentWords(e Entry) string {
	what := "payment"
	if IsBank(e.Platform) {
		what = "deposit"
	}
	return fmt.Sprintf("the %s %s from %s", e.Platform, what, DescribeParty(e))
}
