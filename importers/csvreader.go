// The record reader in this file is derived from Go's encoding/csv:
// Copyright 2011 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE-go file in this directory.

package importers

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode"
	"unicode/utf8"
)

// csvReader reads records exactly as an encoding/csv.Reader set up as
// Source used one (FieldsPerRecord -1, ReuseRecord, no comment character,
// no LazyQuotes, TrimLeadingSpace as asked): the same records, the same
// *csv.ParseError values, the same line numbers and input offsets, reading
// its bufio.Reader the same way. Its code follows encoding/csv's
// readRecord step by step. What it adds is where each field's text starts
// in the input, so that Source can cut the fields out of the row's text,
// which it keeps for Raw anyway, instead of allocating a copy of them.
type csvReader struct {
	r                *bufio.Reader
	comma            rune
	trimLeadingSpace bool

	numLine   int   // lines read
	offset    int64 // input bytes read
	rawBuffer []byte

	// The current record: its fields' bytes end to end, where each ends,
	// and where each starts in the input when the field is there as it is
	// (-1 for one with "" or a line break inside).
	recordBuffer []byte
	fieldIndexes []int
	fieldStarts  []int64
	recLine      int // the line the record starts on

	// The line being parsed: where it starts in the input and its length
	// as readLine returned it (fields are cut from its end, so a field's
	// place in the input follows from what is left of the line).
	lineOff int64
	lineLen int
}

// errInvalidDelim has the text of encoding/csv's error for a delimiter it
// cannot use.
var errInvalidDelim = errors.New("csv: invalid field or comment delimiter")

// validDelim is encoding/csv's test of a delimiter.
func validDelim(r rune) bool {
	return r != 0 && r != '"' && r != '\r' && r != '\n' && utf8.ValidRune(r) && r != utf8.RuneError
}

// readLine is encoding/csv's readLine.
func (r *csvReader) readLine() ([]byte, error) {
	r.lineOff = r.offset
	line, err := r.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		r.rawBuffer = append(r.rawBuffer[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = r.r.ReadSlice('\n')
			r.rawBuffer = append(r.rawBuffer, line...)
		}
		line = r.rawBuffer
	}
	readSize := len(line)
	if readSize > 0 && err == io.EOF {
		err = nil
		// For backwards compatibility, drop trailing \r before EOF.
		if line[readSize-1] == '\r' {
			line = line[:readSize-1]
		}
	}
	r.numLine++
	r.offset += int64(readSize)
	// Normalize \r\n to \n on all input lines.
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line[n-2] = '\n'
		line = line[:n-1]
	}
	r.lineLen = len(line)
	return line, err
}

// at returns where in the input the rest of the current line, line, starts.
func (r *csvReader) at(line []byte) int64 {
	return r.lineOff + int64(r.lineLen-len(line))
}

func lengthNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}

func nextRune(b []byte) rune {
	if len(b) > 0 && b[0] < utf8.RuneSelf {
		return rune(b[0])
	}
	r, _ := utf8.DecodeRune(b)
	return r
}

// leadingSpace returns the length of line's leading white space as
// encoding/csv's TrimLeadingSpace counts it, or -1 when the line is all
// space.
func leadingSpace(line []byte) int {
	if len(line) > 0 && line[0] < utf8.RuneSelf && !asciiSpace(line[0]) {
		return 0
	}
	return bytes.IndexFunc(line, func(r rune) bool { return !unicode.IsSpace(r) })
}

// asciiSpace is unicode.IsSpace for an ASCII byte.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// fieldEnd finds in line the end of an unquoted field, as encoding/csv
// does with bytes.IndexRune(line, comma), and the first quote before it
// (bytes.IndexByte(field, '"')), or -1. For the usual short field and ASCII
// delimiter one loop over the bytes beats the two calls.
func (r *csvReader) fieldEnd(line []byte) (comma, quote int) {
	if r.comma >= utf8.RuneSelf {
		comma = bytes.IndexRune(line, r.comma)
		field := line
		if comma >= 0 {
			field = line[:comma]
		}
		return comma, bytes.IndexByte(field, '"')
	}
	c := byte(r.comma)
	for i, b := range line {
		switch b {
		case c:
			return i, -1
		case '"':
			// The field is malformed: find its end the usual way.
			comma = bytes.IndexRune(line, r.comma)
			if comma >= 0 && comma < i {
				return comma, -1
			}
			return comma, i
		}
	}
	return -1, -1
}

// plainRecord reads the fields of line, a record on one line, when it is
// plain: an ASCII delimiter, fields that either have no quote or are
// quoted whole with no quote inside (no ""), and (when leading space is
// trimmed) no field that starts with white space or a non-ASCII byte,
// which might be white space. Nearly every row of an export is. It reports
// false, having changed nothing that readRecord does not set again, for any
// other line, which readRecord then parses the general way. The fields and
// their starts are those readRecord would find.
func (r *csvReader) plainRecord(line []byte) bool {
	if r.comma >= utf8.RuneSelf {
		return false
	}
	c := byte(r.comma)
	body := line[:len(line)-lengthNL(line)]
	r.recordBuffer = r.recordBuffer[:0]
	r.fieldIndexes = r.fieldIndexes[:0]
	r.fieldStarts = r.fieldStarts[:0]
	start := r.at(line)
	// quote is where the next '"' is in body (-1: none): one search for a
	// line without quotes instead of one a field.
	quote := bytes.IndexByte(body, '"')
	for {
		if r.trimLeadingSpace && len(body) > 0 && (asciiSpace(body[0]) || body[0] >= utf8.RuneSelf) {
			return false
		}
		var field []byte
		next := -1 // where the next field starts in body, if there is one
		if quote == 0 {
			end := bytes.IndexByte(body[1:], '"') + 1 // the closing quote
			switch {
			case end == 0:
				return false // it goes on in the next line, or is malformed
			case end+1 == len(body):
			case body[end+1] == c:
				next = end + 2
			default:
				return false // "" inside, or text after the closing quote
			}
			field = body[1:end]
			start++
		} else {
			i := bytes.IndexByte(body, c)
			field = body
			if i >= 0 {
				field, next = body[:i], i+1
			}
			if quote >= 0 && quote < len(field) {
				return false // a bare quote: an error
			}
		}
		r.fieldStarts = append(r.fieldStarts, start)
		r.recordBuffer = append(r.recordBuffer, field...)
		r.fieldIndexes = append(r.fieldIndexes, len(r.recordBuffer))
		if next < 0 {
			return true
		}
		body = body[next:]
		if quote >= 0 {
			if quote -= next; quote < 0 { // the quote was the field's own
				quote = bytes.IndexByte(body, '"')
			}
		}
		start = r.at(line) + int64(len(line)-lengthNL(line)-len(body))
	}
}

// readRecord reads the next record into recordBuffer, fieldIndexes and
// fieldStarts. Like encoding/csv it may return an error together with the
// fields read so far; at the end of the input it returns io.EOF.
func (r *csvReader) readRecord() error {
	if !validDelim(r.comma) {
		return errInvalidDelim
	}

	// Read line (automatically skipping past empty lines).
	var line []byte
	var errRead error
	for errRead == nil {
		line, errRead = r.readLine()
		if errRead == nil && len(line) == lengthNL(line) {
			line = nil
			continue // Skip empty lines
		}
		break
	}
	if errRead == io.EOF {
		return errRead
	}
	r.recLine = r.numLine
	if r.plainRecord(line) {
		return errRead
	}

	// Parse each field in the record.
	var err error
	const quoteLen = len(`"`)
	commaLen := utf8.RuneLen(r.comma)
	recLine := r.numLine // Starting line for record
	r.recLine = recLine
	r.recordBuffer = r.recordBuffer[:0]
	r.fieldIndexes = r.fieldIndexes[:0]
	r.fieldStarts = r.fieldStarts[:0]
	type position struct{ line, col int }
	pos := position{line: r.numLine, col: 1}
parseField:
	for {
		if r.trimLeadingSpace {
			i := leadingSpace(line)
			if i < 0 {
				i = len(line)
				pos.col -= lengthNL(line)
			}
			line = line[i:]
			pos.col += i
		}
		if len(line) == 0 || line[0] != '"' {
			// Non-quoted string field
			i, j := r.fieldEnd(line)
			field := line
			if i >= 0 {
				field = field[:i]
			} else {
				field = field[:len(field)-lengthNL(field)]
			}
			// Check to make sure a quote does not appear in field.
			if j >= 0 {
				col := pos.col + j
				err = &csv.ParseError{StartLine: recLine, Line: r.numLine, Column: col, Err: csv.ErrBareQuote}
				break parseField
			}
			r.fieldStarts = append(r.fieldStarts, r.at(line))
			r.recordBuffer = append(r.recordBuffer, field...)
			r.fieldIndexes = append(r.fieldIndexes, len(r.recordBuffer))
			if i >= 0 {
				line = line[i+commaLen:]
				pos.col += i + commaLen
				continue parseField
			}
			break parseField
		} else {
			// Quoted string field
			line = line[quoteLen:]
			pos.col += quoteLen
			r.fieldStarts = append(r.fieldStarts, r.at(line))
			whole := func() { // the field's text is not in the input as it is
				r.fieldStarts[len(r.fieldStarts)-1] = -1
			}
			for {
				i := bytes.IndexByte(line, '"')
				if i >= 0 {
					// Hit next quote.
					r.recordBuffer = append(r.recordBuffer, line[:i]...)
					line = line[i+quoteLen:]
					pos.col += i + quoteLen
					switch rn := nextRune(line); {
					case rn == '"':
						// `""` sequence (append quote).
						r.recordBuffer = append(r.recordBuffer, '"')
						whole()
						line = line[quoteLen:]
						pos.col += quoteLen
					case rn == r.comma:
						// `",` sequence (end of field).
						line = line[commaLen:]
						pos.col += commaLen
						r.fieldIndexes = append(r.fieldIndexes, len(r.recordBuffer))
						continue parseField
					case lengthNL(line) == len(line):
						// `"\n` sequence (end of line).
						r.fieldIndexes = append(r.fieldIndexes, len(r.recordBuffer))
						break parseField
					default:
						// `"*` sequence (invalid non-escaped quote).
						err = &csv.ParseError{StartLine: recLine, Line: r.numLine, Column: pos.col - quoteLen, Err: csv.ErrQuote}
						break parseField
					}
				} else if len(line) > 0 {
					// Hit end of line (copy all data so far).
					r.recordBuffer = append(r.recordBuffer, line...)
					if errRead != nil {
						break parseField
					}
					pos.col += len(line)
					whole()
					line, errRead = r.readLine()
					if len(line) > 0 {
						pos.line++
						pos.col = 1
					}
					if errRead == io.EOF {
						errRead = nil
					}
				} else {
					// Abrupt end of file (EOF or error).
					if errRead == nil {
						err = &csv.ParseError{StartLine: recLine, Line: pos.line, Column: pos.col, Err: csv.ErrQuote}
						break parseField
					}
					r.fieldIndexes = append(r.fieldIndexes, len(r.recordBuffer))
					break parseField
				}
			}
		}
	}
	if err == nil {
		err = errRead
	}
	// A quoted field cut short by an error has a start but no end.
	r.fieldStarts = r.fieldStarts[:len(r.fieldIndexes)]
	return err
}
