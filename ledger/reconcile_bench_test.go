package ledger

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// busyYear is a year of a busy creator: 100,000 bank rows (10,000 of them
// payouts arriving from five platforms, 4,000 invoice payments, the rest
// everyday spending), 10,000 platform payouts and 5,000 invoices.
func busyYear(in *ReconInput) {
	start := mustDate("2026-01-01")
	platforms := []struct{ platform, program, party string }{
		{"paypal", "payouts", "PayPal Europe S.a.r.l. et Cie S.C.A"}, {"stripe", "payouts", "Stripe Payments Europe"},
		{"adsense", "adsense", "Google Ireland Ltd ADSENSE"}, {"gumroad", "seller", "Gumroad Inc"}, {"awin", "publisher", "AWIN AG"},
	}
	id := int64(1)
	for i := 0; i < 10_000; i++ {
		p := platforms[i%len(platforms)]
		day := start.AddDate(0, 0, i*365/10_000)
		cents := int64(2_000 + i*7919%500_000)
		amount := decimal.New(cents, -2)
		in.Payouts = append(in.Payouts, Entry{ID: id, Date: day, Platform: p.platform, Program: p.program, Kind: KindPayout,
			Amount: amount.Neg(), Currency: "EUR", Status: StatusPaid})
		in.Deposits = append(in.Deposits, Entry{ID: id + 1, Date: day.AddDate(0, 0, 2), Platform: "ing", Program: "nl12", Kind: KindTransfer,
			Amount: amount, Currency: "EUR", Status: StatusApproved, Counterparty: p.party, Description: fmt.Sprintf("payout %d", i)})
		id += 2
	}
	for i := 0; i < 5_000; i++ {
		issued := start.AddDate(0, 0, i*365/5_000)
		amount := decimal.New(int64(15_000+i*104_729%250_000), -2)
		vat := amount.Mul(decimal.RequireFromString("0.21")).Round(2)
		number := fmt.Sprintf("INV-2026-%04d", i)
		in.Invoices = append(in.Invoices, Invoice{EntryID: id, Number: number, Brand: fmt.Sprintf("Brand %d B.V.", i%300), Platform: "tiktok",
			Issued: issued, Due: issued.AddDate(0, 0, 30), Amount: amount, VAT: vat, Currency: "EUR"})
		id++
		if i%5 != 0 { // four in five are paid into the bank, naming the invoice
			in.Deposits = append(in.Deposits, Entry{ID: id, Date: issued.AddDate(0, 0, 20), Platform: "ing", Program: "nl12", Kind: KindTransfer,
				Amount: amount.Add(vat), Currency: "EUR", Status: StatusApproved, Counterparty: fmt.Sprintf("Brand %d BV", i%300),
				Description: "Factuur " + number})
			id++
		}
	}
	for len(in.Deposits) < 100_000 {
		n := len(in.Deposits)
		in.Deposits = append(in.Deposits, Entry{ID: id, Date: start.AddDate(0, 0, n%365), Platform: "ing", Program: "nl12", Kind: KindTransfer,
			Amount: decimal.New(int64(100+n%90_000), -2), Currency: "EUR", Status: StatusApproved, Counterparty: "Albert Heijn 1308",
			Description: fmt.Sprintf("Pasvolgnr: 002 Transactie: %d Term: 5Y2N0A Apple Pay", n)})
		id++
	}
	in.BankEnd = DayNumber(start.AddDate(1, 0, 0))
}

// BenchmarkReconcile is the matching of busyYear, in memory (DESIGN.md:
// reconciling 100,000 bank rows against 10,000 payouts in under a second;
// make bench also times payouts reconcile on a ledger of them).
func BenchmarkReconcile(b *testing.B) {
	t := &testing.T{}
	base := testInput(t)
	busyYear(base)
	b.ResetTimer()
	var r Reconciliation
	for range b.N {
		in := *base
		in.Payouts = append([]Entry(nil), base.Payouts...)
		r = Reconcile(&in)
	}
	b.StopTimer()
	var payouts, invoices int
	for _, m := range r.Matches {
		if m.Kind == MatchPayout && m.TargetID != 0 {
			payouts++
		} else if m.Kind == MatchInvoice {
			invoices++
		}
	}
	if payouts != 10_000 || invoices != 4_000 {
		b.Fatalf("matched %d payouts and %d invoices, want 10000 and 4000 (unplaced %d)", payouts, invoices, len(r.Unplaced))
	}
	_ = time.Now
}
