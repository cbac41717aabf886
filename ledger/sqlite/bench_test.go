package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// benchEntries makes n realistic entries over two years, four platforms and
// three currencies, in date order as exports mostly are, every one with a
// distinct identity.
func benchEntries(n int) []ledger.Entry {
	platforms := []struct{ platform, program, currency string }{
		{"tiktok", "creator-rewards", "USD"}, {"youtube", "long-form", "USD"},
		{"amazon-associates", "associates", "GBP"}, {"sponsorship", "tiktok", "EUR"},
	}
	es := make([]ledger.Entry, n)
	for i := range es {
		p := platforms[i%len(platforms)]
		es[i] = ledger.Entry{
			Date:     date("2025-01-01").AddDate(0, 0, i*730/n),
			Platform: p.platform, Program: p.program, Kind: ledger.KindEarning,
			Amount:   decimal.New(int64(1000+i%50000), -2),
			Currency: p.currency, ExternalID: fmt.Sprintf("id-%d", i),
			Views: ledger.Counted(int64(i % 100000)), Status: ledger.StatusApproved,
			Description: "Video: thrift flip", Line: i + 2, Raw: "2025-01-01,tiktok,creator-rewards,earning,10.00,USD,id,,,approved,,Video",
		}
	}
	return es
}

func importBench(b *testing.B, db *DB, sha string, es []ledger.Entry) ledger.Import {
	ctx := context.Background()
	tx, err := db.BeginImport(ctx, "bench.csv", "native", sha)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range es {
		if err := tx.Add(ctx, e, false); err != nil {
			b.Fatal(err)
		}
	}
	im, err := tx.Commit(ctx)
	if err != nil {
		b.Fatal(err)
	}
	return im
}

// BenchmarkImport measures adding new entries (validate, de-duplicate,
// insert) in one import transaction; ns/op is per entry.
func BenchmarkImport(b *testing.B) {
	es := benchEntries(b.N)
	db, err := Create(context.Background(), filepath.Join(b.TempDir(), "ledger.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ResetTimer()
	importBench(b, db, "new", es)
}

// BenchmarkReimport measures importing entries the ledger already has (all
// duplicates); ns/op is per entry.
func BenchmarkReimport(b *testing.B) {
	es := benchEntries(b.N)
	db, err := Create(context.Background(), filepath.Join(b.TempDir(), "ledger.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	importBench(b, db, "first", es)
	b.ResetTimer()
	if im := importBench(b, db, "again", es); im.Duplicates != b.N {
		b.Fatalf("%d duplicates, want %d", im.Duplicates, b.N)
	}
}

// BenchmarkIncome100k measures the monthly income report over 100,000 entries.
func BenchmarkIncome100k(b *testing.B) {
	db, err := Create(context.Background(), filepath.Join(b.TempDir(), "ledger.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	importBench(b, db, "x", benchEntries(100_000))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := db.Income(context.Background(), ledger.IncomeQuery{By: ledger.ByMonth}); err != nil {
			b.Fatal(err)
		}
	}
}
