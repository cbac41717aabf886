package importers

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
)

// sniffSize is how much decoded text the delimiter sniffer looks at.
const sniffSize = 64 << 10

// Delimiters are the field separators a Source recognises, in the order
// that breaks ties.
var Delimiters = []rune{',', ';', '\t', '|'}

// Source is a CSV file being read row by row: decoded to UTF-8, its
// delimiter sniffed, its header read. Importers pull rows with Next and
// report bad cells with Errorf; the Source collects up to MaxErrors of them.
type Source struct {
	Name      string // file name used in error messages
	Encoding  Encoding
	Delimiter rune

	r      *csvReader
	header []string
	record []string
	line   int
	errs   ErrorList
	ioErr  error

	statement []StatementEnds // balanceCheck.finish
	balanced  bool            // a balanceCheck follows the file

	lineOffset int      // preamble lines read before the CSV reader started
	headerLine int      // line number of the header
	preamble   []string // the lines before the header, as read
	offset     atomic.Int64

	// The current row's text, for Raw: rec keeps what the CSV reader has
	// buffered; the row is rec's bytes from rowStart to rowEnd (offsets in
	// the decoded text, csvStart being where the CSV reader began). row is
	// that text as a string, without the empty lines before it; the
	// record's fields are cut from it where they can be.
	rec              *textRecorder
	csvStart         int64
	rowStart, rowEnd int64
	row              string
	rows             strings.Builder // the texts of the last rows (see cutRecord)
}

// rowChunk is how many bytes of row texts share one allocation.
const rowChunk = 64 << 10

// SourceOptions adjust how a Source finds its header. The zero value sniffs
// the delimiter and skips a preamble automatically.
type SourceOptions struct {
	// Delimiter, when non-zero, is used instead of the sniffed one.
	Delimiter rune
	// Skip is the number of lines before the header when ExactSkip is set.
	// Otherwise up to maxPreamble leading lines with at most one non-empty
	// field are skipped when a line with two or more follows (a report
	// title such as Amazon's "Fee-Earnings reports from ..." or Knab's
	// "KNAB EXPORT;;;;").
	Skip      int
	ExactSkip bool
}

// SourceConfigurer is implemented by importers (profiles) that know how
// their files must be opened: a fixed delimiter or number of preamble
// lines. Use NewSourceFor to honour it.
type SourceConfigurer interface {
	SourceOptions() SourceOptions
}

// maxPreamble is how many title lines automatic preamble skipping accepts.
const maxPreamble = 10

// NewSource opens r as a CSV source named name. It reads the header line
// and returns ErrEmptyFile (wrapped) when there is none.
func NewSource(name string, r io.Reader) (*Source, error) {
	return NewSourceWith(name, r, SourceOptions{})
}

// NewSourceFor opens r for a known importer: with its SourceOptions when it
// has them (import --as, import --profile), else as NewSource does.
func NewSourceFor(name string, r io.Reader, imp Importer) (*Source, error) {
	if c, ok := imp.(SourceConfigurer); ok {
		return NewSourceWith(name, r, c.SourceOptions())
	}
	return NewSource(name, r)
}

// NewSourceWith opens r as a CSV source with explicit options.
func NewSourceWith(name string, r io.Reader, opts SourceOptions) (*Source, error) {
	s := &Source{Name: name}
	raw := bufio.NewReaderSize(&countingReader{r: r, n: &s.offset}, 64<<10)
	dec, enc := decode(raw)
	s.Encoding = enc
	s.rec = &textRecorder{r: dec}
	text := bufio.NewReaderSize(s.rec, sniffSize)
	sample, err := text.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("read: %w", err)
	}
	if strings.IndexByte(string(sample), 0) >= 0 && !s.Encoding.utf16() {
		return nil, errors.New("this is a binary file, not CSV text")
	}
	s.Delimiter = sniffDelimiter(sample)
	if opts.Delimiter != 0 {
		s.Delimiter = opts.Delimiter
	}
	skip := opts.Skip
	if !opts.ExactSkip {
		skip = preambleLines(sample, s.Delimiter, len(sample) < sniffSize)
	}
	for i := 0; i < skip; i++ {
		l, err := text.ReadString('\n')
		if l == "" && err != nil {
			if errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("%w: no header line after %d preamble lines", ErrEmptyFile, i)
			}
			return nil, fmt.Errorf("read: %w", err)
		}
		s.preamble = append(s.preamble, strings.TrimRight(l, "\r\n"))
		s.lineOffset++
		s.csvStart += int64(len(l))
	}
	s.r = &csvReader{r: text, comma: s.Delimiter, trimLeadingSpace: s.Delimiter != '\t'}
	if !s.next() {
		if err := s.Err(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: no header line", ErrEmptyFile)
	}
	s.headerLine = s.line
	s.header = make([]string, len(s.record))
	for i, h := range s.record {
		s.header[i] = strings.TrimSpace(h)
	}
	return s, nil
}

// Header returns the header row, each name trimmed of surrounding space.
func (s *Source) Header() []string { return s.header }

// HeaderLine returns the line number of the header.
func (s *Source) HeaderLine() int { return s.headerLine }

// Preamble returns the lines before the header, such as a report title.
func (s *Source) Preamble() []string { return s.preamble }

// Next advances to the next row. It returns false at the end of the file,
// on a malformed line (recorded as an error), or once MaxErrors errors have
// been collected.
func (s *Source) Next() bool {
	if len(s.errs) >= MaxErrors {
		return false
	}
	return s.next()
}

func (s *Source) next() bool {
	for {
		s.rowStart = s.csvStart + s.r.offset
		err := s.r.readRecord()
		if err == io.EOF {
			return false
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				s.errs = append(s.errs, &FieldError{File: s.Name, Line: pe.Line + s.lineOffset, Column: 0, Problem: "malformed CSV: " + pe.Err.Error()})
			} else if errors.Is(err, errRowTooLong) {
				s.ioErr = fmt.Errorf("after line %d: %w", s.line, err)
			} else {
				s.ioErr = fmt.Errorf("read: %w", err)
			}
			return false
		}
		s.rowEnd = s.csvStart + s.r.offset
		s.rec.release(s.rowStart)
		s.line = s.r.recLine + s.lineOffset
		s.cutRecord()
		if len(s.record) == 1 && strings.TrimSpace(s.record[0]) == "" {
			continue // a line of only spaces
		}
		return true
	}
}

// cutRecord sets row to the text of the row just read and makes record's
// fields. A field whose bytes are in the row as they are (an unquoted one,
// a quoted one without "" or a line break inside) is a piece of row; the
// others are pieces of one copy of the record's bytes, as encoding/csv
// makes them. So a row costs a copy into a chunk of rows (which Raw
// shares), and no allocation of its own. What keeps a field beyond its
// entry keeps its chunk: a copy of it (strings.Clone) does not.
func (s *Source) cutRecord() {
	raw := s.rec.slice(s.rowStart, s.rowEnd)
	base := s.rowStart - s.csvStart // where raw starts, as the CSV reader counts
	for {                           // empty lines the CSV reader skipped before the row
		if rest, ok := bytes.CutPrefix(raw, []byte("\n")); ok {
			raw = rest
			base++
		} else if rest, ok := bytes.CutPrefix(raw, []byte("\r\n")); ok {
			raw = rest
			base += 2
		} else {
			break
		}
	}
	// Rows are copied into a chunk they share: a Builder never changes
	// the bytes of a string it returned, and a full one is replaced, not
	// reset. A row then costs a copy, not an allocation.
	if s.rows.Cap()-s.rows.Len() < len(raw) {
		s.rows = strings.Builder{}
		s.rows.Grow(max(rowChunk, len(raw)))
	}
	start := s.rows.Len()
	s.rows.Write(raw)
	s.row = s.rows.String()[start:]
	r := s.r
	s.record = s.record[:0]
	var copied string // the record's bytes, made when first needed
	prev := 0
	for i, end := range r.fieldIndexes {
		at, n := r.fieldStarts[i]-base, int64(end-prev)
		if r.fieldStarts[i] >= 0 && at >= 0 && at+n <= int64(len(s.row)) {
			s.record = append(s.record, s.row[at:at+n])
		} else {
			if copied == "" {
				copied = string(r.recordBuffer)
			}
			s.record = append(s.record, copied[prev:end])
		}
		prev = end
	}
}

// Record returns the current row. It is reused by the next call to Next.
func (s *Source) Record() []string { return s.record }

// Line returns the line number where the current row starts.
func (s *Source) Line() int { return s.line }

// Offset returns how many bytes of the file have been read so far, for
// progress reports. It may be read from another goroutine.
func (s *Source) Offset() int64 { return s.offset.Load() }

// Errorf records a problem with field col (0-based) of the current row.
func (s *Source) Errorf(col int, format string, args ...any) {
	field := ""
	if col >= 0 && col < len(s.header) {
		field = s.header[col]
	}
	s.errs = append(s.errs, &FieldError{File: s.Name, Line: s.line, Column: col + 1, Field: field, Problem: fmt.Sprintf(format, args...)})
}

// LineErrorf records a problem with the current row as a whole.
func (s *Source) LineErrorf(format string, args ...any) {
	s.errs = append(s.errs, &FieldError{File: s.Name, Line: s.line, Problem: fmt.Sprintf(format, args...)})
}

// Failed reports whether any error has been recorded.
func (s *Source) Failed() bool { return len(s.errs) > 0 || s.ioErr != nil }

// Err returns the I/O error that stopped reading, or else the sorted list
// of row errors, or nil.
func (s *Source) Err() error {
	if s.ioErr != nil {
		return s.ioErr
	}
	if len(s.errs) == 0 {
		return nil
	}
	s.errs.Sort()
	return s.errs
}

// Raw returns the current row as it is in the file (decoded to UTF-8),
// without its line ending, to keep with the entry as its provenance.
func (s *Source) Raw() string {
	if rest, ok := strings.CutSuffix(s.row, "\r\n"); ok {
		return rest
	}
	return strings.TrimSuffix(s.row, "\n")
}

// textRecorder passes text through and keeps what was read from a given
// offset on, so that a row can be cut out after the CSV reader parsed it.
type textRecorder struct {
	r    io.Reader
	buf  []byte // the text from offset base on
	base int64
	mark int64 // where the current row starts
}

// maxRowBytes is the longest row (with the empty lines before it) a file
// may have. Exports have rows of a few hundred bytes; a longer one is not
// an export, and reading on would hold it in memory twice.
const maxRowBytes = 16 << 20

// errRowTooLong stops the reading of a file with a row over maxRowBytes.
var errRowTooLong = fmt.Errorf("a line longer than %d MiB: this is not a CSV export", maxRowBytes>>20)

func (t *textRecorder) Read(p []byte) (int, error) {
	if t.base+int64(len(t.buf))-t.mark > maxRowBytes {
		return 0, errRowTooLong
	}
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// release lets go of the text before offset from; the recorder keeps the
// text the CSV reader has buffered beyond it.
func (t *textRecorder) release(from int64) {
	t.mark = from
	drop := int(from - t.base)
	if drop < 64<<10 || drop < len(t.buf)/2 {
		return // copy only now and then
	}
	n := copy(t.buf, t.buf[drop:])
	t.buf = t.buf[:n]
	t.base = from
}

// slice returns the text from offset from to offset to.
func (t *textRecorder) slice(from, to int64) []byte {
	i, j := from-t.base, to-t.base
	if i < 0 || j < i || j > int64(len(t.buf)) {
		return nil
	}
	return t.buf[i:j]
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// sniffDelimiter picks the delimiter that splits the first lines of sample
// into the same number (at least two) of fields most often; ties go to more
// fields, then to the order of Delimiters. A single-column file
// reads as comma-separated.
func sniffDelimiter(sample []byte) rune {
	lines := logicalLines(string(sample), 20)
	best, bestScore, bestFields := ',', 0, 0
	for _, d := range Delimiters {
		counts := map[int]int{}
		for _, l := range lines {
			if n := countFields(l, d); n >= 2 {
				counts[n]++
			}
		}
		// The most common field count wins, so a title line before the
		// header does not decide.
		for n, c := range counts {
			if c > bestScore || c == bestScore && n > bestFields {
				best, bestScore, bestFields = d, c, n
			}
		}
	}
	return best
}

// logicalLines splits text into at most max lines, keeping quoted line
// breaks inside their line and dropping a last line that may be cut off.
func logicalLines(text string, max int) []string {
	var out []string
	inQuotes := false
	start := 0
	for i := 0; i < len(text) && len(out) < max; i++ {
		switch text[i] {
		case '"':
			inQuotes = !inQuotes
		case '\n':
			if !inQuotes {
				if l := strings.TrimRight(text[start:i], "\r"); strings.TrimSpace(l) != "" {
					out = append(out, l)
				}
				start = i + 1
			}
		}
	}
	if len(out) == 0 && strings.TrimSpace(text[start:]) != "" {
		out = append(out, text[start:]) // a file of one line
	}
	return out
}

// countFields counts the fields of one line for a delimiter, ignoring
// delimiters inside quotes.
func countFields(line string, d rune) int {
	n, inQuotes := 1, false
	for _, c := range line {
		switch {
		case c == '"':
			inQuotes = !inQuotes
		case c == d && !inQuotes:
			n++
		}
	}
	return n
}

// preambleLines counts the lines before the header: leading lines (blank
// ones included) with at most one non-empty field, when a line with two or
// more follows within maxPreamble lines. whole says sample is the whole file.
func preambleLines(sample []byte, d rune, whole bool) int {
	text := string(sample)
	n := 0
	for titles := 0; titles <= maxPreamble; {
		i := strings.IndexByte(text, '\n')
		if i < 0 && !whole {
			return 0 // the sample ends inside this line
		}
		line := text
		if i >= 0 {
			line = text[:i]
		}
		if countNonEmpty(strings.TrimRight(line, "\r"), d) >= 2 {
			return n
		}
		if i < 0 {
			return 0
		}
		if strings.TrimSpace(line) != "" {
			titles++
		}
		n++
		text = text[i+1:]
	}
	return 0
}

// countNonEmpty counts the fields of one line that hold more than spaces
// and quotes.
func countNonEmpty(line string, d rune) int {
	n, inQuotes, filled := 0, false, false
	for _, c := range line {
		switch {
		case c == '"':
			inQuotes = !inQuotes
		case c == d && !inQuotes:
			if filled {
				n++
			}
			filled = false
		case c != ' ' && c != '\t':
			filled = true
		}
	}
	if filled {
		n++
	}
	return n
}
