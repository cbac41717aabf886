package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

// dirState is every file in dir with its mode and contents: what a refused
// open must leave as it was.
func dirState(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		st, err := os.Lstat(p)
		if err != nil {
			return err
		}
		b.WriteString(p + " " + st.Mode().String() + "\n")
		if st.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b.Write(data)
			b.WriteString("\n")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// sqliteFile makes an SQLite file at path with the statements run on it.
func sqliteFile(t *testing.T, path string, stmts ...string) {
	t.Helper()
	sdb, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	for _, s := range stmts {
		if _, err := sdb.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestOpenRefusesWhatIsNotALedger: another application's SQLite file (with
// or without an application id, in either journal mode, even with a
// schema_migrations table of its own), an empty file, a text file, a
// directory and a dangling symbolic link are refused by Open, Create and
// OpenReadOnly with ErrNotLedger, and left exactly as they were, with no
// file added beside them.
func TestOpenRefusesWhatIsNotALedger(t *testing.T) {
	ctx := context.Background()
	cases := map[string]func(t *testing.T, path string){
		"sqlite": func(t *testing.T, path string) {
			sqliteFile(t, path, `CREATE TABLE notes (body TEXT)`, `INSERT INTO notes VALUES ('mine')`)
		},
		"sqlite-wal": func(t *testing.T, path string) {
			sqliteFile(t, path, `PRAGMA journal_mode = wal`, `CREATE TABLE notes (body TEXT)`)
		},
		"application-id": func(t *testing.T, path string) {
			sqliteFile(t, path, `PRAGMA application_id = 1196444487`, `CREATE TABLE gpkg_contents (x)`) // GeoPackage
		},
		"rails": func(t *testing.T, path string) {
			sqliteFile(t, path, `CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)`,
				`INSERT INTO schema_migrations VALUES ('20240101120000')`)
		},
		"empty": func(t *testing.T, path string) {
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		},
		"text": func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte("date,amount\n2026-01-01,1\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		},
		"directory": func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		},
		"dangling-symlink": func(t *testing.T, path string) {
			if err := os.Symlink(filepath.Join(filepath.Dir(path), "gone", "ledger.db"), path); err != nil {
				t.Fatal(err)
			}
		},
	}
	opens := map[string]func(context.Context, string) (*DB, error){
		"Open": Open, "Create": Create, "OpenReadOnly": OpenReadOnly,
	}
	for name, make := range cases {
		for oname, open := range opens {
			t.Run(name+"/"+oname, func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "ledger.db")
				make(t, path)
				before := dirState(t, dir)
				db, err := open(ctx, path)
				if err == nil {
					db.Close()
				}
				var nl *NotLedgerError
				if !errors.Is(err, ledger.ErrNotLedger) || !errors.As(err, &nl) || !strings.Contains(err.Error(), path) {
					t.Errorf("%s: %v, want a NotLedgerError naming the file", oname, err)
				}
				if after := dirState(t, dir); after != before {
					t.Errorf("%s changed what it refused:\nbefore:\n%.2000s\nafter:\n%.2000s", oname, before, after)
				}
			})
		}
	}
}

// preIDLedger makes a ledger as a creatorledger before ApplicationID made
// them, with the migrations up to upTo applied one by one: no application
// id, 4 KiB pages.
func preIDLedger(t *testing.T, path string, upTo int) {
	t.Helper()
	sdb, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	db := &DB{sql: sdb, path: path, Now: newTestDB(t).Now}
	defer db.Close()
	ctx := context.Background()
	if _, err := db.appliedMigrations(ctx); err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.version > upTo {
			break
		}
		if err := db.migrateFile(ctx, m.version, m.name); err != nil {
			t.Fatal(err)
		}
	}
	var id int
	if err := sdb.QueryRow(`PRAGMA application_id`).Scan(&id); err != nil || id != 0 {
		t.Fatalf("old ledger: application id %d (%v)", id, err)
	}
}

func applicationID(t *testing.T, path string) uint32 {
	t.Helper()
	sdb, err := sql.Open("sqlite", fileURI(path, "mode=ro"))
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	var id uint32
	if err := sdb.QueryRow(`PRAGMA application_id`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestApplicationID: every new ledger has ApplicationID in its header, and
// a ledger made before it existed is a ledger: it gets the id, and its
// migrations, when it is opened for writing; read-only it is read as it is.
func TestApplicationID(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	shared, err := Create(ctx, filepath.Join(dir, "shared.db"))
	if err != nil {
		t.Fatal(err)
	}
	shared.Close()
	u := createUnshared(t, filepath.Join(dir, "unshared.db"))
	u.Close()
	for _, p := range []string{"shared.db", "unshared.db"} {
		if id := applicationID(t, filepath.Join(dir, p)); id != ApplicationID {
			t.Errorf("%s: application id %#x, want %#x", p, id, ApplicationID)
		}
	}
	// Create left nothing beside the ledger.
	if left, _ := filepath.Glob(filepath.Join(dir, ".shared.db.*")); len(left) > 0 {
		t.Errorf("Create left %v", left)
	}

	old := filepath.Join(dir, "old.db")
	preIDLedger(t, old, 1)
	if _, err := OpenReadOnly(ctx, old); !errors.Is(err, ledger.ErrNeedsMigration) || !strings.Contains(err.Error(), "0002_") {
		t.Errorf("OpenReadOnly of a ledger at migration 1: %v, want ErrNeedsMigration naming 0002", err)
	}
	if id := applicationID(t, old); id != 0 {
		t.Errorf("OpenReadOnly wrote the application id %#x", id)
	}
	db, err := Open(ctx, old)
	if err != nil {
		t.Fatalf("Open of a ledger made before the application id: %v", err)
	}
	var n int
	if err := db.sql.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n < 8 {
		t.Errorf("after Open: %d migrations (%v)", n, err)
	}
	db.Close()
	if id := applicationID(t, old); id != ApplicationID {
		t.Errorf("old ledger after Open: application id %#x, want %#x", id, ApplicationID)
	}

	// Up to date but unmarked: read-only it is read, and not marked.
	current := filepath.Join(dir, "current.db")
	preIDLedger(t, current, 1<<30)
	ro, err := OpenReadOnly(ctx, current)
	if err != nil {
		t.Fatalf("OpenReadOnly of an up-to-date ledger without the id: %v", err)
	}
	if _, err := ro.Imports(ctx); err != nil {
		t.Error(err)
	}
	ro.Close()
	if id := applicationID(t, current); id != 0 {
		t.Errorf("OpenReadOnly wrote the application id %#x", id)
	}
}

// TestOpenReadOnly: a ledger opened read-only reads as the same ledger
// opened for writing, every write fails, and nothing is left beside the
// ledger: no -shm or -wal whose modes could break a later import.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	importEntries(t, db, "a", earning("2026-08-03", "v1", "1.50", ledger.StatusApproved), earning("2026-08-04", "v2", "2.25", ledger.StatusPaid))
	want := snap(t, db)
	path := db.Path()
	db.Close()
	before := dirState(t, filepath.Dir(path))

	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got := snap(t, ro); !reflect.DeepEqual(got, want) {
		t.Errorf("read-only: %v\nwant %v", got, want)
	}
	if err := ro.SetSetting(ctx, "country", "NL"); err == nil || !ro.ReadOnly() {
		t.Errorf("a write to a ledger opened read-only: %v", err)
	}
	ro.Close()
	if after := dirState(t, filepath.Dir(path)); after != before {
		t.Errorf("a read-only open changed the ledger's directory:\nbefore:\n%.500s\nafter:\n%.500s", before, after)
	}

	// A name that an SQLite URI must escape.
	odd := filepath.Join(t.TempDir(), "a ledger?x=1#%41.db")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(odd, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ro, err = OpenReadOnly(ctx, odd)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got := snap(t, ro); !reflect.DeepEqual(got, want) {
		t.Errorf("read-only %q: %v\nwant %v", odd, got, want)
	}
}

// TestOpenTightensModes: a ledger readable by others is made private when
// opened, and says so (ModeNotes); a log file beside it that its owner
// cannot write (as an earlier read of a read-only ledger left them) is
// made writable again.
func TestOpenTightensModes(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	path := db.Path()
	db.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+"-shm", nil, 0o400); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path+"-shm", 0o444); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, "country", "NL"); err != nil {
		t.Errorf("a write after Open: %v", err)
	}
	notes := db.ModeNotes()
	db.Close()
	sort.Slice(notes, func(i, j int) bool { return notes[i].Path < notes[j].Path })
	if len(notes) != 2 || notes[0].Path != path || notes[0].Was != 0o644 || !notes[0].Tightened ||
		notes[1].Path != path+"-shm" || notes[1].Was != 0o444 || !notes[1].Tightened {
		t.Errorf("mode notes %+v, want the ledger (0644) and its -shm (0444), tightened", notes)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("ledger mode after Open: %v (%v), want 0600", st.Mode().Perm(), err)
	}

	// Read-only: the ledger is tightened as far as its owner's bits go.
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	notes = ro.ModeNotes()
	ro.Close()
	if len(notes) != 1 || notes[0].Was != 0o444 || !notes[0].Tightened {
		t.Errorf("read-only mode notes %+v", notes)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o400 {
		t.Errorf("ledger mode after OpenReadOnly: %v (%v), want 0400", st.Mode().Perm(), err)
	}
}
