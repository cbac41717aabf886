package ledger

import (
	"cmp"
	"math/rand/v2"
	"testing"
)

// TestTotalKey: a daily-totals key gives back its day, class and status,
// at the ends of their ranges too, and keys order as (day, class, status)
// do, the table's order.
func TestTotalKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	type parts struct {
		day, class int64
		status     Status
	}
	var ps []parts
	for _, day := range []int64{10101, 20260930, 99991231} {
		for _, class := range []int64{1, 2, 1<<32 - 1} {
			for _, s := range Statuses {
				ps = append(ps, parts{day, class, s})
			}
		}
	}
	for i := 0; i < 200; i++ {
		ps = append(ps, parts{int64(10101 + rng.IntN(99981130)), int64(1 + rng.IntN(1<<32-1)), Statuses[rng.IntN(len(Statuses))]})
	}
	for _, p := range ps {
		k := makeTotalKey(p.day, p.class, p.status)
		if k.day() != p.day || k.class() != p.class || statusOf(k.statusCode()) != p.status {
			t.Fatalf("%+v came back as %d %d %d", p, k.day(), k.class(), k.statusCode())
		}
		if w := k.withClass(7); w.day() != p.day || w.class() != 7 || w.statusCode() != k.statusCode() {
			t.Fatalf("%+v with class 7: %d %d %d", p, w.day(), w.class(), w.statusCode())
		}
	}
	for _, a := range ps {
		for _, b := range ps[:50] {
			want := cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.class, b.class), cmp.Compare(a.status.code(), b.status.code()))
			if got := cmp.Compare(makeTotalKey(a.day, a.class, a.status), makeTotalKey(b.day, b.class, b.status)); got != want {
				t.Fatalf("%+v vs %+v: %d, want %d", a, b, got, want)
			}
		}
	}
}
