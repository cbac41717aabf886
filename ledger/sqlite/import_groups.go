package sqlite

import (
	"sort"
	"time"

	"github.com/creatorledger/creatorledger/ledger"
)

// foldClassCounts adds the new entries a bulk import counted by class to
// their groups: a class belongs to one group, and a slice is cheaper to
// count in than a map of texts.
func (t *ImportTx) foldClassCounts() {
	for k, ref := range t.refs.refs {
		if int(ref) < len(t.classNew) && t.classNew[ref] > 0 {
			g := ledger.Group{Platform: k.platform, Program: k.program, Kind: k.kind}
			c := t.groups[g]
			if c == nil {
				c = &ledger.Counts{}
				t.groups[g] = c
			}
			c.Rows += t.classNew[ref]
			c.New += t.classNew[ref]
		}
	}
	t.classNew = nil
}

func (t *ImportTx) group(e *ledger.Entry) *ledger.Counts {
	g := ledger.Group{Platform: e.Platform, Program: e.Program, Kind: e.Kind}
	if t.lastGroup != nil && g == t.lastGroupKey { // runs of one group are usual
		t.lastGroup.Rows++
		return t.lastGroup
	}
	c := t.groups[g]
	if c == nil {
		c = &ledger.Counts{}
		t.groups[g] = c
	}
	t.lastGroupKey, t.lastGroup = g, c
	c.Rows++
	return c
}

// Groups returns the outcome per platform, program and kind, sorted. It is
// complete once the import is committed or dry-run.
func (t *ImportTx) Groups() []ledger.GroupCounts {
	out := make([]ledger.GroupCounts, 0, len(t.groups))
	for g, c := range t.groups {
		out = append(out, ledger.GroupCounts{Group: g, Counts: *c})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Group, out[j].Group
		if a.Platform != b.Platform {
			return a.Platform < b.Platform
		}
		if a.Program != b.Program {
			return a.Program < b.Program
		}
		return a.Kind < b.Kind
	})
	return out
}

// dayCache keeps the day number (DayNumber) of the last date it saw:
// entries come in runs of one date.
type dayCache struct {
	date time.Time
	num  int64
}

// number returns the date as the ledger keeps it.
func (c *dayCache) number(d time.Time) int64 {
	if d != c.date || c.num == 0 { // the same time and location: the same day
		c.date, c.num = d, ledger.DayNumber(d)
	}
	return c.num
}
