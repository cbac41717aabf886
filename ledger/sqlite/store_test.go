package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/sqlite"
	"github.com/creatorledger/creatorledger/ledger/storetest"
)

// The SQLite store keeps the store's contract.
func TestStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) ledger.Store {
		db, err := sqlite.Create(context.Background(), filepath.Join(t.TempDir(), "ledger.db"))
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}
