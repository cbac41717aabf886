package importers

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// ECB euro foreign exchange reference rates (formats.md, 5): the daily
// eurofxref.csv ("Date, USD, JPY, …, " with ", " separators, a trailing
// empty field and dates like "06 February 2026") and the history
// eurofxref-hist.csv ("Date,USD,JPY,…," with ISO dates, newest first, and
// "N/A" where a currency was not quoted that day). A rate is how many units
// of the currency one euro buys on that business day. The set of columns
// changes over the years, so columns are read by name.

// IsECBRates reports whether header is the header of an ECB reference rate
// file: "Date" and then only currency codes (and the empty trailing field).
func IsECBRates(header []string) bool {
	if len(header) < 2 || strings.TrimSpace(strings.TrimPrefix(header[0], "\ufeff")) != "Date" {
		return false
	}
	n := 0
	for i, h := range header[1:] {
		h = strings.TrimSpace(h)
		switch {
		case h == "" && i == len(header)-2:
		case len(h) == 3 && ledger.ValidCurrency(h) && h != "EUR":
			n++
		default:
			return false
		}
	}
	return n > 0
}

// ecbDateLayouts are the daily and the history file's dates.
var ecbDateLayouts = []string{"02 January 2006", "2 January 2006", ledger.DateLayout}

// ParseECBRates reads an ECB reference rate file and calls emit with every
// rate in it. A bad date or number is a positioned error
// (file:line:column); up to MaxErrors are collected and returned as an
// ErrorList, and emit is then not called for any rate: a file is taken
// whole or not at all.
func ParseECBRates(name string, r io.Reader, emit func(ledger.Rate) error) error {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", name, ErrEmptyFile)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if !IsECBRates(head) {
		return &FieldError{File: name, Line: 1, Problem: fmt.Sprintf("header %s is not an ECB reference rate header (Date, USD, JPY, ...)", QuoteHeader(head, ","))}
	}
	curs := make([]string, len(head))
	for i, h := range head[1:] {
		curs[i+1] = strings.TrimSpace(h)
	}
	var errs ErrorList
	var rates []ledger.Rate
	fail := func(line, col int, format string, args ...any) {
		field := ""
		if col > 0 && col <= len(head) {
			field = strings.TrimSpace(head[col-1])
		}
		errs = append(errs, &FieldError{File: name, Line: line, Column: col, Field: field, Problem: fmt.Sprintf(format, args...)})
	}
	rows := 0
	for len(errs) < MaxErrors {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			fail(pe.Line, 0, "malformed CSV: %v", pe.Err)
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		rows++
		if ecbStray(rec, curs) {
			fail(line, 0, "has %d fields, the header has %d", len(rec), len(head))
			continue
		}
		cell := strings.TrimSpace(rec[0])
		var day time.Time
		for _, layout := range ecbDateLayouts {
			if day, err = time.Parse(layout, cell); err == nil {
				break
			}
		}
		if err != nil {
			fail(line, 1, "%q is not a date (want 06 February 2026 or 2026-02-06)", cell)
			continue
		}
		for i := 1; i < len(rec) && i < len(head); i++ {
			v := strings.TrimSpace(rec[i])
			if curs[i] == "" || v == "" || v == "N/A" {
				continue // not quoted that day
			}
			rate, err := decimal.NewFromString(v)
			if err != nil || !rate.IsPositive() || strings.ContainsAny(v, "eE+-") {
				fail(line, i+1, "%q is not a rate (a positive number such as 1.1794)", v)
				continue
			}
			if r, rounded := ledger.RoundMicro(rate); rounded || r.Exponent() < -ledger.MicroDigits {
				fail(line, i+1, "%q has more than %d decimals", v, ledger.MicroDigits)
				continue
			}
			rates = append(rates, ledger.Rate{Date: day, Currency: curs[i], PerEUR: rate})
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return errs
	}
	if rows == 0 {
		return fmt.Errorf("%s: no rows after the header: %w", name, ErrEmptyFile)
	}
	for _, r := range rates {
		if err := emit(r); err != nil {
			return err
		}
	}
	return nil
}

// ecbStray reports whether rec has a value under no currency: beyond the
// header, or under its empty trailing field (a rate written with a decimal
// comma splits in two and moves the rest of the row along).
func ecbStray(rec, curs []string) bool {
	for i := 1; i < len(rec); i++ {
		if (i >= len(curs) || curs[i] == "") && strings.TrimSpace(rec[i]) != "" {
			return true
		}
	}
	return false
}
