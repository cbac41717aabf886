package sqlite

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// invoiceEntry is a sponsorship invoice as the invoice importer gives it.
func invoiceEntry(number, issued, due, paid, amount string, vat string, disclosure, text string) ledger.Entry {
	e := ledger.Entry{
		Date: date(issued), Platform: ledger.SponsorshipPlatform, Program: "tiktok", Kind: ledger.KindEarning,
		Amount: decimal.RequireFromString(amount), Currency: "EUR", ExternalID: number, Status: ledger.StatusApproved,
		Counterparty: "Brand B.V.", Description: text,
		Invoice: &ledger.InvoiceFacts{Due: date(due), Disclosure: disclosure},
	}
	if e.Amount.IsNegative() {
		e.Kind = ledger.KindReversal
	}
	if paid != "" {
		e.Status, e.Invoice.Paid = ledger.StatusPaid, date(paid)
	}
	if vat != "" {
		r := decimal.RequireFromString(vat)
		e.Invoice.VATRate = &r
		e.Invoice.VAT = e.Amount.Mul(r).Div(decimal.NewFromInt(100)).Round(2)
	}
	return e
}

// describeInvoices renders Invoices for comparison.
func describeInvoices(t *testing.T, db *DB) string {
	t.Helper()
	ivs, err := db.Invoices(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	day := func(d interface{ Format(string) string }) string { return d.Format(ledger.DateLayout) }
	for _, iv := range ivs {
		rate := "-"
		if iv.VATRate != nil {
			rate = iv.VATRate.String()
		}
		due, paid := "-", "-"
		if !iv.Due.IsZero() {
			due = day(iv.Due)
		}
		if !iv.Paid.IsZero() {
			paid = day(iv.Paid)
		}
		fmt.Fprintf(&b, "%s %s %s due %s paid %s %s %s vat %s%% %s gross %s disclosure %q text %q corrects %q urls %q\n",
			iv.Number, iv.Platform, day(iv.Issued), due, paid, iv.Amount, iv.Currency, rate, iv.VAT, iv.Gross(),
			iv.Disclosure, iv.Text, iv.Corrects, strings.Join(iv.URLs, " "))
	}
	return b.String()
}

// The facts are fields of the invoice, not text in its description; a
// sponsorship entered by hand is an invoice without them; a credit note
// names the invoice it corrects in its text.
func TestInvoices(t *testing.T) {
	db := newTestDB(t)
	inv := invoiceEntry("INV-2", "2026-08-26", "2026-09-25", "", "1250", "21", "#ad", "YouTube integration")
	inv.Invoice.URLs = []string{"https://www.youtube.com/watch?v=x"}
	cn := invoiceEntry("CN-1", "2026-09-30", "2026-09-30", "", "-250", "21", "#ad", "Credit note for INV-2: one segment cut")
	other := invoiceEntry("INV-3", "2026-09-30", "2026-10-30", "", "100", "", "", "Other brand names INV-2")
	other.Counterparty = "Someone Else"
	hand := ledger.Entry{Date: date("2026-07-01"), Platform: ledger.SponsorshipPlatform, Program: "instagram", Kind: ledger.KindEarning,
		Amount: decimal.RequireFromString("300"), Currency: "EUR", ExternalID: "F-7", Status: ledger.StatusPaid,
		Counterparty: "Hand Made", Description: "entered by hand"}
	importEntries(t, db, "a", inv, cn, other, hand)
	got := describeInvoices(t, db)
	want := `F-7 instagram 2026-07-01 due - paid - 300 EUR vat -% 0 gross 300 disclosure "" text "entered by hand" corrects "" urls ""
INV-2 tiktok 2026-08-26 due 2026-09-25 paid - 1250 EUR vat 21% 262.5 gross 1512.5 disclosure "#ad" text "YouTube integration" corrects "" urls "https://www.youtube.com/watch?v=x"
CN-1 tiktok 2026-09-30 due 2026-09-30 paid - -250 EUR vat 21% -52.5 gross -302.5 disclosure "#ad" text "Credit note for INV-2: one segment cut" corrects "INV-2" urls ""
INV-3 tiktok 2026-09-30 due 2026-10-30 paid - 100 EUR vat -% 0 gross 100 disclosure "" text "Other brand names INV-2" corrects "" urls ""
`
	if got != want {
		t.Errorf("invoices:\n%s\nwant:\n%s", got, want)
	}
}

// An invoice file imported again: a paid date, or only a due date, that
// changed updates the invoice; an unchanged one is a duplicate; undoing
// the later import puts the earlier facts back; a native CSV row of the same
// entry, which has no facts, keeps them.
func TestInvoiceReimportAndUndo(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	open := invoiceEntry("INV-1", "2026-08-01", "2026-08-31", "", "500", "21", "#ad", "video")
	a := importEntries(t, db, "a", open)
	before := describeInvoices(t, db)

	dup := importEntries(t, db, "dup", open)
	if dup.Duplicates != 1 || dup.Updated != 0 {
		t.Fatalf("the same invoice again: %+v", dup.Counts)
	}
	moved := open
	moved.Invoice = &ledger.InvoiceFacts{Due: date("2026-09-15"), VATRate: open.Invoice.VATRate, VAT: open.Invoice.VAT, Disclosure: "#ad"}
	b := importEntries(t, db, "b", moved)
	if b.Updated != 1 {
		t.Fatalf("a moved due date: %+v, want 1 updated", b.Counts)
	}
	afterB := describeInvoices(t, db)
	if !strings.Contains(afterB, "due 2026-09-15 paid -") {
		t.Fatalf("after the due date moved:\n%s", afterB)
	}
	paid := invoiceEntry("INV-1", "2026-08-01", "2026-09-15", "2026-09-10", "500", "21", "#ad", "video")
	c := importEntries(t, db, "c", paid)
	if c.Updated != 1 {
		t.Fatalf("paid: %+v, want 1 updated", c.Counts)
	}
	if got := describeInvoices(t, db); !strings.Contains(got, "due 2026-09-15 paid 2026-09-10") {
		t.Fatalf("after it was paid:\n%s", got)
	}

	// The native CSV's row of the same entry: no facts, so nothing changes;
	// with another status it updates the entry and the facts stay.
	native := paid
	native.Invoice = nil
	nat := importEntries(t, db, "native", native)
	if nat.Duplicates != 1 {
		t.Fatalf("native row of the invoice: %+v, want a duplicate", nat.Counts)
	}
	native.Status = ledger.StatusApproved
	nat2 := importEntries(t, db, "native2", native)
	if nat2.Updated != 1 {
		t.Fatalf("native row with another status: %+v", nat2.Counts)
	}
	if got := describeInvoices(t, db); !strings.Contains(got, "due 2026-09-15 paid 2026-09-10") {
		t.Fatalf("the native row lost the facts:\n%s", got)
	}
	// Undone, they leave the paid invoice as it was (the first one holds
	// its version too: undone as well, so that the paid import is alone).
	for _, im := range []ledger.Import{nat2, nat} {
		if _, err := db.UndoImport(ctx, im.ID); err != nil {
			t.Fatal(err)
		}
	}

	if _, err := db.UndoImport(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if got := describeInvoices(t, db); got != afterB {
		t.Fatalf("undoing the paid import:\n%s\nwant:\n%s", got, afterB)
	}
	if _, err := db.UndoImport(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if got := describeInvoices(t, db); got != before {
		t.Fatalf("undoing the moved due date:\n%s\nwant:\n%s", got, before)
	}
	// The first import goes; the duplicate holds the entry and its facts.
	if _, err := db.UndoImport(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got := describeInvoices(t, db); got != before {
		t.Fatalf("undoing the first import, which another holds:\n%s\nwant:\n%s", got, before)
	}
	if _, err := db.UndoImport(ctx, dup.ID); err != nil {
		t.Fatal(err)
	}
	if got := describeInvoices(t, db); got != "" {
		t.Fatalf("every import undone, invoices left:\n%s", got)
	}
	var n int
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM invoices`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d rows of invoice facts left (%v)", n, err)
	}
}

// Undoing an import that changed an invoice and was itself changed back by
// a later one keeps the later import's facts.
func TestInvoiceUndoMiddleImport(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	first := invoiceEntry("INV-1", "2026-08-01", "2026-08-31", "", "500", "21", "", "video")
	importEntries(t, db, "a", first)
	marked := invoiceEntry("INV-1", "2026-08-01", "2026-08-31", "", "500", "21", "#advertentie", "video")
	mid := importEntries(t, db, "b", marked)
	paid := invoiceEntry("INV-1", "2026-08-01", "2026-08-31", "2026-08-20", "500", "21", "#advertentie", "video")
	importEntries(t, db, "c", paid)
	want := describeInvoices(t, db)
	if _, err := db.UndoImport(ctx, mid.ID); err != nil {
		t.Fatal(err)
	}
	if got := describeInvoices(t, db); got != want {
		t.Fatalf("undoing the middle import:\n%s\nwant:\n%s", got, want)
	}
}

// A ledger of an earlier version kept the facts in the description: the
// migration moves them to the invoices table, for the current version and
// the earlier ones, and a re-import of the same invoice file finds it
// unchanged.
func TestMigrateInvoiceFacts(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	legacy := func(desc string, status ledger.Status) ledger.Entry {
		return ledger.Entry{Date: date("2026-07-14"), Platform: ledger.SponsorshipPlatform, Program: "tiktok", Kind: ledger.KindEarning,
			Amount: decimal.RequireFromString("750"), Currency: "EUR", ExternalID: "INV-2026-014", Status: status,
			Counterparty: "Vintage Vibes B.V.", Description: desc}
	}
	open := legacy("1 TikTok video + 3 stories | due: 2026-08-13 | vat: 21% (157.50 EUR) | disclosure: #advertentie | url: https://www.tiktok.com/@maker/video/1", ledger.StatusApproved)
	paid := legacy("1 TikTok video + 3 stories | due: 2026-08-13 | paid: 2026-08-02 | vat: 21% (157.50 EUR) | disclosure: #advertentie | url: https://www.tiktok.com/@maker/video/1", ledger.StatusPaid)
	hand := legacy("note | disclosure: is not a fact here", ledger.StatusApproved)
	hand.ExternalID = ""
	importEntries(t, db, "a", open)
	b := importEntries(t, db, "b", paid)
	importEntries(t, db, "c", hand)
	for _, q := range []string{`DROP TABLE invoices`, `DELETE FROM schema_migrations WHERE version = 13`} {
		if _, err := db.sql.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.migrateFile(ctx, 13, "migrations/0013_invoices.sql"); err != nil {
		t.Fatal(err)
	}
	want := ` tiktok 2026-07-14 due - paid - 750 EUR vat -% 0 gross 750 disclosure "" text "note | disclosure: is not a fact here" corrects "" urls ""
INV-2026-014 tiktok 2026-07-14 due 2026-08-13 paid 2026-08-02 750 EUR vat 21% 157.5 gross 907.5 disclosure "#advertentie" text "1 TikTok video + 3 stories" corrects "" urls "https://www.tiktok.com/@maker/video/1"
`
	if got := describeInvoices(t, db); got != want {
		t.Fatalf("after the migration:\n%s\nwant:\n%s", got, want)
	}
	// The earlier version's facts came along: undoing the paid import
	// gives the open invoice back.
	if _, err := db.UndoImport(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if got := describeInvoices(t, db); !strings.Contains(got, "due 2026-08-13 paid - 750") {
		t.Fatalf("after undoing the paid import:\n%s", got)
	}
	// The first file as the invoice importer now reads it is a duplicate.
	again := invoiceEntry("INV-2026-014", "2026-07-14", "2026-08-13", "", "750", "21", "#advertentie", "1 TikTok video + 3 stories")
	again.Counterparty = "Vintage Vibes B.V."
	again.Invoice.URLs = []string{"https://www.tiktok.com/@maker/video/1"}
	if im := importEntries(t, db, "again", again); im.Duplicates != 1 {
		t.Fatalf("the open invoice again after the migration: %+v, want a duplicate", im.Counts)
	}
}
