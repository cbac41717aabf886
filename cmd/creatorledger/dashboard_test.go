package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger/dashboard"
	"github.com/creatorledger/creatorledger/ledger/sqlite"
)

// pageNode is an element of the dashboard, read as XML (the page is
// well-formed: ledger/dashboard's tests hold it to that).
type pageNode struct {
	name   string
	attr   map[string]string
	kids   []*pageNode
	text   string
	parent *pageNode
}

func parsePage(t *testing.T, page string) *pageNode {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(page))
	root := &pageNode{name: "#document"}
	cur := root
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return root
		}
		if err != nil {
			t.Fatalf("the dashboard is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &pageNode{name: tok.Name.Local, attr: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			cur.kids = append(cur.kids, n)
			cur = n
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			for n := cur; n != nil; n = n.parent {
				n.text += string(tok)
			}
		}
	}
}

func (n *pageNode) find(ok func(*pageNode) bool) []*pageNode {
	var out []*pageNode
	if ok(n) {
		out = append(out, n)
	}
	for _, k := range n.kids {
		out = append(out, k.find(ok)...)
	}
	return out
}

func (n *pageNode) byID(id string) *pageNode {
	if got := n.find(func(k *pageNode) bool { return k.attr["id"] == id }); len(got) == 1 {
		return got[0]
	}
	return nil
}

// pageTable is a table of the page as header names and body rows, with
// the thousands separators of its numbers taken out (csv has none).
func pageTable(t *testing.T, root *pageNode, id string) (cols []string, rows [][]string) {
	t.Helper()
	table := root.byID(id)
	if table == nil {
		return nil, nil
	}
	for _, th := range table.find(func(n *pageNode) bool { return n.name == "thead" })[0].find(func(n *pageNode) bool { return n.name == "th" }) {
		cols = append(cols, strings.TrimSpace(th.text))
	}
	for _, tr := range table.find(func(n *pageNode) bool { return n.name == "tbody" })[0].kids {
		var cells []string
		for _, c := range tr.kids {
			v := strings.TrimSpace(c.text)
			if c.attr["class"] == "num" {
				v = strings.ReplaceAll(v, ",", "")
			}
			cells = append(cells, v)
		}
		rows = append(rows, cells)
	}
	return cols, rows
}

// panelCSV runs the command a panel names (under its title) with --format
// csv and returns its rows as maps by column.
func panelCSV(t *testing.T, l *ledgerT, root *pageNode, section string) []map[string]string {
	t.Helper()
	s := root.byID(section)
	code := s.find(func(n *pageNode) bool { return n.name == "code" && n.parent.attr["class"] == "cmd" })
	if len(code) != 1 {
		t.Fatalf("section %s names %d commands", section, len(code))
	}
	args := strings.Fields(code[0].text)
	if args[0] != "creatorledger" {
		t.Fatalf("section %s: command %q", section, code[0].text)
	}
	recs, err := csv.NewReader(strings.NewReader(l.ok(append(args[1:], "--format", "csv")...))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, c := range recs[0] {
			m[c] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// pick lists the values of cols of each row.
func pick(rows []map[string]string, cols ...string) [][]string {
	var out [][]string
	for _, r := range rows {
		var cells []string
		for _, c := range cols {
			cells = append(cells, r[c])
		}
		out = append(out, cells)
	}
	return out
}

func sameRows(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows on the page, the CLI prints %d:\npage: %q\ncli:  %q", what, len(got), len(want), got, want)
		return
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("%s row %d:\npage: %q\ncli:  %q", what, i, got[i], want[i])
		}
	}
}

// demoDashboard runs the demo into a directory and returns its ledger and
// the dashboard it wrote.
func demoDashboard(t *testing.T) (*ledgerT, string) {
	t.Helper()
	dir := t.TempDir()
	(&ledgerT{t: t, db: filepath.Join(dir, "unused.db")}).ok("demo", "--keep", dir)
	b, err := os.ReadFile(filepath.Join(dir, "creatorledger-demo-dashboard.html"))
	if err != nil {
		t.Fatalf("the demo wrote no dashboard: %v", err)
	}
	return &ledgerT{t: t, db: filepath.Join(dir, "ledger.db")}, string(b)
}

// Every figure of the demo's dashboard is one the command its panel names
// prints, for the same ledger and date.
func TestDashboardFigures(t *testing.T) {
	l, page := demoDashboard(t)
	root := parsePage(t, page)

	income := panelCSV(t, l, root, "income")
	if len(income) == 0 {
		t.Fatal("the demo has no income")
	}
	_, programs := pageTable(t, root, "programs-table")
	sameRows(t, "income per program", programs, pick(income, "period", "platform", "program", "amount", "currency"))
	// Per month and platform: the sums of the report's lines.
	cols, months := pageTable(t, root, "income-table")
	sums, total := map[string]decimal.Decimal{}, decimal.Zero
	for _, r := range income {
		v := decimal.RequireFromString(r["amount"])
		sums[r["period"]+" "+r["platform"]] = sums[r["period"]+" "+r["platform"]].Add(v)
		total = total.Add(v)
	}
	seen := 0
	for _, row := range months {
		for i, cell := range row[1 : len(row)-1] {
			want, ok := sums[row[0]+" "+cols[i+1]]
			if !ok && cell == "" {
				continue
			}
			seen++
			if got, err := decimal.NewFromString(cell); err != nil || !got.Equal(want) {
				t.Errorf("income %s %s: page %q, report %s", row[0], cols[i+1], cell, want)
			}
		}
	}
	if seen != len(sums) {
		t.Errorf("the income table shows %d month and platform sums, the report has %d", seen, len(sums))
	}
	foot := root.byID("income-table").find(func(n *pageNode) bool { return n.name == "tfoot" })[0].find(func(n *pageNode) bool { return n.name == "td" })
	if got := strings.ReplaceAll(foot[len(foot)-1].text, ",", ""); got != total.StringFixed(2) {
		t.Errorf("income total: page %s, report %s", got, total.StringFixed(2))
	}
	people := squeeze(l.ok(strings.Fields(root.byID("income").find(func(n *pageNode) bool { return n.name == "code" })[0].text)[1:]...))
	if want := "total EUR " + ledgerGroup(total.StringFixed(2)); !strings.Contains(people, want) {
		t.Errorf("the people's income table has no line %q:\n%s", want, people)
	}

	rpm := panelCSV(t, l, root, "rpm")
	_, rpmRows := pageTable(t, root, "rpm-table")
	sameRows(t, "rpm", rpmRows, pick(rpm, "period", "platform", "program", "views", "revenue", "currency", "rpm", "estimate_low", "estimate_high", "verdict"))

	pending := panelCSV(t, l, root, "payouts")
	_, payRows := pageTable(t, root, "payouts-table")
	sameRows(t, "payouts pending", payRows, pick(pending, "platform", "program", "currency", "withdrawable", "pending", "threshold",
		"remaining", "status", "next_payout", "eta", "confidence"))

	invoices := panelCSV(t, l, root, "invoices")
	_, invRows := pageTable(t, root, "invoices-table")
	for _, r := range invoices {
		if r["due_assumed"] == "true" {
			r["due"] += "*"
		}
	}
	sameRows(t, "open invoices", invRows, pick(invoices, "number", "brand", "platform", "issued", "due", "status", "days_past_due",
		"gross", "outstanding", "currency"))

	rec := panelCSV(t, l, root, "bank")
	var notArrived, unplaced []map[string]string
	for _, r := range rec {
		switch r["status"] {
		case "not-arrived":
			notArrived = append(notArrived, r)
		case "unplaced":
			unplaced = append(unplaced, r)
		}
	}
	_, naRows := pageTable(t, root, "not-arrived-table")
	naWant := pick(notArrived, "date", "platform", "settles", "target_amount", "target_currency", "target", "why")
	for _, r := range naWant {
		r[6] = regexp.MustCompile(`\d{4}-\d\d-\d\d`).FindString(r[6]) // "expected in the bank by DATE; ..."
	}
	sameRows(t, "not arrived", naRows, naWant)
	_, unRows := pageTable(t, root, "unplaced-table")
	var unWant [][]string
	for _, r := range pick(unplaced, "date", "platform", "amount", "currency", "entry", "settles", "why") {
		unWant = append(unWant, slices.Insert(r, 2, "")) // the counterparty, which the csv has only in why
	}
	for i := range unRows {
		if i < len(unWant) {
			unWant[i][2] = unRows[i][2]
		}
	}
	sameRows(t, "unplaced", unRows, unWant)
	if len(unplaced) == 0 {
		t.Error("the demo has a TikTok deposit nobody could place; the dashboard shows none")
	}
}

// ledgerGroup groups thousands as the people's tables do.
func ledgerGroup(s string) string {
	intPart, frac, _ := strings.Cut(s, ".")
	for i := len(intPart) - 3; i > 0; i -= 3 {
		intPart = intPart[:i] + "," + intPart[i:]
	}
	return intPart + "." + frac
}

// --out: a file written whole, private; - for stdout; the default in the
// working directory.
func TestDashboardOut(t *testing.T) {
	l, _ := demoDashboard(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "page.html")
	if out := l.ok("report", "dashboard", "--as-of", "2026-11-10", "--out", file); !strings.Contains(out, file) {
		t.Errorf("output %q does not name %s", out, file)
	}
	written, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if stdout := l.ok("report", "dashboard", "--as-of", "2026-11-10", "--out", "-"); stdout != string(written) {
		t.Error("--out - writes another page than --out FILE")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left in the directory: %v", entries)
	}
	t.Chdir(dir)
	l.ok("report", "dashboard")
	if _, err := os.Stat(filepath.Join(dir, defaultDashboard)); err != nil {
		t.Errorf("no default page: %v", err)
	}
	if _, _, code := l.run("report", "dashboard", "--as-of", "10-11-2026"); code != 2 {
		t.Errorf("a bad --as-of: exit %d, want 2", code)
	}
	if _, errOut, code := l.run("report", "dashboard", "--out", filepath.Join(dir, "no", "such", "dir.html")); code != 1 || !strings.Contains(errOut, "dashboard") {
		t.Errorf("an unwritable --out: exit %d, %q", code, errOut)
	}
}

// BenchmarkDashboard1M measures report dashboard's work (its five reports
// and the page) over the demo's ledger plus 1,000,000 entries of 2024;
// make bench measures the whole command over 10,000,000 (cmd/benchreport).
func BenchmarkDashboard1M(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"creatorledger", "demo", "--keep", dir}, nil, &out, &errOut); code != 0 {
		b.Fatalf("demo: exit %d\n%s", code, errOut.String())
	}
	file := filepath.Join(dir, "native.csv")
	writeNative(b, file, 1_000_000)
	db, err := sqlite.Open(ctx, filepath.Join(dir, "ledger.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := importFile(ctx, db, file, importOptions{}, io.Discard); err != nil {
		b.Fatal(err)
	}
	asOf := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for range b.N {
		data, err := dashboardData(ctx, db, asOf)
		if err != nil || len(data.Income.Rows) == 0 && len(data.Income.Missing) == 0 {
			b.Fatal(err, data.Income)
		}
		if err := dashboard.Write(io.Discard, data); err != nil {
			b.Fatal(err)
		}
	}
}
