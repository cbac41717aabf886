package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// OpenInvoices works out report invoices --status open on asOf, listing
// its first limit lines; every figure equals InvoiceReport's.
//
// Most invoices of a large ledger are plain: entered without facts (no
// due date, VAT or paid date), paid by no payment the reconciliation
// found, corrected by no credit note. A plain invoice's state follows from
// its day, amount and status alone, so the plain ones are counted by day
// from the daily totals. The others (credit notes, the invoices whose
// number a credit note names, invoices with facts or payments), found in
// the index entries_invoices and the matches, are read whole and worked
// out as the report does; the listed lines are read from the earliest
// days.
func (db *DB) OpenInvoices(ctx context.Context, asOf time.Time, limit int) (ledger.OpenInvoices, error) {
	out := ledger.OpenInvoices{AsOf: asOf}
	pays, err := db.invoicePayments(ctx)
	if err != nil {
		return out, err
	}
	special, err := db.specialInvoices(ctx, asOf, pays)
	if err != nil {
		return out, err
	}
	isSpecial := make(map[int64]bool, len(special))
	for i := range special {
		isSpecial[special[i].EntryID] = true
	}
	plain, err := db.plainInvoiceDays(ctx, asOf, special)
	if err != nil {
		return out, err
	}
	lines, ordered := ledger.InvoiceLines(special, pays, asOf)
	aging := map[string]*ledger.InvoiceAging{}
	agingOf := func(currency string) *ledger.InvoiceAging {
		a := aging[currency]
		if a == nil {
			a = &ledger.InvoiceAging{Currency: currency, Buckets: make([]decimal.Decimal, len(ledger.AgingBuckets))}
			aging[currency] = a
		}
		return a
	}
	// The report's lines: the special ones in order (wanted), the plain
	// ones counted by day, the credit notes that correct nothing after.
	var wanted, trailing []ledger.InvoiceLine
	for i := range lines {
		l := &lines[i]
		if !ledger.StateWanted(l.State, ledger.InvoiceStateOpen) {
			continue
		}
		out.Assumed = out.Assumed || l.DueAssumed
		if l.State == ledger.InvoiceStateOverdue {
			out.Overdue++
		}
		if l.Outstanding.Sign() > 0 {
			agingOf(l.Currency).Add(l.Aging, l.Outstanding)
		}
		if i < ordered {
			wanted = append(wanted, *l)
		} else {
			trailing = append(trailing, *l)
		}
	}
	total := len(wanted) + len(trailing)
	for _, g := range plain {
		total += g.Count
		out.Assumed = true // a plain invoice states no due date
		bucket := ""       // not yet due
		if days := ledger.DaysBetween(g.Day.AddDate(0, 0, ledger.DefaultPaymentTerm), asOf); days > 0 {
			out.Overdue += g.Count
			bucket = ledger.AgingBucket(days)
		}
		agingOf(g.Currency).Add(bucket, ledger.FromMicro(g.Sum))
	}
	for _, a := range aging {
		out.Aging = append(out.Aging, *a)
	}
	sort.Slice(out.Aging, func(i, j int) bool { return out.Aging[i].Currency < out.Aging[j].Currency })

	if out.Lines, err = db.firstInvoiceLines(ctx, asOf, limit, wanted, plain, isSpecial); err != nil {
		return out, err
	}
	for _, l := range trailing {
		if len(out.Lines) >= limit {
			break
		}
		out.Lines = append(out.Lines, l)
	}
	out.More = total - len(out.Lines)
	return out, nil
}

// specialInvoices reads the invoices issued by asOf whose state needs more
// than their day, amount and status (see OpenInvoices), and the invoices
// of any day whose number a credit note names, sorted and with their
// credit notes found as invoiceRecords does. Every invoice of no or a
// negative amount issued by asOf is among them.
func (db *DB) specialInvoices(ctx context.Context, asOf time.Time, pays map[int64][]ledger.PaidPart) ([]ledger.InvoiceRecord, error) {
	asOfDay := ledger.DayNumber(asOf)
	credits, err := db.readInvoiceRecords(ctx, "AND e.amount <= 0 AND e.day <= ?", asOfDay)
	if err != nil {
		return nil, err
	}
	ids := map[int64]bool{}
	for i := range credits {
		ids[credits[i].EntryID] = true
	}
	var more []int64
	add := func(id int64) {
		if !ids[id] {
			ids[id] = true
			more = append(more, id)
		}
	}
	for id := range pays {
		add(id)
	}
	// (CROSS JOIN: from the facts, which most invoices lack, to their
	// entries, not the other way round.)
	withFacts, err := db.int64s(ctx, `SELECT f.entry_id FROM invoices f
		CROSS JOIN entries e ON e.id = f.entry_id AND e.import_id = f.import_id WHERE e.invoice = 1 AND e.day <= ?`, asOfDay)
	if err != nil {
		return nil, err
	}
	for _, id := range withFacts {
		add(id)
	}
	// The invoices a credit note may correct: those whose number is a
	// word of its text or its corrects fact, A-Z without regard to case
	// (FoldNumber, SQLite's NOCASE), found in the index of invoices by
	// day and number without reading their entries.
	names := map[string]bool{}
	for i := range credits {
		c := &credits[i]
		if !c.Amount.IsNegative() {
			continue
		}
		if c.Corrects != "" {
			names[ledger.FoldNumber(c.Corrects)] = true
		}
		for _, w := range strings.FieldsFunc(c.Text, ledger.NotNumberRune) {
			names[ledger.FoldNumber(w)] = true
		}
	}
	if len(names) > 0 {
		list := make([]string, 0, len(names))
		for n := range names {
			list = append(list, n)
		}
		js, err := json.Marshal(list)
		if err != nil {
			return nil, err
		}
		named, err := db.int64s(ctx, `SELECT id FROM entries INDEXED BY entries_invoices
			WHERE invoice = 1 AND external_id COLLATE NOCASE IN (SELECT value FROM json_each(?))`, string(js))
		if err != nil {
			return nil, err
		}
		for _, id := range named {
			add(id)
		}
	}
	sort.Slice(more, func(i, j int) bool { return more[i] < more[j] })
	rest, err := db.invoiceRecordsByID(ctx, more)
	if err != nil {
		return nil, err
	}
	recs := append(credits, rest...)
	ledger.SortInvoiceRecords(recs)
	ledger.FindCorrected(recs)
	return recs, nil
}

// int64s runs a query of one integer column.
func (db *DB) int64s(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list invoices: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("list invoices: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list invoices: %w", err)
	}
	return out, nil
}

// plainInvoiceDays adds up the plain open invoices issued by asOf by day and
// currency, in day order: from the daily totals of the invoices' classes,
// those with a status that is neither paid nor reversed, less the special
// ones (among which every invoice of no or a negative amount).
func (db *DB) plainInvoiceDays(ctx context.Context, asOf time.Time, special []ledger.InvoiceRecord) ([]ledger.PlainDay, error) {
	classes, err := db.entryClasses(ctx)
	if err != nil {
		return nil, fmt.Errorf("list invoices: %w", err)
	}
	type key struct {
		day      int64
		currency string
	}
	less := map[key]ledger.PlainDay{}
	for i := range special {
		r := &special[i]
		if !r.Issued.After(asOf) && r.Status != ledger.StatusPaid && r.Status != ledger.StatusReversed {
			m, _ := ledger.ToMicro(r.Amount)
			k := key{ledger.DayNumber(r.Issued), r.Currency}
			g := less[k]
			g.Sum += m
			g.Count++
			less[k] = g
		}
	}
	var out []ledger.PlainDay
	paid, reversed := ledger.StatusPaid.Code(), ledger.StatusReversed.Code()
	err = eachDayTotals(ctx, db.sql, 0, ledger.DayNumber(asOf), func(day int64, groups []totalRow) error {
		start := len(out)
		for _, g := range groups {
			c, ok := classes[g.key.class()]
			if code := g.key.statusCode(); !ok || c.platform != ledger.SponsorshipPlatform ||
				c.kind != ledger.KindEarning && c.kind != ledger.KindReversal || code == paid || code == reversed {
				continue
			}
			i := start
			for i < len(out) && out[i].Currency != c.currency {
				i++
			}
			if i == len(out) {
				l := less[key{day, c.currency}]
				out = append(out, ledger.PlainDay{Day: ledger.DateOfDay(day), Currency: c.currency, Sum: -l.Sum, Count: -l.Count})
			}
			out[i].Sum += g.amount
			out[i].Count += int(g.entries)
		}
		// A day's special invoices are in its totals, so what is left is
		// the plain ones, if any.
		kept := start
		for _, g := range out[start:] {
			if g.Count > 0 {
				out[kept] = g
				kept++
			}
		}
		out = out[:kept]
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list invoices: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Day.Before(out[j].Day) || out[i].Day.Equal(out[j].Day) && out[i].Currency < out[j].Currency
	})
	return out, nil
}

// firstInvoiceLines returns the report's first limit lines of those in
// order: the special lines wanted and the plain invoices of plain, whose
// earliest days it reads whole.
func (db *DB) firstInvoiceLines(ctx context.Context, asOf time.Time, limit int, wanted []ledger.InvoiceLine,
	plain []ledger.PlainDay, isSpecial map[int64]bool) ([]ledger.InvoiceLine, error) {
	if limit <= 0 || len(plain) == 0 {
		return wanted[:min(limit, len(wanted))], nil
	}
	// The last day whose lines may be among the first limit: the one on
	// which the lines of both kinds so far reach limit.
	last, n, w := plain[len(plain)-1].Day, 0, 0
	for _, g := range plain {
		for w < len(wanted) && wanted[w].Issued.Before(g.Day) {
			w++
			n++
		}
		if n += g.Count; n >= limit {
			last = g.Day
			break
		}
	}
	recs, err := db.readInvoiceRecords(ctx, "AND e.day <= ? AND e.amount > 0 AND e.status NOT IN (?, ?)",
		ledger.DayNumber(last), ledger.StatusPaid.Code(), ledger.StatusReversed.Code())
	if err != nil {
		return nil, err
	}
	var lines []ledger.InvoiceLine
	for _, r := range recs {
		if isSpecial[r.EntryID] {
			continue
		}
		l := ledger.NewInvoiceLine(r)
		ledger.Settle(&l, nil, asOf)
		lines = append(lines, l)
	}
	for _, l := range wanted {
		if !l.Issued.After(last) {
			lines = append(lines, l)
		}
	}
	sort.Slice(lines, func(i, j int) bool { return ledger.InvoiceBefore(&lines[i].Invoice, &lines[j].Invoice) })
	if len(lines) > limit {
		lines = lines[:limit]
	}
	// Fewer than limit up to last: then every plain day was read, and the
	// special lines after it follow.
	for _, l := range wanted {
		if len(lines) >= limit {
			break
		}
		if l.Issued.After(last) {
			lines = append(lines, l)
		}
	}
	return lines, nil
}
