package importers

import (
	"errors"
	"strings"

	"github.com/shopspring/decimal"
)

// DecimalMark says how a source writes the decimal point.
type DecimalMark byte

// Decimal marks. Auto decides per cell: the last of '.' and ',' is the
// decimal mark when it is followed by other than exactly three digits, or
// when both occur. (A profile decides for the whole file first, when its
// cells tell: see Profile.Infer.)
const (
	DecimalAuto  DecimalMark = 0
	DecimalDot   DecimalMark = '.'
	DecimalComma DecimalMark = ','
)

// Reasons an amount cell is refused; FieldErrors quote them after the value.
var (
	errAmountAmbiguous = errors.New("cannot tell whether ',' or '.' is the decimal mark; set the profile's decimal mark")
	errAmountGrouping  = errors.New("misplaced thousands separator")
)

// ParseAmount reads a money cell as people and platforms write it:
//
//	1234.56  1,234.56  1.234,56  1 234,56  1'234.56   thousands separators
//	-12.50  +12.50  12.50-  (12.50)  − 12.50         signs, parentheses, U+2212
//	$12.50  € 12,50  12.50 USD  EUR 12.50  ¥1,200     currency symbols and codes
//
// mark fixes the decimal mark; DecimalAuto infers it from the cell.
func ParseAmount(s string, mark DecimalMark) (decimal.Decimal, error) {
	t, neg, err := amountDigits(s)
	if err != nil {
		return decimal.Decimal{}, err
	}
	digits, err := normaliseDigits(t, mark)
	if err != nil {
		return decimal.Decimal{}, err
	}
	d, err := decimal.NewFromString(digits)
	if err != nil {
		return decimal.Decimal{}, errBadAmount
	}
	if neg {
		d = d.Neg()
	}
	return d, nil
}

// amountDigits strips a money cell of its sign, parentheses and currency,
// leaving the number as written ("1.234,56"), and says whether it is
// negative.
func amountDigits(s string) (t string, neg bool, err error) {
	t = strings.TrimSpace(s)
	t = strings.ReplaceAll(t, "\u00a0", " ") // no-break spaces as thousands separators
	t = strings.ReplaceAll(t, "\u202f", " ")
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		neg, t = true, strings.TrimSpace(t[1:len(t)-1])
	}
	t = trimCurrency(t)
	switch {
	case strings.HasPrefix(t, "-"), strings.HasPrefix(t, "\u2212"):
		neg = !neg
		t = strings.TrimLeft(t, "-\u2212")
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	case strings.HasSuffix(t, "-"):
		neg = !neg
		t = t[:len(t)-1]
	}
	t = trimCurrency(strings.TrimSpace(t))
	if t == "" {
		return "", false, errEmptyAmount
	}
	if len(t) > 40 {
		return "", false, errLongAmount
	}
	return t, neg, nil
}

// normaliseDigits turns "1.234,56" into "1234.56" given the decimal mark.
func normaliseDigits(t string, mark DecimalMark) (string, error) {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == ',' || c == ' ' || c == '\'') {
			return "", errBadAmount
		}
	}
	if mark == DecimalAuto {
		var err error
		if mark, err = inferMark(t); err != nil {
			return "", err
		}
	}
	intPart, frac := t, ""
	if i := strings.LastIndexByte(t, byte(mark)); i >= 0 {
		intPart, frac = t[:i], t[i+1:]
		if frac == "" || strings.ContainsAny(frac, ".,' ") {
			return "", errBadAmount
		}
	}
	// What is left in the integer part may only be thousands separators,
	// one kind, between groups of three digits.
	groups := strings.FieldsFunc(intPart, func(r rune) bool { return r == '.' || r == ',' || r == ' ' || r == '\'' })
	switch {
	case len(groups) == 0:
		if frac == "" || intPart != "" {
			return "", errBadAmount
		}
		groups = []string{"0"}
	case len(groups) > 1:
		sep := intPart[len(groups[0])]
		if sep == byte(mark) || strings.Count(intPart, string(sep)) != len(groups)-1 || len(groups[0]) > 3 {
			return "", errAmountGrouping
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return "", errAmountGrouping
			}
		}
		if strings.ContainsAny(strings.ReplaceAll(intPart, string(sep), ""), ".,' ") {
			return "", errAmountGrouping
		}
	case len(groups[0]) != len(intPart):
		return "", errBadAmount // a separator at the start or end
	}
	out := strings.Join(groups, "")
	if frac != "" {
		out += "." + frac
	}
	return out, nil
}

// inferMark decides the decimal mark of one cell.
func inferMark(t string) (DecimalMark, error) {
	m, ambiguous := markOf(t)
	switch {
	case ambiguous:
		return 0, errAmountAmbiguous // 1,234 or 1.234
	case m == 0:
		return DecimalDot, nil
	}
	return m, nil
}

// markOf reads what the digits of one amount (signs and symbols removed)
// say about the decimal mark:
//
//	1,234.56  1.234,56   both marks: the last one       . and ,
//	12.345.678           one mark twice: it groups       ,
//	0,5  -3,10  12.5     one, not followed by 3 digits   , , and .
//	412,887  1.234       one, followed by 3 digits       ambiguous
//	1234                 neither                         0
//
// For an ambiguous cell, m is the mark it holds.
func markOf(t string) (m DecimalMark, ambiguous bool) {
	dot, comma := strings.LastIndexByte(t, '.'), strings.LastIndexByte(t, ',')
	switch {
	case dot < 0 && comma < 0:
		return 0, false
	case dot >= 0 && comma >= 0:
		if dot > comma {
			return DecimalDot, false
		}
		return DecimalComma, false
	}
	i, m := dot, DecimalDot
	if comma >= 0 {
		i, m = comma, DecimalComma
	}
	if strings.IndexByte(t, byte(m)) != i {
		// 1.234.567 or 1,234,567: separators, no decimals.
		if m == DecimalDot {
			return DecimalComma, false
		}
		return DecimalDot, false
	}
	return m, len(t)-i-1 == 3
}

// cellMark is markOf for a whole money cell ("(1.000,00)", "€ 12,50"). A
// cell that is not an amount says nothing: m is 0.
func cellMark(cell string) (m DecimalMark, ambiguous bool) {
	t, _, err := amountDigits(cell)
	if err != nil {
		return 0, false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; !(c >= '0' && c <= '9' || c == '.' || c == ',' || c == ' ' || c == '\'') {
			return 0, false
		}
	}
	return markOf(t)
}

var currencySymbols = []string{"US$", "$", "€", "£", "¥", "₹", "Rs.", "Rs", "kr", "zł", "R$", "CHF", "₩"}

// trimCurrency removes a currency symbol or a three-letter code in front of
// or behind the number.
func trimCurrency(t string) string {
	for _, sym := range currencySymbols {
		if strings.HasPrefix(t, sym) {
			return strings.TrimSpace(t[len(sym):])
		}
		if strings.HasSuffix(t, sym) {
			return strings.TrimSpace(t[:len(t)-len(sym)])
		}
	}
	if len(t) > 4 && isUpperCode(t[:3]) && (t[3] == ' ' || t[3] == '-' || t[3] >= '0' && t[3] <= '9') {
		return strings.TrimSpace(t[3:])
	}
	if len(t) > 4 && isUpperCode(t[len(t)-3:]) && t[len(t)-4] == ' ' {
		return strings.TrimSpace(t[:len(t)-3])
	}
	return t
}

func isUpperCode(s string) bool {
	return len(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z'
}
