// Package ledger is creatorledger's domain: money in micro-units, entries
// and their identity, keys and versions (dedupe), accounts and postings,
// statuses, payout thresholds and schedules, RPM estimates, ECB rates,
// the reconciliation's matching, invoices and VAT, and the queries and
// results of every report.
//
// It names no database. Store (store.go) is what the command line needs
// of a ledger; package ledger/sqlite is the store of one SQLite file, and
// keeps every table, query and the import engine. A report's types live
// here in the file named for it (net.go: NetQuery, NetRow, NetResult)
// and its working out in the store's file of the same name.
package ledger
