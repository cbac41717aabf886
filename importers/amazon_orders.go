package importers

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
)

// AmazonFeeOrders recognises Amazon Associates' Fee-Orders report and
// refuses it. The report lists what visitors ordered through the
// creator's links (Qty, Price, Link Type, Tag), not what Amazon pays:
// it has no commission column, and an order earns nothing until it ships
// and is not returned. The Fee-Earnings report of the same period is the
// one to import (amazon-associates-us, -uk, -de).
//
// Amazon downloads both reports together (tabs of one workbook, or two CSV
// files), so the wrong one is easy to pick. Rather than "unknown format",
// the file is recognised and refused with an error that says which report
// to import instead, and nothing is written.
//
// Layouts (SEEN-CODE in another importer; formats.md 3.1), each with a title
// line "Fee-Orders reports from YYYY-MM-DD to YYYY-MM-DD" above:
//
//	US, CA:  Category,Name,ASIN,Date,Qty,Price($),Link Type,Tag,Indirect Sales,Device Type Group
//	UK:      Category,Name,ASIN,Date,Qty,Price,Link Type,Tag,Orders through product links,Device Type Group
//
// Detection asks for the columns both share (any Price, so India's
// Price(Rs.) too) and for no earnings column, so a future Fee-Orders
// layout with an extra column is still recognised.
type AmazonFeeOrders struct{}

// Name implements Importer.
func (AmazonFeeOrders) Name() string { return "amazon-associates-fee-orders" }

// Info implements Importer.
func (AmazonFeeOrders) Info() Info {
	return Info{
		Title:      "Amazon Associates Fee-Orders report: recognised and refused (it lists orders, not earnings); import the Fee-Earnings report instead",
		Header:     "Category,Name,ASIN,Date,Qty,Price($),Link Type,Tag,Indirect Sales,Device Type Group",
		Confidence: SeenCode,
	}
}

// feeOrdersColumns are the columns every Fee-Orders layout has; Price is
// matched with any currency after it.
var feeOrdersColumns = []string{"Category", "Name", "ASIN", "Date", "Qty", "Price*", "Link Type", "Tag"}

// earningsColumns are columns that make a report one of earnings: a file
// that has one is not Fee-Orders.
var earningsColumns = []string{"Ad Fees*", "Revenue*", "Earnings*", "Commission*", "Date Shipped"}

// Detect implements Importer.
func (AmazonFeeOrders) Detect(header []string) bool {
	h := trimEmptyTail(header)
	for _, c := range feeOrdersColumns {
		if findColumn(h, c) < 0 {
			return false
		}
	}
	for _, c := range earningsColumns {
		if findColumn(h, c) >= 0 {
			return false
		}
	}
	return true
}

// reportPeriod finds "from YYYY-MM-DD to YYYY-MM-DD" in a report title.
var reportPeriod = regexp.MustCompile(`(\d{4}-\d{2}-\d{2})\s+(?:to|bis|-|–)\s+(\d{4}-\d{2}-\d{2})`)

// Parse implements Importer. It reads no row: the whole file is refused
// with a WrongReportError positioned at the header.
func (a AmazonFeeOrders) Parse(src *Source, _ func(ledger.Entry) error) error {
	period := ""
	for _, l := range src.Preamble() {
		if m := reportPeriod.FindStringSubmatch(l); m != nil {
			period = m[1] + " to " + m[2]
			break
		}
	}
	instead := "the Fee-Earnings report of the same period"
	if period != "" {
		instead = "the Fee-Earnings report from " + period
	}
	price := ""
	if i := findColumn(src.Header(), "Price*"); i >= 0 {
		price = src.Header()[i] + ", "
	}
	return &WrongReportError{
		FieldError: FieldError{File: src.Name, Line: src.HeaderLine(), Problem: fmt.Sprintf(
			"Amazon Associates Fee-Orders report: it lists orders (Qty, %sLink Type), not earnings, and has no commission column (Ad Fees); import %s instead",
			price, instead)},
		Instead: "Amazon Associates' " + strings.TrimPrefix(instead, "the "),
	}
}
