package main

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// demoLedger is a ledger with what the demo imports, in the demo's order
// (demoSteps: init and every import but the dry run), then every other
// sample file in demodata/ (a bank statement the demo may not import yet).
func demoLedger(t *testing.T) *ledgerT {
	t.Helper()
	l := newLedger(t)
	imported := map[string]bool{}
	for _, step := range demoSteps {
		if step[0] != "init" && step[0] != "import" || slices.Contains(step, "--dry-run") {
			continue
		}
		args := slices.Clone(step)
		for i, a := range args {
			if _, err := os.Stat(filepath.Join("demodata", a)); err == nil && i > 0 {
				args[i] = filepath.Join("demodata", a)
				imported[a] = true
			}
		}
		l.ok(args...)
	}
	rest, err := filepath.Glob(filepath.Join("demodata", "*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rest {
		if !imported[filepath.Base(f)] {
			l.ok("import", f)
		}
	}
	return l
}

// The demo ledger's journals, reviewed by hand: each entry's two postings
// (assets:tiktok against income:tiktok:creator-rewards, a Stripe fee against
// expenses:fees:stripe, a payout to assets:transit:stripe, PayPal's
// conversion pair against equity:transfers), its provenance as tags or
// metadata, the ECB's USD rates from a week before the first entry as
// prices, and Gumroad's reversed sale and fee posted and undone.
func TestExportJournalGolden(t *testing.T) {
	l := demoLedger(t)
	checkGolden(t, "journal-demo.ledger", l.ok("export", "--format", "ledger"))
	checkGolden(t, "journal-demo.beancount", l.ok("export", "--format", "beancount"))
}

// --from/--to select entries as for csv and json.
func TestExportJournalRange(t *testing.T) {
	l := demoLedger(t)
	csvOut := l.ok("export", "--format", "csv", "--from", "2026-10", "--to", "2026-10")
	entries := strings.Count(csvOut, "\n") - 1
	for _, format := range []string{"ledger", "beancount"} {
		out := l.ok("export", "--format", format, "--from", "2026-10", "--to", "2026-10")
		if !strings.Contains(out, "; Entries from 2026-10-01 to 2026-10-31.\n") {
			t.Errorf("%s: the range is not said:\n%s", format, out)
		}
		var txns int
		for _, line := range strings.Split(out, "\n") {
			if len(line) > 13 && (line[10:13] == " * " || line[10:13] == " ! ") {
				if !strings.HasPrefix(line, "2026-10-") {
					t.Errorf("%s: a transaction outside October: %s", format, line)
				}
				txns++
			}
		}
		if txns != entries {
			t.Errorf("%s: %d transactions, want the %d entries of export --format csv", format, txns, entries)
		}
	}
	if _, errOut, code := l.run("export", "--format", "gnucash"); code != 2 || !strings.Contains(errOut, "csv, json, ledger, beancount") {
		t.Errorf("export --format gnucash: exit %d, %s", code, errOut)
	}
}

// journalLedgers are ledgers the journal tools check: the demo's, and one
// with an entry in every status (reversed earnings and reversals among them)
// plus testdata/native/multi-platform.csv.
func journalLedgers(t *testing.T) map[string]*ledgerT {
	statuses := newLedger(t)
	statuses.ok("import", incomeFixture(t, statusRows))
	statuses.ok("import", fixture("native", "multi-platform.csv"))
	return map[string]*ledgerT{"demo": demoLedger(t), "statuses": statuses}
}

// CI installs Debian's hledger, ledger and beancount (.ci/run); where one is
// missing its subtest is skipped, saying so. Each tool must accept the
// journals strictly and find the income report's total in every currency.
func TestExportJournalTools(t *testing.T) {
	for name, l := range journalLedgers(t) {
		want := incomeByCurrency(t, l.ok("report", "income", "--format", "csv"))
		if len(want) < 2 {
			t.Fatalf("%s: income in %d currencies; the test wants several", name, len(want))
		}
		dir := t.TempDir()
		ledgerFile := filepath.Join(dir, name+".journal")
		beanFile := filepath.Join(dir, name+".beancount")
		if err := os.WriteFile(ledgerFile, []byte(l.ok("export", "--format", "ledger")), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(beanFile, []byte(l.ok("export", "--format", "beancount")), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Run(name+"/hledger", func(t *testing.T) {
			tool(t, "hledger", "check", "--strict", "-f", ledgerFile)
			out := tool(t, "hledger", "balance", "-f", ledgerFile, "^income(:|$)", "--depth", "1", "--no-total", "-O", "csv", "--layout", "bare")
			got := map[string]decimal.Decimal{}
			for _, row := range csvRows(t, out)[1:] { // "account","commodity","balance"
				got[row[1]] = got[row[1]].Sub(decimal.RequireFromString(row[2]))
			}
			sameIncome(t, "hledger", got, want)
		})
		t.Run(name+"/ledger", func(t *testing.T) {
			tool(t, "ledger", "--pedantic", "-f", ledgerFile, "balance")
			out := tool(t, "ledger", "-f", ledgerFile, "register", "^income:", "--format", "%(quantity(amount)) %(commodity(amount))\n")
			got := map[string]decimal.Decimal{}
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				f := strings.Fields(line)
				if len(f) != 2 {
					t.Fatalf("ledger register line %q", line)
				}
				got[f[1]] = got[f[1]].Sub(decimal.RequireFromString(f[0]))
			}
			sameIncome(t, "ledger", got, want)
		})
		t.Run(name+"/beancount", func(t *testing.T) {
			tool(t, "bean-check", beanFile)
			out := tool(t, "bean-query", "-f", "csv", beanFile,
				`SELECT currency, sum(number) AS total WHERE account ~ '^Income:' GROUP BY currency`)
			got := map[string]decimal.Decimal{}
			for _, row := range csvRows(t, out)[1:] { // currency,total
				got[strings.TrimSpace(row[0])] = decimal.RequireFromString(strings.TrimSpace(row[1])).Neg()
			}
			sameIncome(t, "bean-query", got, want)
		})
	}
}

// tool runs a journal tool, skipping the test when it is not installed and
// failing it when the tool fails.
func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed (apt-get install -y hledger ledger beancount); not checked", name)
	}
	out, err := exec.Command(path, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func csvRows(t *testing.T, s string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("not CSV (%v):\n%s", err, s)
	}
	return rows
}

// incomeByCurrency sums report income --format csv per currency.
func incomeByCurrency(t *testing.T, report string) map[string]decimal.Decimal {
	t.Helper()
	out := map[string]decimal.Decimal{}
	for _, row := range csvRows(t, report)[1:] { // period,platform,program,currency,amount
		out[row[3]] = out[row[3]].Add(decimal.RequireFromString(row[4]))
	}
	return out
}

func sameIncome(t *testing.T, who string, got, want map[string]decimal.Decimal) {
	t.Helper()
	for cur, w := range want {
		if g, ok := got[cur]; !ok || !g.Equal(w) {
			t.Errorf("%s: income %s %s, report income says %s", who, g, cur, w)
		}
	}
	for cur, g := range got {
		if _, ok := want[cur]; !ok && !g.IsZero() {
			t.Errorf("%s: income %s %s, which report income does not have", who, g, cur)
		}
	}
}
