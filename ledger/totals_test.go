package ledger

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTotalKey: a daily-totals key gives back its day, class and status,
// at the ends of their ranges too, and keys order as (day, class, status)
// do, the table's order.
func TestTotalKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	type parts struct {
		day, class int64
		status     Status
	}
	var ps []parts
	for _, day := range []int64{10101, 20260930, 99991231} {
		for _, class := range []int64{1, 2, 1<<32 - 1} {
			for _, s := range Statuses {
				ps = append(ps, parts{day, class, s})
			}
		}
	}
	for i := 0; i < 200; i++ {
		ps = append(ps, parts{int64(10101 + rng.IntN(99981130)), int64(1 + rng.IntN(1<<32-1)), Statuses[rng.IntN(len(Statuses))]})
	}
	for _, p := range ps {
		k := makeTotalKey(p.day, p.class, p.status)
		if k.day() != p.day || k.class() != p.class || statusOf(k.statusCode()) != p.status {
			t.Fatalf("%+v came back as %d %d %d", p, k.day(), k.class(), k.statusCode())
		}
	}
	for _, a := range ps {
		for _, b := range ps[:50] {
			want := cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.class, b.class), cmp.Compare(a.status.code(), b.status.code()))
			if got := cmp.Compare(makeTotalKey(a.day, a.class, a.status), makeTotalKey(b.day, b.class, b.status)); got != want {
				t.Fatalf("%+v vs %+v: %d, want %d", a, b, got, want)
			}
		}
	}
}

// TestGroupsText: a day's groups are written as SQLite's JSON functions
// write them (the form migration 0005 gives existing ledgers), and read
// back from either; anything else is refused.
func TestGroupsText(t *testing.T) {
	day := int64(20260930)
	rows := []totalRow{
		{makeTotalKey(day, 1, StatusEstimated), totalSum{amount: 1250000, entries: 2}},
		{makeTotalKey(day, 1, StatusReversed), totalSum{amount: -50000, views: 0, entries: 1}},
		{makeTotalKey(day, 1<<32-1, StatusPaid), totalSum{amount: -9223372036854775808, views: 9223372036854775807, qviews: 12, entries: 3}},
	}
	text := string(appendGroups(nil, rows))

	db := newTestDB(t)
	var sqlText string
	if err := db.sql.QueryRow(`SELECT json_group_array(json_array(c, s, a, v, q, n)) FROM (
		SELECT 1 AS c, 1 AS s, 1250000 AS a, 0 AS v, 0 AS q, 2 AS n UNION ALL
		SELECT 1, 5, -50000, 0, 0, 1 UNION ALL
		SELECT 4294967295, 4, -9223372036854775808, 9223372036854775807, 12, 3)`).Scan(&sqlText); err != nil {
		t.Fatal(err)
	}
	if text != sqlText {
		t.Errorf("appendGroups wrote\n%s\nSQLite writes\n%s", text, sqlText)
	}
	for _, in := range []string{text, " [ [1, 1, 1250000, 0, 0, 2] ,[1,5,-50000,0,0,1],\n[4294967295,4,-9223372036854775808,9223372036854775807,12,3] ] "} {
		got, err := parseGroups(day, []byte(in), nil)
		if err != nil || !slices.Equal(got, rows) {
			t.Errorf("parseGroups(%q) = %v, %v; want %v", in, got, err, rows)
		}
	}
	if got, err := parseGroups(day, []byte("[]"), nil); err != nil || len(got) != 0 {
		t.Errorf("parseGroups([]) = %v, %v", got, err)
	}
	for _, in := range []string{"", "[", "[[1,1,1,1,1,1]", "[[1,1,1,1,1]]", "[[1,1,1,1,1,1,1]]", "[[1,0,1,1,1,1]]",
		"[[1,6,1,1,1,1]]", "[[-1,1,1,1,1,1]]", "[[4294967296,1,1,1,1,1]]", "[[1,1,1.5,1,1,1]]", "[[1,1,9223372036854775808,1,1,1]]",
		"[[1,1,1,1,1,1]]x", "[[1,1,1,1,1,1] [1,1,1,1,1,1]]", `{"a":1}`, "[[1,1,-,1,1,1]]", "[1,1,1,1,1,1]"} {
		if got, err := parseGroups(day, []byte(in), nil); err == nil {
			t.Errorf("parseGroups(%q) = %v, want an error", in, got)
		}
	}
}

// TestSumGroups: rows of one day are added up by group, in the table's
// order, and a group left with no entries goes.
func TestSumGroups(t *testing.T) {
	day := int64(20260101)
	k := func(class int64, s Status) totalKey { return makeTotalKey(day, class, s) }
	got := sumGroups([]totalRow{
		{k(9, StatusPaid), totalSum{amount: 5, entries: 1}},
		{k(2, StatusPending), totalSum{amount: 7, views: 100, entries: 2}},
		{k(9, StatusPaid), totalSum{amount: -5, entries: -1}}, // its only entry undone
		{k(2, StatusPending), totalSum{amount: 1, qviews: 3, entries: 1}},
		{k(2, StatusEstimated), totalSum{amount: 4, entries: 1}},
	})
	want := []totalRow{
		{k(2, StatusEstimated), totalSum{amount: 4, entries: 1}},
		{k(2, StatusPending), totalSum{amount: 8, views: 100, qviews: 3, entries: 3}},
	}
	if !slices.Equal(got, want) {
		t.Errorf("sumGroups = %v, want %v", got, want)
	}
}

// FuzzParseGroups: any text gives groups or an error, never a panic, and
// groups read come back the same through appendGroups.
func FuzzParseGroups(f *testing.F) {
	for _, s := range []string{"[]", "[[1,1,1250000,0,0,2]]", "[[1,5,-50000,0,0,1],[2,4,3,4,5,6]]", " [ [1 ,2,3,4,5,6] ] ", "[[1,1,1,1,1,1]"} {
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
