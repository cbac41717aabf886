// Package sqlite is the ledger kept in one SQLite file: it opens, creates,
// migrates, checks and backs up the file, imports into it (the import
// engine, docs/import.md), and answers the reports from its tables. DB
// implements ledger.Store and ImportTx ledger.ImportSession.
//
// What the rules are (identity, keys, versions, thresholds, matching) is
// package ledger's; this package reads and writes the rows they work on.
// Another store (PostgreSQL for agencies, docs/store.md) would be a
// package beside this one, passing the same contract (ledger/storetest).
package sqlite
