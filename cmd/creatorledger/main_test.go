package main

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files in ../../testdata")

// fixture is a path in the repository's testdata.
func fixture(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata"}, parts...)...)
}

// ledgerT runs the CLI against one ledger file.
type ledgerT struct {
	t  *testing.T
	db string
}

func newLedger(t *testing.T) *ledgerT {
	return &ledgerT{t: t, db: filepath.Join(t.TempDir(), "ledger.db")}
}

// run runs creatorledger --db <ledger> args... and returns stdout, stderr
// and the exit status.
func (l *ledgerT) run(args ...string) (string, string, int) {
	l.t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"creatorledger", "--db", l.db}, args...), strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

// ok runs a command that must succeed and returns its stdout.
func (l *ledgerT) ok(args ...string) string {
	l.t.Helper()
	out, errOut, code := l.run(args...)
	if code != 0 {
		l.t.Fatalf("creatorledger %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// state is everything a person can see of the ledger: all entries and the
// import records.
func (l *ledgerT) state() string {
	l.t.Helper()
	return l.ok("export", "--format", "csv") + l.ok("imports", "list", "--format", "csv")
}

// squeeze folds runs of spaces in each line of a table to one space.
func squeeze(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := fixture("reports", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no golden file (go test ./cmd/creatorledger -update, then review it): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s differs\n--- got\n%s--- want\n%s", name, got, want)
	}
}

// The income of testdata/native/multi-platform.csv, worked out by hand:
//
//	2026-01 tiktok creator-rewards USD  12.34 + 8.10          = 20.44
//	2026-01 tiktok live-gifts      USD                          5.25
//	2026-01 youtube long-form      USD                        101.99
//	2026-02 amazon-associates      GBP   3.30 - 1.10 (return) =  2.20
//	2026-02 gumroad seller         USD   9.00 (the 0.99 fee is no income) = 9.00
//	2026-02 sponsorship tiktok     EUR                        500.00
//	        (the tiktok payout of -50.00 is no income)
//	2026-03 tiktok creator-rewards USD   0.005 + 0.005 (two identical rows) = 0.01
//	2026-03 youtube long-form      USD  -2.00 (deduction)      = -2.00
//	        (the ING transfer is no income)
//	totals: USD 20.44 + 5.25 + 101.99 + 9.00 + 0.01 - 2.00 = 134.69; GBP 2.20; EUR 500.00
const handIncomeByMonth = `period,platform,program,currency,amount
2026-01,tiktok,creator-rewards,USD,20.44
2026-01,tiktok,live-gifts,USD,5.25
2026-01,youtube,long-form,USD,101.99
2026-02,amazon-associates,associates,GBP,2.20
2026-02,gumroad,seller,USD,9.00
2026-02,sponsorship,tiktok,EUR,500.00
2026-03,tiktok,creator-rewards,USD,0.01
2026-03,youtube,long-form,USD,-2.00
`

func TestIncomeMatchesHandCalculation(t *testing.T) {
	l := newLedger(t)
	out := l.ok("import", fixture("native", "multi-platform.csv"))
	if !strings.Contains(out, "14 rows: 14 new, 0 duplicates, 0 updated") {
		t.Errorf("import summary: %s", out)
	}
	if got := l.ok("report", "income", "--format", "csv"); got != handIncomeByMonth {
		t.Errorf("income by month\n--- got\n%s--- hand calculation\n%s", got, handIncomeByMonth)
	}
	// Quarter: creator-rewards 20.44 + 0.01; youtube 101.99 - 2.00.
	q := l.ok("report", "income", "--by", "quarter", "--platform", "youtube", "--format", "csv")
	if q != "period,platform,program,currency,amount\n2026-Q1,youtube,long-form,USD,99.99\n" {
		t.Errorf("youtube by quarter:\n%s", q)
	}
	// The amount, then the amount per status (estimated, approved, paid
	// here): USD estimated 0.005 + 0.005, approved 12.34 + 8.10 + 5.25 +
	// 101.99 - 2.00, paid 9.00.
	table := squeeze(l.ok("report", "income", "--by", "year"))
	for _, want := range []string{"\ntotal EUR 500.00 500.00\n", "\ntotal GBP 2.20 2.20\n", "\ntotal USD 134.69 0.01 125.68 9.00\n", "\n2026 youtube long-form USD 99.99 99.99\n"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}

func TestIncomeGolden(t *testing.T) {
	l := newLedger(t)
	l.ok("import", fixture("native", "multi-platform.csv"), fixture("native", "quirks.csv"))
	for _, c := range []struct{ name, by, format string }{
		{"income-month.table", "month", "table"},
		{"income-quarter.csv", "quarter", "csv"},
		{"income-year.json", "year", "json"},
	} {
		checkGolden(t, c.name, l.ok("report", "income", "--by", c.by, "--format", c.format))
	}
	checkGolden(t, "income-feb-mar.csv", l.ok("report", "income", "--from", "2026-02", "--to", "2026-03-15", "--format", "csv"))
}

func TestExportImportRoundTrip(t *testing.T) {
	a := newLedger(t)
	a.ok("import", fixture("native", "multi-platform.csv"), fixture("native", "quirks.csv"))
	exported := a.ok("export", "--format", "csv")
	file := filepath.Join(t.TempDir(), "entries.csv")
	if err := os.WriteFile(file, []byte(exported), 0o600); err != nil {
		t.Fatal(err)
	}

	// Into a fresh ledger: the same entries and the same reports.
	b := newLedger(t)
	b.ok("import", file)
	if got := b.ok("export", "--format", "csv"); got != exported {
		t.Errorf("export of the re-imported ledger differs\n--- first\n%s--- second\n%s", exported, got)
	}
	if a.ok("report", "income", "--format", "csv") != b.ok("report", "income", "--format", "csv") {
		t.Error("income reports differ after the round trip")
	}
	if a.ok("export", "--format", "json") != b.ok("export", "--format", "json") {
		t.Error("json exports differ after the round trip")
	}

	// Into the same ledger: every entry is recognised.
	out := a.ok("import", file)
	if !strings.Contains(out, "18 rows: 0 new, 18 duplicates, 0 updated") {
		t.Errorf("importing the export into its own ledger: %s", out)
	}
	if got := a.ok("export", "--format", "csv"); got != exported {
		t.Error("importing the export into its own ledger changed it")
	}
}

func TestReimportIsNoOp(t *testing.T) {
	l := newLedger(t)
	f := fixture("native", "multi-platform.csv")
	l.ok("import", f)
	before := l.state()
	out := l.ok("import", f)
	if !strings.Contains(out, "already imported as import 1") || !strings.Contains(out, "nothing to do") {
		t.Errorf("second import of the same file: %s", out)
	}
	if after := l.state(); after != before {
		t.Errorf("second import changed the ledger\n--- before\n%s--- after\n%s", before, after)
	}
}

func TestOverlappingExport(t *testing.T) {
	l := newLedger(t)
	dir := t.TempDir()
	header := "date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n"
	gift := "2026-08-15,tiktok,live-gifts,earning,18.40,USD,,,,approved,,LIVE gifts\n"
	est := "2026-08-03,tiktok,creator-rewards,earning,41.2871,USD,7398812203344556677,88412,61877,estimated,,Thrift flip\n"
	fin := "2026-08-03,tiktok,creator-rewards,earning,43.1022,USD,7398812203344556677,91873,64004,approved,,Thrift flip\n"
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(header+body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	out := l.ok("import", write("aug.csv", gift+gift+est))
	if !strings.Contains(out, "3 rows: 3 new, 0 duplicates, 0 updated") {
		t.Errorf("two identical rows must stay two entries: %s", out)
	}
	dry := l.ok("import", "--dry-run", write("sep.csv", gift+gift+fin+gift))
	if !strings.Contains(dry, "would import 4 rows: 1 new, 2 duplicates, 1 updated") {
		t.Errorf("dry run: %s", dry)
	}
	before := l.state()
	if l.state() != before || strings.Contains(l.ok("imports", "list"), "sep.csv") {
		t.Error("dry run wrote to the ledger")
	}
	out = l.ok("import", filepath.Join(dir, "sep.csv"))
	if !strings.Contains(out, "4 rows: 1 new, 2 duplicates, 1 updated") {
		t.Errorf("overlapping export: %s", out)
	}
	income := l.ok("report", "income", "--format", "csv")
	// 3 gifts x 18.40 = 55.20; the estimate 41.2871 was replaced by 43.1022.
	want := "period,platform,program,currency,amount\n2026-08,tiktok,creator-rewards,USD,43.1022\n2026-08,tiktok,live-gifts,USD,55.20\n"
	if income != want {
		t.Errorf("income after the overlapping export:\n%s", income)
	}
}

func TestBadAmountChangesNothing(t *testing.T) {
	l := newLedger(t)
	l.ok("import", fixture("native", "multi-platform.csv"))
	before := l.state()
	out, errOut, code := l.run("import", fixture("native", "bad-amount.csv"))
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	want := `bad-amount.csv:7:5: amount: "1,2O" is not an amount`
	if !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
	if !strings.Contains(errOut, "nothing imported from this file") {
		t.Errorf("stderr does not say nothing was imported:\n%s", errOut)
	}
	if strings.Contains(out, "import 2") {
		t.Errorf("stdout reports an import: %s", out)
	}
	if after := l.state(); after != before {
		t.Errorf("a refused file changed the ledger\n--- before\n%s--- after\n%s", before, after)
	}
	// The same file again is still refused (it was never recorded as imported).
	if _, _, code := l.run("import", fixture("native", "bad-amount.csv")); code != 1 {
		t.Errorf("second try: exit %d, want 1", code)
	}
}

// TestRefusedFirstImportCreatesNoLedger: a first import whose files are all
// refused leaves nothing behind, not even an empty ledger; one good file is
// enough to create it.
func TestRefusedFirstImportCreatesNoLedger(t *testing.T) {
	l := &ledgerT{t: t, db: filepath.Join(t.TempDir(), "new", "ledger.db")}
	_, errOut, code := l.run("import", fixture("native", "bad-amount.csv"), fixture("native", "bad-date-currency.csv"))
	if code != 1 || !strings.Contains(errOut, "nothing imported: no ledger created at "+l.db) {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(l.db), "*"))
	hidden, _ := filepath.Glob(filepath.Join(filepath.Dir(l.db), ".*"))
	if len(left)+len(hidden) != 0 {
		t.Errorf("a refused first import left %v %v", left, hidden)
	}
	if _, errOut, code := l.run("report", "income"); code != 1 || !strings.Contains(errOut, "no ledger at") {
		t.Errorf("report after a refused first import: exit %d, %s", code, errOut)
	}
	_, _, code = l.run("import", fixture("native", "bad-amount.csv"), fixture("native", "multi-platform.csv"))
	if code != 1 {
		t.Errorf("one bad, one good file: exit %d, want 1", code)
	}
	if ims := l.ok("imports", "list", "--format", "csv"); strings.Count(ims, "\n") != 2 || !strings.Contains(ims, "multi-platform.csv") {
		t.Errorf("imports after one good file:\n%s", ims)
	}
	if hidden, _ := filepath.Glob(filepath.Join(filepath.Dir(l.db), ".*")); len(hidden) != 0 {
		t.Errorf("the new ledger's build files were left: %v", hidden)
	}
	if st, err := os.Stat(l.db); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("new ledger: %v %v, want mode 0600", st, err)
	}
	// It was built without the write-ahead log (sqlite.CreateUnshared) and
	// must have it now, as readers during later imports need it.
	checkIntact(t, l.db)
	sdb, err := sql.Open("sqlite", l.db)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	var mode string
	if err := sdb.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("the new ledger's journal mode is %q (%v), want wal", mode, err)
	}
}

// TestStaleNewLedgersRemoved: a first import removes the half-built ledgers
// that killed first imports left beside the path, a day ago or a moment
// ago: no live process holds them. (TestKilledFirstImportLeftovers: one
// that a live process holds stays.)
func TestStaleNewLedgersRemoved(t *testing.T) {
	dir := t.TempDir()
	l := &ledgerT{t: t, db: filepath.Join(dir, "ledger.db")}
	old := time.Now().Add(-25 * time.Hour)
	for _, name := range []string{".ledger.db.new-111", ".ledger.db.new-111-wal", ".ledger.db.new-222"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if name != ".ledger.db.new-222" {
			os.Chtimes(filepath.Join(dir, name), old, old)
		}
	}
	l.ok("import", fixture("native", "multi-platform.csv"))
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if want := []string{"ledger.db"}; !slices.Equal(left, want) {
		t.Errorf("files after a first import: %v, want %v", left, want)
	}
}

func TestGoodFilesImportWhenOneIsBad(t *testing.T) {
	l := newLedger(t)
	out, errOut, code := l.run("import", fixture("native", "bad-date-currency.csv"), fixture("native", "multi-platform.csv"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(out, "multi-platform.csv (native): import 1") {
		t.Errorf("the good file was not imported: %s", out)
	}
	if !strings.Contains(errOut, `bad-date-currency.csv:2:1: date: "2026-02-31" is not a date`) {
		t.Errorf("stderr:\n%s", errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	l := newLedger(t)
	l.ok("init")
	for _, args := range [][]string{
		{"bogus"},
		{"--nope"},
		{"import"},
		{"import", "--as", "nosuch", "x.csv"},
		{"report", "income", "--by", "week"},
		{"report", "income", "--format", "xml"},
		{"report", "income", "--from", "2026-13"},
		{"report", "income", "--from", "2026-05", "--to", "2026-04"},
		{"imports", "show", "x"},
		{"imports", "undo"},
		{"export", "--format", "gnucash"},
		{"init", "--country", "Netherlands"},
		{"init", "--currency", "EURO"},
		{"sources", "extra"},
	} {
		_, errOut, code := l.run(args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, code, errOut)
		}
		if !strings.HasPrefix(errOut, "creatorledger: ") {
			t.Errorf("%v: stderr %q does not start with 'creatorledger: '", args, errOut)
		}
	}
}

func TestFailures(t *testing.T) {
	l := newLedger(t)
	// No ledger yet: reading commands say how to make one.
	_, errOut, code := l.run("report", "income")
	if code != 1 || !strings.Contains(errOut, "no ledger at") || !strings.Contains(errOut, "try: creatorledger init") {
		t.Errorf("report without a ledger: exit %d %q", code, errOut)
	}
	if _, err := os.Stat(l.db); err == nil {
		t.Error("a reading command created the ledger")
	}
	_, errOut, code = l.run("import", filepath.Join(t.TempDir(), "missing.csv"))
	if code != 1 || !strings.Contains(errOut, "missing.csv") {
		t.Errorf("missing file: exit %d %q", code, errOut)
	}
	unknown := filepath.Join(t.TempDir(), "unknown.csv")
	os.WriteFile(unknown, []byte("Foo,Bar\n1,2\n"), 0o600)
	_, errOut, code = l.run("import", unknown)
	if code != 1 || !strings.Contains(errOut, `header "Foo,Bar" matches no source (known: native`) || !strings.Contains(errOut, "try: creatorledger import --as SOURCE") {
		t.Errorf("unknown format: exit %d %q", code, errOut)
	}
	empty := filepath.Join(t.TempDir(), "empty.csv")
	os.WriteFile(empty, nil, 0o600)
	if _, errOut, code = l.run("import", empty); code != 1 || !strings.Contains(errOut, "empty file") {
		t.Errorf("empty file: exit %d %q", code, errOut)
	}
	binary := filepath.Join(t.TempDir(), "photo.csv")
	os.WriteFile(binary, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o600)
	if _, errOut, code = l.run("import", binary); code != 1 || !strings.Contains(errOut, "binary file") {
		t.Errorf("binary file: exit %d %q", code, errOut)
	}
}

func TestDefaultDBPath(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CREATORLEDGER_DB", "")
	t.Setenv("XDG_DATA_HOME", dir)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"creatorledger", "init", "--country", "nl"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("init: %d %s", code, errOut.String())
	}
	path := filepath.Join(dir, "creatorledger", "ledger.db")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatalf("ledger not at the XDG default: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("ledger mode %v, want 0600", st.Mode().Perm())
	}
	if !strings.Contains(out.String(), "country: NL") {
		t.Errorf("init output: %s", out.String())
	}
	env := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("CREATORLEDGER_DB", env)
	out.Reset()
	if code := run(context.Background(), []string{"creatorledger", "init"}, nil, &out, &errOut); code != 0 {
		t.Fatal(errOut.String())
	}
	if _, err := os.Stat(env); err != nil {
		t.Errorf("$CREATORLEDGER_DB not used: %v", err)
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	l := newLedger(t)
	l.ok("import", fixture("native", "quirks.csv"))
	exp := l.ok("export", "--format", "csv")
	if !strings.Contains(exp, ",'=cmd,") || !strings.Contains(exp, ",'@vendor,'-5 stars") {
		t.Errorf("export does not neutralise formula cells:\n%s", exp)
	}
	if strings.Contains(exp, ",'-1") || strings.Contains(exp, "'1000") {
		t.Errorf("amounts must stay plain numbers:\n%s", exp)
	}
	js := l.ok("export", "--format", "json")
	if !strings.Contains(js, `"external_id":"=cmd"`) {
		t.Errorf("json must keep the text as it is:\n%s", js)
	}
}

func TestDemo(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"creatorledger", "demo"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out.String(), errOut.String())
	}
	s := out.String()
	for _, want := range []string{
		"$ creatorledger report income --by month",
		// The overlapping TikTok export confirms three estimates and adds two videos.
		"tiktok-rewards-2026-09-05.csv (tiktok-creator-rewards): would import 8 rows: 2 new, 3 duplicates, 3 updated",
		"tiktok-rewards-2026-09-03.csv: already imported as import 1",
		// 86.53 + 16.56 + 42.08 + 4.35 + 11.37 + 0.70 + 21.42 + 59.41, after the update.
		"2026-09 tiktok creator-rewards USD 242.42",
		"paypal-activity-2026.csv (paypal): import 7:",
		"youtube-studio-2026-10.csv (youtube-studio): import 3:",
	} {
		if !strings.Contains(squeeze(s), want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}

func TestHelp(t *testing.T) {
	l := newLedger(t)
	for _, cmd := range [][]string{{"import"}, {"imports", "list"}, {"report", "income"}, {"export"}, {"init"}, {"sources"}, {"demo"}, {"backup"},
		{"settings"}, {"thresholds", "list"}, {"thresholds", "set"}, {"thresholds", "unset"}, {"payouts", "pending"},
		{"payouts", "list"}, {"report", "rpm"}} {
		out := l.ok(append(cmd, "--help")...)
		if !strings.Contains(out, "Examples:") && !strings.Contains(out, "Example:") {
			t.Errorf("%v --help has no examples:\n%s", cmd, out)
		}
	}
}
