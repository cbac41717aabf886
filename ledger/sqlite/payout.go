package sqlite

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/creatorledger/creatorledger/ledger"
)

// PendingPayouts computes, for every balance a platform keeps, what can be
// withdrawn, what is pending, the threshold rule that applies and when the
// payout should come. It reads the daily totals, not the entries.
func (db *DB) PendingPayouts(ctx context.Context, q ledger.PendingQuery) (ledger.PendingReport, error) {
	asOf := ledger.Today(q.AsOf)
	rep := ledger.PendingReport{AsOf: asOf}
	var err error
	if rep.Profile, err = db.Profile(ctx); err != nil {
		return rep, err
	}
	rules, err := db.Rules(ctx)
	if err != nil {
		return rep, err
	}
	bmap, err := ledger.ShippedBalances()
	if err != nil {
		return rep, err
	}
	bmap = bmap.WithRules(rules)
	classes, err := db.entryClasses(ctx)
	if err != nil {
		return rep, fmt.Errorf("payouts pending: %w", err)
	}
	type classBalance struct {
		key    ledger.BalanceKey
		kind   ledger.Kind
		mapped bool // the class's platform and program are not the balance's
	}
	// --platform youtube: the whole balance YouTube's money is in.
	wanted := map[ledger.Balance]bool{}
	for _, c := range classes {
		if b := bmap.Of(c.platform, c.program); q.Platform == "" || q.Platform == c.platform || q.Platform == b.Platform {
			wanted[b] = true
		}
	}
	byClass := map[int64]classBalance{}
	for id, c := range classes {
		b := bmap.Of(c.platform, c.program)
		if ledger.IsBank(c.platform) || ledger.NotBalances[c.platform] || !wanted[b] {
			continue
		}
		byClass[id] = classBalance{ledger.BalanceKey{Balance: b, Currency: c.currency}, c.kind, b != ledger.Balance{Platform: c.platform, Program: c.program}}
	}
	accs := map[ledger.BalanceKey]*ledger.BalanceAcc{}
	asOfDay, asOfMonth := ledger.DayNumber(asOf), ledger.DayNumber(asOf)/100
	err = db.eachTotal(ctx, 0, asOfDay, func(g totalRow) error {
		cb, ok := byClass[g.key.class()]
		if !ok {
			return nil
		}
		a := accs[cb.key]
		if a == nil {
			a = &ledger.BalanceAcc{Monthly: map[int64]int64{}}
			accs[cb.key] = a
		}
		a.Mapped = a.Mapped || cb.mapped
		day, status := g.key.day(), ledger.StatusOf(g.key.statusCode())
		var d ledger.DayAmounts
		switch {
		case !cb.kind.Counts(status):
			return nil // reversed by the platform: neither owed nor paid
		case cb.kind == ledger.KindPayout:
			d.Payout = g.amount
		case status == ledger.StatusEstimated || status == ledger.StatusPending:
			a.Pending += g.amount
		case cb.kind == ledger.KindEarning || cb.kind == ledger.KindAdjustment:
			if status == ledger.StatusPaid {
				break // the platform says it paid it out
			}
			d.Holdable = g.amount
		default:
			d.Other = g.amount
		}
		if cb.kind.IsIncome() {
			a.Monthly[day/100] += g.amount
			if status == ledger.StatusEstimated && day/100 < asOfMonth {
				a.Estimated += g.amount
				if m := ledger.MonthLabel(day / 100); !slices.Contains(a.EstimatedIn, m) {
					a.EstimatedIn = append(a.EstimatedIn, m)
				}
			}
		}
		if d != (ledger.DayAmounts{}) {
			if n := len(a.Days); n > 0 && a.Days[n-1].Day == day {
				a.Days[n-1].Holdable += d.Holdable
				a.Days[n-1].Other += d.Other
				a.Days[n-1].Payout += d.Payout
			} else {
				d.Day = day
				a.Days = append(a.Days, d)
			}
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("payouts pending: %w", err)
	}
	// Deposits that stand for a payout never imported lower the balance
	// on their day, as the payout would have.
	stands, err := db.standIns(ctx, asOfDay)
	if err != nil {
		return rep, fmt.Errorf("payouts pending: %w", err)
	}
	for _, s := range stands {
		a := accs[s.Key]
		if a == nil {
			if !wanted[s.Key.Balance] {
				continue
			}
			a = &ledger.BalanceAcc{Monthly: map[int64]int64{}}
			accs[s.Key] = a
		}
		i, found := slices.BinarySearchFunc(a.Days, s.Day, func(d ledger.DayAmounts, day int64) int { return cmp.Compare(d.Day, day) })
		if !found {
			a.Days = slices.Insert(a.Days, i, ledger.DayAmounts{Day: s.Day})
		}
		a.Days[i].Payout -= s.Amount
	}

	// A balance is paid in one currency: the reporting currency when the
	// platform has a rule for it, else its only one.
	byBalance := map[ledger.Balance][]string{}
	for k := range accs {
		byBalance[k.Balance] = append(byBalance[k.Balance], k.Currency)
	}
	for b, curs := range byBalance {
		sort.Strings(curs)
		payIn := ledger.PayoutCurrency(rules, b, rep.Profile, curs)
		for _, cur := range curs {
			row, instant := ledger.PendingRowOf(rules, bmap, b, cur, payIn, rep.Profile, accs[ledger.BalanceKey{Balance: b, Currency: cur}], asOf)
			if instant {
				rep.Notes = append(rep.Notes, fmt.Sprintf("%s/%s pays at the time of each sale and holds no balance: not listed", b.Platform, b.Program))
				continue
			}
			rep.Rows = append(rep.Rows, row)
		}
	}
	slices.SortFunc(rep.Rows, func(a, b ledger.PendingRow) int {
		return cmp.Or(cmp.Compare(a.Platform, b.Platform), cmp.Compare(a.Program, b.Program), cmp.Compare(a.Currency, b.Currency))
	})
	sort.Strings(rep.Notes)
	rep.Notes = slices.Compact(rep.Notes)
	return rep, nil
}

// standIns reads the deposits up to day to that stand for a payout.
func (db *DB) standIns(ctx context.Context, to int64) ([]ledger.StandIn, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT e.day, m.platform, m.program, m.currency, m.amount FROM matches m JOIN entries e ON e.id = m.entry_id
		WHERE m.kind = 1 AND m.target_id = 0 AND m.origin IN (1, 2) AND e.day <= ? ORDER BY e.day`, to)
	if isNoTable(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ledger.StandIn
	for rows.Next() {
		var s ledger.StandIn
		if err := rows.Scan(&s.Day, &s.Key.Platform, &s.Key.Program, &s.Key.Currency, &s.Amount); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
