// Package journal writes the ledger's entries as a plain-text accounting
// journal: the ledger format that hledger and ledger-cli read, or beancount.
//
// Each entry is one transaction of two postings, as in the ledger: its
// amount on the source account (a platform balance, a bank account) and the
// opposite amount on the contra account (income, expenses, money in transit,
// equity); a sponsorship invoice that charges VAT has a third, the VAT owed
// to the tax authority (Options.VAT). Which accounts an entry posts to comes from one function,
// Options.Accounts, so a caller that knows better than the entry alone (an
// invoice payment that settles a receivable) passes its own.
//
// An entry that no longer counts (ledger.Kind.Counts: an earning, fee or
// payout the platform reversed) is posted and undone on the same date, so
// its record stays in the journal and it adds to no balance: the journal's
// income agrees with the income report, currency by currency.
//
// ECB rates the ledger holds become price directives ("one euro buys rate
// units of the currency"), for the currencies the entries use, from
// ledger.MaxRateAge days before the first entry to the last.
package journal

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// Format is a journal's syntax.
type Format string

// The journal formats.
const (
	// Ledger is the ledger-cli format, which hledger reads too.
	Ledger Format = "ledger"
	// Beancount is beancount's format (bean-check accepts it).
	Beancount Format = "beancount"
)

// Source is where a journal's entries and rates come from; *sqlite.DB is one.
type Source interface {
	// Entries calls fn for each entry the filter selects, in date order.
	// The entry may be reused after fn returns.
	Entries(ctx context.Context, f ledger.EntryFilter, fn func(*ledger.Entry) error) error
	// RatesOf returns the ECB rates of currency from..to, by date.
	RatesOf(ctx context.Context, currency string, from, to time.Time) ([]ledger.Rate, error)
}

// Accounts says which two accounts an entry posts to: its amount goes to
// source and the opposite amount to contra. Names are the ledger's
// ("income:tiktok:creator-rewards"); the writer turns them into each
// format's names.
type Accounts func(e *ledger.Entry) (source, contra string)

// EntryAccounts is the ledger's own account pair of an entry:
// Entry.SourceAccount and Entry.ContraAccount.
func EntryAccounts(e *ledger.Entry) (source, contra string) {
	return e.SourceAccount(), e.ContraAccount()
}

// Options say what to write.
type Options struct {
	Format   Format
	From, To time.Time // inclusive dates; zero means open-ended
	// Accounts gives each entry's account pair; nil means EntryAccounts.
	Accounts Accounts
	// VAT gives the VAT an entry charges besides its amount (a sponsorship
	// invoice's), signed as the entry, and the account it is owed to: the
	// source account then takes the amount and the VAT, the contra the
	// amount, that account the VAT. nil, or a zero VAT: two postings.
	VAT func(e *ledger.Entry) (account string, vat decimal.Decimal)
	// Currency, when set, is the creator's reporting currency: beancount's
	// operating_currency option. The ledger format has no such setting.
	Currency string
}

// ErrChanged means the ledger changed while a journal was being written
// (an account appeared that the first pass did not see).
var ErrChanged = errors.New("the ledger changed during the export; run it again")

// Write writes the journal of the entries opt selects to w. It reads the
// entries twice, both times streaming: once for the accounts, currencies and
// dates the header declares, once to write the transactions.
func Write(ctx context.Context, w io.Writer, src Source, opt Options) error {
	d, err := opt.Format.dialect()
	if err != nil {
		return err
	}
	accounts := opt.Accounts
	if accounts == nil {
		accounts = EntryAccounts
	}
	filter := ledger.EntryFilter{From: opt.From, To: opt.To}

	// Pass 1: what the header declares.
	first := map[string]time.Time{} // ledger account: first date it is used
	currencies := map[string]bool{}
	var lo, hi time.Time
	uncounted := false
	vatOf := opt.VAT
	if vatOf == nil {
		vatOf = func(*ledger.Entry) (string, decimal.Decimal) { return "", decimal.Zero }
	}
	err = src.Entries(ctx, filter, func(e *ledger.Entry) error {
		s, c := accounts(e)
		va, vat := vatOf(e)
		if vat.IsZero() {
			va = c // nothing more to declare
		}
		for _, a := range [3]string{s, c, va} {
			if a == "" {
				return fmt.Errorf("journal: entry %d has no account", e.ID)
			}
			if f, ok := first[a]; !ok || e.Date.Before(f) {
				first[a] = e.Date
			}
		}
		currencies[e.Currency] = true
		if lo.IsZero() || e.Date.Before(lo) {
			lo = e.Date
		}
		if e.Date.After(hi) {
			hi = e.Date
		}
		if !e.Kind.Counts(e.Status) {
			uncounted = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	names, opens, err := journalNames(d, first)
	if err != nil {
		return err
	}
	curs := sortedKeys(currencies)
	var rates []ledger.Rate
	if len(curs) > 0 {
		for _, cur := range curs {
			if cur == "EUR" {
				continue
			}
			rs, err := src.RatesOf(ctx, cur, lo.AddDate(0, 0, -ledger.MaxRateAge), hi)
			if err != nil {
				return err
			}
			rates = append(rates, rs...)
		}
		sort.SliceStable(rates, func(i, j int) bool { return rates[i].Date.Before(rates[j].Date) })
	}
	if len(rates) > 0 && !currencies["EUR"] {
		curs = append(curs, "EUR")
		sort.Strings(curs)
	}

	bw := bufio.NewWriterSize(w, 64<<10)
	d.header(bw, header{
		opens: opens, currencies: curs, currency: opt.Currency,
		uncounted: uncounted, from: opt.From, to: opt.To,
	})
	if len(rates) > 0 {
		bw.WriteString("\n")
		for _, r := range rates {
			d.price(bw, r)
		}
	}

	// Pass 2: the transactions.
	var t txn
	err = src.Entries(ctx, filter, func(e *ledger.Entry) error {
		s, c := accounts(e)
		sj, ok1 := names[s]
		cj, ok2 := names[c]
		if !ok1 || !ok2 {
			return ErrChanged
		}
		t.fill(e, sj, cj)
		if va, vat := vatOf(e); !vat.IsZero() {
			vj, ok := names[va]
			if !ok {
				return ErrChanged
			}
			t.postings[0].amount = e.Amount.Add(vat)
			t.postings = append(t.postings, posting{vj, vat.Neg(), e.Currency})
		}
		bw.WriteString("\n")
		d.txn(bw, &t)
		if !e.Kind.Counts(e.Status) {
			t.undo(e)
			bw.WriteString("\n")
			d.txn(bw, &t)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// dialect is what differs between the formats.
type dialect interface {
	// account returns the format's name of a ledger account.
	account(name string) (string, error)
	header(w *bufio.Writer, h header)
	price(w *bufio.Writer, r ledger.Rate)
	txn(w *bufio.Writer, t *txn)
}

func (f Format) dialect() (dialect, error) {
	switch f {
	case Ledger:
		return ledgerDialect{}, nil
	case Beancount:
		return beancountDialect{}, nil
	}
	return nil, fmt.Errorf("journal format %q: want %s or %s", string(f), Ledger, Beancount)
}

// header is what a journal declares before its transactions.
type header struct {
	opens      []open   // by journal name
	currencies []string // sorted
	currency   string   // the reporting currency, or ""
	uncounted  bool     // some entries are posted and undone
	from, to   time.Time
}

// open is an account in the journal and the first date it is used.
type open struct {
	name  string
	first time.Time
}

// journalNames maps every ledger account to its journal name, refusing two
// ledger accounts that would share one.
func journalNames(d dialect, first map[string]time.Time) (map[string]string, []open, error) {
	names := make(map[string]string, len(first))
	owner := make(map[string]string, len(first))
	opens := make([]open, 0, len(first))
	for _, a := range sortedKeys(first) {
		j, err := d.account(a)
		if err != nil {
			return nil, nil, err
		}
		if o, dup := owner[j]; dup {
			return nil, nil, fmt.Errorf("journal: accounts %q and %q would both be %q", o, a, j)
		}
		owner[j] = a
		names[a] = j
		opens = append(opens, open{name: j, first: first[a]})
	}
	sort.Slice(opens, func(i, j int) bool { return opens[i].name < opens[j].name })
	return names, opens, nil
}

// txn is one transaction before a dialect writes it.
type txn struct {
	date      time.Time
	pending   bool // estimated or pending: '!' rather than '*'
	payee     string
	narration string
	meta      []meta
	postings  []posting
}

type posting struct {
	account  string // the journal's name
	amount   decimal.Decimal
	currency string
}

// meta is one piece of metadata: a tag in the ledger format, a metadata
// line in beancount. A number is written unquoted in beancount.
type meta struct {
	key, value string
	number     bool
}

// metaKeys are every key a transaction's metadata may have, in order (the
// ledger format declares them as tags).
var metaKeys = []string{"entry", "kind", "status", "import", "line", "external_id", "counterparty", "views", "qualified_views", "undo"}

// fill makes t the transaction of entry e, which posts from source to contra.
func (t *txn) fill(e *ledger.Entry, source, contra string) {
	t.date = e.Date
	t.pending = e.Status == ledger.StatusEstimated || e.Status == ledger.StatusPending
	t.payee = e.Platform
	t.narration = e.Description
	t.meta = append(t.meta[:0],
		meta{"entry", itoa(e.ID), true},
		meta{"kind", string(e.Kind), false},
		meta{"status", string(e.Status), false})
	if e.ImportID != 0 {
		t.meta = append(t.meta, meta{"import", itoa(e.ImportID), true}, meta{"line", itoa(int64(e.Line)), true})
	}
	if e.ExternalID != "" {
		t.meta = append(t.meta, meta{"external_id", e.ExternalID, false})
	}
	if e.Counterparty != "" {
		t.meta = append(t.meta, meta{"counterparty", e.Counterparty, false})
	}
	if e.Views.Valid {
		t.meta = append(t.meta, meta{"views", itoa(e.Views.N), true})
	}
	if e.QualifiedViews.Valid {
		t.meta = append(t.meta, meta{"qualified_views", itoa(e.QualifiedViews.N), true})
	}
	t.postings = append(t.postings[:0], posting{source, e.Amount, e.Currency}, posting{contra, e.Amount.Neg(), e.Currency})
}

// undo turns t, the transaction of e, into the one that takes it back on
// the same date: e's status says it no longer counts.
func (t *txn) undo(e *ledger.Entry) {
	t.narration = "undo, status " + string(e.Status)
	if e.Description != "" {
		t.narration += ": " + e.Description
	}
	t.meta = append(t.meta[:0], meta{"entry", itoa(e.ID), true}, meta{"undo", "status-" + string(e.Status), false})
	for i := range t.postings {
		t.postings[i].amount = t.postings[i].amount.Neg()
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
