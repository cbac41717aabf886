package journal

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// entries is a Source over a slice; rates are returned by currency and
// date range, and each RatesOf call is recorded.
type entries struct {
	list  []ledger.Entry
	rates []ledger.Rate
	asked []string // "CUR FROM TO" of each RatesOf call
	// second, when set, is what the second pass over the entries sees.
	second []ledger.Entry
	passes int
}

func (s *entries) Entries(_ context.Context, f ledger.EntryFilter, fn func(*ledger.Entry) error) error {
	list := s.list
	if s.passes++; s.passes > 1 && s.second != nil {
		list = s.second
	}
	for _, e := range list {
		if !f.From.IsZero() && e.Date.Before(f.From) || !f.To.IsZero() && e.Date.After(f.To) {
			continue
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
	return nil
}

func (s *entries) RatesOf(_ context.Context, cur string, from, to time.Time) ([]ledger.Rate, error) {
	s.asked = append(s.asked, cur+" "+from.Format(ledger.DateLayout)+" "+to.Format(ledger.DateLayout))
	var out []ledger.Rate
	for _, r := range s.rates {
		if r.Currency == cur && !r.Date.Before(from) && !r.Date.After(to) {
			out = append(out, r)
		}
	}
	return out, nil
}

func day(s string) time.Time {
	d, err := time.Parse(ledger.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func entry(id int64, date, platform, program string, kind ledger.Kind, amount, cur string, status ledger.Status) ledger.Entry {
	return ledger.Entry{
		ID: id, Date: day(date), Platform: platform, Program: program, Kind: kind,
		Amount: decimal.RequireFromString(amount), Currency: cur, Status: status,
		ImportID: 1, Line: int(id) + 1,
	}
}

func write(t *testing.T, src Source, opt Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(context.Background(), &b, src, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// body is a journal without its header: from the first transaction on.
func body(j string) string {
	for i := 0; i < len(j); {
		k := strings.Index(j[i:], "\n\n")
		if k < 0 {
			break
		}
		i += k + 2
		if rest := j[i:]; len(rest) > 13 && (rest[10:13] == " * " || rest[10:13] == " ! ") {
			return rest
		}
	}
	return j
}

func TestBeancountAccountNames(t *testing.T) {
	for name, want := range map[string]string{
		"income:amazon-associates:associates":    "Income:Amazon-Associates:Associates",
		"assets:bank:abn-amro":                   "Assets:Bank:Abn-Amro",
		"assets:transit:stoffenhuis-fabrics-ltd": "Assets:Transit:Stoffenhuis-Fabrics-Ltd",
		"expenses:fees:ko_fi":                    "Expenses:Fees:Ko-Fi",
		"income:lt.k:x--y":                       "Income:Lt-K:X-Y",
		"income:7eleven:2nd-shop":                "Income:7eleven:2nd-Shop",
		"equity:transfers":                       "Equity:Transfers",
		"liabilities:vat:-nl-":                   "Liabilities:Vat:Nl",
		"Assets:Receivable:Brand Deals":          "Assets:Receivable:Brand-Deals",
		"income:café:x":                          "Income:Caf:X",
	} {
		got, err := beancountDialect{}.account(name)
		if err != nil || got != want {
			t.Errorf("beancount account %q = %q, %v; want %q", name, got, err, want)
		}
	}
	for _, bad := range []string{"revenue:x", "assets", "income::x", "income:-:x"} {
		if got, err := (beancountDialect{}).account(bad); err == nil {
			t.Errorf("beancount account %q = %q, want an error", bad, got)
		}
	}
}

func TestLedgerAccountNames(t *testing.T) {
	for name, want := range map[string]string{
		"income:amazon-associates:associates": "income:amazon-associates:associates",
		"assets:bank:abn-amro":                "assets:bank:abn-amro",
		"expenses:fees:ko_fi":                 "expenses:fees:ko_fi",
		"assets:receivable:Brand  Deals;x":    "assets:receivable:Brand Deals-x",
		"assets:(virtual)\tx":                 "assets:-virtual--x",
		"income:café":                         "income:café",
	} {
		got, err := ledgerDialect{}.account(name)
		if err != nil || got != want {
			t.Errorf("ledger account %q = %q, %v; want %q", name, got, err, want)
		}
	}
	if got, err := (ledgerDialect{}).account("income::x"); err == nil {
		t.Errorf("ledger account with an empty part = %q, want an error", got)
	}
}

// Two ledger accounts that one format would merge are refused, not merged.
func TestAccountsThatWouldMerge(t *testing.T) {
	src := &entries{list: []ledger.Entry{
		entry(1, "2026-09-01", "ko-fi", "tips", ledger.KindEarning, "1.00", "EUR", ledger.StatusPaid),
		entry(2, "2026-09-02", "ko_fi", "tips", ledger.KindEarning, "2.00", "EUR", ledger.StatusPaid),
	}}
	err := Write(context.Background(), &bytes.Buffer{}, src, Options{Format: Beancount})
	if err == nil || !strings.Contains(err.Error(), `"assets:ko-fi" and "assets:ko_fi" would both be "Assets:Ko-Fi"`) {
		t.Errorf("merged accounts: %v", err)
	}
	src.passes = 0
	if out := write(t, src, Options{Format: Ledger}); !strings.Contains(out, "account assets:ko-fi\naccount assets:ko_fi\n") {
		t.Errorf("ledger format keeps both accounts:\n%s", out)
	}
}

func TestTransactions(t *testing.T) {
	e := entry(7, "2026-09-03", "amazon-associates", "associates", ledger.KindEarning, "2.5", "USD", ledger.StatusPending)
	e.ExternalID = "B0000CCXY6/sewnotes-20"
	e.Counterparty = "Fiskars"
	e.Views = ledger.Counted(12)
	e.Description = "Fiskars 8\" \\ shears;\nsecond line"
	fee := entry(8, "2026-09-04", "ing", "current", ledger.KindFee, "-0.10", "EUR", ledger.StatusPaid)
	fee.ImportID, fee.Line = 0, 0
	src := &entries{list: []ledger.Entry{e, fee}}

	wantLedger := `2026-09-03 ! amazon-associates | Fiskars 8" \ shears, second line
    ; entry: 7
    ; kind: earning
    ; status: pending
    ; import: 1
    ; line: 8
    ; external_id: B0000CCXY6/sewnotes-20
    ; counterparty: Fiskars
    ; views: 12
    assets:amazon-associates                      2.50 USD
    income:amazon-associates:associates          -2.50 USD

2026-09-04 * ing
    ; entry: 8
    ; kind: fee
    ; status: paid
    assets:bank:ing                              -0.10 EUR
    expenses:fees:ing                             0.10 EUR
`
	if got := body(write(t, src, Options{Format: Ledger})); got != wantLedger {
		t.Errorf("ledger format:\n%s\nwant\n%s", got, wantLedger)
	}
	src.passes = 0
	wantBean := `2026-09-03 ! "amazon-associates" "Fiskars 8\" \\ shears;\nsecond line"
  entry: 7
  kind: "earning"
  status: "pending"
  import: 1
  line: 8
  external_id: "B0000CCXY6/sewnotes-20"
  counterparty: "Fiskars"
  views: 12
  Assets:Amazon-Associates                      2.50 USD
  Income:Amazon-Associates:Associates          -2.50 USD

2026-09-04 * "ing" ""
  entry: 8
  kind: "fee"
  status: "paid"
  Assets:Bank:Ing                              -0.10 EUR
  Expenses:Fees:Ing                             0.10 EUR
`
	got := write(t, src, Options{Format: Beancount, Currency: "EUR"})
	if b := body(got); b != wantBean {
		t.Errorf("beancount:\n%s\nwant\n%s", b, wantBean)
	}
	for _, line := range []string{
		`option "operating_currency" "EUR"`,
		"2026-09-03 open Assets:Amazon-Associates\n2026-09-04 open Assets:Bank:Ing\n2026-09-04 open Expenses:Fees:Ing\n2026-09-03 open Income:Amazon-Associates:Associates\n",
	} {
		if !strings.Contains(got, line) {
			t.Errorf("beancount header lacks %q:\n%s", line, got)
		}
	}
}

// The account pair comes from Options.Accounts: an invoice payment that
// settles a receivable rather than being income again.
func TestAccountsOption(t *testing.T) {
	pay := entry(1, "2026-09-14", "paypal", "payments", ledger.KindEarning, "1653.75", "USD", ledger.StatusApproved)
	pay.ExternalID = "INV-2026-019"
	src := &entries{list: []ledger.Entry{pay}}
	opt := Options{Format: Beancount, Accounts: func(e *ledger.Entry) (string, string) {
		if strings.HasPrefix(e.ExternalID, "INV-") {
			return e.SourceAccount(), "assets:receivable:sponsorship"
		}
		return EntryAccounts(e)
	}}
	got := write(t, src, opt)
	for _, want := range []string{
		"2026-09-14 open Assets:Receivable:Sponsorship\n",
		"  Assets:Paypal                              1653.75 USD\n  Assets:Receivable:Sponsorship             -1653.75 USD\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("beancount with Accounts lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(body(got), "Income") {
		t.Errorf("the payment is income after all:\n%s", got)
	}
}

// An entry that no longer counts is posted and undone on its date; a
// reversal counts whatever its status.
func TestUncounted(t *testing.T) {
	src := &entries{list: []ledger.Entry{
		entry(1, "2026-09-05", "gumroad", "seller", ledger.KindEarning, "12.00", "USD", ledger.StatusReversed),
		entry(2, "2026-09-14", "tiktok", "creator-rewards", ledger.KindReversal, "-3.50", "USD", ledger.StatusReversed),
	}}
	got := body(write(t, src, Options{Format: Ledger}))
	want := `2026-09-05 * gumroad
    ; entry: 1
    ; kind: earning
    ; status: reversed
    ; import: 1
    ; line: 2
    assets:gumroad                               12.00 USD
    income:gumroad:seller                       -12.00 USD

2026-09-05 * gumroad | undo, status reversed
    ; entry: 1
    ; undo: status-reversed
    assets:gumroad                              -12.00 USD
    income:gumroad:seller                        12.00 USD

2026-09-14 * tiktok
    ; entry: 2
    ; kind: reversal
    ; status: reversed
    ; import: 1
    ; line: 3
    assets:tiktok                                -3.50 USD
    income:tiktok:creator-rewards                 3.50 USD
`
	if got != want {
		t.Errorf("uncounted:\n%s\nwant\n%s", got, want)
	}
}

// Rates become prices for the currencies the entries use (not EUR, not
// others), from MaxRateAge days before the first entry to the last.
func TestPrices(t *testing.T) {
	src := &entries{
		list: []ledger.Entry{
			entry(1, "2026-07-08", "tiktok", "live-gifts", ledger.KindEarning, "1", "USD", ledger.StatusPaid),
			entry(2, "2026-07-09", "stripe", "charges", ledger.KindEarning, "1", "EUR", ledger.StatusPaid),
		},
		rates: []ledger.Rate{
			{Date: day("2026-07-01"), Currency: "USD", PerEUR: decimal.RequireFromString("1.1700")},
			{Date: day("2026-07-01"), Currency: "GBP", PerEUR: decimal.RequireFromString("0.86")},
		},
	}
	got := write(t, src, Options{Format: Ledger})
	if !strings.Contains(got, "\nP 2026-07-01 EUR 1.17 USD\n") || strings.Contains(got, "GBP") {
		t.Errorf("prices:\n%s", got)
	}
	if want := "USD 2026-07-01 2026-07-09"; len(src.asked) != 1 || src.asked[0] != want {
		t.Errorf("asked for rates %q, want %q", src.asked, want)
	}
	src.passes = 0
	if got := write(t, src, Options{Format: Beancount}); !strings.Contains(got, "\n2026-07-01 price EUR 1.17 USD\n") {
		t.Errorf("beancount prices:\n%s", got)
	}
	// No euro entries: EUR is still declared, since prices name it.
	src.list, src.passes = src.list[:1], 0
	if got := write(t, src, Options{Format: Ledger}); !strings.Contains(got, "commodity EUR\ncommodity USD\n") {
		t.Errorf("commodities:\n%s", got)
	}
}

func TestRange(t *testing.T) {
	src := &entries{list: []ledger.Entry{
		entry(1, "2026-08-31", "tiktok", "live-gifts", ledger.KindEarning, "1", "USD", ledger.StatusPaid),
		entry(2, "2026-09-01", "youtube", "long-form", ledger.KindEarning, "2", "USD", ledger.StatusPaid),
		entry(3, "2026-10-01", "stripe", "charges", ledger.KindEarning, "3", "USD", ledger.StatusPaid),
	}}
	got := write(t, src, Options{Format: Beancount, From: day("2026-09-01"), To: day("2026-09-30")})
	if !strings.Contains(got, "; Entries from 2026-09-01 to 2026-09-30.\n") || strings.Contains(got, "Tiktok") ||
		strings.Contains(got, "Stripe") || !strings.Contains(got, "2026-09-01 open Income:Youtube:Long-Form\n") {
		t.Errorf("September:\n%s", got)
	}
}

func TestChanged(t *testing.T) {
	src := &entries{
		list:   []ledger.Entry{entry(1, "2026-09-01", "tiktok", "live-gifts", ledger.KindEarning, "1", "USD", ledger.StatusPaid)},
		second: []ledger.Entry{entry(2, "2026-09-01", "youtube", "long-form", ledger.KindEarning, "1", "USD", ledger.StatusPaid)},
	}
	if err := Write(context.Background(), &bytes.Buffer{}, src, Options{Format: Ledger}); !errors.Is(err, ErrChanged) {
		t.Errorf("a ledger that changed between the passes: %v, want ErrChanged", err)
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(context.Background(), &bytes.Buffer{}, &entries{}, Options{Format: "gnucash"}); err == nil {
		t.Error("format gnucash: no error")
	}
}

// Whatever the text, it stays on its line and inside its quotes.
func TestText(t *testing.T) {
	for s, want := range map[string][2]string{
		"":           {"", `""`},
		"plain":      {"plain", `"plain"`},
		"a;b":        {"a,b", `"a;b"`},
		"x\ny\r\tz":  {"x y  z", `"x\ny\r\tz"`},
		"\x00a\x7f":  {"a", `" a "`},
		`say "hi" \`: {`say "hi" \`, `"say \"hi\" \\"`},
		"\xff bad":   {"\uFFFD bad", "\"\uFFFD bad\""},
		" lead ":     {"lead", `" lead "`},
		"naïve":      {"naïve", `"naïve"`},
	} {
		if got := ledgerText(s); got != want[0] {
			t.Errorf("ledgerText(%q) = %q, want %q", s, got, want[0])
		}
		if got := beancountString(s); got != want[1] {
			t.Errorf("beancountString(%q) = %q, want %q", s, got, want[1])
		}
	}
}
