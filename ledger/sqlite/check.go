package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
)

// maxProblems bounds the problems each check reports.
const maxProblems = 20

// Check reads the whole ledger and returns every problem it finds (up to
// maxProblems a check): SQLite's integrity check and the ledger's own
// invariants (Checks). A check that cannot run (a damaged page stops its
// query) is a problem too; the error is for a ledger that cannot be read
// at all.
func (db *DB) Check(ctx context.Context) (ledger.CheckReport, error) {
	var r ledger.CheckReport
	c := &checker{ctx: ctx, db: db.sql, r: &r}
	c.run("integrity", c.integrity)
	c.run("balance", c.balance)
	c.run("totals", c.totals)
	c.run("keys", func() error {
		if err := db.checkKeys(ctx); err != nil {
			c.add("keys", "", "%s", strings.TrimPrefix(err.Error(), "check keys: "))
		}
		return nil
	})
	c.run("imports", c.imports)
	c.run("matches", c.matches)
	if err := db.sql.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM entries), (SELECT COUNT(*) FROM imports),
		(SELECT COUNT(*) FROM daily_totals)`).Scan(&r.Entries, &r.Imports, &r.Days); err != nil && len(r.Problems) == 0 {
		return r, fmt.Errorf("check: %w", err)
	}
	return r, ctx.Err()
}

type checker struct {
	ctx context.Context
	db  *sql.DB
	r   *ledger.CheckReport
	n   map[string]int
}

// add records a problem of check, up to maxProblems.
func (c *checker) add(check, where, format string, args ...any) {
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[check]++
	if c.n[check] == maxProblems+1 {
		c.r.Truncated = append(c.r.Truncated, check)
	}
	if c.n[check] > maxProblems {
		return
	}
	c.r.Problems = append(c.r.Problems, ledger.Problem{Check: check, Where: where, What: fmt.Sprintf(format, args...)})
}

// run runs one check; an error that stops it is a problem of its own.
func (c *checker) run(check string, fn func() error) {
	if c.ctx.Err() != nil {
		return
	}
	if err := fn(); err != nil && c.ctx.Err() == nil {
		c.add(check, "", "could not be checked: %v", err)
	}
}

// each runs q and calls fn with each row's scanned values.
func (c *checker) each(q string, args []any, fn func(scan func(dest ...any) error) error) error {
	rows, err := c.db.QueryContext(c.ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (c *checker) integrity() error {
	return c.each(`PRAGMA integrity_check(`+strconv.Itoa(maxProblems+1)+`)`, nil, func(scan func(...any) error) error {
		var msg string
		if err := scan(&msg); err != nil {
			return err
		}
		if msg != "ok" {
			c.add("integrity", "", "%s", msg)
		}
		return nil
	})
}

// classInfo is a row of entry_classes with its accounts' names.
type classInfo struct {
	id                        int64
	platform, program, kind   string
	currency, account, contra sql.NullString
	accountID, contraID       int64
}

func (k classInfo) name() string {
	return k.platform + " " + k.program + " " + k.kind + " " + k.currency.String
}

// problem says what is wrong with class k, "" when nothing.
func (k classInfo) problem() string {
	e := ledger.Entry{Platform: k.platform, Program: k.program, Kind: ledger.Kind(k.kind)}
	switch {
	case !e.Kind.Valid():
		return fmt.Sprintf("kind %q is not one of the ledger's", k.kind)
	case !ledger.ValidCurrency(k.currency.String):
		return fmt.Sprintf("currency %q is not an ISO 4217 code", k.currency.String)
	case !k.account.Valid:
		return fmt.Sprintf("its account %d does not exist", k.accountID)
	case !k.contra.Valid:
		return fmt.Sprintf("its other account %d does not exist", k.contraID)
	case k.accountID == k.contraID:
		return fmt.Sprintf("it moves money from %s to itself", k.account.String)
	case k.account.String != e.SourceAccount():
		return fmt.Sprintf("it moves money in %s, not in %s", k.account.String, e.SourceAccount())
	}
	want := e.ContraAccount()
	if e.Kind == ledger.KindPayout && ledger.IsBank(e.Platform) {
		// The other side of a bank's payout is named after its
		// counterparty: any transit account.
		if !strings.HasPrefix(k.contra.String, "assets:transit:") {
			return fmt.Sprintf("its other side is %s, not an assets:transit: account", k.contra.String)
		}
		return ""
	}
	if k.contra.String != want {
		return fmt.Sprintf("its other side is %s, not %s", k.contra.String, want)
	}
	return ""
}

// balance checks that each entry is one balanced movement between the two
// accounts of its class, and has a valid status and date.
func (c *checker) balance() error {
	bad := map[int64]string{}
	classes := map[int64]classInfo{}
	err := c.each(`SELECT c.id, c.platform, c.program, c.kind, c.currency, c.account_id, c.contra_id, a.name, o.name
		FROM entry_classes c LEFT JOIN accounts a ON a.id = c.account_id LEFT JOIN accounts o ON o.id = c.contra_id`, nil,
		func(scan func(...any) error) error {
			var k classInfo
			if err := scan(&k.id, &k.platform, &k.program, &k.kind, &k.currency, &k.accountID, &k.contraID, &k.account, &k.contra); err != nil {
				return err
			}
			classes[k.id] = k
			if p := k.problem(); p != "" {
				bad[k.id] = p
			}
			return nil
		})
	if err != nil {
		return err
	}
	// Entries of a class that is wrong or missing, a class at a time.
	// The invoice mark (entries.invoice) goes with the class too.
	err = c.each(`SELECT class_id, COUNT(*), MIN(id), SUM(invoice IS 1), SUM(invoice IS NOT NULL)
		FROM entries GROUP BY class_id`, nil, func(scan func(...any) error) error {
		var class, n, first, marked, set int64
		if err := scan(&class, &n, &first, &marked, &set); err != nil {
			return err
		}
		k, ok := classes[class]
		invoices := (&ledger.Entry{Platform: k.platform, Kind: ledger.Kind(k.kind)}).IsInvoice()
		switch {
		case !ok:
			c.add("balance", entriesWhere(first, n), "entry class %d does not exist: the entry moves money between no accounts", class)
		case bad[class] != "":
			c.add("balance", entriesWhere(first, n), "entry class %d (%s) is wrong: %s", class, k.name(), bad[class])
		case invoices && (marked != n || set != n):
			c.add("balance", entriesWhere(first, n), "%d of the %d invoices of class %d (%s) are not marked as invoices "+
				"(entries.invoice), so the invoice reports miss them", n-marked, n, class, k.name())
		case !invoices && set != 0:
			c.add("balance", entriesWhere(first, n), "%d entries of class %d (%s) are marked as invoices (entries.invoice) "+
				"and are not", set, class, k.name())
		}
		return nil
	})
	if err != nil {
		return err
	}
	return c.each(`SELECT id, day, status FROM entries
		WHERE status NOT BETWEEN 1 AND 5 OR day / 10000 NOT BETWEEN 1 AND 9999 OR day / 100 % 100 NOT BETWEEN 1 AND 12
		   OR day % 100 NOT BETWEEN 1 AND 31 LIMIT `+strconv.Itoa(maxProblems+1), nil, func(scan func(...any) error) error {
		var id, day, status int64
		if err := scan(&id, &day, &status); err != nil {
			return err
		}
		if ledger.StatusOf(status) == "" {
			c.add("balance", "entry "+strconv.FormatInt(id, 10), "status %d is not one of the ledger's (1-5)", status)
		} else {
			c.add("balance", "entry "+strconv.FormatInt(id, 10), "day %d is not a date", day)
		}
		return nil
	})
}

// entriesWhere names n entries, the first of which is first.
func entriesWhere(first, n int64) string {
	if n == 1 {
		return "entry " + strconv.FormatInt(first, 10)
	}
	return fmt.Sprintf("%d entries from entry %d", n, first)
}

// totals compares every daily total with the entries it sums, and names
// each group that differs with the entries in it.
func (c *checker) totals() error {
	var badDays []int64
	err := c.each(`SELECT day FROM daily_totals WHERE NOT json_valid(groups) LIMIT `+strconv.Itoa(maxProblems+1), nil,
		func(scan func(...any) error) error {
			var day int64
			if err := scan(&day); err != nil {
				return err
			}
			badDays = append(badDays, day)
			c.add("totals", ledger.DayDate(day), "the daily totals of the day are not readable")
			return nil
		})
	if err != nil || len(badDays) > 0 {
		return err
	}
	const sums = `amount, views, qualified_views, entries, rpm_amount, rpm_views, rpm_entries`
	q := `WITH fresh AS (
			SELECT day, class_id, status, SUM(amount) AS amount,
			       COALESCE(SUM(views), 0) AS views, COALESCE(SUM(qualified_views), 0) AS qualified_views, COUNT(*) AS entries,
			       SUM(CASE WHEN COALESCE(qualified_views, views) IS NOT NULL THEN amount ELSE 0 END) AS rpm_amount,
			       COALESCE(SUM(COALESCE(qualified_views, views)), 0) AS rpm_views,
			       COUNT(COALESCE(qualified_views, views)) AS rpm_entries
			FROM entries GROUP BY 1, 2, 3),
		kept AS (SELECT day, class_id, status, ` + sums + ` FROM daily_totals_view),
		diff AS (SELECT day, class_id, status FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept)
			UNION SELECT day, class_id, status FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh))
		SELECT d.day, d.class_id, d.status, COALESCE(c.platform || ' ' || c.program || ' ' || c.kind, 'class ' || d.class_id),
		       COALESCE(c.currency, ''),
		       f.amount, f.entries, f.views, f.qualified_views, k.amount, k.entries, k.views, k.qualified_views
		FROM diff d LEFT JOIN entry_classes c ON c.id = d.class_id
		LEFT JOIN fresh f ON f.day = d.day AND f.class_id = d.class_id AND f.status = d.status
		LEFT JOIN kept k ON k.day = d.day AND k.class_id = d.class_id AND k.status = d.status
		ORDER BY d.day, d.class_id, d.status LIMIT ` + strconv.Itoa(maxProblems+1)
	type group struct {
		day, class, status int64
		name, where, what  string
	}
	var groups []group
	err = c.each(q, nil, func(scan func(...any) error) error {
		var g group
		var cur string
		var fa, fn, fv, fq, ka, kn, kv, kq sql.NullInt64
		if err := scan(&g.day, &g.class, &g.status, &g.name, &cur, &fa, &fn, &fv, &fq, &ka, &kn, &kv, &kq); err != nil {
			return err
		}
		g.where = ledger.DayDate(g.day) + " " + g.name + " " + cur + " " + string(ledger.StatusOf(g.status))
		amount := func(a sql.NullInt64) string { return ledger.FormatAmount(ledger.FromMicro(a.Int64), cur) + " " + cur }
		switch {
		case !kn.Valid:
			g.what = fmt.Sprintf("the daily totals leave out %s of entries that add up to %s", ledger.Plural(fn.Int64, "entry", "entries"), amount(fa))
		case !fn.Valid:
			g.what = fmt.Sprintf("the daily totals keep %s in %s that the ledger does not have", amount(ka), ledger.Plural(kn.Int64, "entry", "entries"))
		case fa != ka || fn != kn:
			g.what = fmt.Sprintf("the entries add up to %s in %s, the daily totals keep %s in %s",
				amount(fa), ledger.Plural(fn.Int64, "entry", "entries"), amount(ka), ledger.Plural(kn.Int64, "entry", "entries"))
		default:
			g.what = fmt.Sprintf("the entries have %d views and %d qualified views, the daily totals keep %d and %d",
				fv.Int64, fq.Int64, kv.Int64, kq.Int64)
		}
		groups = append(groups, g)
		return nil
	})
	if err != nil {
		return err
	}
	for _, g := range groups {
		ids, err := c.groupEntries(g.day, g.class, g.status)
		if err != nil {
			return err
		}
		what := g.what
		if ids != "" {
			what += " (" + ids + ")"
		}
		c.add("totals", g.where, "%s", what)
	}
	return nil
}

// groupEntries names the entries of one group, at most 10.
func (c *checker) groupEntries(day, class, status int64) (string, error) {
	var ids []string
	err := c.each(`SELECT id FROM entries WHERE day = ? AND class_id = ? AND status = ? ORDER BY id LIMIT 11`,
		[]any{day, class, status}, func(scan func(...any) error) error {
			var id int64
			if err := scan(&id); err != nil {
				return err
			}
			ids = append(ids, strconv.FormatInt(id, 10))
			return nil
		})
	switch {
	case err != nil || len(ids) == 0:
		return "", err
	case len(ids) > 10:
		return "entries " + strings.Join(ids[:10], ", ") + ", …", nil
	case len(ids) == 1:
		return "entry " + ids[0], nil
	}
	return "entries " + strings.Join(ids, ", "), nil
}

// imports checks that each entry lies in the id range of the import that
// created it, or is one that import took over from an import undone since
// (import_members, kind memberTakenOver: see membership.go), that the
// imports an entry names exist, and that no two imports' ranges overlap.
func (c *checker) imports() error {
	taken, err := c.takenOver()
	if err != nil {
		return err
	}
	// The imports an entry names: the one that created it and the one whose
	// version it keeps.
	for _, ref := range []struct{ column, problem string }{
		{"created_import", "created by import %d, which the ledger does not have"},
		{"import_id", "the version kept is from import %d, which the ledger does not have"},
	} {
		err = c.each(`SELECT e.`+ref.column+`, COUNT(*), MIN(e.id) FROM entries e
			WHERE NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = e.`+ref.column+`) GROUP BY 1 ORDER BY 1`, nil,
			func(scan func(...any) error) error {
				var im, n, first int64
				if err := scan(&im, &n, &first); err != nil {
					return err
				}
				c.add("imports", entriesWhere(first, n), ref.problem, im)
				return nil
			})
		if err != nil {
			return err
		}
	}
	err = c.each(`SELECT e.id, i.id, i.first_entry, i.last_entry FROM entries e JOIN imports i ON i.id = e.created_import
		WHERE e.id NOT BETWEEN i.first_entry AND i.last_entry ORDER BY e.id`, nil,
		func(scan func(...any) error) error {
			var id, im, first, last int64
			if err := scan(&id, &im, &first, &last); err != nil {
				return err
			}
			if taken[id] == im {
				return nil
			}
			c.add("imports", "entry "+strconv.FormatInt(id, 10), "created by import %d, whose entries are %s", im, idRange(first, last))
			return nil
		})
	if err != nil {
		return err
	}
	return c.each(`SELECT a.id, a.first_entry, a.last_entry, b.id, b.first_entry, b.last_entry
		FROM imports a JOIN imports b ON a.id < b.id
		WHERE a.first_entry <= a.last_entry AND b.first_entry <= b.last_entry
		  AND a.first_entry <= b.last_entry AND b.first_entry <= a.last_entry
		ORDER BY a.id, b.id LIMIT `+strconv.Itoa(maxProblems+1), nil,
		func(scan func(...any) error) error {
			var a, af, al, b, bf, bl int64
			if err := scan(&a, &af, &al, &b, &bf, &bl); err != nil {
				return err
			}
			c.add("imports", fmt.Sprintf("imports %d and %d", a, b), "their entries overlap: %s and %s", idRange(af, al), idRange(bf, bl))
			return nil
		})
}

// takenOver returns the entries each import took over (import_members,
// kind memberTakenOver), by entry id.
func (c *checker) takenOver() (map[int64]int64, error) {
	taken := map[int64]int64{}
	err := c.each(`SELECT import_id, entries, data FROM import_members WHERE kind = ?`, []any{memberTakenOver},
		func(scan func(...any) error) error {
			var im, n int64
			var data []byte
			if err := scan(&im, &n, &data); err != nil {
				return err
			}
			return eachMember(data, n, func(id int64, _ int) { taken[id] = im })
		})
	return taken, err
}

func idRange(first, last int64) string {
	if first > last {
		return "none"
	}
	return fmt.Sprintf("%d-%d", first, last)
}
