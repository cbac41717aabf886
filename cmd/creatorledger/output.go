package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/importers"
	"github.com/creatorledger/creatorledger/ledger"
)

// Output formats of reports and listings.
const (
	formatTable = "table"
	formatCSV   = "csv"
	formatJSON  = "json"
)

func formatFlag(formats ...string) *cli.StringFlag {
	return &cli.StringFlag{
		Name:    "format",
		Aliases: []string{"f"},
		Value:   formats[0],
		Usage:   "output format: " + strings.Join(formats, ", "),
	}
}

// outputFormat returns --format after checking it is one of allowed.
func outputFormat(c *cli.Context, allowed ...string) (string, error) {
	f := c.String("format")
	for _, a := range allowed {
		if f == a {
			return f, nil
		}
	}
	return "", usagef("--format %q: want one of %s", f, strings.Join(allowed, ", "))
}

// cellKind says how a column is rendered.
type cellKind int

const (
	textCell   cellKind = iota
	amountCell          // a decimal string: right-aligned, grouped in tables, a string in JSON
	countCell           // a whole number or empty: right-aligned, a number or null in JSON
)

type column struct {
	name string
	kind cellKind
}

// table is a report or listing before it is rendered. Cells are plain
// strings in the machine format (amounts as FormatAmount writes them).
type table struct {
	cols   []column
	rows   [][]string
	footer [][]string // only in the people's table: totals
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// render writes t in the format: an aligned table for people, CSV with
// formula cells neutralised, or JSON {"rows": [{column: value}]}.
func (t *table) render(w io.Writer, format string) error {
	switch format {
	case formatCSV:
		return t.renderCSV(w)
	case formatJSON:
		return t.renderJSON(w)
	default:
		return t.renderTable(w)
	}
}

func (t *table) renderCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.name
	}
	if err := cw.Write(names); err != nil {
		return err
	}
	rec := make([]string, len(t.cols))
	for _, r := range t.rows {
		for i, v := range r {
			if t.cols[i].kind == textCell {
				v = importers.NeutraliseCell(v)
			}
			rec[i] = v
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func (t *table) renderJSON(w io.Writer) error {
	rows := make([]json.RawMessage, 0, len(t.rows))
	for _, r := range t.rows {
		var b strings.Builder
		b.WriteByte('{')
		for i, v := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(t.cols[i].name)
			b.Write(k)
			b.WriteByte(':')
			if t.cols[i].kind == countCell {
				if v == "" {
					b.WriteString("null")
				} else {
					b.WriteString(v)
				}
				continue
			}
			s, _ := json.Marshal(v)
			b.Write(s)
		}
		b.WriteByte('}')
		rows = append(rows, json.RawMessage(b.String()))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Rows []json.RawMessage `json:"rows"`
	}{rows})
}

func (t *table) renderTable(w io.Writer) error {
	if len(t.rows) == 0 {
		_, err := fmt.Fprintln(w, "(nothing to show)")
		return err
	}
	show := func(i int, v string) string {
		if t.cols[i].kind == amountCell && v != "" {
			return ledger.GroupThousands(v)
		}
		return v
	}
	widths := make([]int, len(t.cols))
	for i, c := range t.cols {
		widths[i] = utf8.RuneCountInString(c.name)
	}
	for _, r := range append(append([][]string{}, t.rows...), t.footer...) {
		for i, v := range r {
			if n := utf8.RuneCountInString(show(i, v)); n > widths[i] {
				widths[i] = n
			}
		}
	}
	var b strings.Builder
	line := func(cells []string, raw bool) {
		for i, v := range cells {
			if !raw {
				v = show(i, v)
			}
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(v))
			if i > 0 {
				b.WriteString("  ")
			}
			if t.cols[i].kind != textCell {
				b.WriteString(pad + v)
			} else if i < len(cells)-1 {
				b.WriteString(v + pad)
			} else {
				b.WriteString(v)
			}
		}
		b.WriteByte('\n')
	}
	names := make([]string, len(t.cols))
	rule := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.name
		rule[i] = strings.Repeat("-", widths[i])
	}
	line(names, true)
	line(rule, true)
	for _, r := range t.rows {
		line(r, false)
	}
	if len(t.footer) > 0 {
		line(rule, true)
		for _, r := range t.footer {
			line(r, false)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func itoa(n int) string { return strconv.Itoa(n) }
