package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/importers"
	"github.com/creatorledger/creatorledger/ledger"
	"github.com/creatorledger/creatorledger/ledger/sqlite"
)

func importCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "import exported CSV files into the ledger",
		ArgsUsage: "FILE...|-",
		Description: `Reads each file, recognises its source by the header (see: creatorledger sources),
and adds its entries. Each file is imported whole or not at all: a file with bad rows
is refused with every problem listed as file:line:column: field: problem.

Entries the ledger already has are recognised and skipped; entries whose amount or
status changed (an estimate that became final) are updated, keeping the old version.
Importing the same file twice does nothing. Creates the ledger if there is none, once a
file imports: a first import whose files are all refused leaves no ledger behind.

A CSV of any other layout can be read with a profile: a small rules file that maps its
columns (see docs/profiles.md). Dates that could be day-first or month-first are
inferred from the whole file; when the file cannot tell, pass --date-format.

FILE - is standard input (recorded as <stdin>), and a FIFO such as <(cmd) is read
like a file; one that gives nothing within 30 seconds is given up. A file with a
header and no rows imports nothing and says so (exit status 0). A file whose name
starts with - goes after --, where every word is a file.

Examples:
   creatorledger import ~/Downloads/*.csv
   creatorledger import ~/Downloads/"Content 2026-09-01_2026-09-30 My Channel.zip"   YouTube Studio, as it comes
   creatorledger import --period 2026-09 "Table data.csv"
   creatorledger import --dry-run tiktok-2026-09.csv
   creatorledger import --as native hand-written-entries.csv
   creatorledger import --profile my-network.profile my-network-2026-09.csv
   creatorledger import --date-format dd/mm/yyyy paypal-2026.csv
   unzip -p exports.zip kofi.csv | creatorledger import -
   creatorledger import -- -odd-name.csv`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "as", Usage: "read every file as `SOURCE` instead of detecting it (see: creatorledger sources)"},
			&cli.StringFlag{Name: "profile", Usage: "read every file with the profile in `FILE` (docs/profiles.md)"},
			&cli.StringFlag{Name: "date-format", Usage: "dates are written as `PATTERN`, e.g. dd/mm/yyyy, m/d/yyyy, yyyymmdd"},
			&cli.StringFlag{Name: "period", Usage: "the files cover `FROM_TO` (2026-09-01_2026-09-30, or 2026-09), for exports dated by their file name whose name has no period"},
			&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "show what would be imported without writing anything (several files: each as if the ones before it were imported, on a temporary copy of the ledger)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return withHint(usagef("import needs at least one FILE"), "creatorledger import ~/Downloads/*.csv")
			}
			reg, err := userRegistry()
			if err != nil {
				return err
			}
			var as importers.Importer
			switch name, profile := c.String("as"), c.String("profile"); {
			case name != "" && profile != "":
				return usagef("use --as or --profile, not both")
			case name != "":
				imp, err := reg.ByName(name)
				if err != nil {
					return withHint(usageError{err}, "creatorledger sources")
				}
				as = imp
			case profile != "":
				imp, err := loadProfile(profile)
				if err != nil {
					return err
				}
				as = imp
			}
			if f := c.String("date-format"); f != "" {
				if _, err := importers.DateLayout(f); err != nil {
					return usageError{err}
				}
			}
			ins, err := openInputs(c.Context, e, c.Args().Slice(), inputWait)
			if err != nil {
				return err
			}
			defer removeInputs(ins)
			path, err := dbPath(c)
			if err != nil {
				return err
			}
			period := c.String("period")
			if period != "" && !validPeriod(period) {
				return withHint(usagef("--period %q: want FROM_TO such as 2026-09-01_2026-09-30, or a month such as 2026-09", period),
					"creatorledger import --period 2026-09-01_2026-09-30 \"Table data.csv\"")
			}
			scratch := false // a dry run that commits into a scratch copy
			importAll := func(db ledger.Store) (failed int) {
				for _, in := range ins {
					opts := importOptions{reg: reg, as: as, dateFormat: c.String("date-format"), dryRun: c.Bool("dry-run"), scratch: scratch,
						period: period, progress: progressFor(e.stderr)}
					err := in.err
					if err == nil && isZip(in.path) {
						err = importZip(c.Context, db, in.path, opts, e)
					} else if err == nil {
						err = in.restore(importFile(c.Context, db, in.path, opts, e.stdout))
					}
					if err != nil {
						failed++
						if !errors.Is(err, errReported) { // an archive's members say so themselves
							reportImportError(e.stderr, in.arg, err)
						}
					}
				}
				if !c.Bool("dry-run") && failed < len(ins) {
					if err := reconcileAfterImport(c.Context, db, e.stdout); err != nil {
						fmt.Fprintf(e.stderr, "creatorledger: the files are imported, but reconciling them failed: %s\n", errorText(err))
						failed++
					}
				}
				return failed
			}
			if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) { // a dangling symlink is not a missing ledger (sqlite.Create)
				if !c.Bool("dry-run") {
					return importIntoNewLedger(c.Context, e, path, importAll)
				}
				// Nothing to compare against: try the files on a scratch ledger.
				dir, err := os.MkdirTemp("", "creatorledger-dry-run-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				path = filepath.Join(dir, "ledger.db")
			}
			created, err := sqlite.Create(c.Context, path)
			if err != nil {
				return err
			}
			defer created.Close()
			var db ledger.Store = created
			if !c.Bool("dry-run") {
				if err := guardLedger(c.Context, db); err != nil {
					return err
				}
			}
			if c.Bool("dry-run") && c.NArg() > 1 {
				// Each file as if the ones before it had been imported:
				// they are, into a copy of the ledger that goes away.
				if db, err = scratchCopy(c.Context, db); err != nil {
					return err
				}
				defer os.RemoveAll(filepath.Dir(db.Path()))
				defer db.Close()
				scratch = true
			}
			if importAll(db) > 0 {
				return errReported
			}
			return nil
		},
	}
}

type importOptions struct {
	reg        importers.Registry // the sources detection tries
	as         importers.Importer // nil: detect
	dateFormat string             // --date-format pattern, "" for the source's own
	dryRun     bool
	// scratch, with dryRun: commit, into a scratch copy of the ledger, so
	// that later files see this one.
	scratch bool
	// name is what the import is recorded as and sources dated by their
	// file name read the period from ("" for sourceName's); period is
	// --period.
	name, period string
	progress     func(file string, done, total int64, rows int) // nil: none
}

// scratchCopy closes db and returns a copy of it in a new temporary
// directory, for a dry run of several files (the caller removes the
// directory).
func scratchCopy(ctx context.Context, db ledger.Store) (ledger.Store, error) {
	dir, err := os.MkdirTemp("", "creatorledger-dry-run-")
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "ledger.db")
	err = db.Backup(ctx, path)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("dry run: copy the ledger: %w", err)
	}
	copied, err := sqlite.Open(ctx, path)
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("dry run: %w", err)
	}
	return copied, nil
}

// importFile imports one file as one transaction and prints its summary.
func importFile(ctx context.Context, db ledger.Store, file string, opts importOptions, out io.Writer) error {
	name := opts.name
	if name == "" {
		name = sourceName(file, opts.period)
	}
	f, err := os.Open(file)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return pe.Err // reportImportError names the file
		}
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%s is a directory", file)
	}
	imp := opts.as
	var src *importers.Source
	if imp != nil {
		src, err = importers.NewSourceFor(name, f, imp)
	} else {
		src, err = importers.NewSource(name, f)
	}
	if err != nil {
		return err
	}
	if imp == nil && importers.IsECBRates(src.Header()) {
		// ECB reference rates: rates for conversions, not entries.
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		return importRatesFrom(ctx, db, name, f, out, opts.dryRun && !opts.scratch)
	}
	if imp == nil {
		if imp, err = opts.reg.Detect(src.Header()); err != nil {
			return withHint(err, "creatorledger import --as SOURCE "+file+"   (see: creatorledger sources)")
		}
	}
	if imp, err = prepare(imp, file, name, opts.dateFormat); err != nil {
		return err
	}
	// The file's digest says whether the ledger has it already; the import
	// computes it while it runs and stops as soon as it is known.
	tx, err := db.BeginImportSession(ctx, name, imp.Name(), f, st.Size())
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var lastProgress time.Time
	var accounts statementAccounts
	err = importers.Run(imp, src, func(e ledger.Entry, rounded bool) error {
		if src.ChecksBalances() { // a statement: which account each currency's balance is
			accounts.see(&e)
		}
		if opts.progress != nil && tx.Counts().Rows%4096 == 0 && time.Since(lastProgress) > 200*time.Millisecond {
			lastProgress = time.Now()
			opts.progress(name, src.Offset(), st.Size(), tx.Counts().Rows)
		}
		return tx.AddValid(ctx, e, rounded) // importers.Run validated e
	})
	if opts.progress != nil && !lastProgress.IsZero() {
		opts.progress("", 0, 0, 0) // clear the progress line
	}
	var wrong *importers.WrongReportError
	var already *ledger.AlreadyImportedError
	if errors.As(err, &already) {
		alreadyImported(out, name, already.Prev)
		return nil
	}
	if errors.As(err, &wrong) {
		return withHint(err, "creatorledger import FILE   (FILE: "+wrong.Instead+")")
	}
	if err != nil {
		return err
	}
	if tx.Counts().Rows == 0 {
		// A header without rows: nothing to record, and no empty import
		// that would make the same file "already imported" later.
		fmt.Fprintf(out, "%s (%s): no rows after the header: nothing to import\n", printable(name), imp.Name())
		return nil
	}
	tx.SetStatementBalances(accounts.balances(src.Statement()))
	var rec ledger.Import
	verb := "would import"
	if opts.dryRun && !opts.scratch {
		rec, err = tx.DryRun(ctx)
	} else {
		rec, err = tx.Commit(ctx)
	}
	if errors.As(err, &already) {
		alreadyImported(out, name, already.Prev)
		return nil
	}
	if err != nil {
		return err
	}
	if !opts.dryRun {
		verb = fmt.Sprintf("import %d:", rec.ID)
	}
	fmt.Fprintf(out, "%s (%s): %s %s\n", printable(name), imp.Name(), verb, summary(rec.Counts))
	if opts.dryRun {
		t := &table{cols: []column{{"platform", textCell}, {"program", textCell}, {"kind", textCell},
			{"rows", countCell}, {"new", countCell}, {"duplicates", countCell}, {"updated", countCell}}}
		for _, g := range tx.Groups() {
			t.add(g.Platform, g.Program, string(g.Kind), itoa(g.Rows), itoa(g.New), itoa(g.Duplicates), itoa(g.Updated))
		}
		t.max = tableWidth - 2 // indented
		if err := t.renderTable(indent{out}); err != nil {
			return err
		}
	}
	return nil
}

// indent writes each line with two spaces in front.
type indent struct{ w io.Writer }

func (i indent) Write(p []byte) (int, error) {
	s := "  " + strings.ReplaceAll(strings.TrimSuffix(string(p), "\n"), "\n", "\n  ") + "\n"
	if _, err := io.WriteString(i.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}

// alreadyImported says the file is in the ledger already.
func alreadyImported(out io.Writer, name string, prev ledger.Import) {
	fmt.Fprintf(out, "%s: already imported as import %d (%s, %s): nothing to do\n",
		printable(name), prev.ID, printable(prev.File), prev.ImportedAt.Local().Format("2006-01-02 15:04"))
}

// prepare readies the importer for this file: the --date-format override,
// or a first pass over the dates when they may be day- or month-first.
func prepare(imp importers.Importer, file, name, dateFormat string) (importers.Importer, error) {
	var second *os.File
	defer func() {
		if second != nil {
			second.Close()
		}
	}()
	reopen := func() (*importers.Source, error) {
		var err error
		if second, err = os.Open(file); err != nil {
			return nil, err
		}
		return importers.NewSourceFor(name, second, imp)
	}
	prepared, err := importers.Prepare(imp, dateFormat, reopen)
	if errors.Is(err, importers.ErrDateOrder) {
		return nil, withHint(err, "creatorledger import --date-format dd/mm/yyyy "+file+"   (or m/d/yyyy)")
	}
	return prepared, err
}

// loadProfile reads a user's profile file.
func loadProfile(path string) (importers.Importer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usageError{fmt.Errorf("--profile: %w", err)}
	}
	defer f.Close()
	imp, err := importers.LoadProfile(filepath.Base(path), f)
	if err != nil {
		return nil, withHint(fmt.Errorf("profile %s:\n%w", path, err), "see docs/profiles.md for the profile format")
	}
	return imp, nil
}

func summary(c ledger.Counts) string {
	s := fmt.Sprintf("%d rows: %d new, %d duplicates, %d updated", c.Rows, c.New, c.Duplicates, c.Updated)
	switch {
	case c.Rounded == 1:
		s += " (1 amount rounded to 6 decimals)"
	case c.Rounded > 1:
		s += fmt.Sprintf(" (%d amounts rounded to 6 decimals)", c.Rounded)
	}
	return s
}

// reportImportError prints why a file was not imported.
func reportImportError(w io.Writer, file string, err error) {
	err = explainFault(err) // a full disk, a damaged ledger
	file = printable(file)
	var list importers.ErrorList
	if errors.As(err, &list) {
		for _, fe := range list {
			fmt.Fprintln(w, printable(fe.Error()))
		}
		more := ""
		if list.Truncated() {
			more = fmt.Sprintf(" (stopped after %d)", importers.MaxErrors)
		}
		noun := "errors"
		if len(list) == 1 {
			noun = "error"
		}
		fmt.Fprintf(w, "creatorledger: %s: %d %s%s; nothing imported from this file\n", file, len(list), noun, more)
		return
	}
	fmt.Fprintf(w, "creatorledger: %s: %s; nothing imported from this file\n", file, errorText(err))
	var h hinted
	if errors.As(err, &h) && h.hint != "" {
		fmt.Fprintf(w, "try: %s\n", printable(h.hint))
	}
}

// progressFor returns a progress printer when w is a terminal, else nil.
func progressFor(w io.Writer) func(file string, done, total int64, rows int) {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return func(file string, done, total int64, rows int) {
		if file == "" {
			fmt.Fprint(w, "\r\033[K")
			return
		}
		pct := 100.0
		if total > 0 {
			pct = float64(min(done, total)) * 100 / float64(total)
		}
		fmt.Fprintf(w, "\r\033[K%s: %3.0f%%  %s rows", file, pct, ledger.GroupThousands(itoa(rows)))
	}
}
