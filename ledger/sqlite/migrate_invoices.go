package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// migrateInvoiceFacts (migration 0013) moves the facts that earlier
// versions of the invoice importer kept in a sponsorship entry's
// description,
//
//	TEXT | due: 2026-03-16 | paid: 2026-03-10 | vat: 21% (105.00 EUR) | disclosure: #advertentie | url: https://...
//
// into the invoices table, for the entry's current version and for each
// earlier one in entry_history (each under the import that wrote it), and
// leaves only TEXT in the description. A description without a
// "disclosure:" part was not written by the importer and stays as it is, and
// so does every entry without an external id (the importer always gave one:
// an id-less entry's description is part of its key).
//
// The versions the key table keeps for those entries were computed from the
// old descriptions: they are cleared, so that the next import compares the
// entries themselves (as after an undo), and a re-import of the same
// invoice file finds them unchanged.
func migrateInvoiceFacts(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.import_id, e.description, 0 FROM entries e
		JOIN entry_classes c ON c.id = e.class_id WHERE c.platform = ?1 AND e.external_id != ''
		UNION ALL
		SELECT h.entry_id, h.import_id, h.description, h.id FROM entry_history h
		JOIN entries e ON e.id = h.entry_id JOIN entry_classes c ON c.id = e.class_id
		WHERE c.platform = ?1 AND e.external_id != ''`,
		ledger.SponsorshipPlatform)
	if err != nil {
		return fmt.Errorf("invoice facts: %w", err)
	}
	type found struct {
		entry, imp, history int64
		text                string
		facts               *ledger.InvoiceFacts
	}
	var all []found
	for rows.Next() {
		var f found
		var desc string
		if err := rows.Scan(&f.entry, &f.imp, &desc, &f.history); err != nil {
			rows.Close()
			return fmt.Errorf("invoice facts: %w", err)
		}
		facts, text, ok := legacyInvoiceFacts(desc)
		if ok {
			f.facts, f.text = facts, text
			all = append(all, f)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("invoice facts: %w", err)
	}
	for _, f := range all {
		r := factsRowOf(f.facts)
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO invoices (entry_id, import_id, due_day, paid_day,
			vat_rate, vat, disclosure, urls, corrects, customer_country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '')`,
			f.entry, f.imp, r.due, r.paid, r.rate, r.vat, r.disclosure, r.urls); err != nil {
			return fmt.Errorf("invoice facts of entry %d: %w", f.entry, err)
		}
		q := `UPDATE entries SET description = ? WHERE id = ?`
		id := f.entry
		if f.history != 0 {
			q, id = `UPDATE entry_history SET description = ? WHERE id = ?`, f.history
		}
		if _, err := tx.ExecContext(ctx, q, f.text, id); err != nil {
			return fmt.Errorf("invoice facts of entry %d: %w", f.entry, err)
		}
		if f.history == 0 {
			// A key in a block has a row in entry_keys once its version
			// is set (setVersion); an unknown version is NULL.
			if _, err := tx.ExecContext(ctx, `UPDATE entry_keys SET version = NULL WHERE entry_id = ?`, f.entry); err != nil {
				return fmt.Errorf("invoice facts of entry %d: %w", f.entry, err)
			}
		}
	}
	return nil
}

// legacyInvoiceFacts reads the facts an earlier invoice importer kept in a
// description (see migrateInvoiceFacts) and returns them with the text
// before them; ok is false when the description has no disclosure part.
func legacyInvoiceFacts(desc string) (f *ledger.InvoiceFacts, text string, ok bool) {
	f = &ledger.InvoiceFacts{}
	var texts []string
	for _, p := range strings.Split(desc, " | ") {
		key, val, found := strings.Cut(p, ": ")
		switch {
		case found && key == "due":
			f.Due, _ = time.Parse(ledger.DateLayout, val)
		case found && key == "paid":
			f.Paid, _ = time.Parse(ledger.DateLayout, val)
		case found && key == "vat":
			rate, rest, _ := strings.Cut(val, "% (")
			if r, err := decimal.NewFromString(rate); err == nil {
				f.VATRate = &r
			}
			amt, _, _ := strings.Cut(rest, " ")
			f.VAT, _ = decimal.NewFromString(amt)
		case found && key == "disclosure":
			ok = true
			if val != "none" {
				f.Disclosure = val
			}
		case found && key == "url":
			f.URLs = strings.Fields(val)
		default:
			texts = append(texts, p)
		}
	}
	return f, strings.Join(texts, " | "), ok
}
