package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// studioZip writes YouTube Studio's download as it comes: a zip named after
// the view and period, holding Table data.csv, Chart data.csv and Totals.csv.
func studioZip(t *testing.T, dir string) string {
	t.Helper()
	table, err := os.ReadFile(fixture("youtube-studio", "table data 2026-10.csv"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "Content 2026-10-01_2026-10-31 Naaiatelier Noord.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, body := range map[string]string{
		"Table data.csv": string(table),
		"Chart data.csv": "Date,Content,Video title,Video publish time,Duration,Views\n2026-10-01,aB3dE5fG7hI,\"Naaien met een overlockmachine, deel 2\",\"Oct 3, 2026\",1422,0\n",
		"Totals.csv":     "Date,Views\n2026-10-01,1204\n2026-10-02,1733\n",
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestYouTubeStudioAsItComes: the zip itself, Table data.csv in the folder
// the zip unpacks to, and any other name with --period all import, dated at
// the period's end; a name without a period is refused with the ways out.
func TestYouTubeStudioAsItComes(t *testing.T) {
	dir := t.TempDir()
	zipPath := studioZip(t, dir)
	wantEntries := "2026-10-31,youtube,long-form,earning,88.04,EUR,aB3dE5fG7hI,40650,,estimated,,\"Naaien met een overlockmachine, deel 2\"\n" +
		"2026-10-31,youtube,long-form,earning,8.27,EUR,'-zZ9yY8xX7w,11761,,estimated,,Shorts: snelle zoomtip\n"

	l := newLedger(t)
	out := l.ok("import", zipPath)
	for _, want := range []string{
		"Content 2026-10-01_2026-10-31 Naaiatelier Noord.zip/Table data.csv (youtube-studio): import 1: 2 rows: 2 new",
		"Naaiatelier Noord.zip/Totals.csv: skipped: no source recognises it",
		"Naaiatelier Noord.zip/Chart data.csv: skipped: a report with nothing to import",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import of the zip lacks %q:\n%s", want, out)
		}
	}
	if got := l.ok("export", "--format", "csv"); !strings.HasSuffix(got, wantEntries) {
		t.Errorf("entries from the zip:\n%s", got)
	}
	if got := l.ok("imports", "list", "--format", "csv"); !strings.Contains(got, ",Content 2026-10-01_2026-10-31 Naaiatelier Noord.zip/Table data.csv,youtube-studio,") {
		t.Errorf("imports list:\n%s", got)
	}
	// The zip again: its member is already imported.
	if out := l.ok("import", zipPath); !strings.Contains(out, "already imported as import 1") {
		t.Errorf("the zip again:\n%s", out)
	}

	// The folder the zip unpacks to.
	folder := filepath.Join(dir, "Content 2026-10-01_2026-10-31 Naaiatelier Noord")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	table, _ := os.ReadFile(fixture("youtube-studio", "table data 2026-10.csv"))
	inFolder := filepath.Join(folder, "Table data.csv")
	if err := os.WriteFile(inFolder, table, 0o600); err != nil {
		t.Fatal(err)
	}
	l2 := newLedger(t)
	if out := l2.ok("import", inFolder); !strings.Contains(out, "Content 2026-10-01_2026-10-31 Naaiatelier Noord/Table data.csv (youtube-studio): import 1: 2 rows: 2 new") {
		t.Errorf("from the folder:\n%s", out)
	}
	if got := l2.ok("export", "--format", "csv"); !strings.HasSuffix(got, wantEntries) {
		t.Errorf("entries from the folder:\n%s", got)
	}

	// Anywhere else, without a period: refused with the ways out; with
	// --period, dated at its end.
	bare := filepath.Join(t.TempDir(), "Table data.csv")
	if err := os.WriteFile(bare, table, 0o600); err != nil {
		t.Fatal(err)
	}
	l3 := newLedger(t)
	if _, errOut, code := l3.run("import", bare); code != 1 || !strings.Contains(errOut, "or pass import --period FROM_TO") {
		t.Errorf("without a period: exit %d\n%s", code, errOut)
	}
	if out := l3.ok("import", "--period", "2026-10-01_2026-10-31", bare); !strings.Contains(out, "Table data.csv (2026-10-01_2026-10-31) (youtube-studio): import 1: 2 rows: 2 new") {
		t.Errorf("with --period:\n%s", out)
	}
	if got := l3.ok("export", "--format", "csv"); !strings.HasSuffix(got, wantEntries) {
		t.Errorf("entries with --period:\n%s", got)
	}
	if _, errOut, code := l3.run("import", "--period", "October", bare); code != 2 || !strings.Contains(errOut, `--period "October"`) {
		t.Errorf("a bad --period: exit %d\n%s", code, errOut)
	}

	// An archive with nothing known in it.
	junk := filepath.Join(t.TempDir(), "photos.zip")
	f, _ := os.Create(junk)
	zw := zip.NewWriter(f)
	w, _ := zw.Create("notes.csv")
	w.Write([]byte("a,b\n1,2\n"))
	zw.Close()
	f.Close()
	if _, errOut, code := l3.run("import", junk); code != 1 || !strings.Contains(errOut, "no member of the archive is a known export (notes.csv)") {
		t.Errorf("an archive of nothing known: exit %d\n%s", code, errOut)
	}
}
