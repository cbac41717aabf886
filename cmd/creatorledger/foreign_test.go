package main

// Files that are not ours (issue 13, items 5, 6 and 8): another
// application's SQLite file, an empty file and a dangling symbolic link are
// refused unchanged; a ledger that cannot be written is read, and only
// read; a ledger open to other users is made private.

import (
	"bytes"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// filesIn is every file under dir with its mode and contents.
func filesIn(t *testing.T, dir string) string {
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
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + " " + st.Mode().String() + "\n")
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

// TestForeignFilesRefused: --db at another application's SQLite file, an
// empty file or a dangling symbolic link is refused by every command, reads
// and writes alike, with "not a creatorledger ledger" and exit 1, and the
// file, its directory and the link's target are left as they were.
func TestForeignFilesRefused(t *testing.T) {
	cases := map[string]func(t *testing.T, path string){
		"another application's SQLite file": func(t *testing.T, path string) {
			sdb, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer sdb.Close()
			for _, s := range []string{`CREATE TABLE notes (body TEXT)`, `INSERT INTO notes VALUES ('mine')`} {
				if _, err := sdb.Exec(s); err != nil {
					t.Fatal(err)
				}
			}
		},
		"an empty file": func(t *testing.T, path string) {
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		},
		"a dangling symlink": func(t *testing.T, path string) {
			if err := os.Symlink(filepath.Join(filepath.Dir(path), "gone", "ledger.db"), path); err != nil {
				t.Fatal(err)
			}
		},
	}
	elsewhere := t.TempDir()
	commands := [][]string{
		{"report", "income"},
		{"export", "--format", "csv"},
		{"imports", "list"},
		{"settings", "set", "country", "NL"},
		{"backup", filepath.Join(elsewhere, "copy.db")},
		{"init"},
		{"import", fixture("native", "multi-platform.csv")},
	}
	for name, make := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			l := &ledgerT{t: t, db: filepath.Join(dir, "ledger.db")}
			make(t, l.db)
			before := filesIn(t, dir)
			for _, args := range commands {
				out, errOut, code := l.run(args...)
				if code != 1 || !strings.Contains(errOut, "not a creatorledger ledger") {
					t.Errorf("%s: exit %d, want 1 and \"not a creatorledger ledger\"\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
				}
				if strings.Contains(out, "import 1") {
					t.Errorf("%s: imported into it: %s", strings.Join(args, " "), out)
				}
				if after := filesIn(t, dir); after != before {
					t.Fatalf("%s changed what it refused:\nbefore:\n%.1000s\nafter:\n%.1000s", strings.Join(args, " "), before, after)
				}
			}
			if _, err := os.Lstat(filepath.Join(elsewhere, "copy.db")); err == nil {
				t.Error("backup of what is not a ledger wrote a copy")
			}
		})
	}
}

// TestLooseModesTightened: a ledger that others may read (0644, as a copy
// made with cp under umask 022 is) is made private when a command opens
// it, and the command says so.
func TestLooseModesTightened(t *testing.T) {
	l := newLedger(t)
	l.ok("import", fixture("native", "multi-platform.csv"))
	if err := os.Chmod(l.db, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := l.run("report", "income")
	if code != 0 || !strings.Contains(errOut, l.db+" was open to other users (mode 0644): now 0600") {
		t.Errorf("report on a 0644 ledger: exit %d, stderr %q; want a note that it is now 0600", code, errOut)
	}
	if st, err := os.Stat(l.db); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("ledger mode after a report: %v (%v), want 0600", st.Mode().Perm(), err)
	}
	if _, errOut, _ := l.run("report", "income"); strings.Contains(errOut, "open to other users") {
		t.Errorf("a private ledger got a note: %s", errOut)
	}
}

// otherUser is the user the read-only tests run creatorledger as when they
// run as root, whom file modes do not restrict: nobody.
const otherUser = 65534

// asUser runs the creatorledger binary with args as the test's user, or
// as otherUser when the test runs as root, and returns stdout, stderr and
// the exit status. wrap, when set, is a command line that runs it (as
// unshare does).
func asUser(t *testing.T, bin string, wrap []string, args ...string) (string, string, int) {
	t.Helper()
	argv := append(append(append([]string{}, wrap...), bin), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	home := filepath.Join(filepath.Dir(bin), "home") // the user's own, with no profiles
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "CREATORLEDGER_DB=")
	if os.Geteuid() == 0 && wrap == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: otherUser, Gid: otherUser}}
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return out.String(), errOut.String(), exit.ExitCode()
	case err != nil:
		t.Fatalf("%s: %v", strings.Join(argv, " "), err)
	}
	return out.String(), errOut.String(), 0
}

// readOnlySetup makes, in a directory that the user asUser runs as can
// use, a copy of the binary, two exports and a ledger with the first
// imported, owned by that user. It returns the directory of the ledger.
type roSetup struct {
	bin, dir, ledger, second, backups string
}

func readOnlySetup(t *testing.T) roSetup {
	t.Helper()
	top, err := os.MkdirTemp("", "creatorledger-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
		os.RemoveAll(top)
	})
	s := roSetup{bin: filepath.Join(top, "creatorledger"), dir: filepath.Join(top, "ledger"), backups: filepath.Join(top, "backups")}
	s.ledger = filepath.Join(s.dir, "ledger.db")
	s.second = filepath.Join(top, "quirks.csv")
	copyFile := func(from, to string, mode fs.FileMode) {
		data, err := os.ReadFile(from)
		if err == nil {
			err = os.WriteFile(to, data, mode)
		}
		if err == nil {
			err = os.Chmod(to, mode)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(top, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(top, "home"), 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(binary(t, "creatorledger"), s.bin, 0o755)
	copyFile(fixture("native", "multi-platform.csv"), filepath.Join(top, "multi-platform.csv"), 0o644)
	copyFile(fixture("native", "quirks.csv"), s.second, 0o644)
	for _, d := range []string{s.dir, s.backups} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if os.Geteuid() == 0 {
			if err := os.Chown(d, otherUser, otherUser); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, errOut, code := asUser(t, s.bin, nil, "--db", s.ledger, "import", filepath.Join(top, "multi-platform.csv")); code != 0 {
		if os.Geteuid() == 0 {
			t.Skipf("running as root, and cannot run creatorledger as uid %d, whom file modes restrict: %s", otherUser, errOut)
		}
		t.Fatalf("import: %s", errOut)
	}
	return s
}

// reads are the commands that must work on a read-only ledger.
var reads = [][]string{
	{"report", "income"},
	{"export", "--format", "csv"},
	{"imports", "list", "--format", "csv"},
	{"imports", "show", "1"},
	{"payouts", "pending", "--as-of", "2026-12-01"},
	{"payouts", "reconcile", "--as-of", "2026-12-01"},
	{"settings"},
	{"thresholds", "list", "--platform", "tiktok"},
	{"rates", "list"},
}

// writes are commands that must fail on one, before they change anything.
var writes = [][]string{
	{"import", "QUIRKS"},
	{"settings", "set", "country", "NL"},
	{"imports", "undo", "1"},
	{"payouts", "unmatch", "1"},
	{"init"},
}

// TestReadOnlyLedger: on a read-only file, directory or file system, the
// commands that read work and show what they show on the writable ledger,
// backup makes a copy that is a ledger; the commands that write fail with
// exit 1 and a message that names the read-only place; and none of them
// leaves a file beside the ledger (an earlier -shm of mode 0400 broke every
// later import), so once the ledger is writable again an import works.
func TestReadOnlyLedger(t *testing.T) {
	places := []struct {
		name  string
		place string // what the write's message must say
		// lock makes the ledger read-only and returns the command line
		// that runs creatorledger on it (nil: as asUser does) and the
		// function that makes it writable again.
		lock func(t *testing.T, s roSetup) (wrap []string, unlock func())
	}{
		{"file", "the file is not writable (mode 0400)", func(t *testing.T, s roSetup) ([]string, func()) {
			if err := os.Chmod(s.ledger, 0o400); err != nil {
				t.Fatal(err)
			}
			return nil, func() { os.Chmod(s.ledger, 0o600) }
		}},
		{"directory", "the directory DIR is not writable", func(t *testing.T, s roSetup) ([]string, func()) {
			if err := os.Chmod(s.dir, 0o555); err != nil {
				t.Fatal(err)
			}
			return nil, func() { os.Chmod(s.dir, 0o755) }
		}},
		{"file system", "the file system holding DIR is read-only", func(t *testing.T, s roSetup) ([]string, func()) {
			// A read-only bind mount of the ledger's directory over itself,
			// in a mount namespace of the command's own: root only.
			script := `mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"`
			wrap := []string{"unshare", "-m", "sh", "-c", script, "sh", s.dir}
			if os.Geteuid() != 0 {
				t.Skip("a read-only file system needs a mount, which needs root")
			}
			if out, err := exec.Command(wrap[0], append(wrap[1:], "touch", filepath.Join(s.dir, "probe"))...).CombinedOutput(); err == nil ||
				!strings.Contains(string(out), "Read-only file system") {
				t.Skipf("cannot make a read-only bind mount here (unshare -m, mount): %v %s", err, out)
			}
			return wrap, func() {}
		}},
	}
	for _, p := range places {
		t.Run(p.name, func(t *testing.T) {
			s := readOnlySetup(t)
			want := map[string]string{}
			for _, args := range reads {
				out, errOut, code := asUser(t, s.bin, nil, append([]string{"--db", s.ledger}, args...)...)
				if code != 0 {
					t.Fatalf("%s on the writable ledger: %s", strings.Join(args, " "), errOut)
				}
				want[strings.Join(args, " ")] = out
			}
			wrap, unlock := p.lock(t, s)
			before := filesIn(t, s.dir)
			for _, args := range reads {
				out, errOut, code := asUser(t, s.bin, wrap, append([]string{"--db", s.ledger}, args...)...)
				if code != 0 || out != want[strings.Join(args, " ")] {
					t.Errorf("%s on a read-only %s: exit %d\nstdout:\n%s\nwant:\n%s\nstderr: %s", strings.Join(args, " "), p.name, code, out, want[strings.Join(args, " ")], errOut)
				}
			}
			copy := filepath.Join(s.backups, "copy.db")
			if _, errOut, code := asUser(t, s.bin, wrap, "--db", s.ledger, "backup", copy); code != 0 {
				t.Errorf("backup of a read-only %s: exit %d: %s", p.name, code, errOut)
			} else if out, errOut, code := asUser(t, s.bin, wrap, "--db", copy, "report", "income"); code != 0 || out != want["report income"] {
				t.Errorf("report of the backup: exit %d\n%s\nwant:\n%s%s", code, out, want["report income"], errOut)
			}
			place := strings.ReplaceAll(p.place, "DIR", s.dir)
			for _, args := range writes {
				if args[0] == "import" {
					args = []string{"import", s.second}
				}
				out, errOut, code := asUser(t, s.bin, wrap, append([]string{"--db", s.ledger}, args...)...)
				if code != 1 || !strings.Contains(errOut, "read-only") || !strings.Contains(errOut, place) {
					t.Errorf("%s on a read-only %s: exit %d, want 1 and a message naming %q\nstdout: %s\nstderr: %s", strings.Join(args, " "), p.name, code, place, out, errOut)
				}
			}
			if after := filesIn(t, s.dir); after != before {
				t.Errorf("commands on a read-only %s changed its directory: now %s", p.name, dirNames(t, s.dir))
			}
			unlock()
			if _, errOut, code := asUser(t, s.bin, nil, "--db", s.ledger, "import", s.second); code != 0 {
				t.Errorf("import once the ledger is writable again: exit %d: %s", code, errOut)
			}
		})
	}
}

// dirNames lists the files in dir with their modes, for messages.
func dirNames(t *testing.T, dir string) string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, d := range des {
		if info, err := d.Info(); err == nil {
			ns = append(ns, d.Name()+" "+info.Mode().String())
		}
	}
	return strings.Join(ns, ", ")
}

// TestReadOnlyDirectoryWithALog: a ledger in a read-only directory whose
// write-ahead log still holds changes (a command was killed) cannot be read
// without a file SQLite would add beside it: the read says so, naming the
// log, instead of "unable to open database file"; once the directory is
// writable the changes in the log are there.
func TestReadOnlyDirectoryWithALog(t *testing.T) {
	s := readOnlySetup(t)
	// The files as a crash leaves them: the change only in the log.
	sdb, err := sql.Open("sqlite", s.ledger+"?_pragma=journal_mode(wal)&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.Exec(`INSERT INTO settings (key, value) VALUES ('country', 'NL')`); err != nil {
		t.Fatal(err)
	}
	crashed := map[string][]byte{}
	for _, p := range []string{s.ledger, s.ledger + "-wal"} {
		if crashed[p], err = os.ReadFile(p); err != nil {
			t.Fatal(err)
		}
	}
	sdb.Close()
	for p, data := range crashed {
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if os.Geteuid() == 0 {
			if err := os.Chown(p, otherUser, otherUser); err != nil {
				t.Fatal(err)
			}
		}
	}
	os.Remove(s.ledger + "-shm")
	if err := os.Chmod(s.dir, 0o555); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := asUser(t, s.bin, nil, "--db", s.ledger, "settings")
	if code != 1 || !strings.Contains(errOut, s.ledger+"-wal") || !strings.Contains(errOut, "open the ledger once where it can be written") {
		t.Errorf("settings: exit %d, want 1 and a message naming the log\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if err := os.Chmod(s.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := asUser(t, s.bin, nil, "--db", s.ledger, "settings"); code != 0 || !strings.Contains(out, "NL") {
		t.Errorf("settings once the directory is writable: exit %d, want the country from the log\n%s%s", code, out, errOut)
	}
}

// TestReadOnlyLedgerNeedsMigration: a read-only ledger that an older
// creatorledger wrote, whose schema this one would migrate, is not
// migrated and not read with the wrong schema: the command says that it
// needs a migration, and which.
func TestReadOnlyLedgerNeedsMigration(t *testing.T) {
	s := readOnlySetup(t)
	sdb, err := sql.Open("sqlite", s.ledger)
	if err != nil {
		t.Fatal(err)
	}
	var newest string
	err = sdb.QueryRow(`SELECT name FROM schema_migrations ORDER BY version DESC LIMIT 1`).Scan(&newest)
	if err == nil {
		_, err = sdb.Exec(`DELETE FROM schema_migrations WHERE name = ?`, newest)
	}
	sdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(s.ledger, 0o400); err != nil {
		t.Fatal(err)
	}
	before := filesIn(t, s.dir)
	out, errOut, code := asUser(t, s.bin, nil, "--db", s.ledger, "report", "income")
	if code != 1 || !strings.Contains(errOut, "needs a migration") || !strings.Contains(errOut, strings.TrimSuffix(newest, ".sql")) {
		t.Errorf("report on a read-only ledger that needs %s: exit %d\nstdout: %s\nstderr: %s", newest, code, out, errOut)
	}
	if after := filesIn(t, s.dir); after != before {
		t.Errorf("the refused read changed the ledger's directory: now %s", dirNames(t, s.dir))
	}
}
