package ledger

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

func date(s string) time.Time {
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func validEntry() Entry {
	return Entry{
		Date: date("2026-09-01"), Platform: "tiktok", Program: "creator-rewards", Kind: KindEarning,
		Amount: decimal.RequireFromString("12.34"), Currency: "USD", ExternalID: "7398812203344556677",
		Views: Counted(1000), QualifiedViews: Counted(800), Status: StatusEstimated,
	}
}

func TestValidate(t *testing.T) {
	e := validEntry()
	if err := e.Validate(); err != nil {
		t.Fatalf("valid entry refused: %v", err)
	}
	cases := map[string]func(*Entry){
		"date is missing":          func(e *Entry) { e.Date = time.Time{} },
		"out of range":             func(e *Entry) { e.Date = date("1850-01-01") },
		"platform":                 func(e *Entry) { e.Platform = "Tik Tok" },
		"program":                  func(e *Entry) { e.Program = "" },
		"kind":                     func(e *Entry) { e.Kind = "bonus" },
		"status":                   func(e *Entry) { e.Status = "done" },
		"currency":                 func(e *Entry) { e.Currency = "usd" },
		"views -1 is negative":     func(e *Entry) { e.Views = Counted(-1) },
		"qualified views 800 exce": func(e *Entry) { e.Views = Counted(10) },
		"more than 6 decimals":     func(e *Entry) { e.Amount = decimal.RequireFromString("0.0000001") },
		"amount out of range":      func(e *Entry) { e.Amount = decimal.RequireFromString("1e13") },
	}
	for want, mutate := range cases {
		e := validEntry()
		mutate(&e)
		err := e.Validate()
		if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: Validate() = %v, want an ErrInvalid mentioning %q", want, err, want)
		}
	}
}

func TestPostingsBalance(t *testing.T) {
	for _, k := range Kinds {
		for _, platform := range []string{"tiktok", "ing"} {
			e := validEntry()
			e.Kind, e.Platform = k, platform
			e.Amount = decimal.RequireFromString("-3.21")
			ps := e.Postings()
			if len(ps) != 2 || ps[0].Account == ps[1].Account {
				t.Errorf("%s/%s: postings %v", platform, k, ps)
			}
			if err := Balanced(ps); err != nil {
				t.Errorf("%s/%s: %v", platform, k, err)
			}
		}
	}
	if err := Balanced([]Posting{{"assets:x", decimal.NewFromInt(1), "EUR"}, {"income:x:y", decimal.NewFromInt(-1), "USD"}}); err == nil {
		t.Error("postings in two currencies that each leave a balance passed")
	}
}

func TestAccounts(t *testing.T) {
	cases := []struct {
		platform, program, counterparty string
		kind                            Kind
		source, contra                  string
	}{
		{"tiktok", "creator-rewards", "", KindEarning, "assets:tiktok", "income:tiktok:creator-rewards"},
		{"amazon-associates", "associates", "", KindReversal, "assets:amazon-associates", "income:amazon-associates:associates"},
		{"gumroad", "seller", "", KindFee, "assets:gumroad", "expenses:fees:gumroad"},
		{"youtube", "long-form", "", KindPayout, "assets:youtube", "assets:transit:youtube"},
		{"ing", "deposit", "Google Ireland Ltd", KindPayout, "assets:bank:ing", "assets:transit:google-ireland-ltd"},
		{"ing", "transfer", "Albert Heijn", KindTransfer, "assets:bank:ing", "equity:transfers"},
	}
	for _, c := range cases {
		e := Entry{Platform: c.platform, Program: c.program, Kind: c.kind, Counterparty: c.counterparty}
		if got := e.SourceAccount(); got != c.source {
			t.Errorf("%+v: source %s, want %s", c, got, c.source)
		}
		if got := e.ContraAccount(); got != c.contra {
			t.Errorf("%+v: contra %s, want %s", c, got, c.contra)
		}
	}
}

func TestIdentity(t *testing.T) {
	a := validEntry()
	b := validEntry()
	b.Amount = decimal.RequireFromString("13.00")
	b.Status = StatusApproved
	b.Views = Counted(2000)
	if a.Identity() != b.Identity() {
		t.Error("with an external id, a new amount/status/views must keep the identity (an update)")
	}
	b.Kind = KindReversal
	if a.Identity() == b.Identity() {
		t.Error("kind is part of the identity")
	}
	c, d := validEntry(), validEntry()
	c.ExternalID, d.ExternalID = "", ""
	d.Description = "  Other   TEXT "
	c.Description = "other text"
	if c.Identity() != d.Identity() {
		t.Error("white space and case in texts must not change the identity")
	}
	d.Amount = decimal.RequireFromString("12.35")
	d.Status = StatusApproved
	d.Views = Counted(10)
	if c.Identity() != d.Identity() {
		t.Error("without an external id a new amount/status/views must keep the identity (an update, issue 13)")
	}
	d.Counterparty = "someone"
	if c.Identity() == d.Identity() {
		t.Error("without an external id the counterparty is part of the identity")
	}
	if KeyOf(c.Date, []byte(c.Identity()), 0) == KeyOf(c.Date, []byte(c.Identity()), 1) {
		t.Error("occurrence index must change the key")
	}
	// Stored keys are hashes of identities: their form must not change
	// without a migration that computes the stored keys again (as 0010 did
	// when the amount left it).
	want := "2026-09-01\x1ftiktok\x1fcreator-rewards\x1fearning\x1fUSD\x1fno-id\x1f\x1fother text"
	if got := c.Identity(); got != want {
		t.Errorf("identity %q, want %q", got, want)
	}
}

// TestAppendDay checks the identity's date text against time's, for every
// day an entry may have.
func TestAppendDay(t *testing.T) {
	for d := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2200; d = d.AddDate(0, 0, 1) {
		if got, want := string(AppendDay(nil, DayNumber(d))), d.Format(DateLayout); got != want {
			t.Fatalf("appendDay(%d) = %q, want %q", DayNumber(d), got, want)
		}
	}
}

func TestSlugs(t *testing.T) {
	for _, s := range []string{"tiktok", "amazon-associates", "abn-amro", "a", "x.y_z"} {
		if !ValidSlug(s) {
			t.Errorf("%q refused", s)
		}
	}
	for _, s := range []string{"", "TikTok", "-x", "x-", "a b", "é"} {
		if ValidSlug(s) {
			t.Errorf("%q accepted", s)
		}
	}
	if got := Slugify("  Google Ireland Ltd. "); got != "google-ireland-ltd" {
		t.Errorf("Slugify = %q", got)
	}
}

// FuzzNormalised checks the shortcut for texts that need no change against
// the full normalisation.
func FuzzNormalised(f *testing.F) {
	for _, s := range []string{"", "a", "thrift flip: 1970s denim", " lead", "trail ", "two  spaces", "Upper", "tab\there",
		"caf\u00e9", "nbsp\u00a0x", "line\nbreak", "~!@#$%^&*()_+{}|:<>?", "x y z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fast := AppendNormalised(nil, s)
		slow := appendNormalisedSlow(s)
		if string(fast) != slow {
			t.Errorf("%q: got %q, want %q", s, fast, slow)
		}
	})
}

// appendNormalisedSlow is AppendNormalised without its shortcut.
func appendNormalisedSlow(s string) string {
	var b []byte
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return string(b)
}
