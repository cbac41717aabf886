package main

import (
	"github.com/urfave/cli/v2"
)

func sourcesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "sources",
		Usage: "list the built-in sources and the headers they recognise",
		Description: `import recognises a file by its header line. Confidence says how well the layout is
known: seen-file (a real export was read), seen-code (the header appears in other
importers), docs (documentation or API field names only), assumed (no public layout;
a best guess), own-format (defined by creatorledger). Origin says whether a source is
built in or one of your own profiles: every *.profile file in
$XDG_CONFIG_HOME/creatorledger/profiles (~/.config/creatorledger/profiles) takes part
in detection like the built-in ones, so a profile written once needs no --profile
(docs/profiles.md).

Examples:
   creatorledger sources
   creatorledger sources --wide         every title and header whole, one line a source
   creatorledger sources --format csv`,
		Flags: []cli.Flag{formatFlag(formatTable, formatCSV, formatJSON), wideFlag()},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			format, err := outputFormat(c, formatTable, formatCSV, formatJSON)
			if err != nil {
				return err
			}
			reg, err := userRegistry()
			if err != nil {
				return err
			}
			// People see each header on a line of its own under its
			// source, cut to the width like the title (--wide: whole).
			t := &table{cols: []column{{"source", wordCell}, {"origin", wordCell}, {"confidence", wordCell}, {"title", textCell}, {"header", textCell}},
				under: "header"}
			t.widen(c)
			for _, imp := range reg.All() {
				info := imp.Info()
				origin := "built-in"
				if reg.IsUser(imp.Name()) {
					origin = "user"
				}
				t.add(imp.Name(), origin, string(info.Confidence), info.Title, info.Header)
			}
			return t.render(e.stdout, format)
		},
	}
}
