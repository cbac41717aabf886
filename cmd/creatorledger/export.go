package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/importers"
	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/journal"
)

func exportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write every entry as native CSV or JSON, or as a journal for hledger, ledger-cli or beancount",
		Description: `csv writes the native entries CSV, which import reads back unchanged:
   date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description
Amounts are signed as the change to the source account's balance (earnings positive;
fees, reversals and payouts negative), with '.' decimals. json writes the same columns
as keys of objects in a "rows" array.

ledger writes a journal that hledger and ledger-cli read; beancount one that bean-check
accepts. Each entry is a transaction moving its amount between the ledger's accounts
(assets:<platform>, income:<platform>:<program>, expenses:fees:<platform>,
assets:transit:<platform>, equity:transfers; capitalised for beancount:
Income:Amazon-Associates:Associates), amounts exact in their own currency, with the
entry's id, kind, status, import id, file line and external id as tags or metadata.
ECB rates the ledger holds become price directives (P EUR rate CUR). An entry whose
status is reversed is posted and undone on the same date, so the journal's income
equals report income, currency by currency.

Examples:
   creatorledger export --format csv > entries.csv
   creatorledger export --format json --from 2026-01 --to 2026-03
   creatorledger export --format ledger > creator.journal
   hledger -f creator.journal balance income          (ledger -f creator.journal balance income)
   creatorledger export --format beancount --from 2026-01 > creator.beancount
   bean-check creator.beancount`,
		Flags: append(dateRangeFlags(), formatFlag(formatCSV, formatJSON, formatLedger, formatBeancount)),
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			format, err := outputFormat(c, formatCSV, formatJSON, formatLedger, formatBeancount)
			if err != nil {
				return err
			}
			from, to, err := dateRange(c)
			if err != nil {
				return err
			}
			db, err := openLedger(c)
			if err != nil {
				return err
			}
			defer db.Close()
			if format == formatLedger || format == formatBeancount {
				return exportJournal(c, db, journal.Format(format), from, to, e.stdout)
			}
			w := bufio.NewWriterSize(e.stdout, 64<<10)
			filter := ledger.EntryFilter{From: from, To: to}
			if format == formatCSV {
				nw, err := importers.NewNativeWriter(w)
				if err != nil {
					return err
				}
				if err := db.Entries(c.Context, filter, nw.Write); err != nil {
					return err
				}
				if err := nw.Flush(); err != nil {
					return err
				}
				return w.Flush()
			}
			if err := exportJSON(c, db, filter, w); err != nil {
				return err
			}
			return w.Flush()
		},
	}
}

// The journal formats of export.
const (
	formatLedger    = string(journal.Ledger)
	formatBeancount = string(journal.Beancount)
)

// exportJournal writes the entries from..to as a journal, each entry
// posted to the account pair journalAccounts gives.
func exportJournal(c *cli.Context, db ledger.Store, format journal.Format, from, to time.Time, w io.Writer) error {
	p, err := db.Profile(c.Context)
	if err != nil {
		return err
	}
	accounts, err := journalAccounts(c.Context, db, from, to)
	if err != nil {
		return err
	}
	vats, err := db.InvoiceVATs(c.Context)
	if err != nil {
		return err
	}
	return journal.Write(c.Context, w, db, journal.Options{
		Format: format, From: from, To: to, Accounts: accounts, Currency: p.Currency,
		VAT: func(e *ledger.Entry) (string, decimal.Decimal) { return ledger.VATAccount, vats[e.ID] },
	})
}

// journalAccounts is the account pair each entry posts to in a journal: the
// ledger's own (Entry.SourceAccount, Entry.ContraAccount), except for what
// reconciliation placed. A payment that settles a sponsorship invoice goes
// against the invoice's receivable (the sponsorship balance the invoice was
// posted to) rather than being income a second time: the income report
// counts it once, as the invoice. A bank deposit that is a platform
// payout's arrival comes from assets:transit:<platform>, where the payout
// put the money (ledger.ArrivalAccounts). This is the one place that says
// so, for every journal format.
func journalAccounts(ctx context.Context, db ledger.Store, from, to time.Time) (journal.Accounts, error) {
	settled, err := db.SettledPayments(ctx, from, to)
	if err != nil {
		return nil, err
	}
	contra, err := db.ArrivalAccounts(ctx)
	if err != nil {
		return nil, err
	}
	if contra == nil {
		contra = map[int64]string{}
	}
	receivable := (&ledger.Entry{Platform: ledger.SponsorshipPlatform}).SourceAccount()
	for _, s := range settled {
		contra[s.Payment.ID] = receivable
	}
	if len(contra) == 0 {
		return journal.EntryAccounts, nil
	}
	return func(e *ledger.Entry) (string, string) {
		if c, ok := contra[e.ID]; ok {
			return e.SourceAccount(), c
		}
		return journal.EntryAccounts(e)
	}, nil
}

// nativeJSON is one entry in export --format json: the native columns.
type nativeJSON struct {
	Date           string `json:"date"`
	Platform       string `json:"platform"`
	Program        string `json:"program"`
	Kind           string `json:"kind"`
	Amount         string `json:"amount"`
	Currency       string `json:"currency"`
	ExternalID     string `json:"external_id"`
	Views          *int64 `json:"views"`
	QualifiedViews *int64 `json:"qualified_views"`
	Status         string `json:"status"`
	Counterparty   string `json:"counterparty"`
	Description    string `json:"description"`
}

// exportJSON streams {"rows": [...]} one entry at a time.
func exportJSON(c *cli.Context, db ledger.Store, filter ledger.EntryFilter, w *bufio.Writer) error {
	w.WriteString("{\n  \"rows\": [")
	first := true
	err := db.Entries(c.Context, filter, func(en *ledger.Entry) error {
		row := nativeJSON{
			Date: en.Date.Format(ledger.DateLayout), Platform: en.Platform, Program: en.Program, Kind: string(en.Kind),
			Amount: ledger.FormatAmount(en.Amount, en.Currency), Currency: en.Currency, ExternalID: en.ExternalID,
			Status: string(en.Status), Counterparty: en.Counterparty, Description: en.Description,
		}
		if en.Views.Valid {
			row.Views = &en.Views.N
		}
		if en.QualifiedViews.Valid {
			row.QualifiedViews = &en.QualifiedViews.N
		}
		b, err := json.Marshal(row)
		if err != nil {
			return err
		}
		if !first {
			w.WriteByte(',')
		}
		first = false
		w.WriteString("\n    ")
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	if !first {
		w.WriteString("\n  ")
	}
	_, err = w.WriteString(strings.TrimSpace("]\n}") + "\n")
	return err
}
