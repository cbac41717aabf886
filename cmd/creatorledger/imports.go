package main

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

func importsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "imports",
		Usage: "list, inspect or undo past imports",
		Description: `Every imported file is recorded with its SHA-256, source and counts, and every entry
remembers the import and line it came from.

Examples:
   creatorledger imports list
   creatorledger imports show 3
   creatorledger imports undo 3`,
		Subcommands: []*cli.Command{
			{
				Name:  "list",
				Usage: "list every import, oldest first",
				Description: `Columns: id, file, source, sha256, imported_at, rows, new, duplicates, updated.
To fit 100 columns the table shows the day of each import (in your time zone) and not its
SHA-256 (imports show has both), and cuts long file names in the middle; --wide shows every
column whole.

Examples:
   creatorledger imports list
   creatorledger imports list --wide
   creatorledger imports list --format csv`,
				Flags: []cli.Flag{formatFlag(formatTable, formatCSV, formatJSON), wideFlag()},
				Action: func(c *cli.Context) error {
					return importsList(c, e)
				},
			},
			{
				Name:      "show",
				Usage:     "show one import and the entries it wrote, with their original rows",
				ArgsUsage: "ID",
				Description: `The table shows each entry's original row on a line of its own under it, cut to fit
100 columns; --wide shows it whole at the end of the entry's line.

Examples:
   creatorledger imports show 3
   creatorledger imports show 3 --wide
   creatorledger imports show 3 --format json`,
				Flags: []cli.Flag{formatFlag(formatTable, formatCSV, formatJSON), wideFlag()},
				Action: func(c *cli.Context) error {
					return importsShow(c, e)
				},
			},
			{
				Name:      "undo",
				Usage:     "remove everything one import did",
				ArgsUsage: "ID",
				Description: `The ledger becomes what it would be had the file never been imported: an entry
belongs to every import whose file holds it, so entries that no other import holds are removed,
and an entry that another import holds too stays, with the version of the latest import that
holds it. Any import can be undone, in any order.

Example:
   creatorledger imports undo 3`,
				Action: func(c *cli.Context) error {
					return importsUndo(c, e)
				},
			},
		},
	}
}

func importID(c *cli.Context) (int64, error) {
	if c.NArg() != 1 {
		return 0, withHint(usagef("%s needs one import ID", c.Command.FullName()), "creatorledger imports list")
	}
	id, err := strconv.ParseInt(c.Args().First(), 10, 64)
	if err != nil || id <= 0 {
		return 0, withHint(usagef("%q is not an import ID", c.Args().First()), "creatorledger imports list")
	}
	return id, nil
}

func importsList(c *cli.Context, e *env) error {
	if err := noArgs(c); err != nil {
		return err
	}
	format, err := outputFormat(c, formatTable, formatCSV, formatJSON)
	if err != nil {
		return err
	}
	db, err := openLedger(c)
	if err != nil {
		return err
	}
	defer db.Close()
	ims, err := db.Imports(c.Context)
	if err != nil {
		return err
	}
	t := &table{cols: []column{
		{"id", countCell}, {"file", nameCell}, {"source", labelCell}, {"sha256", wordCell}, {"imported_at", wordCell},
		{"rows", countCell}, {"new", countCell}, {"duplicates", countCell}, {"updated", countCell},
	}}
	t.widen(c)
	for _, im := range ims {
		t.add(strconv.FormatInt(im.ID, 10), im.File, im.Source, im.SHA256, im.ImportedAt.UTC().Format(time.RFC3339),
			itoa(im.Rows), itoa(im.New), itoa(im.Duplicates), itoa(im.Updated))
	}
	if format == formatTable && !t.wide {
		// The day, and no SHA-256: imports show has both.
		for i, im := range ims {
			t.rows[i][4] = im.ImportedAt.Local().Format(ledger.DateLayout)
		}
		t = t.only("id", "file", "source", "imported_at", "rows", "new", "duplicates", "updated").rename("imported_at", "imported")
	}
	return t.render(e.stdout, format)
}

func importsShow(c *cli.Context, e *env) error {
	id, err := importID(c)
	if err != nil {
		return err
	}
	format, err := outputFormat(c, formatTable, formatCSV, formatJSON)
	if err != nil {
		return err
	}
	db, err := openLedger(c)
	if err != nil {
		return err
	}
	defer db.Close()
	im, err := db.Import(c.Context, id)
	if errors.Is(err, ledger.ErrNotFound) {
		return withHint(fmt.Errorf("there is no import %d", id), "creatorledger imports list")
	}
	if err != nil {
		return err
	}
	if format == formatTable {
		fmt.Fprintf(e.stdout, "import %d: %s (%s)\nsha256: %s\nimported: %s\n%s\n\n", im.ID, printable(im.File), im.Source, im.SHA256,
			im.ImportedAt.Local().Format("2006-01-02 15:04:05"), summary(im.Counts))
	}
	cols := []column{
		{"line", countCell}, {"date", wordCell}, {"platform", labelCell}, {"program", labelCell}, {"kind", wordCell},
		{"amount", amountCell}, {"currency", wordCell}, {"status", wordCell}, {"external_id", nameCell}, {"row", textCell},
	}
	if format == formatTable {
		cols[6].name = "cur" // the codes are three letters
	}
	t := streamTable(e.stdout, format, cols).widen(c)
	t.under = "row"
	err = db.Entries(c.Context, ledger.EntryFilter{ImportID: id, WithRaw: true}, func(en *ledger.Entry) error {
		line, raw := itoa(en.Line), en.Raw
		if en.ImportID != id {
			line, raw = "", fmt.Sprintf("(since updated by import %d, line %d) %s", en.ImportID, en.Line, en.Raw)
		}
		t.add(line, en.Date.Format(ledger.DateLayout), en.Platform, en.Program, string(en.Kind),
			ledger.FormatAmount(en.Amount, en.Currency), en.Currency, string(en.Status), en.ExternalID, raw)
		return nil
	})
	if err != nil {
		return err
	}
	return t.render(e.stdout, format)
}

func importsUndo(c *cli.Context, e *env) error {
	id, err := importID(c)
	if err != nil {
		return err
	}
	db, err := openLedger(c)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.Undo(c.Context, id)
	switch {
	case errors.Is(err, ledger.ErrNotFound):
		return withHint(fmt.Errorf("there is no import %d", id), "creatorledger imports list")
	case errors.Is(err, ledger.ErrUndoBlocked):
		return withHint(err, "creatorledger imports list   (undo the later import first)")
	case err != nil:
		return err
	}
	fmt.Fprintf(e.stdout, "undid import %d (%s): removed %d new entries, restored %d updated ones",
		u.ID, printable(u.File), u.Removed, u.Restored)
	if u.Kept > 0 {
		fmt.Fprintf(e.stdout, "; %d of its entries stay, held by other imports", u.Kept)
	}
	fmt.Fprintln(e.stdout)
	return reconcileAfterImport(c.Context, db, e.stdout)
}
