package ledger

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/shopspring/decimal"
)

// MicroDigits is the number of decimals the ledger keeps: amounts are stored
// as integer counts of 1e-6 of the currency unit.
const MicroDigits = 6

var (
	maxMicro = big.NewInt(1<<63 - 1)
	minMicro = big.NewInt(-1 << 63)
)

// RoundMicro rounds d half-even to MicroDigits decimals and reports whether
// that changed its value.
func RoundMicro(d decimal.Decimal) (decimal.Decimal, bool) {
	if d.Exponent() >= -MicroDigits {
		return d, false
	}
	r := d.RoundBank(MicroDigits)
	return r, !r.Equal(d)
}

// pow10 holds 10^0 … 10^18.
var pow10 = func() [19]int64 {
	var p [19]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// ToMicro converts an amount to integer micro-units. The amount must already
// have at most MicroDigits decimals (see RoundMicro) and fit in an int64.
func ToMicro(d decimal.Decimal) (int64, error) {
	// Fast path, without allocating: a coefficient of at most 18 digits and
	// 0 to 6 decimals, as nearly every amount is.
	if exp := d.Exponent(); exp <= 0 && exp >= -MicroDigits && d.NumDigits() <= 18 {
		c, m := d.CoefficientInt64(), pow10[exp+MicroDigits]
		if c <= math.MaxInt64/m && c >= math.MinInt64/m {
			return c * m, nil
		}
	}
	shifted := d.Shift(MicroDigits)
	if !shifted.IsInteger() {
		return 0, fmt.Errorf("%s has more than %d decimals", d, MicroDigits)
	}
	b := shifted.BigInt()
	if b.Cmp(maxMicro) > 0 || b.Cmp(minMicro) < 0 {
		return 0, fmt.Errorf("%s: %w", d, ErrAmountRange)
	}
	return b.Int64(), nil
}

// FromMicro converts integer micro-units back to a decimal amount.
func FromMicro(m int64) decimal.Decimal {
	return decimal.New(m, -MicroDigits)
}

// FormatAmount renders an amount as a plain decimal string with '.' as the
// decimal mark and no thousands separator: at least the currency's minor-unit
// digits (2 for EUR, 0 for JPY), more when the amount has them, and never
// trailing zeros beyond that.
func FormatAmount(d decimal.Decimal, currency string) string {
	minor := int32(MinorUnits(currency))
	s := d.StringFixed(MicroDigits)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		keep := len(s)
		for keep > i+1+int(minor) && s[keep-1] == '0' {
			keep--
		}
		if keep == i+1 {
			keep = i // no decimals left: drop the '.'
		}
		s = s[:keep]
	}
	if s == "-0" || strings.HasPrefix(s, "-0.") && strings.Trim(s[1:], "0.") == "" {
		s = s[1:]
	}
	return s
}

// GroupThousands inserts ',' between groups of three integer digits of a
// plain decimal string such as FormatAmount returns, for tables read by people.
func GroupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if len(intPart) <= 3 {
		return sign + s
	}
	var b strings.Builder
	first := len(intPart) % 3
	if first > 0 {
		b.WriteString(intPart[:first])
	}
	for i := first; i < len(intPart); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(intPart[i : i+3])
	}
	return sign + b.String() + frac
}
