package ledger

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestShippedDataParses(t *testing.T) {
	rules, err := ShippedRules()
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) < 40 {
		t.Fatalf("%d shipped rules; thresholds.csv has more", len(rules))
	}
	for _, r := range rules {
		if r.Source == "" || r.Confidence == "" {
			t.Errorf("%s: a shipped rule without source or confidence", r.Describe())
		}
	}
	ests, err := ShippedEstimates()
	if err != nil {
		t.Fatal(err)
	}
	if len(ests) < 10 {
		t.Fatalf("%d shipped estimates", len(ests))
	}
	bmap, err := ShippedBalances()
	if err != nil {
		t.Fatal(err)
	}
	bmap = bmap.WithRules(rules)
	if got := bmap.Of("youtube", "long-form"); got != (Balance{"adsense", "adsense"}) {
		t.Errorf("youtube/long-form is in balance %v; want adsense/adsense", got)
	}
	if got := bmap.Of("tiktok", "creator-rewards"); got != (Balance{"tiktok", "creator-rewards"}) {
		t.Errorf("tiktok/creator-rewards is in balance %v", got)
	}
	for _, c := range []struct {
		platform, program string
		want              Balance
	}{
		{"gumroad", "seller", Balance{"gumroad", "seller"}},             // the program of the rules
		{"stripe", "charges", Balance{"stripe", "payouts"}},             // one balance, listed
		{"paypal", "conversions", Balance{"paypal", "balance"}},         // one balance, listed
		{"workshops", "teaching", Balance{"workshops", "balance"}},      // no rules: one balance
		{"tiktok", "subscriptions", Balance{"tiktok", "subscriptions"}}, // the rules name several
	} {
		if got := bmap.Of(c.platform, c.program); got != c.want {
			t.Errorf("%s/%s is in balance %v; want %v", c.platform, c.program, got, c.want)
		}
	}
	if bmap.Notes(Balance{"tiktok", "live-gifts"}) == "" {
		t.Error("the data says nothing of whether TikTok LIVE gifts are a wallet of their own")
	}
}

func TestChooseRule(t *testing.T) {
	shipped, err := ShippedRules()
	if err != nil {
		t.Fatal(err)
	}
	mk := func(country, currency, method, min string) Rule {
		return Rule{Platform: "x", Program: "y", Country: country, Currency: currency, Method: method,
			MinPayout: decimal.RequireFromString(min), HasMin: true, Confidence: "official"}
	}
	synthetic := []Rule{
		mk("*", "USD", "any", "10"),
		mk("US", "USD", "any", "20"),
		mk("US", "USD", "cheque", "30"),
		mk("*", "*", "any", "40"),
	}
	override := Rule{Platform: "tiktok", Program: "creator-rewards", Country: "*", Currency: "USD", Method: "any",
		MinPayout: decimal.RequireFromString("100"), HasMin: true, Confidence: ConfidenceOverride}
	cases := []struct {
		name    string
		rules   []Rule
		q       RuleQuery
		min     string // "" when no rule should match
		why     string // a part of Why
		confide string
	}{
		{"adsense NL EUR", shipped, RuleQuery{"adsense", "adsense", "NL", "EUR", ""}, "70", "currency EUR", "official-copy"},
		{"adsense GBP", shipped, RuleQuery{"adsense", "adsense", "GB", "GBP", "bank-transfer"}, "60", "any payment method", "official-copy"},
		{"amazon GB cheque", shipped, RuleQuery{"amazon-associates", "associates", "GB", "GBP", "cheque"}, "50", "payment method cheque", "official"},
		{"amazon GB no method: bank transfer assumed", shipped, RuleQuery{"amazon-associates", "associates", "GB", "GBP", ""}, "25", "bank-transfer assumed", "official"},
		{"amazon US no method: direct deposit assumed", shipped, RuleQuery{"amazon-associates", "associates", "US", "USD", ""}, "10", "direct-deposit assumed", "third-party"},
		{"amazon NL: no rule for the country", shipped, RuleQuery{"amazon-associates", "associates", "NL", "EUR", ""}, "", "", ""},
		{"twitch wire", shipped, RuleQuery{"twitch", "partner-affiliate", "NL", "USD", "wire"}, "100", "payment method wire", "third-party"},
		{"twitch paypal", shipped, RuleQuery{"twitch", "partner-affiliate", "NL", "USD", "paypal"}, "50", "payment method paypal", "third-party"},
		{"twitch bank transfer: no rule for the method", shipped, RuleQuery{"twitch", "partner-affiliate", "NL", "USD", "bank-transfer"}, "", "", ""},
		{"the creator's country first", synthetic, RuleQuery{"x", "y", "US", "USD", ""}, "20", "country US", "official"},
		{"then any country", synthetic, RuleQuery{"x", "y", "NL", "USD", ""}, "10", "any country (none for NL)", "official"},
		{"the method over any", synthetic, RuleQuery{"x", "y", "US", "USD", "cheque"}, "30", "payment method cheque", "official"},
		{"a currency with a rule of its own over *", synthetic, RuleQuery{"x", "y", "NL", "EUR", ""}, "40", "any currency", "official"},
		{"country not set", synthetic, RuleQuery{"x", "y", "", "USD", ""}, "10", "set yours", "official"},
		{"an override beats the shipped rule", append([]Rule{override}, shipped...), RuleQuery{"tiktok", "creator-rewards", "NL", "USD", ""}, "100", "your override", ConfidenceOverride},
		{"the shipped rule without override", shipped, RuleQuery{"tiktok", "creator-rewards", "NL", "USD", ""}, "50", "any country", "third-party"},
		{"an override in another currency does not apply", append([]Rule{override}, shipped...), RuleQuery{"tiktok", "creator-rewards", "NL", "EUR", ""}, "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := ChooseRule(c.rules, c.q)
			if c.min == "" {
				if ok {
					t.Fatalf("chose %s (%s); want no rule", got.Rule.Describe(), got.Why)
				}
				return
			}
			if !ok {
				t.Fatal("no rule chosen")
			}
			if !got.Rule.MinPayout.Equal(decimal.RequireFromString(c.min)) || got.Rule.Confidence != c.confide {
				t.Errorf("chose %s min %s (%s); want min %s (%s)", got.Rule.Describe(), got.Rule.MinPayout, got.Rule.Confidence, c.min, c.confide)
			}
			if !strings.Contains(got.Why, c.why) {
				t.Errorf("why = %q; want it to say %q", got.Why, c.why)
			}
		})
	}
}

func TestThresholdOverrides(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	o := ThresholdOverride{Platform: "tiktok", Program: "creator-rewards", Currency: "USD", MinPayout: decimal.RequireFromString("100")}
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
	for _, bad := range []ThresholdOverride{
		{Platform: "tiktok", Program: "creator-rewards", Currency: "XXY", MinPayout: decimal.NewFromInt(1)},
		{Platform: "tiktok", Program: "creator-rewards", Currency: "USD", MinPayout: decimal.NewFromInt(-1)},
		{Platform: "tiktok", Program: "creator-rewards", Currency: "USD", Method: "pigeon", MinPayout: decimal.NewFromInt(1)},
		{Platform: "TikTok!", Program: "creator-rewards", Currency: "USD", MinPayout: decimal.NewFromInt(1)},
		{Platform: "tiktok", Program: "creator-rewards", Currency: "USD", MinPayout: decimal.RequireFromString("0.0000001")},
	} {
		if err := db.SetThresholdOverride(ctx, bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("SetThresholdOverride(%+v) = %v; want ErrInvalid", bad, err)
		}
	}
	if err := db.UnsetThresholdOverride(ctx, "tiktok", "creator-rewards", "EUR", ""); !errors.Is(err, ErrNotFound) {
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
	if err := db.SetPaymentMethod(ctx, "adsense", "pigeon"); !errors.Is(err, ErrInvalid) {
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
