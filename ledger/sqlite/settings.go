package sqlite

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
)

// Profile reads the creator's settings.
func (db *DB) Profile(ctx context.Context) (ledger.Profile, error) {
	p := ledger.Profile{Methods: map[string]string{}, Followers: map[string]int64{}}
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
		case k == ledger.SettingCountry:
			p.Country = v
		case k == ledger.SettingCurrency:
			p.Currency = v
		case strings.HasPrefix(k, ledger.SettingMethod):
			p.Methods[k[len(ledger.SettingMethod):]] = v
		case strings.HasPrefix(k, ledger.SettingFollowers):
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				p.Followers[k[len(ledger.SettingFollowers):]] = n
			}
		}
	}
	return p, rows.Err()
}

// SetPaymentMethod stores how platform pays the creator; "" removes it.
func (db *DB) SetPaymentMethod(ctx context.Context, platform, method string) error {
	if !ledger.ValidSlug(platform) {
		return ledger.Invalid("platform %q is not a slug (lower-case letters, digits, '-')", platform)
	}
	if method == "" {
		if _, err := db.sql.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, ledger.SettingMethod+platform); err != nil {
			return fmt.Errorf("write setting: %w", err)
		}
		return nil
	}
	if !ledger.ValidPaymentMethod(method) {
		return ledger.Invalid("payment method %q is not one of %s", method, strings.Join(ledger.PaymentMethods, ", "))
	}
	return db.SetSetting(ctx, ledger.SettingMethod+platform, method)
}

// SetFollowers stores the creator's follower count on platform; a negative
// count removes it.
func (db *DB) SetFollowers(ctx context.Context, platform string, n int64) error {
	if !ledger.ValidSlug(platform) {
		return ledger.Invalid("platform %q is not a slug (lower-case letters, digits, '-')", platform)
	}
	if n < 0 {
		if _, err := db.sql.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, ledger.SettingFollowers+platform); err != nil {
			return fmt.Errorf("write setting: %w", err)
		}
		return nil
	}
	return db.SetSetting(ctx, ledger.SettingFollowers+platform, strconv.FormatInt(n, 10))
}
