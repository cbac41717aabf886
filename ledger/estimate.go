package ledger

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/schema"
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
	f, err := schema.Data.Open("data/rpm_estimates.csv")
	if err != nil {
		return nil, fmt.Errorf("shipped RPM estimates: %w", err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	head, err := cr.Read()
	if err == nil && !slices.Equal(head, estimateColumns) {
		err = fmt.Errorf("header %q: want %q", strings.Join(head, ","), strings.Join(estimateColumns, ","))
	}
	var out []Estimate
	for err == nil {
		var rec []string
		if rec, err = cr.Read(); err != nil {
			break
		}
		e := Estimate{Platform: rec[0], Program: rec[1], Country: rec[2], Currency: rec[3],
			Confidence: rec[6], AsOf: rec[7], Source: rec[8], Notes: rec[9]}
		var lerr, herr error
		e.Low, lerr = decimal.NewFromString(rec[4])
		e.High, herr = decimal.NewFromString(rec[5])
		line, _ := cr.FieldPos(0)
		switch {
		case lerr != nil || herr != nil || e.Low.IsNegative() || e.High.LessThan(e.Low):
			err = fmt.Errorf("line %d: rpm_low %q, rpm_high %q is not a range", line, rec[4], rec[5])
		case !ValidCurrency(e.Currency):
			err = fmt.Errorf("line %d: currency %q is not an ISO 4217 code", line, e.Currency)
		case e.Country != "*" && !validCountry(e.Country):
			err = fmt.Errorf("line %d: country %q is not an ISO 3166 code or *", line, e.Country)
		default:
			out = append(out, e)
		}
	}
	if !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("shipped RPM estimates: %w", err)
	}
	return out, nil
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
