package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

func rpmCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "rpm",
		Usage: "actual revenue per 1,000 views against published estimates",
		Description: `Revenue / views x 1000 per period, platform and program (or per video or post with
--items), divided by qualified views where the source has them (TikTok Creator
Rewards pays on qualified views) and by views otherwise; the views column holds the
count used. Income without views (LIVE gifts, affiliate commissions) is left out and
counted below the table. The verdict compares the RPM with the published range for
your country (settings set country CC), else any country: below, within, above, or
no-estimate when there is no range, or it is in another currency and the ledger has no
ECB rate to convert it at (rates import). Every range is a
third-party estimate, not a platform's promise.

Machine-readable columns: period,platform,program,views,revenue,currency,rpm,
estimate_low,estimate_high,verdict (with --items: item and title after program).

Examples:
   creatorledger report rpm
   creatorledger report rpm --by quarter --platform tiktok
   creatorledger report rpm --items --from 2026-09 --to 2026-09

With --items the table shows each title on a line of its own under its item, and leaves
the estimate ranges to the notes below it, to fit 100 columns; --wide shows them in the
row.`,
		Flags: append(dateRangeFlags(),
			&cli.StringFlag{Name: "by", Value: string(ledger.ByMonth), Usage: "group by `PERIOD`: month, quarter or year"},
			&cli.StringFlag{Name: "platform", Usage: "only this `PLATFORM` (e.g. tiktok, youtube)"},
			&cli.BoolFlag{Name: "items", Usage: "one row per video or post, the best RPM first"},
			formatFlag(formatTable, formatCSV, formatJSON), wideFlag(),
		),
		Action: func(c *cli.Context) error {
			from, to, err := dateRange(c)
			if err != nil {
				return err
			}
			by := ledger.Period(c.String("by"))
			if !by.Valid() {
				return withHint(usagef("--by %q: want month, quarter or year", c.String("by")), "creatorledger report rpm --by quarter")
			}
			format, db, err := openForReport(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			defer db.Close()
			platform := strings.ToLower(c.String("platform"))
			if platform != "" {
				if err := knownPlatform(c, db, platform); err != nil {
					return err
				}
			}
			rep, err := db.RPM(c.Context, ledger.RPMQuery{From: from, To: to, By: by, Platform: platform, Items: c.Bool("items")})
			if err != nil {
				return err
			}
			return renderRPM(e.stdout, rep, c.Bool("items"), format, c.Bool("wide"))
		},
	}
}

// rpmShown is RPM as reports show it: four decimals at most.
const rpmShown = 4

func renderRPM(w io.Writer, rep ledger.RPMReport, items bool, format string, wide bool) error {
	cols := []column{{"period", wordCell}, {"platform", labelCell}, {"program", labelCell}}
	if items {
		cols = append(cols, column{"item", nameCell}, column{"title", textCell})
	}
	cols = append(cols, column{"views", countCell}, column{"revenue", amountCell}, column{"currency", wordCell},
		column{"rpm", amountCell}, column{"estimate_low", amountCell}, column{"estimate_high", amountCell},
		column{"verdict", wordCell})
	t := &table{cols: cols, wide: wide}
	bases := map[string]bool{} // platform/program -> divided by qualified views
	for _, r := range rep.Rows {
		low, high := "", ""
		switch {
		case r.Converted != nil:
			// Converted for the verdict; shown to four decimals, as RPM is.
			low, high = ledger.FormatAmount(r.Converted.Low.RoundBank(rpmShown), r.Currency), ledger.FormatAmount(r.Converted.High.RoundBank(rpmShown), r.Currency)
		case r.HasEst && r.Estimate.Currency == r.Currency:
			low, high = ledger.FormatAmount(r.Estimate.Low, r.Estimate.Currency), ledger.FormatAmount(r.Estimate.High, r.Estimate.Currency)
		}
		cells := []string{r.Period, r.Platform, r.Program}
		if items {
			cells = append(cells, r.Item, r.Title)
		}
		cells = append(cells, fmt.Sprint(r.Views), ledger.FormatAmount(r.Revenue, r.Currency), r.Currency,
			ledger.FormatAmount(r.RPM.RoundBank(rpmShown), r.Currency), low, high, string(r.Verdict))
		t.add(cells...)
		bases[r.Platform+"/"+r.Program] = bases[r.Platform+"/"+r.Program] || r.Qualified
	}
	if format != formatTable {
		return t.render(w, format)
	}
	// People get the range in one column.
	lo, hi := len(cols)-3, len(cols)-2
	t.cols = append(append(append([]column{}, cols[:lo]...), column{"estimate", wordCell}), cols[hi+1:]...)
	for i, r := range t.rows {
		est := ""
		if r[lo] != "" {
			est = r[lo] + "-" + r[hi]
		}
		t.rows[i] = append(append(append([]string{}, r[:lo]...), est), r[hi+1:]...)
	}
	if items && !wide {
		// In 100 columns: the title under its item, the ranges in the notes.
		t = t.only("period", "platform", "program", "item", "title", "views", "revenue", "currency", "rpm", "verdict").rename("currency", "cur")
		t.under = "title"
	}
	if err := t.render(w, format); err != nil {
		return err
	}
	var notes []string
	for pp, q := range bases {
		if q {
			notes = append(notes, pp+": RPM on qualified views")
		}
	}
	for pp, n := range rep.Unviewed {
		entries := "entries"
		if n == 1 {
			entries = "entry"
		}
		notes = append(notes, fmt.Sprintf("%s: %d income %s without views left out", pp, n, entries))
	}
	sort.Strings(notes)
	var ests []string
	for _, r := range rep.Rows {
		if !r.HasEst {
			continue
		}
		e := r.Estimate
		s := fmt.Sprintf("%s/%s: estimate %s-%s %s for %s (%s, %s), %s", e.Platform, e.Program,
			ledger.FormatAmount(e.Low, e.Currency), ledger.FormatAmount(e.High, e.Currency), e.Currency,
			countryName(e.Country), e.Confidence, orUnknown(e.AsOf), e.Source)
		switch {
		case r.Converted != nil:
			s += fmt.Sprintf("; in %s at the ECB rate of %s for %s: %s-%s", r.Currency, r.RateDay.Format(ledger.DateLayout), r.Period,
				ledger.FormatAmount(r.Converted.Low.RoundBank(rpmShown), r.Currency), ledger.FormatAmount(r.Converted.High.RoundBank(rpmShown), r.Currency))
		case e.Currency != r.Currency:
			s += fmt.Sprintf("; not comparable with %s without an ECB rate (creatorledger rates import)", r.Currency)
		}
		if !slices.Contains(ests, s) {
			ests = append(ests, s)
		}
	}
	if len(notes)+len(ests) > 0 {
		fmt.Fprintln(w)
	}
	for _, n := range append(notes, ests...) {
		wrap(w, "note: ", "      ", n, tableWidth, wide)
	}
	return nil
}

func countryName(cc string) string {
	if cc == "*" {
		return "any country"
	}
	return cc
}

func orUnknown(s string) string {
	if s == "" {
		return "undated"
	}
	return s
}
