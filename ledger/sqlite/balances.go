package sqlite

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// Balances returns every account's balance at the end of day asOf (zero:
// everything), by account and currency, as the journals of export post
// the entries (ledger/account.go): each entry moves its amount into its
// source account (a platform balance, a bank account) and out of its
// contra account (income, expenses, money in transit, equity). A bank
// deposit the reconciliation placed as a payout comes from money in
// transit (or, standing for a payout never imported, from the platform
// balance) rather than equity; a payment that settles an invoice comes
// from the invoice's receivable (assets:sponsorship) rather than income;
// an invoice's VAT is owed by the brand (the receivable) and to the tax
// authority (VATAccount).
// An entry whose status is reversed no longer counts (Kind.Counts).
// Accounts whose balance is zero in a currency are left out.
func (db *DB) Balances(ctx context.Context, asOf time.Time) ([]ledger.AccountBalance, error) {
	to := int64(99991231)
	if !asOf.IsZero() {
		to = ledger.DayNumber(asOf)
	}
	classes, err := db.entryClasses(ctx)
	if err != nil {
		return nil, fmt.Errorf("balances: %w", err)
	}
	type key struct{ account, currency string }
	sums := map[key]int64{}
	add := func(account, currency string, micro int64) error {
		s, ok := ledger.AddMicro(sums[key{account, currency}], micro)
		if !ok {
			return fmt.Errorf("%s %s: %w", account, currency, ledger.ErrAmountRange)
		}
		sums[key{account, currency}] = s
		return nil
	}
	// Each class's two accounts, but for bank payouts (whose contra is
	// the counterparty, per entry) read one by one below.
	type pair struct{ source, contra string }
	pairs := map[int64]pair{}
	var perEntry []string
	for id, c := range classes {
		e := ledger.Entry{Platform: c.platform, Program: c.program, Kind: c.kind}
		if c.kind == ledger.KindPayout && ledger.IsBank(c.platform) {
			perEntry = append(perEntry, fmt.Sprint(id))
			continue
		}
		pairs[id] = pair{e.SourceAccount(), e.ContraAccount()}
	}
	err = db.eachTotal(ctx, 0, to, func(g totalRow) error {
		p, ok := pairs[g.key.class()]
		if !ok || !classes[g.key.class()].kind.Counts(ledger.StatusOf(g.key.statusCode())) {
			return nil
		}
		cur := classes[g.key.class()].currency
		if err := add(p.source, cur, g.amount); err != nil {
			return err
		}
		return add(p.contra, cur, -g.amount)
	})
	if err != nil {
		return nil, fmt.Errorf("balances: %w", err)
	}
	if len(perEntry) > 0 {
		rows, err := db.sql.QueryContext(ctx, `SELECT class_id, amount, status, counterparty FROM entries
			WHERE class_id IN (`+strings.Join(perEntry, ",")+`) AND day <= ?`, to)
		if err != nil {
			return nil, fmt.Errorf("balances: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var class, amount, status int64
			var e ledger.Entry
			if err := rows.Scan(&class, &amount, &status, &e.Counterparty); err != nil {
				return nil, fmt.Errorf("balances: %w", err)
			}
			c := classes[class]
			e.Platform, e.Program, e.Kind = c.platform, c.program, c.kind
			if !c.kind.Counts(ledger.StatusOf(status)) {
				continue
			}
			if err := errors.Join(add(e.SourceAccount(), c.currency, amount), add(e.ContraAccount(), c.currency, -amount)); err != nil {
				return nil, fmt.Errorf("balances: %w", err)
			}
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("balances: %w", err)
		}
	}
	// The reconciliation's accounts instead of the class's contra.
	moved, err := db.reconciledContras(ctx, to)
	if err != nil {
		return nil, fmt.Errorf("balances: %w", err)
	}
	for _, m := range moved {
		if err := errors.Join(add(m.Was, m.Currency, m.Amount), add(m.Now, m.Currency, -m.Amount)); err != nil {
			return nil, fmt.Errorf("balances: %w", err)
		}
	}
	// The VAT an invoice charges: owed by the brand with the invoice, and
	// to the tax authority.
	vats, err := db.invoiceVATs(ctx, to)
	if err != nil {
		return nil, fmt.Errorf("balances: %w", err)
	}
	receivable := (&ledger.Entry{Platform: ledger.SponsorshipPlatform}).SourceAccount()
	for _, v := range vats {
		if v.Kind.Counts(v.Status) {
			if err := errors.Join(add(receivable, v.Currency, v.VAT), add(ledger.VATAccount, v.Currency, -v.VAT)); err != nil {
				return nil, fmt.Errorf("balances: %w", err)
			}
		}
	}
	out := make([]ledger.AccountBalance, 0, len(sums))
	for k, v := range sums {
		if v != 0 {
			out = append(out, ledger.AccountBalance{Account: k.account, Currency: k.currency, Balance: ledger.FromMicro(v)})
		}
	}
	slices.SortFunc(out, func(a, b ledger.AccountBalance) int {
		return cmp.Or(cmp.Compare(ledger.AccountOrder(a.Account), ledger.AccountOrder(b.Account)), cmp.Compare(a.Account, b.Account), cmp.Compare(a.Currency, b.Currency))
	})
	return out, nil
}

// reconciledContras lists, up to day to, the entries whose contra account
// the reconciliation changes: deposits placed as payouts (from money in
// transit, or from the platform balance when standing for one) and
// payments that settle an invoice (from its receivable). The same
// accounts as ArrivalAccounts and the journals; reversed entries are left
// out as they are everywhere.
func (db *DB) reconciledContras(ctx context.Context, to int64) ([]ledger.MovedContra, error) {
	arrivals, err := db.ArrivalAccounts(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT DISTINCT e.id, m.kind, c.platform, c.program, c.kind, c.currency, e.amount, e.status, e.counterparty
		FROM matches m JOIN entries e ON e.id = m.entry_id JOIN entry_classes c ON c.id = e.class_id
		WHERE m.origin IN (1, 2) AND e.day <= ?`, to)
	if isNoTable(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	receivable := (&ledger.Entry{Platform: ledger.SponsorshipPlatform}).SourceAccount()
	seen := map[int64]bool{}
	var out []ledger.MovedContra
	for rows.Next() {
		var id, amount, status int64
		var kind ledger.MatchKind
		var e ledger.Entry
		if err := rows.Scan(&id, &kind, &e.Platform, &e.Program, &e.Kind, &e.Currency, &amount, &status, &e.Counterparty); err != nil {
			return nil, err
		}
		if seen[id] || !e.Kind.Counts(ledger.StatusOf(status)) {
			continue
		}
		seen[id] = true
		now := receivable
		if kind == ledger.MatchPayout {
			if now = arrivals[id]; now == "" {
				continue
			}
		}
		if was := e.ContraAccount(); was != now {
			out = append(out, ledger.MovedContra{Was: was, Now: now, Currency: e.Currency, Amount: amount})
		}
	}
	return out, rows.Err()
}
