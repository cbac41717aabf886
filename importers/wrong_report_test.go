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

// TestWrongReports checks that every fixture of a refused report is
// recognised (not "unknown format"), refused with a positioned
// WrongReportError that names the report to import instead, and gives no
// entry.
func TestWrongReports(t *testing.T) {
	for _, c := range []struct {
		source  string
		minimum int      // fixtures
		says    []string // in the error
		instead string   // in Instead
	}{
		{"amazon-associates-fee-orders", 3, []string{"Fee-Orders", "not earnings", "import the Fee-Earnings report"}, "Fee-Earnings report"},
		{"stripe-dashboard-export", 2, []string{"Stripe Dashboard export", "not every change to the Stripe balance", "Balance change from activity"}, "Balance change from activity"},
		{"youtube-studio-no-revenue", 2, []string{"without an Estimated revenue column", "nothing to import", "add the Estimated revenue metric"}, "with the Estimated revenue metric"},
	} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", c.source, "*.csv"))
		if len(files) < c.minimum {
			t.Fatalf("%s: want %d fixtures, found %v", c.source, c.minimum, files)
		}
		for _, f := range files {
			t.Run(c.source+"/"+filepath.Base(f), func(t *testing.T) {
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
				if imp.Name() != c.source {
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
				for _, want := range c.says {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q does not say %q", err, want)
					}
				}
				if !strings.Contains(wrong.Instead, c.instead) {
					t.Errorf("Instead = %q, want it to name %q", wrong.Instead, c.instead)
				}
				if c.source == "amazon-associates-fee-orders" && len(src.Preamble()) > 0 && !strings.Contains(wrong.Instead, "from 2026-09-01 to 2026-09-30") {
					t.Errorf("Instead = %q, want the period of the title line %q", wrong.Instead, src.Preamble()[0])
				}
			})
		}
	}
}

func TestWrongReportsDetect(t *testing.T) {
	split := func(s string) []string { return strings.Split(s, ",") }
	orders := split("Category,Name,ASIN,Date,Qty,Price($),Link Type,Tag,Indirect Sales,Device Type Group")
	earningsUS := split("Category,Name,ASIN,Seller,Tracking ID,Date Shipped,Price($),Items Shipped,Returns,Revenue($),Ad Fees($),Device Type Group")
	earningsUK := split("Category,Name,ASIN,Seller,Tracking ID,Date Shipped,Price,Items Shipped,Returns,Revenue,Ad Fees,Device Type Group,Direct")
	youtube := split("Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Thumbnail impressions,Thumbnail click-through rate (%)")
	youtubeRevenue := split("Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Estimated revenue (EUR),Impressions")
	with := func(h []string, more ...string) []string { return append(append([]string(nil), h...), more...) }
	for _, c := range []struct {
		imp    Importer
		header []string
		want   bool
	}{
		{AmazonFeeOrders(), orders, true},
		{AmazonFeeOrders(), with(orders, "", ""), true},                                                  // trailing delimiters
		{AmazonFeeOrders(), with(orders[:8], "Orders through product links", "Device Type Group"), true}, // UK
		{AmazonFeeOrders(), with(orders, "Ad Fees($)"), false},
		{AmazonFeeOrders(), orders[:7], false}, // no Tag
		{AmazonFeeOrders(), earningsUS, false},
		{AmazonFeeOrders(), earningsUK, false},
		{AmazonFeeOrders(), NativeHeader, false},
		{YouTubeWithoutRevenue(), youtube, true},
		{YouTubeWithoutRevenue(), with(youtube, ""), true},
		{YouTubeWithoutRevenue(), youtubeRevenue, false},
		{YouTubeWithoutRevenue(), youtube[1:], false}, // no Content
		{YouTubeWithoutRevenue(), orders, false},
		{StripeDashboardExport(), split("id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Fee,Status"), true},
		{StripeDashboardExport(), split("id,Amount,Arrival Date (UTC),Created (UTC),Currency,Description,Status,Type"), true},
		{StripeDashboardExport(), split("balance_transaction_id,id,Created (UTC),Amount,Currency,fee,net,reporting_category"), false},
		{StripeDashboardExport(), NativeHeader, false},
	} {
		if got := c.imp.Detect(c.header); got != c.want {
			t.Errorf("%s: Detect(%q) = %v, want %v", c.imp.Name(), strings.Join(c.header, ","), got, c.want)
		}
	}
}

func FuzzWrongReports(f *testing.F) {
	f.Add([]byte("Fee-Orders reports from 2026-09-01 to 2026-09-30\nCategory,Name,ASIN,Date,Qty,Price($),Link Type,Tag,Indirect Sales,Device Type Group\nx,y,B0,2026-09-01,1,2.00,Text Only,t-20,N,PHONE\n"))
	f.Add([]byte("\"2026-01-01 to 2026-13-99\"\n\"Category\";Name;ASIN;Date;Qty;Price;Link Type;Tag\n"))
	f.Add([]byte("Content,Video title,Video publish time,Views\nTotal,,,5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, imp := range []Importer{AmazonFeeOrders(), YouTubeWithoutRevenue(), StripeDashboardExport()} {
			src, err := NewSource("fuzz.csv", bytes.NewReader(data))
			if err != nil {
				return
			}
			err = Run(imp, src, func(ledger.Entry, bool) error {
				t.Fatalf("an entry from %s", imp.Name())
				return nil
			})
			if !errors.Is(err, ErrWrongReport) {
				t.Fatalf("%s: error %v is not ErrWrongReport", imp.Name(), err)
			}
		}
	})
}

// TestAmazonCanadaProfile checks the documented way to import an amazon.ca
// report, which has the US header, "($)" included, but is in Canadian
// dollars: a copy of the US profile with set currency CAD.
func TestAmazonCanadaProfile(t *testing.T) {
	us, err := profileFS.ReadFile("profiles/amazon-associates-us.profile")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(us), "set currency     from-header", "set currency     CAD", 1)
	text = strings.Replace(text, "source      amazon-associates-us", "source      amazon-associates-ca", 1)
	if text == string(us) {
		t.Fatal("the US profile no longer has the lines docs/profiles.md tells Canadians to change")
	}
	imp, err := LoadProfile("amazon-ca.profile", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "testdata", "amazon-associates-us", "fee-earnings-2026-09.csv"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := NewSourceFor("fee-earnings-ca.csv", bytes.NewReader(data), imp)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := Run(imp, src, func(e ledger.Entry, _ bool) error {
		n++
		if e.Currency != "CAD" || e.Platform != "amazon-associates" {
			t.Errorf("line %d: %s %s", e.Line, e.Platform, e.Currency)
		}
		return nil
	}); err != nil || n != 4 {
		t.Fatalf("%d entries, %v", n, err)
	}
}
