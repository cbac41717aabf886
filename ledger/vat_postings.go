package ledger

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"
)

// VATAccount is where the VAT charged on sponsorship invoices waits until
// it is paid to the tax authority. An invoice posts its gross amount to
// the brand's receivable (assets:sponsorship), its amount without VAT to
// income and its VAT here, so that the brand's payment of the gross amount
// clears the receivable exactly.
const VATAccount = "liabilities:vat"

// invoiceVAT is the VAT of the current version of an invoice entry.
type invoiceVAT struct {
	entry, day int64
	currency   string
	kind       Kind
	status     Status
	vat        int64 // micro-units, signed as the invoice (negative for a credit note)
}

// invoiceVATs reads the VAT of every invoice that charges any, up to day
// to (the invoices table: only invoices of the template have it).
func (db *DB) invoiceVATs(ctx context.Context, to int64) ([]invoiceVAT, error) {
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
	var out []invoiceVAT
	for rows.Next() {
		var v invoiceVAT
		var status int64
		if err := rows.Scan(&v.entry, &v.day, &v.currency, &v.kind, &status, &v.vat); err != nil {
			return nil, fmt.Errorf("invoice VAT: %w", err)
		}
		v.status = statusOf(status)
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
		out[v.entry] = FromMicro(v.vat)
	}
	return out, nil
}
