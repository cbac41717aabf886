package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/shopspring/decimal"
)

// memberFile is one test file: its entries, with file rows that follow from
// their fields (so that the same row in two files has the same text).
type memberFile struct {
	sha string
	es  []ledger.Entry
}

func importFile(t *testing.T, db *DB, f memberFile) ledger.Import {
	t.Helper()
	ctx := context.Background()
	tx, err := db.BeginImport(ctx, f.sha+".csv", "test", f.sha)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range f.es {
		e.Line = i + 2
		e.Raw = fmt.Sprintf("%s|%s|%s|%s|%s", e.Date.Format(ledger.DateLayout), e.ExternalID, e.Amount, e.Status, e.Description)
		if err := tx.Add(ctx, e, false); err != nil {
			t.Fatal(err)
		}
	}
	im, err := tx.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return im
}

// ledgerState is what a person sees of a ledger's entries: each entry with
// the line and file row of its current version, and the daily totals by
// class, sorted; the import ids are left out (they differ between two
// ledgers built in another order), but must be imports the ledger has.
func ledgerState(t *testing.T, db *DB) string {
	t.Helper()
	ctx := context.Background()
	if err := db.CheckTotals(ctx); err != nil {
		t.Fatal(err)
	}
	ims, err := db.Imports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	live := make(map[int64]bool)
	for _, im := range ims {
		live[im.ID] = true
	}
	var lines []string
	err = db.Entries(ctx, ledger.EntryFilter{WithRaw: true}, func(e *ledger.Entry) error {
		if !live[e.ImportID] {
			t.Errorf("entry %d is of import %d, which the ledger does not have", e.ID, e.ImportID)
		}
		lines = append(lines, fmt.Sprintf("%s %s %s %s %s %s %s %v %v %s %q %q line %d row %q",
			e.Date.Format(ledger.DateLayout), e.Platform, e.Program, e.Kind, e.Amount, e.Currency, e.ExternalID,
			e.Views, e.QualifiedViews, e.Status, e.Counterparty, e.Description, e.Line, e.Raw))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`SELECT COUNT(*) FROM entries WHERE created_import NOT IN (SELECT id FROM imports)`,
		`SELECT COUNT(*) FROM entry_history WHERE import_id NOT IN (SELECT id FROM imports)
			OR replaced_by NOT IN (SELECT id FROM imports)`,
		`SELECT COUNT(*) FROM import_members WHERE import_id NOT IN (SELECT id FROM imports)`,
	} {
		var n int
		if err := db.sql.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d rows of %s", n, q)
		}
	}
	// Every entry lies in its created_import's id range, or is listed
	// under it as taken over.
	over, err := takenOver(ctx, db.sql)
	if err != nil {
		t.Fatal(err)
	}
	outside, err := db.sql.QueryContext(ctx, `SELECT e.id, e.created_import FROM entries e JOIN imports i
		ON i.id = e.created_import WHERE e.id NOT BETWEEN i.first_entry AND i.last_entry`)
	if err != nil {
		t.Fatal(err)
	}
	for outside.Next() {
		var e, im int64
		if err := outside.Scan(&e, &im); err != nil {
			t.Fatal(err)
		}
		if over[e] != im {
			t.Errorf("entry %d is outside the range of import %d, its created_import, and not listed under it", e, im)
		}
	}
	if err := outside.Close(); err != nil {
		t.Fatal(err)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT t.day, c.platform, c.program, c.kind, c.currency, t.status, t.amount,
		t.views, t.qualified_views, t.entries FROM daily_totals_view t JOIN entry_classes c ON c.id = t.class_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		v := make([]any, 10)
		p := make([]any, 10)
		for i := range v {
			p[i] = &v[i]
		}
		if err := rows.Scan(p...); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprint(v...))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// TestUndoKeepsWhatOthersHold is issue 13's first defect: import A (rows
// 1-100), import B (rows 51-150), undo A: rows 51-100 stay, and importing B
// again says it is imported already.
func TestUndoKeepsWhatOthersHold(t *testing.T) {
	row := func(i int) ledger.Entry {
		return earning(fmt.Sprintf("2026-08-%02d", 1+i%28), fmt.Sprintf("v%d", i), fmt.Sprintf("%d.25", i), ledger.StatusApproved)
	}
	var a, b memberFile
	a.sha, b.sha = "a", "b"
	for i := 1; i <= 100; i++ {
		a.es = append(a.es, row(i))
	}
	for i := 51; i <= 150; i++ {
		b.es = append(b.es, row(i))
	}
	ctx := context.Background()
	for _, undo := range []int64{1, 2} {
		db := newTestDB(t)
		importFile(t, db, a)
		if im := importFile(t, db, b); im.Counts != (ledger.Counts{Rows: 100, New: 50, Duplicates: 50}) {
			t.Fatalf("import B: %+v", im.Counts)
		}
		u, err := db.Undo(ctx, undo)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[int64][3]int{1: {50, 0, 50}, 2: {50, 0, 0}}[undo]; [3]int{u.Removed, u.Restored, u.Kept} != want {
			t.Errorf("undo %d: removed, restored, kept %d, %d, %d; want %v", undo, u.Removed, u.Restored, u.Kept, want)
		}
		alone := newTestDB(t)
		other := map[int64]memberFile{1: b, 2: a}[undo]
		importFile(t, alone, other)
		if got, want := ledgerState(t, db), ledgerState(t, alone); got != want {
			t.Errorf("undo %d: the ledger is not the other file's alone\n--- got\n%s\n--- want\n%s", undo, got, want)
		}
		// The other file's import stays, with all its rows there: the CLI
		// says it is imported already (TestUndoThroughCLI).
		ims, err := db.Imports(ctx)
		if err != nil || len(ims) != 1 || ims[0].SHA256 != other.sha {
			t.Errorf("undo %d: imports left %+v (%v), want the other file's", undo, ims, err)
		}
	}
}

// TestUndoIsImportingTheOthersAlone imports random overlapping files
// (duplicates, updates of amounts and statuses, identical rows without an
// external id), undoes some of them in a random order, and compares the
// ledger after each undo with one that imported only the files left, in
// the same order. Importing an undone file again then gives the same
// ledger as importing it into the other.
func TestUndoIsImportingTheOthersAlone(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 13))
			files := randomFiles(rng, 2+rng.IntN(3))
			db := newTestDB(t)
			var ids []int64
			for _, f := range files {
				ids = append(ids, importFile(t, db, f).ID)
			}
			left := make([]bool, len(files))
			for i := range left {
				left[i] = true
			}
			order := rng.Perm(len(files))[:1+rng.IntN(len(files))]
			for n, i := range order {
				if _, err := db.UndoImport(context.Background(), ids[i]); err != nil {
					t.Fatalf("undo of file %d (order %v): %v", i, order[:n+1], err)
				}
				left[i] = false
				alone := newTestDB(t)
				for j, f := range files {
					if left[j] {
						importFile(t, alone, f)
					}
				}
				if got, want := ledgerState(t, db), ledgerState(t, alone); got != want {
					t.Fatalf("after undoing files %v of %d: not the ledger of the others alone\n%s",
						order[:n+1], len(files), diffLines(got, want))
				}
				// The undone file again, into both.
				if n == len(order)-1 {
					importFile(t, db, files[i])
					importFile(t, alone, files[i])
					if got, want := ledgerState(t, db), ledgerState(t, alone); got != want {
						t.Fatalf("file %d imported again after its undo:\n%s", i, diffLines(got, want))
					}
				}
			}
		})
	}
}

// randomFiles makes n files from one pool of rows: each file takes a
// random run of the pool, some rows with another amount or status than the
// pool's (an update), and the id-less rows a random number of times.
func randomFiles(rng *rand.Rand, n int) []memberFile {
	statuses := []ledger.Status{ledger.StatusEstimated, ledger.StatusPending, ledger.StatusApproved, ledger.StatusPaid}
	const pool = 40
	files := make([]memberFile, n)
	for f := range files {
		files[f].sha = fmt.Sprintf("f%d", f)
		lo := rng.IntN(pool)
		hi := lo + rng.IntN(pool-lo+1)
		for i := lo; i < hi; i++ {
			day := fmt.Sprintf("2026-08-%02d", 1+i/4)
			amount := fmt.Sprintf("%d.50", i)
			status := ledger.StatusApproved
			if rng.IntN(4) == 0 { // another version of the row
				amount = fmt.Sprintf("%d.%02d", i, rng.IntN(3))
				status = statuses[rng.IntN(len(statuses))]
			}
			e := earning(day, fmt.Sprintf("v%d", i), amount, status)
			if i%3 == 0 {
				e.Views = ledger.Counted(int64(100 * i))
			}
			files[f].es = append(files[f].es, e)
		}
		// Identical rows without an external id: 0 to 3 of each of two.
		for k := 0; k < 2; k++ {
			e := earning(fmt.Sprintf("2026-08-%02d", 3+k), "", "2.00", ledger.StatusPaid)
			e.Kind, e.Description = ledger.KindFee, "gift"
			e.Amount = decimal.RequireFromString("-0.30")
			for c := rng.IntN(4); c > 0; c-- {
				at := rng.IntN(len(files[f].es) + 1)
				files[f].es = slices.Insert(files[f].es, at, e)
			}
		}
	}
	return files
}

func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for _, l := range g {
		if !slices.Contains(w, l) {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	for _, l := range w {
		if !slices.Contains(g, l) {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	return b.String()
}

// TestUndoOfAnUpdatedImport: undoing the import that added an entry a
// later one changed keeps the entry with the later version; undoing that
// one too leaves nothing (issue 13: the undo was refused before).
func TestUndoOfAnUpdatedImport(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	a := memberFile{"a", []ledger.Entry{earning("2026-08-03", "v1", "41.2871", ledger.StatusEstimated)}}
	b := memberFile{"b", []ledger.Entry{earning("2026-08-03", "v1", "43.1022", ledger.StatusApproved)}}
	importFile(t, db, a)
	importFile(t, db, b)
	if _, err := db.UndoImport(ctx, 1); err != nil {
		t.Fatalf("undo of an import a later one updated: %v", err)
	}
	alone := newTestDB(t)
	importFile(t, alone, b)
	if got, want := ledgerState(t, db), ledgerState(t, alone); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := db.UndoImport(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if s := snap(t, db); len(s.entries) != 0 || len(s.imports) != 0 {
		t.Errorf("ledger not empty after undoing everything: %+v", s)
	}
	var n int
	for _, table := range []string{"entry_history", "entry_keys", "key_blocks", "import_rows", "import_members"} {
		db.sql.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n)
		if n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
}
