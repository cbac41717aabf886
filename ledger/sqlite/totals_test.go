package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"io/fs"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/schema"
	"github.com/shopspring/decimal"
)

// TestTotalKey: a daily-totals key gives back its day, class and status,
// at the ends of their ranges too, and keys order as (day, class, status)
// do, the table's order.
func TestTotalKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	type parts struct {
		day, class int64
		status     ledger.Status
	}
	var ps []parts
	for _, day := range []int64{10101, 20260930, 99991231} {
		for _, class := range []int64{1, 2, 1<<32 - 1} {
			for _, s := range ledger.Statuses {
				ps = append(ps, parts{day, class, s})
			}
		}
	}
	for i := 0; i < 200; i++ {
		ps = append(ps, parts{int64(10101 + rng.IntN(99981130)), int64(1 + rng.IntN(1<<32-1)), ledger.Statuses[rng.IntN(len(ledger.Statuses))]})
	}
	for _, p := range ps {
		k := makeTotalKey(p.day, p.class, p.status)
		if k.day() != p.day || k.class() != p.class || ledger.StatusOf(k.statusCode()) != p.status {
			t.Fatalf("%+v came back as %d %d %d", p, k.day(), k.class(), k.statusCode())
		}
	}
	for _, a := range ps {
		for _, b := range ps[:50] {
			want := cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.class, b.class), cmp.Compare(a.status.Code(), b.status.Code()))
			if got := cmp.Compare(makeTotalKey(a.day, a.class, a.status), makeTotalKey(b.day, b.class, b.status)); got != want {
				t.Fatalf("%+v vs %+v: %d, want %d", a, b, got, want)
			}
		}
	}
}

// TestGroupsText: a day's groups are written as SQLite's JSON functions
// write them (the form migrations 0005 and 0007 give existing ledgers), and
// read back from either; anything else is refused, groups of 6 numbers (as
// before 0007) too.
func TestGroupsText(t *testing.T) {
	day := int64(20260930)
	rows := []totalRow{
		{makeTotalKey(day, 1, ledger.StatusEstimated), totalSum{amount: 1250000, entries: 2, rpmAmount: 1000000, rpmViews: 0, rpmEntries: 1}},
		{makeTotalKey(day, 1, ledger.StatusReversed), totalSum{amount: -50000, views: 0, entries: 1}},
		{makeTotalKey(day, 1<<32-1, ledger.StatusPaid), totalSum{amount: -9223372036854775808, views: 9223372036854775807, qviews: 12, entries: 3,
			rpmAmount: 9223372036854775807, rpmViews: -9223372036854775808, rpmEntries: 2}},
	}
	text := string(appendGroups(nil, rows))

	db := newTestDB(t)
	var sqlText string
	if err := db.sql.QueryRow(`SELECT json_group_array(json_array(c, s, a, v, q, n, ra, rv, rn)) FROM (
		SELECT 1 AS c, 1 AS s, 1250000 AS a, 0 AS v, 0 AS q, 2 AS n, 1000000 AS ra, 0 AS rv, 1 AS rn UNION ALL
		SELECT 1, 5, -50000, 0, 0, 1, 0, 0, 0 UNION ALL
		SELECT 4294967295, 4, -9223372036854775808, 9223372036854775807, 12, 3, 9223372036854775807, -9223372036854775808, 2)`).Scan(&sqlText); err != nil {
		t.Fatal(err)
	}
	if text != sqlText {
		t.Errorf("appendGroups wrote\n%s\nSQLite writes\n%s", text, sqlText)
	}
	for _, in := range []string{text, " [ [1, 1, 1250000, 0, 0, 2, 1000000, 0, 1] ,[1,5,-50000,0,0,1,0,0,0],\n" +
		"[4294967295,4,-9223372036854775808,9223372036854775807,12,3,9223372036854775807,-9223372036854775808,2] ] "} {
		got, err := parseGroups(day, []byte(in), nil)
		if err != nil || !slices.Equal(got, rows) {
			t.Errorf("parseGroups(%q) = %v, %v; want %v", in, got, err, rows)
		}
	}
	if got, err := parseGroups(day, []byte("[]"), nil); err != nil || len(got) != 0 {
		t.Errorf("parseGroups([]) = %v, %v", got, err)
	}
	for _, in := range []string{"", "[", "[[1,1,1,1,1,1,1,1,1]", "[[1,1,1,1,1,1]]", "[[1,1,1,1,1,1,1,1]]",
		"[[1,1,1,1,1,1,1,1,1,1]]", "[[1,1,1,1,1,1,1,1,1],[1,2,1,1,1,1]]", "[[1,0,1,1,1,1,1,1,1]]",
		"[[1,6,1,1,1,1,1,1,1]]", "[[-1,1,1,1,1,1,1,1,1]]", "[[4294967296,1,1,1,1,1,1,1,1]]", "[[1,1,1.5,1,1,1,1,1,1]]",
		"[[1,1,1,1,1,1,1,1,1.5]]", "[[1,1,9223372036854775808,1,1,1,1,1,1]]", "[[1,1,1,1,1,1,1,9223372036854775808,1]]",
		"[[1,1,1,1,1,1,1,1,1]]x", "[[1,1,1,1,1,1,1,1,1] [1,1,1,1,1,1,1,1,1]]", `{"a":1}`, "[[1,1,-,1,1,1,1,1,1]]",
		"[1,1,1,1,1,1,1,1,1]"} {
		if got, err := parseGroups(day, []byte(in), nil); err == nil {
			t.Errorf("parseGroups(%q) = %v, want an error", in, got)
		}
	}
	// A group of 6 numbers, as 0005 wrote them, says how many it has.
	if _, err := parseGroups(day, []byte("[[1,1,1250000,0,0,2]]"), nil); err == nil || !strings.Contains(err.Error(), "fewer than 9 numbers") {
		t.Errorf("a group of 6 numbers: %v, want fewer than 9 numbers", err)
	}
}

// TestTotalSumAdd: an entry's RPM basis is its qualified views when known,
// else its views when known; an entry with neither is left out of the rpm
// sums, and removing an entry takes back what adding it added.
func TestTotalSumAdd(t *testing.T) {
	none := ledger.Count{}
	for _, c := range []struct {
		views, qviews ledger.Count
		want          totalSum
	}{
		{ledger.Counted(1000), ledger.Counted(400), totalSum{amount: 5, views: 1000, qviews: 400, entries: 1, rpmAmount: 5, rpmViews: 400, rpmEntries: 1}},
		{ledger.Counted(1000), none, totalSum{amount: 5, views: 1000, entries: 1, rpmAmount: 5, rpmViews: 1000, rpmEntries: 1}},
		{none, ledger.Counted(90), totalSum{amount: 5, qviews: 90, entries: 1, rpmAmount: 5, rpmViews: 90, rpmEntries: 1}},
		{ledger.Counted(0), none, totalSum{amount: 5, entries: 1, rpmAmount: 5, rpmEntries: 1}},
		{none, none, totalSum{amount: 5, entries: 1}},
	} {
		var s totalSum
		s.add(5, c.views, c.qviews, 1)
		if s != c.want {
			t.Errorf("views %v, qualified %v: %+v, want %+v", c.views, c.qviews, s, c.want)
		}
		s.add(5, c.views, c.qviews, -1)
		if s != (totalSum{}) {
			t.Errorf("views %v, qualified %v: %+v left after removing the entry", c.views, c.qviews, s)
		}
	}
}

// TestSumGroups: rows of one day are added up by group, in the table's
// order, and a group left with no entries goes.
func TestSumGroups(t *testing.T) {
	day := int64(20260101)
	k := func(class int64, s ledger.Status) totalKey { return makeTotalKey(day, class, s) }
	got := sumGroups([]totalRow{
		{k(9, ledger.StatusPaid), totalSum{amount: 5, entries: 1}},
		{k(2, ledger.StatusPending), totalSum{amount: 7, views: 100, entries: 2, rpmAmount: 7, rpmViews: 100, rpmEntries: 2}},
		{k(9, ledger.StatusPaid), totalSum{amount: -5, entries: -1}}, // its only entry undone
		{k(2, ledger.StatusPending), totalSum{amount: 1, qviews: 3, entries: 1, rpmAmount: 1, rpmViews: 3, rpmEntries: 1}},
		{k(2, ledger.StatusEstimated), totalSum{amount: 4, entries: 1}},
	})
	want := []totalRow{
		{k(2, ledger.StatusEstimated), totalSum{amount: 4, entries: 1}},
		{k(2, ledger.StatusPending), totalSum{amount: 8, views: 100, qviews: 3, entries: 3, rpmAmount: 8, rpmViews: 103, rpmEntries: 3}},
	}
	if !slices.Equal(got, want) {
		t.Errorf("sumGroups = %v, want %v", got, want)
	}
}

// FuzzParseGroups: any text gives groups or an error, never a panic, and
// groups read come back the same through appendGroups.
func FuzzParseGroups(f *testing.F) {
	for _, s := range []string{"[]", "[[1,1,1250000,0,0,2,1000000,0,1]]", "[[1,5,-50000,0,0,1,0,0,0],[2,4,3,4,5,6,3,5,6]]",
		" [ [1 ,2,3,4,5,6,7,8,9] ] ", "[[1,1,1,1,1,1,1,1,1]", "[[1,1,1250000,0,0,2]]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		rows, err := parseGroups(20260101, s, nil)
		if err != nil {
			return
		}
		again, err := parseGroups(20260101, appendGroups(nil, rows), nil)
		if err != nil || !slices.Equal(again, rows) {
			t.Fatalf("%q read as %v, written and read again as %v (%v)", s, rows, again, err)
		}
	})
}

// dayGroups reads day's groups of the daily totals, and checks that they
// are written as appendGroups writes them (numbers, format and order).
func dayGroups(t *testing.T, db *DB, day int64) []totalRow {
	t.Helper()
	var text string
	if err := db.sql.QueryRow(`SELECT groups FROM daily_totals WHERE day = ?`, day).Scan(&text); err != nil {
		t.Fatalf("totals of %d: %v", day, err)
	}
	groups, err := parseGroups(day, []byte(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	if again := string(appendGroups(nil, groups)); again != text {
		t.Errorf("totals of %d are\n%s\nappendGroups writes them as\n%s", day, text, again)
	}
	return groups
}

// TestRPMTotals: the daily totals sum, per group, the amount, the RPM basis
// (qualified views, else views) and the count of the entries that have a
// basis, through a first (bulk) import, an import that updates an entry
// and the undo of that import.
func TestRPMTotals(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	entry := func(ext, amount string, views, qviews ledger.Count) ledger.Entry {
		e := earning("2026-09-30", ext, amount, ledger.StatusApproved)
		e.Views, e.QualifiedViews = views, qviews
		return e
	}
	none := ledger.Count{}
	es := []ledger.Entry{
		entry("a", "2.00", ledger.Counted(1000), ledger.Counted(400)), // basis 400 (qualified views)
		entry("b", "1.50", ledger.Counted(300), ledger.Counted(250)),  // basis 250
		entry("c", "0.75", ledger.Counted(500), none),                 // basis 500 (views)
		entry("d", "0.25", ledger.Counted(0), none),                   // basis 0: counted, nothing to divide by
		entry("e", "3.00", none, none),                                // no basis: left out
		entry("f", "0.10", none, ledger.Counted(90)),                  // basis 90
	}
	check := func(step string, want totalSum) {
		t.Helper()
		if err := db.CheckTotals(ctx); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		got := dayGroups(t, db, 20260930)
		if len(got) != 1 || got[0].key.statusCode() != ledger.StatusApproved.Code() || got[0].totalSum != want {
			t.Errorf("%s: groups %+v, want one approved group with %+v", step, got, want)
		}
	}
	first := totalSum{amount: 7_600_000, views: 1800, qviews: 740, entries: 6,
		rpmAmount: 4_600_000, rpmViews: 400 + 250 + 500 + 0 + 90, rpmEntries: 5}
	if im := importEntries(t, db, "a", es...); im.New != 6 {
		t.Fatalf("first import: %+v", im.Counts)
	}
	check("first import", first)

	// e gets views and a new amount: it counts for RPM now.
	es[4].Amount, es[4].Views = decimal.RequireFromString("3.50"), ledger.Counted(2000)
	im := importEntries(t, db, "b", es...)
	if im.Counts != (ledger.Counts{Rows: 6, Updated: 1, Duplicates: 5}) {
		t.Fatalf("second import: %+v", im.Counts)
	}
	check("update", totalSum{amount: 8_100_000, views: 3800, qviews: 740, entries: 6,
		rpmAmount: 8_100_000, rpmViews: 1240 + 2000, rpmEntries: 6})

	if _, err := db.UndoImport(ctx, im.ID); err != nil {
		t.Fatal(err)
	}
	check("undo", first)
}

// TestMigrateRPMTotals: a ledger at schema version 6, whose daily totals
// have 6 numbers a group, gets the rpm sums from its entries (migration
// 0007), in the form and order an import writes; the totals then stay
// right through an undo and an import.
func TestMigrateRPMTotals(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v6.db")
	sdb, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	old := &DB{sql: sdb, path: path, Now: time.Now}
	defer old.Close()
	if _, err := old.appliedMigrations(ctx); err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(schema.Migrations, "migrations/*.sql")
	if err != nil || len(names) < 7 || !strings.HasPrefix(names[5], "migrations/0006_") {
		t.Fatalf("migrations %v (%v), want 0006 the sixth", names, err)
	}
	for i, n := range names[:6] {
		if err := old.migrateFile(ctx, i+1, n); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
	}
	// Import 1 added entries 1-5; import 2 added entry 6 and updated
	// entry 2 (an estimate of 1.50 without views that became 2.00 approved,
	// with views and qualified views). Class 2's entry comes first.
	for _, q := range []string{
		`INSERT INTO accounts VALUES (1, 'assets:tiktok'), (2, 'income:tiktok:creator-rewards'),
			(3, 'assets:youtube'), (4, 'income:youtube:adsense')`,
		`INSERT INTO entry_classes VALUES (1, 'tiktok', 'creator-rewards', 'earning', 'USD', 1, 2),
			(2, 'youtube', 'adsense', 'earning', 'USD', 3, 4)`,
		`INSERT INTO imports VALUES (1, 'a.csv', 'native', 'sha-a', '2026-11-22T10:00:00Z', 5, 5, 0, 0, 0, 1, 5),
			(2, 'b.csv', 'native', 'sha-b', '2026-11-22T11:00:00Z', 2, 1, 0, 1, 0, 6, 6)`,
		`INSERT INTO entries VALUES
			(1, 20260801, 2, 1000000, 'v1', 100, NULL, 3, '', 'a', 1, 1, 2),
			(2, 20260801, 1, 2000000, 'v2', 300, 120, 3, '', 'b', 1, 2, 2),
			(3, 20260801, 1, 500000, 'v3', NULL, NULL, 3, '', 'c', 1, 1, 4),
			(4, 20260801, 1, 700000, 'v4', 50, NULL, 1, '', 'd', 1, 1, 5),
			(5, 20260802, 1, 4000000, 'v5', NULL, NULL, 3, '', 'e', 1, 1, 6),
			(6, 20260802, 1, 250000, 'v6', 0, NULL, 3, '', 'f', 2, 2, 3)`,
		`INSERT INTO entry_history VALUES (1, 2, 2, 1500000, NULL, NULL, 'estimated', '', 'b', 1, 3)`,
		`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 6)
		 INSERT INTO entry_keys SELECT unhex(printf('%032x', i)), i, NULL FROM k`,
		// The totals as version 6 keeps them (0005).
		`INSERT INTO daily_totals (day, groups)
		 SELECT day, json_group_array(json_array(class_id, status, amount, views, qualified_views, entries))
		 FROM (SELECT day, class_id, status, SUM(amount) AS amount, COALESCE(SUM(views), 0) AS views,
		              COALESCE(SUM(qualified_views), 0) AS qualified_views, COUNT(*) AS entries
		       FROM entries GROUP BY 1, 2, 3)
		 GROUP BY day`,
	} {
		if _, err := sdb.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	old.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	check := func(step string, want map[int64][]totalRow) {
		t.Helper()
		if err := db.CheckTotals(ctx); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		for day, w := range want {
			if got := dayGroups(t, db, day); !slices.Equal(got, w) {
				t.Errorf("%s: %d has groups\n%+v\nwant\n%+v", step, day, got, w)
			}
		}
	}
	k := makeTotalKey
	check("migrated", map[int64][]totalRow{
		20260801: {
			{k(20260801, 1, ledger.StatusEstimated), totalSum{amount: 700000, views: 50, entries: 1, rpmAmount: 700000, rpmViews: 50, rpmEntries: 1}},
			{k(20260801, 1, ledger.StatusApproved), totalSum{amount: 2500000, views: 300, qviews: 120, entries: 2, rpmAmount: 2000000, rpmViews: 120, rpmEntries: 1}},
			{k(20260801, 2, ledger.StatusApproved), totalSum{amount: 1000000, views: 100, entries: 1, rpmAmount: 1000000, rpmViews: 100, rpmEntries: 1}},
		},
		20260802: {
			{k(20260802, 1, ledger.StatusApproved), totalSum{amount: 4250000, entries: 2, rpmAmount: 250000, rpmEntries: 1}},
		},
	})
	var ra, rv, rn int64
	if err := db.sql.QueryRow(`SELECT SUM(rpm_amount), SUM(rpm_views), SUM(rpm_entries) FROM daily_totals_view`).Scan(&ra, &rv, &rn); err != nil ||
		ra != 3950000 || rv != 270 || rn != 4 {
		t.Errorf("daily_totals_view rpm sums %d, %d, %d (%v), want 3950000, 270, 4", ra, rv, rn, err)
	}

	if _, err := db.UndoImport(ctx, 2); err != nil {
		t.Fatal(err)
	}
	check("undo", map[int64][]totalRow{
		20260801: {
			{k(20260801, 1, ledger.StatusEstimated), totalSum{amount: 2200000, views: 50, entries: 2, rpmAmount: 700000, rpmViews: 50, rpmEntries: 1}},
			{k(20260801, 1, ledger.StatusApproved), totalSum{amount: 500000, entries: 1}},
			{k(20260801, 2, ledger.StatusApproved), totalSum{amount: 1000000, views: 100, entries: 1, rpmAmount: 1000000, rpmViews: 100, rpmEntries: 1}},
		},
		20260802: {
			{k(20260802, 1, ledger.StatusApproved), totalSum{amount: 4000000, entries: 1}},
		},
	})

	e := earning("2026-08-02", "v7", "3.00", ledger.StatusApproved)
	e.QualifiedViews = ledger.Counted(1500)
	importEntries(t, db, "c", e)
	check("import", map[int64][]totalRow{
		20260802: {
			{k(20260802, 1, ledger.StatusApproved), totalSum{amount: 7000000, qviews: 1500, entries: 2, rpmAmount: 3000000, rpmViews: 1500, rpmEntries: 1}},
		},
	})
}
