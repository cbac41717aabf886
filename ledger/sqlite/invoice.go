package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/internal/csqlite"
)

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
func factsRowOf(f *ledger.InvoiceFacts) factsRow {
	var r factsRow
	if !f.Due.IsZero() {
		r.due = sql.NullInt64{Int64: ledger.DayNumber(f.Due), Valid: true}
	}
	if !f.Paid.IsZero() {
		r.paid = sql.NullInt64{Int64: ledger.DayNumber(f.Paid), Valid: true}
	}
	if f.VATRate != nil {
		m, _ := ledger.ToMicro(*f.VATRate)
		r.rate = sql.NullInt64{Int64: m, Valid: true}
	}
	r.vat, _ = ledger.ToMicro(f.VAT)
	r.disclosure, r.urls, r.corrects, r.country = f.Disclosure, strings.Join(f.URLs, " "), f.Corrects, f.CustomerCountry
	return r
}

// text is the row as one string (InvoiceFacts.Text), for undo.
func (r factsRow) text() string { return r.facts().Text() }

// facts turns a row back into facts.
func (r factsRow) facts() *ledger.InvoiceFacts {
	f := &ledger.InvoiceFacts{VAT: ledger.FromMicro(r.vat), Disclosure: r.disclosure, Corrects: r.corrects, CustomerCountry: r.country}
	if r.due.Valid {
		f.Due = ledger.DateOfDay(r.due.Int64)
	}
	if r.paid.Valid {
		f.Paid = ledger.DateOfDay(r.paid.Int64)
	}
	if r.rate.Valid {
		rate := ledger.FromMicro(r.rate.Int64)
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
func (t *ImportTx) putFacts(id int64, f *ledger.InvoiceFacts) error {
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
func (t *ImportTx) storedFacts(id, imp int64) (*ledger.InvoiceFacts, error) {
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

// Invoices lists every invoice and credit note, by issue date and number.
//
// They are the sponsorship entries (platform sponsorship) of kind earning
// or reversal, with the facts of their current version. A credit note's
// Corrects is its corrects column or, when that is empty, the one invoice
// of the same brand whose number its text names ("Credit note for
// INV-2026-017: one segment cut").
func (db *DB) Invoices(ctx context.Context) ([]ledger.Invoice, error) {
	recs, err := db.invoiceRecords(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ledger.Invoice, len(recs))
	for i := range recs {
		out[i] = recs[i].Invoice
	}
	return out, nil
}

func (db *DB) invoiceRecords(ctx context.Context) ([]ledger.InvoiceRecord, error) {
	out, err := db.readInvoiceRecords(ctx, "")
	if err != nil {
		return nil, err
	}
	ledger.SortInvoiceRecords(out)
	ledger.FindCorrected(out)
	return out, nil
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
func (db *DB) readInvoiceRecords(ctx context.Context, cond string, args ...any) ([]ledger.InvoiceRecord, error) {
	return db.scanInvoiceRecords(ctx, nil, invoiceRecordsSQL+cond, args...)
}

// invoiceRecordsByID reads the invoices and credit notes with these entry
// ids (none for none).
func (db *DB) invoiceRecordsByID(ctx context.Context, ids []int64) ([]ledger.InvoiceRecord, error) {
	var out []ledger.InvoiceRecord
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
func (db *DB) scanInvoiceRecords(ctx context.Context, out []ledger.InvoiceRecord, query string, args ...any) ([]ledger.InvoiceRecord, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list invoices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r ledger.InvoiceRecord
		var day, amount, status int64
		var vat sql.NullInt64
		var disclosure, urls, corrects, country sql.NullString
		var fr factsRow
		if err := rows.Scan(&r.EntryID, &day, &r.Platform, &amount, &r.Currency, &r.Number, &status, &r.Brand,
			&r.Text, &r.HasFacts, &fr.due, &fr.paid, &fr.rate, &vat, &disclosure, &urls, &corrects, &country); err != nil {
			return nil, fmt.Errorf("list invoices: %w", err)
		}
		r.Issued, r.Amount, r.Status = ledger.DateOfDay(day), ledger.FromMicro(amount), ledger.StatusOf(status)
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
