package main

import (
	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

// openForReport does what every report and listing begins with: it refuses
// positional arguments, checks --format against formats and opens the
// ledger. The caller closes the ledger.
func openForReport(c *cli.Context, formats ...string) (string, *ledger.DB, error) {
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
