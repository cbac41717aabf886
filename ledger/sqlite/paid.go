package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// eachPaidDay calls fn, day by day from q.From to q.To, with the income
// paid on each day (groups keyed by that day, the class and status of the
// income), for the classes asked.
func (db *DB) eachPaidDay(ctx context.Context, tx *sql.Tx, q ledger.IncomeQuery, classes map[int64]ledger.IncomeClass, fn func(day int64, groups []totalRow) error) error {
	settled, err := settledIncome(ctx, tx, 0, 99991231)
	if err != nil {
		return err
	}
	byDay, err := db.paidIncome(ctx, classes, settled)
	if err != nil {
		return err
	}
	lo, hi := int64(0), int64(99991231)
	if !q.From.IsZero() {
		lo = ledger.DayNumber(q.From)
	}
	if !q.To.IsZero() {
		hi = ledger.DayNumber(q.To)
	}
	days := make([]int64, 0, len(byDay))
	for d := range byDay {
		if d >= lo && d <= hi {
			days = append(days, d)
		}
	}
	slices.Sort(days)
	for _, d := range days {
		gs := make([]totalRow, 0, len(byDay[d]))
		for k, sum := range byDay[d] {
			gs = append(gs, totalRow{key: totalKeyOf(d, k.class(), k.statusCode()), totalSum: sum})
		}
		slices.SortFunc(gs, func(a, b totalRow) int { return cmp.Compare(a.key, b.key) })
		if err := fn(d, gs); err != nil {
			return err
		}
	}
	return nil
}

// paidFlow is one balance in one currency, day by day.
type paidFlow struct {
	days    []int64                 // days with movements, ascending
	net     []int64                 // each day's movements, payouts left out
	income  []map[totalKey]totalSum // each day's income asked for, by group
	arrived []ledger.Arrival
}

// paidIncome works out, by the day it was paid, the income of the classes
// asked for: day paid -> group (its key's day is the day earned) -> sums.
func (db *DB) paidIncome(ctx context.Context, classes map[int64]ledger.IncomeClass, settled map[int64][]totalRow) (map[int64]map[totalKey]totalSum, error) {
	all, err := db.entryClasses(ctx)
	if err != nil {
		return nil, err
	}
	bmap, err := db.balanceMap(ctx)
	if err != nil {
		return nil, err
	}
	rules, err := db.Rules(ctx)
	if err != nil {
		return nil, err
	}
	instant := map[ledger.Balance]bool{}
	for _, r := range rules {
		if len(r.Schedule) > 0 && r.Schedule[0].Kind == ledger.Instant {
			instant[ledger.Balance{Platform: r.Platform, Program: r.Program}] = true
		}
	}
	out := map[int64]map[totalKey]totalSum{}
	count := func(on int64, k totalKey, sum totalSum) {
		m := out[on]
		if m == nil {
			m = map[totalKey]totalSum{}
			out[on] = m
		}
		t := m[k]
		t.amount += sum.amount
		t.entries += sum.entries
		m[k] = t
	}
	flows := map[ledger.BalanceKey]*paidFlow{}
	add := func(g totalRow, movement bool) {
		c := all[g.key.class()]
		if ledger.IsBank(c.platform) || ledger.NotBalances[c.platform] || c.kind == ledger.KindPayout || !c.kind.Counts(ledger.StatusOf(g.key.statusCode())) {
			return
		}
		b := bmap.Of(c.platform, c.program)
		_, wanted := classes[g.key.class()]
		wanted = wanted && c.kind.IsIncome()
		if instant[b] {
			if wanted {
				count(g.key.day(), g.key, g.totalSum)
			}
			return
		}
		k := ledger.BalanceKey{Balance: b, Currency: c.currency}
		f := flows[k]
		if f == nil {
			f = &paidFlow{}
			flows[k] = f
		}
		day := g.key.day()
		i, found := slices.BinarySearch(f.days, day)
		if !found {
			f.days, f.net, f.income = slices.Insert(f.days, i, day), slices.Insert(f.net, i, 0), slices.Insert(f.income, i, nil)
		}
		if movement {
			f.net[i] += g.amount
		}
		if wanted {
			if f.income[i] == nil {
				f.income[i] = map[totalKey]totalSum{}
			}
			t := f.income[i][g.key]
			t.amount += g.amount
			t.entries += g.entries
			f.income[i][g.key] = t
		}
	}
	err = db.eachTotal(ctx, 0, 99991231, func(g totalRow) error {
		add(g, true)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// A payment that settles an invoice stays in its balance but is not
	// its income: the invoice is.
	for _, gs := range settled {
		for _, g := range gs {
			add(g, false)
		}
	}
	arrivals, err := db.arrivals(ctx)
	if err != nil {
		return nil, err
	}
	// Each platform's arrivals in any currency, for money converted before
	// its payout.
	byPlatform := map[string][]int64{}
	for k, as := range arrivals {
		if f := flows[k]; f != nil {
			f.arrived = as
		}
		for _, a := range as {
			byPlatform[k.Platform] = append(byPlatform[k.Platform], a.Day)
		}
	}
	for _, days := range byPlatform {
		slices.Sort(days)
	}
	for k, f := range flows {
		cumArrived := make([]int64, len(f.arrived))
		var sum, cum int64
		for i, a := range f.arrived {
			sum += a.Amount
			cumArrived[i] = sum
		}
		// need[i]: what must have reached the bank for day i's money to be
		// out: the balance at the end of the day, or less when later fees,
		// refunds or transfers take part of it (the least balance from
		// then on).
		need := make([]int64, len(f.days))
		for i := range f.days {
			cum += f.net[i]
			need[i] = cum
		}
		for i := len(need) - 2; i >= 0; i-- {
			need[i] = min(need[i], need[i+1])
		}
		for i, day := range f.days {
			if f.income[i] == nil {
				continue
			}
			// The first arrival on or after day by which what reached the
			// bank covers it.
			need := need[i]
			k1, _ := slices.BinarySearch(cumArrived, need)
			k2 := sort.Search(len(f.arrived), func(x int) bool { return f.arrived[x].Day >= day })
			var on int64
			if j := max(k1, k2); j < len(f.arrived) {
				on = f.arrived[j].Day
			} else if need <= 0 {
				// Nothing of it is left in this currency: it was converted,
				// and the platform's next payout takes it.
				ds := byPlatform[k.Platform]
				if n := sort.Search(len(ds), func(x int) bool { return ds[x] >= day }); n < len(ds) {
					on = ds[n]
				}
			}
			if on == 0 {
				continue // not paid yet
			}
			for g, s := range f.income[i] {
				count(on, g, s)
			}
		}
	}
	if err := db.paidInvoices(ctx, classes, count); err != nil {
		return nil, err
	}
	return out, nil
}

// arrivals reads the payouts that reached the bank, by balance and
// currency, in date order: the matched payouts' amounts on their deposit's
// day, and the deposits that stand for a payout.
func (db *DB) arrivals(ctx context.Context) (map[ledger.BalanceKey][]ledger.Arrival, error) {
	out := map[ledger.BalanceKey][]ledger.Arrival{}
	rows, err := db.sql.QueryContext(ctx, `SELECT e.day, m.platform, m.program, m.amount, m.currency FROM matches m JOIN entries e ON e.id = m.entry_id
		WHERE m.kind = 1 AND m.origin IN (1, 2) ORDER BY e.day, e.id`)
	if isNoTable(err) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k ledger.BalanceKey
		var a ledger.Arrival
		if err := rows.Scan(&a.Day, &k.Platform, &k.Program, &a.Amount, &k.Currency); err != nil {
			return nil, err
		}
		out[k] = append(out[k], a)
	}
	return out, rows.Err()
}

// paidInvoices counts each sponsorship invoice, with its credit notes, on
// the day it was paid: the payment that completes it, or its paid date.
func (db *DB) paidInvoices(ctx context.Context, classes map[int64]ledger.IncomeClass, count func(on int64, k totalKey, sum totalSum)) error {
	invs, err := db.Invoices(ctx)
	if err != nil {
		return err
	}
	pays, err := db.InvoicePayments(ctx)
	if err != nil {
		return err
	}
	byClass := map[ledger.IncomeClass]int64{}
	for id, c := range classes {
		byClass[c] = id
	}
	paidOn := map[string]int64{} // invoice number: day paid
	for _, inv := range invs {
		if inv.Amount.IsNegative() {
			continue
		}
		var day int64
		due, paid := inv.Gross(), decimal.Zero
		for _, p := range pays[inv.EntryID] {
			paid = paid.Add(p.Amount)
			day = ledger.DayNumber(p.Date)
			if paid.GreaterThanOrEqual(due.Sub(due.Mul(ledger.PaidTolerance))) {
				break
			}
		}
		if len(pays[inv.EntryID]) == 0 || paid.LessThan(due.Sub(due.Mul(ledger.PaidTolerance))) {
			day = 0
			if !inv.Paid.IsZero() {
				day = ledger.DayNumber(inv.Paid)
			}
		}
		if day != 0 {
			paidOn[strings.ToUpper(inv.Number)] = day
		}
	}
	for _, inv := range invs {
		number := inv.Number
		if inv.Amount.IsNegative() {
			number = inv.Corrects
		}
		day := paidOn[strings.ToUpper(number)]
		if day == 0 {
			continue
		}
		kind := ledger.KindEarning
		if inv.Amount.IsNegative() {
			kind = ledger.KindReversal
		}
		id, ok := byClass[ledger.IncomeClass{Platform: "sponsorship", Program: inv.Platform, Currency: inv.Currency, Kind: kind}]
		if !ok {
			continue // not asked for (--platform)
		}
		amount, err := ledger.ToMicro(inv.Amount)
		if err != nil {
			return fmt.Errorf("invoice %s: %w", inv.Number, err)
		}
		count(day, totalKeyOf(ledger.DayNumber(inv.Issued), id, ledger.StatusPaid.Code()), totalSum{amount: amount, entries: 1})
	}
	return nil
}
