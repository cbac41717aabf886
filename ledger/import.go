package ledger

import (
	"time"

	"github.com/shopspring/decimal"
)

// Import is the record of one imported file.
type Import struct {
	ID         int64
	File       string // base name of the file as given
	Source     string // importer name
	SHA256     string // hex digest of the file's bytes
	ImportedAt time.Time
	Counts
	// The entries the import added are those with ids FirstEntry to
	// LastEntry (none when LastEntry < FirstEntry).
	FirstEntry, LastEntry int64
}

// Counts summarises what an import did with the file's entries.
type Counts struct {
	Rows       int // entries read from the file
	New        int // entries added
	Duplicates int // entries the ledger already had, unchanged
	Updated    int // entries the ledger had whose amount, status, views or texts changed
	Rounded    int // amounts with more than six decimals, rounded half-even
}

// Group is a set of an import's rows that reports count together.
type Group struct {
	Platform, Program string
	Kind              Kind
}

// GroupCounts is what an import did with one group of rows.
type GroupCounts struct {
	Group
	Counts
}

// Undone is what an undo did to the entries of an import.
type Undone struct {
	Import
	Removed  int // entries no other import held: deleted
	Restored int // entries given back the version of an earlier import
	Kept     int // entries the import had added that other imports hold: they stay
}

// StatementBalance is the balance a statement states before its first
// movement and after its last, for one account in one currency.
type StatementBalance struct {
	ImportID          int64
	Platform, Account string // the account is the entries' program
	Currency          string
	First, Last       time.Time
	Opening, Closing  decimal.Decimal
}

// StatementGap is a difference between what one statement closes with,
// plus the ledger's movements in between, and what the next one opens
// with: movements missing from the ledger (or doubled in it).
type StatementGap struct {
	Before, After StatementBalance
	Expected      decimal.Decimal // the opening the ledger's movements lead to
	Missing       decimal.Decimal // After.Opening - Expected
}
