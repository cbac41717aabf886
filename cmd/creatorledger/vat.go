package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

// vatColumns are the machine-readable columns of report vat.
var vatColumns = []column{{"period", textCell}, {"section", textCell}, {"group", textCell},
	{"turnover_eur", amountCell}, {"vat_eur", amountCell}, {"invoices", countCell}, {"note", textCell}}

func vatCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "vat",
		Usage: "VAT charged and turnover by customer location, per quarter or year (a summary, not tax advice)",
		Description: `A summary of the ledger's data in the shape of a Dutch VAT return, in euros. It is
not tax advice: check the figures, and where each belongs, with the Belastingdienst
or your adviser.

Per period (--by quarter, the default, or year):

   vat-rate         the sponsorship invoices that charge VAT, by rate: turnover
                    excluding VAT and the VAT charged (21%: rubriek 1a, 9%: 1b)
   customer         all sponsorship turnover excluding VAT by where the brand is
                    (template column customer_country): nl, eu-reverse-charge
                    (another EU country: the brand accounts for the VAT; rubriek 3b),
                    non-eu, and unknown. An invoice without a country that charges
                    VAT is counted as nl (Dutch VAT means a Dutch supply); one that
                    charges none is unknown: fill in customer_country.
   platform-income  income from every other platform (AdSense, TikTok, affiliate
                    networks...): where it belongs on the return depends on the
                    company that pays it, which the ledger does not know

Credit notes take their turnover and VAT off; cancelled invoices do not count. Per
year, the KOR lines set the turnover against the small business scheme's threshold of
EUR 20,000 a year: nl (customers in the Netherlands) and all (everything above).

Amounts in another currency are converted at the ECB reference rate of the invoice's
issue date (of each income day); amounts without a rate are left out and named
(creatorledger rates import FILE). Machine-readable columns (csv, json): period,section,
group,turnover_eur,vat_eur,invoices,note.

Examples:
   creatorledger report vat
   creatorledger report vat --by year
   creatorledger report vat --format csv`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "by", Value: "quarter", Usage: "`PERIOD`: quarter or year"},
			formatFlag(formatTable, formatCSV, formatJSON), wideFlag(),
		},
		Action: func(c *cli.Context) error {
			by := ledger.Period(c.String("by"))
			if by != ledger.ByQuarter && by != ledger.ByYear {
				return withHint(usagef("--by %q: want quarter or year", c.String("by")), "--by quarter")
			}
			format, db, err := openForReport(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			defer db.Close()
			rep, err := db.VATSummary(c.Context, ledger.VATQuery{By: by})
			if err != nil {
				return err
			}
			for _, m := range rep.Missing {
				fmt.Fprintf(e.stderr, "creatorledger: no ECB rate for %s on %s: %d left out of the VAT summary (creatorledger rates import FILE)\n",
					m.Currency, m.Date.Format(ledger.DateLayout), m.Entries)
			}
			return renderVAT(e.stdout, rep, by, format, c.Bool("wide"))
		},
	}
}

func renderVAT(w io.Writer, rep ledger.VATReport, by ledger.Period, format string, wide bool) error {
	t := &table{cols: vatColumns}
	for _, r := range rep.Rows {
		group := r.Group
		if r.Section == ledger.VATSectionRate && format == formatTable {
			group += "%"
		}
		n := fmt.Sprint(r.Invoices)
		if r.Section == ledger.VATSectionPlatform {
			n = ""
		}
		vat := ledger.FormatAmount(r.VAT.RoundBank(2), "EUR")
		if r.Section == ledger.VATSectionKOR || r.Section == ledger.VATSectionPlatform {
			vat = ""
		}
		t.add(r.Period, r.Section, group, ledger.FormatAmount(r.Turnover.RoundBank(2), "EUR"), vat, n, r.Note)
	}
	if format == formatJSON {
		return renderVATJSON(w, t, rep)
	}
	if format != formatTable {
		return t.render(w, format)
	}
	fmt.Fprintf(w, "VAT summary by %s, in EUR: a summary of the ledger's data, not tax advice\n\n", by)
	if len(rep.Rows) == 0 {
		fmt.Fprintln(w, "No sponsorship invoices or platform income.")
		return nil
	}
	// People's table: the note (KOR lines only) before the figures, and -
	// for a figure that does not apply, so that no line ends in blanks.
	people := &table{cols: []column{{"period", textCell}, {"section", textCell}, {"group", textCell},
		{"note", textCell}, {"turnover_eur", amountCell}, {"vat_eur", amountCell}, {"invoices", countCell}}, wide: wide}
	for _, r := range t.rows {
		dash := func(v string) string {
			if v == "" {
				return "-"
			}
			return v
		}
		people.add(r[0], r[1], r[2], r[6], r[3], dash(r[4]), dash(r[5]))
	}
	if err := people.render(w, formatTable); err != nil {
		return err
	}
	fmt.Fprintln(w)
	wrapNote(w, "", "", "kor: the year's turnover against the small business scheme's threshold of EUR 20,000 "+
		"(nl: customers in the Netherlands; all: everything above).")
	if len(rep.AssumedNL) > 0 {
		wrapNote(w, "", "  ", "Counted as customers in the Netherlands (VAT charged, no customer_country): "+
			strings.Join(rep.AssumedNL, ", "))
	}
	if len(rep.Unknown) > 0 {
		wrapNote(w, "", "  ", "Customer location unknown (no customer_country, no VAT charged): "+
			strings.Join(rep.Unknown, ", "))
	}
	for _, m := range rep.Missing {
		wrapNote(w, "", "  ", fmt.Sprintf("Left out: %d with %s on %s, no ECB rate (creatorledger rates import FILE)",
			m.Entries, m.Currency, m.Date.Format(ledger.DateLayout)))
	}
	wrapNote(w, "", "", "platform-income: where it belongs on the return depends on the company that pays it "+
		"(the ledger does not know). vat-rate 21%: rubriek 1a, 9%: 1b; eu-reverse-charge: 3b. Not tax advice.")
	return nil
}

// renderVATJSON writes the rows as every report's json does, with what the
// summary assumed or left out beside them.
func renderVATJSON(w io.Writer, t *table, rep ledger.VATReport) error {
	var b bytes.Buffer
	if err := t.render(&b, formatJSON); err != nil {
		return err
	}
	doc := strings.TrimRight(strings.TrimSuffix(strings.TrimSpace(b.String()), "}"), "\n ")
	type missing struct {
		Currency string `json:"currency"`
		Date     string `json:"date"`
		Entries  int64  `json:"entries"`
	}
	ms := []missing{}
	for _, m := range rep.Missing {
		ms = append(ms, missing{m.Currency, m.Date.Format(ledger.DateLayout), m.Entries})
	}
	extra := []struct {
		key string
		v   any
	}{
		{"assumed_nl", nonNil(rep.AssumedNL)},
		{"unknown_location", nonNil(rep.Unknown)},
		{"missing_rates", ms},
		{"note", "a summary of the ledger's data, not tax advice"},
	}
	for _, x := range extra {
		j, err := json.Marshal(x.v)
		if err != nil {
			return err
		}
		doc += fmt.Sprintf(",\n  %q: %s", x.key, j)
	}
	_, err := io.WriteString(w, doc+"\n}\n")
	return err
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
