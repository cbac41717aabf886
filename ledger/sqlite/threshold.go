package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
)

// ThresholdOverrides returns the rules the creator set, by platform,
// program, currency and method.
func (db *DB) ThresholdOverrides(ctx context.Context) ([]ledger.Rule, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT platform, program, currency, payment_method, min_payout, schedule, set_at
		FROM threshold_overrides ORDER BY platform, program, currency, payment_method`)
	if err != nil {
		return nil, fmt.Errorf("read threshold overrides: %w", err)
	}
	defer rows.Close()
	var out []ledger.Rule
	for rows.Next() {
		var r ledger.Rule
		var min int64
		var sched string
		if err := rows.Scan(&r.Platform, &r.Program, &r.Currency, &r.Method, &min, &sched, &r.AsOf); err != nil {
			return nil, fmt.Errorf("read threshold overrides: %w", err)
		}
		if r.Schedule, err = ledger.ParseSchedule(sched); err != nil {
			return nil, fmt.Errorf("threshold override %s/%s: %w", r.Platform, r.Program, err)
		}
		r.Country, r.MinPayout, r.HasMin, r.Confidence = "*", ledger.FromMicro(min), true, ledger.ConfidenceOverride
		r.Source = "set in this ledger"
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetThresholdOverride stores (or replaces) an override.
func (db *DB) SetThresholdOverride(ctx context.Context, o ledger.ThresholdOverride) error {
	if o.Method == "" {
		o.Method = "any"
	}
	switch {
	case !ledger.ValidSlug(o.Platform) || !ledger.ValidSlug(o.Program):
		return ledger.Invalid("platform %q or program %q is not a slug (lower-case letters, digits, '-')", o.Platform, o.Program)
	case !ledger.ValidCurrency(o.Currency):
		return ledger.Invalid("currency %q is not an ISO 4217 code such as EUR or USD", o.Currency)
	case !ledger.ValidPaymentMethod(o.Method):
		return ledger.Invalid("payment method %q is not one of %s", o.Method, strings.Join(ledger.PaymentMethods, ", "))
	case o.MinPayout.IsNegative():
		return ledger.Invalid("threshold %s is negative", o.MinPayout)
	}
	if r, _ := ledger.RoundMicro(o.MinPayout); !r.Equal(o.MinPayout) {
		return ledger.Invalid("threshold %s has more than %d decimals", o.MinPayout, ledger.MicroDigits)
	}
	min, err := ledger.ToMicro(o.MinPayout)
	if err != nil {
		return ledger.Invalid("threshold %v", err)
	}
	_, err = db.sql.ExecContext(ctx, `INSERT INTO threshold_overrides
		(platform, program, currency, payment_method, min_payout, schedule, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (platform, program, currency, payment_method) DO UPDATE SET
		min_payout = excluded.min_payout, schedule = excluded.schedule, set_at = excluded.set_at`,
		o.Platform, o.Program, o.Currency, o.Method, min, o.Schedule.String(), db.Now().UTC().Format(ledger.DateLayout))
	if err != nil {
		return fmt.Errorf("set threshold: %w", err)
	}
	return nil
}

// UnsetThresholdOverride removes an override; it returns ErrNotFound when
// there is none.
func (db *DB) UnsetThresholdOverride(ctx context.Context, platform, program, currency, method string) error {
	if method == "" {
		method = "any"
	}
	res, err := db.sql.ExecContext(ctx, `DELETE FROM threshold_overrides
		WHERE platform = ? AND program = ? AND currency = ? AND payment_method = ?`, platform, program, currency, method)
	if err != nil {
		return fmt.Errorf("unset threshold: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("no override for %s/%s %s %s: %w", platform, program, currency, method, ledger.ErrNotFound)
	}
	return nil
}

// Rules returns the overrides (first) and the shipped rules, an override
// without a schedule taking the schedule and hold of the shipped rule for
// the same platform and program.
func (db *DB) Rules(ctx context.Context) ([]ledger.Rule, error) {
	shipped, err := ledger.ShippedRules()
	if err != nil {
		return nil, err
	}
	overrides, err := db.ThresholdOverrides(ctx)
	if err != nil {
		return nil, err
	}
	for i, o := range overrides {
		if len(o.Schedule) > 0 {
			continue
		}
		for _, s := range shipped {
			if s.Platform == o.Platform && s.Program == o.Program {
				overrides[i].Schedule, overrides[i].Hold, overrides[i].ArrivalDays = s.Schedule, s.Hold, s.ArrivalDays
				if s.Currency == o.Currency {
					break
				}
			}
		}
	}
	return append(overrides, shipped...), nil
}
