package main

// How people's tables and notes fit in a terminal's width: which columns
// are cut and how, display widths, and wrapping (moved from output.go).

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minCut is the narrowest a text column is cut to (its name is never cut).
const minCut = 8

// fitWidths narrows the text columns one column at a time, the widest by
// its kind's cut weight first, until a line of the table fits in limit
// columns or none can be narrowed further. Numbers and words (wordCell)
// keep their width.
func fitWidths(cols []column, widths []int, limit int) {
	total := 2 * (len(widths) - 1)
	for _, w := range widths {
		total += w
	}
	for total > limit {
		widest := -1
		for i, c := range cols {
			k := c.kind.cutWeight()
			if k == 0 || widths[i] <= max(displayWidth(c.name), minCut) {
				continue
			}
			if widest < 0 || widths[i]*k > widths[widest]*cols[widest].kind.cutWeight() {
				widest = i
			}
		}
		if widest < 0 {
			return
		}
		widths[widest]--
		total--
	}
}

// fitCell cuts v to width columns as its kind says: a name in the middle,
// other text at its end; numbers and words stay whole.
func fitCell(v string, width int, kind cellKind) string {
	switch kind {
	case textCell, labelCell:
		return cutEnd(v, width)
	case nameCell:
		return cutMiddle(v, width)
	}
	return v
}

// cutEnd shortens s to n display columns, ending in … when it was longer.
func cutEnd(s string, n int) string {
	if displayWidth(s) <= n {
		return s
	}
	w, end := 0, 0
	for i, r := range s {
		if w+runeWidth(r) > n-1 {
			break
		}
		w += runeWidth(r)
		end = i + utf8.RuneLen(r)
	}
	return s[:end] + "…"
}

// cutMiddle shortens s to n display columns by putting … in place of its
// middle, so that both the start and the end (a file's extension, an id's
// last digits) stay.
func cutMiddle(s string, n int) string {
	if displayWidth(s) <= n {
		return s
	}
	tail := (n - 1) / 2
	head := n - 1 - tail
	h := cutEnd(s, head+1)
	h = strings.TrimSuffix(h, "…")
	w, start := 0, len(s)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if w+runeWidth(r) > tail {
			break
		}
		w += runeWidth(r)
		start -= size
	}
	return h + "…" + s[start:]
}

// displayWidth is how many terminal columns s takes (see runeWidth).
func displayWidth(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			n = 0
			for _, r := range s {
				n += runeWidth(r)
			}
			return n
		}
		n++
	}
	return n
}

// runeWidth is how many terminal columns r takes: none for combining marks
// and invisible format characters (zero-width joiner, variation
// selectors), two for East Asian wide characters and emoji pictographs,
// one for everything else, … included.
func runeWidth(r rune) int {
	switch {
	case r < 0x300:
		return 1
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0x303e, r >= 0x3041 && r <= 0x33ff,
		r >= 0x3400 && r <= 0x4dbf, r >= 0x4e00 && r <= 0x9fff, r >= 0xa000 && r <= 0xa4cf,
		r >= 0xac00 && r <= 0xd7a3, r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f,
		r >= 0xff00 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6, r >= 0x1f300 && r <= 0x1f64f,
		r >= 0x1f680 && r <= 0x1f6ff, r >= 0x1f900 && r <= 0x1faff, r >= 0x20000 && r <= 0x3fffd:
		return 2
	}
	return 1
}

// wrap writes text as lines of at most limit columns, the first starting
// with first and the others with rest (a hanging indent), breaking at
// spaces; a word longer than a line (a web address) is not broken. With
// wide, the text is one line.
func wrap(w io.Writer, first, rest, text string, limit int, wide bool) error {
	text = printable(text)
	if wide {
		_, err := io.WriteString(w, first+text+"\n")
		return err
	}
	var b strings.Builder
	b.WriteString(first)
	n, start := displayWidth(first), true
	for _, word := range strings.Fields(text) {
		ww := displayWidth(word)
		if !start && n+1+ww > limit {
			b.WriteString("\n" + rest)
			n, start = displayWidth(rest), true
		}
		if !start {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += ww
		start = false
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}
