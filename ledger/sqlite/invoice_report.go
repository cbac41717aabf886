package sqlite

import (
	"context"
	"fmt"
	"sort"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// invoicePayments returns the payments that settle each invoice, by the
// invoice's entry id, as the reconciliation (payouts reconcile) matched
// them.
func (db *DB) invoicePayments(ctx context.Context) (map[int64][]ledger.PaidPart, error) {
	ps, err := db.InvoicePayments(ctx)
	if err != nil {
		return nil, err
	}
	out := map[int64][]ledger.PaidPart{}
	for id, list := range ps {
		for _, p := range list {
			out[id] = append(out[id], ledger.PaidPart{Day: p.Date, Amount: p.Amount})
		}
	}
	return out, nil
}

// InvoiceReport works out the state of every invoice on q.AsOf: open,
// overdue (with its aging bucket), paid (with the days it took), credited
// or cancelled, credit notes netted against the invoice they correct, each
// sponsored deliverable's disclosure judged and its fee placed in a
// follower tier (sponsorship_rates.csv) where the creator set a follower
// count for its platform.
func (db *DB) InvoiceReport(ctx context.Context, q ledger.InvoiceQuery) (ledger.InvoiceReport, error) {
	rep := ledger.InvoiceReport{AsOf: q.AsOf}
	switch q.State {
	case "", ledger.InvoiceStateOpen, ledger.InvoiceStateOverdue, ledger.InvoiceStatePaid:
	default:
		return rep, fmt.Errorf("%w: invoice status %q is not open, overdue or paid", ledger.ErrInvalid, q.State)
	}
	recs, err := db.invoiceRecords(ctx)
	if err != nil {
		return rep, err
	}
	pays, err := db.invoicePayments(ctx)
	if err != nil {
		return rep, err
	}
	prof, err := db.Profile(ctx)
	if err != nil {
		return rep, err
	}
	tiers, err := ledger.ShippedSponsorshipTiers()
	if err != nil {
		return rep, err
	}
	lines, _ := ledger.InvoiceLines(recs, pays, q.AsOf)
	recs = nil // the lines have copies: a large ledger's records can go
	// The wanted lines are moved down in place: each is written over the
	// line being read or one read before it.
	rep.Lines = lines[:0]
	noFollowers := map[string]bool{}
	aging := map[string]*ledger.InvoiceAging{}
	for i := range lines {
		l := &lines[i]
		if !ledger.StateWanted(l.State, q.State) {
			continue
		}
		if !l.Amount.IsNegative() {
			if n, ok := prof.Followers[l.Platform]; ok {
				l.Tier = ledger.PlaceFee(tiers, n, l.Net, l.Currency)
			} else {
				noFollowers[l.Platform] = true
			}
		}
		if l.Outstanding.Sign() > 0 { // a credit note on its own is not owed to you
			a := aging[l.Currency]
			if a == nil {
				a = &ledger.InvoiceAging{Currency: l.Currency, Buckets: make([]decimal.Decimal, len(ledger.AgingBuckets))}
				aging[l.Currency] = a
			}
			a.Add(l.Aging, l.Outstanding)
		}
		rep.Lines = append(rep.Lines, *l)
	}
	for _, a := range aging {
		rep.Aging = append(rep.Aging, *a)
	}
	sort.Slice(rep.Aging, func(i, j int) bool { return rep.Aging[i].Currency < rep.Aging[j].Currency })
	for p := range noFollowers {
		rep.NoFollowers = append(rep.NoFollowers, p)
	}
	sort.Strings(rep.NoFollowers)
	return rep, nil
}
