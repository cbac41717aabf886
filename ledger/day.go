package ledger

import (
	"fmt"
	"time"
)

// DayNumber is a date as the ledger keeps it (entries.day,
// daily_totals.day): 2026-09-30 is 20260930.
func DayNumber(d time.Time) int64 {
	y, m, dd := d.Date()
	return int64(y)*10000 + int64(m)*100 + int64(dd)
}

// DateOfDay is the date of a day number (20260930).
func DateOfDay(day int64) time.Time {
	return time.Date(int(day/10000), time.Month(day/100%100), int(day%100), 0, 0, 0, 0, time.UTC)
}

// DayDate writes a day number (20260105) as a date.
func DayDate(day int64) string {
	return fmt.Sprintf("%04d-%02d-%02d", day/10000, day/100%100, day%100)
}

// Today is the date of t as the ledger keeps dates (UTC midnight).
func Today(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DaysBetween counts the calendar days from a to b (negative when b is
// before a), whatever the months between.
func DaysBetween(a, b time.Time) int {
	ad := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	bd := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(bd.Sub(ad).Hours() / 24)
}
