package sqlite

import (
	"context"
	"fmt"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// invoiceVATs reads the VAT of every invoice that charges any, up to day
// to (the invoices table: only invoices of the template have it).
func (db *DB) invoiceVATs(ctx context.Context, to int64) ([]ledger.InvoiceVAT, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT e.id, e.day, c.currency, c.kind, e.status, f.vat
		FROM invoices f JOIN entries e ON e.id = f.entry_id AND e.import_id = f.import_id JOIN entry_classes c ON c.id = e.class_id
		WHERE f.vat <> 0 AND e.day <= ?`, to)
	if isNoTable(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("invoice VAT: %w", err)
	}
	defer rows.Close()
	var out []ledger.InvoiceVAT
	for rows.Next() {
		var v ledger.InvoiceVAT
		var status int64
		if err := rows.Scan(&v.Entry, &v.Day, &v.Currency, &v.Kind, &status, &v.VAT); err != nil {
			return nil, fmt.Errorf("invoice VAT: %w", err)
		}
		v.Status = ledger.StatusOf(status)
		out = append(out, v)
	}
	return out, rows.Err()
}

// InvoiceVATs returns, by entry id, the VAT each invoice or credit note
// charges (signed as the entry: negative for a credit note), for the
// journals' third posting to VATAccount.
func (db *DB) InvoiceVATs(ctx context.Context) (map[int64]decimal.Decimal, error) {
	vs, err := db.invoiceVATs(ctx, 99991231)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]decimal.Decimal, len(vs))
	for _, v := range vs {
		out[v.Entry] = ledger.FromMicro(v.VAT)
	}
	return out, nil
}
