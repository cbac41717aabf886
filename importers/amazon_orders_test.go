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

// TestAmazonFeeOrders checks that every Fee-Orders fixture is recognised
// (not "unknown format"), refused with a positioned WrongReportError that
// names the Fee-Earnings report of the same period, and gives no entry.
func TestAmazonFeeOrders(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "amazon-associates-fee-orders", "*.csv"))
	if len(files) < 3 {
		t.Fatalf("want the US, UK and India fixtures, found %v", files)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src, err := NewSource(filepath.Base(f), bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			imp, err := Detect(src.Header())
			if err != nil {
				t.Fatalf("detect: %v", err)
			}
			if imp.Name() != "amazon-associates-fee-orders" {
				t.Fatalf("detected as %s", imp.Name())
			}
			emitted := 0
			err = Run(imp, src, func(ledger.Entry, bool) error { emitted++; return nil })
			if emitted != 0 {
				t.Errorf("%d entries handed on", emitted)
			}
			if !errors.Is(err, ErrWrongReport) {
				t.Fatalf("error %v is not ErrWrongReport", err)
			}
			var wrong *WrongReportError
			if !errors.As(err, &wrong) {
				t.Fatalf("error %T is not a *WrongReportError", err)
			}
			if wrong.Line != src.HeaderLine() || wrong.File != filepath.Base(f) {
				t.Errorf("positioned at %s:%d, want the header line %d", wrong.File, wrong.Line, src.HeaderLine())
			}
			for _, want := range []string{"Fee-Orders", "not earnings", "Fee-Earnings"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			if !strings.Contains(wrong.Instead, "Fee-Earnings report") {
				t.Errorf("Instead = %q", wrong.Instead)
			}
			if len(src.Preamble()) > 0 && !strings.Contains(wrong.Instead, "from 2026-09-01 to 2026-09-30") {
				t.Errorf("Instead = %q, want the period of the title line %q", wrong.Instead, src.Preamble()[0])
			}
		})
	}
}

func TestAmazonFeeOrdersDetect(t *testing.T) {
	orders := strings.Split("Category,Name,ASIN,Date,Qty,Price($),Link Type,Tag,Indirect Sales,Device Type Group", ",")
	earningsUS := strings.Split("Category,Name,ASIN,Seller,Tracking ID,Date Shipped,Price($),Items Shipped,Returns,Revenue($),Ad Fees($),Device Type Group", ",")
	earningsUK := strings.Split("Category,Name,ASIN,Seller,Tracking ID,Date Shipped,Price,Items Shipped,Returns,Revenue,Ad Fees,Device Type Group,Direct", ",")
	for _, c := range []struct {
		header []string
		want   bool
	}{
		{orders, true},
		{append(append([]string(nil), orders...), "", ""), true},                                                  // trailing delimiters
		{append(append([]string(nil), orders[:8]...), "Orders through product links", "Device Type Group"), true}, // UK
		{append(append([]string(nil), orders...), "Ad Fees($)"), false},                                           // has earnings
		{orders[:7], false}, // no Tag
		{earningsUS, false},
		{earningsUK, false},
		{NativeHeader, false},
	} {
		if got := (AmazonFeeOrders{}).Detect(c.header); got != c.want {
			t.Errorf("Detect(%q) = %v, want %v", strings.Join(c.header, ","), got, c.want)
		}
	}
}

func FuzzAmazonFeeOrders(f *testing.F) {
	f.Add([]byte("Fee-Orders reports from 2026-09-01 to 2026-09-30\nCategory,Name,ASIN,Date,Qty,Price($),Link Type,Tag,Indirect Sales,Device Type Group\nx,y,B0,2026-09-01,1,2.00,Text Only,t-20,N,PHONE\n"))
	f.Add([]byte("\"2026-01-01 to 2026-13-99\"\n\"Category\";Name;ASIN;Date;Qty;Price;Link Type;Tag\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := NewSource("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			return
		}
		err = Run(AmazonFeeOrders{}, src, func(ledger.Entry, bool) error {
			t.Fatal("an entry from a Fee-Orders report")
			return nil
		})
		if !errors.Is(err, ErrWrongReport) {
			t.Fatalf("error %v is not ErrWrongReport", err)
		}
	})
}
