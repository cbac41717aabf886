package ledger

import (
	"time"
)

// OpenInvoices is the invoices report with --status open, in short: its
// first lines, how many follow, how many are overdue and what is owed by
// days past due. It is what a page shows (report dashboard), worked out
// without reading every invoice of a ledger that has millions.
type OpenInvoices struct {
	AsOf    time.Time
	Lines   []InvoiceLine  // the report's first lines (without Tier), in its order
	More    int            // the report's lines after them
	Overdue int            // the report's lines in state overdue
	Assumed bool           // a line of the report has an assumed due date
	Aging   []InvoiceAging // the report's Aging
}

// PlainDay is what the plain open invoices of one day and currency add up
// to (micro-units), and how many they are.
type PlainDay struct {
	Day      time.Time
	Currency string
	Sum      int64
	Count    int
}
