package ledger

import (
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

// IndexMissing is where ms has m's currency and date, or -1.
func IndexMissing(ms []MissingRate, m MissingRate) int {
	for i := range ms {
		if ms[i].Currency == m.Currency && ms[i].Date.Equal(m.Date) {
			return i
		}
	}
	return -1
}

// VATSectionOrder is where a section of report vat comes: rates, customers,
// platform income, then the rest (the KOR line).
func VATSectionOrder(s string) int {
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

// VATGroupLess orders rates from the highest, locations as the return does
// (the Netherlands, the EU, outside it, unknown) and the KOR lines nl, all.
func VATGroupLess(section, a, b string) bool {
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

// CustomerLocation places an invoice's customer for the VAT return: by
// its country; without one, an invoice that charges VAT is taken for a
// Dutch customer (Dutch VAT is charged in the Netherlands), any other is
// unknown.
func CustomerLocation(country string, charged bool) string {
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

// VATAccount is where the VAT charged on sponsorship invoices waits until
// it is paid to the tax authority. An invoice posts its gross amount to
// the brand's receivable (assets:sponsorship), its amount without VAT to
// income and its VAT here, so that the brand's payment of the gross amount
// clears the receivable exactly.
const VATAccount = "liabilities:vat"

// InvoiceVAT is the VAT of the current version of an invoice entry.
type InvoiceVAT struct {
	Entry, Day int64
	Currency   string
	Kind       Kind
	Status     Status
	VAT        int64 // micro-units, signed as the invoice (negative for a credit note)
}
