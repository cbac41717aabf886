package main

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/urfave/cli/v2"
)

func backupCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "backup",
		Usage:     "write a consistent copy of the ledger to a new file",
		ArgsUsage: "FILE",
		Description: `Copies the ledger as it was when the backup began, even while an import runs
in another window. The copy is a complete ledger (open it with --db FILE) and,
like the ledger, readable by you only (mode 0600). FILE must not exist yet:
backup never overwrites a file. The copy is written beside FILE under a
hidden temporary name and gets its name only once it is whole: a backup that
is interrupted leaves no FILE, and the next backup there removes what it left.

Examples:
   creatorledger backup ~/backups/ledger-2026-11-23.db
   creatorledger --db ~/ledgers/2026.db backup 2026-copy.db`,
		Action: func(c *cli.Context) error {
			if c.Args().First() == "-" {
				return withHint(usagef("backup writes a ledger file, not standard output: - is not a FILE"),
					"creatorledger backup ledger-copy.db   (or ./- for a file named -)")
			}
			if c.NArg() != 1 {
				return withHint(usagef("backup needs one FILE to write"), "creatorledger backup ledger-copy.db")
			}
			file := c.Args().First()
			db, err := openLedger(c)
			if err != nil {
				return err
			}
			defer db.Close()
			err = db.Backup(c.Context, file)
			if errors.Is(err, fs.ErrExist) {
				return withHint(fmt.Errorf("%s already exists; backup does not overwrite files", file),
					"creatorledger backup NEW-FILE   (or move "+file+" away first)")
			}
			if err != nil {
				return explainFault(err) // a full disk
			}
			fmt.Fprintf(e.stdout, "backed up %s to %s\n", db.Path(), file)
			return nil
		},
	}
}
