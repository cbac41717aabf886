package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// reportBenchDB is a ledger of 100,000 entries (benchEntries) for the
// monthly reports' benchmarks; the whole-program figures over 10,000,000
// entries are make bench's (cmd/benchreport).
func reportBenchDB(b *testing.B) *DB {
	b.Helper()
	db, err := Create(context.Background(), filepath.Join(b.TempDir(), "ledger.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	importBench(b, db, "x", benchEntries(100_000))
	if err := db.SetSetting(context.Background(), ledger.SettingCountry, "NL"); err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkPendingPayouts measures payouts pending over 100k entries.
func BenchmarkPendingPayouts100k(b *testing.B) {
	db := reportBenchDB(b)
	asOf := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := db.PendingPayouts(context.Background(), ledger.PendingQuery{AsOf: asOf})
		if err != nil || len(rep.Rows) == 0 {
			b.Fatal(rep, err)
		}
	}
}

// BenchmarkRPM measures report rpm by month over 100k entries.
func BenchmarkRPM100k(b *testing.B) {
	db := reportBenchDB(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := db.RPM(context.Background(), ledger.RPMQuery{By: ledger.ByMonth})
		if err != nil || len(rep.Rows) == 0 {
			b.Fatal(len(rep.Rows), err)
		}
	}
}
