package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/klauspost/compress/s2"
)

// The rows of imported files are kept in import_rows, in runs of about
// rowRunSize bytes: records "<line>\t<row>\n" in file order, with
// backslash, newline and carriage return in the row escaped as \\, \n and
// \r (the same encoding migration 0002 writes in SQL). data is that text,
// as migration 0002 wrote it, or a blob: the text compressed in S2's block
// format (github.com/klauspost/compress/s2), as imports write it. A run
// stores the rows of entries an import added or updated; duplicates need
// none, since the entry keeps pointing at the row that wrote it.
//
// Compressed, the rows of a 1M-row export take 30 MB instead of 119 MB
// (the file's own size, and half of what a first import wrote). S2 packs
// them at about 1 GB/s, on whichever side of the import has time (see
// ImportTx.passRun).
const rowRunSize = 32 << 10

// rowRun collects one run of rows.
type rowRun struct {
	data        []byte
	first, last int
	n           int
	packed      []byte // data compressed, once pack has run
	isPacked    bool
}

// add appends a row. A row that yields two entries is stored once.
func (r *rowRun) add(line int, raw string) {
	if r.n > 0 && line == r.last {
		return
	}
	if r.n == 0 || line < r.first {
		r.first = line
	}
	if r.n == 0 || line > r.last {
		r.last = line
	}
	r.n++
	r.data = strconv.AppendInt(r.data, int64(line), 10)
	r.data = append(r.data, '\t')
	r.data = appendEscapedRow(r.data, raw)
	r.data = append(r.data, '\n')
}

func (r *rowRun) full() bool { return len(r.data) >= rowRunSize }

func (r *rowRun) reset() { r.data, r.n, r.isPacked = r.data[:0], 0, false }

// pack compresses the run's rows, once.
func (r *rowRun) pack() {
	if !r.isPacked {
		r.packed = s2.Encode(r.packed[:cap(r.packed)], r.data)
		r.isPacked = true
	}
}

func appendEscapedRow(dst []byte, raw string) []byte {
	if strings.IndexByte(raw, '\\') < 0 && strings.IndexByte(raw, '\n') < 0 && strings.IndexByte(raw, '\r') < 0 {
		return append(dst, raw...) // most rows
	}
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

func unescapeRow(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			default:
				c = s[i]
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// decodeRun returns the rows of one run (import_rows.data: text, or the
// text compressed) by line.
func decodeRun(stored any, into map[int]string) error {
	var data string
	switch v := stored.(type) {
	case string:
		data = v
	case []byte:
		text, err := s2.Decode(nil, v)
		if err != nil {
			return fmt.Errorf("import rows: %w", err)
		}
		data = string(text)
	default:
		return fmt.Errorf("import rows: a run of type %T", stored)
	}
	for len(data) > 0 {
		rec, rest, ok := strings.Cut(data, "\n")
		if !ok {
			return fmt.Errorf("import rows: unterminated record")
		}
		data = rest
		num, row, ok := strings.Cut(rec, "\t")
		line, err := strconv.Atoi(num)
		if !ok || err != nil {
			return fmt.Errorf("import rows: bad record %.40q", rec)
		}
		if _, seen := into[line]; !seen {
			into[line] = unescapeRow(row)
		}
	}
	return nil
}

// writeRun stores the run r, if it holds rows, and empties it.
func (t *ImportTx) writeRun(r *rowRun) error {
	if r.n == 0 {
		return nil
	}
	st := t.stmts.rows
	st.Int64(1, t.rec.ID)
	st.Int64(2, int64(r.first))
	st.Int64(3, int64(r.last))
	r.pack()
	st.Blob(4, r.packed)
	if err := st.Exec(); err != nil {
		return fmt.Errorf("store file rows: %w", err)
	}
	r.reset()
	return nil
}

// rowReader finds the file rows of entries, keeping the runs it read last.
type rowReader struct {
	q    querier
	runs []cachedRun
}

type cachedRun struct {
	importID    int64
	first, last int
	rows        map[int]string
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// row returns the file row at line of an import, or "" when none is kept.
func (rr *rowReader) row(ctx context.Context, importID int64, line int) (string, error) {
	for _, c := range rr.runs {
		if c.importID == importID && c.first <= line && line <= c.last {
			if s, ok := c.rows[line]; ok {
				return s, nil
			}
		}
	}
	rows, err := rr.q.QueryContext(ctx, `SELECT first_line, last_line, data FROM import_rows
		WHERE import_id = ? AND first_line <= ? AND last_line >= ? ORDER BY first_line DESC`, importID, line, line)
	if err != nil {
		return "", fmt.Errorf("read file rows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c := cachedRun{importID: importID, rows: map[int]string{}}
		var data any
		if err := rows.Scan(&c.first, &c.last, &data); err != nil {
			return "", fmt.Errorf("read file rows: %w", err)
		}
		if err := decodeRun(data, c.rows); err != nil {
			return "", err
		}
		if len(rr.runs) == 4 {
			rr.runs = rr.runs[1:]
		}
		rr.runs = append(rr.runs, c)
		if s, ok := c.rows[line]; ok {
			return s, nil
		}
	}
	return "", rows.Err()
}
