package main

import (
	"bufio"
	"encoding/json"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/importers"
	"github.com/creatorledger/creatorledger/ledger"
)

func exportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write every entry in the native entries format",
		Description: `csv writes the native entries CSV, which import reads back unchanged:
   date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description
Amounts are signed as the change to the source account's balance (earnings positive;
fees, reversals and payouts negative), with '.' decimals. json writes the same columns
as keys of objects in a "rows" array.

Examples:
   creatorledger export --format csv > entries.csv
   creatorledger export --format json --from 2026-01 --to 2026-03`,
		Flags: append(dateRangeFlags(), formatFlag(formatCSV, formatJSON)),
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			format, err := outputFormat(c, formatCSV, formatJSON)
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
func exportJSON(c *cli.Context, db *ledger.DB, filter ledger.EntryFilter, w *bufio.Writer) error {
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
