package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"
)

// version says which build this is: the module version and the commit it
// was built from, from the build information the go command records. go
// run and go test record no commit; the line says so instead of guessing.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (built without module information)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, when, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	switch {
	case rev == "":
		v += ", commit unknown (built by go run or go test, or with -buildvcs=false)"
	default:
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += ", commit " + rev
		if modified == "true" {
			v += " with uncommitted changes"
		}
		if when != "" {
			v += " of " + when
		}
	}
	return v + ", " + bi.GoVersion
}

// unknownCommand checks the command words of args (as flagsFirst arranged
// them) against the commands each level has: a word that names none is a
// usage error that suggests the nearest name ("creatorledger improt": did
// you mean import?). urfave/cli would run the level's action, or print "No
// help topic" with exit 1.
func unknownCommand(app *cli.App, args []string) error {
	flags, cmds, path := app.Flags, app.Commands, []string{}
	words := args
	if len(words) > 0 {
		words = words[1:]
	}
	help := false
	for i := 0; i < len(words); i++ {
		a := words[i]
		if a == "--" {
			return nil
		}
		if len(a) > 1 && a[0] == '-' {
			if !strings.Contains(a, "=") && takesValue(flags, strings.TrimLeft(a, "-")) {
				i++
			}
			continue
		}
		if len(cmds) == 0 {
			return nil // a command's own arguments
		}
		if cmd := findCommand(cmds, a); cmd != nil {
			if help {
				return nil // "help report": urfave shows it
			}
			flags, cmds, path = cmd.Flags, cmd.Subcommands, append(path, cmd.Name)
			continue
		}
		if !help && (a == "help" || a == "h") {
			help = true
			continue
		}
		at := strings.Join(append([]string{"creatorledger"}, path...), " ")
		msg := fmt.Sprintf("unknown command %q", strings.TrimSpace(strings.Join(path, " ")+" "+a))
		if s := suggest(a, commandNames(cmds)); s != "" {
			msg += fmt.Sprintf("; did you mean %s?", strings.TrimSpace(strings.Join(path, " ")+" "+s))
		}
		return withHint(usageError{fmt.Errorf("%s", msg)}, at+" --help")
	}
	return nil
}

func commandNames(cmds []*cli.Command) []string {
	var names []string
	for _, c := range cmds {
		if !c.Hidden {
			names = append(names, c.Names()...)
		}
	}
	return names
}

// flagError rewrites the flag package's errors in the form people type
// flags in ("flag provided but not defined: -dryrun" becomes "unknown flag
// --dryrun; did you mean --dry-run?").
func flagError(err error, flags []cli.Flag) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		msg = "unknown flag " + dashed(name)
		var names []string
		for _, f := range flags {
			names = append(names, f.Names()...)
		}
		if s := suggest(name, names); s != "" {
			msg += "; did you mean " + dashed(s) + "?"
		}
		return fmt.Errorf("%s", msg)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Errorf("flag %s needs a value", dashed(name))
	}
	for _, f := range flags {
		for _, n := range f.Names() {
			if len(n) > 1 && strings.Contains(msg, " -"+n+":") {
				return fmt.Errorf("%s", strings.Replace(msg, " -"+n+":", " --"+n+":", 1))
			}
		}
	}
	return err
}

// dashed writes a flag's name as it is typed: -n, --dry-run.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// suggest returns the name in names nearest to typed, when it is near
// enough to be what was meant: at most one edit (a swap of two neighbours
// counts as one) for short names, two for longer ones, or typed is a
// prefix of it. Otherwise "".
func suggest(typed string, names []string) string {
	best, bestD := "", 1<<30
	for _, n := range names {
		d := editDistance(typed, n)
		if len(typed) >= 3 && strings.HasPrefix(n, typed) {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = n, d
		}
	}
	limit := 1
	if len(typed) > 4 {
		limit = 2
	}
	if bestD > limit || bestD == 0 {
		return ""
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
