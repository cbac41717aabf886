// Package schema holds what the ledger ships inside the binary: the numbered
// SQL migrations that build and evolve a ledger file, and the sourced data
// files (payout thresholds, RPM estimates, sponsorship rate tiers) whose rows
// keep their source, date and confidence.
package schema

import "embed"

// Migrations holds migrations/NNNN_name.sql, applied in numeric order.
//
//go:embed migrations/*.sql
var Migrations embed.FS

// Ledger is the schema a new ledger gets in one step instead of running
// every migration: what they build, written as it is now (ledger.sql).
//
//go:embed ledger.sql
var Ledger string

// Data holds the shipped reference data; data/README.md documents each file.
//
//go:embed data/*.csv data/README.md
var Data embed.FS
