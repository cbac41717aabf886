package main

import (
	"bufio"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A busy creator's year, for the reconciliation benchmark (DESIGN.md:
// 100,000 bank rows against 10,000 payouts and 5,000 invoices). The three
// files describe one year together; -rows is the number of bank rows, and
// the other two take a tenth and a twentieth of it, and the same seed
// gives the three files of one year:
//
//	busy-year-bank      an ING statement (semicolon download with balances,
//	                    newest first): every payout arriving two days after
//	                    it was made, four in five invoices paid into the
//	                    bank naming their number, and everyday spending
//	busy-year-payouts   the platforms' payouts, as native entries
//	busy-year-invoices  the sponsorship invoices, in the invoice template

var busyYearStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// busyPayers are the platforms that pay out, with how the bank names them.
var busyPayers = []struct{ platform, program, party, memo string }{
	{"paypal", "payouts", "PayPal Europe S.a.r.l. et Cie S.C.A", "PAYPAL UITBETALING"},
	{"stripe", "payouts", "Stripe Payments Europe", "STRIPE PAYOUT"},
	{"adsense", "adsense", "Google Ireland Ltd", "ADSENSE GOOGLE PAYMENT"},
	{"gumroad", "seller", "Gumroad Inc", "GUMROAD PAYOUT"},
	{"awin", "publisher", "AWIN AG", "AWIN PUBLISHER PAYMENT"},
}

type busyPayout struct {
	day   time.Time
	payer int
	cents int
}

type busyInvoice struct {
	number, brand string
	issued        time.Time
	cents, vat    int
	paid          bool
}

func busyPayouts(bankRows int, seed uint64) []busyPayout {
	n := bankRows / 10
	out := make([]busyPayout, n)
	for i := range out {
		out[i] = busyPayout{day: busyYearStart.AddDate(0, 0, i*364/max(n, 1)), payer: i % len(busyPayers), cents: 2_000 + (i*7919+int(seed%1000)*31)%500_000}
	}
	return out
}

func busyInvoices(bankRows int, seed uint64) []busyInvoice {
	n := bankRows / 20
	out := make([]busyInvoice, n)
	for i := range out {
		cents := 15_000 + (i*104_729+int(seed%1000)*37)%250_000
		out[i] = busyInvoice{number: fmt.Sprintf("INV-2026-%05d", i), brand: fmt.Sprintf("Merk %d B.V.", i%300),
			issued: busyYearStart.AddDate(0, 0, i*330/max(n, 1)), cents: cents, vat: (cents*21 + 50) / 100, paid: i%5 != 0}
	}
	return out
}

func busyYearPayouts(w *bufio.Writer, rows int, seed uint64) error {
	w.WriteString("date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n")
	for i, p := range busyPayouts(rows, seed) {
		b := busyPayers[p.payer]
		fmt.Fprintf(w, "%s,%s,%s,payout,-%s,EUR,PO-%07d,,,paid,,Payout to NL12 **** 3456\n", p.day.Format("2006-01-02"), b.platform, b.program, euros(p.cents), i)
	}
	return nil
}

func busyYearInvoices(w *bufio.Writer, rows int, seed uint64) error {
	w.WriteString("invoice_number,brand,platform,issue_date,due_date,amount_excl_vat,currency,vat_rate,paid_date,deliverable_url,disclosure\n")
	for _, inv := range busyInvoices(rows, seed) {
		paid := ""
		if inv.paid {
			paid = inv.issued.AddDate(0, 0, 20).Format("2006-01-02")
		}
		fmt.Fprintf(w, "%s,%s,TikTok,%s,%s,%s,EUR,21,%s,https://www.tiktok.com/@maker/video/%d,#advertentie\n", inv.number, inv.brand,
			inv.issued.Format("2006-01-02"), inv.issued.AddDate(0, 0, 30).Format("2006-01-02"), euros(inv.cents), paid, 7400000000000000000+inv.cents)
	}
	return nil
}

func busyYearBank(w *bufio.Writer, rows int, seed uint64) error {
	type row struct {
		day         time.Time
		party, memo string
		cents       int // signed: the change to the balance
	}
	var rs []row
	for i, p := range busyPayouts(rows, seed) {
		b := busyPayers[p.payer]
		rs = append(rs, row{p.day.AddDate(0, 0, 2), b.party, fmt.Sprintf("%s PO-%07d", b.memo, i), p.cents})
	}
	for _, inv := range busyInvoices(rows, seed) {
		if inv.paid {
			rs = append(rs, row{inv.issued.AddDate(0, 0, 20), strings.TrimSuffix(inv.brand, " B.V.") + " BV", "Factuur " + inv.number, inv.cents + inv.vat})
		}
	}
	r := newRand(seed)
	shops := []string{"Albert Heijn 1308", "Jumbo Amsterdam Noord", "NS Reizigers", "Bol.com", "Kosten OranjePakket", "Vattenfall"}
	for n := len(rs); n < rows; n++ {
		rs = append(rs, row{busyYearStart.AddDate(0, 0, r.IntN(365)), shops[r.IntN(len(shops))], fmt.Sprintf("Transactie %d", n), -(100 + r.IntN(20_000))})
	}
	slices.SortStableFunc(rs, func(a, b row) int { return a.day.Compare(b.day) })
	// Balances after each row, oldest first; the file lists newest first.
	balance := 250_000_00
	lines := make([]string, len(rs))
	for i, x := range rs {
		balance += x.cents
		dir, amount := "Bij", x.cents
		if amount < 0 {
			dir, amount = "Af", -amount
		}
		lines[i] = fmt.Sprintf(`"%s";"%s";"NL12INGB0001233456";"";"OV";"%s";"%s";"Overschrijving";"Naam: %s Omschrijving: %s";"%s";""`,
			x.day.Format("20060102"), x.party, dir, commaEuros(amount), x.party, x.memo, commaEuros(balance))
	}
	w.WriteString(`"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen";"Saldo na mutatie";"Tag"` + "\r\n")
	for i := len(lines) - 1; i >= 0; i-- {
		w.WriteString(lines[i])
		w.WriteString("\r\n")
	}
	return nil
}

// euros writes cents as 1234.56.
func euros(cents int) string { return string(appendCents(nil, cents)) }

// commaEuros writes cents as ING does: 1234,56, a minus for a negative.
func commaEuros(cents int) string { return strings.Replace(euros(cents), ".", ",", 1) }

// ecbHist writes an ECB eurofxref-hist.csv over the period every other
// format covers (weekdays, newest first), for converting their amounts.
func ecbHist(w *bufio.Writer, _ int, seed uint64) error {
	r := newRand(seed)
	w.WriteString("Date,USD,JPY,GBP,\n")
	var lines []string
	usd, gbp := 1_1000, 8500 // in 1/10000
	for d := start; d.Before(start.AddDate(0, 0, days+1)); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		usd += r.IntN(41) - 20
		gbp += r.IntN(21) - 10
		lines = append(lines, fmt.Sprintf("%s,%s,%d.%02d,%s,", d.Format("2006-01-02"), rate4(usd), 160+r.IntN(10), r.IntN(100), rate4(gbp)))
	}
	for i := len(lines) - 1; i >= 0; i-- {
		w.WriteString(lines[i])
		w.WriteByte('\n')
	}
	return nil
}

func rate4(v int) string { return strconv.Itoa(v/10000) + "." + fmt.Sprintf("%04d", v%10000) }
