package sqlite

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// Payouts lists the payouts of every platform (not bank deposits) from
// from to to (inclusive; zero for open-ended), by date.
func (db *DB) Payouts(ctx context.Context, from, to time.Time) ([]ledger.Payout, error) {
	lo, hi := int64(0), int64(99991231)
	if !from.IsZero() {
		lo = ledger.DayNumber(from)
	}
	if !to.IsZero() {
		hi = ledger.DayNumber(to)
	}
	classes, err := db.entryClasses(ctx)
	if err != nil {
		return nil, fmt.Errorf("payouts: %w", err)
	}
	var ids []string
	for id, c := range classes {
		if c.kind == ledger.KindPayout && !ledger.IsBank(c.platform) {
			ids = append(ids, fmt.Sprint(id))
		}
	}
	var out []ledger.Payout
	if len(ids) > 0 { // none: only stand-ins, and no scan of the entries for nothing
		if out, err = db.payoutEntries(ctx, classes, ids, lo, hi); err != nil {
			return nil, err
		}
	}
	if err := db.payoutArrivals(ctx, out); err != nil {
		return nil, err
	}
	stands, err := db.standInPayouts(ctx, lo, hi)
	if err != nil {
		return nil, err
	}
	if len(stands) == 0 {
		return out, nil
	}
	out = append(out, stands...)
	slices.SortStableFunc(out, func(a, b ledger.Payout) int { return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID)) })
	return out, nil
}

// standInPayouts are the payouts the reconciliation knows only from the
// bank deposits that stand for them, from day lo to day hi.
func (db *DB) standInPayouts(ctx context.Context, lo, hi int64) ([]ledger.Payout, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT e.id, e.day, m.platform, m.program, m.amount, m.currency, e.counterparty, e.import_id, e.line
		FROM matches m JOIN entries e ON e.id = m.entry_id
		WHERE m.kind = 1 AND m.target_id = 0 AND m.origin IN (1, 2) AND e.day BETWEEN ? AND ? ORDER BY e.day, e.id`, lo, hi)
	if isNoTable(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("payouts: %w", err)
	}
	defer rows.Close()
	var out []ledger.Payout
	for rows.Next() {
		var p ledger.Payout
		var day, amount int64
		var party string
		if err := rows.Scan(&p.ID, &day, &p.Platform, &p.Program, &amount, &p.Currency, &party, &p.ImportID, &p.Line); err != nil {
			return nil, fmt.Errorf("payouts: %w", err)
		}
		p.Date, p.Amount, p.Status, p.StandIn = ledger.DateOfDay(day), ledger.FromMicro(-amount), ledger.StatusPaid, true
		p.Arrived, p.Deposit = p.Date, p.ID
		p.Description = "no payout imported: the bank deposit from " + party + " stands for it"
		out = append(out, p)
	}
	return out, rows.Err()
}

// payoutArrivals fills in the deposits matched with the payouts.
func (db *DB) payoutArrivals(ctx context.Context, ps []ledger.Payout) error {
	if len(ps) == 0 {
		return nil
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT m.target_id, m.entry_id, e.day FROM matches m JOIN entries e ON e.id = m.entry_id
		WHERE m.kind = 1 AND m.origin IN (1, 2) AND m.target_id <> 0`)
	if isNoTable(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("payouts: %w", err)
	}
	defer rows.Close()
	at := make(map[int64]int, len(ps))
	for i, p := range ps {
		at[p.ID] = i
	}
	for rows.Next() {
		var payout, deposit, day int64
		if err := rows.Scan(&payout, &deposit, &day); err != nil {
			return fmt.Errorf("payouts: %w", err)
		}
		if i, ok := at[payout]; ok {
			ps[i].Arrived, ps[i].Deposit = ledger.DateOfDay(day), deposit
		}
	}
	return rows.Err()
}

// payoutEntries reads the payout entries of the classes ids from day lo
// to day hi.
func (db *DB) payoutEntries(ctx context.Context, classes map[int64]entryClass, ids []string, lo, hi int64) ([]ledger.Payout, error) {
	var out []ledger.Payout
	rows, err := db.sql.QueryContext(ctx, `SELECT e.id, e.day, e.class_id, e.amount, e.status, e.external_id,
		e.counterparty, e.description, e.import_id, e.line
		FROM entries e WHERE e.class_id IN (`+strings.Join(ids, ",")+`) AND e.day BETWEEN ? AND ?
		ORDER BY e.day, e.id`, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("payouts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p ledger.Payout
		var day, class, amount, status int64
		if err := rows.Scan(&p.ID, &day, &class, &amount, &status, &p.ExternalID, &p.Counterparty, &p.Description,
			&p.ImportID, &p.Line); err != nil {
			return nil, fmt.Errorf("payouts: %w", err)
		}
		c := classes[class]
		p.Date, p.Platform, p.Program, p.Currency = ledger.DateOfDay(day), c.platform, c.program, c.currency
		p.Amount, p.Status = ledger.FromMicro(amount), ledger.StatusOf(status)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("payouts: %w", err)
	}
	return out, nil
}
