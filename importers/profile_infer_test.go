package importers

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

func TestDetectColumnsRequireReject(t *testing.T) {
	p := mustProfile(t, `header Date,Amount (USD),Note
detect columns
require Note
reject Tax
date-format yyyy-mm-dd
set platform shop
set program sales
set currency from-header
map date Date
map amount Amount (*)
map-optional description Comment
`)
	for _, c := range []struct {
		header []string
		want   bool
	}{
		{[]string{"Note", "Amount (EUR)", "Date", "Extra"}, true},
		{[]string{"Date", "Amount (EUR)"}, false},                // no Note
		{[]string{"Date", "Amount (EUR)", "Note", "Tax"}, false}, // rejected
		{[]string{"Date", "Amount", "Note"}, false},              // no Amount (*)
	} {
		if got := p.Detect(c.header); got != c.want {
			t.Errorf("Detect(%q) = %v, want %v", c.header, got, c.want)
		}
	}
	got, err := parseWith(t, p, "x.csv", "Note,Amount (EUR),Date\nhi,\"1,50\",2026-09-01\n")
	if err != nil || got != "2026-09-01 earning 1.5 EUR approved   \n" {
		t.Errorf("got %q, %v", got, err)
	}
}

// markProfile reads a date and an amount; the tests add the decimal line.
const markProfile = `header Date,Amount
date-format yyyy-mm-dd
set platform shop
set program sales
set currency EUR
map date Date
map amount Amount
skip-row Date is Total
`

// TestDecimalMarkInference checks the per-file decision of the decimal
// mark that Prepare makes before parsing.
func TestDecimalMarkInference(t *testing.T) {
	cases := []struct {
		name, profile, file string
		want                string // the amounts parsed, one per line, or the error text
	}{
		{"dot profile, ';' file, comma decimals", "decimal .",
			"Date;Amount\r\n2026-09-01;412,887\r\n2026-09-02;1,5\r\n", "412.887 1.5"},
		{"dot profile, ';' file, only 412,887: comma", "decimal .",
			"Date;Amount\r\n2026-09-01;412,887\r\n2026-09-02;131,072\r\n2026-09-03;12\r\n", "412.887 131.072 12"},
		{"dot profile, ';' file, thousands and decimals", "decimal .",
			"Date;Amount\n2026-09-01;1.234,56\n2026-09-02;412,887\n2026-09-03;(1.000,00)\n2026-09-04;-3,10\n", "1234.56 412.887 -1000 -3.1"},
		{"dot profile, ';' file, dots thrice", "decimal .",
			"Date;Amount\n2026-09-01;12.345.678\n2026-09-02;0,5\n", "12345678 0.5"},
		{"dot profile, ';' file, point decimals stay", "decimal .",
			"Date;Amount\n2026-09-01;12.50\n2026-09-02;1,234\n", "12.5 1234"},
		{"dot profile, ';' file, only 1.234 keeps the point", "decimal .",
			"Date;Amount\n2026-09-01;1.234\n2026-09-02;7\n", "1.234 7"},
		{"dot profile, ';' file, whole numbers", "decimal .",
			"Date;Amount\n2026-09-01;1234\n", "1234"},
		{"dot profile, ',' file is never changed", "decimal .",
			"Date,Amount\n2026-09-01,\"1,234.56\"\n2026-09-02,\"1,234\"\n", "1234.56 1234"},
		{"dot profile, ',' file with a comma decimal is refused as before", "decimal .",
			"Date,Amount\n2026-09-01,\"0,5\"\n",
			`f.csv:2:2: Amount: "0,5" is not an amount (misplaced thousands separator)`},
		{"dot profile with delimiter ; is never changed", "decimal .\ndelimiter ;",
			"Date;Amount\n2026-09-01;412,887\n", "412887"},
		{"comma profile is never changed", "decimal ,",
			"Date;Amount\n2026-09-01;1.234\n2026-09-02;12.50\n",
			`f.csv:3:2: Amount: "12.50" is not an amount (misplaced thousands separator)`},
		{"skipped rows are no evidence", "decimal .",
			"Date;Amount\nTotal;12.50\n2026-09-01;0,5\n", "0.5"},
		{"contradiction", "decimal .",
			"Date;Amount\n2026-09-01;412,887\n2026-09-02;24,95\n2026-09-03;12.50\n",
			`f.csv:4:2: Amount: "12.50" has a decimal point, but "24,95" (line 3) has a decimal comma: one file uses one decimal mark; correct the cell that differs`},
		{"contradiction between thousands and decimals", "decimal .",
			"Date;Amount\n2026-09-01;1.234.567\n2026-09-02;1,234.50\n",
			`f.csv:3:2: Amount: "1,234.50" has a decimal point, but "1.234.567" (line 2) has a decimal comma: one file uses one decimal mark; correct the cell that differs`},
		{"auto, evidence settles 1,234", "decimal auto",
			"Date;Amount\n2026-09-01;1,234\n2026-09-02;0,5\n", "1.234 0.5"},
		{"auto, evidence settles 1.234", "decimal auto",
			"Date,Amount\n2026-09-01,1.234\n2026-09-02,\"1,234.56\"\n", "1.234 1234.56"},
		{"auto, only ambiguous cells: refused cell by cell", "decimal auto",
			"Date;Amount\n2026-09-01;1,234\n2026-09-02;7\n",
			`f.csv:2:2: Amount: "1,234" is not an amount (cannot tell whether ',' or '.' is the decimal mark; set the profile's decimal mark)`},
		{"auto, contradiction", "decimal auto",
			"Date,Amount\n2026-09-01,\"0,5\"\n2026-09-02,1.25\n",
			`f.csv:3:2: Amount: "1.25" has a decimal point, but "0,5" (line 2) has a decimal comma: one file uses one decimal mark; correct the cell that differs`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := mustProfile(t, markProfile+c.profile+"\n")
			got, err := prepareAndParse(t, p, "f.csv", c.file)
			if err != nil {
				got = err.Error()
			}
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// prepareAndParse runs p over text as import does (Prepare, then Run) and
// returns the amounts, space-separated.
func prepareAndParse(t *testing.T, p Importer, name, text string) (string, error) {
	t.Helper()
	reopen := func() (*Source, error) { return NewSourceFor(name, strings.NewReader(text), p) }
	imp, err := Prepare(p, "", reopen)
	if err != nil {
		return "", err
	}
	src, err := reopen()
	if err != nil {
		return "", err
	}
	var amounts []string
	err = Run(imp, src, func(e ledger.Entry, _ bool) error {
		amounts = append(amounts, e.Amount.String())
		return nil
	})
	return strings.Join(amounts, " "), err
}

// TestDecimalMarkColumns checks which columns are evidence: amount, credit,
// debit and fee are; counts are not. The day-first dates are inferred in
// the same pass.
func TestDecimalMarkColumns(t *testing.T) {
	fees := mustProfile(t, `header Date,Amount,Fee,Views
date-format dd/mm/yyyy | mm/dd/yyyy
decimal .
set platform shop
set program sales
set currency EUR
map date Date
map amount Amount
map fee Fee
map views Views
`)
	got, err := prepareAndParse(t, fees, "f.csv", "Date;Amount;Fee;Views\n03/04/2026;1,234;0,55;12\n25/04/2026;12;0;1\n")
	if err != nil || got != "1.234 -0.55 12" {
		t.Errorf("fee as evidence: %q, %v", got, err)
	}
	dated, err := Prepare(fees, "", func() (*Source, error) {
		return NewSource("f.csv", strings.NewReader("Date;Amount;Fee;Views\n03/04/2026;1,234;0,55;12\n25/04/2026;12;0;1\n"))
	})
	if err != nil || dated.(*Profile).NeedsDayMonth() || dated.(*Profile).decimal != DecimalComma {
		t.Errorf("one pass for dates and the mark: %v", err)
	}
	got, err = prepareAndParse(t, fees, "f.csv", "Date;Amount;Fee;Views\n25/04/2026;0,5;1,25;1,234,567\n")
	if err == nil || got != "" || err.Error() != `f.csv:2:4: Views: "1,234,567" is not a view count (want a whole number)` {
		t.Errorf("views are no evidence: %q, %v", got, err)
	}
	_, err = prepareAndParse(t, fees, "f.csv", "Date;Amount;Fee;Views\n25/04/2026;0,5;1.25;1\n")
	if err == nil || err.Error() != `f.csv:2:3: Fee: "1.25" has a decimal point, but "0,5" (line 2, column 2) has a decimal comma: one file uses one decimal mark; correct the cell that differs` {
		t.Errorf("fee contradicts amount: %v", err)
	}

	split := mustProfile(t, `header Date,In,Out
date-format yyyy-mm-dd
decimal .
set platform bank
set program account
set currency EUR
map date Date
map credit In
map debit Out
`)
	got, err = prepareAndParse(t, split, "f.csv", "Date;In;Out\n2026-09-01;1,234;\n2026-09-02;;2,5\n")
	if err != nil || got != "1.234 -2.5" {
		t.Errorf("credit and debit as evidence: %q, %v", got, err)
	}
}

// FuzzDecimalMarkInference checks the per-file decimal mark: Prepare never
// panics; a mark it decides agrees with every money cell that shows one; it
// turns a point into a comma only for a ';'-separated file; and a
// contradiction is reported at a cell that shows the other mark.
func FuzzDecimalMarkInference(f *testing.F) {
	for _, s := range []string{
		"Date;Amount\r\n2026-09-01;412,887\r\n2026-09-02;131,072\r\n",
		"Date;Amount\n2026-09-01;1.234,56\n2026-09-02;(1.000,00)\n2026-09-03;-3,10\n",
		"Date;Amount\n2026-09-01;12.345.678\n2026-09-02;0,5\n",
		"Date;Amount\n2026-09-01;24,95\n2026-09-02;12.50\n",
		"Date,Amount\n2026-09-01,\"1,234.56\"\n2026-09-02,1.234\n",
		"Date;Amount\nTotal;12.50\n2026-09-01;0,5\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	dot, err := ParseProfile("dot.profile", strings.NewReader(markProfile+"decimal .\n"))
	if err != nil {
		f.Fatal(err)
	}
	auto, err := ParseProfile("auto.profile", strings.NewReader(markProfile+"decimal auto\n"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, useAuto bool) {
		p := dot
		if useAuto {
			p = auto
		}
		reopen := func() (*Source, error) { return NewSourceFor("f.csv", bytes.NewReader(data), p) }
		src, err := reopen()
		if err != nil {
			return
		}
		imp, err := Prepare(p, "", reopen)
		var list ErrorList
		if errors.As(err, &list) && len(list) == 1 && strings.Contains(list[0].Problem, "one file uses one decimal mark") {
			fe := list[0]
			for src.Next() {
				if src.Line() == fe.Line && fe.Column-1 < len(src.Record()) {
					if m, ambiguous := cellMark(src.Record()[fe.Column-1]); m == 0 || ambiguous {
						t.Fatalf("contradiction at a cell that shows no mark: %v", fe)
					}
					return
				}
			}
			t.Fatalf("contradiction at no cell of the file: %v", fe)
		}
		if err != nil {
			return
		}
		q := imp.(*Profile)
		if p.decimal == DecimalDot && (q.decimal == DecimalAuto || q.decimal == DecimalComma && src.Delimiter != ';') {
			t.Fatalf("decimal . became %q in a %q-separated file", q.decimal, src.Delimiter)
		}
		if p.decimal == DecimalDot && src.Delimiter != ';' {
			return // nothing to decide
		}
		b := q.bind(src)
		if src.Failed() {
			return
		}
		col := b.idx["amount"]
		for src.Next() {
			rec := src.Record()
			if b.skip(rec) || col >= len(rec) {
				continue
			}
			if m, ambiguous := cellMark(rec[col]); m != 0 && !ambiguous && m != q.decimal {
				t.Fatalf("line %d: %q shows a decimal %s, but the file was read with a %s", src.Line(), rec[col], markName(m), markName(q.decimal))
			}
		}
	})
}

// set currency from-header reads the credit column's name when the amount
// comes from credit and debit columns (Revolut's legacy statement).
func TestCurrencyFromCreditHeader(t *testing.T) {
	p := mustProfile(t, `header Date,Paid Out (*),Paid In (*)
date-format yyyy-mm-dd
set platform shop
set program sales
set currency from-header
map date Date
map debit Paid Out (*)
map credit Paid In (*)
`)
	got, err := parseWith(t, p, "x.csv", "Date,Paid Out (GBP),Paid In (GBP)\n2026-09-01,2.50,\n2026-09-02,,10.00\n")
	if want := "2026-09-01 earning -2.5 GBP approved   \n2026-09-02 earning 10 GBP approved   \n"; err != nil || got != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	_, err = parseWith(t, p, "x.csv", "Date,Paid Out (pts),Paid In (pts)\n2026-09-01,2.50,\n")
	if err == nil || !strings.Contains(err.Error(), "x.csv:1:3: Paid In (pts): no currency in the column name") {
		t.Errorf("a credit column without a currency: %v", err)
	}
	if _, err := ParseProfile("p.profile", strings.NewReader("header A,B\ndate-format yyyy-mm-dd\nset platform s\nset program p\nset currency from-header\nmap date A\nmap debit B\n")); err == nil ||
		!strings.Contains(err.Error(), "needs map amount (or map credit)") {
		t.Errorf("from-header with a debit column only: %v", err)
	}
}
