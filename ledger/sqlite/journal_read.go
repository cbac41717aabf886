package sqlite

import (
	"context"
	"fmt"

	"github.com/creatorledger/creatorledger/ledger"
)

// ArrivalAccounts returns, by entry id, the account a bank deposit comes
// from when reconciliation (or the user) placed it as a platform payout's
// arrival: the payout's own contra, assets:transit:<platform>, where the
// two cancel; for a deposit that stands for a payout the ledger does not
// have, the platform balance it lowers, assets:<platform>. Journals post
// such deposits there instead of equity:transfers.
func (db *DB) ArrivalAccounts(ctx context.Context) (map[int64]string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT m.entry_id, m.platform, COALESCE(c.platform, '')
		FROM matches m LEFT JOIN entries t ON t.id = m.target_id AND m.target_id != 0
		LEFT JOIN entry_classes c ON c.id = t.class_id
		WHERE m.kind = ? AND m.origin IN (?, ?) ORDER BY m.entry_id, m.id`,
		int(ledger.MatchPayout), int(ledger.MatchedAuto), int(ledger.MatchedByUser))
	if isNoTable(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("payout arrivals: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var balance, payout string
		if err := rows.Scan(&id, &balance, &payout); err != nil {
			return nil, fmt.Errorf("payout arrivals: %w", err)
		}
		if _, ok := out[id]; ok {
			continue // one deposit for several payouts: the first names it
		}
		if payout != "" {
			out[id] = (&ledger.Entry{Platform: payout, Kind: ledger.KindPayout}).ContraAccount()
		} else {
			out[id] = (&ledger.Entry{Platform: balance}).SourceAccount()
		}
	}
	return out, rows.Err()
}
