package main

import (
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// Issue 13, item 9: --version, usage errors as one line and a hint, "did
// you mean" for a mistyped command or flag.

func TestVersion(t *testing.T) {
	l := newLedger(t)
	out := l.ok("--version")
	// go test records no commit: the line says so instead of inventing one.
	if !strings.HasPrefix(out, "creatorledger version ") || !strings.Contains(out, "commit ") || !strings.Contains(out, "go1.") ||
		strings.Count(out, "\n") != 1 {
		t.Errorf("--version: %q", out)
	}
}

// commandPaths lists every command and subcommand of the app as the words
// that run it.
func commandPaths(cmds []*cli.Command, prefix []string) [][]string {
	var out [][]string
	for _, c := range cmds {
		p := append(append([]string{}, prefix...), c.Name)
		out = append(out, p)
		out = append(out, commandPaths(c.Subcommands, p)...)
	}
	return out
}

// Every command's flag errors are usage errors: exit 2, nothing on
// stdout (urfave/cli prints "Incorrect Usage" and the help there), one
// line on stderr in the form the flag is typed, and a hint that names the
// whole command.
func TestFlagErrorsOneLine(t *testing.T) {
	l := newLedger(t)
	l.ok("init")
	paths := commandPaths(newApp(&env{}).Commands, nil)
	if len(paths) < 20 {
		t.Fatalf("only %d commands", len(paths))
	}
	paths = append(paths, nil) // the app itself
	for _, p := range paths {
		out, errOut, code := l.run(append(p, "--no-such-flag")...)
		at := strings.TrimSpace("creatorledger " + strings.Join(p, " "))
		want := "creatorledger: unknown flag --no-such-flag\ntry: " + at + " --help\n"
		if code != 2 || out != "" || errOut != want {
			t.Errorf("%v --no-such-flag: exit %d\nstdout %q\nstderr %q\nwant   %q", p, code, out, errOut, want)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "--dryrun", "x.csv"}, "creatorledger: unknown flag --dryrun; did you mean --dry-run?\ntry: creatorledger import --help\n"},
		{[]string{"report", "income", "--from"}, "creatorledger: flag --from needs a value\ntry: creatorledger report income --help\n"},
		{[]string{"report", "rpm", "--items=maybe"}, "creatorledger: invalid boolean value \"maybe\" for --items: parse error\ntry: creatorledger report rpm --help\n"},
		{[]string{"report", "income", "--by", "week"}, "creatorledger: --by \"week\": want month, quarter or year\ntry: creatorledger report income --help\n"},
		{[]string{"--db"}, "creatorledger: flag --db needs a value\ntry: creatorledger --help\n"},
	} {
		out, errOut, code := l.run(c.args...)
		if code != 2 || out != "" || errOut != c.want {
			t.Errorf("%v: exit %d\nstdout %q\nstderr %q\nwant   %q", c.args, code, out, errOut, c.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	l := newLedger(t)
	l.ok("init")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"improt", "a.csv"}, "creatorledger: unknown command \"improt\"; did you mean import?\ntry: creatorledger --help\n"},
		{[]string{"report", "incme"}, "creatorledger: unknown command \"report incme\"; did you mean report income?\ntry: creatorledger report --help\n"},
		{[]string{"imports", "lst"}, "creatorledger: unknown command \"imports lst\"; did you mean imports list?\ntry: creatorledger imports --help\n"},
		{[]string{"thresholds", "st", "x"}, "creatorledger: unknown command \"thresholds st\"; did you mean thresholds set?\ntry: creatorledger thresholds --help\n"},
		{[]string{"help", "reprot"}, "creatorledger: unknown command \"reprot\"; did you mean report?\ntry: creatorledger --help\n"},
		{[]string{"bogus"}, "creatorledger: unknown command \"bogus\"\ntry: creatorledger --help\n"},
	} {
		out, errOut, code := l.run(c.args...)
		if code != 2 || out != "" || errOut != c.want {
			t.Errorf("%v: exit %d\nstdout %q\nstderr %q\nwant   %q", c.args, code, out, errOut, c.want)
		}
	}
	// Help still works, at every level.
	if out := l.ok("help", "report"); !strings.Contains(out, "creatorledger report") {
		t.Errorf("help report: %s", out)
	}
	if out := l.ok("report", "help", "income"); !strings.Contains(out, "--by") {
		t.Errorf("report help income: %s", out)
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"import", "imports", "init", "report", "export", "backup"}
	for typed, want := range map[string]string{
		"improt": "import", "imprt": "import", "inti": "init", "rep": "report", "bakcup": "backup",
		"xyz": "", "import": "", "e": "", "exprot": "export",
	} {
		if got := suggest(typed, names); got != want {
			t.Errorf("suggest(%q) = %q, want %q", typed, got, want)
		}
	}
}
