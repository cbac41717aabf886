package ledger

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// DefaultPaymentTerm is the payment term assumed for an invoice without a
// due date (one entered by hand): the Dutch statutory term between
// businesses when none was agreed (Burgerlijk Wetboek 6:119a), 30 days.
const DefaultPaymentTerm = 30

// The states of an invoice in the invoices report.
const (
	InvoiceStateOpen      = "open"      // not paid, not past its due date
	InvoiceStateOverdue   = "overdue"   // not paid, past its due date
	InvoiceStatePaid      = "paid"      // marked paid, or settled by payments
	InvoiceStateCredited  = "credited"  // credit notes take all of it back
	InvoiceStateCancelled = "cancelled" // its entry is marked reversed
	InvoiceStateCredit    = "credit"    // a credit note no invoice of the ledger takes
)

// AgingBuckets are the aging buckets of overdue invoices, by days past due.
var AgingBuckets = []string{"0-30", "31-60", "61-90", "90+"}

// AgingBucket is the bucket of an invoice days past its due date (> 0).
func AgingBucket(days int) string {
	switch {
	case days <= 30:
		return "0-30"
	case days <= 60:
		return "31-60"
	case days <= 90:
		return "61-90"
	}
	return "90+"
}

// Disclosure verdicts of a sponsored deliverable.
const (
	DisclosureOK      = ""        // marked as the Reclamecode asks
	DisclosureMissing = "missing" // the invoice says it was not marked
	DisclosureUnclear = "unclear" // marked, but with none of the recognised labels
	DisclosureUnknown = "unknown" // entered by hand: the ledger does not know
)

// disclosureWords are the hashtags the Dutch Reclamecode for social media
// (RSM) gives as examples of marking sponsored content; disclosurePhrases
// are the platforms' paid-partnership labels and their words.
var (
	disclosureWords   = []string{"#ad", "#adv", "#advertentie", "#spon", "#sponsored", "#gesponsord", "#reclame", "#gekregen"}
	disclosurePhrases = []string{"paid partnership", "betaalde samenwerking", "paid promotion", "betaalde promotie",
		"branded content", "advertentie", "sponsored", "gesponsord", "includes paid promotion"}
)

// DisclosureVerdict judges how a sponsored deliverable was marked.
func DisclosureVerdict(disclosure string) string {
	d := strings.ToLower(strings.TrimSpace(disclosure))
	if d == "" {
		return DisclosureMissing
	}
	for _, w := range strings.FieldsFunc(d, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '/' }) {
		for _, tag := range disclosureWords {
			if w == tag {
				return DisclosureOK
			}
		}
	}
	for _, p := range disclosurePhrases {
		if strings.Contains(d, p) {
			return DisclosureOK
		}
	}
	return DisclosureUnclear
}

// InvoiceQuery selects the invoices report.
type InvoiceQuery struct {
	AsOf  time.Time // the day the report is for; invoices issued after it are left out
	State string    // "" (all), "open" (not paid: open and overdue), "overdue" or "paid"
}

// InvoiceLine is one invoice (with the credit notes that correct it) or
// a credit note that corrects none of the ledger's invoices.
type InvoiceLine struct {
	Invoice
	State          string    // one of the InvoiceState constants
	DueOn          time.Time // Due, or Issued + DefaultPaymentTerm when the invoice states none
	DueAssumed     bool
	DaysPastDue    int             // open or overdue: days from DueOn to AsOf (negative: days left)
	Aging          string          // overdue: its AgingBuckets bucket
	PaidOn         time.Time       // paid: the paid date or the day of the last payment; zero when unknown
	DaysToPay      int             // paid with a known day: days from Issued to PaidOn
	CreditNotes    []string        // the numbers of the credit notes that correct it
	Net            decimal.Decimal // Amount with its credit notes, excluding VAT
	NetGross       decimal.Decimal // the same with VAT: what the brand owes in all
	Settled        decimal.Decimal // what payments settle of NetGross, as of AsOf (reconciliation)
	Outstanding    decimal.Decimal // what is still owed: NetGross - Settled, 0 once paid
	DisclosureFlag string          // DisclosureVerdict of the invoice's Disclosure (credit notes: DisclosureOK)
	Tier           *TierPlacement  // nil without a follower count for the platform or a tier in the currency
}

// InvoiceAging is the outstanding total of one currency by state and bucket.
type InvoiceAging struct {
	Currency string
	NotDue   decimal.Decimal
	Buckets  []decimal.Decimal // by AgingBuckets
	Total    decimal.Decimal
}

// Add counts an amount owed in its bucket: one of AgingBuckets, or ""
// when it is not yet due.
func (a *InvoiceAging) Add(bucket string, owed decimal.Decimal) {
	if bucket == "" {
		a.NotDue = a.NotDue.Add(owed)
	}
	for b, name := range AgingBuckets {
		if name == bucket {
			a.Buckets[b] = a.Buckets[b].Add(owed)
		}
	}
	a.Total = a.Total.Add(owed)
}

// InvoiceReport is the invoices report.
type InvoiceReport struct {
	AsOf  time.Time
	Lines []InvoiceLine
	Aging []InvoiceAging // by currency, of the lines shown
	// NoFollowers lists the platforms of invoices shown for which no
	// follower count is set, so that their fees are not placed in a tier.
	NoFollowers []string
}

// PaidPart is a payment that settles (part of) an invoice, in the
// invoice's currency.
type PaidPart struct {
	Day    time.Time
	Amount decimal.Decimal
}

// StateWanted reports whether a line in state s is asked for.
func StateWanted(s, want string) bool {
	switch want {
	case "":
		return true
	case InvoiceStateOpen:
		return s == InvoiceStateOpen || s == InvoiceStateOverdue || s == InvoiceStateCredit
	}
	return s == want
}

// InvoiceLines works out the lines of the invoices issued by AsOf, in the
// order of recs (SortInvoiceRecords) but for the credit notes that correct
// none of them: those come last, from lines[ordered:] on.
func InvoiceLines(recs []InvoiceRecord, pays map[int64][]PaidPart, asOf time.Time) (lines []InvoiceLine, ordered int) {
	lines = make([]InvoiceLine, 0, len(recs))
	byNumber := map[string]int{} // invoice number (upper case) and currency -> line
	var credits []InvoiceRecord
	for _, r := range recs {
		if r.Issued.After(asOf) {
			continue
		}
		if r.Amount.IsNegative() && r.Corrects != "" {
			credits = append(credits, r)
			continue
		}
		lines = append(lines, NewInvoiceLine(r))
		if !r.Amount.IsNegative() {
			byNumber[FoldNumber(r.Number)+" "+r.Currency] = len(lines) - 1
		}
	}
	ordered = len(lines)
	for _, c := range credits {
		i, ok := byNumber[FoldNumber(c.Corrects)+" "+c.Currency]
		if !ok {
			lines = append(lines, NewInvoiceLine(c))
			continue
		}
		l := &lines[i]
		l.CreditNotes = append(l.CreditNotes, c.Number)
		l.Net = l.Net.Add(c.Amount)
		l.NetGross = l.NetGross.Add(c.Gross())
	}
	for i := range lines {
		Settle(&lines[i], pays[lines[i].EntryID], asOf)
	}
	return lines, ordered
}

// NewInvoiceLine is an invoice's line before its payments (Settle): its
// net amount, and its due date, assumed DefaultPaymentTerm days after it
// was issued when the invoice has none.
func NewInvoiceLine(r InvoiceRecord) InvoiceLine {
	l := InvoiceLine{Invoice: r.Invoice, Net: r.Amount, NetGross: r.Gross(), DueOn: r.Due}
	if l.DueOn.IsZero() {
		l.DueOn, l.DueAssumed = r.Issued.AddDate(0, 0, DefaultPaymentTerm), true
	}
	switch {
	case r.Amount.IsNegative():
		l.DisclosureFlag = DisclosureOK // a credit note delivers nothing
	case !r.HasFacts:
		l.DisclosureFlag = DisclosureUnknown
	default:
		l.DisclosureFlag = DisclosureVerdict(r.Disclosure)
	}
	if r.Status == StatusPaid && r.Paid.IsZero() {
		l.State = InvoiceStatePaid // entered by hand as paid, the day unknown
	}
	if r.Status == StatusReversed && !r.Amount.IsNegative() {
		l.State = InvoiceStateCancelled // a credit note counts whatever its status (Kind.Counts)
	}
	return l
}

// Settle works out a line's state on AsOf from its paid date and payments.
func Settle(l *InvoiceLine, pays []PaidPart, asOf time.Time) {
	if l.State == InvoiceStateCancelled {
		return
	}
	// Payments by asOf; the last one that completes the amount is the day
	// it was paid.
	var last time.Time
	for _, p := range pays {
		if !p.Day.After(asOf) {
			l.Settled = l.Settled.Add(p.Amount)
			if p.Day.After(last) {
				last = p.Day
			}
		}
	}
	tolerance := decimal.New(1, -int32(MinorUnits(l.Currency))).Div(decimal.NewFromInt(2))
	switch {
	case !l.Paid.IsZero() && !l.Paid.After(asOf):
		l.State, l.PaidOn = InvoiceStatePaid, l.Paid
	case l.State == InvoiceStatePaid: // marked paid by hand, no day
	case len(pays) > 0 && l.NetGross.Sign() > 0 && l.Settled.GreaterThanOrEqual(l.NetGross.Sub(tolerance)):
		l.State, l.PaidOn = InvoiceStatePaid, last
	case !l.Amount.IsNegative() && l.NetGross.Sign() <= 0:
		l.State = InvoiceStateCredited
	default:
		l.DaysPastDue = DaysBetween(l.DueOn, asOf)
		l.State = InvoiceStateOpen
		if l.Amount.IsNegative() {
			l.State = InvoiceStateCredit
		} else if l.DaysPastDue > 0 {
			l.State, l.Aging = InvoiceStateOverdue, AgingBucket(l.DaysPastDue)
		}
		l.Outstanding = l.NetGross.Sub(l.Settled)
		return
	}
	l.DaysPastDue = 0
	if !l.PaidOn.IsZero() {
		l.DaysToPay = DaysBetween(l.Issued, l.PaidOn)
	}
}

// SponsorshipTier is a row of sponsorship_rates.csv: what a sponsored post
// typically fetches at a follower count, according to its source.
type SponsorshipTier struct {
	Tier            string
	FollowersMin    int64
	FollowersMax    int64 // 0: no upper bound
	Currency        string
	FeeLow, FeeHigh decimal.Decimal
	HasHigh         bool
	Source, Notes   string
}

// ShippedSponsorshipTiers reads schema/data/sponsorship_rates.csv.
func ShippedSponsorshipTiers() ([]SponsorshipTier, error) {
	var out []SponsorshipTier
	err := eachShippedRow("sponsorship_rates.csv", []string{"tier", "followers_min", "followers_max", "currency",
		"fee_low", "fee_high", "source", "notes"}, func(rec []string) error {
		t := SponsorshipTier{Tier: rec[0], Currency: rec[3], Source: rec[6], Notes: rec[7]}
		var err error
		if t.FollowersMin, err = strconv.ParseInt(rec[1], 10, 64); err != nil {
			return fmt.Errorf("followers_min %q", rec[1])
		}
		if rec[2] != "" {
			if t.FollowersMax, err = strconv.ParseInt(rec[2], 10, 64); err != nil {
				return fmt.Errorf("followers_max %q", rec[2])
			}
		}
		if t.FeeLow, err = decimal.NewFromString(rec[4]); err != nil {
			return fmt.Errorf("fee_low %q", rec[4])
		}
		if rec[5] != "" {
			if t.FeeHigh, err = decimal.NewFromString(rec[5]); err != nil {
				return fmt.Errorf("fee_high %q", rec[5])
			}
			t.HasHigh = true
		}
		out = append(out, t)
		return nil
	})
	return out, err
}

// TierPlacement places an invoice's fee in the follower tier of its
// platform's follower count: context, not a price.
type TierPlacement struct {
	Followers int64
	SponsorshipTier
	Place string // "below", "within" or "above" the tier's range
}

// PlaceFee finds the tier of followers in currency and places fee in it;
// nil when the shipped data has none.
func PlaceFee(tiers []SponsorshipTier, followers int64, fee decimal.Decimal, currency string) *TierPlacement {
	for _, t := range tiers {
		if t.Currency != currency || followers < t.FollowersMin || t.FollowersMax > 0 && followers >= t.FollowersMax {
			continue
		}
		p := &TierPlacement{Followers: followers, SponsorshipTier: t, Place: "within"}
		switch {
		case fee.LessThan(t.FeeLow):
			p.Place = "below"
		case t.HasHigh && fee.GreaterThan(t.FeeHigh):
			p.Place = "above"
		}
		return p
	}
	return nil
}
