package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// incomeFixture writes native entries rows under the native header and
// returns the file's path.
func incomeFixture(t *testing.T, rows string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "entries.csv")
	header := "date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n"
	if err := os.WriteFile(p, []byte(header+rows), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// The clawback of issue 12: a reversal with status reversed counts.
func TestIncomeReversalCounts(t *testing.T) {
	l := newLedger(t)
	l.ok("import", incomeFixture(t, `2026-09-01,tiktok,creator-rewards,earning,20.00,USD,v1,,,approved,,Video
2026-09-02,amazon-associates,associates,earning,9.99,USD,C9,,,reversed,,Commission the network reversed
2026-09-14,tiktok,creator-rewards,reversal,-3.50,USD,,,,reversed,,Clawback
`))
	// 20.00 - 3.50; the reversed commission is no income.
	want := "period,platform,program,currency,amount\n2026-09,tiktok,creator-rewards,USD,16.50\n"
	if got := l.ok("report", "income", "--format", "csv"); got != want {
		t.Errorf("income:\n%s\nwant\n%s", got, want)
	}
}

// statusRows are entries in every status. By hand, per month:
//
//	2026-09 amazon-associates associates USD  pending 6.00 (the reversed 9.99 is no income)
//	2026-09 tiktok creator-rewards USD  estimated 10.00 + 2.50 = 12.50, approved 20.00,
//	        reversed -3.50 (the clawback): 29.00
//	2026-09 tiktok live-gifts      USD  paid 5.00
//	2026-09 tiktok subscriptions   EUR  pending 4.00
//	2026-09 tiktok subtotal        USD  29.00 + 5.00 = 34.00: estimated 12.50, approved 20.00,
//	        paid 5.00, reversed -3.50 (EUR has one line: no subtotal)
//	2026-10 tiktok creator-rewards USD  pending 7.00
//	total EUR 4.00 (pending); USD 6.00 + 29.00 + 5.00 + 7.00 = 47.00: estimated 12.50,
//	        pending 6.00 + 7.00 = 13.00, approved 20.00, paid 5.00, reversed -3.50
const statusRows = `2026-09-01,tiktok,creator-rewards,earning,10.00,USD,v1,,,estimated,,Video 1
2026-09-02,tiktok,creator-rewards,earning,2.50,USD,v2,,,estimated,,Video 2
2026-09-03,tiktok,creator-rewards,earning,20.00,USD,v3,,,approved,,Video 3
2026-09-14,tiktok,creator-rewards,reversal,-3.50,USD,,,,reversed,,Clawback
2026-09-20,tiktok,live-gifts,earning,5.00,USD,,,,paid,,LIVE gifts
2026-09-21,tiktok,subscriptions,earning,4.00,EUR,,,,pending,,Subscriptions
2026-09-02,amazon-associates,associates,earning,9.99,USD,C9,,,reversed,,Commission the network reversed
2026-09-05,amazon-associates,associates,earning,6.00,USD,C10,,,pending,,Commission
2026-09-30,tiktok,live-gifts,payout,-5.00,USD,WD-1,,,paid,,Withdrawal
2026-10-01,tiktok,creator-rewards,earning,7.00,USD,v4,,,pending,,Video 4
`

// cells splits a people's table into its cells by the columns that its
// rule line (the second) marks, keyed by the header's names.
func cells(t *testing.T, table string) (header []string, rows []map[string]string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(table, "\n"), "\n")
	if len(lines) < 2 {
		t.Fatalf("not a table:\n%s", table)
	}
	type span struct{ from, to int }
	var spans []span
	rule := lines[1]
	for i := 0; i < len(rule); {
		if rule[i] != '-' {
			i++
			continue
		}
		j := i
		for j < len(rule) && rule[j] == '-' {
			j++
		}
		spans = append(spans, span{i, j})
		i = j
	}
	cut := func(line string) []string {
		out := make([]string, len(spans))
		for k, s := range spans {
			if s.from < len(line) {
				out[k] = strings.TrimSpace(line[s.from:min(s.to, len(line))])
			}
		}
		return out
	}
	header = cut(lines[0])
	for _, l := range lines[2:] {
		if strings.HasPrefix(l, "---") {
			continue
		}
		m := map[string]string{}
		for k, v := range cut(l) {
			if v != "" {
				m[header[k]] = v
			}
		}
		rows = append(rows, m)
	}
	return header, rows
}

func TestIncomeStatusBreakdown(t *testing.T) {
	l := newLedger(t)
	l.ok("import", incomeFixture(t, statusRows))
	table := l.ok("report", "income")
	checkGolden(t, "income-status.table", table)
	header, rows := cells(t, l.ok("report", "income", "--wide")) // in 100 columns, amazon-associates is cut
	if got, want := strings.Join(header, " "), "period platform program cur amount estimated pending approved paid reversed"; got != want {
		t.Errorf("columns %q, want %q", got, want)
	}
	line := func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	want := []map[string]string{
		line("period", "2026-09", "platform", "amazon-associates", "program", "associates", "cur", "USD", "amount", "6.00", "pending", "6.00"),
		line("period", "2026-09", "platform", "tiktok", "program", "creator-rewards", "cur", "USD", "amount", "29.00",
			"estimated", "12.50", "approved", "20.00", "reversed", "-3.50"),
		line("period", "2026-09", "platform", "tiktok", "program", "live-gifts", "cur", "USD", "amount", "5.00", "paid", "5.00"),
		line("period", "2026-09", "platform", "tiktok", "program", "subscriptions", "cur", "EUR", "amount", "4.00", "pending", "4.00"),
		line("period", "2026-09", "platform", "tiktok", "program", "subtotal", "cur", "USD", "amount", "34.00",
			"estimated", "12.50", "approved", "20.00", "paid", "5.00", "reversed", "-3.50"),
		line("period", "2026-10", "platform", "tiktok", "program", "creator-rewards", "cur", "USD", "amount", "7.00", "pending", "7.00"),
		line("period", "total", "cur", "EUR", "amount", "4.00", "pending", "4.00"),
		line("period", "total", "cur", "USD", "amount", "47.00",
			"estimated", "12.50", "pending", "13.00", "approved", "20.00", "paid", "5.00", "reversed", "-3.50"),
	}
	if len(rows) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(rows), len(want), table)
	}
	for i := range want {
		if !equalMaps(rows[i], want[i]) {
			t.Errorf("line %d: %v\nwant %v", i+1, rows[i], want[i])
		}
	}
	for _, l := range strings.Split(table, "\n") {
		if strings.HasSuffix(l, " ") {
			t.Errorf("line ends in a space: %q", l)
		}
	}

	// The machine formats keep the contract's columns and have no subtotals.
	csv := l.ok("report", "income", "--format", "csv")
	wantCSV := `period,platform,program,currency,amount
2026-09,amazon-associates,associates,USD,6.00
2026-09,tiktok,creator-rewards,USD,29.00
2026-09,tiktok,live-gifts,USD,5.00
2026-09,tiktok,subscriptions,EUR,4.00
2026-10,tiktok,creator-rewards,USD,7.00
`
	if csv != wantCSV {
		t.Errorf("csv:\n%s\nwant\n%s", csv, wantCSV)
	}
	js := l.ok("report", "income", "--format", "json")
	if strings.Contains(js, "subtotal") || strings.Contains(js, "estimated") || strings.Count(js, `"amount"`) != 5 {
		t.Errorf("json has more than the contract's rows and columns:\n%s", js)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestIncomeStatusFilter(t *testing.T) {
	l := newLedger(t)
	l.ok("import", incomeFixture(t, statusRows))
	for _, c := range []struct {
		status, want string
	}{
		{"estimated,pending", `period,platform,program,currency,amount
2026-09,amazon-associates,associates,USD,6.00
2026-09,tiktok,creator-rewards,USD,12.50
2026-09,tiktok,subscriptions,EUR,4.00
2026-10,tiktok,creator-rewards,USD,7.00
`},
		// The clawback only: the reversed commission is no income at all.
		{"reversed", "period,platform,program,currency,amount\n2026-09,tiktok,creator-rewards,USD,-3.50\n"},
		{" Paid ", "period,platform,program,currency,amount\n2026-09,tiktok,live-gifts,USD,5.00\n"},
	} {
		if got := l.ok("report", "income", "--status", c.status, "--format", "csv"); got != c.want {
			t.Errorf("--status %q:\n%s\nwant\n%s", c.status, got, c.want)
		}
	}
	// The table shows only the statuses asked for.
	header, _ := cells(t, l.ok("report", "income", "--status", "approved,paid", "--platform", "tiktok"))
	if got, want := strings.Join(header, " "), "period platform program cur amount approved paid"; got != want {
		t.Errorf("columns %q, want %q", got, want)
	}
	if got := l.ok("report", "income", "--status", "approved", "--platform", "amazon-associates"); got != "(nothing to show)\n" {
		t.Errorf("no approved amazon income: %q", got)
	}
}

func TestIncomeBadStatus(t *testing.T) {
	l := newLedger(t)
	l.ok("import", incomeFixture(t, statusRows))
	for _, arg := range []string{"bogus", "estimated,", "pending,settled", ""} {
		out, errOut, code := l.run("report", "income", "--status", arg)
		if code != 2 {
			t.Errorf("--status %q: exit %d, want 2", arg, code)
		}
		if out != "" || !strings.HasPrefix(errOut, "creatorledger: --status ") || !strings.Contains(errOut, "estimated, pending, approved, paid, reversed") {
			t.Errorf("--status %q: stdout %q stderr %q", arg, out, errOut)
		}
	}
	help := l.ok("report", "income", "--help")
	for _, want := range []string{"--status STATUSES", "--status estimated,pending", "estimated, pending, approved, paid, reversed"} {
		if !strings.Contains(help, want) {
			t.Errorf("--help lacks %q:\n%s", want, help)
		}
	}
}

// The people's income tables of the demo fit in 100 columns.
func TestIncomeDemoWidth(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"creatorledger", "demo"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, errOut.String())
	}
	in, n := false, 0
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, "$ ") {
			in = strings.HasPrefix(l, "$ creatorledger report income") && !strings.Contains(l, "--format")
			continue
		}
		if in {
			n++
			if w := utf8.RuneCountInString(l); w > 100 {
				t.Errorf("%d columns: %s", w, l)
			}
		}
	}
	if n < 10 {
		t.Errorf("found %d lines of income tables in the demo", n)
	}
}
