package journal

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/creatorledger/creatorledger/ledger"
)

// beancountDialect writes beancount's format: capitalised account names,
// an open directive for every account on the first date it is used, quoted
// strings and metadata lines.
type beancountDialect struct{}

// beancountRoots are the root accounts beancount knows, by the ledger's
// lower-case names.
var beancountRoots = map[string]string{
	"assets": "Assets", "liabilities": "Liabilities", "equity": "Equity",
	"income": "Income", "expenses": "Expenses",
}

// account capitalises each part of the name and each word in it, and turns
// every run of anything but ASCII letters and digits into one '-':
// income:amazon-associates:associates is Income:Amazon-Associates:Associates,
// assets:bank:abn-amro is Assets:Bank:Abn-Amro. Beancount wants each part to
// start with a capital letter or a digit and to hold letters, digits and '-'.
func (beancountDialect) account(name string) (string, error) {
	parts := strings.Split(name, ":")
	root, ok := beancountRoots[strings.ToLower(parts[0])]
	if !ok || len(parts) < 2 {
		return "", fmt.Errorf("journal: account %q: beancount wants it under one of Assets, Liabilities, Equity, Income, Expenses", name)
	}
	parts[0] = root
	for i, p := range parts[1:] {
		b := make([]byte, 0, len(p))
		word := true // the next letter starts a word
		for j := 0; j < len(p); j++ {
			c := p[j]
			switch {
			case c >= 'a' && c <= 'z':
				if word {
					c -= 'a' - 'A'
				}
				b, word = append(b, c), false
			case c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
				b, word = append(b, c), false
			default:
				if len(b) > 0 && b[len(b)-1] != '-' {
					b = append(b, '-')
				}
				word = true
			}
		}
		s := strings.TrimRight(string(b), "-")
		if s == "" {
			return "", fmt.Errorf("journal: account %q: part %q has no letter or digit for beancount", name, p)
		}
		parts[i+1] = s
	}
	return strings.Join(parts, ":"), nil
}

func (beancountDialect) header(w *bufio.Writer, h header) {
	w.WriteString("; creatorledger journal for beancount (creatorledger export --format beancount)\n")
	writeRange(w, h)
	w.WriteString(`; Each transaction is one entry of the ledger: its amount on the account it
; changes (a platform balance, a bank account) and the opposite amount on
; income, expenses, money in transit or equity (an invoice's VAT, owed to
; the tax authority, on Liabilities:Vat). The ledger's account names
; are capitalised (income:amazon-associates:associates is
; Income:Amazon-Associates:Associates). Metadata: the entry's id, kind and
; status, and where it came from (import id, line of the file, external id).
; '!' marks estimated and pending amounts.
`)
	if h.uncounted {
		w.WriteString(`; An entry whose status is reversed no longer counts (report income leaves it
; out): it is posted and undone on the same date, the undo with "undo" metadata.
`)
	}
	w.WriteString("\noption \"title\" \"creatorledger\"\n")
	if h.currency != "" {
		w.WriteString("option \"operating_currency\" " + beancountString(h.currency) + "\n")
	}
	if len(h.opens) > 0 {
		w.WriteString("\n")
	}
	for _, o := range h.opens {
		w.WriteString(o.first.Format(ledger.DateLayout) + " open " + o.name + "\n")
	}
}

// price writes an ECB rate: the price of one euro in the currency.
func (beancountDialect) price(w *bufio.Writer, r ledger.Rate) {
	w.WriteString(r.Date.Format(ledger.DateLayout) + " price EUR " + r.PerEUR.String() + " " + r.Currency + "\n")
}

func (beancountDialect) txn(w *bufio.Writer, t *txn) {
	w.WriteString(t.date.Format(ledger.DateLayout))
	if t.pending {
		w.WriteString(" ! ")
	} else {
		w.WriteString(" * ")
	}
	w.WriteString(beancountString(t.payee) + " " + beancountString(t.narration) + "\n")
	for _, m := range t.meta {
		v := m.value
		if !m.number {
			v = beancountString(v)
		}
		w.WriteString("  " + m.key + ": " + v + "\n")
	}
	writePostings(w, t, "  ")
}

// beancountString quotes s for beancount: '\' and '"' escaped, line breaks
// and tabs as \n, \r and \t, other control characters as spaces.
func beancountString(s string) string {
	if !needsCleaning(s, `"\`) {
		return `"` + s + `"`
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
