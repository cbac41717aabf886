package ledger

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

// incomeLines runs the income report and writes each row as
// "period platform program currency amount".
func incomeLines(t *testing.T, db *DB, q IncomeQuery) string {
	t.Helper()
	rs, err := db.Income(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	s := ""
	for _, r := range rs {
		s += fmt.Sprintf("%s %s %s %s %s\n", r.Period, r.Platform, r.Program, r.Currency, r.Amount)
	}
	return s
}

// A reversal counts as the negative amount it is whatever its status; an
// earning or adjustment whose status is reversed does not count.
func TestIncomeCountsEveryReversal(t *testing.T) {
	db := newTestDB(t)
	clawback := earning("2026-09-14", "", "-3.50", StatusReversed) // TikTok's "Clawback" row
	clawback.Kind = KindReversal
	approvedRev := earning("2026-09-15", "R2", "-1.25", StatusApproved)
	approvedRev.Kind = KindReversal
	reversedAdj := earning("2026-09-16", "ADJ", "7.00", StatusReversed)
	reversedAdj.Kind = KindAdjustment
	importEntries(t, db, "a",
		earning("2026-09-01", "v1", "20.00", StatusApproved),
		earning("2026-09-02", "C9", "99.00", StatusReversed), // a commission the network reversed
		clawback, approvedRev, reversedAdj,
	)
	// 20.00 - 3.50 - 1.25 = 15.25; the reversed earning and adjustment do not count.
	if got, want := incomeLines(t, db, IncomeQuery{By: ByMonth}), "2026-09 tiktok creator-rewards USD 15.25\n"; got != want {
		t.Errorf("income:\n%s\nwant\n%s", got, want)
	}
}

// statusEntries is a month of TikTok earnings in every state, and the
// next one. Worked out by hand:
//
//	2026-09 creator-rewards USD  estimated 10.00 + 2.50          = 12.50
//	                             approved  20.00 - 1.00 (reversal) = 19.00
//	                             reversed  -3.50 (clawback)        = -3.50
//	                             (the reversed earning of 99.00 does not count)
//	                             total                              28.00
//	2026-09 creator-rewards EUR  pending 3.00
//	2026-10 creator-rewards USD  pending 7.00, paid 4.00          = 11.00
//	2026-10 live-gifts      USD  paid 5.00
//	2026-11 creator-rewards USD  approved 2.00 - 2.00 (adjustment) = 0.00
func statusEntries() []Entry {
	with := func(e Entry, f func(*Entry)) Entry { f(&e); return e }
	return []Entry{
		earning("2026-09-01", "v1", "10.00", StatusEstimated),
		earning("2026-09-02", "v2", "2.50", StatusEstimated),
		earning("2026-09-03", "v3", "20.00", StatusApproved),
		with(earning("2026-09-04", "", "-3.50", StatusReversed), func(e *Entry) { e.Kind = KindReversal }),
		with(earning("2026-09-05", "R1", "-1.00", StatusApproved), func(e *Entry) { e.Kind = KindReversal }),
		earning("2026-09-06", "C9", "99.00", StatusReversed),
		with(earning("2026-09-10", "e1", "3.00", StatusPending), func(e *Entry) { e.Currency = "EUR" }),
		earning("2026-10-01", "v4", "7.00", StatusPending),
		earning("2026-10-02", "v5", "4.00", StatusPaid),
		with(earning("2026-10-03", "g1", "5.00", StatusPaid), func(e *Entry) { e.Program = "live-gifts" }),
		earning("2026-11-01", "v6", "2.00", StatusApproved),
		with(earning("2026-11-02", "A1", "-2.00", StatusApproved), func(e *Entry) { e.Kind = KindAdjustment }),
		with(earning("2026-11-03", "F1", "-0.50", StatusPaid), func(e *Entry) { e.Kind = KindFee }), // no income
	}
}

// incomeByStatus is incomeLines with each row's amount per status, in the
// order of Statuses, after the total.
func incomeByStatus(t *testing.T, db *DB, q IncomeQuery) string {
	t.Helper()
	rs, err := db.Income(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	s := ""
	for _, r := range rs {
		s += fmt.Sprintf("%s %s %s %s %s", r.Period, r.Platform, r.Program, r.Currency, r.Amount.StringFixed(2))
		sum := decimal.Zero
		for _, st := range Statuses {
			if v, ok := r.ByStatus[st]; ok {
				s += fmt.Sprintf(" %s=%s", st, v.StringFixed(2))
				sum = sum.Add(v)
			}
		}
		if len(r.ByStatus) == 0 || !sum.Equal(r.Amount) {
			t.Errorf("%s %s %s %s: amount %s is not the sum of %v", r.Period, r.Platform, r.Program, r.Currency, r.Amount, r.ByStatus)
		}
		s += "\n"
	}
	return s
}

func TestIncomeByStatus(t *testing.T) {
	db := newTestDB(t)
	importEntries(t, db, "a", statusEntries()...)
	want := `2026-09 tiktok creator-rewards EUR 3.00 pending=3.00
2026-09 tiktok creator-rewards USD 28.00 estimated=12.50 approved=19.00 reversed=-3.50
2026-10 tiktok creator-rewards USD 11.00 pending=7.00 paid=4.00
2026-10 tiktok live-gifts USD 5.00 paid=5.00
2026-11 tiktok creator-rewards USD 0.00 approved=0.00
`
	if got := incomeByStatus(t, db, IncomeQuery{By: ByMonth}); got != want {
		t.Errorf("by month:\n%s\nwant\n%s", got, want)
	}
	want = `2026-Q3 tiktok creator-rewards EUR 3.00 pending=3.00
2026-Q3 tiktok creator-rewards USD 28.00 estimated=12.50 approved=19.00 reversed=-3.50
2026-Q4 tiktok creator-rewards USD 11.00 pending=7.00 approved=0.00 paid=4.00
2026-Q4 tiktok live-gifts USD 5.00 paid=5.00
`
	if got := incomeByStatus(t, db, IncomeQuery{By: ByQuarter}); got != want {
		t.Errorf("by quarter:\n%s\nwant\n%s", got, want)
	}
}

func TestIncomeStatusFilter(t *testing.T) {
	db := newTestDB(t)
	importEntries(t, db, "a", statusEntries()...)
	for _, c := range []struct {
		statuses []Status
		want     string
	}{
		{[]Status{StatusEstimated, StatusPending}, `2026-09 tiktok creator-rewards EUR 3.00 pending=3.00
2026-09 tiktok creator-rewards USD 12.50 estimated=12.50
2026-10 tiktok creator-rewards USD 7.00 pending=7.00
`},
		{[]Status{StatusPaid}, `2026-10 tiktok creator-rewards USD 4.00 paid=4.00
2026-10 tiktok live-gifts USD 5.00 paid=5.00
`},
		// Only the clawback: the reversed commission is no income at all.
		{[]Status{StatusReversed}, "2026-09 tiktok creator-rewards USD -3.50 reversed=-3.50\n"},
		{[]Status{StatusApproved, StatusApproved}, `2026-09 tiktok creator-rewards USD 19.00 approved=19.00
2026-11 tiktok creator-rewards USD 0.00 approved=0.00
`},
	} {
		if got := incomeByStatus(t, db, IncomeQuery{By: ByMonth, Statuses: c.statuses}); got != c.want {
			t.Errorf("statuses %v:\n%s\nwant\n%s", c.statuses, got, c.want)
		}
	}
	// With the platform filter too.
	if got := incomeLines(t, db, IncomeQuery{By: ByYear, Platform: "youtube", Statuses: []Status{StatusPaid}}); got != "" {
		t.Errorf("youtube paid: %q", got)
	}
	for _, bad := range []Status{"bogus", "", "Paid"} {
		if _, err := db.Income(context.Background(), IncomeQuery{By: ByMonth, Statuses: []Status{bad}}); !errors.Is(err, ErrInvalid) {
			t.Errorf("status %q: %v, want ErrInvalid", bad, err)
		}
	}
}
