package importers

import (
	"strings"
	"testing"
)

// balanceProfile reads a small statement with a balance after each row,
// in one or more currencies.
const balanceProfile = `source bal
header Date,Amount,Currency,Balance
date-format yyyy-mm-dd
decimal .
set platform bank
set program current
set kind transfer
map date Date
map amount Amount
map currency Currency
balance Balance
`

// The order rule: the dates set the direction, a day's rows may be listed
// either way (all of them one way), and nothing else explains a break.
func TestBalanceOrder(t *testing.T) {
	p := mustProfile(t, balanceProfile)
	const head = "Date,Amount,Currency,Balance\n"
	for _, c := range []struct {
		name, rows string
		err        string // "" for a statement whose balances chain
	}{
		{"oldest first", "2026-09-01,10,EUR,110\n2026-09-02,-5,EUR,105\n2026-09-03,2.5,EUR,107.5\n", ""},
		{"newest first", "2026-09-03,2.5,EUR,107.5\n2026-09-02,-5,EUR,105\n2026-09-01,10,EUR,110\n", ""},
		{"oldest first, a day newest first", "2026-09-01,10,EUR,110\n2026-09-02,3,EUR,112\n2026-09-02,-1,EUR,109\n2026-09-03,1,EUR,113\n", ""},
		{"newest first, a day oldest first", "2026-09-03,1,EUR,113\n2026-09-02,-1,EUR,109\n2026-09-02,3,EUR,112\n2026-09-01,10,EUR,110\n", ""},
		{"one day only, newest first", "2026-09-01,1,EUR,103\n2026-09-01,2,EUR,102\n", ""},
		{"amounts that cancel in a day", "2026-09-01,0,EUR,100\n2026-09-02,5,EUR,105\n2026-09-02,-5,EUR,100\n2026-09-03,1,EUR,101\n", ""},
		{"rows without a balance are passed over", "2026-09-01,10,EUR,110\n2026-09-02,-7,EUR,\n2026-09-03,1,EUR,111\n", ""},
		{"currencies run apart", "2026-09-01,10,EUR,110\n2026-09-01,5,USD,5\n2026-09-02,1,EUR,111\n2026-09-03,-5,USD,0\n", ""},
		{"missing row, oldest first", "2026-09-01,10,EUR,110\n2026-09-03,2.5,EUR,107.5\n",
			`t.csv:3:4: Balance: "107.5" is not the balance before plus this row (expected 110.00 + 2.50 = 112.50: the balance on line 2 plus this row's amount): a row may be missing or doubled between lines 2 and 3`},
		{"doubled row, newest first", "2026-09-03,2.5,EUR,107.5\n2026-09-02,-5,EUR,105\n2026-09-02,-5,EUR,105\n2026-09-01,10,EUR,110\n",
			`t.csv:4:4: Balance: "105" is not the balance before the row above, newest first (expected 105.00 + 5.00 = 110.00: the balance on line 3 less that row's amount): a row may be missing or doubled between lines 3 and 4`},
		{"a day shuffled", "2026-09-01,0,EUR,100\n2026-09-02,2,EUR,103\n2026-09-02,1,EUR,101\n2026-09-02,4,EUR,107\n",
			`t.csv:4:4: Balance: "101" is not the balance before plus this row`},
		{"a break in one currency only", "2026-09-01,10,EUR,110\n2026-09-01,5,USD,5\n2026-09-02,1,EUR,111\n2026-09-03,-5,USD,1\n",
			`t.csv:5:4: Balance: "1" is not the balance before plus this row (expected 5.00 - 5.00 = 0.00: the balance on line 3`},
		{"not an amount", "2026-09-01,10,EUR,1O\n", `t.csv:2:4: Balance: "1O" is not an amount`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseWith(t, p, "t.csv", head+c.rows)
			switch {
			case c.err == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.err != "" && err == nil:
				t.Fatalf("accepted; want %s", c.err)
			case c.err != "" && !strings.HasPrefix(err.Error(), c.err):
				t.Fatalf("error\n%v\nwant it to start\n%s", err, c.err)
			}
		})
	}
}

// A missing balance column is an error unless the profile says
// balance-optional; the directive may be given once.
func TestBalanceDirective(t *testing.T) {
	p := mustProfile(t, balanceProfile)
	if _, err := parseWith(t, p, "t.csv", "Date,Amount,Currency\n2026-09-01,1,EUR\n"); err == nil || !strings.Contains(err.Error(), `no column "Balance" (profile bal checks the running balance in it)`) {
		t.Fatalf("missing column: %v", err)
	}
	q := mustProfile(t, strings.Replace(balanceProfile, "balance Balance", "balance-optional Balance", 1))
	if _, err := parseWith(t, q, "t.csv", "Date,Amount,Currency\n2026-09-01,1,EUR\n2026-09-03,1,EUR\n"); err != nil {
		t.Fatalf("optional column absent: %v", err)
	}
	if _, err := parseWith(t, q, "t.csv", "Date,Amount,Currency,Balance\n2026-09-01,1,EUR,1\n2026-09-03,1,EUR,3\n"); err == nil {
		t.Fatal("optional column present: break accepted")
	}
	_, err := ParseProfile("test.profile", strings.NewReader(balanceProfile+"balance-optional Saldo\n"))
	if err == nil || !strings.Contains(err.Error(), "test.profile:12: balance is already set on line 11") {
		t.Fatalf("twice: %v", err)
	}
}

// A row that cannot be read restarts the chain after it (its gap is not
// reported again), and a later break is still found.
func TestBalanceAfterRowError(t *testing.T) {
	p := mustProfile(t, balanceProfile)
	_, err := parseWith(t, p, "t.csv", "Date,Amount,Currency,Balance\n"+
		"2026-09-01,1,EUR,101\n2026-09-02,x,EUR,102\n2026-09-03,1,EUR,103\n2026-09-04,1,EUR,104\n2026-09-05,1,EUR,150\n2026-09-06,1,EUR,151\n")
	want := `t.csv:3:2: Amount: "x" is not an amount`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got %v; want it to start %s", err, want)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], `t.csv:6:4: Balance: "150" is not the balance before plus this row (expected 104.00 + 1.00 = 105.00`) {
		t.Fatalf("got %q; want the amount error and one break at line 6", lines)
	}
}
