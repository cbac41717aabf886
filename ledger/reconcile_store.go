package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Reconcile matches the ledger's bank deposits with platform payouts and
// its payments with sponsorship invoices, as of asOf (zero: today), and
// keeps the matches it finds in the ledger in place of the previous run's
// (the user's stay). A ledger opened read-only is reconciled in memory
// only (Stored false).
func (db *DB) Reconcile(ctx context.Context, asOf time.Time) (Reconciliation, error) {
	in, err := db.reconInput(ctx, today(asOf))
	if err != nil {
		return Reconciliation{}, fmt.Errorf("reconcile: %w", err)
	}
	r := reconcile(in)
	for _, e := range append(append(append([]Entry(nil), in.deposits...), in.payouts...), in.payments...) {
		r.Entries[e.ID] = e
	}
	if r.Gaps, err = db.statementGaps(ctx); err != nil {
		return r, fmt.Errorf("reconcile: %w", err)
	}
	if db.readOnly {
		return r, nil
	}
	if err := db.storeMatches(ctx, r.Matches); err != nil {
		return r, fmt.Errorf("reconcile: %w", err)
	}
	r.Stored = true
	return r, nil
}

// reconInput reads what the matching needs: the bank deposits, platform
// payouts and payments (one scan of the entries of those classes), the
// invoices, the deposit patterns, rules and rates, and the user's matches.
func (db *DB) reconInput(ctx context.Context, asOf time.Time) (*reconInput, error) {
	in := &reconInput{asOf: asOf, arrival: map[string]int{}}
	var err error
	if in.patterns, err = ShippedDepositPatterns(); err != nil {
		return nil, err
	}
	rules, err := db.Rules(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range rules {
		in.arrival[r.Platform] = max(in.arrival[r.Platform], r.ArrivalDays)
	}
	bmap, err := ShippedBalances()
	if err != nil {
		return nil, err
	}
	in.bmap = bmap.WithRules(rules)
	if in.rates, err = db.LoadRates(ctx); err != nil {
		return nil, err
	}
	classes, err := db.entryClasses(ctx)
	if err != nil {
		return nil, err
	}
	var ids []string
	for id, c := range classes {
		if reconClass(c) {
			ids = append(ids, fmt.Sprint(id))
		}
	}
	if len(ids) > 0 {
		rows, err := db.sql.QueryContext(ctx, `SELECT id, day, class_id, amount, status, external_id, counterparty, description, import_id, line
			FROM entries WHERE class_id IN (`+strings.Join(ids, ",")+`) ORDER BY day, id`)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var e Entry
			var day, class, amount, status int64
			if err := rows.Scan(&e.ID, &day, &class, &amount, &status, &e.ExternalID, &e.Counterparty, &e.Description, &e.ImportID, &e.Line); err != nil {
				return nil, err
			}
			c := classes[class]
			e.Date, e.Platform, e.Program, e.Kind, e.Currency = dateOfDay(day), c.platform, c.program, c.kind, c.currency
			e.Amount, e.Status = FromMicro(amount), statusOf(status)
			switch {
			case IsBank(e.Platform):
				in.bankEnd = max(in.bankEnd, day)
				if e.Amount.IsPositive() {
					in.deposits = append(in.deposits, e)
				}
			case e.Kind == KindPayout:
				in.payouts = append(in.payouts, e)
			default:
				in.payments = append(in.payments, e)
			}
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	if in.invoices, err = db.Invoices(ctx); err != nil {
		return nil, err
	}
	if in.user, err = db.matches(ctx, "origin IN (2, 3)"); err != nil {
		return nil, err
	}
	return in, nil
}

// reconClass reports whether entries of class c take part in the
// reconciliation: bank movements, platform payouts, and payments received
// on a payment platform.
func reconClass(c entryClass) bool {
	switch {
	case IsBank(c.platform):
		return true
	case notBalances[c.platform]:
		return false
	case c.kind == KindPayout:
		return true
	}
	return paymentPlatforms[c.platform] && c.kind == KindEarning
}

// NeedsReconcile reports whether the ledger has entries the reconciliation
// places (bank movements, payouts, payments on a payment platform), so an
// import of a ledger without any need not run it.
func (db *DB) NeedsReconcile(ctx context.Context) (bool, error) {
	classes, err := db.entryClasses(ctx)
	if err != nil {
		return false, err
	}
	for _, c := range classes {
		if reconClass(c) {
			return true, nil
		}
	}
	// Matches left by entries an undo removed are dropped by a run.
	var n int
	err = db.sql.QueryRowContext(ctx, `SELECT count(*) FROM matches`).Scan(&n)
	if isNoTable(err) {
		return false, nil
	}
	return n > 0, err
}

// matches reads the matches the condition selects.
func (db *DB) matches(ctx context.Context, cond string) ([]Match, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, kind, entry_id, target_id, platform, program, amount, currency, origin, why
		FROM matches WHERE `+cond+` ORDER BY id`)
	if isNoTable(err) {
		return nil, nil // a read-only ledger of before migration 0012
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Match
	for rows.Next() {
		var m Match
		var amount int64
		if err := rows.Scan(&m.ID, &m.Kind, &m.EntryID, &m.TargetID, &m.Balance.Platform, &m.Balance.Program, &amount, &m.Currency, &m.Origin, &m.Why); err != nil {
			return nil, err
		}
		m.Amount = FromMicro(amount)
		out = append(out, m)
	}
	return out, rows.Err()
}

// isNoTable reports an error about a table the ledger does not have yet.
func isNoTable(err error) bool {
	return err != nil && strings.Contains(err.Error(), "no such table")
}

// storeMatches replaces the reconciliation's matches with ms (whose user
// matches are left as they are), and drops the user's matches and
// refusals of entries that no longer exist.
func (db *DB) storeMatches(ctx context.Context, ms []Match) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM matches WHERE origin = 1
		OR entry_id NOT IN (SELECT id FROM entries) OR (target_id <> 0 AND target_id NOT IN (SELECT id FROM entries))`); err != nil {
		return err
	}
	now := db.now().UTC().Format(time.RFC3339)
	for _, m := range ms {
		if m.Origin != MatchedAuto {
			continue
		}
		if err := insertMatch(ctx, tx, m, now); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func insertMatch(ctx context.Context, tx *sql.Tx, m Match, now string) error {
	amount, err := ToMicro(m.Amount)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO matches (kind, entry_id, target_id, platform, program, amount, currency, origin, why, made_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.Kind, m.EntryID, m.TargetID, m.Balance.Platform, m.Balance.Program, amount, m.Currency, m.Origin, m.Why, now)
	return err
}

// now is the clock of the ledger (DB.Now, for tests), else the time.
func (db *DB) now() time.Time {
	if db.Now != nil {
		return db.Now()
	}
	return time.Now()
}

// ErrNoMatch is returned by Unmatch when an entry has no match to undo.
var ErrNoMatch = errors.New("no match")
