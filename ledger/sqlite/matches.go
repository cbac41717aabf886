package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// settledIncome reads, by day, the payments from day from to day to that
// settle a sponsorship invoice, as negative totals: the income report adds
// them to their day's groups so that the money is counted once, as the
// invoice.
func settledIncome(ctx context.Context, tx *sql.Tx, from, to int64) (map[int64][]totalRow, error) {
	rows, err := tx.QueryContext(ctx, `SELECT day, class_id, status, amount FROM entries
		WHERE id IN (SELECT entry_id FROM matches WHERE kind = 2 AND origin IN (1, 2)) AND day BETWEEN ? AND ?`, from, to)
	if isNoTable(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]totalRow{}
	for rows.Next() {
		var day, class, status, amount int64
		if err := rows.Scan(&day, &class, &status, &amount); err != nil {
			return nil, err
		}
		out[day] = append(out[day], totalRow{key: totalKeyOf(day, class, status), totalSum: totalSum{amount: -amount, entries: -1}})
	}
	return out, rows.Err()
}

// SettledPayments lists the payments from from to to (zero: open-ended)
// that settle an invoice, by date.
func (db *DB) SettledPayments(ctx context.Context, from, to time.Time) ([]ledger.SettledPayment, error) {
	lo, hi := int64(0), int64(99991231)
	if !from.IsZero() {
		lo = ledger.DayNumber(from)
	}
	if !to.IsZero() {
		hi = ledger.DayNumber(to)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT e.id, e.day, c.platform, c.program, c.kind, e.amount, c.currency, e.status, e.counterparty, t.external_id
		FROM matches m JOIN entries e ON e.id = m.entry_id JOIN entry_classes c ON c.id = e.class_id JOIN entries t ON t.id = m.target_id
		WHERE m.kind = 2 AND m.origin IN (1, 2) AND e.day BETWEEN ? AND ? ORDER BY e.day, e.id, t.external_id`, lo, hi)
	if isNoTable(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("settled payments: %w", err)
	}
	defer rows.Close()
	var out []ledger.SettledPayment
	for rows.Next() {
		var s ledger.SettledPayment
		var day, amount, status int64
		e := &s.Payment
		if err := rows.Scan(&e.ID, &day, &e.Platform, &e.Program, &e.Kind, &amount, &e.Currency, &status, &e.Counterparty, &s.Invoice); err != nil {
			return nil, fmt.Errorf("settled payments: %w", err)
		}
		e.Date, e.Amount, e.Status = ledger.DateOfDay(day), ledger.FromMicro(amount), ledger.StatusOf(status)
		out = append(out, s)
	}
	return out, rows.Err()
}

// InvoicePayments lists, by invoice entry id, the payments that settle
// each invoice (as the last reconciliation found them, with the user's).
func (db *DB) InvoicePayments(ctx context.Context) (map[int64][]ledger.InvoicePayment, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT m.target_id, m.entry_id, e.day, c.platform, m.amount, m.currency, m.origin, m.why
		FROM matches m JOIN entries e ON e.id = m.entry_id JOIN entry_classes c ON c.id = e.class_id
		WHERE m.kind = 2 AND m.origin IN (1, 2) ORDER BY e.day, m.entry_id`)
	if isNoTable(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("invoice payments: %w", err)
	}
	defer rows.Close()
	out := map[int64][]ledger.InvoicePayment{}
	for rows.Next() {
		var inv, day, amount int64
		var p ledger.InvoicePayment
		if err := rows.Scan(&inv, &p.EntryID, &day, &p.Platform, &amount, &p.Currency, &p.Origin, &p.Why); err != nil {
			return nil, fmt.Errorf("invoice payments: %w", err)
		}
		p.Date, p.Amount = ledger.DateOfDay(day), ledger.FromMicro(amount)
		out[inv] = append(out[inv], p)
	}
	return out, rows.Err()
}

// MatchByUser records that entry (a bank deposit, or a payment) settles
// target, in place of whatever the reconciliation matched either with,
// and reconciles again. The match is the user's: no later run undoes it.
func (db *DB) MatchByUser(ctx context.Context, entry int64, target ledger.MatchTarget) (ledger.Match, error) {
	e, err := db.entryByID(ctx, entry)
	if err != nil {
		return ledger.Match{}, err
	}
	m := ledger.Match{EntryID: entry, Origin: ledger.MatchedByUser}
	switch {
	case target.EntryID != 0:
		t, err := db.entryByID(ctx, target.EntryID)
		if err != nil {
			return ledger.Match{}, err
		}
		switch {
		case t.Platform == "sponsorship":
			if !e.Amount.IsPositive() {
				return ledger.Match{}, fmt.Errorf("%w: entry %d (%s %s) is not money received: it cannot pay invoice %s", ledger.ErrInvalid, e.ID, ledger.FormatAmount(e.Amount, e.Currency), e.Currency, t.ExternalID)
			}
			m.Kind, m.TargetID, m.Balance = ledger.MatchInvoice, t.ID, ledger.Balance{Platform: "sponsorship", Program: t.Program}
			m.Amount, m.Currency = e.Amount, e.Currency
			if e.Currency != t.Currency {
				if rates, err := db.LoadRates(ctx); err == nil {
					if v, _, ok := rates.Convert(e.Amount, e.Currency, t.Currency, e.Date); ok {
						m.Amount, m.Currency = v.Round(int32(ledger.MinorUnits(t.Currency))), t.Currency
					}
				}
			}
			m.Why = fmt.Sprintf("you said %s pays invoice %s", ledger.PaymentWords(e), t.ExternalID)
		case t.Kind == ledger.KindPayout && !ledger.IsBank(t.Platform):
			if !ledger.IsBank(e.Platform) || !e.Amount.IsPositive() {
				return ledger.Match{}, fmt.Errorf("%w: entry %d is not a bank deposit: only a deposit is the arrival of payout %d", ledger.ErrInvalid, e.ID, t.ID)
			}
			bmap, err := db.balanceMap(ctx)
			if err != nil {
				return ledger.Match{}, err
			}
			m.Kind, m.TargetID, m.Balance = ledger.MatchPayout, t.ID, bmap.Of(t.Platform, t.Program)
			m.Amount, m.Currency = t.Amount.Neg(), t.Currency
			m.Why = fmt.Sprintf("you said %s is the %s payout of %s", ledger.DescribeParty(e), t.Platform, t.Date.Format(ledger.DateLayout))
		default:
			return ledger.Match{}, fmt.Errorf("%w: entry %d is a %s %s %s, neither a platform payout nor a sponsorship invoice", ledger.ErrInvalid, t.ID, t.Platform, t.Program, t.Kind)
		}
	case target.Balance.Platform != "":
		if !ledger.IsBank(e.Platform) || !e.Amount.IsPositive() {
			return ledger.Match{}, fmt.Errorf("%w: entry %d is not a bank deposit: only a deposit stands for a payout", ledger.ErrInvalid, e.ID)
		}
		if err := db.knownBalance(ctx, target.Balance); err != nil {
			return ledger.Match{}, err
		}
		m.Kind, m.Balance, m.Amount, m.Currency = ledger.MatchPayout, target.Balance, e.Amount, e.Currency
		m.Why = fmt.Sprintf("you said %s is a %s/%s payout", ledger.DescribeParty(e), target.Balance.Platform, target.Balance.Program)
	default:
		return ledger.Match{}, fmt.Errorf("%w: no target", ledger.ErrInvalid)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return ledger.Match{}, err
	}
	defer tx.Rollback()
	// The entry's other matches go, and so do other deposits' matches of
	// the same payout (a payout arrives once); an invoice may be paid
	// twice, so its other payments stay.
	if _, err := tx.ExecContext(ctx, `DELETE FROM matches WHERE entry_id = ? OR (kind = 1 AND ? <> 0 AND target_id = ?)`,
		entry, ledger.BoolInt(m.Kind == ledger.MatchPayout), m.TargetID); err != nil {
		return ledger.Match{}, err
	}
	if err := insertMatch(ctx, tx, m, db.now().UTC().Format(time.RFC3339)); err != nil {
		return ledger.Match{}, err
	}
	if err := tx.Commit(); err != nil {
		return ledger.Match{}, err
	}
	_, err = db.Reconcile(ctx, time.Time{})
	return m, err
}

// Unmatch undoes the matches of entry (either side of them): the user's
// are removed, the reconciliation's refused so that it does not propose
// them again; then it reconciles again. It returns what was undone, and
// ErrNoMatch when there was nothing.
func (db *DB) Unmatch(ctx context.Context, entry int64) ([]ledger.Match, error) {
	ms, err := db.matches(ctx, fmt.Sprintf("origin IN (1, 2) AND (entry_id = %d OR target_id = %d)", entry, entry))
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		if _, err := db.entryByID(ctx, entry); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: entry %d is matched with nothing", ledger.ErrNoMatch, entry)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := db.now().UTC().Format(time.RFC3339)
	for _, m := range ms {
		if _, err := tx.ExecContext(ctx, `DELETE FROM matches WHERE id = ?`, m.ID); err != nil {
			return nil, err
		}
		refusal := m
		refusal.Origin, refusal.Why = ledger.RefusedByUser, "you said this is not a match: "+m.Why
		if err := insertMatch(ctx, tx, refusal, now); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	_, err = db.Reconcile(ctx, time.Time{})
	return ms, err
}

// balanceMap is the shipped balance map knowing the ledger's rules.
func (db *DB) balanceMap(ctx context.Context) (ledger.BalanceMap, error) {
	rules, err := db.Rules(ctx)
	if err != nil {
		return ledger.BalanceMap{}, err
	}
	bmap, err := ledger.ShippedBalances()
	return bmap.WithRules(rules), err
}

// entryByID reads one entry (without its raw row).
func (db *DB) entryByID(ctx context.Context, id int64) (ledger.Entry, error) {
	var e ledger.Entry
	var day, amount, status int64
	err := db.sql.QueryRowContext(ctx, `SELECT e.id, e.day, c.platform, c.program, c.kind, e.amount, c.currency, e.external_id,
		e.status, e.counterparty, e.description, e.import_id, e.line
		FROM entries e JOIN entry_classes c ON c.id = e.class_id WHERE e.id = ?`, id).
		Scan(&e.ID, &day, &e.Platform, &e.Program, &e.Kind, &amount, &e.Currency, &e.ExternalID, &status, &e.Counterparty, &e.Description, &e.ImportID, &e.Line)
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("%w: no entry %d", ledger.ErrNotFound, id)
	}
	if err != nil {
		return e, err
	}
	e.Date, e.Amount, e.Status = ledger.DateOfDay(day), ledger.FromMicro(amount), ledger.StatusOf(status)
	return e, nil
}

// knownBalance refuses a balance no platform of the ledger keeps its money
// in, naming those that are.
func (db *DB) knownBalance(ctx context.Context, b ledger.Balance) error {
	classes, err := db.entryClasses(ctx)
	if err != nil {
		return err
	}
	bmap, err := db.balanceMap(ctx)
	if err != nil {
		return err
	}
	var known []string
	for _, c := range classes {
		if ledger.IsBank(c.platform) || ledger.NotBalances[c.platform] {
			continue
		}
		cb := bmap.Of(c.platform, c.program)
		if cb == b {
			return nil
		}
		if name := cb.Platform + "/" + cb.Program; !slices.Contains(known, name) {
			known = append(known, name)
		}
	}
	slices.Sort(known)
	return fmt.Errorf("%w: the ledger has no balance %s/%s (it has %s)", ledger.ErrInvalid, b.Platform, b.Program, strings.Join(known, ", "))
}
