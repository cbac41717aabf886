package main

import (
	"time"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

// openForReport does what every report and listing begins with: it refuses
// positional arguments, checks --format against formats and opens the
// ledger. The caller closes the ledger.
func openForReport(c *cli.Context, formats ...string) (string, ledger.Store, error) {
	if err := noArgs(c); err != nil {
		return "", nil, err
	}
	format, err := outputFormat(c, formats...)
	if err != nil {
		return "", nil, err
	}
	db, err := openLedger(c)
	return format, db, err
}

// openReportAsOf is openForReport for a report taken on a day: it reads
// --as-of as well (today by the ledger's clock when not given).
func openReportAsOf(c *cli.Context, formats ...string) (string, ledger.Store, time.Time, error) {
	format, db, err := openForReport(c, formats...)
	if err != nil {
		return "", nil, time.Time{}, err
	}
	asOf, err := asOfFlag(c, db.Clock())
	if err != nil {
		db.Close()
		return "", nil, time.Time{}, err
	}
	return format, db, asOf, nil
}
