package sqlite

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/creatorledger/creatorledger/ledger"
)

// matches checks what the reconciliation keeps (table matches): every
// match names entries that exist; a payout arrives at most once and a
// deposit is at most one payout; a deposit is a bank credit, a payout a
// platform's payout, an invoice a sponsorship entry. A match left by an
// entry an undo removed is repaired by the next reconciliation (payouts
// reconcile), which the problem says.
func (c *checker) matches() error {
	type side struct {
		platform string
		kind     ledger.Kind
		amount   int64
	}
	entry := func(id int64) (side, bool, error) {
		var s side
		err := c.db.QueryRowContext(c.ctx, `SELECT c.platform, c.kind, e.amount FROM entries e JOIN entry_classes c ON c.id = e.class_id
			WHERE e.id = ?`, id).Scan(&s.platform, &s.kind, &s.amount)
		if errors.Is(err, sql.ErrNoRows) {
			return s, false, nil
		}
		return s, err == nil, err
	}
	deposits, payouts := map[int64]int64{}, map[int64]int64{}
	err := c.each(`SELECT id, kind, entry_id, target_id, origin FROM matches WHERE origin IN (1, 2) ORDER BY id`, nil, func(scan func(...any) error) error {
		var id, entryID, target int64
		var kind ledger.MatchKind
		var origin ledger.MatchOrigin
		if err := scan(&id, &kind, &entryID, &target, &origin); err != nil {
			return err
		}
		where := fmt.Sprintf("match %d (%s)", id, origin)
		e, ok, err := entry(entryID)
		if err != nil {
			return err
		}
		if !ok {
			c.add("matches", where, "entry %d is gone (an undo?): creatorledger payouts reconcile repairs it", entryID)
			return nil
		}
		var t side
		if target != 0 {
			if t, ok, err = entry(target); err != nil {
				return err
			} else if !ok {
				c.add("matches", where, "entry %d is gone (an undo?): creatorledger payouts reconcile repairs it", target)
				return nil
			}
		}
		switch kind {
		case ledger.MatchPayout:
			if !ledger.IsBank(e.platform) || e.amount <= 0 {
				c.add("matches", where, "entry %d is a %s %s of %s, not a bank deposit", entryID, e.platform, e.kind, ledger.FormatAmount(ledger.FromMicro(e.amount), ""))
			}
			if prev, dup := deposits[entryID]; dup {
				c.add("matches", where, "deposit %d is already the payout of match %d", entryID, prev)
			}
			deposits[entryID] = id
			if target != 0 {
				if t.kind != ledger.KindPayout || ledger.IsBank(t.platform) {
					c.add("matches", where, "entry %d is a %s %s, not a platform payout", target, t.platform, t.kind)
				}
				if prev, dup := payouts[target]; dup {
					c.add("matches", where, "payout %d already arrived in match %d", target, prev)
				}
				payouts[target] = id
			}
		case ledger.MatchInvoice:
			if e.amount <= 0 {
				c.add("matches", where, "entry %d is not money received", entryID)
			}
			if t.platform != ledger.SponsorshipPlatform {
				c.add("matches", where, "entry %d is a %s %s, not a sponsorship invoice", target, t.platform, t.kind)
			}
		default:
			c.add("matches", where, "kind %d is not a match of a payout (1) or an invoice (2)", kind)
		}
		return nil
	})
	if isNoTable(err) {
		return nil // a read-only ledger of before migration 0012
	}
	return err
}
