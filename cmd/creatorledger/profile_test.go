package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const shopProfile = `# A shop's order export
source      my-shop
title       My shop orders
header      Order number,Date,Customer,Product,Total,Fee,Currency,State
delimiter   ;
decimal     ,
date-format dd/mm/yyyy | mm/dd/yyyy

set platform my-shop
set program  sales
map date         Date
map external-id  Order number
map counterparty Customer
map description  Product
map amount       Total
map fee          Fee
map currency     Currency
map status       State
value status Completed = approved
value status Refunded  = reversed
skip-row Order number starts-with Total
`

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportWithProfileAndDateOrder(t *testing.T) {
	l := newLedger(t)
	dir := t.TempDir()
	profile := writeFile(t, dir, "my-shop.profile", shopProfile)
	header := "Orders report 2026-09\nOrder number;Date;Customer;Product;Total;Fee;Currency;State\n"

	// 13/09 settles the order: day first, so 02/09 is the 2nd of September.
	dayFirst := writeFile(t, dir, "orders-sep.csv", header+
		"1001;02/09/2026;Jo;Tote bag pattern;12,00;0,55;EUR;Completed\n"+
		"1002;13/09/2026;Sam;Skirt block;1.250,00;12,80;EUR;Refunded\n"+
		"Total;;;;1.262,00;13,35;;\n")
	out := l.ok("import", "--profile", profile, dayFirst)
	if !strings.Contains(out, "orders-sep.csv (my-shop): import 1: 4 rows: 4 new") {
		t.Errorf("profile import: %s", out)
	}
	exp := l.ok("export", "--format", "csv")
	for _, want := range []string{
		"2026-09-02,my-shop,sales,earning,12.00,EUR,1001,,,approved,Jo,Tote bag pattern",
		"2026-09-02,my-shop,sales,fee,-0.55,EUR,",
		"2026-09-13,my-shop,sales,earning,1250.00,EUR,1002,,,reversed,Sam,Skirt block",
	} {
		if !strings.Contains(exp, want) {
			t.Errorf("export lacks %q:\n%s", want, exp)
		}
	}
	// Only the approved order is income; the refunded one is not.
	if got := l.ok("report", "income", "--format", "csv"); got != "period,platform,program,currency,amount\n2026-09,my-shop,sales,EUR,12.00\n" {
		t.Errorf("income:\n%s", got)
	}

	// Every date reads both ways: refused with a hint, unless --date-format says.
	ambiguous := writeFile(t, dir, "orders-oct.csv", header+
		"1003;01/10/2026;Jo;Tote bag pattern;12,00;0,55;EUR;Completed\n"+
		"1004;03/10/2026;Ali;Skirt block;30,00;1,10;EUR;Completed\n")
	_, errOut, code := l.run("import", "--profile", profile, ambiguous)
	if code != 1 || !strings.Contains(errOut, "--date-format") || !strings.Contains(errOut, "nothing imported") {
		t.Errorf("ambiguous dates: exit %d\n%s", code, errOut)
	}
	l.ok("import", "--profile", profile, "--date-format", "mm/dd/yyyy", ambiguous)
	if exp := l.ok("export", "--format", "csv", "--from", "2026-01-03", "--to", "2026-03-01"); !strings.Contains(exp, "2026-01-10,my-shop,sales,earning,12.00,EUR,1003") {
		t.Errorf("--date-format mm/dd/yyyy not used:\n%s", exp)
	}

	// A broken profile is refused with its own line number.
	bad := writeFile(t, dir, "bad.profile", "source x\nheader A,B\nmap amont A\n")
	if _, errOut, code := l.run("import", "--profile", bad, dayFirst); code != 1 || !strings.Contains(errOut, "bad.profile:3:") {
		t.Errorf("bad profile: exit %d\n%s", code, errOut)
	}
	if _, errOut, code := l.run("import", "--as", "native", "--profile", profile, dayFirst); code != 2 {
		t.Errorf("--as with --profile: exit %d %s", code, errOut)
	}
	if _, errOut, code := l.run("import", "--date-format", "dd/qq/yyyy", dayFirst); code != 2 {
		t.Errorf("bad --date-format: exit %d %s", code, errOut)
	}
}
