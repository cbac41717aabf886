package importers

import (
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
)

// ASN reads ASN Bank's transaction history (Internetbankieren >
// Transactiehistorie > Downloaden > CSV, a file named
// transactie-historie_<IBAN>_<yyyymmddHHMMSS>.csv): no header line,
// comma-separated, one movement per line, 19 columns:
//
//	 1 booking date (dd-mm-yyyy)    11 amount (signed, decimal point)
//	 2 own account (IBAN)           12 journal date
//	 3 counter account              13 value date
//	 4 counterparty name            14 internal transaction code
//	 5 address  6 postcode  7 city  15 global transaction code (NGM, IDM, OVS...)
//	 8 account currency             16 sequence number (often 00000000)
//	 9 balance before the movement  17 payment reference
//	10 movement currency            18 description, in single quotes
//	                                19 statement number
//
// The amount is signed as the change to the balance, with decimal points;
// each row's balance before must be the one before it plus its amount (a
// file with a row missing or doubled is refused).
// Descriptions are written in single quotes ('Kosten gebruik
// betaalrekening'), which are taken off; the name's runs of spaces are
// folded. Oldest first. The sequence number is 00000000 for many rows, so
// it is no id: identical rows stay separate entries, told apart by their
// order.
//
// Every movement is a transfer on platform asn, its program the own
// account's IBAN in lower case: the bank balance stays true, and a
// deposit from a platform is left to reconciliation.
type ASN struct{}

// The columns of an ASN transaction history.
const (
	asnDate = iota
	asnAccount
	asnCounterAccount
	asnName
	asnAddress
	asnPostcode
	asnCity
	asnAccountCurrency
	asnBalanceBefore
	asnCurrency
	asnAmount
	asnJournalDate
	asnValueDate
	asnInternalCode
	asnGlobalCode
	asnSequence
	asnReference
	asnDescription
	asnStatement
	asnFields
)

var asnNames = [asnFields]string{
	"booking date", "own account", "counter account", "counterparty name", "address", "postcode", "city",
	"account currency", "balance before", "currency", "amount", "journal date", "value date",
	"internal transaction code", "global transaction code", "sequence number", "payment reference",
	"description", "statement number",
}

// Name implements Importer.
func (ASN) Name() string { return "asn" }

// Info implements Importer.
func (ASN) Info() Info {
	return Info{
		Title:      "ASN Bank transaction history (transactie-historie_*.csv): no header, 19 columns",
		Header:     "(no header) " + strings.Join(asnNames[:], ","),
		Confidence: SeenFile,
	}
}

// SourceOptions implements SourceConfigurer: the file is comma-separated.
func (ASN) SourceOptions() SourceOptions { return SourceOptions{Delimiter: ','} }

// Detect implements Importer: the first line is a movement of this shape.
func (ASN) Detect(header []string) bool {
	if len(header) != asnFields {
		return false
	}
	for _, c := range []int{asnDate, asnJournalDate, asnValueDate} {
		if !dmyShape(header[c]) {
			return false
		}
	}
	if !isCurrencyCode(header[asnAccountCurrency]) || !isCurrencyCode(header[asnCurrency]) {
		return false
	}
	return pointAmountShape(header[asnAmount]) && pointAmountShape(header[asnBalanceBefore])
}

// dmyShape reports whether s looks like dd-mm-yyyy.
func dmyShape(s string) bool {
	return len(s) == 10 && s[2] == '-' && s[5] == '-' && isDigits(s[:2], 2) && isDigits(s[3:5], 2) && isDigits(s[6:], 4)
}

// pointAmountShape reports whether s looks like a signed amount with an
// optional decimal point: "-2.20", "503.15", "0".
func pointAmountShape(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, found := strings.Cut(s, ".")
	return whole != "" && isDigits(whole, len(whole)) && (!found || frac != "" && isDigits(frac, len(frac)))
}

// Parse implements Importer.
func (ASN) Parse(src *Source, emit func(ledger.Entry) error) error {
	if src.Delimiter != ',' {
		src.LineErrorf("not an ASN transaction history: its lines are not comma-separated")
		return nil
	}
	// The balance before each row chains the rows of each account: a row
	// starts where the one before it ended (see balanceCheck for the
	// order), so a file with a row missing or doubled is refused.
	bal := newBalanceCheck(src, asnBalanceBefore, DecimalDot)
	bal.field, bal.before = asnNames[asnBalanceBefore], true
	err := headerlessRows(src, asnFields, func(rec []string) (ledger.Entry, bool) {
		e, ok := asnRow(src, rec)
		cell := strings.TrimSpace(rec[asnBalanceBefore])
		before, berr := ParseAmount(cell, DecimalDot)
		if berr != nil || !pointAmountShape(cell) {
			rowErr(src, asnBalanceBefore, asnNames[asnBalanceBefore], "%q is not an amount (want digits, a decimal point and an optional '-', as in -25.00)", cell)
			return e, false
		}
		if !ok {
			return e, false
		}
		bal.add(src.Line(), cell, before, e.Amount, e.Date, e.Program+" "+e.Currency, false)
		return e, true
	}, emit)
	if err == nil {
		bal.finish()
	}
	return err
}

func asnRow(src *Source, rec []string) (ledger.Entry, bool) {
	ok := true
	cell := func(c int) string { return strings.TrimSpace(rec[c]) }
	date, err := ParseDate(cell(asnDate), "02-01-2006")
	if err != nil || !dmyShape(cell(asnDate)) {
		rowErr(src, asnDate, asnNames[asnDate], "%q is not a date (want dd-mm-yyyy)", cell(asnDate))
		ok = false
	}
	cur := cell(asnCurrency)
	if !ledger.ValidCurrency(cur) {
		rowErr(src, asnCurrency, asnNames[asnCurrency], "%q is not an ISO 4217 currency code", cur)
		ok = false
	}
	c := cell(asnAmount)
	amount, err := ParseAmount(c, DecimalDot)
	switch {
	case !pointAmountShape(c) || err != nil:
		rowErr(src, asnAmount, asnNames[asnAmount], "%q is not an amount (want digits, a decimal point and an optional '-', as in -2.20)", c)
		ok = false
	case !inRange(amount):
		rowErr(src, asnAmount, asnNames[asnAmount], "%q is too large for the ledger", c)
		ok = false
	}
	if !ok {
		return ledger.Entry{}, false
	}
	return ledger.Entry{
		Date: date, Platform: "asn", Program: accountProgram(rec[asnAccount]), Kind: ledger.KindTransfer,
		Amount: amount, Currency: cur, Status: ledger.StatusApproved,
		Counterparty: squeezeSpaces(cell(asnName)),
		Description:  unquoteSingle(cell(asnDescription)),
	}, true
}

// unquoteSingle takes off the single quotes ASN writes around a
// description.
func unquoteSingle(s string) string {
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}
