package ledger

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"
)

// IncomeKey is one month's income of an entry class in one status.
type IncomeKey struct {
	Month  int64 // YYYYMM
	Class  int64
	Status int64 // code
}

// ConvertedRows makes the income report's rows of sums already converted
// to q.Currency: classes of one platform and program in different
// currencies become one row.
func ConvertedRows(q IncomeQuery, sums map[IncomeKey]decimal.Decimal, names func(class int64) (platform, program string)) []IncomeRow {
	type rowKey struct{ period, platform, program string }
	rows := map[rowKey]*IncomeRow{}
	for k, v := range sums {
		platform, program := names(k.Class)
		rk := rowKey{q.By.Label(fmt.Sprintf("%04d-%02d", k.Month/100, k.Month%100)), platform, program}
		r := rows[rk]
		if r == nil {
			r = &IncomeRow{Period: rk.period, Platform: platform, Program: program, Currency: q.Currency, ByStatus: map[Status]decimal.Decimal{}}
			rows[rk] = r
		}
		st := StatusOf(k.Status)
		r.Amount = r.Amount.Add(v)
		r.ByStatus[st] = r.ByStatus[st].Add(v)
	}
	out := make([]IncomeRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b IncomeRow) int {
		return cmp.Or(cmp.Compare(a.Period, b.Period), cmp.Compare(a.Platform, b.Platform), cmp.Compare(a.Program, b.Program))
	})
	return out
}
