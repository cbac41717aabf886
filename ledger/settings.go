package ledger

import (
	"context"
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

// settingMethod is the prefix of the key of a platform's payment method:
// "payment-method:adsense".
const settingMethod = "payment-method:"

// Profile is the creator's settings that reports depend on.
type Profile struct {
	Country  string // "" when not set
	Currency string // "" when not set
	// Methods is the payment method per platform (one of PaymentMethods).
	Methods map[string]string
}

// Method is the payment method set for platform, or "".
func (p Profile) Method(platform string) string { return p.Methods[platform] }

// Profile reads the creator's settings.
func (db *DB) Profile(ctx context.Context) (Profile, error) {
	p := Profile{Methods: map[string]string{}}
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
