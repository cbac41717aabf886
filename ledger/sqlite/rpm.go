package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// RPM computes revenue per 1,000 views per period, platform, program and
// currency (or per item), against the published estimates for the
// creator's country. It divides by qualified views where an entry has
// them and by views otherwise; income without either is left out and
// counted. The per-program report reads the daily totals; Items reads the
// entries of the period.
func (db *DB) RPM(ctx context.Context, q ledger.RPMQuery) (ledger.RPMReport, error) {
	rep := ledger.RPMReport{Unviewed: map[string]int64{}}
	if !q.By.Valid() {
		return rep, fmt.Errorf("%w: period %q is not month, quarter or year", ledger.ErrInvalid, q.By)
	}
	prof, err := db.Profile(ctx)
	if err != nil {
		return rep, err
	}
	ests, err := ledger.ShippedEstimates()
	if err != nil {
		return rep, err
	}
	classes, err := db.entryClasses(ctx)
	if err != nil {
		return rep, fmt.Errorf("rpm report: %w", err)
	}
	for id, c := range classes {
		if !c.kind.IsIncome() || (q.Platform != "" && c.platform != q.Platform) {
			delete(classes, id)
		}
	}
	from, to := int64(0), int64(99991231)
	if !q.From.IsZero() {
		from = ledger.DayNumber(q.From)
	}
	if !q.To.IsZero() {
		to = ledger.DayNumber(q.To)
	}
	type key struct{ period, platform, program, currency, item string }
	type sum struct {
		amount, views, entries int64
		lastDay                int64 // the period's last day with income: an estimate in another currency is converted at its rate
		qualified              bool
		title                  string
	}
	sums := map[key]*sum{}
	add := func(k key, day, amount, views, entries int64, qualified bool, title string) {
		s := sums[k]
		if s == nil {
			s = &sum{}
			sums[k] = s
		}
		s.lastDay = max(s.lastDay, day)
		s.amount += amount
		s.views += views
		s.entries += entries
		s.qualified = s.qualified || qualified
		if s.title == "" {
			s.title = title
		}
	}
	if q.Items {
		err = db.eachItem(ctx, classes, from, to, func(month int64, c entryClass, status int64, it ledger.ItemSum) {
			if !c.kind.Counts(ledger.StatusOf(status)) {
				return
			}
			pp := c.platform + "/" + c.program
			rep.Unviewed[pp] += it.Entries - it.Viewed
			if it.Viewed > 0 {
				add(key{q.By.Label(ledger.MonthLabel(month)), c.platform, c.program, c.currency, it.ID}, ledger.DayNumber(ledger.DateOfDay(month*100+1).AddDate(0, 1, -1)), it.Amount, it.Views, it.Viewed, it.Qualified, it.Title)
			}
		})
	} else {
		err = db.eachTotal(ctx, from, to, func(g totalRow) error {
			c, ok := classes[g.key.class()]
			if !ok || !c.kind.Counts(ledger.StatusOf(g.key.statusCode())) {
				return nil
			}
			pp := c.platform + "/" + c.program
			rep.Unviewed[pp] += g.entries - g.rpmEntries
			if g.rpmEntries > 0 {
				add(key{q.By.Label(ledger.MonthLabel(g.key.day() / 100)), c.platform, c.program, c.currency, ""}, g.key.day(), g.rpmAmount, g.rpmViews, g.rpmEntries, g.qviews > 0, "")
			}
			return nil
		})
	}
	if err != nil {
		return rep, fmt.Errorf("rpm report: %w", err)
	}
	for pp, n := range rep.Unviewed {
		if n == 0 {
			delete(rep.Unviewed, pp)
		}
	}
	thousand := decimal.NewFromInt(1000)
	var rates *ledger.RateTable // loaded when an estimate is in another currency
	for k, s := range sums {
		r := ledger.RPMRow{Period: k.period, Platform: k.platform, Program: k.program, Item: k.item, Title: s.title,
			Views: s.views, Qualified: s.qualified, Revenue: ledger.FromMicro(s.amount), Currency: k.currency, Verdict: ledger.VerdictNoEstimate}
		if s.views == 0 {
			// Entries that say they had no views: nothing to divide by.
			rep.Unviewed[k.platform+"/"+k.program] += s.entries
			continue
		}
		r.RPM = r.Revenue.Mul(thousand).DivRound(decimal.NewFromInt(s.views), ledger.RPMScale)
		if e, ok := ledger.ChooseEstimate(ests, k.platform, k.program, prof.Country); ok {
			r.Estimate, r.HasEst = e, true
			if e.Currency != k.currency {
				// Another currency: judged at the ECB rate of the period's
				// last day of income, when the ledger has one.
				if rates == nil {
					if rates, err = db.LoadRates(ctx); err != nil {
						return rep, err
					}
				}
				day := ledger.DateOfDay(s.lastDay)
				lo, _, okLo := rates.Convert(e.Low, e.Currency, k.currency, day)
				hi, _, okHi := rates.Convert(e.High, e.Currency, k.currency, day)
				if okLo && okHi {
					r.Converted = &ledger.Estimate{Platform: e.Platform, Program: e.Program, Country: e.Country, Currency: k.currency,
						Low: lo, High: hi, Confidence: e.Confidence, AsOf: e.AsOf, Source: e.Source, Notes: e.Notes}
					r.RateDay = day
				}
			}
			r.Verdict = r.Judged().Judge(r.RPM, k.currency)
		}
		rep.Rows = append(rep.Rows, r)
	}
	slices.SortFunc(rep.Rows, func(a, b ledger.RPMRow) int {
		return cmp.Or(cmp.Compare(a.Period, b.Period), cmp.Compare(a.Platform, b.Platform), cmp.Compare(a.Program, b.Program),
			cmp.Compare(a.Currency, b.Currency), -a.RPM.Cmp(b.RPM), cmp.Compare(a.Item, b.Item)) // the best item first
	})
	return rep, nil
}

// eachItem calls fn with the income of each item per month, class and
// status, from the entries of days from..to in classes. The entries are
// read once, in table order, and added up here: SQLite's GROUP BY over a
// few hundred thousand items took minutes on a 10M-entry ledger.
func (db *DB) eachItem(ctx context.Context, classes map[int64]entryClass, from, to int64,
	fn func(month int64, c entryClass, status int64, it ledger.ItemSum)) error {
	if len(classes) == 0 {
		return nil
	}
	ids := make([]string, 0, len(classes))
	for id := range classes {
		ids = append(ids, fmt.Sprint(id))
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT day, class_id, status, external_id, description, amount,
		views, qualified_views FROM entries WHERE class_id IN (`+strings.Join(ids, ",")+`) AND day BETWEEN ? AND ?`, from, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	type itemKey struct {
		month, class, status int64
		id                   string
	}
	items := map[itemKey]*ledger.ItemSum{}
	var keys []itemKey
	for rows.Next() {
		var k itemKey
		var day, amount int64
		var desc string
		var views, qviews sql.NullInt64
		if err := rows.Scan(&day, &k.class, &k.status, &k.id, &desc, &amount, &views, &qviews); err != nil {
			return err
		}
		k.month = day / 100
		it := items[k]
		if it == nil {
			it = &ledger.ItemSum{ID: k.id, Title: desc}
			items[k] = it
			keys = append(keys, k)
		}
		it.Entries++
		basis := views
		if qviews.Valid {
			basis, it.Qualified = qviews, true
		}
		if basis.Valid {
			it.Viewed++
			it.Amount += amount
			it.Views += basis.Int64
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, k := range keys {
		fn(k.month, classes[k.class], k.status, *items[k])
	}
	return nil
}
