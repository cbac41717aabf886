package sqlite

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

func date(s string) time.Time {
	d, err := time.Parse(ledger.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestCompareKeys: compareKeys orders keys as bytes.Compare does, also
// when they share a first word or differ only in their last byte.
func TestCompareKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var keys []ledger.Key
	for i := 0; i < 200; i++ {
		var k ledger.Key
		for j := range k {
			k[j] = byte(rng.IntN(3)) // few values: many shared prefixes
		}
		keys = append(keys, k)
	}
	keys = append(keys, ledger.Key{}, ledger.Key{ledger.KeySize - 1: 1}, ledger.Key{0: 0xff})
	for i := range keys {
		for j := range keys {
			if got, want := compareKeys(&keys[i], &keys[j]), bytes.Compare(keys[i][:], keys[j][:]); got != want {
				t.Fatalf("compareKeys(%x, %x) = %d, want %d", keys[i], keys[j], got, want)
			}
		}
	}
}

// TestStatusCodes: the ledger stores a status as its place in Statuses,
// and the SQL that turns codes into texts and back (entry_view, undo,
// migration 0004) agrees with the Go.
func TestStatusCodes(t *testing.T) {
	db := newTestDB(t)
	for i, s := range ledger.Statuses {
		if s.Code() != int64(i+1) || ledger.StatusOf(s.Code()) != s {
			t.Errorf("%s: code %d, back %q", s, s.Code(), ledger.StatusOf(s.Code()))
		}
		var text string
		var code int64
		if err := db.sql.QueryRow(`SELECT `+statusSQL("?1")+`, `+statusCodeSQL("?2"), s.Code(), string(s)).Scan(&text, &code); err != nil {
			t.Fatal(err)
		}
		if text != string(s) || code != s.Code() {
			t.Errorf("%s in SQL: text %q, code %d", s, text, code)
		}
	}
	if ledger.Status("cancelled").Valid() || ledger.StatusOf(0) != "" || ledger.StatusOf(6) != "" {
		t.Error("codes outside the statuses")
	}
}
