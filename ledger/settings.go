package ledger

import (
	"context"
	"fmt"
	"strconv"
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

// settingMethod is the prefix of the key of a platform's payment method:
// "payment-method:adsense".
const settingMethod = "payment-method:"

// settingFollowers is the prefix of the key of the creator's follower count
// on a platform: "followers:tiktok".
const settingFollowers = "followers:"

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

// Profile reads the creator's settings.
func (db *DB) Profile(ctx context.Context) (Profile, error) {
	p := Profile{Methods: map[string]string{}, Followers: map[string]int64{}}
	rows, err := db.sql.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return p, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return p, fmt.Errorf("read settings: %w", err)
		}
		switch {
		case k == SettingCountry:
			p.Country = v
		case k == SettingCurrency:
			p.Currency = v
		case strings.HasPrefix(k, settingMethod):
			p.Methods[k[len(settingMethod):]] = v
		case strings.HasPrefix(k, settingFollowers):
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				p.Followers[k[len(settingFollowers):]] = n
			}
		}
	}
	return p, rows.Err()
}

// SetPaymentMethod stores how platform pays the creator; "" removes it.
func (db *DB) SetPaymentMethod(ctx context.Context, platform, method string) error {
	if !ValidSlug(platform) {
		return invalid("platform %q is not a slug (lower-case letters, digits, '-')", platform)
	}
	if method == "" {
		if _, err := db.sql.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, settingMethod+platform); err != nil {
			return fmt.Errorf("write setting: %w", err)
		}
		return nil
	}
	if !ValidPaymentMethod(method) {
		return invalid("payment method %q is not one of %s", method, strings.Join(PaymentMethods, ", "))
	}
	return db.SetSetting(ctx, settingMethod+platform, method)
}

// SetFollowers stores the creator's follower count on platform; a negative
// count removes it.
func (db *DB) SetFollowers(ctx context.Context, platform string, n int64) error {
	if !ValidSlug(platform) {
		return invalid("platform %q is not a slug (lower-case letters, digits, '-')", platform)
	}
	if n < 0 {
		if _, err := db.sql.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, settingFollowers+platform); err != nil {
			return fmt.Errorf("write setting: %w", err)
		}
		return nil
	}
	return db.SetSetting(ctx, settingFollowers+platform, strconv.FormatInt(n, 10))
}
