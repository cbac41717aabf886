package ledger

import (
	"fmt"
	"strings"
)

// Setting keys.
const (
	SettingCountry  = "country"  // ISO 3166-1 alpha-2 of the creator
	SettingCurrency = "currency" // ISO 4217 reporting currency
)

// NormaliseCountry upper-cases a country code and checks it has the shape
// of ISO 3166-1 alpha-2.
func NormaliseCountry(cc string) (string, error) {
	cc = strings.ToUpper(strings.TrimSpace(cc))
	if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
		return "", fmt.Errorf("%w: country %q is not a two-letter ISO 3166 code such as NL or US", ErrInvalid, cc)
	}
	return cc, nil
}

// NormaliseCurrency upper-cases a currency code and checks it is ISO 4217.
func NormaliseCurrency(cur string) (string, error) {
	cur = strings.ToUpper(strings.TrimSpace(cur))
	if !ValidCurrency(cur) {
		return "", fmt.Errorf("%w: currency %q is not an ISO 4217 code such as EUR or USD", ErrInvalid, cur)
	}
	return cur, nil
}

// SettingMethod is the prefix of the key of a platform's payment method:
// "payment-method:adsense".
const SettingMethod = "payment-method:"

// SettingFollowers is the prefix of the key of the creator's follower count
// on a platform: "followers:tiktok".
const SettingFollowers = "followers:"

// Profile is the creator's settings that reports depend on.
type Profile struct {
	Country  string // "" when not set
	Currency string // "" when not set
	// Methods is the payment method per platform (one of PaymentMethods).
	Methods map[string]string
	// Followers is the creator's follower count per platform, as set
	// (settings set followers): the invoices report places sponsorship
	// fees in the follower tiers of sponsorship_rates.csv with it.
	Followers map[string]int64
}

// Method is the payment method set for platform, or "".
func (p Profile) Method(platform string) string { return p.Methods[platform] }
