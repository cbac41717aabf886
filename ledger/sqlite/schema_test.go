package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/creatorledger/creatorledger/schema"
)

// TestSchemaSnapshot: a new ledger gets schema/ledger.sql in one step; it
// must be what running every migration builds, table by table, column by
// column, index by index, and record every migration as applied.
func TestSchemaSnapshot(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	snap, err := Create(ctx, filepath.Join(dir, "snapshot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()

	// The same ledger through the migrations, one by one, as an old
	// ledger is brought up to date.
	path := filepath.Join(dir, "migrated.db")
	sdb, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	migrated := &DB{sql: sdb, path: path, Now: time.Now}
	defer migrated.Close()
	if _, err := migrated.appliedMigrations(ctx); err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(schema.Migrations, "migrations/*.sql")
	if err != nil || len(names) == 0 {
		t.Fatal(names, err)
	}
	for i, n := range names {
		if err := migrated.migrateFile(ctx, i+1, n); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
	}

	want, got := describeSchema(t, migrated), describeSchema(t, snap)
	if len(got) < 10 {
		t.Fatalf("the description is too short to compare anything: %q", got)
	}
	for i := 0; i < max(len(want), len(got)); i++ {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			t.Errorf("schema/ledger.sql differs from the migrations:\n  migrations: %s\n  ledger.sql: %s", w, g)
			break
		}
	}
	for _, db := range []*DB{migrated, snap} {
		applied, err := db.appliedMigrations(ctx)
		if err != nil || len(applied) != len(names) {
			t.Errorf("%s: applied migrations %v (%v), want %d", db.path, applied, err, len(names))
		}
	}
}

// describeSchema lists what a ledger's schema is made of: every table's
// kind, columns, indexes and foreign keys, and every view's query, in a
// stable order and form.
func describeSchema(t *testing.T, db *DB) []string {
	t.Helper()
	var out []string
	query := func(q string, args ...any) [][]string {
		t.Helper()
		rows, err := db.sql.Query(q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var all [][]string
		for rows.Next() {
			vs := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vs {
				ptrs[i] = &vs[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			r := make([]string, len(cols))
			for i, v := range vs {
				r[i] = fmt.Sprintf("%s=%q", cols[i], v.String)
				if !v.Valid {
					r[i] = cols[i] + "=NULL"
				}
			}
			all = append(all, r)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return all
	}
	for _, o := range query(`SELECT type, name, tbl_name, sql FROM sqlite_schema
		WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`) {
		typ, name := strings.Trim(strings.TrimPrefix(o[0], "type="), `"`), strings.Trim(strings.TrimPrefix(o[1], "name="), `"`)
		switch typ {
		case "view":
			q, err := strconv.Unquote(strings.TrimPrefix(o[3], "sql="))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, "view "+name+": "+strings.Join(strings.Fields(q), " "))
		case "index":
			out = append(out, "index "+name+" on "+o[2])
		case "table":
			for _, r := range query(`SELECT type, ncol, wr, strict FROM pragma_table_list WHERE name = ?`, name) {
				out = append(out, "table "+name+": "+strings.Join(r, " "))
			}
			for _, r := range query(`SELECT * FROM pragma_table_xinfo(?)`, name) {
				out = append(out, "  column "+strings.Join(r, " "))
			}
			for _, r := range query(`SELECT name, "unique", origin, partial FROM pragma_index_list(?) ORDER BY origin, name`, name) {
				idx := strings.Trim(strings.TrimPrefix(r[0], "name="), `"`)
				if strings.HasPrefix(idx, "sqlite_autoindex_") { // named after the table it was built as
					r[0] = "name=(automatic)"
				}
				out = append(out, "  index "+strings.Join(r, " "))
				for _, c := range query(`SELECT * FROM pragma_index_xinfo(?)`, idx) {
					out = append(out, "    "+strings.Join(c, " "))
				}
			}
			for _, r := range query(`SELECT * FROM pragma_foreign_key_list(?)`, name) {
				out = append(out, "  foreign key "+strings.Join(r, " "))
			}
		}
	}
	return out
}
