package main

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/sqlite"
)

func initCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "create the ledger (or bring it up to date) and set your country and reporting currency",
		Description: `Creates the ledger file (mode 0600) and its directory, or migrates an existing one.
Running it again is safe: it changes only the settings you pass.

Examples:
   creatorledger init --country NL --currency EUR
   creatorledger --db ~/ledgers/2026.db init --country US --currency USD`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "country", Usage: "your country, ISO 3166 `CC` such as NL (payout thresholds depend on it)"},
			&cli.StringFlag{Name: "currency", Usage: "reporting currency, ISO 4217 `CUR` such as EUR"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			var country, currency string
			var err error
			if c.IsSet("country") {
				if country, err = ledger.NormaliseCountry(c.String("country")); err != nil {
					return withHint(usageError{err}, "creatorledger init --country NL --currency EUR")
				}
			}
			if c.IsSet("currency") {
				if currency, err = ledger.NormaliseCurrency(c.String("currency")); err != nil {
					return withHint(usageError{err}, "creatorledger init --country NL --currency EUR")
				}
			}
			path, err := dbPath(c)
			if err != nil {
				return err
			}
			_, statErr := os.Stat(path)
			existed := !errors.Is(statErr, fs.ErrNotExist)
			db, err := sqlite.Create(c.Context, path)
			if err != nil {
				return err
			}
			defer db.Close()
			if country != "" {
				if err := db.SetSetting(c.Context, ledger.SettingCountry, country); err != nil {
					return err
				}
			}
			if currency != "" {
				if err := db.SetSetting(c.Context, ledger.SettingCurrency, currency); err != nil {
					return err
				}
			}
			p, err := db.Profile(c.Context)
			if err != nil {
				return err
			}
			verb := "created"
			if existed {
				verb = "up to date:"
			}
			fmt.Fprintf(e.stdout, "%s ledger %s\ncountry: %s\ncurrency: %s\n", verb, path, orUnset(p.Country), orUnset(p.Currency))
			for _, pl := range slices.Sorted(maps.Keys(p.Methods)) {
				fmt.Fprintf(e.stdout, "payment method %s: %s\n", pl, p.Methods[pl])
			}
			return nil
		},
	}
}

func orUnset(s string) string {
	if s == "" {
		return "(not set)"
	}
	return s
}
