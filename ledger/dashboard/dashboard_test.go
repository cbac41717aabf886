package dashboard

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// node is an element of the page, read as XML: the page is written to be
// well-formed, so that a test can walk it without an HTML parser.
type node struct {
	name   string
	attr   map[string]string
	kids   []*node
	text   string // all text inside, children's included
	parent *node
}

func parse(t *testing.T, page string) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(page))
	d.Strict = true
	root := &node{name: "#document"}
	cur := root
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the page is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attr: map[string]string{}, parent: cur}
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
	return root
}

// find lists the elements under n (n too) for which ok holds.
func (n *node) find(ok func(*node) bool) []*node {
	var out []*node
	if ok(n) {
		out = append(out, n)
	}
	for _, k := range n.kids {
		out = append(out, k.find(ok)...)
	}
	return out
}

func named(name string) func(*node) bool { return func(n *node) bool { return n.name == name } }

func hasClass(class string) func(*node) bool {
	return func(n *node) bool { return strings.Contains(" "+n.attr["class"]+" ", " "+class+" ") }
}

func byID(t *testing.T, root *node, id string) *node {
	t.Helper()
	got := root.find(func(n *node) bool { return n.attr["id"] == id })
	if len(got) != 1 {
		t.Fatalf("%d elements with id %q, want 1", len(got), id)
	}
	return got[0]
}

// rows are a table's body rows, each a list of cell texts.
func rows(t *testing.T, table *node) [][]string {
	t.Helper()
	var out [][]string
	for _, tb := range table.find(named("tbody")) {
		for _, tr := range tb.find(named("tr")) {
			var cells []string
			for _, c := range tr.kids {
				cells = append(cells, strings.TrimSpace(c.text))
			}
			out = append(out, cells)
		}
	}
	return out
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func day(s string) time.Time {
	t, err := time.Parse(ledger.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

const hostile = `<script>alert("x")</script> & 'quotes' https://evil.example/x.js`

// sample is a dashboard with every panel filled, and text from the ledger
// that an HTML page must escape.
func sample() Data {
	inc := ledger.IncomeResult{Rows: []ledger.IncomeRow{
		{Period: "2026-08", Platform: "tiktok", Program: "creator-rewards", Currency: "EUR", Amount: d("120.50")},
		{Period: "2026-08", Platform: hostile, Program: "x", Currency: "EUR", Amount: d("30")},
		{Period: "2026-09", Platform: "tiktok", Program: "creator-rewards", Currency: "EUR", Amount: d("1200.25")},
		{Period: "2026-09", Platform: "sponsorship", Program: "youtube", Currency: "EUR", Amount: d("-250")},
		{Period: "2026-09", Platform: "sponsorship", Program: "tiktok", Currency: "EUR", Amount: d("400")},
	}, Missing: []ledger.MissingRate{{Currency: "USD", Date: day("2026-09-05"), Entries: 3}}, LeftOut: 3}
	est := ledger.Estimate{Platform: "tiktok", Program: "creator-rewards", Country: "*", Currency: "USD", Low: d("0.4"), High: d("1.6"), Source: hostile}
	rpm := ledger.RPMReport{Rows: []ledger.RPMRow{
		{Period: "2026-07", Platform: "tiktok", Program: "creator-rewards", Views: 100000, Revenue: d("50"), Currency: "USD", RPM: d("0.5"), Estimate: est, HasEst: true, Verdict: ledger.VerdictWithin, Qualified: true},
		{Period: "2026-09", Platform: "tiktok", Program: "creator-rewards", Views: 200000, Revenue: d("400"), Currency: "USD", RPM: d("2"), Estimate: est, HasEst: true, Verdict: ledger.VerdictAbove, Qualified: true},
	}, Unviewed: map[string]int64{"sponsorship/youtube": 2}}
	pend := ledger.PendingReport{Rows: []ledger.PendingRow{
		{Platform: "adsense", Program: "adsense", Currency: "EUR", Withdrawable: d("45"), Pending: d("10"), Threshold: d("70"), Remaining: d("25"),
			HasThreshold: true, Status: ledger.BelowThreshold, NextPayout: day("2027-01-21"), ETA: day("2026-12-01"), Confidence: "official"},
		{Platform: "paypal", Program: "balance", Currency: "USD", Withdrawable: d("12.5"), Status: ledger.NoThreshold},
	}}
	inv := ledger.OpenInvoices{Overdue: 1, Assumed: true, Lines: []ledger.InvoiceLine{{
		Invoice: ledger.Invoice{Number: "INV-1", Brand: hostile, Platform: "tiktok", Issued: day("2026-09-01"), Currency: "EUR"},
		State:   ledger.InvoiceStateOverdue, DueOn: day("2026-10-01"), DueAssumed: true, DaysPastDue: 40, Aging: "31-60",
		NetGross: d("1210"), Outstanding: d("1210"),
	}}, Aging: []ledger.InvoiceAging{{Currency: "EUR", Buckets: []decimal.Decimal{d("0"), d("1210"), d("0"), d("0")}, Total: d("1210")}}}
	rec := ledger.Reconciliation{
		NotArrived: []ledger.NotArrived{{Payout: ledger.Entry{ID: 7, Date: day("2026-09-10"), Platform: "stripe", Amount: d("-100"), Currency: "USD"},
			Balance: ledger.Balance{Platform: "stripe", Program: "payouts"}, Expected: day("2026-09-27")}},
		Unplaced: []ledger.Unplaced{{Deposit: ledger.Entry{ID: 9, Date: day("2026-10-08"), Platform: "ing", Amount: d("212.4"), Currency: "EUR", Counterparty: hostile},
			Balance: ledger.Balance{Platform: "tiktok", Program: "*"}, Why: hostile}},
	}
	return Data{AsOf: day("2026-11-10"), From: day("2025-12-01"), Country: "NL", Currency: "EUR", Income: inc, RPM: rpm, Pending: pend,
		Invoices: inv, Reconciliation: rec, Commands: Commands{Income: "creatorledger report income", RPM: "creatorledger report rpm",
			Pending: "creatorledger payouts pending", Invoices: "creatorledger report invoices", Reconcile: "creatorledger payouts reconcile"}}
}

func write(t *testing.T, data Data) (string, *node) {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String(), parse(t, b.String())
}

// The page holds everything it shows: no script, nothing to fetch, and a
// Content-Security-Policy that forbids fetching.
func TestSelfContained(t *testing.T) {
	page, root := write(t, sample())
	if !strings.HasPrefix(page, "<!DOCTYPE html>") {
		t.Errorf("page starts %q", page[:20])
	}
	for _, n := range root.find(func(*node) bool { return true }) {
		if n.name == "script" || n.name == "link" || n.name == "img" || n.name == "iframe" || n.name == "object" {
			t.Errorf("the page has a <%s>", n.name)
		}
		for _, a := range []string{"src", "href", "srcset", "data", "action"} {
			if v, ok := n.attr[a]; ok && !strings.HasPrefix(v, "#") {
				t.Errorf("<%s %s=%q>: only links within the page", n.name, a, v)
			}
		}
	}
	for _, bad := range []string{"@import", "url(", "@font-face", "<script", "javascript:"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	csp := root.find(func(n *node) bool { return n.name == "meta" && n.attr["http-equiv"] == "Content-Security-Policy" })
	if len(csp) != 1 || !strings.HasPrefix(csp[0].attr["content"], "default-src 'none';") {
		t.Errorf("Content-Security-Policy: %v", csp)
	}
}

// Text from the ledger is text: escaped wherever it appears.
func TestEscapes(t *testing.T) {
	page, root := write(t, sample())
	if strings.Contains(page, "<script>alert") {
		t.Fatal("ledger text reached the page unescaped")
	}
	brand := rows(t, byID(t, root, "invoices-table"))[0][1]
	if brand != hostile {
		t.Errorf("brand cell %q, want %q", brand, hostile)
	}
	why := rows(t, byID(t, root, "unplaced-table"))[0]
	if why[2] != hostile || why[7] != hostile {
		t.Errorf("unplaced row %q", why)
	}
}

// Every chart has a title, marks of some size, and a table with its
// figures; marks have tooltips.
func TestChartsAndTables(t *testing.T) {
	_, root := write(t, sample())
	charts := root.find(func(n *node) bool { return n.name == "svg" && hasClass("chart")(n) })
	if len(charts) != 6 { // income and programs, wide and narrow; one RPM; one aging
		t.Errorf("%d charts, want 6", len(charts))
	}
	for _, c := range charts {
		id := c.attr["id"]
		if c.attr["role"] != "img" || c.attr["viewBox"] == "" {
			t.Errorf("chart %s: role %q viewBox %q", id, c.attr["role"], c.attr["viewBox"])
		}
		if ts := c.find(named("title")); len(ts) == 0 || strings.TrimSpace(ts[0].text) == "" {
			t.Errorf("chart %s has no title", id)
		}
		marks := 0
		for _, m := range c.find(func(n *node) bool { return n.name == "rect" || n.name == "circle" }) {
			w, _ := strconv.ParseFloat(m.attr["width"], 64)
			if m.name == "circle" || w > 0 {
				marks++
				if len(m.find(named("title"))) == 0 {
					t.Errorf("chart %s: a mark without a tooltip", id)
				}
			}
		}
		if marks == 0 {
			t.Errorf("chart %s is blank", id)
		}
	}
	for _, id := range []string{"income-table", "programs-table", "rpm-table", "payouts-table", "invoices-table", "aging-EUR-table", "not-arrived-table", "unplaced-table"} {
		if len(rows(t, byID(t, root, id))) == 0 {
			t.Errorf("table %s is empty", id)
		}
	}
	// The payout bar: a threshold, so a bar; none without.
	if bars := root.find(hasClass("bar")); len(bars) != 1 {
		t.Errorf("%d payout bars, want 1", len(bars))
	}
	if got := byID(t, root, "missing-rates").text; !strings.Contains(got, "USD on 2026-09-05 (3 entries)") {
		t.Errorf("missing rates: %q", got)
	}
}

// The income table adds up the report's lines per month and platform.
func TestIncomeTable(t *testing.T) {
	_, root := write(t, sample())
	table := byID(t, root, "income-table")
	head := table.find(named("thead"))[0].find(named("th"))
	var cols []string
	for _, h := range head {
		cols = append(cols, strings.TrimSpace(h.text))
	}
	if want := []string{"month", "tiktok", "sponsorship", hostile, "total"}; strings.Join(cols, "|") != strings.Join(want, "|") {
		t.Errorf("columns %q, want %q", cols, want)
	}
	got := rows(t, table)
	want := [][]string{
		{"2026-08", "120.50", "", "30.00", "150.50"},
		{"2026-09", "1,200.25", "150.00", "", "1,350.25"},
		{"2026-10", "", "", "", "0.00"},
		{"2026-11", "", "", "", "0.00"},
	}
	if len(got) != len(want) {
		t.Fatalf("rows %q", got)
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d %q, want %q", i, got[i], want[i])
		}
	}
	foot := table.find(named("tfoot"))[0].find(named("td"))
	if f := foot[len(foot)-1].text; f != "1,500.75" {
		t.Errorf("total %q", f)
	}
}

// A negative amount hangs below the zero line; positive ones stand on it.
func TestStackedNegative(t *testing.T) {
	ss := []series{{Name: "a", Colour: palette[0], Values: []decimal.Decimal{d("100")}, Has: []bool{true}},
		{Name: "b", Colour: palette[1], Values: []decimal.Decimal{d("-40")}, Has: []bool{true}}}
	c := stackedChart("x", "t", "", "EUR", []string{"2026-09"}, ss, nil, 360)
	var zero float64
	for _, l := range c.Lines {
		if l.Class == "zero" {
			zero, _ = strconv.ParseFloat(l.Y1, 64)
		}
	}
	a, b := c.Rects[0], c.Rects[1]
	ay, _ := strconv.ParseFloat(a.Y, 64)
	ah, _ := strconv.ParseFloat(a.H, 64)
	by, _ := strconv.ParseFloat(b.Y, 64)
	bh, _ := strconv.ParseFloat(b.H, 64)
	if math.Abs(ay+ah-zero) > 0.2 || math.Abs(by-zero) > 0.2 || math.Abs(ah/bh-2.5) > 0.05 {
		t.Errorf("zero at %v; positive %v+%v; negative %v+%v", zero, ay, ah, by, bh)
	}
}

// Past eight series the smallest share one grey "other".
func TestOther(t *testing.T) {
	data := sample()
	data.Income.Rows = nil
	for i := range 10 {
		data.Income.Rows = append(data.Income.Rows, ledger.IncomeRow{Period: "2026-09", Platform: "p" + strconv.Itoa(i), Program: "x",
			Currency: "EUR", Amount: decimal.NewFromInt(int64(100 - i))})
	}
	_, root := write(t, data)
	legend := root.find(func(n *node) bool { return n.name == "figcaption" && n.parent.find(hasClass("wide")) != nil })[0]
	var items []string
	for _, li := range legend.find(named("li")) {
		items = append(items, li.text)
	}
	if got := strings.Join(items, "|"); got != "p0|p1|p2|p3|p4|p5|p6|other (3)" {
		t.Errorf("legend %q", got)
	}
	if n := len(rows(t, byID(t, root, "income-table"))[0]); n != 12 {
		t.Errorf("income table has %d cells a row, want every platform: 12", n)
	}
}

// An empty ledger gives a page that says so, with no chart.
func TestEmpty(t *testing.T) {
	page, root := write(t, Data{AsOf: day("2026-11-10"), From: day("2025-12-01"), Currency: "EUR", CurrencyNote: "no reporting currency"})
	for _, id := range []string{"income-none", "rpm-none", "payouts-none", "invoices-none", "not-arrived-none", "unplaced-none"} {
		byID(t, root, id)
	}
	if strings.Contains(page, `class="chart`) {
		t.Error("an empty page has a chart")
	}
	if !strings.Contains(page, "no reporting currency") {
		t.Error("the currency note is missing")
	}
}

func TestNiceTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{
		{0, 3338.09, "0 1000 2000 3000 4000"},
		{-250, 1549.59, "-500 0 500 1000 1500 2000"},
		{0, 1.728, "0 0.5 1 1.5 2"},
		{0, 0, "0 0.2 0.4 0.6 0.8 1"},
	} {
		ticks, _ := niceTicks(c.lo, c.hi, 5)
		var s []string
		for _, v := range ticks {
			s = append(s, strconv.FormatFloat(v, 'f', -1, 64))
		}
		if got := strings.Join(s, " "); got != c.want {
			t.Errorf("niceTicks(%v, %v) = %s, want %s", c.lo, c.hi, got, c.want)
		}
	}
	negZero := math.Copysign(0, -1)
	if got := regexp.MustCompile(`^-?[\d,]+(\.\d+)?$`).MatchString(tickLabel(negZero, 0.5)); !got || tickLabel(1500, 500) != "1,500" {
		t.Errorf("tick labels %q %q", tickLabel(negZero, 0.5), tickLabel(1500, 500))
	}
}

// A ledger with many open invoices lists the first MaxInvoiceLines and
// says how many more report invoices has.
func TestManyInvoices(t *testing.T) {
	data := sample()
	line := data.Invoices.Lines[0]
	data.Invoices.Lines = nil
	for i := 0; i < MaxInvoiceLines+7; i++ {
		l := line
		l.Number = fmt.Sprintf("INV-%d", i)
		data.Invoices.Lines = append(data.Invoices.Lines, l)
	}
	page, root := write(t, data)
	rows := root.find(func(n *node) bool {
		return n.name == "tr" && n.parent != nil && n.parent.name == "tbody" && n.parent.parent != nil && n.parent.parent.attr["id"] == "invoices-table"
	})
	if len(rows) != MaxInvoiceLines {
		t.Errorf("%d invoice rows, want %d", len(rows), MaxInvoiceLines)
	}
	if !strings.Contains(page, "and 7 more: <code>creatorledger report invoices</code> lists them all.") {
		t.Error("the page does not say how many more there are")
	}
}
