package ledger

import (
	"context"
	"io"
	"time"

	"github.com/shopspring/decimal"
)

// The store seam (issue 17, docs/store.md). The CLI, the importers'
// pipeline and the reports need a ledger that can do what these interfaces
// say; sqlite.DB, one SQLite file, is the only implementation. A PostgreSQL store
// for agencies (DESIGN.md, "Growing past one machine") would be one more
// package implementing them, with the same schema in PostgreSQL's dialect.
// Nothing here names SQLite: the C-API connection, pragmas, key blocks, the
// unshared first build and the JSON of daily_totals stay behind sqlite.DB.

// Store is everything the command line does with a ledger.
type Store interface {
	Importing
	Reporting
	Reconciling
	Configuring
	Maintaining
	// Clock is the ledger's clock (sqlite.DB.Now): today for reports without
	// --as-of.
	Clock() time.Time
	Close() error
}

// ImportSession is one file's import in progress: one transaction, all or
// nothing (sqlite.ImportTx is SQLite's). AddValid takes entries the importer has
// validated, in file order; Commit or DryRun ends it, Rollback abandons it
// (and does nothing after Commit).
type ImportSession interface {
	AddValid(ctx context.Context, e Entry, rounded bool) error
	Counts() Counts
	Groups() []GroupCounts
	SetStatementBalances(sbs []StatementBalance)
	Commit(ctx context.Context) (Import, error)
	DryRun(ctx context.Context) (Import, error)
	Rollback() Import
}

// Importing is the import records, and imports begun and undone.
type Importing interface {
	// BeginImportSession starts importing a file of size bytes read
	// through r; the store computes its digest and stops with an
	// AlreadyImportedError when it has the file already.
	BeginImportSession(ctx context.Context, file, source string, r io.ReaderAt, size int64) (ImportSession, error)
	Import(ctx context.Context, id int64) (Import, error)
	Imports(ctx context.Context) ([]Import, error)
	Undo(ctx context.Context, id int64) (Undone, error)
	ImportRates(ctx context.Context, rates []Rate) (RatesImport, error)
}

// Reporting is what the reports and exports read.
type Reporting interface {
	Income(ctx context.Context, q IncomeQuery) ([]IncomeRow, error)
	IncomeIn(ctx context.Context, q IncomeQuery) (IncomeResult, error)
	RPM(ctx context.Context, q RPMQuery) (RPMReport, error)
	PendingPayouts(ctx context.Context, q PendingQuery) (PendingReport, error)
	Net(ctx context.Context, q NetQuery) (NetResult, error)
	Balances(ctx context.Context, asOf time.Time) ([]AccountBalance, error)
	InvoiceReport(ctx context.Context, q InvoiceQuery) (InvoiceReport, error)
	OpenInvoices(ctx context.Context, asOf time.Time, limit int) (OpenInvoices, error)
	VATSummary(ctx context.Context, q VATQuery) (VATReport, error)
	Entries(ctx context.Context, f EntryFilter, fn func(*Entry) error) error
	Invoices(ctx context.Context) ([]Invoice, error)
	InvoiceVATs(ctx context.Context) (map[int64]decimal.Decimal, error)
	Payouts(ctx context.Context, from, to time.Time) ([]Payout, error)
	SettledPayments(ctx context.Context, from, to time.Time) ([]SettledPayment, error)
	Platforms(ctx context.Context) ([]string, error)
	RateSpans(ctx context.Context) ([]RateSpan, error)
	RatesOf(ctx context.Context, currency string, from, to time.Time) ([]Rate, error)
}

// Reconciling matches bank deposits with payouts and invoices.
type Reconciling interface {
	Reconcile(ctx context.Context, asOf time.Time) (Reconciliation, error)
	NeedsReconcile(ctx context.Context) (bool, error)
	MatchByUser(ctx context.Context, entry int64, target MatchTarget) (Match, error)
	Unmatch(ctx context.Context, entry int64) ([]Match, error)
	Rules(ctx context.Context) ([]Rule, error)
	ArrivalAccounts(ctx context.Context) (map[int64]string, error)
}

// Configuring is the settings kept in the ledger.
type Configuring interface {
	Profile(ctx context.Context) (Profile, error)
	SetSetting(ctx context.Context, key, value string) error
	SetPaymentMethod(ctx context.Context, platform, method string) error
	SetFollowers(ctx context.Context, platform string, n int64) error
	SetThresholdOverride(ctx context.Context, o ThresholdOverride) error
	UnsetThresholdOverride(ctx context.Context, platform, program, currency, method string) error
}

// Maintaining is checks and copies of the ledger. What they check is the
// store's own (a PostgreSQL store has no file to copy: Backup would be
// pg_dump's job), but the ledger's invariants are the same.
type Maintaining interface {
	// Path names where the ledger is, for messages.
	Path() string
	Check(ctx context.Context) (CheckReport, error)
	CheckTotals(ctx context.Context) error
	QuickCheck(ctx context.Context) error
	Backup(ctx context.Context, path string) error
}
