package importers

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// ABNAMRO reads ABN AMRO's "TXT" download (Internet Bankieren > Af- en
// bijschrijvingen > Downloaden > TXT, a file named TXT<yymmddHHMMSS>.TAB):
// no header line, tab-separated, one movement per line, 8 columns:
//
//	account  currency  date (yyyymmdd)  balance before  balance after  value date (yyyymmdd)  amount  description
//
// Balances and the amount have a decimal comma, the amount is signed as
// the change to the balance, and each row's amount must take the balance
// before to the balance after (a row that does not is refused); each
// row's balance before must also be the balance after of the row before
// it in its account (a file with a row missing or doubled is refused). The
// description is made of 32-character chunks padded with spaces
// ("SEPA Overboeking", "IBAN: ...", "Naam: ...", "Omschrijving: ...", or a
// card payment "BEA, Betaalpas  IKEA Amsterdam,PAS123 ..."); newer rows
// are one slash-separated text ("/TRTP/SEPA OVERBOEKING/IBAN/.../NAME/...").
// The counterparty is taken from Naam:, /NAME/ or the card payment's
// merchant; the chunks, trimmed, make the description. One file may hold
// several accounts.
//
// Every movement is a transfer on platform abn-amro, its program the
// account number: the bank balance stays true, and a deposit from a
// platform is left to reconciliation. There is no transaction id:
// identical rows stay separate entries, told apart by their order.
type ABNAMRO struct{}

// The columns of an ABN AMRO TXT file.
const (
	abnAccount = iota
	abnCurrency
	abnDate
	abnBefore
	abnAfter
	abnValueDate
	abnAmount
	abnDescription
	abnFields
)

var abnNames = [abnFields]string{"account", "currency", "date", "balance before", "balance after", "value date", "amount", "description"}

// Name implements Importer.
func (ABNAMRO) Name() string { return "abn-amro" }

// Info implements Importer.
func (ABNAMRO) Info() Info {
	return Info{
		Title:      "ABN AMRO TXT download (TXT*.TAB): no header, tab-separated, 8 columns",
		Header:     "(no header) " + strings.Join(abnNames[:], "\t"),
		Confidence: SeenFile,
	}
}

// SourceOptions implements SourceConfigurer: the file is tab-separated.
func (ABNAMRO) SourceOptions() SourceOptions { return SourceOptions{Delimiter: '\t'} }

// Detect implements Importer: the first line is a movement of this shape.
func (ABNAMRO) Detect(header []string) bool {
	if len(header) != abnFields {
		return false
	}
	acct := header[abnAccount]
	if acct == "" || len(acct) > 18 || !isDigits(acct, len(acct)) {
		return false
	}
	if !isCurrencyCode(header[abnCurrency]) || !isDigits(header[abnDate], 8) || !isDigits(header[abnValueDate], 8) {
		return false
	}
	for _, c := range []int{abnBefore, abnAfter, abnAmount} {
		if !commaAmountShape(header[c]) {
			return false
		}
	}
	return true
}

// commaAmountShape reports whether s looks like an amount with a decimal
// comma and an optional minus sign: "-25,00", "3025,00".
func commaAmountShape(s string) bool {
	s = strings.TrimPrefix(s, "-")
	i := strings.IndexByte(s, ',')
	return i > 0 && isDigits(s[:i], i) && isDigits(s[i+1:], len(s)-i-1) && len(s)-i-1 >= 1
}

// Parse implements Importer.
func (ABNAMRO) Parse(src *Source, emit func(ledger.Entry) error) error {
	if src.Delimiter != '\t' {
		src.LineErrorf("not an ABN AMRO TXT file: its lines are not tab-separated")
		return nil
	}
	// Each row proves itself (before + amount = after), and the rows
	// chain: a row starts where the one before it in the same account
	// ended (see balanceCheck for the order), so a missing or doubled row
	// is refused too.
	bal := newBalanceCheck(src, abnAfter, DecimalComma)
	bal.field = abnNames[abnAfter]
	err := headerlessRows(src, abnFields, func(rec []string) (ledger.Entry, bool) {
		e, ok := abnRow(src, rec)
		if !ok {
			return e, false
		}
		cell := strings.TrimSpace(rec[abnAfter])
		after, _ := ParseAmount(cell, DecimalComma) // abnRow has read it
		bal.add(src.Line(), cell, after, e.Amount, e.Date, e.Program+" "+e.Currency, false)
		return e, true
	}, emit)
	if err == nil {
		bal.finish()
	}
	return err
}

func abnRow(src *Source, rec []string) (ledger.Entry, bool) {
	ok := true
	amount := func(col int) decimal.Decimal {
		c := strings.TrimSpace(rec[col])
		if !commaAmountShape(c) {
			rowErr(src, col, abnNames[col], "%q is not an amount (want digits, a decimal comma and an optional '-', as in -25,00)", c)
			ok = false
			return decimal.Decimal{}
		}
		d, err := ParseAmount(c, DecimalComma)
		if err == nil && !inRange(d) {
			rowErr(src, col, abnNames[col], "%q is too large for the ledger", c)
			ok = false
		}
		return d
	}
	date, err := ParseDate(rec[abnDate], "20060102")
	if err != nil {
		rowErr(src, abnDate, abnNames[abnDate], "%q is not a date (want yyyymmdd)", strings.TrimSpace(rec[abnDate]))
		ok = false
	}
	cur := strings.TrimSpace(rec[abnCurrency])
	if !ledger.ValidCurrency(cur) {
		rowErr(src, abnCurrency, abnNames[abnCurrency], "%q is not an ISO 4217 currency code", cur)
		ok = false
	}
	before, after, amt := amount(abnBefore), amount(abnAfter), amount(abnAmount)
	if ok && !before.Add(amt).Equal(after) {
		rowErr(src, abnAmount, abnNames[abnAmount], "%q does not take the balance before, %q, to the balance after, %q: the row is damaged",
			strings.TrimSpace(rec[abnAmount]), strings.TrimSpace(rec[abnBefore]), strings.TrimSpace(rec[abnAfter]))
		ok = false
	}
	if !ok {
		return ledger.Entry{}, false
	}
	counterparty, desc := abnText(rec[abnDescription])
	return ledger.Entry{
		Date: date, Platform: "abn-amro", Program: accountProgram(rec[abnAccount]), Kind: ledger.KindTransfer,
		Amount: amt, Currency: cur, Status: ledger.StatusApproved,
		Counterparty: counterparty, Description: desc,
	}, true
}

// abnChunk is the width of the fields an ABN AMRO description is made of.
const abnChunk = 32

// abnText returns the counterparty and the readable description of
// an ABN AMRO description cell.
func abnText(raw string) (counterparty, desc string) {
	raw = strings.TrimRight(raw, " ")
	if strings.HasPrefix(raw, "/") {
		return slashField(raw, "NAME"), squeezeSpaces(raw)
	}
	var chunks []string
	r := []rune(raw)
	for len(r) > 0 {
		n := min(abnChunk, len(r))
		if c := squeezeSpaces(string(r[:n])); c != "" {
			chunks = append(chunks, c)
		}
		r = r[n:]
	}
	card := strings.HasPrefix(raw, "BEA") || strings.HasPrefix(raw, "GEA")
	for _, c := range chunks {
		if name, found := strings.CutPrefix(c, "Naam: "); found && counterparty == "" {
			counterparty = strings.TrimSpace(name)
		}
		if card && counterparty == "" {
			// "Hema EV123,PAS123" or, in older rows, the date and time
			// before it in the same chunk: "30.12.21/09.15 Hema EV123,PAS123".
			if i := strings.Index(c, ",PAS"); i > 0 {
				m := c[:i]
				if j := strings.LastIndexByte(m, '/'); j >= 0 && strings.IndexByte(m[j:], ' ') > 0 {
					m = m[j+strings.IndexByte(m[j:], ' ')+1:]
				}
				counterparty = strings.TrimSpace(m)
			}
		}
	}
	return counterparty, strings.Join(chunks, " ")
}

// slashField returns the value after /KEY/ in a slash-separated SEPA
// description ("/TRTP/SEPA OVERBOEKING/IBAN/NL01.../NAME/Foo B.V./REMI/..."),
// or "".
func slashField(s, key string) string {
	_, rest, found := strings.Cut(s, "/"+key+"/")
	if !found {
		return ""
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	return strings.TrimSpace(rest)
}
