package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/creatorledger/creatorledger/ledger/sqlite"
)

// writeNative writes n date-ordered native rows, like genexports does.
func writeNative(b *testing.B, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description")
	for i := 0; i < n; i++ {
		day := i * 1000 / n
		fmt.Fprintf(w, "2024-%02d-%02d,tiktok,creator-rewards,earning,%d.%02d,USD,74%d,%d,%d,approved,,\"Thrift flip, part %d\"\n",
			1+day/84%12, 1+day%28, i%500, i%100, i, 1000+i%9000, 500+i%400, i%7)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
}

// BenchmarkImportFile measures the whole import of a native file (read,
// parse, validate, de-duplicate, insert, commit); ns/op is per row.
func BenchmarkImportFile(b *testing.B) {
	dir := b.TempDir()
	file := filepath.Join(dir, "native.csv")
	writeNative(b, file, b.N)
	db, err := sqlite.Create(context.Background(), filepath.Join(dir, "ledger.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ResetTimer()
	if err := importFile(context.Background(), db, file, importOptions{}, io.Discard); err != nil {
		b.Fatal(err)
	}
}
