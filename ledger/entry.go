package ledger

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// DateLayout is how the ledger writes and reads dates.
const DateLayout = "2006-01-02"

// Kind says what an entry is.
type Kind string

// The kinds of entry (DESIGN.md, data model).
const (
	KindEarning    Kind = "earning"
	KindReversal   Kind = "reversal"
	KindFee        Kind = "fee"
	KindExpense    Kind = "expense"
	KindPayout     Kind = "payout"
	KindTransfer   Kind = "transfer"
	KindAdjustment Kind = "adjustment"
)

// Kinds lists every kind, in documentation order.
var Kinds = []Kind{KindEarning, KindReversal, KindFee, KindExpense, KindPayout, KindTransfer, KindAdjustment}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// IsIncome reports whether entries of this kind count as income: earnings,
// their reversals and adjustments of earnings.
func (k Kind) IsIncome() bool {
	return k == KindEarning || k == KindReversal || k == KindAdjustment
}

// Counts reports whether an entry of kind k in status s still counts: a
// reversal always does (money taken back, whatever its status); any other
// entry stops counting once the platform reversed it.
func (k Kind) Counts(s Status) bool { return s != StatusReversed || k == KindReversal }

// Status is where an entry stands in its platform's life cycle.
type Status string

// The statuses of an entry.
const (
	StatusEstimated Status = "estimated"
	StatusPending   Status = "pending"
	StatusApproved  Status = "approved"
	StatusPaid      Status = "paid"
	StatusReversed  Status = "reversed"
)

// Statuses lists every status, in life-cycle order.
var Statuses = []Status{StatusEstimated, StatusPending, StatusApproved, StatusPaid, StatusReversed}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return s.Code() != 0 }

// Code is how the ledger stores a status: its place in Statuses, from 1
// (migration 0004); 0 for none of them.
func (s Status) Code() int64 {
	switch s {
	case StatusEstimated:
		return 1
	case StatusPending:
		return 2
	case StatusApproved:
		return 3
	case StatusPaid:
		return 4
	case StatusReversed:
		return 5
	}
	return 0
}

// StatusOf is the status stored as code ("" for none).
func StatusOf(code int64) Status {
	if code < 1 || code > int64(len(Statuses)) {
		return ""
	}
	return Statuses[code-1]
}

// Count is a view count that a source may not have.
type Count struct {
	N     int64
	Valid bool
}

// Counted returns a known count.
func Counted(n int64) Count { return Count{N: n, Valid: true} }

// Entry is one movement of money as a source reported it, with where it came
// from. Amount is signed as the change to the balance of the account the
// source describes: earnings positive; fees, reversals, expenses and payouts
// out negative.
type Entry struct {
	ID             int64
	Date           time.Time // a calendar date, UTC midnight
	Platform       string    // slug: tiktok, youtube, amazon-associates, ing
	Program        string    // slug: creator-rewards, live-gifts, associates
	Kind           Kind
	Amount         decimal.Decimal
	Currency       string // ISO 4217
	ExternalID     string // video id, order id, invoice number, payout reference
	Views          Count
	QualifiedViews Count
	Status         Status
	Counterparty   string
	Description    string

	// Invoice holds the facts of a sponsorship invoice that the entry has no
	// field for (due and paid date, VAT, disclosure...), from the invoice
	// template; nil for every other source. The import stores them with
	// the version of the entry it writes (invoice.go).
	Invoice *InvoiceFacts

	// Provenance: the import and the file line of this version, and the row
	// as it was read.
	ImportID int64
	Line     int
	Raw      string
}

// Validate checks everything the ledger requires of an entry before it is
// stored. The error wraps ErrInvalid.
func (e *Entry) Validate() error {
	year := e.Date.Year()
	switch {
	case e.Date.IsZero():
		return Invalid("date is missing")
	case year < 1900 || year > 2199:
		return Invalid("date %s is out of range", e.Date.Format(DateLayout))
	case !ValidSlug(e.Platform):
		return Invalid("platform %q is not a slug (lower-case letters, digits, '-')", e.Platform)
	case !ValidSlug(e.Program):
		return Invalid("program %q is not a slug (lower-case letters, digits, '-')", e.Program)
	case !e.Kind.Valid():
		return Invalid("kind %q is not one of %v", e.Kind, Kinds)
	case !e.Status.Valid():
		return Invalid("status %q is not one of %v", e.Status, Statuses)
	case !ValidCurrency(e.Currency):
		return Invalid("currency %q is not an ISO 4217 code", e.Currency)
	case e.Views.Valid && e.Views.N < 0:
		return Invalid("views %d is negative", e.Views.N)
	case e.QualifiedViews.Valid && e.QualifiedViews.N < 0:
		return Invalid("qualified views %d is negative", e.QualifiedViews.N)
	case e.Views.Valid && e.QualifiedViews.Valid && e.QualifiedViews.N > e.Views.N:
		return Invalid("qualified views %d exceed views %d", e.QualifiedViews.N, e.Views.N)
	}
	if _, err := ToMicro(e.Amount); err != nil {
		return Invalid("amount %v", err)
	}
	// The two postings of an entry (see Postings) balance by construction.
	return nil
}

// Invalid is a validation error: the formatted text, wrapping ErrInvalid.
func Invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// ValidSlug reports whether s is a non-empty identifier of lower-case ASCII
// letters, digits and inner '-', '.' or '_'.
func ValidSlug(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case (c == '-' || c == '.' || c == '_') && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return true
}
