package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// longDescription is a text no people's table can show whole in 100
// columns, with wide characters (two columns each) and an emoji.
const longDescription = "Sponsored sewing series for a fabric shop: four videos, two LIVE sessions " +
	"and a pattern giveaway, delivered in October and November; 縫製 🧵 final part paid in full"

// wideLedger is the demo's ledger plus a hand-entered file with long
// names: a long file name, platform, program, external id and description.
// It returns the ledger and the ID of that file's import.
func wideLedger(t *testing.T) (*ledgerT, string) {
	t.Helper()
	dir := t.TempDir()
	l := &ledgerT{t: t, db: filepath.Join(dir, "ledger.db")}
	l.ok("demo", "--keep", dir)
	name := filepath.Join(dir, "hand-entered-sponsorships-and-workshops-for-the-autumn-of-2026.csv")
	csv := "date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n" +
		"2026-10-02,sponsorship-with-a-long-name,fabric-shop-autumn-series,earning,1250.00,EUR,INV-2026-0042-FABRICSHOP-AUTUMN-SERIES,48000,,approved,Stoffenhuis,\"" + longDescription + "\"\n" +
		"2026-10-30,sponsorship-with-a-long-name,fabric-shop-autumn-series,payout,-1250.00,EUR,PAYOUT-2026-10-30-0000000000000042-NL91ABNA0417164300,,,paid,,\"" + longDescription + "\"\n"
	if err := os.WriteFile(name, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	out := l.ok("import", name)
	m := regexp.MustCompile(`: import (\d+):`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no import ID in %q", out)
	}
	return l, m[1]
}

// tableCommands are the commands of the CLI that print a people's table:
// every command whose --format is table unless told otherwise.
func tableCommands(cmds []*cli.Command, path []string) [][]string {
	var out [][]string
	for _, c := range cmds {
		at := append(slices.Clone(path), c.Name)
		out = append(out, tableCommands(c.Subcommands, at)...)
		for _, f := range c.Flags {
			if sf, ok := f.(*cli.StringFlag); ok && sf.Name == "format" && sf.Value == formatTable {
				out = append(out, at)
			}
		}
	}
	return out
}

// overWide returns the lines of out wider than tableWidth columns. A web
// address alone on its line is let through: a link cut short is no link.
func overWide(out string) []string {
	var over []string
	for _, line := range strings.Split(out, "\n") {
		if displayWidth(line) <= tableWidth {
			continue
		}
		if f := strings.Fields(line); len(f) == 1 && strings.Contains(f[0], "://") {
			continue
		}
		over = append(over, fmt.Sprintf("%d columns: %s", displayWidth(line), line))
	}
	return over
}

// TestTablesFit100Columns runs every command that prints a table on the
// demo's ledger (plus long names) and fails on any line wider than 100
// columns; with --wide, long texts are shown whole.
func TestTablesFit100Columns(t *testing.T) {
	l, id := wideLedger(t)
	// Variants beyond the plain command; a command missing here runs
	// without arguments, and fails the test when it needs some.
	variants := map[string][][]string{
		"report income": {{}, {"--by", "quarter"}, {"--currency", "EUR"}, {"--status", "estimated,pending,approved,paid,reversed"},
			{"--platform", "sponsorship-with-a-long-name"}, {"--basis", "paid"}},
		"report rpm":      {{}, {"--items"}, {"--items", "--by", "year"}},
		"payouts pending": {{"--as-of", "2026-11-10"}, {}},
		"rates list":      {{}, {"--currency", "USD"}},
		// check prints its table only for a damaged ledger (check_test.go
		// damages one); on this one its ok line names the ledger's path.
		"check": nil,
	}
	for _, line := range strings.Split(strings.TrimSpace(l.ok("imports", "list", "--format", "csv")), "\n")[1:] {
		variants["imports show"] = append(variants["imports show"], []string{strings.Split(line, ",")[0]})
	}
	e := &env{}
	cmds := tableCommands(newApp(e).Commands, nil)
	if len(cmds) < 10 {
		t.Fatalf("found %d table commands: %v", len(cmds), cmds)
	}
	for _, cmd := range cmds {
		name := strings.Join(cmd, " ")
		args, ok := variants[name]
		if !ok {
			args = [][]string{{}}
		}
		for _, a := range args {
			argv := append(slices.Clone(cmd), a...)
			out := l.ok(argv...)
			if over := overWide(out); len(over) > 0 {
				t.Errorf("creatorledger %s: %d lines wider than %d columns:\n%s", strings.Join(argv, " "), len(over), tableWidth, strings.Join(over, "\n"))
			}
			if _, _, code := l.run(append(argv, "--wide")...); code != 0 {
				t.Errorf("creatorledger %s --wide: exit %d", strings.Join(argv, " "), code)
			}
		}
	}
	// The dry run's table, indented under its summary.
	if over := overWide(l.ok("import", "--dry-run", fixture("native", "multi-platform.csv"))); len(over) > 0 {
		t.Errorf("import --dry-run: lines wider than %d columns:\n%s", tableWidth, strings.Join(over, "\n"))
	}

	// Long texts are cut with … in 100 columns and whole with --wide.
	for _, c := range []struct {
		args  []string
		whole string
	}{
		{[]string{"payouts", "list"}, longDescription},
		{[]string{"payouts", "list"}, "PAYOUT-2026-10-30-0000000000000042-NL91ABNA0417164300"},
		{[]string{"imports", "show", id}, longDescription},
		{[]string{"imports", "list"}, "hand-entered-sponsorships-and-workshops-for-the-autumn-of-2026.csv"},
		{[]string{"sources"}, "Omschrijving-3,Reden retour,Oorspr bedrag,Oorspr munt,Koers"},
		{[]string{"report", "income"}, "sponsorship-with-a-long-name"},
		{[]string{"report", "rpm", "--items"}, longDescription},
	} {
		argv := strings.Join(c.args, " ")
		short := l.ok(c.args...)
		if strings.Contains(short, c.whole) {
			t.Errorf("creatorledger %s shows %q whole in 100 columns", argv, c.whole)
		}
		if !strings.Contains(short, "…") {
			t.Errorf("creatorledger %s: nothing cut with …:\n%s", argv, short)
		}
		if wide := l.ok(append(c.args, "--wide")...); !strings.Contains(wide, c.whole) {
			t.Errorf("creatorledger %s --wide does not show %q whole:\n%s", argv, c.whole, wide)
		}
	}
}

// TestEveryTableCommandHasWide: --wide is there wherever --format table is.
func TestEveryTableCommandHasWide(t *testing.T) {
	var walk func(cmds []*cli.Command, path string)
	walk = func(cmds []*cli.Command, path string) {
		for _, c := range cmds {
			at := path + " " + c.Name
			walk(c.Subcommands, at)
			var table, wide bool
			for _, f := range c.Flags {
				if sf, ok := f.(*cli.StringFlag); ok && sf.Name == "format" && strings.Contains(sf.Usage, formatTable) {
					table = true
				}
				if slices.Contains(f.Names(), "wide") {
					wide = true
				}
			}
			if table && !wide {
				t.Errorf("%s has --format table but no --wide", at)
			}
		}
	}
	walk(newApp(&env{}).Commands, "creatorledger")
}

func TestCutToWidth(t *testing.T) {
	for _, c := range []struct {
		in       string
		n        int
		end, mid string
	}{
		{"short", 8, "short", "short"},
		{"tiktok-rewards-2026-09-03.csv", 12, "tiktok-rewa…", "tiktok…3.csv"},
		{"縫製縫製縫製", 7, "縫製縫…", "縫…製"},
		{"abc🧵def", 5, "abc…", "ab…ef"},
	} {
		if got := cutEnd(c.in, c.n); got != c.end || displayWidth(got) > c.n {
			t.Errorf("cutEnd(%q, %d) = %q, want %q", c.in, c.n, got, c.end)
		}
		if got := cutMiddle(c.in, c.n); got != c.mid || displayWidth(got) > c.n {
			t.Errorf("cutMiddle(%q, %d) = %q, want %q", c.in, c.n, got, c.mid)
		}
	}
	if w := displayWidth("e\u0301…縫🧵"); w != 6 {
		t.Errorf("displayWidth = %d, want 6 (e and its accent 1, … 1, 縫 2, 🧵 2)", w)
	}
}
