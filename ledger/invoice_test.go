package ledger

import (
	"testing"

	"github.com/shopspring/decimal"
)

// Days past due count calendar days across month ends (and February's
// length); the buckets change after 30, 60 and 90 days.
func TestInvoiceAgingAcrossMonthEnds(t *testing.T) {
	for _, c := range []struct {
		due, asOf string
		days      int
		bucket    string
	}{
		{"2026-01-31", "2026-03-02", 30, "0-30"},  // 28 days to 02-28, then 2
		{"2026-01-31", "2026-03-03", 31, "31-60"}, // the day after
		{"2026-02-28", "2026-05-29", 90, "61-90"}, // 31 to 03-31, 30 to 04-30, 29
		{"2026-02-28", "2026-05-30", 91, "90+"},
		{"2028-02-28", "2028-03-01", 2, "0-30"}, // a leap year's 29 February
		{"2026-10-24", "2026-10-26", 2, "0-30"}, // across the end of summer time: calendar days
	} {
		recs := []InvoiceRecord{{Invoice: Invoice{EntryID: 1, Number: "I", Issued: date(c.due), Due: date(c.due),
			Amount: decimal.NewFromInt(100), Currency: "EUR"}, Status: StatusApproved, HasFacts: true}}
		lines, _ := InvoiceLines(recs, nil, date(c.asOf))
		l := lines[0]
		if l.State != InvoiceStateOverdue || l.DaysPastDue != c.days || l.Aging != c.bucket {
			t.Errorf("due %s on %s: %s %d days %q, want overdue %d days %q", c.due, c.asOf, l.State, l.DaysPastDue,
				l.Aging, c.days, c.bucket)
		}
	}
}
