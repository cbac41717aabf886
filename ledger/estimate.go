package ledger

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Estimate is a published range of revenue per 1,000 views
// (schema/data/rpm_estimates.csv). None is a platform's own figure: all are
// third-party estimates, never guarantees.
type Estimate struct {
	Platform, Program string
	Country           string // ISO 3166 alpha-2, or "*"
	Currency          string
	Low, High         decimal.Decimal
	Confidence        string
	AsOf              string
	Source, Notes     string
}

var estimateColumns = []string{"platform", "program", "country", "currency", "rpm_low", "rpm_high", "confidence", "as_of", "source", "notes"}

// ShippedEstimates reads the RPM ranges the program ships.
func ShippedEstimates() ([]Estimate, error) {
	var out []Estimate
	err := eachShippedRow("rpm_estimates.csv", estimateColumns, func(rec []string) error {
		e := Estimate{Platform: rec[0], Program: rec[1], Country: rec[2], Currency: rec[3],
			Confidence: rec[6], AsOf: rec[7], Source: rec[8], Notes: rec[9]}
		var lerr, herr error
		e.Low, lerr = decimal.NewFromString(rec[4])
		e.High, herr = decimal.NewFromString(rec[5])
		switch {
		case lerr != nil || herr != nil || e.Low.IsNegative() || e.High.LessThan(e.Low):
			return fmt.Errorf("rpm_low %q, rpm_high %q is not a range", rec[4], rec[5])
		case !ValidCurrency(e.Currency):
			return fmt.Errorf("currency %q is not an ISO 4217 code", e.Currency)
		case e.Country != "*" && !validCountry(e.Country):
			return fmt.Errorf("country %q is not an ISO 3166 code or *", e.Country)
		}
		out = append(out, e)
		return nil
	})
	return out, err
}

// ChooseEstimate returns the range for platform's program in the creator's
// country, else for any country ("*").
func ChooseEstimate(es []Estimate, platform, program, country string) (Estimate, bool) {
	var any *Estimate
	for i, e := range es {
		if e.Platform != platform || e.Program != program {
			continue
		}
		if country != "" && e.Country == country {
			return e, true
		}
		if e.Country == "*" && any == nil {
			any = &es[i]
		}
	}
	if any != nil {
		return *any, true
	}
	return Estimate{}, false
}

// Verdict is how an actual RPM compares with its estimate range.
type Verdict string

// The verdicts of report rpm.
const (
	VerdictBelow      Verdict = "below"
	VerdictWithin     Verdict = "within"
	VerdictAbove      Verdict = "above"
	VerdictNoEstimate Verdict = "no-estimate"
)

// Judge compares rpm, in currency, with the range e. A range in another
// currency cannot be judged without an exchange rate: no-estimate.
func (e Estimate) Judge(rpm decimal.Decimal, currency string) Verdict {
	switch {
	case e.Currency != currency:
		return VerdictNoEstimate
	case rpm.LessThan(e.Low):
		return VerdictBelow
	case rpm.GreaterThan(e.High):
		return VerdictAbove
	}
	return VerdictWithin
}
