package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestStreamedRowsMatchRendered: a table that streams its rows writes the
// same CSV and JSON as one rendered at the end, for awkward cells too, and
// the JSON is what encoding/json would write.
func TestStreamedRowsMatchRendered(t *testing.T) {
	cols := []column{{"line", countCell}, {"amount", amountCell}, {"text", textCell}}
	rows := [][]string{
		{"2", "-12.50", `=HYPERLINK("x")`},
		{"", "0.005", "quote \" comma , newline \n tab \t"},
		{"10", "1234567.891", "<b>€ & ünïcode</b>"},
	}
	for _, format := range []string{formatCSV, formatJSON} {
		for _, n := range []int{0, 1, len(rows)} {
			var kept, streamed bytes.Buffer
			k := &table{cols: cols}
			s := streamTable(&streamed, format, cols)
			for _, r := range rows[:n] {
				k.add(r...)
				s.add(r...)
			}
			if err := k.render(&kept, format); err != nil {
				t.Fatal(err)
			}
			if err := s.render(&streamed, format); err != nil {
				t.Fatal(err)
			}
			if kept.String() != streamed.String() {
				t.Errorf("%s, %d rows: streamed\n%s\nrendered\n%s", format, n, streamed.String(), kept.String())
			}
			if format != formatJSON {
				if n > 0 && !strings.Contains(kept.String(), `"'=HYPERLINK(""x"")"`) {
					t.Errorf("csv formula cell not neutralised:\n%s", kept.String())
				}
				continue
			}
			// The document encoding/json writes for the same rows.
			type doc struct {
				Rows []map[string]any `json:"rows"`
			}
			var d doc
			if err := json.Unmarshal(kept.Bytes(), &d); err != nil {
				t.Fatalf("%d rows: %v\n%s", n, err, kept.String())
			}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			raw := make([]json.RawMessage, 0)
			for _, r := range d.Rows {
				var b bytes.Buffer
				b.WriteByte('{')
				for i, c := range cols {
					if i > 0 {
						b.WriteByte(',')
					}
					k, _ := json.Marshal(c.name)
					v, _ := json.Marshal(r[c.name])
					b.Write(k)
					b.WriteByte(':')
					b.Write(v)
				}
				b.WriteByte('}')
				raw = append(raw, b.Bytes())
			}
			enc.Encode(struct {
				Rows []json.RawMessage `json:"rows"`
			}{raw})
			if want.String() != kept.String() {
				t.Errorf("%d rows: JSON\n%s\nwant\n%s", n, kept.String(), want.String())
			}
		}
	}
}
