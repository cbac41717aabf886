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

Examples:
   creatorledger imports list
   creatorledger imports list --format csv`,
				Flags: []cli.Flag{formatFlag(formatTable, formatCSV, formatJSON)},
				Action: func(c *cli.Context) error {
					return importsList(c, e)
				},
			},
			{
				Name:      "show",
				Usage:     "show one import and the entries it wrote, with their original rows",
				ArgsUsage: "ID",
				Description: `Examples:
   creatorledger imports show 3
   creatorledger imports show 3 --format json`,
				Flags: []cli.Flag{formatFlag(formatTable, formatCSV, formatJSON)},
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
		{"id", countCell}, {"file", textCell}, {"source", textCell}, {"sha256", textCell}, {"imported_at", textCell},
		{"rows", countCell}, {"new", countCell}, {"duplicates", countCell}, {"updated", countCell},
	}}
	for _, im := range ims {
		sha := im.SHA256
		if format == formatTable {
			sha = sha[:12]
		}
		t.add(strconv.FormatInt(im.ID, 10), im.File, im.Source, sha, im.ImportedAt.UTC().Format(time.RFC3339),
			itoa(im.Rows), itoa(im.New), itoa(im.Duplicates), itoa(im.Updated))
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
	t := streamTable(e.stdout, format, []column{
		{"line", countCell}, {"date", textCell}, {"platform", textCell}, {"program", textCell}, {"kind", textCell},
		{"amount", amountCell}, {"currency", textCell}, {"status", textCell}, {"external_id", textCell}, {"row", textCell},
	})
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
