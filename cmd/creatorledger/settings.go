package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

func settingsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "settings",
		Usage: "show or change your country, reporting currency, payment method and followers per platform",
		Description: `Without arguments, shows the settings kept in the ledger. Payout thresholds depend
on them: the rule that applies is chosen by your country, the currency a balance is
paid in (your reporting currency where the platform has a rule for it) and the
payment method you chose on the platform.

Keys:
   country CC                          ISO 3166 code such as NL
   currency CUR                        ISO 4217 code such as EUR
   payment-method PLATFORM METHOD      ` + strings.Join(ledger.PaymentMethods, ", ") + `
                                       (none removes it)
   followers PLATFORM N                your follower count there: report invoices places
                                       each fee in its follower tier (none removes it)

Examples:
   creatorledger settings
   creatorledger settings set country NL
   creatorledger settings set payment-method adsense bank-transfer
   creatorledger settings set payment-method amazon-associates gift-card
   creatorledger settings set followers tiktok 25000`,
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return withHint(err, "creatorledger settings set KEY VALUE...")
			}
			db, err := openLedger(c)
			if err != nil {
				return err
			}
			defer db.Close()
			p, err := db.Profile(c.Context)
			if err != nil {
				return err
			}
			printSettings(e.stdout, db.Path(), p)
			return nil
		},
		Subcommands: []*cli.Command{{
			Name:      "set",
			Usage:     "change a setting",
			ArgsUsage: "KEY VALUE...",
			Description: `Examples:
   creatorledger settings set country NL
   creatorledger settings set currency EUR
   creatorledger settings set payment-method adsense bank-transfer
   creatorledger settings set followers tiktok 25000`,
			Action: func(c *cli.Context) error {
				args := c.Args().Slice()
				if len(args) == 0 {
					return withHint(usagef("settings set needs a KEY and a VALUE"), "creatorledger settings set country NL")
				}
				key, vals := args[0], args[1:]
				want := 1
				if key == "payment-method" || key == "followers" {
					want = 2
				}
				if len(vals) != want {
					return withHint(usagef("settings set %s takes %d value(s), got %d", key, want, len(vals)), settingHint(key))
				}
				db, err := openLedger(c)
				if err != nil {
					return err
				}
				defer db.Close()
				switch key {
				case "country":
					cc, err := ledger.NormaliseCountry(vals[0])
					if err != nil {
						return withHint(usageError{err}, settingHint(key))
					}
					err = db.SetSetting(c.Context, ledger.SettingCountry, cc)
					if err != nil {
						return err
					}
				case "currency":
					cur, err := ledger.NormaliseCurrency(vals[0])
					if err != nil {
						return withHint(usageError{err}, settingHint(key))
					}
					if err := db.SetSetting(c.Context, ledger.SettingCurrency, cur); err != nil {
						return err
					}
				case "payment-method":
					platform, method := strings.ToLower(vals[0]), strings.ToLower(vals[1])
					if err := knownPlatform(c, db, platform); err != nil {
						return err
					}
					if method == "none" {
						method = ""
					} else if !ledger.ValidPaymentMethod(method) {
						return withHint(usagef("payment method %q is not one of %s", vals[1], strings.Join(ledger.PaymentMethods, ", ")), settingHint(key))
					}
					if err := db.SetPaymentMethod(c.Context, platform, method); err != nil {
						return err
					}
				case "followers":
					platform := strings.ToLower(vals[0])
					if err := knownPlatform(c, db, platform); err != nil {
						return err
					}
					n := int64(-1) // none
					if !strings.EqualFold(vals[1], "none") {
						v, err := strconv.ParseInt(strings.ReplaceAll(vals[1], "_", ""), 10, 64)
						if err != nil || v < 0 {
							return withHint(usagef("followers %q is not a count (a whole number, or none)", vals[1]), settingHint(key))
						}
						n = v
					}
					if err := db.SetFollowers(c.Context, platform, n); err != nil {
						return err
					}
				default:
					return withHint(usagef("unknown setting %q: want country, currency, payment-method or followers", key), "creatorledger settings --help")
				}
				p, err := db.Profile(c.Context)
				if err != nil {
					return err
				}
				printSettings(e.stdout, db.Path(), p)
				return nil
			},
		}},
	}
}

func settingHint(key string) string {
	switch key {
	case "currency":
		return "creatorledger settings set currency EUR"
	case "payment-method":
		return "creatorledger settings set payment-method adsense bank-transfer"
	case "followers":
		return "creatorledger settings set followers tiktok 25000"
	}
	return "creatorledger settings set country NL"
}

// printSettings writes the settings as aligned "key  value" lines.
func printSettings(w io.Writer, path string, p ledger.Profile) {
	fmt.Fprintf(w, "ledger    %s\ncountry   %s\ncurrency  %s\n", path, orUnset(p.Country), orUnset(p.Currency))
	platforms := make([]string, 0, len(p.Methods))
	for pl := range p.Methods {
		platforms = append(platforms, pl)
	}
	sort.Strings(platforms)
	if len(platforms) == 0 {
		fmt.Fprintln(w, "payment methods: (none set; thresholds for any method apply)")
	} else {
		fmt.Fprintln(w, "payment methods:")
		for _, pl := range platforms {
			fmt.Fprintf(w, "  %-20s %s\n", pl, p.Methods[pl])
		}
	}
	if len(p.Followers) == 0 {
		return
	}
	platforms = platforms[:0]
	for pl := range p.Followers {
		platforms = append(platforms, pl)
	}
	sort.Strings(platforms)
	fmt.Fprintln(w, "followers:")
	for _, pl := range platforms {
		fmt.Fprintf(w, "  %-20s %d\n", pl, p.Followers[pl])
	}
}

// knownPlatforms are the platforms the shipped data or the ledger's
// entries name, sorted.
func knownPlatforms(c *cli.Context, db ledger.Store) ([]string, error) {
	var out []string
	addAll := func(ps ...string) {
		for _, p := range ps {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	rules, err := ledger.ShippedRules()
	if err != nil {
		return nil, err
	}
	for _, r := range rules {
		addAll(r.Platform)
	}
	bmap, err := ledger.ShippedBalances()
	if err != nil {
		return nil, err
	}
	addAll(bmap.Platforms()...)
	ests, err := ledger.ShippedEstimates()
	if err != nil {
		return nil, err
	}
	for _, e := range ests {
		addAll(e.Platform)
	}
	if db != nil {
		ps, err := db.Platforms(c.Context)
		if err != nil {
			return nil, err
		}
		addAll(ps...)
	}
	sort.Strings(out)
	return out, nil
}

// knownPlatform returns a usage error, listing the known platforms, when
// platform is not one of them.
func knownPlatform(c *cli.Context, db ledger.Store, platform string) error {
	known, err := knownPlatforms(c, db)
	if err != nil {
		return err
	}
	if slices.Contains(known, platform) {
		return nil
	}
	return withHint(usageError{fmt.Errorf("unknown platform %q: %w", platform, errUnknownPlatform)},
		"one of "+strings.Join(known, ", "))
}

var errUnknownPlatform = errors.New("not in the shipped data nor in the ledger")
