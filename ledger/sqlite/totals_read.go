package sqlite

import (
	"context"
	"fmt"

	"github.com/creatorledger/creatorledger/ledger"
)

// entryClass is a row of entry_classes, as reports read it.
type entryClass struct {
	platform, program string
	kind              ledger.Kind
	currency          string
}

// entryClasses reads every entry class by id.
func (db *DB) entryClasses(ctx context.Context) (map[int64]entryClass, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, platform, program, kind, currency FROM entry_classes`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]entryClass{}
	for rows.Next() {
		var id int64
		var c entryClass
		if err := rows.Scan(&id, &c.platform, &c.program, &c.kind, &c.currency); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}

// eachTotal calls fn with every group of the daily totals from day from to
// day to (inclusive), in day order.
func (db *DB) eachTotal(ctx context.Context, from, to int64, fn func(totalRow) error) error {
	return eachDayTotals(ctx, db.sql, from, to, func(day int64, groups []totalRow) error {
		for _, g := range groups {
			if err := fn(g); err != nil {
				return fmt.Errorf("%d: %w", day, err)
			}
		}
		return nil
	})
}

// eachDayTotals calls fn with the groups of each day of the daily totals
// from day from to day to (inclusive), in day order; groups is reused from
// one call to the next. It reads daily_totals itself rather than
// daily_totals_view, which costs SQLite a JSON parse per group.
func eachDayTotals(ctx context.Context, q querier, from, to int64, fn func(day int64, groups []totalRow) error) error {
	rows, err := q.QueryContext(ctx, `SELECT day, groups FROM daily_totals WHERE day BETWEEN ? AND ? ORDER BY day`, from, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	var groups []totalRow
	for rows.Next() {
		var day int64
		var text []byte
		if err := rows.Scan(&day, &text); err != nil {
			return err
		}
		if groups, err = parseGroups(day, text, groups[:0]); err != nil {
			return err
		}
		if err := fn(day, groups); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Platforms lists the platforms the ledger has entries of, sorted.
func (db *DB) Platforms(ctx context.Context) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT DISTINCT platform FROM entry_classes ORDER BY platform`)
	if err != nil {
		return nil, fmt.Errorf("platforms: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("platforms: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
