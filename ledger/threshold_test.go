package ledger

import (
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
