package main

import (
	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/importers"
)

func sourcesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "sources",
		Usage: "list the built-in sources and the headers they recognise",
		Description: `import recognises a file by its header line. Confidence says how well the layout is
known: seen-file (a real export was read), seen-code (the header appears in other
importers), docs (documentation or API field names only), assumed (no public layout;
a best guess), own-format (defined by creatorledger).

Examples:
   creatorledger sources
   creatorledger sources --format csv`,
		Flags: []cli.Flag{formatFlag(formatTable, formatCSV, formatJSON)},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			format, err := outputFormat(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			t := &table{cols: []column{{"source", textCell}, {"confidence", textCell}, {"title", textCell}, {"header", textCell}}}
			for _, imp := range importers.All() {
				info := imp.Info()
				t.add(imp.Name(), string(info.Confidence), info.Title, info.Header)
			}
			return t.render(e.stdout, format)
		},
	}
}
