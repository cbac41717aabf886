package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// Reconcile matches the ledger's bank deposits with platform payouts and
// its payments with sponsorship invoices, as of asOf (zero: today), and
// keeps the matches it finds in the ledger in place of the previous run's
// (the user's stay). A ledger opened read-only is reconciled in memory
// only (Stored false).
func (db *DB) Reconcile(ctx context.Context, asOf time.Time) (ledger.Reconciliation, error) {
	in, err := db.reconInput(ctx, ledger.Today(asOf))
	if err != nil {
		return ledger.Reconciliation{}, fmt.Errorf("reconcile: %w", err)
	}
	r := ledger.Reconcile(in)
	for _, es := range [...][]ledger.Entry{in.Deposits, in.Payouts, in.Payments} {
		for _, e := range es {
			r.Entries[e.ID] = e
		}
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
func (db *DB) reconInput(ctx context.Context, asOf time.Time) (*ledger.ReconInput, error) {
	in := &ledger.ReconInput{AsOf: asOf, Arrival: map[string]int{}}
	var err error
	if in.Patterns, err = ledger.ShippedDepositPatterns(); err != nil {
		return nil, err
	}
	rules, err := db.Rules(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range rules {
		in.Arrival[r.Platform] = max(in.Arrival[r.Platform], r.ArrivalDays)
	}
	bmap, err := ledger.ShippedBalances()
	if err != nil {
		return nil, err
	}
	in.BMap = bmap.WithRules(rules)
	if in.Rates, err = db.LoadRates(ctx); err != nil {
		return nil, err
	}
	classes, err := db.entryClasses(ctx)
	if err != nil {
		return nil, err
	}
	// Bank debits are never placed: only the credits are read (most of a
	// statement is spending). The rows come in id order and are put in
	// date order here, which costs less than SQLite's sort of them.
	var banks, others []string
	for id, c := range classes {
		switch {
		case !reconClass(c):
		case ledger.IsBank(c.platform):
			banks = append(banks, fmt.Sprint(id))
		default:
			others = append(others, fmt.Sprint(id))
		}
	}
	if len(banks)+len(others) > 0 {
		cond := "0"
		if len(banks) > 0 {
			cond = "(class_id IN (" + strings.Join(banks, ",") + ") AND amount > 0)"
		}
		if len(others) > 0 {
			cond += " OR class_id IN (" + strings.Join(others, ",") + ")"
		}
		rows, err := db.sql.QueryContext(ctx, `SELECT id, day, class_id, amount, status, external_id, counterparty, description, import_id, line
			FROM entries WHERE `+cond)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var all []ledger.Entry
		for rows.Next() {
			var e ledger.Entry
			var day, class, amount, status int64
			if err := rows.Scan(&e.ID, &day, &class, &amount, &status, &e.ExternalID, &e.Counterparty, &e.Description, &e.ImportID, &e.Line); err != nil {
				return nil, err
			}
			c := classes[class]
			e.Date, e.Platform, e.Program, e.Kind, e.Currency = ledger.DateOfDay(day), c.platform, c.program, c.kind, c.currency
			e.Amount, e.Status = ledger.FromMicro(amount), ledger.StatusOf(status)
			all = append(all, e)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		order := make([]*ledger.Entry, len(all))
		for i := range all {
			order[i] = &all[i]
		}
		slices.SortFunc(order, func(a, b *ledger.Entry) int { return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID)) })
		for _, e := range order {
			switch {
			case ledger.IsBank(e.Platform):
				in.Deposits = append(in.Deposits, *e)
			case e.Kind == ledger.KindPayout:
				in.Payouts = append(in.Payouts, *e)
			default:
				in.Payments = append(in.Payments, *e)
			}
		}
	}
	// The last day the bank statements cover, debits included, and the
	// first day each platform balance earned anything.
	in.FirstEarned = map[string]int64{}
	err = db.eachTotal(ctx, 0, 99991231, func(g totalRow) error {
		c := classes[g.key.class()]
		switch {
		case ledger.IsBank(c.platform):
			in.BankEnd = max(in.BankEnd, g.key.day())
		case c.kind.IsIncome() && !ledger.NotBalances[c.platform]:
			if b := in.BMap.Of(c.platform, c.program).Platform; in.FirstEarned[b] == 0 {
				in.FirstEarned[b] = g.key.day() // days come in order
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if in.Invoices, err = db.Invoices(ctx); err != nil {
		return nil, err
	}
	if in.User, err = db.matches(ctx, "origin IN (2, 3)"); err != nil {
		return nil, err
	}
	return in, nil
}

// reconClass reports whether entries of class c take part in the
// reconciliation: bank movements, platform payouts, and payments received
// on a payment platform.
func reconClass(c entryClass) bool {
	switch {
	case ledger.IsBank(c.platform):
		return true
	case ledger.NotBalances[c.platform]:
		return false
	case c.kind == ledger.KindPayout:
		return true
	}
	return ledger.PaymentPlatforms[c.platform] && c.kind == ledger.KindEarning
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
func (db *DB) matches(ctx context.Context, cond string) ([]ledger.Match, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, kind, entry_id, target_id, platform, program, amount, currency, origin, why
		FROM matches WHERE `+cond+` ORDER BY id`)
	if isNoTable(err) {
		return nil, nil // a read-only ledger of before migration 0012
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ledger.Match
	for rows.Next() {
		var m ledger.Match
		var amount int64
		if err := rows.Scan(&m.ID, &m.Kind, &m.EntryID, &m.TargetID, &m.Balance.Platform, &m.Balance.Program, &amount, &m.Currency, &m.Origin, &m.Why); err != nil {
			return nil, err
		}
		m.Amount = ledger.FromMicro(amount)
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
// refusals of entries that no longer exist. When the matches are those the
// ledger has, it writes nothing.
func (db *DB) storeMatches(ctx context.Context, ms []ledger.Match) error {
	same, err := db.sameAutoMatches(ctx, ms)
	if err != nil {
		return err
	}
	var dangling int
	err = db.sql.QueryRowContext(ctx, `SELECT count(*) FROM matches WHERE origin <> 1
		AND (entry_id NOT IN (SELECT id FROM entries) OR (target_id <> 0 AND target_id NOT IN (SELECT id FROM entries)))`).Scan(&dangling)
	if err != nil || same && dangling == 0 {
		return err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM matches WHERE origin = 1
		OR entry_id NOT IN (SELECT id FROM entries) OR (target_id <> 0 AND target_id NOT IN (SELECT id FROM entries))`); err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, insertMatchSQL)
	if err != nil {
		return err
	}
	defer st.Close()
	now := db.now().UTC().Format(time.RFC3339)
	for _, m := range ms {
		if m.Origin != ledger.MatchedAuto {
			continue
		}
		if err := execMatch(ctx, st, m, now); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// sameAutoMatches reports whether the ledger's own matches are exactly the
// automatic ones of ms.
func (db *DB) sameAutoMatches(ctx context.Context, ms []ledger.Match) (bool, error) {
	type matchKey struct {
		kind             ledger.MatchKind
		entry, target, a int64
		b                ledger.Balance
		currency, why    string
	}
	key := func(m ledger.Match) matchKey {
		a, _ := ledger.ToMicro(m.Amount)
		return matchKey{m.Kind, m.EntryID, m.TargetID, a, m.Balance, m.Currency, m.Why}
	}
	want := map[matchKey]int{}
	n := 0
	for _, m := range ms {
		if m.Origin == ledger.MatchedAuto {
			want[key(m)]++
			n++
		}
	}
	have, err := db.matches(ctx, "origin = 1")
	if err != nil || len(have) != n {
		return false, err
	}
	for _, m := range have {
		k := key(m)
		if want[k] == 0 {
			return false, nil
		}
		want[k]--
	}
	return true, nil
}

const insertMatchSQL = `INSERT INTO matches (kind, entry_id, target_id, platform, program, amount, currency, origin, why, made_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func execMatch(ctx context.Context, st *sql.Stmt, m ledger.Match, now string) error {
	amount, err := ledger.ToMicro(m.Amount)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, m.Kind, m.EntryID, m.TargetID, m.Balance.Platform, m.Balance.Program, amount, m.Currency, m.Origin, m.Why, now)
	return err
}

func insertMatch(ctx context.Context, tx *sql.Tx, m ledger.Match, now string) error {
	amount, err := ledger.ToMicro(m.Amount)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, insertMatchSQL, m.Kind, m.EntryID, m.TargetID, m.Balance.Platform, m.Balance.Program, amount, m.Currency, m.Origin, m.Why, now)
	return err
}

// now is the clock of the ledger (DB.Now, for tests), else the time.
func (db *DB) now() time.Time {
	if db.Now != nil {
		return db.Now()
	}
	return time.Now()
}
