package main

import (
	"time"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

func dateRangeFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "from", Usage: "first date to include, `YYYY-MM-DD` or YYYY-MM"},
		&cli.StringFlag{Name: "to", Usage: "last date to include, `YYYY-MM-DD` or YYYY-MM (the whole month)"},
	}
}

// dateRange reads --from and --to. A month means its first day for --from
// and its last day for --to.
func dateRange(c *cli.Context) (from, to time.Time, err error) {
	if from, err = parseBound(c.String("from"), false); err != nil {
		return from, to, usagef("--from: %v", err)
	}
	if to, err = parseBound(c.String("to"), true); err != nil {
		return from, to, usagef("--to: %v", err)
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return from, to, usagef("--to %s is before --from %s", c.String("to"), c.String("from"))
	}
	return from, to, nil
}

func parseBound(s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.Parse(ledger.DateLayout, s); err == nil {
		return d, nil
	}
	m, err := time.Parse("2006-01", s)
	if err != nil {
		return time.Time{}, usagef("%q is not a date: want YYYY-MM-DD or YYYY-MM", s)
	}
	if end {
		return m.AddDate(0, 1, -1), nil
	}
	return m, nil
}
