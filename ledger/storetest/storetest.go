// Package storetest is the contract of a ledger store (ledger.Store), as a
// test suite any store runs: imports through ImportSession (new, duplicate,
// updated, rolled back, refused twice), undo, the reports and the settings,
// each checked against figures worked out by hand, never against another
// store's output. The SQLite store runs it (ledger/store_test.go); a second
// store (docs/store.md) is done when it passes too.
package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// Opener gives a new, empty store for one test; the suite closes it.
type Opener func(t *testing.T) ledger.Store

// Run runs every test of the contract against the stores open gives.
func Run(t *testing.T, open Opener) {
	for _, c := range []struct {
		name string
		fn   func(*testing.T, ledger.Store)
	}{
		{"ImportAndReimport", importAndReimport},
		{"RollbackLeavesNothing", rollbackLeavesNothing},
		{"SameFileTwice", sameFileTwice},
		{"Undo", undo},
		{"Reports", reports},
		{"Invoices", invoices},
		{"Settings", settings},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			c.fn(t, s)
		})
	}
}

var ctx = context.Background()

func day(s string) time.Time {
	d, err := time.Parse(ledger.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// earning is a TikTok Creator Rewards day of one video.
func earning(date, video, amount string, views int64) ledger.Entry {
	return ledger.Entry{Date: day(date), Platform: "tiktok", Program: "creator-rewards", Kind: ledger.KindEarning,
		Amount: dec(amount), Currency: "USD", ExternalID: video, Views: ledger.Counted(views),
		QualifiedViews: ledger.Counted(views), Status: ledger.StatusApproved}
}

// importFile imports entries as a file of that name and body, and commits.
func importFile(t *testing.T, s ledger.Store, name, body string, es ...ledger.Entry) ledger.Import {
	t.Helper()
	im, err := begin(t, s, name, body, es...).Commit(ctx)
	if err != nil {
		t.Fatalf("commit %s: %v", name, err)
	}
	return im
}

// begin starts an import of entries as a file of that name and body.
func begin(t *testing.T, s ledger.Store, name, body string, es ...ledger.Entry) ledger.ImportSession {
	t.Helper()
	sess, err := s.BeginImportSession(ctx, name, "native", bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatalf("begin %s: %v", name, err)
	}
	for i, e := range es {
		e.Line = i + 2
		if err := e.Validate(); err != nil {
			t.Fatalf("%s: entry %d: %v", name, i, err)
		}
		if err := sess.AddValid(ctx, e, false); err != nil {
			t.Fatalf("%s: add entry %d: %v", name, i, err)
		}
	}
	return sess
}

func counts(im ledger.Import) string {
	return fmt.Sprintf("rows %d new %d duplicates %d updated %d", im.Rows, im.New, im.Duplicates, im.Updated)
}

// income renders the income report by month, one row a line.
func income(t *testing.T, s ledger.Store, q ledger.IncomeQuery) string {
	t.Helper()
	rows, err := s.Income(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%s %s %s %s %s\n", r.Period, r.Platform, r.Program, r.Amount, r.Currency)
	}
	return b.String()
}

// A file's entries are new once; the same entries in another file are
// duplicates, and a changed amount updates its entry.
func importAndReimport(t *testing.T, s ledger.Store) {
	es := []ledger.Entry{earning("2026-09-01", "v1", "1.50", 1000), earning("2026-09-01", "v2", "2.25", 3000),
		earning("2026-09-30", "v1", "0.75", 500), earning("2026-10-01", "v1", "4", 9000)}
	first := importFile(t, s, "sept.csv", "a", es...)
	if got := counts(first); got != "rows 4 new 4 duplicates 0 updated 0" {
		t.Fatalf("first import: %s", got)
	}
	es[2].Amount = dec("0.80")
	again := importFile(t, s, "sept-again.csv", "b", es...)
	if got := counts(again); got != "rows 4 new 0 duplicates 3 updated 1" {
		t.Fatalf("the same rows, one amount changed: %s", got)
	}
	want := "2026-09 tiktok creator-rewards 4.55 USD\n2026-10 tiktok creator-rewards 4 USD\n"
	if got := income(t, s, ledger.IncomeQuery{By: ledger.ByMonth}); got != want {
		t.Fatalf("income:\n%s\nwant:\n%s", got, want)
	}
	ims, err := s.Imports(ctx)
	if err != nil || len(ims) != 2 || ims[0].File != "sept.csv" || ims[1].File != "sept-again.csv" {
		t.Fatalf("imports: %+v %v", ims, err)
	}
	var n int
	if err := s.Entries(ctx, ledger.EntryFilter{}, func(e *ledger.Entry) error { n++; return nil }); err != nil || n != 4 {
		t.Fatalf("%d entries (%v), want 4", n, err)
	}
}

// An import rolled back leaves the ledger as it was.
func rollbackLeavesNothing(t *testing.T, s ledger.Store) {
	importFile(t, s, "a.csv", "a", earning("2026-09-01", "v1", "1", 10))
	sess := begin(t, s, "b.csv", "b", earning("2026-09-02", "v2", "2", 20))
	sess.Rollback()
	ims, err := s.Imports(ctx)
	if err != nil || len(ims) != 1 {
		t.Fatalf("imports after a rollback: %+v %v", ims, err)
	}
	if got := income(t, s, ledger.IncomeQuery{By: ledger.ByYear}); got != "2026 tiktok creator-rewards 1 USD\n" {
		t.Fatalf("income after a rollback: %q", got)
	}
}

// The same file (the same bytes) is refused the second time, naming the
// import that has it, and changes nothing.
func sameFileTwice(t *testing.T, s ledger.Store) {
	first := importFile(t, s, "a.csv", "same bytes", earning("2026-09-01", "v1", "1", 10))
	_, err := begin(t, s, "copy-of-a.csv", "same bytes", earning("2026-09-02", "v2", "2", 20)).Commit(ctx)
	var already *ledger.AlreadyImportedError
	if !errors.As(err, &already) || already.Prev.ID != first.ID {
		t.Fatalf("the same file again: %v, want an AlreadyImportedError naming import %d", err, first.ID)
	}
	if got := income(t, s, ledger.IncomeQuery{By: ledger.ByYear}); got != "2026 tiktok creator-rewards 1 USD\n" {
		t.Fatalf("income after the refusal: %q", got)
	}
}

// Undoing an import removes what it added and gives back what it changed.
func undo(t *testing.T, s ledger.Store) {
	importFile(t, s, "a.csv", "a", earning("2026-09-01", "v1", "1", 10), earning("2026-09-02", "v2", "2", 20))
	b := importFile(t, s, "b.csv", "b", earning("2026-09-01", "v1", "1.10", 10), earning("2026-09-03", "v3", "3", 30))
	u, err := s.Undo(ctx, b.ID)
	if err != nil || u.Removed != 1 || u.Restored != 1 {
		t.Fatalf("undo: %+v %v, want 1 removed and 1 restored", u, err)
	}
	if got := income(t, s, ledger.IncomeQuery{By: ledger.ByYear}); got != "2026 tiktok creator-rewards 3 USD\n" {
		t.Fatalf("income after the undo: %q", got)
	}
	if _, err := s.Import(ctx, b.ID); !errors.Is(err, ledger.ErrNotFound) {
		t.Fatalf("the undone import is still there: %v", err)
	}
}

// The reports add up what the entries say, each as its own rules have it.
func reports(t *testing.T, s ledger.Store) {
	adsense := func(date, amount string) ledger.Entry {
		return ledger.Entry{Date: day(date), Platform: "adsense", Program: "youtube", Kind: ledger.KindEarning,
			Amount: dec(amount), Currency: "EUR", Status: ledger.StatusApproved, ExternalID: "yt-" + date}
	}
	fee := ledger.Entry{Date: day("2026-09-15"), Platform: "gumroad", Program: "sales", Kind: ledger.KindFee,
		Amount: dec("-0.90"), Currency: "EUR", ExternalID: "fee-1", Status: ledger.StatusPaid}
	sale := ledger.Entry{Date: day("2026-09-15"), Platform: "gumroad", Program: "sales", Kind: ledger.KindEarning,
		Amount: dec("9.00"), Currency: "EUR", ExternalID: "sale-1", Status: ledger.StatusPaid}
	importFile(t, s, "mixed.csv", "m", adsense("2026-08-31", "30"), adsense("2026-09-30", "15"), sale, fee,
		earning("2026-09-10", "v9", "2.00", 4000))

	want := "2026-08 adsense youtube 30 EUR\n2026-09 adsense youtube 15 EUR\n2026-09 gumroad sales 9 EUR\n" +
		"2026-09 tiktok creator-rewards 2 USD\n"
	if got := income(t, s, ledger.IncomeQuery{By: ledger.ByMonth}); got != want {
		t.Fatalf("income by month:\n%s\nwant:\n%s", got, want)
	}
	if got := income(t, s, ledger.IncomeQuery{From: day("2026-09-01"), To: day("2026-09-30"), Platform: "adsense", By: ledger.ByMonth}); got != "2026-09 adsense youtube 15 EUR\n" {
		t.Fatalf("income of September, adsense: %q", got)
	}

	// Every currency's accounts add up to zero; AdSense's balance is what
	// it earned.
	bal, err := s.Balances(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]decimal.Decimal{}
	var adsenseAsset decimal.Decimal
	for _, b := range bal {
		sums[b.Currency] = sums[b.Currency].Add(b.Balance)
		if b.Account == "assets:adsense" {
			adsenseAsset = b.Balance
		}
	}
	for cur, sum := range sums {
		if !sum.IsZero() {
			t.Errorf("the %s accounts add up to %s, not zero", cur, sum)
		}
	}
	if !adsenseAsset.Equal(dec("45")) {
		t.Errorf("assets:adsense holds %s, want 45 (%+v)", adsenseAsset, bal)
	}

	// The AdSense balance of 45 EUR is below its threshold; views and
	// revenue give TikTok's RPM: 2.00 USD over 4,000 views is 0.50.
	pend, err := s.PendingPayouts(ctx, ledger.PendingQuery{AsOf: day("2026-11-10")})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range pend.Rows {
		if r.Platform == "adsense" && r.Currency == "EUR" {
			found = true
			if total := r.Withdrawable.Add(r.Pending); !total.Equal(dec("45")) || r.Status == ledger.Payable {
				t.Errorf("adsense pending: %s withdrawable + %s pending, %s; want 45 in all, not payable", r.Withdrawable, r.Pending, r.Status)
			}
		}
	}
	if !found {
		t.Errorf("no adsense row in payouts pending: %+v", pend.Rows)
	}
	rpm, err := s.RPM(ctx, ledger.RPMQuery{By: ledger.ByMonth})
	if err != nil {
		t.Fatal(err)
	}
	if len(rpm.Rows) != 1 || rpm.Rows[0].Platform != "tiktok" || !rpm.Rows[0].RPM.Equal(dec("0.5")) {
		t.Errorf("rpm: %+v, want tiktok at 0.50", rpm.Rows)
	}
	net, err := s.Net(ctx, ledger.NetQuery{By: ledger.ByMonth, Platform: "gumroad"})
	if err != nil {
		t.Fatal(err)
	}
	if len(net.Rows) != 1 || !net.Rows[0].Net.Equal(dec("8.1")) {
		t.Errorf("net of gumroad: %+v, want 8.10", net.Rows)
	}
}

// The open invoices in short say what the invoices report says.
func invoices(t *testing.T, s ledger.Store) {
	inv := func(number, date, amount string, status ledger.Status) ledger.Entry {
		e := ledger.Entry{Date: day(date), Platform: ledger.SponsorshipPlatform, Program: "tiktok", Kind: ledger.KindEarning,
			Amount: dec(amount), Currency: "EUR", ExternalID: number, Status: status, Counterparty: "Brand B.V.",
			Description: "1 video"}
		if e.Amount.IsNegative() {
			e.Kind, e.Description = ledger.KindReversal, "Credit note for INV-1"
		}
		return e
	}
	importFile(t, s, "invoices.csv", "i", inv("INV-1", "2026-08-01", "1000", ledger.StatusApproved),
		inv("INV-2", "2026-09-20", "500", ledger.StatusApproved), inv("INV-3", "2026-07-01", "250", ledger.StatusPaid),
		inv("CN-1", "2026-08-15", "-200", ledger.StatusApproved))
	asOf := day("2026-10-05")
	rep, err := s.InvoiceReport(ctx, ledger.InvoiceQuery{AsOf: asOf, State: ledger.InvoiceStateOpen})
	if err != nil {
		t.Fatal(err)
	}
	// INV-1: 1000 less the credit note, due 2026-08-31, 35 days overdue;
	// INV-2 due 2026-10-20, not yet; INV-3 paid.
	var got []string
	for _, l := range rep.Lines {
		got = append(got, fmt.Sprintf("%s %s %s %d", l.Number, l.State, l.Outstanding, l.DaysPastDue))
	}
	if want := "INV-1 overdue 800 35, INV-2 open 500 -15"; strings.Join(got, ", ") != want {
		t.Fatalf("open invoices: %s, want %s", strings.Join(got, ", "), want)
	}
	short, err := s.OpenInvoices(ctx, asOf, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(short.Lines) != 1 || short.Lines[0].Number != "INV-1" || short.More != 1 || short.Overdue != 1 ||
		len(short.Aging) != 1 || !short.Aging[0].Total.Equal(dec("1300")) || !short.Aging[0].NotDue.Equal(dec("500")) {
		t.Fatalf("open invoices in short: %+v", short)
	}
}

// Settings and threshold overrides are kept and read back.
func settings(t *testing.T, s ledger.Store) {
	for k, v := range map[string]string{ledger.SettingCountry: "NL", ledger.SettingCurrency: "EUR"} {
		if err := s.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetPaymentMethod(ctx, "adsense", "bank-transfer"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFollowers(ctx, "tiktok", 12000); err != nil {
		t.Fatal(err)
	}
	p, err := s.Profile(ctx)
	if err != nil || p.Country != "NL" || p.Currency != "EUR" || p.Methods["adsense"] != "bank-transfer" || p.Followers["tiktok"] != 12000 {
		t.Fatalf("profile: %+v %v", p, err)
	}
	o := ledger.ThresholdOverride{Platform: "adsense", Program: "youtube", Currency: "EUR", MinPayout: dec("40")}
	if err := s.SetThresholdOverride(ctx, o); err != nil {
		t.Fatal(err)
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rules {
		found = found || r.Platform == "adsense" && r.Confidence == "override" && r.MinPayout.Equal(dec("40"))
	}
	if !found {
		t.Fatalf("the override is not among the rules")
	}
	if err := s.UnsetThresholdOverride(ctx, "adsense", "youtube", "EUR", ""); err != nil {
		t.Fatal(err)
	}
	if rules, err = s.Rules(ctx); err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if r.Confidence == "override" {
			t.Fatalf("an override is left after unset: %+v", r)
		}
	}
}
