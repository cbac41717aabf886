package importers

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// NativeHeader is the header of the native entries CSV, which
// `export --format csv` writes and this importer reads back unchanged.
var NativeHeader = []string{
	"date", "platform", "program", "kind", "amount", "currency", "external_id",
	"views", "qualified_views", "status", "counterparty", "description",
}

// The columns of the native format, in order.
const (
	colDate = iota
	colPlatform
	colProgram
	colKind
	colAmount
	colCurrency
	colExternalID
	colViews
	colQualifiedViews
	colStatus
	colCounterparty
	colDescription
)

// Native reads the native entries CSV: one entry per row, amounts signed as
// the change to the source account's balance, '.' decimals, ISO dates.
type Native struct{}

// Name implements Importer.
func (Native) Name() string { return "native" }

// Info implements Importer.
func (Native) Info() Info {
	return Info{
		Title:      "creatorledger entries CSV (export --format csv), also for hand-written entries",
		Header:     strings.Join(NativeHeader, ","),
		Confidence: OwnFormat,
	}
}

// Detect implements Importer.
func (Native) Detect(header []string) bool { return headerIs(header, NativeHeader...) }

// Parse implements Importer. The header must be the native one (import
// --as native skips detection, and columns are read by position).
func (Native) Parse(src *Source, emit func(ledger.Entry) error) error {
	if !headerIs(src.Header(), NativeHeader...) {
		src.errs = append(src.errs, &FieldError{File: src.Name, Line: src.HeaderLine(),
			Problem: fmt.Sprintf("header %s is not the native entries header %q", QuoteHeader(src.Header(), ","), strings.Join(NativeHeader, ","))})
		return nil
	}
	var memo nativeMemo
	var pad []string
	for src.Next() {
		rec := src.Record()
		if len(rec) < len(NativeHeader) {
			var ok bool
			if rec, ok = padNativeRow(src, rec, pad[:0]); !ok {
				continue
			}
			pad = rec
		}
		if len(rec) != len(NativeHeader) {
			src.LineErrorf("has %d fields, the header has %d", len(rec), len(NativeHeader))
			continue
		}
		e, ok := parseNativeRow(src, rec, &memo)
		if !ok {
			continue
		}
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}

func parseNativeRow(src *Source, rec []string, memo *nativeMemo) (ledger.Entry, bool) {
	ok := true
	fail := func(col int, format string, args ...any) {
		src.Errorf(col, format, args...)
		ok = false
	}
	var e ledger.Entry
	var err error
	cell := func(col int) string { return trimSpace(rec[col]) }

	if e.Date, err = parseISODate(cell(colDate)); err != nil {
		fail(colDate, "%q is not a date (want YYYY-MM-DD)", rec[colDate])
	}
	// A valid slug, kind or status is lower-case already: only other
	// cells need strings.ToLower before the check.
	if e.Platform = cell(colPlatform); !ledger.ValidSlug(e.Platform) {
		if e.Platform = strings.ToLower(e.Platform); !ledger.ValidSlug(e.Platform) {
			fail(colPlatform, "%q is not a platform slug (lower-case letters, digits, '-')", rec[colPlatform])
		}
	}
	if e.Program = cell(colProgram); !ledger.ValidSlug(e.Program) {
		if e.Program = strings.ToLower(e.Program); !ledger.ValidSlug(e.Program) {
			fail(colProgram, "%q is not a program slug (lower-case letters, digits, '-')", rec[colProgram])
		}
	}
	if e.Kind = ledger.Kind(cell(colKind)); !e.Kind.Valid() {
		if e.Kind = ledger.Kind(strings.ToLower(string(e.Kind))); !e.Kind.Valid() {
			fail(colKind, "%q is not a kind (%s)", rec[colKind], joinKinds())
		}
	}
	if d, fast, small := plainAmountFast(cell(colAmount)); fast {
		e.Amount = d
		if !small && !inRange(d) {
			fail(colAmount, "%q is too large for the ledger", rec[colAmount])
		}
	} else if e.Amount, err = parsePlainAmount(cell(colAmount)); err != nil {
		fail(colAmount, "%q is not an amount (%v)", rec[colAmount], err)
	} else if !inRange(e.Amount) {
		fail(colAmount, "%q is too large for the ledger", rec[colAmount])
	}
	// Rows mostly repeat the currency of the row before: a code that
	// passed the check is not looked up again.
	if e.Currency = cell(colCurrency); e.Currency != memo.currency || e.Currency == "" {
		e.Currency = strings.ToUpper(e.Currency)
		if !ledger.ValidCurrency(e.Currency) {
			fail(colCurrency, "%q is not an ISO 4217 currency code", rec[colCurrency])
		} else if e.Currency == cell(colCurrency) {
			memo.currency = e.Currency
		}
	}
	e.ExternalID = RestoreCell(cell(colExternalID))
	if e.Views, err = parseCount(cell(colViews)); err != nil {
		fail(colViews, "%q is not a view count", rec[colViews])
	}
	if e.QualifiedViews, err = parseCount(cell(colQualifiedViews)); err != nil {
		fail(colQualifiedViews, "%q is not a view count", rec[colQualifiedViews])
	}
	if e.Status = ledger.Status(cell(colStatus)); !e.Status.Valid() {
		if e.Status = ledger.Status(strings.ToLower(string(e.Status))); !e.Status.Valid() {
			fail(colStatus, "%q is not a status (%s)", rec[colStatus], joinStatuses())
		}
	}
	e.Counterparty = RestoreCell(cell(colCounterparty))
	e.Description = RestoreCell(cell(colDescription))
	return e, ok
}

// nativeMemo is what parseNativeRow remembers from row to row.
type nativeMemo struct {
	currency string // the last currency cell that was a valid code as written
}

// trimSpace is strings.TrimSpace, returning at once the usual cell that
// starts and ends with ASCII other than space.
func trimSpace(s string) string {
	if len(s) == 0 || s[0] > ' ' && s[0] < utf8.RuneSelf && s[len(s)-1] > ' ' && s[len(s)-1] < utf8.RuneSelf {
		return s
	}
	return strings.TrimSpace(s)
}

// parsePlainAmount reads the native amount format: an optional sign, digits,
// and optionally '.' and more digits. No thousands separators, no exponent.
func parsePlainAmount(s string) (decimal.Decimal, error) {
	if d, ok, _ := plainAmountFast(s); ok {
		return d, nil
	}
	body := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if body == "" {
		return decimal.Decimal{}, errEmptyAmount
	}
	dot := false
	digits := 0
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		case c == ',':
			return decimal.Decimal{}, errCommaAmount
		default:
			return decimal.Decimal{}, errBadAmount
		}
	}
	if digits == 0 {
		return decimal.Decimal{}, errBadAmount
	}
	if len(body) > 40 {
		return decimal.Decimal{}, errLongAmount
	}
	return decimal.NewFromString(strings.TrimPrefix(s, "+"))
}

// plainAmountFast reads the usual amount, an optional '-' and at most 18
// digits with at most one '.' among them, in one pass and into an int64:
// the same value and exponent decimal.NewFromString gives ("12.50" is 1250
// with exponent -2), at a fraction of its cost. Anything else (a '+', a
// longer or malformed amount) is left to parsePlainAmount. small says the
// amount has at most 6 decimals and 12 digits before them, so that it is
// inRange without checking.
func plainAmountFast(s string) (d decimal.Decimal, ok, small bool) {
	i, neg := 0, false
	if len(s) > 0 && s[0] == '-' {
		i, neg = 1, true
	}
	var c int64
	digits, frac, dot := 0, 0, false
	for ; i < len(s); i++ {
		switch ch := s[i]; {
		case ch >= '0' && ch <= '9':
			if digits == 18 {
				return decimal.Decimal{}, false, false
			}
			c = c*10 + int64(ch-'0')
			digits++
			if dot {
				frac++
			}
		case ch == '.' && !dot:
			dot = true
		default:
			return decimal.Decimal{}, false, false
		}
	}
	if digits == 0 {
		return decimal.Decimal{}, false, false
	}
	if neg {
		c = -c
	}
	return decimal.New(c, int32(-frac)), true, frac <= 6 && digits-frac <= 12
}

func parseCount(s string) (ledger.Count, error) {
	if s == "" {
		return ledger.Count{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return ledger.Count{}, errBadCount
	}
	return ledger.Counted(n), nil
}

func joinKinds() string {
	s := make([]string, len(ledger.Kinds))
	for i, k := range ledger.Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func joinStatuses() string {
	s := make([]string, len(ledger.Statuses))
	for i, v := range ledger.Statuses {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// NativeWriter writes entries in the native format.
type NativeWriter struct {
	w   *csv.Writer
	rec []string
}

// NewNativeWriter writes the header to w and returns a writer for rows.
func NewNativeWriter(w io.Writer) (*NativeWriter, error) {
	nw := &NativeWriter{w: csv.NewWriter(w), rec: make([]string, len(NativeHeader))}
	return nw, nw.w.Write(NativeHeader)
}

// Write writes one entry. Text cells that a spreadsheet would run as a
// formula are neutralised (NeutraliseCell); Native reads them back as they were.
func (nw *NativeWriter) Write(e *ledger.Entry) error {
	return nw.w.Write(nativeRecord(e, nw.rec))
}

// nativeRecord fills r (len(NativeHeader) cells) with e in the native format.
func nativeRecord(e *ledger.Entry, r []string) []string {
	r[colDate] = e.Date.Format(ledger.DateLayout)
	r[colPlatform] = e.Platform
	r[colProgram] = e.Program
	r[colKind] = string(e.Kind)
	r[colAmount] = ledger.FormatAmount(e.Amount, e.Currency)
	r[colCurrency] = e.Currency
	r[colExternalID] = NeutraliseCell(e.ExternalID)
	r[colViews] = formatCount(e.Views)
	r[colQualifiedViews] = formatCount(e.QualifiedViews)
	r[colStatus] = string(e.Status)
	r[colCounterparty] = NeutraliseCell(e.Counterparty)
	r[colDescription] = NeutraliseCell(e.Description)
	return r
}

// Flush writes buffered rows and returns any write error.
func (nw *NativeWriter) Flush() error {
	nw.w.Flush()
	return nw.w.Error()
}

func formatCount(c ledger.Count) string {
	if !c.Valid {
		return ""
	}
	return strconv.FormatInt(c.N, 10)
}

// nativeNeeded is how many leading columns every native row must have
// (through status); counterparty and description may be left out at the
// end of a row, as a spreadsheet saving empty trailing cells does.
const nativeNeeded = 10

// padNativeRow returns rec with the trailing columns it lacks as empty
// cells (in into), or records why it cannot: it lacks a column every row
// needs, or the file ends in it (cut short).
func padNativeRow(src *Source, rec, into []string) ([]string, bool) {
	switch {
	case len(rec) < nativeNeeded:
		src.LineErrorf("has %d fields, the header has %d: it ends before %s, which every row needs",
			len(rec), len(NativeHeader), NativeHeader[len(rec)])
		return rec, false
	case !strings.HasSuffix(src.row, "\n"):
		src.LineErrorf("has %d fields, the header has %d, and the file ends in it: the file is cut short", len(rec), len(NativeHeader))
		return rec, false
	}
	into = append(into, rec...)
	for len(into) < len(NativeHeader) {
		into = append(into, "")
	}
	return into, true
}
