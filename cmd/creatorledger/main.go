// Command creatorledger is a local ledger for content creators' income: it
// imports platform, affiliate, payment and bank exports into one SQLite
// file and reports what was earned, what is pending and what was paid.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"runtime/trace"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/sqlite"
)

func main() {
	// Imports stream and keep little in memory; a soft limit makes the
	// garbage collector keep the process small on large files (DESIGN.md:
	// under 100 MiB whatever the file size). GOMEMLIMIT overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(48 << 20)
	}
	// Below the limit the heap may grow to three times what is live
	// instead of twice: half as many collections, 4-10% less CPU for an
	// import, 5 MiB more at its peak. GOGC overrides it.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	// For developers: CREATORLEDGER_CPUPROFILE=FILE writes a pprof CPU
	// profile of the whole command, CREATORLEDGER_MEMPROFILE=FILE one of
	// what it allocated, CREATORLEDGER_TRACE=FILE an execution trace (go
	// tool trace: where the import's goroutines wait), see
	// docs/performance.md.
	stopProfile := startRecording("CREATORLEDGER_CPUPROFILE", pprof.StartCPUProfile, pprof.StopCPUProfile)
	stopTrace := startRecording("CREATORLEDGER_TRACE", trace.Start, trace.Stop)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	stopTrace()
	stopProfile()
	writeAllocProfile(os.Getenv("CREATORLEDGER_MEMPROFILE"))
	os.Exit(code)
}

// Exit statuses (DESIGN.md, CLI contract).
const (
	exitOK    = 0
	exitFail  = 1 // bad data, I/O
	exitUsage = 2 // the command line is wrong
)

// usageError marks an error in how the command was called.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// hinted is an error with a suggestion for what to do next.
type hinted struct {
	err  error
	hint string
}

func (h hinted) Error() string { return h.err.Error() }
func (h hinted) Unwrap() error { return h.err }

func withHint(err error, hint string) error { return hinted{err: err, hint: hint} }

// reported means the command already printed its errors (an import's row
// errors); run only sets the exit status.
var errReported = errors.New("errors reported")

// env is what every command needs beyond its flags.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// run is the whole program, minus the process: it parses args, runs the
// command, prints errors and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	app := newApp(e)
	args, moved := arrange(app.Flags, app.Commands, args)
	err := ambiguousFlags(args, moved, func(name string) bool {
		_, err := os.Lstat(name)
		return err == nil
	})
	if err == nil {
		err = unknownCommand(app, args)
	}
	if err == nil {
		ctx = sqlite.WithMigrationNotice(ctx, func(names []string) {
			fmt.Fprintf(stderr, "creatorledger: bringing the ledger up to this version (%s); a large ledger takes a while\n",
				strings.Join(names, ", "))
		})
		err = app.RunContext(ctx, args)
	}
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errReported) {
		return exitFail
	}
	fmt.Fprintf(stderr, "creatorledger: %s\n", errorText(err))
	var h hinted
	if errors.As(err, &h) && h.hint != "" {
		fmt.Fprintf(stderr, "try: %s\n", printable(h.hint))
	}
	var u usageError
	if errors.As(err, &u) {
		return exitUsage
	}
	return exitFail
}

func newApp(e *env) *cli.App {
	app := &cli.App{
		Name:  "creatorledger",
		Usage: "a local ledger for content creators' income",
		Description: `Import the monthly exports of your platforms, affiliate networks, shops and bank
into one private SQLite file, then see what you earned and what is still owed.

Every month:
   creatorledger import ~/Downloads/*.csv        add this month's exports
   creatorledger report income --by month        what did I earn?
   creatorledger imports list                    what has been imported

Try it on sample data first:
   creatorledger demo`,
		Version:              version(),
		Writer:               e.stdout,
		ErrWriter:            e.stderr,
		Reader:               e.stdin,
		EnableBashCompletion: true,
		Flags: []cli.Flag{
			&cli.StringFlag{
				Name:  "db",
				Usage: "ledger file (default $CREATORLEDGER_DB, else $XDG_DATA_HOME/creatorledger/ledger.db)",
			},
		},
		Commands: []*cli.Command{
			initCommand(e),
			settingsCommand(e),
			importCommand(e),
			importsCommand(e),
			sourcesCommand(e),
			reportCommand(e),
			payoutsCommand(e),
			thresholdsCommand(e),
			ratesCommand(e),
			exportCommand(e),
			checkCommand(e),
			backupCommand(e),
			demoCommand(e),
		},
		// urfave/cli would call os.Exit on errors; run decides instead.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return withHint(usageError{flagError(err, c.App.Flags)}, "creatorledger --help")
		},
	}
	usageErrors(app.Commands, "creatorledger")
	app.Action = func(c *cli.Context) error {
		if c.Args().Present() {
			return withHint(usagef("unknown command %q", c.Args().First()), "creatorledger --help")
		}
		return cli.ShowAppHelp(c)
	}
	return app
}

// usageErrors makes a flag error of every command and subcommand (an
// unknown flag, a value that is not a number) a usage error, exit 2, as
// the app's own are: one line on stderr and a hint, nothing on stdout.
// A usage error a command returns without a hint gets the command's help
// as its hint. path is the command line up to cmds.
func usageErrors(cmds []*cli.Command, path string) {
	for _, c := range cmds {
		at := path + " " + c.Name
		if c.OnUsageError == nil {
			c.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
				return withHint(usageError{flagError(err, c.Flags)}, at+" --help")
			}
		}
		if action := c.Action; action != nil {
			c.Action = func(ctx *cli.Context) error {
				err := action(ctx)
				var u usageError
				var h hinted
				if errors.As(err, &u) && !errors.As(err, &h) {
					return withHint(err, at+" --help")
				}
				return err
			}
		}
		usageErrors(c.Subcommands, at)
	}
}

// dbPath resolves the ledger file: --db, $CREATORLEDGER_DB, then
// $XDG_DATA_HOME/creatorledger/ledger.db (~/.local/share/… by default).
func dbPath(c *cli.Context) (string, error) {
	if p := c.String("db"); p != "" {
		return p, nil
	}
	if p := os.Getenv("CREATORLEDGER_DB"); p != "" {
		return p, nil
	}
	data := os.Getenv("XDG_DATA_HOME")
	if data == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", withHint(fmt.Errorf("cannot find a place for the ledger: %w", err), "creatorledger --db PATH ...")
		}
		data = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(data, "creatorledger", "ledger.db"), nil
}

// openLedger opens the existing ledger, with a hint when there is none or
// the file is not a ledger. A command that only reads (readsOnly) opens a
// ledger that cannot be written where it is read-only; any other command
// is refused before it starts, with the read-only place named. What Open
// did about the files' permissions is said on stderr.
func openLedger(c *cli.Context) (ledger.Store, error) {
	path, err := dbPath(c)
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(c.Context, path)
	if errors.Is(err, ledger.ErrReadOnly) && readsOnly(c) {
		db, err = sqlite.OpenReadOnly(c.Context, path)
	}
	switch {
	case errors.Is(err, ledger.ErrNoLedger):
		return nil, withHint(fmt.Errorf("no ledger at %s", path), "creatorledger init   (or creatorledger import FILE..., which creates it)")
	case errors.Is(err, ledger.ErrNotLedger):
		return nil, withHint(fmt.Errorf("%w; nothing was changed", err), "creatorledger --db PATH ...   (PATH: your ledger, or a new file)")
	case errors.Is(err, ledger.ErrReadOnly):
		return nil, withHint(fmt.Errorf("%w; nothing was changed", err),
			"make it writable, or work on a copy: creatorledger --db "+path+" backup COPY.db")
	case errors.Is(err, ledger.ErrNeedsMigration):
		return nil, withHint(fmt.Errorf("%w; nothing was changed", err),
			"open it once where it can be written, or read it with the creatorledger that wrote it")
	case err != nil:
		return nil, err
	}
	for _, m := range db.ModeNotes() {
		if m.Tightened {
			fmt.Fprintf(c.App.ErrWriter, "creatorledger: %s was open to other users (mode %04o): now %04o\n", m.Path, m.Was, m.Was&^0o077)
		} else {
			fmt.Fprintf(c.App.ErrWriter, "creatorledger: warning: %s is open to other users (mode %04o), and stays so: %v\ntry: chmod go-rwx %s\n", m.Path, m.Was, m.Err, m.Path)
		}
	}
	return db, nil
}

// readsOnly reports whether the running command only reads the ledger,
// and so can work on one that cannot be written.
func readsOnly(c *cli.Context) bool {
	var names []string // the command line's commands, the app's own first
	for _, l := range c.Lineage() {
		if l.Command != nil {
			names = append([]string{l.Command.Name}, names...)
		}
	}
	if len(names) < 2 {
		return false
	}
	switch cmd := strings.Join(names[1:], " "); {
	case names[1] == "report":
		return true
	case cmd == "export", cmd == "backup", cmd == "check", cmd == "imports list", cmd == "imports show",
		cmd == "payouts pending", cmd == "payouts list", cmd == "payouts reconcile", cmd == "settings", cmd == "thresholds list", cmd == "rates list":
		return true
	}
	return false
}

// noArgs rejects stray positional arguments.
func noArgs(c *cli.Context) error {
	if c.Args().Present() {
		return usagef("%s takes no arguments, got %q", c.Command.FullName(), strings.Join(c.Args().Slice(), " "))
	}
	return nil
}

// flagsFirst moves each command's flags in front of its positional
// arguments, so that "imports show 3 --format csv" and "import a.csv
// --dry-run" work: urfave/cli v2, like the flag package, stops parsing flags
// at the first positional argument. Everything after "--" is an argument,
// whatever it looks like.
func flagsFirst(flags []cli.Flag, cmds []*cli.Command, args []string) []string {
	out, _ := arrange(flags, cmds, args)
	return out
}

// arrange is flagsFirst; it also returns the flags it moved in front of
// arguments (ambiguousFlags checks them).
func arrange(flags []cli.Flag, cmds []*cli.Command, args []string) (out, moved []string) {
	if len(args) == 0 {
		return args, nil
	}
	out = []string{args[0]}
	rest := args[1:]
level:
	for {
		var lead, positional []string
		i := 0
		for ; i < len(rest); i++ {
			a := rest[i]
			if a == "--" {
				break
			}
			if len(a) > 1 && a[0] == '-' {
				if len(positional) > 0 {
					moved = append(moved, a)
				}
				lead = append(lead, a)
				if !strings.Contains(a, "=") && takesValue(flags, strings.TrimLeft(a, "-")) && i+1 < len(rest) {
					i++
					lead = append(lead, rest[i])
				}
				continue
			}
			if len(positional) == 0 {
				if cmd := findCommand(cmds, a); cmd != nil {
					// Flags seen so far belong to this level; descend.
					out = append(append(out, lead...), a)
					flags, cmds, rest = cmd.Flags, cmd.Subcommands, rest[i+1:]
					continue level
				}
			}
			positional = append(positional, a)
		}
		out = append(out, lead...)
		if i < len(rest) && len(positional) > 0 {
			// "import a.csv -- -n.csv": the "--" goes in front of the
			// arguments, where the flag parser stops at it.
			out = append(append(out, "--"), positional...)
			return append(out, rest[i+1:]...), moved
		}
		out = append(out, positional...)
		return append(out, rest[i:]...), moved
	}
}

// ambiguousFlags refuses a flag that came after arguments (and so was
// moved in front of them) when a file of that name exists: "import *.csv
// -n" in a folder with a file named -n could mean either, and a dry run
// that imports, or an import that does not, is worse than asking.
func ambiguousFlags(args, moved []string, exists func(string) bool) error {
	for _, a := range moved {
		name, _, _ := strings.Cut(a, "=")
		if exists(a) || exists(name) {
			return withHint(usagef("%s after the arguments is both a flag and a file here: which is meant?", printable(a)),
				"flags before the arguments, and after \"--\" every word is an argument: creatorledger import --dry-run -- a.csv ./"+printable(a))
		}
	}
	return nil
}

func takesValue(flags []cli.Flag, name string) bool {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				_, isBool := f.(*cli.BoolFlag)
				return !isBool
			}
		}
	}
	return false
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// writeAllocProfile writes the allocations of the whole command to path.
func writeAllocProfile(path string) {
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "creatorledger: CREATORLEDGER_MEMPROFILE: %v\n", err)
	}
}

// startRecording starts a CPU profile or an execution trace (start) into
// the file the environment variable env names, when it is set, and returns
// the function that finishes it (stop, then closing the file). One that
// cannot start is reported, and the command runs without it.
func startRecording(env string, start func(io.Writer) error, stop func()) (finish func()) {
	path := os.Getenv(env)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = start(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "creatorledger: %s: %v\n", env, err)
		return func() {}
	}
	return func() {
		stop()
		f.Close()
	}
}
