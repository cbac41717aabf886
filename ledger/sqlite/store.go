package sqlite

import (
	"context"
	"io"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

var (
	_ ledger.Store         = (*DB)(nil)
	_ ledger.ImportSession = (*ImportTx)(nil)
)

// Clock is the ledger's clock, Now (Store).
func (db *DB) Clock() time.Time { return db.Now() }

// BeginImportSession is BeginImportFile as an ImportSession (Importing).
func (db *DB) BeginImportSession(ctx context.Context, file, source string, r io.ReaderAt, size int64) (ledger.ImportSession, error) {
	tx, err := db.BeginImportFile(ctx, file, source, r, size)
	if err != nil {
		return nil, err
	}
	return tx, nil
}
