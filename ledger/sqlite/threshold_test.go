package sqlite

import (
	"context"
	"errors"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

func TestThresholdOverrides(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	o := ledger.ThresholdOverride{Platform: "tiktok", Program: "creator-rewards", Currency: "USD", MinPayout: decimal.RequireFromString("100")}
	if err := db.SetThresholdOverride(ctx, o); err != nil {
		t.Fatal(err)
	}
	rules, err := db.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first := rules[0]
	if !first.Override() || first.Method != "any" || !first.MinPayout.Equal(decimal.RequireFromString("100")) {
		t.Fatalf("first rule %+v; want the override", first)
	}
	// Without a schedule of its own it keeps the shipped rule's.
	if first.Schedule.String() != "M+1@15" {
		t.Errorf("override schedule %q; want the shipped M+1@15", first.Schedule.String())
	}
	// Setting it again replaces it.
	o.MinPayout = decimal.RequireFromString("10")
	if err := db.SetThresholdOverride(ctx, o); err != nil {
		t.Fatal(err)
	}
	overrides, err := db.ThresholdOverrides(ctx)
	if err != nil || len(overrides) != 1 || !overrides[0].MinPayout.Equal(decimal.RequireFromString("10")) {
		t.Fatalf("overrides = %+v, %v; want the one, at 10", overrides, err)
	}
	for _, bad := range []ledger.ThresholdOverride{
		{Platform: "tiktok", Program: "creator-rewards", Currency: "XXY", MinPayout: decimal.NewFromInt(1)},
		{Platform: "tiktok", Program: "creator-rewards", Currency: "USD", MinPayout: decimal.NewFromInt(-1)},
		{Platform: "tiktok", Program: "creator-rewards", Currency: "USD", Method: "pigeon", MinPayout: decimal.NewFromInt(1)},
		{Platform: "TikTok!", Program: "creator-rewards", Currency: "USD", MinPayout: decimal.NewFromInt(1)},
		{Platform: "tiktok", Program: "creator-rewards", Currency: "USD", MinPayout: decimal.RequireFromString("0.0000001")},
	} {
		if err := db.SetThresholdOverride(ctx, bad); !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("SetThresholdOverride(%+v) = %v; want ErrInvalid", bad, err)
		}
	}
	if err := db.UnsetThresholdOverride(ctx, "tiktok", "creator-rewards", "EUR", ""); !errors.Is(err, ledger.ErrNotFound) {
		t.Errorf("unset of a missing override = %v; want ErrNotFound", err)
	}
	if err := db.UnsetThresholdOverride(ctx, "tiktok", "creator-rewards", "USD", ""); err != nil {
		t.Fatal(err)
	}
	if overrides, err := db.ThresholdOverrides(ctx); err != nil || len(overrides) != 0 {
		t.Fatalf("after unset: %+v, %v", overrides, err)
	}
}

func TestSettingsPaymentMethods(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	if err := db.SetPaymentMethod(ctx, "adsense", "bank-transfer"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetPaymentMethod(ctx, "adsense", "pigeon"); !errors.Is(err, ledger.ErrInvalid) {
		t.Errorf("a bad method: %v; want ErrInvalid", err)
	}
	p, err := db.Profile(ctx)
	if err != nil || p.Method("adsense") != "bank-transfer" || p.Method("tiktok") != "" {
		t.Fatalf("profile %+v, %v", p, err)
	}
	if err := db.SetPaymentMethod(ctx, "adsense", ""); err != nil {
		t.Fatal(err)
	}
	if p, err = db.Profile(ctx); err != nil || len(p.Methods) != 0 {
		t.Fatalf("after removing: %+v, %v", p, err)
	}
}
