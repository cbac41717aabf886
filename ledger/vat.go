package ledger

import (
	"context"
	"fmt"
	"sort"

	"github.com/shopspring/decimal"
)

// KORThreshold is the yearly turnover up to which a Dutch business may use
// the small business scheme (kleineondernemersregeling, KOR), in euros.
var KORThreshold = decimal.NewFromInt(20000)

// euCountries are the member states of the European Union (ISO 3166 codes,
// and EL, the code VAT uses for Greece).
var euCountries = map[string]bool{
	"AT": true, "BE": true, "BG": true, "HR": true, "CY": true, "CZ": true, "DK": true, "EE": true, "FI": true,
	"FR": true, "DE": true, "GR": true, "EL": true, "HU": true, "IE": true, "IT": true, "LV": true, "LT": true,
	"LU": true, "MT": true, "NL": true, "PL": true, "PT": true, "RO": true, "SK": true, "SI": true, "ES": true,
	"SE": true,
}

// The sections and groups of the VAT summary.
const (
	VATSectionRate     = "vat-rate"        // group: the rate charged (21, 9...)
	VATSectionCustomer = "customer"        // group: one of the locations below
	VATSectionPlatform = "platform-income" // income from every other platform
	VATSectionKOR      = "kor"             // group "nl" or "all": the year's turnover against KORThreshold

	LocationNL      = "nl"                // the customer is in the Netherlands
	LocationEU      = "eu-reverse-charge" // in another EU country: the customer accounts for the VAT
	LocationNonEU   = "non-eu"            // outside the EU
	LocationUnknown = "unknown"           // the invoice says neither country nor VAT
)

// VATQuery selects the VAT summary.
type VATQuery struct {
	By Period // ByQuarter or ByYear
}

// VATRow is one figure of the VAT summary, in euros.
type VATRow struct {
	Period   string
	Section  string
	Group    string
	Turnover decimal.Decimal // excluding VAT
	VAT      decimal.Decimal
	Invoices int    // the invoices and credit notes it adds up (0 for platform income)
	Note     string // kor: below-threshold or above-threshold
}

// VATReport is a summary of the ledger's sponsorship invoices and platform
// income as a Dutch VAT return asks for them. It is not tax advice.
type VATReport struct {
	Rows []VATRow
	// Missing names the currencies and days without an ECB rate: those
	// invoices and that income are left out.
	Missing []MissingRate
	// AssumedNL lists the invoices without customer_country that charge
	// VAT: counted as Dutch customers. Unknown lists those that charge
	// none and say no country: in the "unknown" group.
	AssumedNL, Unknown []string
}

// VATSummary adds up, per period, the VAT charged on sponsorship invoices
// by rate, the turnover excluding VAT by where the customer is (credit notes
// take theirs off), and the income from every other platform, all in euros
// at the ECB rate of each invoice's issue date (each income day's); and per
// year the turnover against the KOR threshold. Cancelled invoices (entries
// marked reversed) do not count.
func (db *DB) VATSummary(ctx context.Context, q VATQuery) (VATReport, error) {
	var rep VATReport
	if q.By != ByQuarter && q.By != ByYear {
		return rep, fmt.Errorf("%w: period %q is not quarter or year", ErrInvalid, q.By)
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
	sums := map[key]*VATRow{}
	add := func(k key, turnover, vat decimal.Decimal, n int) {
		r := sums[k]
		if r == nil {
			r = &VATRow{Period: k.period, Section: k.section, Group: k.group}
			sums[k] = r
		}
		r.Turnover, r.VAT, r.Invoices = r.Turnover.Add(turnover), r.VAT.Add(vat), r.Invoices+n
	}
	missing := map[missingKey]int64{}
	years := map[string]bool{}
	for _, r := range recs {
		if r.Status == StatusReversed && !r.Amount.IsNegative() {
			continue
		}
		amount, miss, ok := rates.Convert(r.Amount, r.Currency, "EUR", r.Issued)
		vat, _, _ := rates.Convert(r.VAT, r.Currency, "EUR", r.Issued)
		if !ok {
			missing[missingKey{miss, dayNumber(r.Issued)}]++
			continue
		}
		period := q.By.Label(r.Issued.Format("2006-01"))
		year := r.Issued.Format("2006")
		years[year] = true
		charged := r.VATRate != nil && r.VATRate.Sign() > 0
		if charged {
			add(key{period, VATSectionRate, r.VATRate.String()}, amount, vat, 1)
		}
		loc := customerLocation(r.Country, charged)
		switch {
		case r.Country == "" && charged:
			rep.AssumedNL = append(rep.AssumedNL, r.Number)
		case loc == LocationUnknown:
			rep.Unknown = append(rep.Unknown, r.Number)
		}
		add(key{period, VATSectionCustomer, loc}, amount, vat, 1)
		if loc == LocationNL {
			add(key{year, VATSectionKOR, "nl"}, amount, decimal.Zero, 1)
		}
		add(key{year, VATSectionKOR, "all"}, amount, decimal.Zero, 1)
	}
	income, err := db.IncomeIn(ctx, IncomeQuery{By: q.By, Currency: "EUR"})
	if err != nil {
		return rep, err
	}
	for _, r := range income.Rows {
		if r.Platform == SponsorshipPlatform {
			continue
		}
		add(key{r.Period, VATSectionPlatform, ""}, r.Amount, decimal.Zero, 0)
		year := r.Period[:4]
		years[year] = true
		add(key{year, VATSectionKOR, "all"}, r.Amount, decimal.Zero, 0)
	}
	for k, n := range missing {
		rep.Missing = append(rep.Missing, MissingRate{Currency: k.currency, Date: dateOfDay(k.day), Entries: n})
	}
	for _, m := range income.Missing {
		if i := indexMissing(rep.Missing, m); i >= 0 {
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
		if r.Section == VATSectionKOR {
			r.Note = "below-threshold"
			if r.Turnover.GreaterThan(KORThreshold) {
				r.Note = "above-threshold"
			}
		}
		rep.Rows = append(rep.Rows, *r)
	}
	for y := range years { // every year has both KOR lines
		for _, g := range []string{"nl", "all"} {
			if sums[key{y, VATSectionKOR, g}] == nil {
				rep.Rows = append(rep.Rows, VATRow{Period: y, Section: VATSectionKOR, Group: g, Note: "below-threshold"})
			}
		}
	}
	sort.Slice(rep.Rows, func(i, j int) bool {
		a, b := rep.Rows[i], rep.Rows[j]
		if (a.Section == VATSectionKOR) != (b.Section == VATSectionKOR) {
			return b.Section == VATSectionKOR // the KOR lines last
		}
		if a.Period != b.Period {
			return a.Period < b.Period
		}
		if sa, sb := vatSectionOrder(a.Section), vatSectionOrder(b.Section); sa != sb {
			return sa < sb
		}
		return vatGroupLess(a.Section, a.Group, b.Group)
	})
	return rep, nil
}

func indexMissing(ms []MissingRate, m MissingRate) int {
	for i := range ms {
		if ms[i].Currency == m.Currency && ms[i].Date.Equal(m.Date) {
			return i
		}
	}
	return -1
}

func vatSectionOrder(s string) int {
	switch s {
	case VATSectionRate:
		return 0
	case VATSectionCustomer:
		return 1
	case VATSectionPlatform:
		return 2
	}
	return 3
}

// vatGroupLess orders rates from the highest, locations as the return does
// (the Netherlands, the EU, outside it, unknown) and the KOR lines nl, all.
func vatGroupLess(section, a, b string) bool {
	switch section {
	case VATSectionRate:
		x, ex := decimal.NewFromString(a)
		y, ey := decimal.NewFromString(b)
		if ex == nil && ey == nil {
			return x.GreaterThan(y)
		}
	case VATSectionCustomer, VATSectionKOR:
		order := map[string]int{LocationNL: 0, LocationEU: 1, LocationNonEU: 2, LocationUnknown: 3, "all": 4}
		return order[a] < order[b]
	}
	return a < b
}

// customerLocation places an invoice's customer for the VAT return: by
// its country; without one, an invoice that charges VAT is taken for a
// Dutch customer (Dutch VAT is charged in the Netherlands), any other is
// unknown.
func customerLocation(country string, charged bool) string {
	switch {
	case country == "NL":
		return LocationNL
	case euCountries[country]:
		return LocationEU
	case country != "":
		return LocationNonEU
	case charged:
		return LocationNL
	}
	return LocationUnknown
}
