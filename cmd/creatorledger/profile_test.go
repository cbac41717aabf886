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

// TestImportExcelResaved imports exports that a spreadsheet in a Dutch
// locale re-saved: semicolons and decimal commas. The decimal mark is
// decided for the whole file, for import and import --dry-run alike.
func TestImportExcelResaved(t *testing.T) {
	l := newLedger(t)
	youtube := fixture("youtube-studio", "content excel-nl 2024-09-01_2024-09-30.csv")
	l.ok("init")
	before := l.state()
	dry := l.ok("import", "--dry-run", youtube)
	if !strings.Contains(dry, "would import 4 rows: 4 new, 0 duplicates, 0 updated") {
		t.Errorf("dry run: %s", dry)
	}
	if l.state() != before {
		t.Error("dry run wrote to the ledger")
	}
	l.ok("import", youtube)
	exp := l.ok("export", "--format", "csv")
	for _, want := range []string{
		"2024-09-30,youtube,long-form,earning,180.413,USD,'-HHGH-TTqYM,21044,",
		"2024-09-30,youtube,long-form,earning,131.072,USD,dQw4w9WgXcQ,18330,",
	} {
		if !strings.Contains(exp, want) {
			t.Errorf("export lacks %q:\n%s", want, exp)
		}
	}
	// 180.413 + 131.072 + 101.402 + 0, the file's Total row.
	if got := l.ok("report", "income", "--format", "csv"); got != "period,platform,program,currency,amount\n2024-09,youtube,long-form,USD,412.887\n" {
		t.Errorf("income:\n%s", got)
	}

	// Excel also rewrote the dates (2026-09-03 as 3-9-2026): --date-format
	// and the decimal mark apply to the same file.
	dir := t.TempDir()
	amazon := writeFile(t, dir, "Fee-Earnings-2026-09.csv", "\ufeffFee-Earnings reports from 2026-09-01 to 2026-09-30;;;;;;;;;;;\r\n"+
		"Category;Name;ASIN;Seller;Tracking ID;Date Shipped;Price($);Items Shipped;Returns;Revenue($);Ad Fees($);Device Type Group\r\n"+
		"Home & Kitchen;Singer Heavy Duty 4423 Sewing Machine, 23 Stitches;B0018KCZMU;Amazon.com;sewnotes-20;3-9-2026;199,99;1;0;199,99;5,99;DESKTOP\r\n"+
		"Arts Crafts & Sewing;Gutermann Sew-All Thread Set 26 Colors;B001BTWSU6;Craft Supply Co;sewnotes-yt-20;11-9-2026;1249;1;0;1249;49,96;TABLET\r\n"+
		"Arts Crafts & Sewing;\"Fiskars 8\"\" Dressmaker Shears\";B0000CCXY6;Amazon.com;sewnotes-20;14-9-2026;24,98;0;1;-24,98;-1,25;PHONE\r\n"+
		"Total;;;;;;;2;1;1424,01;54,7;\r\n")
	out := l.ok("import", "--date-format", "d-m-yyyy", amazon)
	if !strings.Contains(out, "(amazon-associates-us): import 2: 3 rows: 3 new") {
		t.Errorf("amazon: %s", out)
	}
	exp = l.ok("export", "--format", "csv", "--from", "2026-09-01", "--to", "2026-09-30")
	for _, want := range []string{
		"2026-09-03,amazon-associates,associates,earning,5.99,USD,",
		"2026-09-11,amazon-associates,associates,earning,49.96,USD,",
		"2026-09-14,amazon-associates,associates,reversal,-1.25,USD,",
	} {
		if !strings.Contains(exp, want) {
			t.Errorf("export lacks %q:\n%s", want, exp)
		}
	}

	// A file that uses both marks is refused at the cell that differs.
	before = l.state()
	_, errOut, code := l.run("import", fixture("impact", "bad-mixed-decimal-marks.csv"))
	want := `bad-mixed-decimal-marks.csv:5:11: Payout: "1250.00" has a decimal point, but "10,00" (line 2) has a decimal comma: one file uses one decimal mark; correct the cell that differs`
	if code != 1 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "nothing imported from this file") {
		t.Errorf("mixed marks: exit %d\n%s", code, errOut)
	}
	if l.state() != before {
		t.Error("a refused file changed the ledger")
	}
}
