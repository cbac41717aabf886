package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 13, items 10 and 12: standard input, "--" and flag-like file
// names, backup -, FIFOs and devices, header-only files.

const nativeHeader = "date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n"

// nativeFile writes a native entries file of one row whose external id is
// id into dir.
func nativeFile(t *testing.T, dir, name, id string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	body := nativeHeader + "2026-01-05,tiktok,creator-rewards,earning,1.25,USD," + id + ",,,approved,,x\n"
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// runIn runs creatorledger with stdin.
func (l *ledgerT) runIn(stdin string, args ...string) (string, string, int) {
	l.t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"creatorledger", "--db", l.db}, args...), strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestImportStdin(t *testing.T) {
	l := newLedger(t)
	body, err := os.ReadFile(nativeFile(t, t.TempDir(), "a.csv", "s1"))
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := l.runIn(string(body), "import", "-")
	if code != 0 || !strings.Contains(out, "<stdin> (native): import 1: 1 rows: 1 new") {
		t.Fatalf("import -: exit %d\n%s%s", code, out, errOut)
	}
	if list := l.ok("imports", "list", "--format", "csv"); !strings.Contains(list, "\n1,<stdin>,native,") {
		t.Errorf("imports list: %s", list)
	}
	// The same input again is recognised; and - can be read only once.
	if out, _, code := l.runIn(string(body), "import", "-"); code != 0 || !strings.Contains(out, "already imported as import 1") {
		t.Errorf("import - again: exit %d %s", code, out)
	}
	if _, errOut, code := l.runIn(string(body), "import", "-", "-"); code != 2 || !strings.Contains(errOut, "can be read only once") {
		t.Errorf("import - -: exit %d %s", code, errOut)
	}
	// Bad rows from standard input are positioned on <stdin>.
	bad := nativeHeader + "2026-01-05,tiktok,creator-rewards,earning,1.2O,USD,s2,,,approved,,x\n"
	if _, errOut, code := l.runIn(bad, "import", "-"); code != 1 || !strings.Contains(errOut, "<stdin>:2:5: amount:") ||
		!strings.Contains(errOut, "creatorledger: -: 1 error; nothing imported") {
		t.Errorf("bad rows on stdin: exit %d %s", code, errOut)
	}
}

func TestBackupDashRefused(t *testing.T) {
	l := newLedger(t)
	l.ok("init")
	t.Chdir(t.TempDir())
	_, errOut, code := l.run("backup", "-")
	if code != 2 || !strings.Contains(errOut, "standard output") {
		t.Errorf("backup -: exit %d %s", code, errOut)
	}
	if _, err := os.Lstat("-"); err == nil {
		t.Error("backup - wrote a file named -")
	}
}

// Arguments after "--" are files, whatever they look like; a flag after
// the files that is also the name of a file is refused, not guessed.
func TestDashDashAndFlagLikeFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	nativeFile(t, dir, "a.csv", "d1")
	nativeFile(t, dir, "-n", "d2")
	nativeFile(t, dir, "--dry-run", "d3")

	l := newLedger(t)
	out, errOut, code := l.run("import", "a.csv", "-n")
	if code != 2 || !strings.Contains(errOut, "-n after the arguments is both a flag and a file here") {
		t.Errorf("import a.csv -n with a file -n: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(l.db); err == nil {
		t.Errorf("the refused command imported:\n%s", l.state())
	}
	out, errOut, code = l.run("import", "--", "a.csv", "-n", "--dry-run")
	if code != 0 || strings.Count(out, ": import ") != 3 {
		t.Errorf("import -- a.csv -n --dry-run: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code = l.run("import", "a.csv", "--", "-n")
	if code != 0 || !strings.Contains(out, "a.csv: already imported") || !strings.Contains(out, "-n: already imported") {
		t.Errorf("import a.csv -- -n: exit %d\n%s%s", code, out, errOut)
	}
	// Without a file of that name, a flag after the files is a flag.
	os.Remove(filepath.Join(dir, "-n"))
	nativeFile(t, dir, "b.csv", "d4")
	out, errOut, code = l.run("import", "b.csv", "-n")
	if code != 0 || !strings.Contains(out, "would import") {
		t.Errorf("import b.csv -n: exit %d\n%s%s", code, out, errOut)
	}
}

// A header without rows records nothing and says so (exit 0: an export
// of a month without income is no error).
func TestHeaderOnlyRecordsNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "kofi-2026-10.csv")
	os.WriteFile(p, []byte(nativeHeader), 0o600)
	l := newLedger(t)
	l.ok("import", nativeFile(t, dir, "a.csv", "h1"))
	for range 2 {
		out, errOut, code := l.run("import", p)
		if code != 0 || out != "kofi-2026-10.csv (native): no rows after the header: nothing to import\n" {
			t.Errorf("header only: exit %d\n%s%s", code, out, errOut)
		}
	}
	if list := l.ok("imports", "list", "--format", "csv"); strings.Count(list, "\n") != 2 {
		t.Errorf("an import was recorded for a header-only file:\n%s", list)
	}
}

func TestDeviceRefused(t *testing.T) {
	if _, err := os.Stat(os.DevNull); err != nil {
		t.Skip(err)
	}
	l := newLedger(t)
	l.ok("init")
	_, errOut, code := l.run("import", os.DevNull)
	if code != 1 || !strings.Contains(errOut, "a device, not a file") {
		t.Errorf("import %s: exit %d %s", os.DevNull, code, errOut)
	}
}

func mkfifo(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "fifo.csv")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	return p
}

// A FIFO with a writer imports (as <(cmd) does), read twice from a copy.
func TestImportFIFO(t *testing.T) {
	fifo := mkfifo(t)
	body, _ := os.ReadFile(nativeFile(t, t.TempDir(), "a.csv", "f1"))
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.Write(body)
		f.Close()
	}()
	l := newLedger(t)
	out, errOut, code := l.run("import", fifo)
	if code != 0 || !strings.Contains(out, "fifo.csv (native): import 1: 1 rows: 1 new") {
		t.Errorf("import FIFO: exit %d\n%s%s", code, out, errOut)
	}
}

// A FIFO nothing writes to, or a writer that never writes, ends in a
// clear error instead of a silent hang.
func TestFIFOWithoutDataTimesOut(t *testing.T) {
	var stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr}
	fifo := mkfifo(t)
	start := time.Now()
	in, err := openInput(context.Background(), e, fifo, 300*time.Millisecond)
	if !errors.Is(err, errNoData) || !strings.Contains(err.Error(), "within 300ms") {
		t.Errorf("no writer: %v", err)
	}
	if in.dir != "" {
		t.Errorf("a copy was left: %s", in.dir)
	}
	if !strings.Contains(stderr.String(), "waiting for "+fifo) {
		t.Errorf("no notice while waiting: %q", stderr.String())
	}
	// A writer that opens and stays silent.
	w := make(chan *os.File, 1)
	go func() {
		f, _ := os.OpenFile(fifo, os.O_WRONLY, 0)
		w <- f
	}()
	_, err = openInput(context.Background(), e, fifo, 300*time.Millisecond)
	if f := <-w; f != nil {
		f.Close()
	}
	if !errors.Is(err, errNoData) {
		t.Errorf("silent writer: %v", err)
	}
	if time.Since(start) > 20*time.Second {
		t.Errorf("took %v", time.Since(start))
	}
}
