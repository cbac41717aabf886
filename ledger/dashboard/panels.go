package dashboard

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// maxMissingShown is how many missing rates the page names one by one.
const maxMissingShown = 20

type incomePanel struct {
	Currency     string
	Periods      []string
	Wide, Narrow chart
	Legend       []legendItem
	Platforms    []string    // the table's columns: every platform, the largest first
	Rows         []incomeRow // per month
	Footer       incomeRow   // per platform over the window
	Totals       []amountCur
	Programs     programs
	Missing      []ledger.MissingRate
	MoreMissing  int
	LeftOut      int64
}

type incomeRow struct {
	Period string
	Cells  []string
	Total  string
}

type amountCur struct{ Amount, Currency string }

type programs struct {
	Wide, Narrow chart
	Legend       []legendItem
	Rows         []programRow
}

type programRow struct{ Period, Platform, Program, Amount, Currency string }

// months lists the months from the one of first to the one of last.
func months(first, last string) []string {
	a, err1 := time.Parse("2006-01", first)
	b, err2 := time.Parse("2006-01", last)
	if err1 != nil || err2 != nil || b.Before(a) {
		return []string{first}
	}
	var out []string
	for m := a; !m.After(b); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}

func buildIncome(d Data) incomePanel {
	p := incomePanel{Currency: d.Currency, LeftOut: d.Income.LeftOut}
	p.Missing = d.Income.Missing
	if len(p.Missing) > maxMissingShown {
		p.Missing, p.MoreMissing = p.Missing[:maxMissingShown], len(p.Missing)-maxMissingShown
	}
	rows := d.Income.Rows
	totals := map[string]decimal.Decimal{}
	for _, r := range rows {
		totals[r.Currency] = totals[r.Currency].Add(r.Amount)
	}
	curs := make([]string, 0, len(totals))
	for c := range totals {
		curs = append(curs, c)
	}
	sort.Strings(curs)
	for _, c := range curs {
		p.Totals = append(p.Totals, amountCur{money(totals[c], c), c})
	}
	if len(rows) == 0 {
		return p
	}
	p.Periods = months(rows[0].Period, month(d.AsOf))
	at := map[string]int{}
	for i, m := range p.Periods {
		at[m] = i
	}
	cur := d.Currency

	// Per platform: the chart, its table, its legend.
	byPlatform := map[string][]decimal.Decimal{}
	has := map[string][]bool{}
	platformTotal := map[string]decimal.Decimal{}
	periodTotal := make([]decimal.Decimal, len(p.Periods))
	add := func(m map[string][]decimal.Decimal, h map[string][]bool, key string, i int, v decimal.Decimal) {
		if m[key] == nil {
			m[key], h[key] = make([]decimal.Decimal, len(p.Periods)), make([]bool, len(p.Periods))
		}
		m[key][i], h[key][i] = m[key][i].Add(v), true
	}
	byProgram, hasProgram := map[string][]decimal.Decimal{}, map[string][]bool{}
	programTotal := map[string]decimal.Decimal{}
	for _, r := range rows {
		i, ok := at[r.Period]
		if !ok {
			continue
		}
		add(byPlatform, has, r.Platform, i, r.Amount)
		platformTotal[r.Platform] = platformTotal[r.Platform].Add(r.Amount)
		periodTotal[i] = periodTotal[i].Add(r.Amount)
		pp := r.Platform + "/" + r.Program
		add(byProgram, hasProgram, pp, i, r.Amount)
		programTotal[pp] = programTotal[pp].Add(r.Amount)
		p.Programs.Rows = append(p.Programs.Rows, programRow{r.Period, r.Platform, r.Program, money(r.Amount, r.Currency), r.Currency})
	}
	ss, legend := stackOf(p.Periods, byPlatform, has, platformTotal)
	p.Legend = legend
	for _, s := range ss {
		if s.Colour != other {
			p.Platforms = append(p.Platforms, s.Name)
		}
	}
	for _, k := range sortedByTotal(platformTotal) {
		if !contains(p.Platforms, k) {
			p.Platforms = append(p.Platforms, k)
		}
	}
	title := "Income per month by platform, in " + cur
	desc := fmt.Sprintf("Stacked bars: one per month from %s to %s, a segment per platform; the table below holds the figures.",
		p.Periods[0], p.Periods[len(p.Periods)-1])
	p.Wide = stackedChart("income-wide", title, desc, cur, p.Periods, ss, periodTotal, 900)
	p.Wide.Class = "chart wide"
	p.Narrow = stackedChart("income-narrow", title, desc, cur, p.Periods, ss, nil, 360)
	p.Narrow.Class = "chart narrow"
	grand := decimal.Zero
	for i, m := range p.Periods {
		row := incomeRow{Period: m, Total: money(periodTotal[i], cur)}
		for _, k := range p.Platforms {
			cell := ""
			if has[k][i] {
				cell = money(byPlatform[k][i], cur)
			}
			row.Cells = append(row.Cells, cell)
		}
		p.Rows = append(p.Rows, row)
		grand = grand.Add(periodTotal[i])
	}
	p.Footer = incomeRow{Period: "total", Total: money(grand, cur)}
	for _, k := range p.Platforms {
		p.Footer.Cells = append(p.Footer.Cells, money(platformTotal[k], cur))
	}

	ps, plegend := stackOf(p.Periods, byProgram, hasProgram, programTotal)
	p.Programs.Legend = plegend
	title = "Income per month by platform and program, in " + cur
	desc = "Stacked bars: one per month, a segment per platform and program; the table below holds the figures."
	p.Programs.Wide = stackedChart("programs-wide", title, desc, cur, p.Periods, ps, periodTotal, 900)
	p.Programs.Wide.Class = "chart wide"
	p.Programs.Narrow = stackedChart("programs-narrow", title, desc, cur, p.Periods, ps, nil, 360)
	p.Programs.Narrow.Class = "chart narrow"
	return p
}

// stackOf makes the series of a stacked chart, the largest first, those
// past the palette summed as "other".
func stackOf(periods []string, values map[string][]decimal.Decimal, has map[string][]bool, totals map[string]decimal.Decimal) ([]series, []legendItem) {
	keys, colour, rest := ranked(totals)
	var ss []series
	var legend []legendItem
	for _, k := range keys {
		ss = append(ss, series{Name: k, Colour: colour[k], Values: values[k], Has: has[k]})
		legend = append(legend, legendItem{k, colour[k]})
	}
	if len(rest) > 0 {
		o := series{Name: "other (" + strconv.Itoa(len(rest)) + ")", Colour: other,
			Values: make([]decimal.Decimal, len(periods)), Has: make([]bool, len(periods))}
		for _, k := range rest {
			for i := range periods {
				if has[k][i] {
					o.Values[i], o.Has[i] = o.Values[i].Add(values[k][i]), true
				}
			}
		}
		ss = append(ss, o)
		legend = append(legend, legendItem{o.Name, other})
	}
	return ss, legend
}

func sortedByTotal(totals map[string]decimal.Decimal) []string {
	keys := make([]string, 0, len(totals))
	for k := range totals {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if c := totals[keys[i]].Abs().Cmp(totals[keys[j]].Abs()); c != 0 {
			return c > 0
		}
		return keys[i] < keys[j]
	})
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type rpmPanel struct {
	Charts []chart
	Rows   []rpmRow
	Notes  []string
}

type rpmRow struct {
	Period, Platform, Program, Views, Revenue, Currency, RPM, Low, High, Verdict string
}

// rpmRange is a row's estimate range as report rpm shows it: converted to
// the revenue's currency, or as published when it is in that currency.
func rpmRange(r ledger.RPMRow) (low, high decimal.Decimal, ok bool) {
	switch {
	case r.Converted != nil:
		return r.Converted.Low, r.Converted.High, true
	case r.HasEst && r.Estimate.Currency == r.Currency:
		return r.Estimate.Low, r.Estimate.High, true
	}
	return decimal.Zero, decimal.Zero, false
}

func buildRPM(d Data) rpmPanel {
	var p rpmPanel
	type key struct{ platform, program, currency string }
	var keys []key
	byKey := map[key][]ledger.RPMRow{}
	var ests []string
	for _, r := range d.RPM.Rows {
		k := key{r.Platform, r.Program, r.Currency}
		if byKey[k] == nil {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], r)
		row := rpmRow{Period: r.Period, Platform: r.Platform, Program: r.Program, Views: ledger.GroupThousands(strconv.FormatInt(r.Views, 10)),
			Revenue: money(r.Revenue, r.Currency), Currency: r.Currency, RPM: money(r.RPM, r.Currency), Verdict: string(r.Verdict)}
		if lo, hi, ok := rpmRange(r); ok {
			row.Low, row.High = money(lo, r.Currency), money(hi, r.Currency)
		}
		p.Rows = append(p.Rows, row)
		if r.HasEst {
			e := r.Estimate
			s := fmt.Sprintf("%s/%s: estimate %s-%s %s for %s (%s, %s), %s", e.Platform, e.Program,
				ledger.FormatAmount(e.Low, e.Currency), ledger.FormatAmount(e.High, e.Currency), e.Currency,
				countryName(e.Country), e.Confidence, orUndated(e.AsOf), e.Source)
			if r.Converted == nil && e.Currency != r.Currency {
				s += "; not comparable with " + r.Currency + " without an ECB rate"
			}
			if !contains(ests, s) {
				ests = append(ests, s)
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.platform != b.platform {
			return a.platform < b.platform
		}
		if a.program != b.program {
			return a.program < b.program
		}
		return a.currency < b.currency
	})
	for n, k := range keys {
		rows := byKey[k]
		at := map[string]ledger.RPMRow{}
		for _, r := range rows {
			at[r.Period] = r
		}
		var pts []rpmPoint
		qualified := false
		for _, m := range months(rows[0].Period, rows[len(rows)-1].Period) {
			r, ok := at[m]
			if !ok {
				pts = append(pts, rpmPoint{Period: m, Missing: true})
				continue
			}
			qualified = qualified || r.Qualified
			pt := rpmPoint{Period: m, RPM: r.RPM, Verdict: r.Verdict}
			pt.Title = fmt.Sprintf("%s %s/%s: RPM %s %s on %s views", m, k.platform, k.program, money(r.RPM, k.currency), k.currency,
				ledger.GroupThousands(strconv.FormatInt(r.Views, 10)))
			if lo, hi, ok := rpmRange(r); ok {
				pt.Low, pt.High, pt.HasBand = lo, hi, true
				pt.Band = money(lo, k.currency) + "-" + money(hi, k.currency)
				pt.Title += "; estimate " + pt.Band + ": " + string(r.Verdict)
			} else {
				pt.Title += "; " + string(r.Verdict)
			}
			pts = append(pts, pt)
		}
		views := "views"
		if qualified {
			views = "qualified views"
		}
		title := fmt.Sprintf("%s/%s: RPM in %s per 1,000 %s", k.platform, k.program, k.currency, views)
		desc := "Points: the RPM of each month; shaded: the published estimate range of that month, where there is one. The table below holds the figures."
		c := rpmChart("rpm-"+strconv.Itoa(n+1), title, desc, k.currency, pts)
		c.Class = "chart small"
		p.Charts = append(p.Charts, c)
	}
	for pp, n := range d.RPM.Unviewed {
		entries := "entries"
		if n == 1 {
			entries = "entry"
		}
		p.Notes = append(p.Notes, fmt.Sprintf("%s: %d income %s without views left out", pp, n, entries))
	}
	sort.Strings(p.Notes)
	p.Notes = append(p.Notes, ests...)
	return p
}

func countryName(cc string) string {
	if cc == "*" {
		return "any country"
	}
	return cc
}

func orUndated(s string) string {
	if s == "" {
		return "undated"
	}
	return s
}
