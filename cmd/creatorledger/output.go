package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
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

func wideFlag() *cli.BoolFlag {
	return &cli.BoolFlag{Name: "wide", Usage: "table: show long texts whole, however wide the lines (default: fit 100 columns)"}
}

// cellKind says how a column is rendered.
type cellKind int

const (
	textCell   cellKind = iota // free text (a title, a description): cut at its end when the table is too wide
	amountCell                 // a decimal string: right-aligned, grouped in tables, a string in JSON
	countCell                  // a whole number or empty: right-aligned, a number or null in JSON
	nameCell                   // text whose both ends matter (a file name, an id): cut in the middle, after free text
	labelCell                  // a name people pick rows by (platform, program, source): cut at its end, last
	wordCell                   // a code, a date, a word from a fixed list (status, currency): never cut
)

// text reports whether cells of kind k are text: left-aligned, and
// neutralised in CSV when a spreadsheet would take them for a formula.
func (k cellKind) text() bool { return k != amountCell && k != countCell }

// cutWeight says how readily a column of kind k is cut to fit a table in
// its width: the column whose width times its weight is the largest goes
// first, so free text is cut before names, and names before labels; 0:
// never.
func (k cellKind) cutWeight() int {
	switch k {
	case textCell:
		return 4
	case nameCell:
		return 3
	case labelCell:
		return 2
	}
	return 0
}

// tableWidth is the widest line of a people's table, unless --wide: a
// terminal of 100 columns.
const tableWidth = 100

type column struct {
	name string
	kind cellKind
}

// table is a report or listing before it is rendered. Cells are plain
// strings in the machine format (amounts as FormatAmount writes them).
//
// A table made by streamTable writes its CSV or JSON rows as they are
// added, so a listing of a million entries needs no more memory than one.
type table struct {
	cols   []column
	rows   [][]string
	footer [][]string // only in the people's table: totals

	// The people's table fits in max columns (0: tableWidth): the widest
	// text columns are cut (…) until it does; numbers and words never are.
	// With wide, every cell is shown whole, however long the lines.
	max  int
	wide bool
	// under names a text column that the people's table shows on a line
	// of its own under each row, indented and cut to the width (the
	// original row of an entry, a source's header), or wrapped with
	// wrapUnder; on the row's line with wide.
	under     string
	wrapUnder bool

	out *rowWriter // when streaming
}

// widen sets wide from the command's --wide and returns t.
func (t *table) widen(c *cli.Context) *table {
	t.wide = c.Bool("wide")
	return t
}

func (t *table) add(cells ...string) {
	if t.out != nil {
		t.out.write(cells)
		return
	}
	t.rows = append(t.rows, cells)
}

// streamTable returns a table that writes to w as rows are added when the
// format is CSV or JSON, and keeps them for render otherwise (the people's
// table needs every row for its column widths). End it with render.
func streamTable(w io.Writer, format string, cols []column) *table {
	t := &table{cols: cols}
	if format == formatCSV || format == formatJSON {
		t.out = newRowWriter(w, format, cols)
	}
	return t
}

// render writes t in the format: an aligned table for people, CSV with
// formula cells neutralised, or JSON {"rows": [{column: value}]}. A
// streaming table only finishes what it has written.
func (t *table) render(w io.Writer, format string) error {
	if t.out != nil {
		return t.out.close()
	}
	if format == formatTable {
		return t.renderTable(w)
	}
	rw := newRowWriter(w, format, t.cols)
	for _, r := range t.rows {
		rw.write(r)
	}
	return rw.close()
}

// rowWriter writes rows as CSV or as the JSON document {"rows": [...]},
// indented as encoding/json indents with two spaces.
type rowWriter struct {
	w      *bufio.Writer
	cols   []column
	keys   [][]byte // the JSON-quoted column names
	csv    *csv.Writer
	rec    []string
	n      int
	buf    []byte
	indent bytes.Buffer
	err    error
}

func newRowWriter(w io.Writer, format string, cols []column) *rowWriter {
	rw := &rowWriter{w: bufio.NewWriterSize(w, 64<<10), cols: cols, rec: make([]string, len(cols))}
	if format == formatCSV {
		rw.csv = csv.NewWriter(rw.w)
		for i, c := range cols {
			rw.rec[i] = c.name
		}
		rw.err = rw.csv.Write(rw.rec)
		return rw
	}
	for _, c := range cols {
		k, _ := json.Marshal(c.name)
		rw.keys = append(rw.keys, k)
	}
	_, rw.err = rw.w.WriteString("{\n  \"rows\": [")
	return rw
}

func (rw *rowWriter) write(cells []string) {
	if rw.err != nil {
		return
	}
	if rw.csv != nil {
		for i, v := range cells {
			if rw.cols[i].kind.text() {
				v = importers.NeutraliseCell(v)
			}
			rw.rec[i] = v
		}
		rw.err = rw.csv.Write(rw.rec)
		rw.n++
		return
	}
	b := append(rw.buf[:0], '{')
	for i, v := range cells {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, rw.keys[i]...)
		b = append(b, ':')
		switch {
		case rw.cols[i].kind == countCell && v == "":
			b = append(b, "null"...)
		case rw.cols[i].kind == countCell:
			b = append(b, v...)
		default:
			q, _ := json.Marshal(v)
			b = append(b, q...)
		}
	}
	b = append(b, '}')
	rw.buf = b
	rw.indent.Reset()
	if rw.err = json.Indent(&rw.indent, b, "    ", "  "); rw.err != nil {
		return
	}
	sep := ",\n    "
	if rw.n == 0 {
		sep = "\n    "
	}
	rw.n++
	if _, rw.err = rw.w.WriteString(sep); rw.err == nil {
		_, rw.err = rw.indent.WriteTo(rw.w)
	}
}

// close ends the document and flushes.
func (rw *rowWriter) close() error {
	if rw.err == nil {
		if rw.csv != nil {
			rw.csv.Flush()
			rw.err = rw.csv.Error()
		} else if rw.n == 0 {
			_, rw.err = rw.w.WriteString("]\n}\n")
		} else {
			_, rw.err = rw.w.WriteString("\n  ]\n}\n")
		}
	}
	if rw.err != nil {
		return rw.err
	}
	return rw.w.Flush()
}

func (t *table) renderTable(w io.Writer) error {
	if len(t.rows) == 0 {
		_, err := fmt.Fprintln(w, "(nothing to show)")
		return err
	}
	limit := t.max
	if limit == 0 {
		limit = tableWidth
	}
	// The cells as shown, and the column shown under each row.
	cols, under := t.cols, -1
	if t.under != "" && !t.wide {
		for i, c := range t.cols {
			if c.name == t.under {
				under = i
				cols = append(append([]column{}, t.cols[:i]...), t.cols[i+1:]...)
			}
		}
	}
	shown := func(rows [][]string) (cells [][]string, below []string) {
		for _, r := range rows {
			row := make([]string, 0, len(cols))
			for i, v := range r {
				switch {
				case i == under:
					below = append(below, printable(v))
					continue
				case t.cols[i].kind == amountCell && v != "":
					v = ledger.GroupThousands(v)
				default:
					v = printable(v)
				}
				row = append(row, v)
			}
			cells = append(cells, row)
		}
		return cells, below
	}
	rows, below := shown(t.rows)
	footer, _ := shown(t.footer)
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = displayWidth(c.name)
	}
	for _, r := range append(append([][]string{}, rows...), footer...) {
		for i, v := range r {
			widths[i] = max(widths[i], displayWidth(v))
		}
	}
	if !t.wide {
		fitWidths(cols, widths, limit)
	}
	b := bufio.NewWriterSize(w, 64<<10)
	var l strings.Builder
	line := func(cells []string) {
		l.Reset()
		for i, v := range cells {
			v = fitCell(v, widths[i], cols[i].kind)
			pad := strings.Repeat(" ", max(0, widths[i]-displayWidth(v)))
			if i > 0 {
				l.WriteString("  ")
			}
			if cols[i].kind.text() {
				l.WriteString(v + pad)
			} else {
				l.WriteString(pad + v)
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteByte('\n')
	}
	names := make([]string, len(cols))
	rule := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
		rule[i] = strings.Repeat("-", widths[i])
	}
	line(names)
	line(rule)
	for i, r := range rows {
		line(r)
		switch {
		case under < 0 || below[i] == "":
		case t.wrapUnder:
			wrap(b, "    ", "    ", below[i], limit, false)
		default:
			b.WriteString("    " + cutEnd(below[i], limit-4) + "\n")
		}
	}
	if len(footer) > 0 {
		line(rule)
		for _, r := range footer {
			line(r)
		}
	}
	return b.Flush()
}

// rename gives column old the name new, for the people's table where the
// machine formats' names are longer than they need to be ("cur" for
// currency), and returns t.
func (t *table) rename(old, new string) *table {
	t.cols = append([]column{}, t.cols...)
	for i, c := range t.cols {
		if c.name == old {
			t.cols[i].name = new
		}
	}
	return t
}

func itoa(n int) string { return strconv.Itoa(n) }

// only returns a table of t's columns named, in that order, for the
// people's table where the machine formats carry more.
func (t *table) only(names ...string) *table {
	var idx []int
	out := &table{max: t.max, wide: t.wide, under: t.under, wrapUnder: t.wrapUnder}
	for _, n := range names {
		for i, c := range t.cols {
			if c.name == n {
				idx = append(idx, i)
				out.cols = append(out.cols, c)
			}
		}
	}
	pick := func(rows [][]string) [][]string {
		var res [][]string
		for _, r := range rows {
			cells := make([]string, len(idx))
			for j, i := range idx {
				cells[j] = r[i]
			}
			res = append(res, cells)
		}
		return res
	}
	out.rows, out.footer = pick(t.rows), pick(t.footer)
	return out
}

// printable returns s fit for a terminal line: control characters (C0,
// DEL, C1), Unicode's bidirectional controls and bytes that are not UTF-8
// are written as Go escapes (\n, \x1b, \u202e), so a file name or a cell
// can neither move the cursor or colour the terminal nor split a table row
// or an error line. Everything else is kept as it is. CSV and JSON output
// keep the text exact; JSON escapes control characters itself.
func printable(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return escapeControls(s)
		}
	}
	return s
}

func escapeControls(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || isBidiControl(r):
			q := strconv.QuoteRune(r) // '\n', '\x1b', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isBidiControl reports whether r reorders the text around it (the
// "Trojan Source" characters).
func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// errorText is err's message for the terminal: every line printable, and
// the path of a file error escaped whole, so a file name can neither
// split the message nor reach the terminal as a control sequence.
func errorText(err error) string {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) && printable(pe.Path) != pe.Path {
		msg = strings.ReplaceAll(msg, pe.Path, printable(pe.Path))
	}
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		lines[i] = printable(l)
	}
	return strings.Join(lines, "\n")
}
