package sqlite

import (
	"context"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

func rate(day, cur, v string) ledger.Rate {
	return ledger.Rate{Date: date(day), Currency: cur, PerEUR: decimal.RequireFromString(v)}
}

// ecbExcerpt is some of the ECB's rates around Christmas 2025 and early
// February 2026, with the gap of January in between.
var ecbExcerpt = []ledger.Rate{
	rate("2025-12-24", "USD", "1.1781"), rate("2025-12-29", "USD", "1.1763"), rate("2025-12-31", "USD", "1.1729"),
	rate("2026-01-02", "USD", "1.1693"), rate("2026-02-06", "USD", "1.1794"),
	rate("2026-01-02", "JPY", "183.05"),
	rate("2026-02-06", "GBP", "0.86825"),
}

func TestRateLookup(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	got, err := db.ImportRates(ctx, ecbExcerpt)
	if err != nil || got.New != len(ecbExcerpt) || got.Rates != len(ecbExcerpt) {
		t.Fatalf("import: %+v, %v", got, err)
	}
	// Again: all the same; one changed.
	again := append([]ledger.Rate{rate("2026-02-06", "GBP", "0.8683")}, ecbExcerpt[:6]...)
	if got, err := db.ImportRates(ctx, again); err != nil || got.Same != 6 || got.Changed != 1 || got.New != 0 {
		t.Fatalf("import again: %+v, %v", got, err)
	}
	if _, err := db.ImportRates(ctx, []ledger.Rate{ecbExcerpt[0], rate("2026-02-06", "EUR", "1")}); err == nil {
		t.Fatal("a EUR rate was taken")
	}
	tab, err := db.LoadRates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ day, cur, want, from string }{
		{"2026-02-06", "USD", "1.1794", "2026-02-06"}, // that day's
		{"2026-02-07", "USD", "1.1794", "2026-02-06"}, // a Saturday: Friday's
		{"2026-02-13", "USD", "1.1794", "2026-02-06"}, // seven days on
		{"2026-02-14", "USD", "", ""},                 // eight: missing, never guessed
		{"2025-12-25", "USD", "1.1781", "2025-12-24"}, // Christmas, a TARGET holiday
		{"2025-12-27", "USD", "1.1781", "2025-12-24"}, // and the Saturday after
		{"2026-01-01", "USD", "1.1729", "2025-12-31"}, // New Year
		{"2026-01-09", "USD", "1.1693", "2026-01-02"}, // the gap: seven days
		{"2026-01-10", "USD", "", ""},                 // eight
		{"2025-12-23", "USD", "", ""},                 // before the first rate
		{"2026-02-06", "CHF", "", ""},                 // a currency without rates
		{"2026-02-07", "EUR", "1", "2026-02-07"},
	}
	for _, c := range cases {
		r, from, ok := tab.PerEUR(c.cur, date(c.day))
		gotS, fromS := "", ""
		if ok {
			gotS, fromS = r.String(), from.Format(ledger.DateLayout)
		}
		if gotS != c.want || fromS != c.from {
			t.Errorf("%s on %s = %q of %q; want %q of %q", c.cur, c.day, gotS, fromS, c.want, c.from)
		}
	}
	// Cross rates go through EUR, worked out by hand:
	// 100 USD on Saturday 7 February 2026 = 100 / 1.1794 * 0.8683 GBP
	// (the changed rate) = 73.622180769883 GBP (to 12 decimals).
	conv := []struct{ amount, from, to, day, want, missing string }{
		{"100", "USD", "GBP", "2026-02-07", "73.622180769883", ""},
		{"250.00", "USD", "EUR", "2026-02-06", "211.972189248771", ""},
		{"1000", "JPY", "USD", "2026-01-03", "6.387872166075", ""},
		{"10", "EUR", "EUR", "2026-01-03", "10", ""},
		{"10", "CHF", "EUR", "2026-01-03", "", "CHF"},
		{"10", "EUR", "GBP", "2026-01-03", "", "GBP"},
	}
	for _, c := range conv {
		out, missing, ok := tab.Convert(decimal.RequireFromString(c.amount), c.from, c.to, date(c.day))
		gotS := ""
		if ok {
			gotS = out.String()
		}
		if gotS != c.want || missing != c.missing {
			t.Errorf("%s %s in %s on %s = %q (missing %q); want %q (missing %q)", c.amount, c.from, c.to, c.day, gotS, missing, c.want, c.missing)
		}
	}
	spans, err := db.RateSpans(ctx)
	if err != nil || len(spans) != 3 || spans[2].Currency != "USD" || spans[2].Days != 5 || spans[2].LastRate.String() != "1.1794" {
		t.Errorf("spans %+v, %v", spans, err)
	}
}
