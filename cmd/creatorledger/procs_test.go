package main

// Helpers for tests that need real processes: a crash is a SIGKILL of a
// process, and two imports at once are two processes. The binaries are
// built once per test run, on first use.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creatorledger/creatorledger/ledger/sqlite"
)

// binDir holds the binaries built for this test run; TestMain removes it.
var binDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// built is the result of building the binaries, once.
var built = sync.OnceValues(func() (map[string]string, error) {
	goTool, err := exec.LookPath("go") // go test puts its own go first on PATH
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "creatorledger-test-bin-")
	if err != nil {
		return nil, err
	}
	binDir = dir
	bins := map[string]string{}
	for _, name := range []string{"creatorledger", "genexports"} {
		out := filepath.Join(dir, name)
		cmd := exec.Command(goTool, "build", "-o", out, "../"+name)
		if msg, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build %s: %v\n%s", name, err, msg)
		}
		bins[name] = out
	}
	return bins, nil
})

// binary returns the path of a built binary: creatorledger or genexports.
func binary(t *testing.T, name string) string {
	t.Helper()
	bins, err := built()
	if err != nil {
		t.Fatal(err)
	}
	return bins[name]
}

// genExport writes a native export of rows rows made by genexports with
// seed, and returns its path.
func genExport(t *testing.T, dir string, rows int, seed int) string {
	t.Helper()
	path := filepath.Join(dir, fmt.Sprintf("export-%d-%d.csv", rows, seed))
	cmd := exec.Command(binary(t, "genexports"), "-rows", strconv.Itoa(rows), "-seed", strconv.Itoa(seed), "-o", path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("genexports: %v\n%s", err, out)
	}
	return path
}

// procTimeout bounds every process a test starts: a process still running
// after it is killed, so no test can hang on one.
const procTimeout = 2 * time.Minute

// command returns creatorledger --db db args..., as a process that is
// killed when ctx ends or after procTimeout.
func command(t *testing.T, ctx context.Context, db string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, procTimeout)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, binary(t, "creatorledger"), append([]string{"--db", db}, args...)...)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

// view is what a person can see of a ledger, read in this process: every
// entry (export --format csv) and every import record (imports list) without
// the time of import, which differs between runs.
func view(t *testing.T, db string) string {
	t.Helper()
	l := &ledgerT{t: t, db: db}
	return l.ok("export", "--format", "csv") + withoutColumn(t, l.ok("imports", "list", "--format", "csv"), "imported_at")
}

// withoutColumn drops the named column from CSV text.
func withoutColumn(t *testing.T, text, name string) string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("reading CSV: %v\n%s", err, text)
	}
	if len(rows) == 0 {
		return ""
	}
	col := -1
	for i, h := range rows[0] {
		if h == name {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no column %s in %q", name, rows[0])
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, r := range rows {
		w.Write(append(r[:col:col], r[col+1:]...))
	}
	w.Flush()
	return b.String()
}

// checkIntact fails the test unless the ledger file passes SQLite's
// integrity_check and its kept daily totals match its entries.
func checkIntact(t *testing.T, path string) {
	t.Helper()
	sdb, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var result string
	err = sdb.QueryRow(`PRAGMA integrity_check`).Scan(&result)
	sdb.Close()
	if err != nil || result != "ok" {
		t.Fatalf("%s: integrity_check: %q %v", path, result, err)
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CheckTotals(context.Background()); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// diffLines describes how two views differ, briefly.
func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: %q vs %q (%d vs %d lines)", i+1, al[i], bl[i], len(al), len(bl))
		}
	}
	return fmt.Sprintf("%d vs %d lines", len(al), len(bl))
}

// writeLocked reports whether some process holds the ledger's write lock
// (an import between BEGIN and COMMIT). It asks for the lock without
// waiting and gives it back at once when it gets it.
func writeLocked(t *testing.T, path string) bool {
	t.Helper()
	sdb, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	conn, err := sdb.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), `BEGIN IMMEDIATE`); err != nil {
		if strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "locked") {
			return true
		}
		t.Fatalf("probing the write lock: %v", err)
	}
	if _, err := conn.ExecContext(context.Background(), `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	return false
}
