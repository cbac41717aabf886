package sqlite

import (
	"context"
	"fmt"
	"sort"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// VATSummary adds up, per period, the VAT charged on sponsorship invoices
// by rate, the turnover excluding VAT by where the customer is (credit notes
// take theirs off), and the income from every other platform, all in euros
// at the ECB rate of each invoice's issue date (each income day's); and per
// year the turnover against the KOR threshold. Cancelled invoices (entries
// marked reversed) do not count.
func (db *DB) VATSummary(ctx context.Context, q ledger.VATQuery) (ledger.VATReport, error) {
	var rep ledger.VATReport
	if q.By != ledger.ByQuarter && q.By != ledger.ByYear {
		return rep, fmt.Errorf("%w: period %q is not quarter or year", ledger.ErrInvalid, q.By)
	}
	recs, err := db.invoiceRecords(ctx)
	if err != nil {
		return rep, err
	}
	rates, err := db.LoadRates(ctx)
	if err != nil {
		return rep, err
	}
	type key struct{ period, section, group string }
	sums := map[key]*ledger.VATRow{}
	add := func(k key, turnover, vat decimal.Decimal, n int) {
		r := sums[k]
		if r == nil {
			r = &ledger.VATRow{Period: k.period, Section: k.section, Group: k.group}
			sums[k] = r
		}
		r.Turnover, r.VAT, r.Invoices = r.Turnover.Add(turnover), r.VAT.Add(vat), r.Invoices+n
	}
	missing := map[ledger.MissingKey]int64{}
	years := map[string]bool{}
	for _, r := range recs {
		if r.Status == ledger.StatusReversed && !r.Amount.IsNegative() {
			continue
		}
		amount, miss, ok := rates.Convert(r.Amount, r.Currency, "EUR", r.Issued)
		vat, _, _ := rates.Convert(r.VAT, r.Currency, "EUR", r.Issued)
		if !ok {
			missing[ledger.MissingKey{Currency: miss, Day: ledger.DayNumber(r.Issued)}]++
			continue
		}
		period := q.By.Label(r.Issued.Format("2006-01"))
		year := r.Issued.Format("2006")
		years[year] = true
		charged := r.VATRate != nil && r.VATRate.Sign() > 0
		if charged {
			add(key{period, ledger.VATSectionRate, r.VATRate.String()}, amount, vat, 1)
		}
		loc := ledger.CustomerLocation(r.Country, charged)
		switch {
		case r.Country == "" && charged:
			rep.AssumedNL = append(rep.AssumedNL, r.Number)
		case loc == ledger.LocationUnknown:
			rep.Unknown = append(rep.Unknown, r.Number)
		}
		add(key{period, ledger.VATSectionCustomer, loc}, amount, vat, 1)
		if loc == ledger.LocationNL {
			add(key{year, ledger.VATSectionKOR, "nl"}, amount, decimal.Zero, 1)
		}
		add(key{year, ledger.VATSectionKOR, "all"}, amount, decimal.Zero, 1)
	}
	income, err := db.IncomeIn(ctx, ledger.IncomeQuery{By: q.By, Currency: "EUR"})
	if err != nil {
		return rep, err
	}
	for _, r := range income.Rows {
		if r.Platform == ledger.SponsorshipPlatform {
			continue
		}
		add(key{r.Period, ledger.VATSectionPlatform, ""}, r.Amount, decimal.Zero, 0)
		year := r.Period[:4]
		years[year] = true
		add(key{year, ledger.VATSectionKOR, "all"}, r.Amount, decimal.Zero, 0)
	}
	for k, n := range missing {
		rep.Missing = append(rep.Missing, ledger.MissingRate{Currency: k.Currency, Date: ledger.DateOfDay(k.Day), Entries: n})
	}
	for _, m := range income.Missing {
		if i := ledger.IndexMissing(rep.Missing, m); i >= 0 {
			rep.Missing[i].Entries += m.Entries
		} else {
			rep.Missing = append(rep.Missing, m)
		}
	}
	sort.Slice(rep.Missing, func(i, j int) bool {
		a, b := rep.Missing[i], rep.Missing[j]
		return a.Currency < b.Currency || a.Currency == b.Currency && a.Date.Before(b.Date)
	})
	for _, r := range sums {
		if r.Section == ledger.VATSectionKOR {
			r.Note = "below-threshold"
			if r.Turnover.GreaterThan(ledger.KORThreshold) {
				r.Note = "above-threshold"
			}
		}
		rep.Rows = append(rep.Rows, *r)
	}
	for y := range years { // every year has both KOR lines
		for _, g := range []string{"nl", "all"} {
			if sums[key{y, ledger.VATSectionKOR, g}] == nil {
				rep.Rows = append(rep.Rows, ledger.VATRow{Period: y, Section: ledger.VATSectionKOR, Group: g, Note: "below-threshold"})
			}
		}
	}
	sort.Slice(rep.Rows, func(i, j int) bool {
		a, b := rep.Rows[i], rep.Rows[j]
		if (a.Section == ledger.VATSectionKOR) != (b.Section == ledger.VATSectionKOR) {
			return b.Section == ledger.VATSectionKOR // the KOR lines last
		}
		if a.Period != b.Period {
			return a.Period < b.Period
		}
		if sa, sb := ledger.VATSectionOrder(a.Section), ledger.VATSectionOrder(b.Section); sa != sb {
			return sa < sb
		}
		return ledger.VATGroupLess(a.Section, a.Group, b.Group)
	})
	return rep, nil
}
