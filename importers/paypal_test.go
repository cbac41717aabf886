package importers

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

func parsePayPal(t *testing.T, imp Importer, text string) ([]ledger.Entry, error) {
	t.Helper()
	src, err := NewSource("paypal.csv", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	var out []ledger.Entry
	err = Run(imp, src, func(e ledger.Entry, _ bool) error {
		out = append(out, e)
		return nil
	})
	return out, err
}

func TestPayPalAmount(t *testing.T) {
	cases := []struct {
		in       string
		fileMark DecimalMark
		want     string
		mark     DecimalMark // the mark the cell shows
	}{
		{"1,653.75", DecimalAuto, "1653.75", DecimalDot},
		{"4.626,81", DecimalAuto, "4626.81", DecimalComma},
		{"-1,058.09", DecimalAuto, "-1058.09", DecimalDot},
		{"-4.500,00", DecimalAuto, "-4500", DecimalComma},
		{"84", DecimalAuto, "84", DecimalAuto},
		{"-4.25", DecimalAuto, "-4.25", DecimalDot},
		{"49,37", DecimalAuto, "49.37", DecimalComma},
		{"0,00", DecimalComma, "0", DecimalComma},
		{"1,234", DecimalAuto, "1234", DecimalDot},   // thousands: no PayPal currency has 3 decimals
		{"1.234", DecimalAuto, "1234", DecimalComma}, // same in a comma file
		{"1,234", DecimalComma, "1.234", DecimalAuto},
		{"1.234", DecimalDot, "1.234", DecimalAuto},
		{"1.234.567", DecimalAuto, "1234567", DecimalComma},
		{"1,2O", DecimalAuto, "", 0},
		{"", DecimalAuto, "", 0},
	}
	for _, c := range cases {
		got, mark, err := paypalAmount(c.in, c.fileMark)
		if c.want == "" {
			if err == nil {
				t.Errorf("paypalAmount(%q) = %s, want an error", c.in, got)
			}
			continue
		}
		if err != nil || !got.Equal(decimal.RequireFromString(c.want)) || mark != c.mark {
			t.Errorf("paypalAmount(%q, %q) = %s, %q, %v; want %s, %q", c.in, c.fileMark, got, mark, err, c.want, c.mark)
		}
	}
}

const ppHeader = "Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net,From Email Address,To Email Address,Transaction ID,Reference Txn ID,Balance\n"

// A sale in USD converted to EUR and withdrawn: the conversion legs are
// transfers in their own currencies, every currency's entries sum to the
// rows' Net, and only the sale counts as income.
func TestPayPalConversionPair(t *testing.T) {
	text := ppHeader +
		"14/09/2026,09:01,CEST,Brand,General Payment,Completed,USD,\"1,653.75\",-73.07,\"1,580.68\",b@x,me@x,SALE1,,\"1,580.68\"\n" +
		"14/09/2026,09:30,CEST,,General Currency Conversion,Completed,USD,\"-1,580.68\",0.00,\"-1,580.68\",me@x,,CONV1,WD1,0.00\n" +
		"14/09/2026,09:30,CEST,,General Currency Conversion,Completed,EUR,\"1,443.12\",0.00,\"1,443.12\",,me@x,CONV2,WD1,\"1,443.12\"\n" +
		"14/09/2026,09:30,CEST,,General Withdrawal,Completed,EUR,\"-1,443.12\",0.00,\"-1,443.12\",me@x,,WD1,,0.00\n"
	entries, err := parsePayPal(t, PayPal{}, text)
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]decimal.Decimal{}
	income := map[string]decimal.Decimal{}
	kinds := map[string]ledger.Kind{}
	for _, e := range entries {
		sums[e.Currency] = sums[e.Currency].Add(e.Amount)
		if e.Kind.IsIncome() {
			income[e.Currency] = income[e.Currency].Add(e.Amount)
		}
		if e.Kind != ledger.KindFee {
			kinds[e.ExternalID] = e.Kind
		}
	}
	// The balances end where PayPal's Balance column does.
	if !sums["USD"].IsZero() || !sums["EUR"].IsZero() {
		t.Errorf("balances: USD %s, EUR %s, want 0 and 0", sums["USD"], sums["EUR"])
	}
	if !income["USD"].Equal(decimal.RequireFromString("1653.75")) || !income["EUR"].IsZero() {
		t.Errorf("income: USD %s, EUR %s, want 1653.75 and 0", income["USD"], income["EUR"])
	}
	want := map[string]ledger.Kind{"SALE1": ledger.KindEarning, "CONV1": ledger.KindTransfer, "CONV2": ledger.KindTransfer, "WD1": ledger.KindPayout}
	for id, k := range want {
		if kinds[id] != k {
			t.Errorf("%s: kind %q, want %q", id, kinds[id], k)
		}
	}
	if len(entries) != 5 {
		t.Errorf("got %d entries, want 5 (sale, its fee, two legs, withdrawal)", len(entries))
	}
}

// Rows whose dates read both ways are held until a date settles the order,
// then come out in file order with the right dates.
func TestPayPalHeldRows(t *testing.T) {
	row := func(date, id, balance string) string {
		return date + ",10:00,PDT,Buyer,Website Payment,Completed,USD,10.00,-0.59,9.41,b@x,me@x," + id + ",," + balance + "\n"
	}
	text := ppHeader + row("10/01/2026", "A", "9.41") + row("10/02/2026", "B", "18.82") + row("10/22/2026", "C", "28.23") + row("11/03/2026", "D", "37.64")
	entries, err := parsePayPal(t, PayPal{}, text)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if e.Kind == ledger.KindEarning {
			got = append(got, e.ExternalID+" "+e.Date.Format(ledger.DateLayout))
		}
	}
	want := "A 2026-10-01,B 2026-10-02,C 2026-10-22,D 2026-11-03"
	if strings.Join(got, ",") != want {
		t.Errorf("got %v, want %s", got, want)
	}

	// Without a settling date the file is refused, unless an explicit
	// format is given.
	ambiguous := ppHeader + row("10/01/2026", "A", "9.41") + row("10/02/2026", "B", "18.82")
	if _, err := parsePayPal(t, PayPal{}, ambiguous); err == nil || !strings.Contains(err.Error(), "paypal.csv:2:1: Date: \"10/01/2026\": cannot tell") {
		t.Errorf("ambiguous dates: err = %v", err)
	}
	imp, err := PayPal{}.WithDateFormat("mm/dd/yyyy")
	if err != nil {
		t.Fatal(err)
	}
	entries, err = parsePayPal(t, imp, ambiguous)
	if err != nil || len(entries) != 4 || entries[2].Date.Format(ledger.DateLayout) != "2026-10-02" {
		t.Errorf("with --date-format: %v, %v", entries, err)
	}
	// Dates that read the same both ways need no format.
	if _, err := parsePayPal(t, PayPal{}, ppHeader+row("05/05/2026", "A", "9.41")); err != nil {
		t.Errorf("05/05/2026: %v", err)
	}
}

// InferDayMonth settles the order from a first pass, so Parse holds nothing.
func TestPayPalInferDayMonth(t *testing.T) {
	text := ppHeader + "03/04/2026,10:00,PDT,B,Website Payment,Completed,USD,1.00,0.00,1.00,b@x,me@x,A,,1.00\n" +
		"03/14/2026,10:00,PDT,B,Website Payment,Completed,USD,1.00,0.00,1.00,b@x,me@x,B,,2.00\n"
	if !(PayPal{}).NeedsDayMonth() {
		t.Fatal("PayPal should want the order inferred")
	}
	src, err := NewSource("paypal.csv", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	imp, err := PayPal{}.InferDayMonth(src)
	if err != nil {
		t.Fatal(err)
	}
	if imp.(PayPal).order != OrderMonthFirst {
		t.Errorf("order = %v, want month first", imp.(PayPal).order)
	}
	entries, err := parsePayPal(t, imp, text)
	if err != nil || entries[0].Date.Format(ledger.DateLayout) != "2026-03-04" {
		t.Errorf("%v, %v", entries, err)
	}
}

// The fee is the difference between Net and Gross, whatever its sign in
// the export, so earnings and fees always add up to Net.
func TestPayPalFeeSign(t *testing.T) {
	text := ppHeader + "22/10/2026,05:07,PDT,Noble,Subscription Payment,Completed,USD,10.00,0.59,9.41,n@x,me@x,X1,,9.41\n"
	entries, err := parsePayPal(t, PayPal{}, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || !entries[1].Amount.Equal(decimal.RequireFromString("-0.59")) {
		t.Errorf("entries %v, want an earning of 10.00 and a fee of -0.59", entries)
	}
}

func TestPayPalDetect(t *testing.T) {
	stripe := strings.Split(`balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,reporting_category,description`, ",")
	if (PayPal{}).Detect(stripe) || PayPalNL().Detect(stripe) {
		t.Error("a Stripe header is not PayPal's")
	}
	en := strings.Split(strings.TrimSpace(ppHeader), ",")
	if !(PayPal{}).Detect(en) || PayPalNL().Detect(en) {
		t.Error("the English header is paypal's, not paypal-nl's")
	}
	nl := paypalNLActivityHeader
	if (PayPal{}).Detect(nl) || !PayPalNL().Detect(nl) {
		t.Error("the Dutch header is paypal-nl's, not paypal's")
	}
}

func FuzzPayPal(f *testing.F) {
	f.Add([]byte(ppHeader + "14/09/2026,09:01,CEST,B,General Payment,Completed,USD,\"1,653.75\",-73.07,\"1,580.68\",b@x,me@x,S,,1\n"))
	f.Add([]byte(ppHeader + "03/04/2026,,,,General Currency Conversion,Pending,EUR,\"4.626,81\",0,,,,C,W,\n03/04/2026,,,,x,Denied,EUR,1,,,,,D,,\n"))
	f.Add([]byte("Fecha,Hora,Zona horaria,Descripción,Divisa,Bruto,Comisión,Neto,Saldo,Id. de transacción,,,\n2/1/2026,1,2,Pago,EUR,\"49,37\",\"-1,78\",\"47,59\",1,T,,\n"))
	f.Add([]byte(strings.Join(paypalNLActivityHeader, ",") + "\n01-10-2026,1,2,N,Algemene opname,Voltooid,EUR,\"-1,00\",0,\"-1,00\",,,T\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, imp := range []Importer{PayPal{}, PayPalNL()} {
			src, err := NewSource("fuzz.csv", bytes.NewReader(data))
			if err != nil {
				return
			}
			_ = Run(imp, src, func(e ledger.Entry, _ bool) error {
				if err := e.Validate(); err != nil {
					t.Fatalf("emitted an invalid entry: %v", err)
				}
				return nil
			})
		}
	})
}

// TestPayPalShortRows: a row that lacks only trailing columns the reader can
// do without reads them as empty (a real download leaves its empty last
// column out), unless the file ends in that row; a row that lacks a column
// every row needs is refused at its line.
func TestPayPalShortRows(t *testing.T) {
	const head = "Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net,From Email Address,To Email Address,Transaction ID,Balance,Note\n"
	row := "09/20/2026,09:14:03,PDT,Jane Buyer,Website Payment,Completed,USD,24.00,-1.15,22.85,jane@example.org,maker@example.com,3KX12345AB678901C"
	cases := []struct{ name, text, err string }{
		{"two columns short", head + row + "\n", ""},
		{"one column short, CRLF", head + row + ",22.85\r\n", ""},
		{"whole", head + row + ",22.85,\n", ""},
		{"cut short at the end of the file", head + row + ",22.8", "the file is cut short"},
		{"without the transaction id", head + "09/20/2026,09:14:03,PDT,Jane Buyer,Website Payment,Completed,USD,24.00,-1.15,22.85\n", "it ends before Transaction ID"},
	}
	for _, c := range cases {
		es, err := parsePayPal(t, PayPal{}, c.text)
		if c.err == "" {
			if err != nil || len(es) != 2 || es[0].Amount.String() != "24" || es[0].ExternalID != "3KX12345AB678901C" {
				t.Errorf("%s: %v, %+v; want the sale and its fee", c.name, err, es)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), ":2: has ") || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: %v; want an error at line 2 saying %q", c.name, err, c.err)
		}
	}
}
