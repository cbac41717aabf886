package ledger

import (
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Payment methods a threshold rule can be for (schema/data/README.md).
var PaymentMethods = []string{"any", "bank-transfer", "direct-deposit", "gift-card", "cheque", "paypal", "wire", "echeck"}

// ValidPaymentMethod reports whether m is one of PaymentMethods.
func ValidPaymentMethod(m string) bool { return slices.Contains(PaymentMethods, m) }

// Confidence of a rule that the creator set in the ledger.
const ConfidenceOverride = "override"

// Rule is one payout threshold rule: a row of the shipped thresholds.csv, or
// an override the creator keeps in the ledger.
type Rule struct {
	Platform, Program string
	Country           string // ISO 3166 alpha-2, or "*"
	Currency          string // ISO 4217, or "*"
	Method            string // one of PaymentMethods
	// MinPayout is the least balance that is paid out; HasMin is false when
	// the platform publishes none (an empty cell: unknown, not zero).
	MinPayout decimal.Decimal
	HasMin    bool
	MaxPerDay string // cap on withdrawals a day, as written; "" for none
	Hold      Hold
	Schedule  Schedules
	// ArrivalDays is the typical most days from issue to the account; 0
	// when unknown.
	ArrivalDays int
	Confidence  string // official, official-copy, third-party or override
	AsOf        string // the date of the source, as written ("" unknown)
	Source      string
	Notes       string
}

// Override reports whether the creator set the rule.
func (r Rule) Override() bool { return r.Confidence == ConfidenceOverride }

// Describe names the rule for people: "adsense/adsense */EUR/any".
func (r Rule) Describe() string {
	return r.Platform + "/" + r.Program + " " + r.Country + "/" + r.Currency + "/" + r.Method
}

// thresholdColumns are the columns of thresholds.csv, in order.
var thresholdColumns = []string{"platform", "program", "country", "currency", "payment_method", "min_payout",
	"max_per_day", "hold_days", "hold_basis", "schedule", "arrival_days", "confidence", "as_of", "source", "notes"}

// ShippedRules reads the threshold rules the program ships
// (schema/data/thresholds.csv).
func ShippedRules() ([]Rule, error) {
	var rules []Rule
	err := eachShippedRow("thresholds.csv", thresholdColumns, func(rec []string) error {
		r, err := parseRule(rec)
		rules = append(rules, r)
		return err
	})
	return rules, err
}

func parseRule(rec []string) (Rule, error) {
	r := Rule{Platform: rec[0], Program: rec[1], Country: rec[2], Currency: rec[3], Method: rec[4],
		MaxPerDay: rec[6], Confidence: rec[11], AsOf: rec[12], Source: rec[13], Notes: rec[14]}
	switch {
	case !ValidSlug(r.Platform) || !ValidSlug(r.Program):
		return r, Invalid("platform %q or program %q is not a slug", r.Platform, r.Program)
	case r.Country != "*" && !validCountry(r.Country):
		return r, Invalid("country %q is not an ISO 3166 code or *", r.Country)
	case r.Currency != "*" && !ValidCurrency(r.Currency):
		return r, Invalid("currency %q is not an ISO 4217 code or *", r.Currency)
	case !ValidPaymentMethod(r.Method):
		return r, Invalid("payment method %q is not one of %s", r.Method, strings.Join(PaymentMethods, ", "))
	}
	if rec[5] != "" {
		m, err := decimal.NewFromString(rec[5])
		if err != nil || m.IsNegative() {
			return r, Invalid("min_payout %q is not an amount", rec[5])
		}
		r.MinPayout, r.HasMin = m, true
	}
	var err error
	if r.Hold, err = ParseHold(rec[7], rec[8]); err != nil {
		return r, err
	}
	if r.Schedule, err = ParseSchedule(rec[9]); err != nil {
		return r, err
	}
	if rec[10] != "" {
		if r.ArrivalDays, err = strconv.Atoi(rec[10]); err != nil || r.ArrivalDays < 0 {
			return r, Invalid("arrival_days %q is not a number of days", rec[10])
		}
	}
	return r, nil
}

func validCountry(cc string) bool {
	n, err := NormaliseCountry(cc)
	return err == nil && n == cc
}

// RuleChoice is the rule that applies to a balance, and why.
type RuleChoice struct {
	Rule Rule
	// Why says how the rule was chosen: which country, currency and payment
	// method matched, and what was assumed.
	Why string
}

// RuleQuery is what a rule is chosen by.
type RuleQuery struct {
	Platform, Program string
	Country           string // the creator's; "" when not set
	Currency          string // the currency the balance is paid in
	Method            string // the creator's payment method for the platform; "" when not set
}

// methodPreference is the order in which a payment method is assumed when
// the creator has set none and the platform has no rule for any method.
var methodPreference = []string{"bank-transfer", "direct-deposit", "paypal", "echeck", "wire", "gift-card", "cheque"}

// ChooseRule picks the rule for q from rules (overrides and shipped rules
// together): an override beats a shipped rule; then the creator's country
// beats "*", the currency beats "*", and the creator's payment method beats
// "any". Without a payment method set, a rule for "any" is taken, else the
// first of bank-transfer, direct-deposit, paypal, … that has one, and Why
// says it was assumed. ok is false when no rule matches.
func ChooseRule(rules []Rule, q RuleQuery) (RuleChoice, bool) {
	best, bestScore := -1, -1
	for i, r := range rules {
		if r.Platform != q.Platform || r.Program != q.Program {
			continue
		}
		score := 0
		switch {
		case r.Override():
			score += 1000
		case r.Country == q.Country && q.Country != "":
			score += 100
		case r.Country == "*":
		default:
			continue
		}
		switch r.Currency {
		case q.Currency:
			score += 10
		case "*":
		default:
			continue
		}
		switch {
		case q.Method != "" && r.Method == q.Method:
			score += 8
		case r.Method == "any":
			score += 7
		case q.Method != "":
			continue
		default:
			// No method set: the preferred ones first.
			score += 6 - slices.Index(methodPreference, r.Method)
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return RuleChoice{}, false
	}
	r := rules[best]
	var why []string
	switch {
	case r.Override():
		why = append(why, "your override (set "+r.AsOf+")")
	case r.Country == "*" && q.Country == "":
		why = append(why, "any country (set yours: creatorledger settings set country CC)")
	case r.Country == "*":
		why = append(why, "any country (none for "+q.Country+")")
	default:
		why = append(why, "country "+r.Country)
	}
	if r.Currency == "*" {
		why = append(why, "any currency")
	} else {
		why = append(why, "currency "+r.Currency)
	}
	switch {
	case q.Method == "" && r.Method != "any":
		why = append(why, "payment method "+r.Method+" assumed (set yours: creatorledger settings set payment-method "+q.Platform+" METHOD)")
	case r.Method == "any":
		why = append(why, "any payment method")
	default:
		why = append(why, "payment method "+r.Method)
	}
	if !r.Override() {
		conf := r.Confidence
		if r.AsOf != "" {
			conf += ", " + r.AsOf
		}
		why = append(why, conf)
	}
	return RuleChoice{Rule: r, Why: strings.Join(why, ", ")}, true
}

// ThresholdOverride is a rule the creator sets (thresholds set).
type ThresholdOverride struct {
	Platform, Program, Currency string
	Method                      string // "" means any
	MinPayout                   decimal.Decimal
	// Schedule replaces the shipped rule's when set; an override without
	// one takes the schedule and hold of the shipped rule it overrides.
	Schedule Schedules
}
