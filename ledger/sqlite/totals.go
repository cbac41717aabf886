package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/internal/csqlite"
)

// daily_totals holds a row per day: the day's groups (class and status)
// with their sums, as a JSON array of [class_id, status, amount, views,
// qualified_views, entries, rpm_amount, rpm_views, rpm_entries] arrays
// (migrations 0005 and 0007; totalSum says what the rpm sums are), which
// daily_totals_view shows as rows. An import writes a day's row once per
// pass instead of a row per group: a 100k-row export over three years has
// some 36,000 groups on 1,096 days.

// totalKey is one row of daily_totals: a day (the date as YYYYMMDD), an
// entry class (below 2^32) and a status code, packed into one integer in
// the table's order, so that a group hashes and sorts as one word.
type totalKey uint64

func makeTotalKey(day, class int64, status ledger.Status) totalKey {
	return totalKeyOf(day, class, status.Code())
}

// totalKeyOf is makeTotalKey for a status code (Status.Code), as the
// ledger stores it.
func totalKeyOf(day, class, code int64) totalKey {
	return totalKey(uint64(day)<<35 | uint64(class)<<3 | uint64(code))
}

func (k totalKey) day() int64 { return int64(k >> 35) }

func (k totalKey) class() int64 { return int64(k >> 3 & (1<<32 - 1)) }

func (k totalKey) statusCode() int64 { return int64(k & 7) }

// totalSum is what daily_totals adds up for a totalKey. The rpm sums are
// over the entries with an RPM basis (their qualified views when known,
// else their views when known): rpmAmount their amount, rpmViews their
// basis, rpmEntries how many; an entry with neither count is left out of
// them, so its revenue is not divided by other entries' views.
type totalSum struct {
	amount, views, qviews, entries  int64
	rpmAmount, rpmViews, rpmEntries int64
}

// totalsDelta collects what an import changes in daily_totals, so the table
// is written once per group instead of once per entry. The sums are kept in
// a slice, by the group's place in it, not one allocation per group.
type totalsDelta struct {
	index  map[totalKey]int32
	groups []totalRow
}

func newTotalsDelta() totalsDelta { return totalsDelta{index: make(map[totalKey]int32)} }

// len is how many groups d holds.
func (d *totalsDelta) len() int { return len(d.groups) }

// at is the sum of the group at place i (slot); it moves when a group is
// added.
func (d *totalsDelta) at(i int32) *totalSum { return &d.groups[i].totalSum }

// add adds (sign 1) or removes (sign -1) one entry version.
func (d *totalsDelta) add(k totalKey, amount int64, views, qviews ledger.Count, sign int64) {
	d.at(d.slot(k)).add(amount, views, qviews, sign)
}

// slot returns the place of group k, adding it when missing.
func (d *totalsDelta) slot(k totalKey) int32 {
	i, ok := d.index[k]
	if !ok {
		i = int32(len(d.groups))
		d.index[k] = i
		d.groups = append(d.groups, totalRow{key: k})
	}
	return i
}

// add adds (sign 1) or removes (sign -1) one entry version.
func (s *totalSum) add(amount int64, views, qviews ledger.Count, sign int64) {
	s.amount += sign * amount
	s.entries += sign
	basis := views // the RPM basis: qualified views, else views, else none
	if views.Valid {
		s.views += sign * views.N
	}
	if qviews.Valid {
		s.qviews += sign * qviews.N
		basis = qviews
	}
	if basis.Valid {
		s.rpmAmount += sign * amount
		s.rpmViews += sign * basis.N
		s.rpmEntries += sign
	}
}

// plus adds the sums of o.
func (s *totalSum) plus(o totalSum) {
	s.amount, s.views, s.qviews, s.entries = s.amount+o.amount, s.views+o.views, s.qviews+o.qviews, s.entries+o.entries
	s.rpmAmount, s.rpmViews, s.rpmEntries = s.rpmAmount+o.rpmAmount, s.rpmViews+o.rpmViews, s.rpmEntries+o.rpmEntries
}

// totalRow is one group's delta, ready to write.
type totalRow struct {
	key totalKey
	totalSum
}

// rows appends the groups with something to write to into, in day order
// (what totalsWriter needs: it sorts a day's groups itself), and empties
// d. Groups come in the order of their first entry, so those of a file in
// date order need no sorting.
func (d *totalsDelta) rows(into []totalRow) []totalRow {
	start := len(into)
	ordered := true
	for _, r := range d.groups {
		if r.totalSum != (totalSum{}) {
			if n := len(into); n > start && into[n-1].key.day() > r.key.day() {
				ordered = false
			}
			into = append(into, r)
		}
	}
	clear(d.index)
	d.groups = d.groups[:0]
	if !ordered {
		slices.SortStableFunc(into[start:], func(a, b totalRow) int { return cmp.Compare(a.key.day(), b.key.day()) })
	}
	return into
}

// dayStore reads and writes daily_totals rows: through the import's own
// connection (csqliteDays) or in a database/sql transaction (sqlDays).
type dayStore interface {
	readDay(day int64) (groups []byte, found bool, err error)
	// putDay writes day's row; isNew says the table has none, and a row
	// there is then an error instead of being replaced.
	putDay(day int64, groups []byte, isNew bool) error
	deleteDay(day int64) error
}

// totalsWriter adds deltas to daily_totals, a day's row at a time.
type totalsWriter struct {
	store dayStore
	// fresh: daily_totals had no rows when the import began (a bulk
	// import), so a day after every day written so far (last) is new and
	// is written without being read first.
	fresh bool
	last  int64
	buf   []byte
	day   []totalRow
}

// write adds rows, which are in day order (not necessarily in class
// order within a day), to the table. A group left with no entries goes;
// so does a day left with no groups.
func (w *totalsWriter) write(rows []totalRow) error {
	for len(rows) > 0 {
		day := rows[0].key.day()
		n := 1
		for n < len(rows) && rows[n].key.day() == day {
			n++
		}
		if err := w.writeDay(day, rows[:n]); err != nil {
			return fmt.Errorf("update totals of %d: %w", day, err)
		}
		rows = rows[n:]
	}
	return nil
}

func (w *totalsWriter) writeDay(day int64, delta []totalRow) error {
	groups := append(w.day[:0], delta...)
	isNew := w.fresh && day > w.last
	if !isNew {
		old, found, err := w.store.readDay(day)
		if err != nil {
			return err
		}
		if found {
			if groups, err = parseGroups(day, old, groups); err != nil {
				return err
			}
		}
	}
	if w.fresh {
		w.last = max(w.last, day)
	}
	groups = sumGroups(groups)
	w.day = groups
	if len(groups) == 0 {
		return w.store.deleteDay(day)
	}
	w.buf = appendGroups(w.buf[:0], groups)
	return w.store.putDay(day, w.buf, isNew)
}

// sumGroups sorts rows by group, adds up the rows of each group and drops
// the groups without entries, in place.
func sumGroups(rows []totalRow) []totalRow {
	slices.SortFunc(rows, func(a, b totalRow) int { return cmp.Compare(a.key, b.key) })
	out := rows[:0]
	for _, r := range rows {
		if n := len(out); n > 0 && out[n-1].key == r.key {
			out[n-1].plus(r.totalSum)
			continue
		}
		out = append(out, r)
	}
	kept := out[:0]
	for _, r := range out {
		if r.entries != 0 {
			kept = append(kept, r)
		}
	}
	return kept
}

// appendGroups appends one day's groups as daily_totals.groups has them.
func appendGroups(b []byte, rows []totalRow) []byte {
	b = append(b, '[')
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j, v := range [...]int64{r.key.class(), r.key.statusCode(), r.amount, r.views, r.qviews, r.entries,
			r.rpmAmount, r.rpmViews, r.rpmEntries} {
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, v, 10)
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// parseGroups appends the groups of day's daily_totals.groups to into. It
// reads what appendGroups and SQLite's json_group_array write (white space
// is allowed between values), 9 numbers a group, and fails on anything
// else: a group of 6 numbers (before migration 0007) too. Groups may come
// in any order; sumGroups sorts them.
func parseGroups(day int64, s []byte, into []totalRow) ([]totalRow, error) {
	bad := func(why string) ([]totalRow, error) {
		return into, fmt.Errorf("daily_totals.groups of %d: %s", day, why)
	}
	i := 0
	skip := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
	}
	expect := func(c byte) bool {
		skip()
		if i < len(s) && s[i] == c {
			i++
			return true
		}
		return false
	}
	number := func() (int64, bool) {
		skip()
		j := i
		if j < len(s) && s[j] == '-' {
			j++
		}
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		v, err := strconv.ParseInt(string(s[i:j]), 10, 64)
		i = j
		return v, err == nil
	}
	if !expect('[') {
		return bad("not a JSON array")
	}
	if expect(']') {
		skip()
		if i != len(s) {
			return bad("text after the array")
		}
		return into, nil
	}
	for {
		if !expect('[') {
			return bad("a group is not an array")
		}
		var v [9]int64
		for j := range v {
			if j > 0 && !expect(',') {
				return bad("a group has fewer than 9 numbers")
			}
			n, ok := number()
			if !ok {
				return bad("a group has a value that is not an integer")
			}
			v[j] = n
		}
		if !expect(']') {
			return bad("a group has more than 9 numbers")
		}
		if v[0] < 0 || v[0] >= 1<<32 || v[1] < 1 || v[1] > int64(len(ledger.Statuses)) {
			return bad("a group has a class or status out of range")
		}
		into = append(into, totalRow{key: totalKeyOf(day, v[0], v[1]),
			totalSum: totalSum{amount: v[2], views: v[3], qviews: v[4], entries: v[5],
				rpmAmount: v[6], rpmViews: v[7], rpmEntries: v[8]}})
		if expect(']') {
			break
		}
		if !expect(',') {
			return bad("groups are not separated by commas")
		}
	}
	skip()
	if i != len(s) {
		return bad("text after the array")
	}
	return into, nil
}

// csqliteDays is a dayStore on the import's connection.
type csqliteDays struct{ read, add, put, del *csqlite.Stmt }

func prepareDays(c *csqlite.Conn) (*csqliteDays, error) {
	var d csqliteDays
	var err error
	prep := func(q string) *csqlite.Stmt {
		if err != nil {
			return nil
		}
		var st *csqlite.Stmt
		st, err = c.Prepare(q)
		return st
	}
	d.read = prep(`SELECT groups FROM daily_totals WHERE day = ?`)
	d.add = prep(`INSERT INTO daily_totals (day, groups) VALUES (?, ?)`)
	d.put = prep(`INSERT INTO daily_totals (day, groups) VALUES (?, ?)
		ON CONFLICT (day) DO UPDATE SET groups = excluded.groups`)
	d.del = prep(`DELETE FROM daily_totals WHERE day = ?`)
	if err != nil {
		d.close()
		return nil, fmt.Errorf("update totals: %w", err)
	}
	return &d, nil
}

func (d *csqliteDays) close() {
	for _, st := range []*csqlite.Stmt{d.read, d.add, d.put, d.del} {
		if st != nil {
			st.Close()
		}
	}
}

func (d *csqliteDays) readDay(day int64) ([]byte, bool, error) {
	d.read.Int64(1, day)
	row, err := d.read.Step()
	if err != nil || !row {
		d.read.Reset()
		return nil, false, err
	}
	groups := slices.Clone(d.read.ColumnBytes(0))
	return groups, true, d.read.Reset()
}

func (d *csqliteDays) putDay(day int64, groups []byte, isNew bool) error {
	st := d.put
	if isNew {
		st = d.add
	}
	st.Int64(1, day)
	st.Text(2, string(groups)) // one copy a day
	return st.Exec()
}

func (d *csqliteDays) deleteDay(day int64) error {
	d.del.Int64(1, day)
	return d.del.Exec()
}

// sqlDays is a dayStore in a database/sql transaction.
type sqlDays struct {
	ctx context.Context
	tx  *sql.Tx
}

func (d sqlDays) readDay(day int64) ([]byte, bool, error) {
	var groups []byte
	err := d.tx.QueryRowContext(d.ctx, `SELECT groups FROM daily_totals WHERE day = ?`, day).Scan(&groups)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return groups, err == nil, err
}

func (d sqlDays) putDay(day int64, groups []byte, isNew bool) error {
	q := `INSERT INTO daily_totals (day, groups) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET groups = excluded.groups`
	if isNew {
		q = `INSERT INTO daily_totals (day, groups) VALUES (?, ?)`
	}
	_, err := d.tx.ExecContext(d.ctx, q, day, string(groups))
	return err
}

func (d sqlDays) deleteDay(day int64) error {
	_, err := d.tx.ExecContext(d.ctx, `DELETE FROM daily_totals WHERE day = ?`, day)
	return err
}

// CheckTotals recomputes every daily total from the entries and returns an
// error naming the first group where the kept totals differ, or saying how
// the keys (entry_keys and key_blocks: checkKeys) differ from the entries. It reads the
// whole ledger; tests and a future `check` command use it.
func (db *DB) CheckTotals(ctx context.Context) error {
	var bad string
	err := db.sql.QueryRowContext(ctx, `
		WITH fresh AS (
			SELECT day, class_id, status, SUM(amount) AS amount,
			       COALESCE(SUM(views), 0) AS views, COALESCE(SUM(qualified_views), 0) AS qualified_views, COUNT(*) AS entries,
			       SUM(CASE WHEN COALESCE(qualified_views, views) IS NOT NULL THEN amount ELSE 0 END) AS rpm_amount,
			       COALESCE(SUM(COALESCE(qualified_views, views)), 0) AS rpm_views,
			       COUNT(COALESCE(qualified_views, views)) AS rpm_entries
			FROM entries GROUP BY 1, 2, 3),
		kept AS (SELECT day, class_id, status, amount, views, qualified_views, entries, rpm_amount, rpm_views, rpm_entries
			FROM daily_totals_view),
		missing AS (SELECT * FROM fresh EXCEPT SELECT * FROM kept),
		extra AS (SELECT * FROM kept EXCEPT SELECT * FROM fresh),
		diff AS (SELECT * FROM missing UNION ALL SELECT * FROM extra)
		SELECT COALESCE((SELECT d.day || ' ' || c.platform || ' ' || c.program || ' ' || c.kind || ' ' || c.currency || ' ' || `+statusSQL("d.status")+`
			FROM diff d LEFT JOIN entry_classes c ON c.id = d.class_id LIMIT 1), '')`).Scan(&bad)
	if err != nil {
		return fmt.Errorf("check totals: %w", err)
	}
	if bad != "" {
		return fmt.Errorf("daily totals differ from the entries at %s", bad)
	}
	return db.checkKeys(ctx)
}
