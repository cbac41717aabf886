package importers

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// bankProfile exercises the sign rules a bank-like export needs.
const bankProfile = `# a Dutch bank, ING-like
source      test-bank
title       Test bank
header      "Datum","Naam / Omschrijving","Af Bij","Bedrag (EUR)","Code"
delimiter   ;
decimal     ,
date-format yyyymmdd
set platform bank
set program  account
set currency EUR
map date         Datum
map amount       Bedrag (EUR)
map direction    Af Bij
value direction  Af  = debit
value direction  Bij = credit
map counterparty Naam / Omschrijving
map kind         Code
value kind GT = transfer
value kind * = adjustment
`

func mustProfile(t *testing.T, text string) *Profile {
	t.Helper()
	p, err := ParseProfile("test.profile", strings.NewReader(text))
	if err != nil {
		t.Fatalf("ParseProfile: %v", err)
	}
	return p
}

// parseWith runs p over csv text and returns the entries rendered as
// "date kind amount currency status id|desc" lines, or the error text.
func parseWith(t *testing.T, imp Importer, name, text string) (string, error) {
	t.Helper()
	src, err := NewSourceFor(name, strings.NewReader(text), imp)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = Run(imp, src, func(e ledger.Entry, _ bool) error {
		b.WriteString(strings.Join([]string{e.Date.Format(ledger.DateLayout), string(e.Kind), e.Amount.String(), e.Currency, string(e.Status), e.ExternalID, e.Counterparty, e.Description}, " "))
		b.WriteByte('\n')
		return nil
	})
	return b.String(), err
}

func TestProfileErrors(t *testing.T) {
	cases := []struct {
		text string
		want string
	}{
		{"source tiktok\nsource again\n", "test.profile:2: source is already set on line 1"},
		{"frobnicate 1\n", `test.profile:1: unknown directive "frobnicate" (see docs/profiles.md)`},
		{"\n\nmap amont Revenue\n", `test.profile:3: "amont" is not a field`},
		{"set currency EURO\n", `test.profile:1: "EURO" is not an ISO 4217 currency code (or from-header)`},
		{"set program Creator Rewards\n", `test.profile:1: "creator rewards" is not a valid program slug`},
		{"date-format dd/mm\n", `test.profile:1: date pattern "dd/mm" needs a year, a month and a day`},
		{"value status Settled approved\n", "test.profile:1: value needs FIELD FROM = TO"},
		{"value status Settled = done\n", `test.profile:1: "done" is not a valid status`},
		{"skip-row Category\n", "test.profile:1: skip-row needs COLUMN is VALUE"},
		{"multiply abc\n", `test.profile:1: multiply "abc" is not a non-zero decimal`},
		{"template description {Video title\n", "test.profile:1: template description: '{' without '}'"},
		{"template amount {x}\n", "test.profile:1: amount cannot be a template"},
		{"map views Views\nmap views Plays\n", "test.profile:2: views is already defined"},
		{"delimiter :\n", `test.profile:1: delimiter ":" is not one of , ; tab |`},
		{"header Date,Amount\nmap date Date\nset platform x\nset program y\nset currency USD\n", "test.profile: no amount"},
		{"header Date,Amount\nmap date Date\nmap amount Amount\nset platform x\nset program y\nset currency USD\n", "test.profile:2: map date needs a date-format line"},
		{"header Date,Amount\nset date file-name\nmap amount Amount\nset program y\nset currency USD\n", "test.profile: no platform"},
		{"negative-kind refund\n", `test.profile:1: negative-kind "refund" is not a kind`},
		{"map credit In\nmap amount Amount\n", "test.profile:2: map amount, or map credit and debit, not both"},
	}
	for _, c := range cases {
		_, err := ParseProfile("test.profile", strings.NewReader(c.text))
		if err == nil {
			t.Errorf("%q: no error, want %q", c.text, c.want)
			continue
		}
		var list ErrorList
		if !errors.As(err, &list) {
			t.Errorf("%q: error %T is not an ErrorList", c.text, err)
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q:\n got %s\nwant it to contain %s", c.text, err, c.want)
		}
	}
}

func TestProfileSignRules(t *testing.T) {
	p := mustProfile(t, bankProfile)
	if p.Name() != "test-bank" || !p.Detect([]string{"Datum", "Naam / Omschrijving", "Af Bij", "Bedrag (EUR)", "Code", ""}) {
		t.Fatalf("name %q or exact detection (with a trailing empty name) wrong", p.Name())
	}
	if p.Detect([]string{"Datum", "Naam / Omschrijving", "Af Bij", "Bedrag (EUR)"}) {
		t.Error("detected a header with a column missing")
	}
	in := "\"Datum\";\"Naam / Omschrijving\";\"Af Bij\";\"Bedrag (EUR)\";\"Code\"\r\n" +
		"\"20260901\";\"TikTok Pte Ltd\";\"Bij\";\"1.300,00\";\"GT\"\r\n" +
		"\"20260902\";\"Kosten OranjePakket\";\"Af\";\"0,31\";\"DV\"\r\n"
	got, err := parseWith(t, p, "ing.csv", in)
	if err != nil {
		t.Fatal(err)
	}
	want := "2026-09-01 transfer 1300 EUR approved  TikTok Pte Ltd \n" +
		"2026-09-02 adjustment -0.31 EUR approved  Kosten OranjePakket \n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	_, err = parseWith(t, p, "ing.csv", "Datum;Naam / Omschrijving;Af Bij;Bedrag (EUR);Code\n20260901;X;Neutraal;1,00;GT\n")
	if err == nil || err.Error() != `ing.csv:2:3: Af Bij: "Neutraal" is not a known direction (one of: Af, Bij)` {
		t.Errorf("bad direction: %v", err)
	}
}

func TestProfileCreditDebitParenthesesNegate(t *testing.T) {
	p := mustProfile(t, `header Date,Description,Credit,Debit,Fee
date-format d/m/yyyy
decimal .
set platform shop
set program sales
set currency GBP
map date Date
map credit Credit
map debit Debit
map description Description
skip-row Description starts-with Balance
`)
	got, err := parseWith(t, p, "x.csv", "Date,Description,Credit,Debit,Fee\n1/9/2026,Balance brought forward,,,\n2/9/2026,Sale,12.50,,\n3/9/2026,Refund,,(2.50),\n4/9/2026,Adjust,,-1.00,\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "2026-09-02 earning 12.5 GBP approved   Sale\n2026-09-03 earning -2.5 GBP approved   Refund\n2026-09-04 earning -1 GBP approved   Adjust\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	_, err = parseWith(t, p, "x.csv", "Date,Description,Credit,Debit,Fee\n2/9/2026,Nothing,,,\n")
	if err == nil || err.Error() != "x.csv:2:3: Credit: no amount: the credit and debit cells are both empty" {
		t.Errorf("empty credit and debit: %v", err)
	}

	n := mustProfile(t, `header Date,Amount
date-format yyyy-mm-dd
set platform shop
set program sales
set currency USD
map date Date
map amount Amount
negate yes
`)
	got, err = parseWith(t, n, "n.csv", "Date,Amount\n2026-09-01,(3.00)\n2026-09-02,4.00\n")
	if err != nil || got != "2026-09-01 earning 3 USD approved   \n2026-09-02 earning -4 USD approved   \n" {
		t.Errorf("negate: %q %v", got, err)
	}
}

// dayMonthProfile accepts either order: the file must tell which.
const dayMonthProfile = `header Date,Amount
date-format dd/mm/yyyy | mm/dd/yyyy
set platform shop
set program sales
set currency EUR
map date Date
map amount Amount
`

func TestDayMonthInference(t *testing.T) {
	p := mustProfile(t, dayMonthProfile)
	if !p.NeedsDayMonth() {
		t.Fatal("NeedsDayMonth is false for dd/mm/yyyy | mm/dd/yyyy")
	}
	dayFirst := "Date,Amount\n03/04/2026,1.00\n05/05/2026,2.00\n25/04/2026,3.00\n"
	reopen := func(text string) func() (*Source, error) {
		return func() (*Source, error) { return NewSource("f.csv", strings.NewReader(text)) }
	}

	// Parse alone refuses the ambiguous date, positioned, naming --date-format.
	_, err := parseWith(t, p, "f.csv", dayFirst)
	if err == nil || !strings.Contains(err.Error(), `f.csv:2:1: Date: "03/04/2026" could be day-first or month-first (dd/mm/yyyy or mm/dd/yyyy): infer the order from the whole file or use --date-format`) {
		t.Errorf("unresolved parse: %v", err)
	}

	imp, err := Prepare(p, "", reopen(dayFirst))
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseWith(t, imp, "f.csv", dayFirst)
	if err != nil || !strings.HasPrefix(got, "2026-04-03 ") || !strings.Contains(got, "2026-04-25 ") {
		t.Errorf("day-first inferred: %q %v", got, err)
	}

	monthFirst := "Date,Amount\n03/04/2026,1.00\n04/25/2026,3.00\n"
	imp, err = Prepare(p, "", reopen(monthFirst))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := parseWith(t, imp, "f.csv", monthFirst); err != nil || !strings.HasPrefix(got, "2026-03-04 ") {
		t.Errorf("month-first inferred: %q %v", got, err)
	}

	_, err = Prepare(p, "", reopen("Date,Amount\n03/04/2026,1.00\n04/05/2026,3.00\n"))
	if !errors.Is(err, ErrDateOrder) || !strings.Contains(err.Error(), `f.csv: every date in column "Date" fits both dd/mm/yyyy and mm/dd/yyyy (use --date-format)`) {
		t.Errorf("undecidable: %v", err)
	}
	_, err = Prepare(p, "", reopen("Date,Amount\n25/04/2026,1.00\n01/02/2026,1.00\n04/25/2026,3.00\n"))
	if !errors.Is(err, ErrDateOrder) || !strings.Contains(err.Error(), `f.csv:4:1: Date: "04/25/2026" contradicts the day-first dates above it (use --date-format)`) {
		t.Errorf("conflict: %v", err)
	}

	// --date-format wins. The profile's decimal mark is auto, so the file
	// is still read once for it, but its dates are not inferred.
	ambiguousDates := "Date,Amount\n03/04/2026,1.00\n04/05/2026,3.00\n"
	imp, err = Prepare(p, "mm/dd/yyyy", reopen(ambiguousDates))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := parseWith(t, imp, "f.csv", ambiguousDates); err != nil || !strings.HasPrefix(got, "2026-03-04 ") {
		t.Errorf("--date-format: %q %v", got, err)
	}
	// With the decimal mark and the delimiter fixed, nothing is left to
	// infer: no second pass.
	fixed := mustProfile(t, dayMonthProfile+"decimal .\ndelimiter ,\n")
	imp, err = Prepare(fixed, "mm/dd/yyyy", func() (*Source, error) { t.Fatal("reopened"); return nil, nil })
	if err != nil {
		t.Fatal(err)
	}
	if got, err := parseWith(t, imp, "f.csv", "Date,Amount\n03/04/2026,1.00\n"); err != nil || !strings.HasPrefix(got, "2026-03-04 ") {
		t.Errorf("--date-format: %q %v", got, err)
	}
	if _, err := Prepare(p, "dd/mm", nil); err == nil {
		t.Error("bad --date-format accepted")
	}
	if _, err := Prepare(Native{}, "dd/mm/yyyy", nil); err == nil {
		t.Error("native took a date format")
	}
	// Importers that need nothing are returned as they are.
	if imp, err := Prepare(Native{}, "", nil); err != nil || imp.Name() != "native" {
		t.Errorf("Prepare(native) = %v, %v", imp, err)
	}
}

func TestSourcePreambleAndOptions(t *testing.T) {
	in := "Fee-Earnings reports from 2026-09-01 to 2026-09-30\r\nA,B,C\r\n1,2,3\r\n"
	src, err := NewSource("a.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if h := strings.Join(src.Header(), "|"); h != "A|B|C" || src.HeaderLine() != 2 {
		t.Errorf("header %q on line %d", h, src.HeaderLine())
	}
	if p := src.Preamble(); len(p) != 1 || p[0] != "Fee-Earnings reports from 2026-09-01 to 2026-09-30" {
		t.Errorf("preamble %q", p)
	}
	if !src.Next() || src.Line() != 3 {
		t.Errorf("first row on line %d", src.Line())
	}

	// Knab: a title with empty fields, then the header.
	src, err = NewSource("k.csv", strings.NewReader("KNAB EXPORT;;;;\nRekeningnummer;Transactiedatum;Bedrag;\nNL01;01-09-2026;1,00;\n"))
	if err != nil || src.Header()[0] != "Rekeningnummer" || src.Delimiter != ';' {
		t.Errorf("knab: %v %q", err, src.Header())
	}

	// A one-column file keeps its first line as the header.
	src, err = NewSource("one.csv", strings.NewReader("Name\nx\ny\n"))
	if err != nil || src.Header()[0] != "Name" {
		t.Errorf("one column: %v %q", err, src.Header())
	}

	// Fixed skip and delimiter.
	src, err = NewSourceWith("s.csv", strings.NewReader("x|y\nz\nA,B\n1,2\n"), SourceOptions{Skip: 2, ExactSkip: true, Delimiter: ','})
	if err != nil || strings.Join(src.Header(), "|") != "A|B" || src.HeaderLine() != 3 {
		t.Errorf("fixed skip: %v %q", err, src.Header())
	}
	if _, err := NewSourceWith("s.csv", strings.NewReader("x\n"), SourceOptions{Skip: 3, ExactSkip: true}); !errors.Is(err, ErrEmptyFile) {
		t.Errorf("skip past the end: %v", err)
	}
}

func TestDateInName(t *testing.T) {
	cases := map[string]string{
		"Content 2024-09-01_2024-09-30 My Channel.csv":       "2024-09-30",
		"youtube 2024-09.csv":                                "2024-09-30",
		"youtube-2024-02.csv":                                "2024-02-29",
		"/tmp/2026-10/table data.csv":                        "2026-10-31", // the folder it is in
		"/tmp/2026-10/export/table data.csv":                 "",           // only that folder
		"Content 2024-09-01_2024-09-30 A.zip/Table data.csv": "2024-09-30",
		"Table data.csv":                                     "",
		"report 20240930.csv":                                "",
	}
	for in, want := range cases {
		d, ok := dateInName(in)
		got := ""
		if ok {
			got = d.Format(ledger.DateLayout)
		}
		if got != want {
			t.Errorf("dateInName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGlobAndHeaderCurrency(t *testing.T) {
	for _, c := range []struct {
		pattern, name string
		want          bool
	}{
		{"Estimated revenue (*)", "Estimated Revenue (EUR)", true},
		{"Estimated revenue (*)", "Estimated revenue", false},
		{"Ad Fees(*)", " Ad Fees($) ", true},
		{"*views", "Qualified views", true},
		{"a*b*c", "abc", true},
		{"a*b*c", "ac", false},
		{"Views", "views ", true},
	} {
		if got := globMatch(c.pattern, c.name); got != c.want {
			t.Errorf("globMatch(%q, %q) = %v", c.pattern, c.name, got)
		}
	}
	for name, want := range map[string]string{
		"Estimated revenue (USD)": "USD", "Revenue($)": "USD", "Umsatz (€)": "EUR", "Price(Rs.)": "INR",
		"Revenue (gbp)": "GBP", "Revenue": "", "Revenue (XYZ)": "",
	} {
		got, _ := headerCurrency(name)
		if got != want {
			t.Errorf("headerCurrency(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestBuiltinProfiles checks that every embedded profile parses, is named
// after its file, and is registered, and that the registry lists no
// profile that does not exist.
func TestBuiltinProfiles(t *testing.T) {
	files, err := filepath.Glob("profiles/*.profile")
	if err != nil || len(files) == 0 {
		t.Fatalf("no profiles: %v", err)
	}
	registered := map[string]bool{}
	for _, imp := range All() {
		registered[imp.Name()] = true
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParseProfile(f, bytes.NewReader(b))
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if want := strings.TrimSuffix(filepath.Base(f), ".profile"); p.Name() != want {
			t.Errorf("%s: source %q, want %q (the file name)", f, p.Name(), want)
		}
		if !registered[p.Name()] {
			t.Errorf("%s is not in the registry (registry.go)", f)
		}
		if !strings.Contains(string(b), "\n#") && !strings.HasPrefix(string(b), "#") {
			t.Errorf("%s has no comment saying where its layout comes from", f)
		}
	}
}

func TestLoadProfileUserFile(t *testing.T) {
	imp, err := LoadProfile("my-shop.profile", strings.NewReader(dayMonthProfile))
	if err != nil {
		t.Fatal(err)
	}
	if imp.Name() != "my-shop" || imp.Info().Confidence != Assumed {
		t.Errorf("name %q, confidence %q", imp.Name(), imp.Info().Confidence)
	}
	if _, err := LoadProfile("x.profile", strings.NewReader("")); err == nil {
		t.Error("empty profile accepted")
	}
}

func FuzzParseProfile(f *testing.F) {
	files, _ := filepath.Glob("profiles/*.profile")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(bankProfile)
	f.Add(dayMonthProfile)
	f.Add("template description {a}{b} x {")
	f.Add("skip-row a b is\nvalue x = \nset date file-name\n")
	f.Fuzz(func(t *testing.T, text string) {
		p, err := ParseProfile("fuzz.profile", strings.NewReader(text))
		if err != nil {
			return
		}
		// A profile that parses must be usable on any file.
		_ = p.Detect(p.header)
		src, err := NewSourceFor("fuzz 2026-09.csv", strings.NewReader(strings.Join(p.header, ",")+"\n2026-09-01,1.00,x\n"), p)
		if err != nil {
			return
		}
		_ = Run(p, src, func(e ledger.Entry, _ bool) error { return nil })
	})
}

// FuzzProfiles runs every built-in profile over arbitrary input, parsed
// directly and after Prepare's first pass: no input may make the engine
// panic, and every entry it emits must validate.
func FuzzProfiles(f *testing.F) {
	dirs, _ := filepath.Glob("../testdata/*")
	for _, d := range dirs {
		files, _ := filepath.Glob(filepath.Join(d, "*.csv"))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil && len(b) < 8<<10 {
				f.Add(b)
			}
		}
	}
	all, err := builtinProfiles()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range all {
			src, err := NewSourceFor("fuzz 2026-09.csv", bytes.NewReader(data), p)
			if err != nil {
				continue
			}
			_ = Run(p, src, func(e ledger.Entry, _ bool) error {
				if err := e.Validate(); err != nil {
					t.Fatalf("%s emitted an invalid entry: %v", p.Name(), err)
				}
				return nil
			})
			// As import does: the first pass (dates, decimal mark), then
			// the parse with what it found.
			reopen := func() (*Source, error) { return NewSourceFor("fuzz 2026-09.csv", bytes.NewReader(data), p) }
			prepared, err := Prepare(p, "", reopen)
			if err != nil {
				continue
			}
			if src, err := reopen(); err == nil {
				_ = Run(prepared, src, func(e ledger.Entry, _ bool) error {
					if err := e.Validate(); err != nil {
						t.Fatalf("%s (prepared) emitted an invalid entry: %v", p.Name(), err)
					}
					return nil
				})
			}
		}
	})
}

// TestDocsExample keeps the complete example of docs/profiles.md true: the
// profile parses and the sample file gives the entries the text describes.
func TestDocsExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/profiles.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(doc), "```")
	// blocks[1] is the import command, [3] the profile, [5] the file.
	if len(blocks) < 6 || !strings.Contains(blocks[3], "source      my-shop") {
		t.Fatalf("docs/profiles.md: the complete example is not where this test expects it")
	}
	p := mustProfile(t, blocks[3])
	got, err := parseWith(t, p, "orders.csv", strings.TrimPrefix(blocks[5], "\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := "2026-09-02 earning 12 EUR approved 1001 Jo Tote bag pattern\n" +
		"2026-09-02 fee -0.55 EUR approved 1001#fee Jo Fee\n" +
		"2026-09-03 earning 1250 EUR reversed 1002 Sam Skirt block\n" +
		"2026-09-03 fee -12.8 EUR reversed 1002#fee Sam Fee\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}
