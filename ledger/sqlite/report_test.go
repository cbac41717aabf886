package sqlite

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// incomeLines runs the income report and writes each row as
// "period platform program currency amount".
func incomeLines(t *testing.T, db *DB, q ledger.IncomeQuery) string {
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
	clawback := earning("2026-09-14", "", "-3.50", ledger.StatusReversed) // TikTok's "Clawback" row
	clawback.Kind = ledger.KindReversal
	approvedRev := earning("2026-09-15", "R2", "-1.25", ledger.StatusApproved)
	approvedRev.Kind = ledger.KindReversal
	reversedAdj := earning("2026-09-16", "ADJ", "7.00", ledger.StatusReversed)
	reversedAdj.Kind = ledger.KindAdjustment
	importEntries(t, db, "a",
		earning("2026-09-01", "v1", "20.00", ledger.StatusApproved),
		earning("2026-09-02", "C9", "99.00", ledger.StatusReversed), // a commission the network reversed
		clawback, approvedRev, reversedAdj,
	)
	// 20.00 - 3.50 - 1.25 = 15.25; the reversed earning and adjustment do not count.
	if got, want := incomeLines(t, db, ledger.IncomeQuery{By: ledger.ByMonth}), "2026-09 tiktok creator-rewards USD 15.25\n"; got != want {
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
func statusEntries() []ledger.Entry {
	with := func(e ledger.Entry, f func(*ledger.Entry)) ledger.Entry { f(&e); return e }
	return []ledger.Entry{
		earning("2026-09-01", "v1", "10.00", ledger.StatusEstimated),
		earning("2026-09-02", "v2", "2.50", ledger.StatusEstimated),
		earning("2026-09-03", "v3", "20.00", ledger.StatusApproved),
		with(earning("2026-09-04", "", "-3.50", ledger.StatusReversed), func(e *ledger.Entry) { e.Kind = ledger.KindReversal }),
		with(earning("2026-09-05", "R1", "-1.00", ledger.StatusApproved), func(e *ledger.Entry) { e.Kind = ledger.KindReversal }),
		earning("2026-09-06", "C9", "99.00", ledger.StatusReversed),
		with(earning("2026-09-10", "e1", "3.00", ledger.StatusPending), func(e *ledger.Entry) { e.Currency = "EUR" }),
		earning("2026-10-01", "v4", "7.00", ledger.StatusPending),
		earning("2026-10-02", "v5", "4.00", ledger.StatusPaid),
		with(earning("2026-10-03", "g1", "5.00", ledger.StatusPaid), func(e *ledger.Entry) { e.Program = "live-gifts" }),
		earning("2026-11-01", "v6", "2.00", ledger.StatusApproved),
		with(earning("2026-11-02", "A1", "-2.00", ledger.StatusApproved), func(e *ledger.Entry) { e.Kind = ledger.KindAdjustment }),
		with(earning("2026-11-03", "F1", "-0.50", ledger.StatusPaid), func(e *ledger.Entry) { e.Kind = ledger.KindFee }), // no income
	}
}

// incomeByStatus is incomeLines with each row's amount per status, in the
// order of Statuses, after the total.
func incomeByStatus(t *testing.T, db *DB, q ledger.IncomeQuery) string {
	t.Helper()
	rs, err := db.Income(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	s := ""
	for _, r := range rs {
		s += fmt.Sprintf("%s %s %s %s %s", r.Period, r.Platform, r.Program, r.Currency, r.Amount.StringFixed(2))
		sum := decimal.Zero
		for _, st := range ledger.Statuses {
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
	if got := incomeByStatus(t, db, ledger.IncomeQuery{By: ledger.ByMonth}); got != want {
		t.Errorf("by month:\n%s\nwant\n%s", got, want)
	}
	want = `2026-Q3 tiktok creator-rewards EUR 3.00 pending=3.00
2026-Q3 tiktok creator-rewards USD 28.00 estimated=12.50 approved=19.00 reversed=-3.50
2026-Q4 tiktok creator-rewards USD 11.00 pending=7.00 approved=0.00 paid=4.00
2026-Q4 tiktok live-gifts USD 5.00 paid=5.00
`
	if got := incomeByStatus(t, db, ledger.IncomeQuery{By: ledger.ByQuarter}); got != want {
		t.Errorf("by quarter:\n%s\nwant\n%s", got, want)
	}
}

func TestIncomeStatusFilter(t *testing.T) {
	db := newTestDB(t)
	importEntries(t, db, "a", statusEntries()...)
	for _, c := range []struct {
		statuses []ledger.Status
		want     string
	}{
		{[]ledger.Status{ledger.StatusEstimated, ledger.StatusPending}, `2026-09 tiktok creator-rewards EUR 3.00 pending=3.00
2026-09 tiktok creator-rewards USD 12.50 estimated=12.50
2026-10 tiktok creator-rewards USD 7.00 pending=7.00
`},
		{[]ledger.Status{ledger.StatusPaid}, `2026-10 tiktok creator-rewards USD 4.00 paid=4.00
2026-10 tiktok live-gifts USD 5.00 paid=5.00
`},
		// Only the clawback: the reversed commission is no income at all.
		{[]ledger.Status{ledger.StatusReversed}, "2026-09 tiktok creator-rewards USD -3.50 reversed=-3.50\n"},
		{[]ledger.Status{ledger.StatusApproved, ledger.StatusApproved}, `2026-09 tiktok creator-rewards USD 19.00 approved=19.00
2026-11 tiktok creator-rewards USD 0.00 approved=0.00
`},
	} {
		if got := incomeByStatus(t, db, ledger.IncomeQuery{By: ledger.ByMonth, Statuses: c.statuses}); got != c.want {
			t.Errorf("statuses %v:\n%s\nwant\n%s", c.statuses, got, c.want)
		}
	}
	// With the platform filter too.
	if got := incomeLines(t, db, ledger.IncomeQuery{By: ledger.ByYear, Platform: "youtube", Statuses: []ledger.Status{ledger.StatusPaid}}); got != "" {
		t.Errorf("youtube paid: %q", got)
	}
	for _, bad := range []ledger.Status{"bogus", "", "Paid"} {
		if _, err := db.Income(context.Background(), ledger.IncomeQuery{By: ledger.ByMonth, Statuses: []ledger.Status{bad}}); !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("status %q: %v, want ErrInvalid", bad, err)
		}
	}
}
