package sqlite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// statementGaps compares each account's statements in date order: the
// next statement should open with the previous one's closing balance plus
// the ledger's movements between them (or less those the two share, when
// they overlap).
func (db *DB) statementGaps(ctx context.Context) ([]ledger.StatementGap, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT import_id, platform, account, currency, first_day, opening, last_day, closing
		FROM statement_balances WHERE import_id IN (SELECT id FROM imports) ORDER BY platform, account, currency, first_day, last_day, import_id`)
	if isNoTable(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var all []ledger.StatementBalance
	for rows.Next() {
		var s ledger.StatementBalance
		var first, last, opening, closing int64
		if err := rows.Scan(&s.ImportID, &s.Platform, &s.Account, &s.Currency, &first, &opening, &last, &closing); err != nil {
			rows.Close()
			return nil, err
		}
		s.First, s.Last, s.Opening, s.Closing = ledger.DateOfDay(first), ledger.DateOfDay(last), ledger.FromMicro(opening), ledger.FromMicro(closing)
		all = append(all, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var gaps []ledger.StatementGap
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if a.Platform != b.Platform || a.Account != b.Account || a.Currency != b.Currency || !b.Last.After(a.Last) {
			continue
		}
		// Between: the movements after a's last day and before b's first;
		// when they overlap, those of the days both cover come off.
		var sum decimal.Decimal
		if b.First.After(a.Last) {
			sum, err = db.accountSum(ctx, a.Platform, a.Account, a.Currency, a.Last.AddDate(0, 0, 1), b.First.AddDate(0, 0, -1))
		} else {
			sum, err = db.accountSum(ctx, a.Platform, a.Account, a.Currency, b.First, a.Last)
			sum = sum.Neg()
		}
		if err != nil {
			return nil, err
		}
		want := a.Closing.Add(sum)
		if !want.Equal(b.Opening) {
			gaps = append(gaps, ledger.StatementGap{Before: a, After: b, Expected: want, Missing: b.Opening.Sub(want)})
		}
	}
	return gaps, nil
}

// accountSum adds up the movements of one account from from to to
// (inclusive; nothing when to is before from), from the daily totals.
func (db *DB) accountSum(ctx context.Context, platform, account, currency string, from, to time.Time) (decimal.Decimal, error) {
	if to.Before(from) {
		return decimal.Zero, nil
	}
	classes, err := db.entryClasses(ctx)
	if err != nil {
		return decimal.Zero, err
	}
	var sum int64
	err = db.eachTotal(ctx, ledger.DayNumber(from), ledger.DayNumber(to), func(g totalRow) error {
		if c := classes[g.key.class()]; c.platform == platform && (c.program == account || account == "*") && c.currency == currency {
			sum += g.amount
		}
		return nil
	})
	if err != nil {
		return decimal.Zero, fmt.Errorf("statement movements: %w", err)
	}
	return ledger.FromMicro(sum), nil
}

// SetStatementBalances gives the import the balances its statement states,
// which Commit records with it (payouts reconcile compares consecutive
// statements). Account "*" is every program of the platform in that
// currency (PayPal: one balance, many programs).
func (t *ImportTx) SetStatementBalances(sbs []ledger.StatementBalance) { t.statements = sbs }

// writeStatements records the statement's balances in the import's
// transaction.
func (t *ImportTx) writeStatements() error {
	if len(t.statements) == 0 {
		return nil
	}
	st, err := t.c.Prepare(`INSERT OR REPLACE INTO statement_balances (import_id, platform, account, currency, first_day, opening, last_day, closing)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, sb := range t.statements {
		opening, err1 := ledger.ToMicro(sb.Opening)
		closing, err2 := ledger.ToMicro(sb.Closing)
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		st.Int64(1, t.rec.ID)
		st.Text(2, sb.Platform)
		st.Text(3, sb.Account)
		st.Text(4, sb.Currency)
		st.Int64(5, ledger.DayNumber(sb.First))
		st.Int64(6, opening)
		st.Int64(7, ledger.DayNumber(sb.Last))
		st.Int64(8, closing)
		if err := st.Exec(); err != nil {
			return err
		}
	}
	return nil
}
