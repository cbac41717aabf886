package ledger

import (
	"strings"
	"time"
)

// EntryFilter selects entries. Zero fields select everything.
type EntryFilter struct {
	From, To time.Time // inclusive calendar dates
	Platform string
	ImportID int64 // entries this import added or updated
	// WithRaw fills Entry.Raw with the file row of each entry's current
	// version.
	WithRaw bool
}

// Where builds the WHERE clause; im is the import f.ImportID names.
func (f EntryFilter) Where(im Import) (string, []any) {
	var conds []string
	var args []any
	if !f.From.IsZero() {
		conds = append(conds, "day >= ?")
		args = append(args, DayNumber(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, "day <= ?")
		args = append(args, DayNumber(f.To))
	}
	if f.Platform != "" {
		conds = append(conds, "platform = ?")
		args = append(args, f.Platform)
	}
	if f.ImportID != 0 {
		conds = append(conds, "(id BETWEEN ? AND ? OR id IN (SELECT entry_id FROM entry_history WHERE replaced_by = ?))")
		args = append(args, im.FirstEntry, im.LastEntry, f.ImportID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}
