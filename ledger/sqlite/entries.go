package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// Entries calls fn for each selected entry in date order, then insertion
// order, streaming from the database.
func (db *DB) Entries(ctx context.Context, f ledger.EntryFilter, fn func(*ledger.Entry) error) error {
	// One read transaction, so the entries and their file rows agree.
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("read entries: %w", err)
	}
	defer tx.Rollback()
	var im ledger.Import
	if f.ImportID != 0 {
		if im, err = queryImport(ctx, tx, `WHERE id = ?`, f.ImportID); err != nil {
			return err
		}
	}
	where, args := f.Where(im)
	rows, err := tx.QueryContext(ctx, `SELECT id, date, platform, program, kind, amount, currency, external_id,
		views, qualified_views, status, counterparty, description, import_id, line
		FROM entry_view`+where+` ORDER BY day, id`, args...)
	if err != nil {
		return fmt.Errorf("read entries: %w", err)
	}
	defer rows.Close()
	raws := rowReader{q: tx}
	var (
		e             ledger.Entry
		date          string
		amount        int64
		views, qviews sql.NullInt64
	)
	for rows.Next() {
		if err := rows.Scan(&e.ID, &date, &e.Platform, &e.Program, &e.Kind, &amount, &e.Currency, &e.ExternalID,
			&views, &qviews, &e.Status, &e.Counterparty, &e.Description, &e.ImportID, &e.Line); err != nil {
			return fmt.Errorf("read entries: %w", err)
		}
		if f.WithRaw {
			if e.Raw, err = raws.row(ctx, e.ImportID, e.Line); err != nil {
				return err
			}
		}
		if e.Date, err = time.Parse(ledger.DateLayout, date); err != nil {
			return fmt.Errorf("read entry %d: %w", e.ID, err)
		}
		e.Amount = ledger.FromMicro(amount)
		e.Views, e.QualifiedViews = fromNull(views), fromNull(qviews)
		if err := fn(&e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read entries: %w", err)
	}
	return nil
}

// Balance returns an account's balance per currency at the end of a date
// (zero time: everything), summing the postings that touch it.
func (db *DB) Balance(ctx context.Context, account string, asOf time.Time) (map[string]int64, error) {
	q := `SELECT e.currency, SUM(CASE WHEN e.account_id = a.id THEN e.amount ELSE -e.amount END)
		FROM entry_view e JOIN accounts a ON a.id IN (e.account_id, e.contra_id)
		WHERE a.name = ?`
	args := []any{account}
	if !asOf.IsZero() {
		q += ` AND e.day <= ?`
		args = append(args, ledger.DayNumber(asOf))
	}
	rows, err := db.sql.QueryContext(ctx, q+` GROUP BY e.currency`, args...)
	if err != nil {
		return nil, fmt.Errorf("balance of %s: %w", account, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var cur string
		var sum int64
		if err := rows.Scan(&cur, &sum); err != nil {
			return nil, fmt.Errorf("balance of %s: %w", account, err)
		}
		out[cur] = sum
	}
	return out, rows.Err()
}

// Accounts lists the names of every account an entry posts to, sorted.
func (db *DB) Accounts(ctx context.Context) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, `WITH used AS (SELECT * FROM entry_classes WHERE id IN (SELECT class_id FROM entries))
		SELECT name FROM accounts WHERE id IN (SELECT account_id FROM used UNION SELECT contra_id FROM used) ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list accounts: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("list accounts: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func fromNull(n sql.NullInt64) ledger.Count { return ledger.Count{N: n.Int64, Valid: n.Valid} }
