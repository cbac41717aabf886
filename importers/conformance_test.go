package importers

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

var update = flag.Bool("update", false, "rewrite golden files in ../testdata")

// The conformance suite every built-in source passes. Fixtures live in
// ../testdata/<source>/:
//
//	<case>.csv       a realistic export; <case>.golden is the entries it gives,
//	                 rendered as native CSV with the file line in front
//	bad-<case>.csv   a broken export; bad-<case>.err is the exact error text
//
// For every fixture the suite checks that exactly the owning source detects
// it (no other source claims it), that parsing matches the golden file, that
// every entry validates and balances, and that parsing twice gives the same
// entries. Fixtures are read as import reads them: prepared (Prepare's
// first pass) and then parsed. Bad fixtures must fail with exactly the
// expected text.
func TestConformance(t *testing.T) {
	for _, imp := range All() {
		imp := imp
		t.Run(imp.Name(), func(t *testing.T) {
			dir := filepath.Join("..", "testdata", imp.Name())
			files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
			good := 0
			for _, f := range files {
				f := f
				name := filepath.Base(f)
				if strings.HasPrefix(name, "bad-") {
					t.Run(name, func(t *testing.T) { checkBad(t, imp, f) })
					continue
				}
				good++
				t.Run(name, func(t *testing.T) { checkGood(t, imp, f) })
			}
			if _, refuses := imp.(*wrongReport); refuses {
				// It imports nothing: its fixtures are all bad-*.csv
				// (TestWrongReports checks them further).
				if len(files) == 0 {
					t.Fatalf("no fixtures in %s", dir)
				}
				return
			}
			if good == 0 {
				t.Fatalf("no fixtures in %s: every source needs at least one realistic export", dir)
			}
		})
	}
}

func checkGood(t *testing.T, imp Importer, file string) {
	first, rendered := parseFixture(t, imp, file, true)
	golden := strings.TrimSuffix(file, ".csv") + ".golden"
	if *update {
		if err := os.WriteFile(golden, rendered, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("no golden file (run go test ./importers -update and review it): %v", err)
	}
	if !bytes.Equal(rendered, want) {
		t.Errorf("%s: entries differ from %s\n--- got\n%s--- want\n%s", file, golden, rendered, want)
	}
	for i := range first {
		e := first[i]
		if err := e.Validate(); err != nil {
			t.Errorf("entry from line %d does not validate: %v", e.Line, err)
		}
		if err := ledger.Balanced(e.Postings()); err != nil {
			t.Errorf("entry from line %d: %v", e.Line, err)
		}
	}
	again, _ := parseFixture(t, imp, file, false)
	if !reflect.DeepEqual(first, again) {
		t.Errorf("parsing %s twice gave different entries", file)
	}
}

// parseFixture detects and parses a fixture, failing the test on any error,
// and renders the entries as the golden text.
func parseFixture(t *testing.T, imp Importer, file string, detect bool) ([]ledger.Entry, []byte) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src, err := NewSource(filepath.Base(file), f)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if detect {
		got, err := Detect(src.Header())
		if err != nil {
			t.Fatalf("detect: %v", err)
		}
		if got.Name() != imp.Name() {
			t.Fatalf("detected as %s, want %s", got.Name(), imp.Name())
		}
	}
	prepared, err := Prepare(imp, "", reopenFixture(imp, file))
	if err != nil {
		t.Fatalf("prepare: %v", err)
	}
	var entries []ledger.Entry
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(append([]string{"line"}, NativeHeader...))
	err = Run(prepared, src, func(e ledger.Entry, rounded bool) error {
		entries = append(entries, e)
		if err := w.Write(append([]string{strconv.Itoa(e.Line)}, nativeRecord(&e, make([]string, len(NativeHeader)))...)); err != nil {
			return err
		}
		if e.Invoice != nil { // the facts the native columns have no room for
			return w.Write([]string{"", "invoice: " + e.Invoice.String()})
		}
		return nil
	})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	w.Flush()
	return entries, buf.Bytes()
}

// reopenFixture opens a fixture again for Prepare's first pass, as import
// does.
func reopenFixture(imp Importer, file string) func() (*Source, error) {
	return func() (*Source, error) {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		return NewSourceFor(filepath.Base(file), bytes.NewReader(b), imp)
	}
}

func checkBad(t *testing.T, imp Importer, file string) {
	wantB, err := os.ReadFile(strings.TrimSuffix(file, ".csv") + ".err")
	if err != nil && !*update {
		t.Fatalf("no .err file with the expected error: %v", err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got error
	src, err := NewSource(filepath.Base(file), f)
	if err != nil {
		got = err
	} else if prepared, err := Prepare(imp, "", reopenFixture(imp, file)); err != nil {
		got = err
	} else {
		got = Run(prepared, src, func(ledger.Entry, bool) error { return nil })
	}
	if got == nil {
		t.Fatalf("%s imported without error", file)
	}
	if *update {
		if err := os.WriteFile(strings.TrimSuffix(file, ".csv")+".err", []byte(got.Error()+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want := strings.TrimSpace(string(wantB)); got.Error() != want {
		t.Errorf("error text differs\n--- got\n%s\n--- want\n%s", got, want)
	}
}

// TestRegistry checks the registry has no empty or duplicate names and
// that every source describes itself.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, imp := range All() {
		name := imp.Name()
		if name == "" || !ledger.ValidSlug(name) {
			t.Errorf("source name %q is not a slug", name)
		}
		if seen[name] {
			t.Errorf("source %q is registered twice", name)
		}
		seen[name] = true
		info := imp.Info()
		if info.Title == "" || info.Header == "" || info.Confidence == "" {
			t.Errorf("source %q has incomplete Info: %+v", name, info)
		}
		if got, err := ByName(name); err != nil || got.Name() != name {
			t.Errorf("ByName(%q) = %v, %v", name, got, err)
		}
	}
}
