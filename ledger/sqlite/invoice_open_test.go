package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// describeLine renders what a line of the invoices report says.
func describeLine(l ledger.InvoiceLine) string {
	day := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.Format(ledger.DateLayout)
	}
	return fmt.Sprintf("%d %s %s %s issued %s due %s assumed %v state %s days %d aging %q paid %s in %d credits %v "+
		"net %s gross %s settled %s outstanding %s disclosure %q", l.EntryID, l.Number, l.Brand, l.Currency,
		day(l.Issued), day(l.DueOn), l.DueAssumed, l.State, l.DaysPastDue, l.Aging, day(l.PaidOn), l.DaysToPay,
		l.CreditNotes, l.Net, l.NetGross, l.Settled, l.Outstanding, l.DisclosureFlag)
}

func describeAging(as []ledger.InvoiceAging) string {
	var b strings.Builder
	for _, a := range as {
		fmt.Fprintf(&b, "%s not due %s buckets %v total %s\n", a.Currency, a.NotDue, a.Buckets, a.Total)
	}
	return b.String()
}

// randomInvoiceLedger imports invoices of every kind the report tells
// apart: entered by hand or with facts (due, paid, VAT, corrects), of
// every status, zero and negative amounts, credit notes that name their
// invoice in their text (in another case too) or in a fact, numbers used
// twice and in two currencies, payments that settle them (in full, in
// part, twice), and other platforms' entries around them.
func randomInvoiceLedger(t *testing.T, seed uint64) *DB {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	db := newTestDB(t)
	start := date("2026-01-01")
	numbers := []string{"INV-1", "INV-2", "INV-3", "inv-3", "INV-4", "F-10", "F-11", "2026/7", "INV-\u212a9"}
	brands := []string{"Brand B.V.", "Other Ltd", "Third GmbH"}
	statuses := []ledger.Status{ledger.StatusEstimated, ledger.StatusPending, ledger.StatusApproved, ledger.StatusPaid, ledger.StatusReversed}
	var es []ledger.Entry
	n := 20 + rng.IntN(60)
	for i := range n {
		e := ledger.Entry{Date: start.AddDate(0, 0, rng.IntN(200)), Platform: ledger.SponsorshipPlatform, Program: "tiktok",
			Kind: ledger.KindEarning, Currency: "EUR", ExternalID: fmt.Sprintf("H-%d", i),
			Status: statuses[rng.IntN(len(statuses))], Counterparty: brands[rng.IntN(len(brands))],
			Description: fmt.Sprintf("post %d", i)}
		if rng.IntN(4) == 0 {
			e.ExternalID = numbers[rng.IntN(len(numbers))]
		}
		if rng.IntN(6) == 0 {
			e.Currency = "USD"
		}
		switch r := rng.IntN(10); {
		case r == 0:
			e.Amount = decimal.Zero
		case r <= 2: // a credit note
			e.Amount = decimal.New(-int64(1+rng.IntN(500)), 0)
			if rng.IntN(2) == 0 {
				e.Kind = ledger.KindReversal
			}
			named := numbers[rng.IntN(len(numbers))]
			if rng.IntN(3) == 0 {
				named = strings.ToLower(named)
			}
			e.Description = "Credit note for " + named + ": one segment cut"
			if rng.IntN(5) == 0 {
				e.Description += " and " + numbers[rng.IntN(len(numbers))]
			}
		default:
			e.Amount = decimal.New(int64(1+rng.IntN(200000)), -2)
		}
		if rng.IntN(3) == 0 { // from the invoice template
			f := &ledger.InvoiceFacts{Disclosure: []string{"", "#ad", "sponsored by"}[rng.IntN(3)]}
			if rng.IntN(4) > 0 {
				f.Due = e.Date.AddDate(0, 0, rng.IntN(60)-5)
			}
			if rng.IntN(5) == 0 {
				f.Paid = e.Date.AddDate(0, 0, rng.IntN(90))
			}
			if rng.IntN(2) == 0 {
				r := decimal.New(21, 0)
				f.VATRate = &r
				f.VAT = e.Amount.Mul(r).Div(decimal.NewFromInt(100)).Round(2)
			}
			if e.Amount.IsNegative() && rng.IntN(2) == 0 {
				f.Corrects = numbers[rng.IntN(len(numbers))]
			}
			e.Invoice = f
		}
		es = append(es, e)
		if rng.IntN(3) == 0 { // what a brand pays for it
			p := ledger.Entry{Date: e.Date.AddDate(0, 0, rng.IntN(80)), Platform: "paypal", Program: "payments",
				Kind: ledger.KindEarning, Currency: e.Currency, Status: ledger.StatusApproved, Counterparty: e.Counterparty,
				Description: "Payment for " + e.ExternalID, ExternalID: fmt.Sprintf("PP-%d", i)}
			p.Amount = e.Amount.Abs()
			if e.Invoice != nil {
				p.Amount = p.Amount.Add(e.Invoice.VAT.Abs())
			}
			if rng.IntN(3) == 0 {
				p.Amount = p.Amount.Div(decimal.NewFromInt(2)).Round(2)
			}
			es = append(es, p)
		}
		if rng.IntN(4) == 0 {
			es = append(es, ledger.Entry{Date: e.Date, Platform: "tiktok", Program: "creator-rewards", Kind: ledger.KindEarning,
				Amount: decimal.New(int64(rng.IntN(1000)), -2), Currency: "USD", ExternalID: fmt.Sprintf("v%d", i),
				Status: ledger.StatusApproved})
		}
	}
	importEntries(t, db, fmt.Sprint("seed", seed), es...)
	if _, err := db.Reconcile(context.Background(), start.AddDate(1, 0, 0)); err != nil {
		t.Fatal(err)
	}
	return db
}

// OpenInvoices says what report invoices --status open says, figure for
// figure, on random ledgers, days and lengths of the listing.
func TestOpenInvoicesEqualsReport(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(40) {
		db := randomInvoiceLedger(t, seed)
		for _, asOf := range []string{"2025-12-31", "2026-02-01", "2026-04-15", "2026-07-20", "2027-01-01"} {
			rep, err := db.InvoiceReport(ctx, ledger.InvoiceQuery{AsOf: date(asOf), State: ledger.InvoiceStateOpen})
			if err != nil {
				t.Fatal(err)
			}
			overdue, assumed := 0, false
			for _, l := range rep.Lines {
				if l.State == ledger.InvoiceStateOverdue {
					overdue++
				}
				assumed = assumed || l.DueAssumed
			}
			for _, limit := range []int{0, 1, 3, 10, 50} {
				got, err := db.OpenInvoices(ctx, date(asOf), limit)
				if err != nil {
					t.Fatal(err)
				}
				at := fmt.Sprintf("seed %d, as of %s, limit %d", seed, asOf, limit)
				want := rep.Lines[:min(limit, len(rep.Lines))]
				if len(got.Lines) != len(want) {
					t.Fatalf("%s: %d lines, want %d", at, len(got.Lines), len(want))
				}
				for i := range want {
					if g, w := describeLine(got.Lines[i]), describeLine(want[i]); g != w {
						t.Fatalf("%s: line %d\n got %s\nwant %s", at, i, g, w)
					}
				}
				if got.More != len(rep.Lines)-len(want) || got.Overdue != overdue || got.Assumed != assumed {
					t.Errorf("%s: more %d overdue %d assumed %v, want %d %d %v", at, got.More, got.Overdue, got.Assumed,
						len(rep.Lines)-len(want), overdue, assumed)
				}
				if g, w := describeAging(got.Aging), describeAging(rep.Aging); g != w {
					t.Errorf("%s: aging\n got %s\nwant %s", at, g, w)
				}
			}
		}
	}
}

// Migration 0014 marks the invoices an older ledger holds, and only them.
func TestMigrateInvoiceMark(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	importEntries(t, db, "a", invoiceEntry("INV-1", "2026-08-06", "2026-09-05", "", "100", "", "#ad", "video"),
		invoiceEntry("CN-1", "2026-08-07", "2026-08-07", "", "-20", "", "", "Credit note for INV-1"),
		earning("2026-08-03", "v1", "41.2871", ledger.StatusEstimated))
	for _, q := range []string{`DROP INDEX entries_invoices`,
		`ALTER TABLE entries DROP COLUMN invoice`,
		`DELETE FROM schema_migrations WHERE version = 14`} {
		if _, err := db.sql.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.migrateFile(ctx, 14, "migrations/0014_invoice_index.sql"); err != nil {
		t.Fatal(err)
	}
	var marked string
	if err := db.sql.QueryRowContext(ctx, `SELECT group_concat(external_id, ' ') FROM (SELECT external_id FROM entries
		WHERE invoice = 1 ORDER BY id)`).Scan(&marked); err != nil || marked != "INV-1 CN-1" {
		t.Fatalf("marked %q (%v), want INV-1 CN-1", marked, err)
	}
	got, err := db.OpenInvoices(ctx, date("2026-10-01"), 5)
	if err != nil || len(got.Lines) != 1 || got.Lines[0].Outstanding.String() != "80" || got.Overdue != 1 {
		t.Fatalf("open invoices after the migration: %+v %v", got, err)
	}
}
