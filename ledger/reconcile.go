package ledger

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/shopspring/decimal"
)

// Reconciliation places money that reached the bank: a bank deposit from a
// platform is that platform's payout arriving (a transfer, never income a
// second time), and a payment that names a sponsorship invoice settles the
// invoice (counted once, as the invoice). The matches are kept in the
// ledger (table matches): the reconciliation's own are rebuilt on every
// run; the user's (payouts match, payouts unmatch) stay.

// MatchKind says what a match connects.
type MatchKind int

// The kinds of match.
const (
	MatchPayout  MatchKind = 1 // a bank deposit is a platform payout's arrival
	MatchInvoice MatchKind = 2 // a payment settles a sponsorship invoice
)

// MatchOrigin says who made a match.
type MatchOrigin int

// The origins of a match.
const (
	MatchedAuto   MatchOrigin = 1 // the reconciliation found it
	MatchedByUser MatchOrigin = 2 // payouts match
	RefusedByUser MatchOrigin = 3 // payouts unmatch: never proposed again
)

func (o MatchOrigin) String() string {
	switch o {
	case MatchedAuto:
		return "auto"
	case MatchedByUser:
		return "user"
	case RefusedByUser:
		return "refused"
	}
	return "?"
}

// Match connects a deposit or payment (EntryID) with what it settles
// (TargetID): a platform payout, or a sponsorship invoice. TargetID 0 is a
// deposit from a platform whose payout was not imported: the deposit stands
// for the payout and lowers the platform balance.
type Match struct {
	ID       int64
	Kind     MatchKind
	EntryID  int64
	TargetID int64
	Balance  Balance         // the balance settled (sponsorship and the deliverable's platform for an invoice)
	Amount   decimal.Decimal // what it settles, in Currency (the target's)
	Currency string
	Origin   MatchOrigin
	Why      string
}

// Tolerances of a deposit against its payout: banks take a fee for an
// incoming foreign transfer, and convert at their own rate rather than the
// ECB's.
var (
	SameCurrencyTolerance  = decimal.RequireFromString("0.02") // 2% less or more
	CrossCurrencyTolerance = decimal.RequireFromString("0.04") // 4%, after converting at the ECB rate
)

// Date window of a deposit: from a few days before the payout's date (the
// platform dates its payout when it is issued; some banks book value dates
// earlier) to the rule's arrival days plus a grace period after it.
const (
	depositEarlyDays   = 3
	defaultArrivalDays = 10
	arrivalGraceDays   = 7
	// standInDays: a deposit does not stand for a payout when one of its
	// platform that no deposit matched was made this many days before it.
	standInDays = 60
)

// PaymentPlatforms are the platforms whose received payments may be a
// brand paying a sponsorship invoice (with bank deposits).
var PaymentPlatforms = map[string]bool{"paypal": true, "stripe": true}

// Unplaced is a deposit from a platform that no payout could be matched to.
type Unplaced struct {
	Deposit Entry
	Balance Balance
	Why     string
}

// NotArrived is a platform payout that no bank deposit matches although
// the bank statements reach past its arrival window.
type NotArrived struct {
	Payout   Entry
	Balance  Balance
	Expected time.Time // the last day it was expected
}

// Reconciliation is what payouts reconcile reports.
type Reconciliation struct {
	AsOf       time.Time
	Matches    []Match         // in force: the reconciliation's and the user's
	Entries    map[int64]Entry // every entry the matches and lists name
	Unplaced   []Unplaced
	NotArrived []NotArrived
	Invoices   []InvoiceState
	Gaps       []StatementGap
	Others     int      // bank deposits from no known platform (not listed)
	Notes      []string // what applies to all
	Stored     bool     // the matches were written to the ledger
}

// ReconInput is everything the matching reads.
type ReconInput struct {
	AsOf     time.Time
	Deposits []Entry // bank movements with a positive amount
	Payouts  []Entry // platform payouts (negative amounts)
	Payments []Entry // payments received on payment platforms
	BankEnd  int64   // the last day any bank statement covers
	Invoices []Invoice
	Patterns []DepositPattern
	BMap     BalanceMap
	Arrival  map[string]int // balance platform: most arrival days of its rules
	Rates    *RateTable
	User     []Match // the user's matches and refusals

	// Indexes reconcile builds.
	refusals  map[[2]int64]bool      // entry, target (0: refused as a stand-in)
	balanceOf map[int64]Balance      // payout id: its balance
	byBalance map[string][]payoutRef // balance platform: its payouts, by date
	scratch   []byte                 // depositFrom's and eachWord's

	FirstEarned map[string]int64 // balance platform: the first day it earned anything (ReconInput)
}

// refused reports whether the user refused the pair.
func (in *ReconInput) refused(entry, target int64) bool {
	return in.refusals[[2]int64{entry, target}] || in.refusals[[2]int64{entry, 0}]
}

// index builds the look-ups the matching needs, so that it costs about
// the log of the payouts per deposit rather than all of them.
func (in *ReconInput) index() {
	in.refusals = map[[2]int64]bool{}
	for _, m := range in.User {
		if m.Origin == RefusedByUser {
			in.refusals[[2]int64{m.EntryID, m.TargetID}] = true
		}
	}
	in.balanceOf = make(map[int64]Balance, len(in.Payouts))
	in.byBalance = map[string][]payoutRef{}
	byDate := func(a, b Entry) int { return a.Date.Compare(b.Date) }
	if !slices.IsSortedFunc(in.Payouts, byDate) {
		slices.SortStableFunc(in.Payouts, byDate)
	}
	for i := range in.Payouts {
		p := &in.Payouts[i]
		b := in.BMap.Of(p.Platform, p.Program)
		in.balanceOf[p.ID] = b
		paid, err := ToMicro(p.Amount.Neg())
		if err != nil {
			paid = -1 // too large for the ledger: never fits
		}
		in.byBalance[b.Platform] = append(in.byBalance[b.Platform], payoutRef{p, paid})
	}
}

// payoutRef is a payout and what it paid out, in micro-units.
type payoutRef struct {
	*Entry
	paid int64
}

// payoutsAround returns the payouts of a balance platform dated from from
// to to (inclusive).
func (in *ReconInput) payoutsAround(platform string, from, to time.Time) []payoutRef {
	ps := in.byBalance[platform]
	i := sort.Search(len(ps), func(i int) bool { return !ps[i].Date.Before(from) })
	j := sort.Search(len(ps), func(i int) bool { return ps[i].Date.After(to) })
	if i >= j {
		return nil
	}
	return ps[i:j]
}

// Reconcile matches deposits with payouts and payments with invoices. It is
// deterministic: the same ledger gives the same matches.
func Reconcile(in *ReconInput) Reconciliation {
	r := Reconciliation{AsOf: in.AsOf, Entries: map[int64]Entry{}}
	taken := map[int64]bool{} // entries placed: deposits, payments and payouts
	for _, m := range in.User {
		if m.Origin == MatchedByUser {
			r.Matches = append(r.Matches, m)
			taken[m.EntryID] = true
			if m.Kind == MatchPayout && m.TargetID != 0 {
				taken[m.TargetID] = true
			}
		}
	}
	in.index()
	// Deposits, oldest first: each takes the best unplaced payout of its
	// platform in its window.
	var toInvoices []*Entry
	for i := range in.Deposits {
		d := &in.Deposits[i]
		if taken[d.ID] {
			continue
		}
		pat, ok := in.depositFrom(d.Counterparty, d.Description)
		if !ok {
			toInvoices = append(toInvoices, d)
			continue
		}
		m, unplaced, ok := in.placeDeposit(d, pat, taken)
		if !ok {
			r.Unplaced = append(r.Unplaced, unplaced)
			continue
		}
		r.Matches = append(r.Matches, m)
		taken[d.ID] = true
		if m.TargetID != 0 {
			taken[m.TargetID] = true
		}
	}
	// Payouts that never arrived: past their window while the bank
	// statements reach beyond it.
	for i := range in.Payouts {
		p := &in.Payouts[i]
		if taken[p.ID] || !p.Kind.Counts(p.Status) {
			continue
		}
		b := in.balanceOf[p.ID]
		last := p.Date.AddDate(0, 0, in.arrivalDays(b.Platform)+arrivalGraceDays)
		if DayNumber(last) < DayNumber(in.AsOf) && DayNumber(last) <= in.BankEnd {
			r.NotArrived = append(r.NotArrived, NotArrived{Payout: *p, Balance: b, Expected: last})
		}
	}
	// Payments and the deposits no platform claims may pay invoices.
	// Both come in date order: merged, not sorted.
	byDay := func(a, b *Entry) int { return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID)) }
	payers := make([]*Entry, 0, len(in.Payments)+len(toInvoices))
	j := 0
	for i := range in.Payments {
		for j < len(toInvoices) && byDay(toInvoices[j], &in.Payments[i]) < 0 {
			payers = append(payers, toInvoices[j])
			j++
		}
		payers = append(payers, &in.Payments[i])
	}
	payers = append(payers, toInvoices[j:]...)
	if !slices.IsSortedFunc(payers, byDay) { // a caller's input out of order
		slices.SortStableFunc(payers, byDay)
	}
	r.Matches = append(r.Matches, in.settleInvoices(payers, taken, &r)...)
	for _, d := range toInvoices {
		if !taken[d.ID] {
			r.Others++
		}
	}
	slices.SortFunc(r.Matches, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.EntryID, b.EntryID), cmp.Compare(a.TargetID, b.TargetID))
	})
	return r
}

// arrivalDays is the most days a payout of the balance platform takes to
// arrive, by its rules (a default when they do not say).
func (in *ReconInput) arrivalDays(platform string) int {
	if n := in.Arrival[platform]; n > 0 {
		return n
	}
	return defaultArrivalDays
}

// placeDeposit finds the payout deposit d is the arrival of, or, when no
// payout of its platform was imported around its date, makes d stand for
// it. ok is false when d cannot be placed; unplaced says why.
func (in *ReconInput) placeDeposit(d *Entry, pat DepositPattern, taken map[int64]bool) (Match, Unplaced, bool) {
	balanceOf := in.balanceOf
	from := fmt.Sprintf("%s matches %s (pattern %s)", DescribeParty(*d), pat.Balance.Platform, pat.Pattern)
	deposit, err := ToMicro(d.Amount)
	if err != nil {
		return Match{}, Unplaced{Deposit: *d, Balance: pat.Balance, Why: from + ": " + err.Error()}, false
	}
	// The candidates: off is |deposit - payout| / payout in parts per
	// million, the payout converted to the deposit's currency (a ratio,
	// not money); noRate marks one whose amount cannot be compared.
	type candidate struct {
		p      *Entry
		off    int64
		days   int
		noRate bool
		fits   bool
	}
	var cands []candidate
	sameTol, crossTol := SameCurrencyTolerance.Shift(6).IntPart(), CrossCurrencyTolerance.Shift(6).IntPart() // parts per million
	late := in.arrivalDays(pat.Balance.Platform) + arrivalGraceDays
	for _, ref := range in.payoutsAround(pat.Balance.Platform, d.Date.AddDate(0, 0, -late), d.Date.AddDate(0, 0, depositEarlyDays)) {
		p := ref.Entry
		b := balanceOf[p.ID]
		if taken[p.ID] || (pat.Balance.Program != "*" && b.Program != pat.Balance.Program) ||
			!p.Kind.Counts(p.Status) || ref.paid <= 0 || in.refused(d.ID, p.ID) {
			continue
		}
		days := int(d.Date.Sub(p.Date).Hours() / 24)
		if days > in.arrivalDays(b.Platform)+arrivalGraceDays {
			continue
		}
		c := candidate{p: p, days: days}
		tol, paid := sameTol, ref.paid
		if p.Currency != d.Currency {
			tol = crossTol
			v, _, ok := in.Rates.Convert(p.Amount.Neg(), p.Currency, d.Currency, d.Date)
			if !ok {
				c.noRate, c.off, c.fits = true, 1_000_000, true
				cands = append(cands, c)
				continue
			}
			var err error
			if paid, err = ToMicro(v.Round(MicroDigits)); err != nil || paid <= 0 {
				continue
			}
		}
		diff := deposit - paid
		if diff < 0 {
			diff = -diff
		}
		c.off = 1 << 62
		if diff < 1<<62/1_000_000 {
			c.off = diff * 1_000_000 / paid
			if diff*1_000_000%paid != 0 {
				c.off++ // round up: a fit is never a rounding's gift
			}
		}
		c.fits = c.off <= tol
		cands = append(cands, c)
	}
	// The best first: one that fits, then the closest amount, then the
	// closest day.
	if len(cands) > 1 {
		best := slices.MinFunc(cands, func(a, b candidate) int {
			if a.fits != b.fits {
				if a.fits {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(a.off, b.off), cmp.Compare(abs(a.days), abs(b.days)), cmp.Compare(a.p.ID, b.p.ID))
		})
		cands[0] = best
	}
	// How a candidate's amount compares, in words (only for the one shown).
	compare := func(c candidate) string {
		p := c.p
		paid := p.Amount.Neg()
		if c.noRate {
			return fmt.Sprintf("payout %s %s %s: no ECB rate for %s on %s, amounts not compared", p.Date.Format(DateLayout),
				FormatAmount(paid, p.Currency), p.Currency, p.Currency+"/"+d.Currency, d.Date.Format(DateLayout))
		}
		s := fmt.Sprintf("payout %s %s %s", p.Date.Format(DateLayout), FormatAmount(paid, p.Currency), p.Currency)
		tol := SameCurrencyTolerance
		if p.Currency != d.Currency {
			tol = CrossCurrencyTolerance
			v, _, _ := in.Rates.Convert(paid, p.Currency, d.Currency, d.Date)
			s += fmt.Sprintf(" = %s %s at the ECB rate", FormatAmount(v.Round(2), d.Currency), d.Currency)
		}
		return s + fmt.Sprintf(", deposit %s%% off (within %s%%)", decimal.New(c.off, -4).Round(2), tol.Mul(decimal.NewFromInt(100)))
	}
	if len(cands) > 0 && cands[0].fits {
		c := cands[0]
		return Match{Kind: MatchPayout, EntryID: d.ID, TargetID: c.p.ID, Balance: balanceOf[c.p.ID],
			Amount: c.p.Amount.Neg(), Currency: c.p.Currency, Origin: MatchedAuto,
			Why: fmt.Sprintf("%s; %s, %s", from, compare(c), daysWords(c.days))}, Unplaced{}, true
	}
	un := Unplaced{Deposit: *d, Balance: pat.Balance}
	if len(cands) > 0 {
		un.Why = fmt.Sprintf("%s, but no payout of it fits: closest %s", from, compare(cands[0]))
		return Match{}, un, false
	}
	// A payout of the platform not long before that is still unplaced is
	// more likely this one, late, than a payout never imported.
	for _, ref := range in.payoutsAround(pat.Balance.Platform, d.Date.AddDate(0, 0, -standInDays), d.Date) {
		p := ref.Entry
		b := balanceOf[p.ID]
		days := int(d.Date.Sub(p.Date).Hours() / 24)
		if taken[p.ID] || b.Platform != pat.Balance.Platform || (pat.Balance.Program != "*" && b.Program != pat.Balance.Program) ||
			days < 0 || days > standInDays || in.refused(d.ID, p.ID) {
			continue
		}
		un.Why = fmt.Sprintf("%s; the %s payout of %s (%s %s), %d days before, is later than payouts take: if it is this one, payouts match %d %d",
			from, p.Platform, p.Date.Format(DateLayout), FormatAmount(p.Amount.Neg(), p.Currency), p.Currency, days, d.ID, p.ID)
		return Match{}, un, false
	}
	// No payout of the platform around the deposit: the deposit is the payout.
	if pat.Balance.Program == "*" {
		un.Why = fmt.Sprintf("%s, which keeps several balances and imported no payout around %s: say which with payouts match %d %s/PROGRAM",
			from, d.Date.Format(DateLayout), d.ID, pat.Balance.Platform)
		return Match{}, un, false
	}
	if in.refused(d.ID, 0) {
		un.Why = from + ", and you said it is not a payout of it"
		return Match{}, un, false
	}
	// A balance lowered by money the ledger never saw it earn would go
	// below zero: a statement older than the platform's exports.
	if first := in.FirstEarned[pat.Balance.Platform]; first == 0 || first > DayNumber(d.Date) {
		un.Why = fmt.Sprintf("%s, but the ledger has no %s earnings before %s, so no balance it could pay out: import the platform's earlier reports, or say it is a payout with payouts match %d %s/%s",
			from, pat.Balance.Platform, d.Date.Format(DateLayout), d.ID, pat.Balance.Platform, pat.Balance.Program)
		return Match{}, un, false
	}
	return Match{Kind: MatchPayout, EntryID: d.ID, Balance: pat.Balance, Amount: d.Amount, Currency: d.Currency, Origin: MatchedAuto,
		Why: fmt.Sprintf("%s; no %s payout imported around %s: the deposit stands for it", from, pat.Balance.Platform, d.Date.Format(DateLayout))}, Unplaced{}, true
}

// DescribeParty names a bank movement by its counterparty, or its
// description when it has none.
func DescribeParty(e Entry) string {
	s := e.Counterparty
	if s == "" {
		s = e.Description
	}
	if len([]rune(s)) > 40 {
		s = string([]rune(s)[:39]) + "…"
	}
	return s
}

func daysWords(days int) string {
	switch {
	case days == 0:
		return "same day"
	case days == 1:
		return "1 day after"
	case days > 1:
		return fmt.Sprintf("%d days after", days)
	case days == -1:
		return "1 day before"
	}
	return fmt.Sprintf("%d days before", -days)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// eachWord calls fn with each token of s an invoice number could be, in
// upper case: a run of letters, digits, '-', '_', '/' and '.', without a
// trailing '.' or '-', that has a digit. The token is only valid during
// the call (it lives in buf).
func eachWord(s string, buf *[]byte, fn func(w []byte)) {
	b := (*buf)[:0]
	digit := false
	flush := func() {
		for len(b) > 0 && (b[len(b)-1] == '.' || b[len(b)-1] == '-') {
			b = b[:len(b)-1]
		}
		if len(b) > 0 && digit {
			fn(b)
		}
		b, digit = b[:0], false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			b = append(b, c-'a'+'A')
		case c >= '0' && c <= '9':
			b, digit = append(b, c), true
		case c >= 'A' && c <= 'Z', c == '-', c == '_', c == '/', c == '.':
			b = append(b, c)
		default:
			flush()
		}
	}
	flush()
	*buf = b
}
