package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/sqlite"
)

func checkCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "check the ledger file and the ledger's own rules",
		Description: `Reads the whole ledger and checks it: SQLite's integrity check of the file, then
the ledger's own rules:

   balance   every entry moves money between the two accounts its platform,
             program and kind give, and has a valid status and date
   totals    the daily totals that reports read equal the entries they sum
   keys      every entry has one de-duplication key, every key is an entry's
   imports   each import's range of entries holds the entries it added
   matches   the reconciliation's matches name entries that exist, of the right
             kinds, and no payout or deposit is matched twice

and lists every problem it finds (up to 20 a check), naming the entry, the
import or the day's group (date, platform, program, kind, currency, status).
Exit status 0 when all is well, 1 when anything is wrong.

A damaged ledger is best replaced by a backup that passes this check. Imports
refuse to write into a ledger whose file SQLite finds damaged.

Examples:
   creatorledger check
   creatorledger check --format json
   creatorledger --db ~/backups/ledger-2026-11-23.db check`,
		Flags: []cli.Flag{formatFlag(formatTable, formatJSON), wideFlag()},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			format, err := outputFormat(c, formatTable, formatJSON)
			if err != nil {
				return err
			}
			db, err := openLedger(c)
			if err != nil {
				return explainFault(err)
			}
			defer db.Close()
			r, err := db.Check(c.Context)
			if err != nil {
				return explainFault(err)
			}
			if format == formatJSON {
				if err := writeCheckJSON(e, db.Path(), r); err != nil {
					return err
				}
			} else if err := writeCheckTable(e, db.Path(), r, c.Bool("wide")); err != nil {
				return err
			}
			if len(r.Problems) == 0 {
				return nil
			}
			return withHint(fmt.Errorf("%s fails its check: %s", db.Path(), problemCount(r)),
				"creatorledger --db BACKUP check   (and put a backup that passes in the ledger's place)")
		},
	}
}

// problemCount says how many problems r has.
func problemCount(r ledger.CheckReport) string {
	n := strconv.Itoa(len(r.Problems))
	if len(r.Truncated) > 0 {
		n = "more than " + n
	}
	if len(r.Problems) == 1 {
		return n + " problem"
	}
	return n + " problems"
}

func writeCheckTable(e *env, path string, r ledger.CheckReport, wide bool) error {
	if len(r.Problems) == 0 {
		_, err := fmt.Fprintf(e.stdout, "%s: ok: %s, %s, %s of totals (checked: %s)\n", path,
			counted(r.Entries, "entry", "entries"), counted(r.Imports, "import", "imports"), counted(r.Days, "day", "days"),
			strings.Join(ledger.Checks, ", "))
		return err
	}
	// Each problem whole, wrapped under its check and where.
	t := &table{cols: []column{{"check", wordCell}, {"where", textCell}, {"problem", textCell}}, wide: wide,
		under: "problem", wrapUnder: true}
	for _, p := range r.Problems {
		t.add(p.Check, p.Where, p.What)
	}
	if err := t.renderTable(e.stdout); err != nil {
		return err
	}
	for _, c := range r.Truncated {
		if _, err := fmt.Fprintf(e.stdout, "%s: more problems than these\n", c); err != nil {
			return err
		}
	}
	return nil
}

// counted is n and the noun, as people write them: "1 entry", "1,200 entries".
func counted(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return ledger.GroupThousands(strconv.FormatInt(n, 10)) + " " + many
}

func writeCheckJSON(e *env, path string, r ledger.CheckReport) error {
	problems := r.Problems
	if problems == nil {
		problems = []ledger.Problem{}
	}
	truncated := r.Truncated
	if truncated == nil {
		truncated = []string{}
	}
	doc := struct {
		Ledger    string           `json:"ledger"`
		OK        bool             `json:"ok"`
		Entries   int64            `json:"entries"`
		Imports   int64            `json:"imports"`
		Days      int64            `json:"days"`
		Checks    []string         `json:"checks"`
		Problems  []ledger.Problem `json:"problems"`
		Truncated []string         `json:"truncated"`
	}{path, len(r.Problems) == 0, r.Entries, r.Imports, r.Days, ledger.Checks, problems, truncated}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// guardLedger refuses a ledger whose file SQLite finds damaged, before an
// import writes into it (ledger.QuickCheck).
func guardLedger(ctx context.Context, db ledger.Store) error {
	err := explainFault(db.QuickCheck(ctx))
	var h hinted
	if errors.As(err, &h) && sqlite.IsCorrupt(err) {
		return withHint(fmt.Errorf("%s: %w; nothing imported", db.Path(), h.err), h.hint)
	}
	return err
}

// explainFault says in words what a damaged ledger or a full disk is, with
// what to do next; other errors pass unchanged.
func explainFault(err error) error {
	var h hinted
	switch {
	case err == nil || errors.As(err, &h):
		return err
	case sqlite.IsDiskFull(err):
		return withHint(fmt.Errorf("disk full: %w", err), "free some space on the disk, then run the command again")
	case sqlite.IsCorrupt(err):
		if !errors.Is(err, ledger.ErrCorrupt) {
			err = fmt.Errorf("%w: %w", ledger.ErrCorrupt, err)
		}
		return withHint(err, "creatorledger check   (then put a backup that passes creatorledger --db BACKUP check in its place)")
	}
	return err
}
