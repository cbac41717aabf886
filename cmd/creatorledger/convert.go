package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

// checkRatesFor refuses a conversion to a currency the ledger has no ECB
// rates for (EUR needs rates only for the others, which the report names).
func checkRatesFor(c *cli.Context, db ledger.Store, cur string) error {
	if cur == "" {
		return nil
	}
	spans, err := db.RateSpans(c.Context)
	if err != nil {
		return err
	}
	if len(spans) == 0 {
		return withHint(usagef("--currency %s: the ledger has no exchange rates yet", cur),
			"download eurofxref-hist.csv from the ECB, then: creatorledger rates import eurofxref-hist.csv")
	}
	if cur == "EUR" {
		return nil
	}
	for _, s := range spans {
		if s.Currency == cur {
			return nil
		}
	}
	return withHint(usagef("--currency %s: the ledger has no ECB rates for %s", cur, cur), "creatorledger rates list")
}

// maxMissingShown is how many missing rates are named one by one.
const maxMissingShown = 10

// reportMissingRates names on w the currencies and dates a conversion had
// no rate for.
func reportMissingRates(w io.Writer, res ledger.IncomeResult) {
	if len(res.Missing) == 0 {
		return
	}
	fmt.Fprintf(w, "creatorledger: %d entries left out of the converted amounts: no ECB rate within 7 days of their date for\n", res.LeftOut)
	for i, m := range res.Missing {
		if i == maxMissingShown {
			fmt.Fprintf(w, "  ... and %d more (--format json lists them all)\n", len(res.Missing)-i)
			break
		}
		fmt.Fprintf(w, "  %s on %s (%d entries)\n", m.Currency, m.Date.Format(ledger.DateLayout), m.Entries)
	}
	fmt.Fprintln(w, "try: creatorledger rates import eurofxref-hist.csv   (the ECB's whole history)")
}

// renderConvertedJSON writes t as JSON with the conversion's currency and
// missing rates beside the rows.
func renderConvertedJSON(w io.Writer, t *table, cur string, res ledger.IncomeResult) error {
	var buf bytes.Buffer
	if err := t.render(&buf, formatJSON); err != nil {
		return err
	}
	type missing struct {
		Currency string `json:"currency"`
		Date     string `json:"date"`
		Entries  int64  `json:"entries"`
	}
	list := make([]missing, 0, len(res.Missing))
	for _, m := range res.Missing {
		list = append(list, missing{m.Currency, m.Date.Format(ledger.DateLayout), m.Entries})
	}
	extra, err := json.MarshalIndent(map[string]any{"currency": cur, "missing_rates": list, "left_out_entries": res.LeftOut}, "", "  ")
	if err != nil {
		return err
	}
	doc := bytes.TrimSuffix(bytes.TrimRight(buf.Bytes(), "\n"), []byte("}"))
	doc = bytes.TrimRight(doc, "\n")
	extra = bytes.TrimPrefix(extra, []byte("{"))
	_, err = fmt.Fprintf(w, "%s,%s\n", doc, extra)
	return err
}

// roundConverted rounds the converted amounts of rows half-even to the
// minor unit of cur, for display.
func roundConverted(rows []ledger.IncomeRow, cur string) {
	minor := int32(ledger.MinorUnits(cur))
	for i := range rows {
		rows[i].Amount = rows[i].Amount.RoundBank(minor)
		for st, v := range rows[i].ByStatus {
			rows[i].ByStatus[st] = v.RoundBank(minor)
		}
	}
}

// grandTotal prints, under an income table in several currencies (or in
// another than the ledger's reporting currency), the total in the
// reporting currency: the lines converted as report income --currency
// converts them, rounded line by line and added up, so that it equals that
// report's total. Nothing when the ledger has no reporting currency or no
// rates.
func grandTotal(c *cli.Context, w io.Writer, db ledger.Store, q ledger.IncomeQuery, rows []ledger.IncomeRow) error {
	p, err := db.Profile(c.Context)
	if err != nil || p.Currency == "" || len(rows) == 0 {
		return err
	}
	other := false
	for _, r := range rows {
		other = other || r.Currency != p.Currency
	}
	if !other {
		return nil
	}
	spans, err := db.RateSpans(c.Context)
	if err != nil || len(spans) == 0 {
		return err
	}
	q.Currency = p.Currency
	res, err := db.IncomeIn(c.Context, q)
	if err != nil {
		return err
	}
	roundConverted(res.Rows, p.Currency)
	var sum decimal.Decimal
	for _, r := range res.Rows {
		sum = sum.Add(r.Amount)
	}
	fmt.Fprintf(w, "grand total in %s (your reporting currency, ECB rate of each entry's date): %s\n", p.Currency,
		ledger.GroupThousands(ledger.FormatAmount(sum, p.Currency)))
	if res.LeftOut > 0 {
		fmt.Fprintf(w, "  without %d entries that have no rate: creatorledger report income --currency %s names them\n", res.LeftOut, p.Currency)
	}
	return nil
}
