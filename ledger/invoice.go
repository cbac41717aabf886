package ledger

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger/internal/csqlite"
)

// SponsorshipPlatform is the platform of sponsorship invoices: the entry's
// program is then the platform of the deliverable.
const SponsorshipPlatform = "sponsorship"

// IsInvoice reports whether the entry is an invoice or a credit note: a
// sponsorship entry of kind earning or reversal. The import marks such
// entries (entries.invoice, migration 0014) so that the open invoices are
// read from their own index.
func (e *Entry) IsInvoice() bool {
	return e.Platform == SponsorshipPlatform && (e.Kind == KindEarning || e.Kind == KindReversal)
}

// InvoiceFacts are what a sponsorship invoice says beyond its entry (see
// Entry.Invoice): the invoice importer fills them in, the import stores them
// with the version of the entry it writes (table invoices), and Invoices
// reads them back.
type InvoiceFacts struct {
	Due, Paid       time.Time        // zero when not stated
	VATRate         *decimal.Decimal // a percentage; nil when the invoice states none
	VAT             decimal.Decimal  // the VAT amount, in the entry's currency
	Disclosure      string           // how the sponsored content was marked; "" when it was not
	URLs            []string         // the deliverables
	Corrects        string           // for a credit note, the number of the invoice it corrects
	CustomerCountry string           // ISO 3166 alpha-2 code of the brand's country, "" when not stated
}

// String renders the facts on one line, for people and golden files.
func (f *InvoiceFacts) String() string {
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+" "+v)
		}
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(DateLayout)
	}
	add("due", day(f.Due))
	add("paid", day(f.Paid))
	if f.VATRate != nil {
		add("vat", f.VATRate.String()+"% "+f.VAT.String())
	}
	d := f.Disclosure
	if d == "" {
		d = "none"
	}
	add("disclosure", d)
	add("url", strings.Join(f.URLs, " "))
	add("corrects", f.Corrects)
	add("country", f.CustomerCountry)
	return strings.Join(parts, "; ")
}

// equal reports whether two sets of facts are the same.
func (f *InvoiceFacts) equal(o *InvoiceFacts) bool {
	if (f.VATRate == nil) != (o.VATRate == nil) || f.VATRate != nil && !f.VATRate.Equal(*o.VATRate) {
		return false
	}
	return f.Due.Equal(o.Due) && f.Paid.Equal(o.Paid) && f.VAT.Equal(o.VAT) && f.Disclosure == o.Disclosure &&
		strings.Join(f.URLs, " ") == strings.Join(o.URLs, " ") && f.Corrects == o.Corrects &&
		f.CustomerCountry == o.CustomerCountry
}

// mixVersion adds the facts to an entry's version (versionOf), so that a
// re-import whose only change is an invoice fact (a due date moved, a
// deliverable published) updates the entry.
func (f *InvoiceFacts) mixVersion(v int64) int64 {
	return int64(fnvText(fnvText(uint64(v), "invoice"), f.text()))
}

// text is the facts as one string, as the invoices table keeps them
// (factsRow.text): mixVersion mixes it in, and undo compares it.
func (f *InvoiceFacts) text() string {
	day := func(d time.Time) string {
		if d.IsZero() {
			return "-"
		}
		return strconv.FormatInt(dayNumber(d), 10)
	}
	rate := "-"
	if f.VATRate != nil {
		m, _ := ToMicro(*f.VATRate)
		rate = strconv.FormatInt(m, 10)
	}
	vat, _ := ToMicro(f.VAT)
	return strings.Join([]string{day(f.Due), day(f.Paid), rate, strconv.FormatInt(vat, 10), f.Disclosure,
		strings.Join(f.URLs, " "), f.Corrects, f.CustomerCountry}, "\x1f")
}

// factsRow is the invoices table's row of a set of facts (without its keys).
type factsRow struct {
	due, paid  sql.NullInt64
	rate       sql.NullInt64 // micro-percent
	vat        int64
	disclosure string
	urls       string
	corrects   string
	country    string
}

// factsRowOf is the invoices table's row of a set of facts.
func factsRowOf(f *InvoiceFacts) factsRow {
	var r factsRow
	if !f.Due.IsZero() {
		r.due = sql.NullInt64{Int64: dayNumber(f.Due), Valid: true}
	}
	if !f.Paid.IsZero() {
		r.paid = sql.NullInt64{Int64: dayNumber(f.Paid), Valid: true}
	}
	if f.VATRate != nil {
		m, _ := ToMicro(*f.VATRate)
		r.rate = sql.NullInt64{Int64: m, Valid: true}
	}
	r.vat, _ = ToMicro(f.VAT)
	r.disclosure, r.urls, r.corrects, r.country = f.Disclosure, strings.Join(f.URLs, " "), f.Corrects, f.CustomerCountry
	return r
}

// text is the row as one string (InvoiceFacts.text), for undo.
func (r factsRow) text() string { return r.facts().text() }

// facts turns a row back into facts.
func (r factsRow) facts() *InvoiceFacts {
	f := &InvoiceFacts{VAT: FromMicro(r.vat), Disclosure: r.disclosure, Corrects: r.corrects, CustomerCountry: r.country}
	if r.due.Valid {
		f.Due = dateOfDay(r.due.Int64)
	}
	if r.paid.Valid {
		f.Paid = dateOfDay(r.paid.Int64)
	}
	if r.rate.Valid {
		rate := FromMicro(r.rate.Int64)
		f.VATRate = &rate
	}
	f.URLs = strings.Fields(r.urls)
	return f
}

// The import's statements for invoice facts, prepared when an import first
// meets an invoice (the other sources never do).
const (
	factsInsertSQL = `INSERT INTO invoices (entry_id, import_id, due_day, paid_day, vat_rate, vat, disclosure, urls,
		corrects, customer_country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (entry_id, import_id) DO UPDATE SET due_day = excluded.due_day, paid_day = excluded.paid_day,
		vat_rate = excluded.vat_rate, vat = excluded.vat, disclosure = excluded.disclosure, urls = excluded.urls,
		corrects = excluded.corrects, customer_country = excluded.customer_country`
	factsReadSQL = `SELECT due_day, paid_day, vat_rate, vat, disclosure, urls, corrects, customer_country
		FROM invoices WHERE entry_id = ? AND import_id = ?`
	// A version written by a source without invoice facts (the native
	// CSV) keeps the facts of the version before it.
	factsCarrySQL = `INSERT OR IGNORE INTO invoices (entry_id, import_id, due_day, paid_day, vat_rate, vat, disclosure,
		urls, corrects, customer_country) SELECT entry_id, ?, due_day, paid_day, vat_rate, vat, disclosure, urls,
		corrects, customer_country FROM invoices WHERE entry_id = ? AND import_id = ?`
)

// factsStmt returns the import's statement *st, preparing it with q first.
func (t *ImportTx) factsStmt(st **csqlite.Stmt, q string) (*csqlite.Stmt, error) {
	if *st == nil {
		s, err := t.c.Prepare(q)
		if err != nil {
			return nil, fmt.Errorf("invoices: %w", err)
		}
		*st = s
	}
	return *st, nil
}

// putFacts stores the facts of the version of entry id this import writes.
func (t *ImportTx) putFacts(id int64, f *InvoiceFacts) error {
	st, err := t.factsStmt(&t.stmts.putFacts, factsInsertSQL)
	if err != nil {
		return err
	}
	r := factsRowOf(f)
	st.Int64(1, id)
	st.Int64(2, t.rec.ID)
	st.NullInt64(3, r.due.Int64, r.due.Valid)
	st.NullInt64(4, r.paid.Int64, r.paid.Valid)
	st.NullInt64(5, r.rate.Int64, r.rate.Valid)
	st.Int64(6, r.vat)
	st.Text(7, r.disclosure)
	st.Text(8, r.urls)
	st.Text(9, r.corrects)
	st.Text(10, r.country)
	if err := st.Exec(); err != nil {
		return fmt.Errorf("store invoice facts: %w", err)
	}
	return nil
}

// storedFacts reads the facts of the version of entry id that import imp
// wrote; nil when it has none.
func (t *ImportTx) storedFacts(id, imp int64) (*InvoiceFacts, error) {
	st, err := t.factsStmt(&t.stmts.readFacts, factsReadSQL)
	if err != nil {
		return nil, err
	}
	st.Int64(1, id)
	st.Int64(2, imp)
	row, err := st.Step()
	if err != nil || !row {
		st.Reset()
		if err != nil {
			return nil, fmt.Errorf("read invoice facts: %w", err)
		}
		return nil, nil
	}
	col := func(i int) sql.NullInt64 { return sql.NullInt64{Int64: st.ColumnInt64(i), Valid: !st.ColumnNull(i)} }
	r := factsRow{due: col(0), paid: col(1), rate: col(2), vat: st.ColumnInt64(3), disclosure: st.ColumnText(4),
		urls: st.ColumnText(5), corrects: st.ColumnText(6), country: st.ColumnText(7)}
	return r.facts(), st.Reset()
}

// carryFacts gives the version of entry id this import writes the facts of
// the version import prev wrote, if it had any.
func (t *ImportTx) carryFacts(id, prev int64) error {
	st, err := t.factsStmt(&t.stmts.carryFacts, factsCarrySQL)
	if err != nil {
		return err
	}
	st.Int64(1, t.rec.ID)
	st.Int64(2, id)
	st.Int64(3, prev)
	if err := st.Exec(); err != nil {
		return fmt.Errorf("keep invoice facts: %w", err)
	}
	return nil
}

// Invoice is a sponsorship invoice or credit note.
//
// A sponsorship entry entered by hand (the native CSV has no columns for
// the facts) is an invoice too, with zero Due and Paid, no VAT, no
// disclosure and no URLs: the ledger does not know them. Reports that need
// a due date for it assume the Dutch statutory payment term, 30 days after
// the issue date, and say so.
type Invoice struct {
	EntryID    int64
	Number     string
	Brand      string
	Platform   string // the deliverable's platform (the entry's program)
	Issued     time.Time
	Due        time.Time
	Paid       time.Time        // zero while not marked paid
	Amount     decimal.Decimal  // excluding VAT; negative for a credit note
	VATRate    *decimal.Decimal // nil when no VAT was charged/stated
	VAT        decimal.Decimal
	Currency   string
	Disclosure string // "" when the sponsored content was not marked
	URLs       []string
	Text       string // the invoice's description
	Corrects   string // for a credit note: the number of the invoice it corrects, else ""
}

// Gross is what the brand pays: the amount plus VAT.
func (i Invoice) Gross() decimal.Decimal { return i.Amount.Add(i.VAT) }

// Invoices lists every invoice and credit note, by issue date and number.
//
// They are the sponsorship entries (platform sponsorship) of kind earning
// or reversal, with the facts of their current version. A credit note's
// Corrects is its corrects column or, when that is empty, the one invoice
// of the same brand whose number its text names ("Credit note for
// INV-2026-017: one segment cut").
func (db *DB) Invoices(ctx context.Context) ([]Invoice, error) {
	recs, err := db.invoiceRecords(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Invoice, len(recs))
	for i := range recs {
		out[i] = recs[i].Invoice
	}
	return out, nil
}

// invoiceRecord is an invoice with what the reports need besides.
type invoiceRecord struct {
	Invoice
	Status   Status
	Country  string // CustomerCountry
	HasFacts bool   // imported from the template, not entered by hand
}

func (db *DB) invoiceRecords(ctx context.Context) ([]invoiceRecord, error) {
	out, err := db.readInvoiceRecords(ctx, "")
	if err != nil {
		return nil, err
	}
	sortInvoiceRecords(out)
	findCorrected(out)
	return out, nil
}

// sortInvoiceRecords puts invoices in the reports' order: by issue date,
// number and entry.
func sortInvoiceRecords(out []invoiceRecord) {
	sort.Slice(out, func(i, j int) bool { return invoiceBefore(&out[i].Invoice, &out[j].Invoice) })
}

// invoiceBefore is the reports' order of invoices.
func invoiceBefore(a, b *Invoice) bool {
	if !a.Issued.Equal(b.Issued) {
		return a.Issued.Before(b.Issued)
	}
	if a.Number != b.Number {
		return a.Number < b.Number
	}
	return a.EntryID < b.EntryID
}

// invoiceRecordsSQL reads invoices and credit notes (entries.invoice,
// through its index entries_invoices) with the facts of their current
// version; a caller adds to its WHERE clause.
const invoiceRecordsSQL = `SELECT e.id, e.day, c.program, e.amount, c.currency, e.external_id,
		e.status, e.counterparty, e.description, f.entry_id IS NOT NULL, f.due_day, f.paid_day, f.vat_rate, f.vat,
		f.disclosure, f.urls, f.corrects, f.customer_country
		FROM entries e JOIN entry_classes c ON c.id = e.class_id
		LEFT JOIN invoices f ON f.entry_id = e.id AND f.import_id = e.import_id
		WHERE e.invoice = 1 `

// readInvoiceRecords reads the invoices and credit notes that cond (more
// SQL for the WHERE clause, "AND ...", with its args) lets through: all of
// them when cond is "".
func (db *DB) readInvoiceRecords(ctx context.Context, cond string, args ...any) ([]invoiceRecord, error) {
	return db.scanInvoiceRecords(ctx, nil, invoiceRecordsSQL+cond, args...)
}

// invoiceRecordsByID reads the invoices and credit notes with these entry
// ids (none for none).
func (db *DB) invoiceRecordsByID(ctx context.Context, ids []int64) ([]invoiceRecord, error) {
	var out []invoiceRecord
	const chunk = 500 // ids a query names
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		a := make([]any, n)
		for i, id := range ids[:n] {
			a[i] = id
		}
		var err error
		q := invoiceRecordsSQL + "AND e.id IN (" + strings.Repeat("?, ", n-1) + "?)"
		if out, err = db.scanInvoiceRecords(ctx, out, q, a...); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}

// scanInvoiceRecords appends the records query reads to out.
func (db *DB) scanInvoiceRecords(ctx context.Context, out []invoiceRecord, query string, args ...any) ([]invoiceRecord, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list invoices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r invoiceRecord
		var day, amount, status int64
		var vat sql.NullInt64
		var disclosure, urls, corrects, country sql.NullString
		var fr factsRow
		if err := rows.Scan(&r.EntryID, &day, &r.Platform, &amount, &r.Currency, &r.Number, &status, &r.Brand,
			&r.Text, &r.HasFacts, &fr.due, &fr.paid, &fr.rate, &vat, &disclosure, &urls, &corrects, &country); err != nil {
			return nil, fmt.Errorf("list invoices: %w", err)
		}
		r.Issued, r.Amount, r.Status = dateOfDay(day), FromMicro(amount), statusOf(status)
		if r.HasFacts {
			fr.vat, fr.disclosure, fr.urls, fr.corrects, fr.country = vat.Int64, disclosure.String, urls.String,
				corrects.String, country.String
			f := fr.facts()
			r.Due, r.Paid, r.VATRate, r.VAT, r.Disclosure, r.URLs, r.Corrects = f.Due, f.Paid, f.VATRate, f.VAT,
				f.Disclosure, f.URLs, f.Corrects
			r.Country = f.CustomerCountry
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list invoices: %w", err)
	}
	return out, nil
}

// findCorrected fills in the invoice a credit note without a corrects
// column corrects: the one invoice (not a credit note) of the same brand
// whose number is a word of the credit note's text.
func findCorrected(recs []invoiceRecord) {
	type key struct{ brand, number string }
	invoices := make(map[key]bool)
	for i := range recs {
		if !recs[i].Amount.IsNegative() {
			invoices[key{strings.ToLower(recs[i].Brand), foldNumber(recs[i].Number)}] = true
		}
	}
	for i := range recs {
		r := &recs[i]
		if !r.Amount.IsNegative() || r.Corrects != "" {
			continue
		}
		found := ""
		for _, w := range strings.FieldsFunc(r.Text, notNumberRune) {
			if w == r.Number || !invoices[key{strings.ToLower(r.Brand), foldNumber(w)}] {
				continue
			}
			if found != "" && foldNumber(found) != foldNumber(w) {
				found = "" // two invoices named: do not guess
				break
			}
			found = w
		}
		if found != "" {
			for j := range recs {
				if foldNumber(recs[j].Number) == foldNumber(found) && !recs[j].Amount.IsNegative() {
					found = recs[j].Number
					break
				}
			}
		}
		r.Corrects = found
	}
}

// foldNumber is an invoice number as numbers are compared: without regard
// to the case of the letters A to Z (as SQLite's NOCASE compares, so that
// a query finds them: OpenInvoices); other letters compare as they are.
func foldNumber(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'a' && c <= 'z' {
					b[j] = c - 'a' + 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// notNumberRune separates the words of a text that may be invoice numbers
// (INV-2026-017, 2026/17).
func notNumberRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '/':
		return false
	}
	return true
}
