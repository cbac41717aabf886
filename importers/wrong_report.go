package importers

import (
	"fmt"
	"regexp"

	"github.com/creatorledger/creatorledger/ledger"
)

// wrongReport recognises an export that a source offers beside the one to
// import, but that holds nothing for the ledger, and refuses it. Rather
// than "unknown format", the file is recognised and refused with a
// WrongReportError at its header line that says which report to import
// instead; nothing is written.
type wrongReport struct {
	name, title, header string
	confidence          Confidence
	has                 []string // columns the header must have ('*' as in profiles)
	without             []string // columns it must not have
	// refuse says what is wrong with the file and what to import instead
	// (a noun phrase for the hint).
	refuse func(src *Source) (problem, instead string)
}

// Name implements Importer.
func (w *wrongReport) Name() string { return w.name }

// Info implements Importer.
func (w *wrongReport) Info() Info {
	return Info{Title: w.title, Header: w.header, Confidence: w.confidence}
}

// Detect implements Importer.
func (w *wrongReport) Detect(header []string) bool {
	h := trimEmptyTail(header)
	for _, c := range w.has {
		if findColumn(h, c) < 0 {
			return false
		}
	}
	for _, c := range w.without {
		if findColumn(h, c) >= 0 {
			return false
		}
	}
	return true
}

// Parse implements Importer. It reads no row: the whole file is refused.
func (w *wrongReport) Parse(src *Source, _ func(ledger.Entry) error) error {
	problem, instead := w.refuse(src)
	return &WrongReportError{FieldError: FieldError{File: src.Name, Line: src.HeaderLine(), Problem: problem}, Instead: instead}
}

// AmazonFeeOrders recognises Amazon Associates' Fee-Orders report and
// refuses it. The report lists what visitors ordered through the
// creator's links (Qty, Price, Link Type, Tag), not what Amazon pays: it
// has no commission column, and an order earns nothing until it ships and
// is not returned. The Fee-Earnings report of the same period is the one
// to import (amazon-associates-us, -uk, -de). Amazon offers both together
// (tabs of one workbook, or two CSV files), so the wrong one is easy to
// pick.
//
// Layouts (SEEN-CODE in another importer; formats.md 3.1), each with a title
// line "Fee-Orders reports from YYYY-MM-DD to YYYY-MM-DD" above:
//
//	US, CA:  Category,Name,ASIN,Date,Qty,Price($),Link Type,Tag,Indirect Sales,Device Type Group
//	UK:      Category,Name,ASIN,Date,Qty,Price,Link Type,Tag,Orders through product links,Device Type Group
//
// Detection asks for the columns both share (any Price, so India's
// Price(Rs.) too) and for no earnings column, so a Fee-Orders layout with
// an extra column is still recognised.
func AmazonFeeOrders() Importer {
	return &wrongReport{
		name:       "amazon-associates-fee-orders",
		title:      "Amazon Associates Fee-Orders report: recognised and refused (it lists orders, not earnings); import the Fee-Earnings report instead",
		header:     "Category,Name,ASIN,Date,Qty,Price($),Link Type,Tag,Indirect Sales,Device Type Group",
		confidence: SeenCode,
		has:        []string{"Category", "Name", "ASIN", "Date", "Qty", "Price*", "Link Type", "Tag"},
		without:    []string{"Ad Fees*", "Revenue*", "Earnings*", "Commission*", "Date Shipped"},
		refuse: func(src *Source) (string, string) {
			instead := "the Fee-Earnings report of the same period"
			for _, l := range src.Preamble() {
				if m := reportPeriod.FindStringSubmatch(l); m != nil {
					instead = "the Fee-Earnings report from " + m[1] + " to " + m[2]
					break
				}
			}
			price := ""
			if i := findColumn(src.Header(), "Price*"); i >= 0 {
				price = src.Header()[i] + ", "
			}
			return fmt.Sprintf("Amazon Associates Fee-Orders report: it lists orders (Qty, %sLink Type), not earnings, and has no commission column (Ad Fees); import %s instead",
				price, instead), "Amazon Associates' " + instead[len("the "):]
		},
	}
}

// reportPeriod finds "YYYY-MM-DD to YYYY-MM-DD" in a report title.
var reportPeriod = regexp.MustCompile(`(\d{4}-\d{2}-\d{2})\s+(?:to|bis|-|–)\s+(\d{4}-\d{2}-\d{2})`)

// YouTubeWithoutRevenue recognises a YouTube Studio "Table data.csv"
// exported without the Estimated revenue metric and refuses it. Studio's
// default Content export has views, watch time, subscribers and
// impressions but no money (formats.md 4.1: the minimal layout seen in
// three repositories), so it has nothing for the ledger; youtube-studio
// reads the same export once the metric is added.
func YouTubeWithoutRevenue() Importer {
	return &wrongReport{
		name:       "youtube-studio-no-revenue",
		title:      "YouTube Studio content export without Estimated revenue: recognised and refused; export it again with the Estimated revenue metric",
		header:     "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions,Impressions click-through rate (%)",
		confidence: SeenFile,
		has:        []string{"Content", "Video title", "Video publish time"},
		without:    []string{"*revenue*"},
		refuse: func(*Source) (string, string) {
			return "YouTube Studio export without an Estimated revenue column: it has views but no earnings, so there is nothing to import; " +
					"in Studio (Analytics > Advanced mode) add the Estimated revenue metric, which monetised channels have, and export the same period again",
				"the YouTube Studio export of the same period with the Estimated revenue metric"
		},
	}
}

// StripeDashboardExport recognises the CSV exports of Stripe's Dashboard
// lists (Payments, unified_payments.csv; Payouts) and refuses them. They
// list charges or payouts, not every change to the Stripe balance (fees,
// refunds, disputes, adjustments), and their layout is not verified
// (formats.md 2.1: Title-Case headers such as id, Created (UTC), Amount,
// Currency, Fee, Net, Arrival Date (UTC)). The itemized "Balance change
// from activity" report, which stripe reads, has all of those.
func StripeDashboardExport() Importer {
	return &wrongReport{
		name:       "stripe-dashboard-export",
		title:      "Stripe Dashboard Payments or Payouts export: recognised and refused; import the itemized Balance change from activity report instead",
		header:     "id,Created (UTC),Amount,Currency,Fee,Net",
		confidence: Assumed,
		has:        []string{"id", "Created (UTC)", "Amount", "Currency"},
		without:    []string{"balance_transaction_id"},
		refuse: func(*Source) (string, string) {
			return "Stripe Dashboard export (Payments or Payouts list): it lists charges or payouts, not every change to the Stripe balance (fees, refunds, disputes, adjustments); " +
					"import Stripe's itemized Balance change from activity report of the same period instead (Reports > Balance > Balance change from activity > Download, itemized)",
				"Stripe's itemized Balance change from activity report of the same period"
		},
	}
}
