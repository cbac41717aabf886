package journal

import (
	"bufio"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/creatorledger/creatorledger/ledger"
)

// ledgerDialect writes the ledger-cli format, which hledger reads as well.
// It declares every account, commodity and tag it uses, so that
// `ledger --pedantic` and `hledger check --strict` accept it.
type ledgerDialect struct{}

// account keeps the ledger's names ("income:amazon-associates:associates"):
// both tools take them as they are. Anything but letters, digits, '-', '.',
// '_' and single inner spaces becomes '-', since two spaces or a tab end an
// account name there, ';' starts a comment and '(' or '[' a virtual posting.
func (ledgerDialect) account(name string) (string, error) {
	parts := strings.Split(name, ":")
	for i, p := range parts {
		var b strings.Builder
		space := false
		for _, r := range strings.TrimSpace(p) {
			switch {
			case r == ' ':
				if space {
					continue
				}
				space = true
			case r == '-' || r == '.' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
				space = false
			case r >= utf8.RuneSelf && r != utf8.RuneError && r != '\u00a0':
				space = false
			default:
				r, space = '-', false
			}
			b.WriteRune(r)
		}
		if b.Len() == 0 {
			return "", fmt.Errorf("journal: account %q has an empty part", name)
		}
		parts[i] = b.String()
	}
	return strings.Join(parts, ":"), nil
}

func (ledgerDialect) header(w *bufio.Writer, h header) {
	w.WriteString("; creatorledger journal for hledger and ledger-cli (creatorledger export --format ledger)\n")
	writeRange(w, h)
	w.WriteString(`; Each transaction is one entry of the ledger: its amount on the account it
; changes (a platform balance, a bank account) and the opposite amount on
; income, expenses, money in transit or equity (an invoice's VAT, owed to
; the tax authority, on liabilities:vat). Tags: the entry's id, kind
; and status, and where it came from (import id, line of the file, external
; id). '!' marks estimated and pending amounts. A ';' in a description is
; written ',' (it would start a comment), a line break as a space.
`)
	if h.uncounted {
		w.WriteString(`; An entry whose status is reversed no longer counts (report income leaves it
; out): it is posted and undone on the same date, the undo tagged "undo".
`)
	}
	w.WriteString("\n")
	for _, o := range h.opens {
		w.WriteString("account " + o.name + "\n")
	}
	for _, c := range h.currencies {
		w.WriteString("commodity " + c + "\n")
	}
	for _, k := range metaKeys {
		w.WriteString("tag " + k + "\n")
	}
}

// price writes an ECB rate: one euro costs PerEUR units of the currency.
func (ledgerDialect) price(w *bufio.Writer, r ledger.Rate) {
	w.WriteString("P " + r.Date.Format(ledger.DateLayout) + " EUR " + r.PerEUR.String() + " " + r.Currency + "\n")
}

func (ledgerDialect) txn(w *bufio.Writer, t *txn) {
	w.WriteString(t.date.Format(ledger.DateLayout))
	if t.pending {
		w.WriteString(" ! ")
	} else {
		w.WriteString(" * ")
	}
	// hledger reads "payee | note".
	w.WriteString(ledgerText(t.payee))
	if n := ledgerText(t.narration); n != "" {
		w.WriteString(" | " + n)
	}
	w.WriteString("\n")
	for _, m := range t.meta {
		w.WriteString("    ; " + m.key + ": " + ledgerText(m.value) + "\n")
	}
	writePostings(w, t, "    ")
}

// writePostings writes t's two postings with their amounts aligned.
func writePostings(w *bufio.Writer, t *txn, indent string) {
	width := 36
	for _, p := range t.postings {
		width = max(width, utf8.RuneCountInString(p.account))
	}
	for _, p := range t.postings {
		amt := ledger.FormatAmount(p.amount, p.currency)
		w.WriteString(indent + p.account)
		w.WriteString(strings.Repeat(" ", width-utf8.RuneCountInString(p.account)+2+max(0, 12-len(amt))))
		w.WriteString(amt + " " + p.currency + "\n")
	}
}

// writeRange says which dates a journal covers, when it is not everything.
func writeRange(w *bufio.Writer, h header) {
	switch {
	case !h.from.IsZero() && !h.to.IsZero():
		fmt.Fprintf(w, "; Entries from %s to %s.\n", h.from.Format(ledger.DateLayout), h.to.Format(ledger.DateLayout))
	case !h.from.IsZero():
		fmt.Fprintf(w, "; Entries from %s.\n", h.from.Format(ledger.DateLayout))
	case !h.to.IsZero():
		fmt.Fprintf(w, "; Entries up to %s.\n", h.to.Format(ledger.DateLayout))
	}
}

// ledgerText makes s safe on one line of a ledger journal: line breaks and
// other control characters become spaces, ';' (a comment) becomes ','.
func ledgerText(s string) string {
	if !needsCleaning(s, ";") {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r == ';':
			return ','
		case r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, s))
}

// needsCleaning reports whether s has a control character, invalid UTF-8,
// leading or trailing space, or one of the bytes in special.
func needsCleaning(s, special string) bool {
	if !utf8.ValidString(s) || strings.TrimSpace(s) != s {
		return true
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || strings.IndexByte(special, c) >= 0 {
			return true
		}
	}
	return false
}
