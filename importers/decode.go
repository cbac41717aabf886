package importers

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// Encoding is how a file's bytes were turned into UTF-8.
type Encoding string

// The encodings a Source recognises.
const (
	UTF8    Encoding = "utf-8"
	UTF8BOM Encoding = "utf-8 with BOM"
	UTF16LE Encoding = "utf-16le"
	UTF16BE Encoding = "utf-16be"
	// UTF-16 without a byte order mark, recognised by its zero bytes:
	// the text of a CSV header is mostly ASCII, which UTF-16 writes as
	// the character and a zero byte, in the order of its endianness.
	UTF16LENoBOM Encoding = "utf-16le without BOM"
	UTF16BENoBOM Encoding = "utf-16be without BOM"
)

// utf16 reports whether e is one of the UTF-16 encodings.
func (e Encoding) utf16() bool {
	return e == UTF16LE || e == UTF16BE || e == UTF16LENoBOM || e == UTF16BENoBOM
}

// decode wraps r so that it yields UTF-8: a UTF-8 BOM is dropped, UTF-16
// with a BOM, or without one when its zero bytes show it (see
// guessUTF16), is converted, and any byte that is not part of valid UTF-8 is
// read as Windows-1252 (what Dutch bank exports such as Rabobank's use), so
// a file that mixes the two still reads as text.
func decode(r *bufio.Reader) (io.Reader, Encoding) {
	head, _ := r.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		r.Discard(3)
		return &cp1252Fallback{r: r}, UTF8BOM
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		r.Discard(2)
		return &utf16Reader{r: r, little: true}, UTF16LE
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		r.Discard(2)
		return &utf16Reader{r: r}, UTF16BE
	}
	switch guessUTF16(r) {
	case UTF16LENoBOM:
		return &utf16Reader{r: r, little: true}, UTF16LENoBOM
	case UTF16BENoBOM:
		return &utf16Reader{r: r}, UTF16BENoBOM
	}
	return &cp1252Fallback{r: r}, UTF8
}

// utf16Sample is how many bytes guessUTF16 looks at.
const utf16Sample = 512

// guessUTF16 recognises UTF-16 without a byte order mark at the start of
// r: nine in ten of its first two-byte units (at least two) are an ASCII
// character other than NUL and a zero byte, the zero on the same side in
// all of them. Text in UTF-8 or Windows-1252 has no zero bytes, and a
// binary file does not have them at every other byte. It returns
// UTF16LENoBOM, UTF16BENoBOM or "".
func guessUTF16(r *bufio.Reader) Encoding {
	b, _ := r.Peek(utf16Sample)
	units := len(b) / 2
	if units < 2 {
		return ""
	}
	var le, be int
	for i := 0; i+1 < len(b); i += 2 {
		switch {
		case b[i] != 0 && b[i] < 0x80 && b[i+1] == 0:
			le++
		case b[i] == 0 && b[i+1] != 0 && b[i+1] < 0x80:
			be++
		}
	}
	switch {
	case le >= 2 && be == 0 && le*10 >= units*9:
		return UTF16LENoBOM
	case be >= 2 && le == 0 && be*10 >= units*9:
		return UTF16BENoBOM
	}
	return ""
}

// cp1252Fallback passes valid UTF-8 through and maps every other byte from
// Windows-1252.
type cp1252Fallback struct {
	r       *bufio.Reader
	pending []byte // converted bytes not yet returned
	carry   []byte // an incomplete UTF-8 sequence at the end of the last chunk
	buf     [32 << 10]byte
	err     error
}

func (d *cp1252Fallback) Read(p []byte) (int, error) {
	for len(d.pending) == 0 {
		if d.err != nil {
			return 0, d.err
		}
		n := copy(d.buf[:], d.carry)
		m, err := d.r.Read(d.buf[n:])
		d.err = err
		chunk := d.buf[:n+m]
		d.carry = d.carry[:0]
		if err == nil {
			// Keep a trailing partial sequence for the next read.
			if cut := partialTail(chunk); cut < len(chunk) {
				d.carry = append(d.carry, chunk[cut:]...)
				chunk = chunk[:cut]
			}
		}
		if utf8.Valid(chunk) {
			d.pending = chunk
			break
		}
		d.pending = toUTF8(chunk)
	}
	n := copy(p, d.pending)
	d.pending = d.pending[n:]
	return n, nil
}

// partialTail returns the index where an incomplete UTF-8 sequence starts at
// the end of b, or len(b) when b ends on a complete character.
func partialTail(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		c := b[i]
		if c < 0x80 {
			return len(b)
		}
		if c >= 0xC0 { // a lead byte
			need := 2
			if c >= 0xE0 {
				need = 3
			}
			if c >= 0xF0 {
				need = 4
			}
			if len(b)-i < need {
				return i
			}
			return len(b)
		}
	}
	return len(b)
}

// cp1252 maps bytes 0x80-0x9F; 0xA0-0xFF equal their Unicode code points.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

func toUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			c := b[0]
			if c >= 0x80 && c < 0xA0 {
				r = cp1252[c-0x80]
			} else {
				r = rune(c)
			}
			size = 1
		}
		out = utf8.AppendRune(out, r)
		b = b[size:]
	}
	return out
}

// utf16Reader converts UTF-16 (after its BOM, if any) to UTF-8.
type utf16Reader struct {
	r       *bufio.Reader
	little  bool
	buf     []byte
	pending []byte
	units   []uint16
	err     error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.pending) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		u.units = u.units[:0]
		for {
			var pair [2]byte
			if _, err := io.ReadFull(u.r, pair[:]); err != nil {
				if err == io.ErrUnexpectedEOF {
					u.units = append(u.units, utf8.RuneError) // odd trailing byte
					err = io.EOF
				}
				u.err = err
				break
			}
			v := uint16(pair[0])<<8 | uint16(pair[1])
			if u.little {
				v = uint16(pair[1])<<8 | uint16(pair[0])
			}
			u.units = append(u.units, v)
			// Stop at a chunk boundary, but never inside a surrogate pair.
			if len(u.units) >= 4096 && !(v >= 0xD800 && v < 0xDC00) {
				break
			}
		}
		u.buf = u.buf[:0]
		for _, r := range utf16.Decode(u.units) {
			u.buf = utf8.AppendRune(u.buf, r)
		}
		u.pending = u.buf
	}
	n := copy(p, u.pending)
	u.pending = u.pending[n:]
	return n, nil
}
