package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/creatorledger/creatorledger/importers"
	"github.com/creatorledger/creatorledger/ledger"
)

// sourceName is what an import of file is recorded as, and where sources
// dated by their file name (YouTube Studio) read the period: the file's
// name; when that has no period but its folder's name has one, as when
// YouTube Studio's "Content 2025-09-01_2025-09-30 My Channel.zip" was
// unzipped, "folder/file"; with --period, the period after the name.
func sourceName(file, period string) string {
	name := filepath.Base(file)
	if period != "" {
		return name + " (" + period + ")"
	}
	if !importers.DateInName(name) {
		if dir := filepath.Base(filepath.Dir(file)); dir != "." && dir != string(filepath.Separator) && importers.DateInName(dir) {
			return dir + "/" + name
		}
	}
	return name
}

var periodPattern = regexp.MustCompile(`^\d{4}-\d{2}(-\d{2}_\d{4}-\d{2}-\d{2})?$`)

// validPeriod reports whether s is a --period: FROM_TO as YYYY-MM-DD_YYYY-MM-DD,
// or a month YYYY-MM.
func validPeriod(s string) bool {
	return periodPattern.MatchString(s) && importers.DateInName(s)
}

// isZip reports whether the file at p begins as a zip archive does.
func isZip(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	var magic [4]byte
	_, err = io.ReadFull(f, magic[:])
	return err == nil && bytes.Equal(magic[:], []byte("PK\x03\x04"))
}

// maxMember is the largest zip member import unpacks (1 GiB): a bound
// against an archive that unpacks to more than the disk holds.
const maxMember = 1 << 30

// importZip imports the CSV members of a zip archive as files of their own,
// each recorded as "archive.zip/member" (where a source dated by its file
// name finds the period in the archive's name). Members no source
// recognises, such as YouTube Studio's Chart data.csv and Totals.csv beside
// its Table data.csv, are skipped with a note when another member imports;
// an archive none of whose members imports is an error.
func importZip(ctx context.Context, db ledger.Store, file string, opts importOptions, e *env) error {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return fmt.Errorf("not a readable zip archive: %w", err)
	}
	defer zr.Close()
	base := filepath.Base(file)
	imported, failed := 0, 0
	var skipped []string
	wrong := map[string]error{} // members that are reports with nothing to import
	for _, m := range zr.File {
		if m.FileInfo().IsDir() || !strings.EqualFold(path.Ext(m.Name), ".csv") || strings.HasPrefix(path.Base(m.Name), ".") ||
			strings.HasPrefix(m.Name, "__MACOSX/") {
			continue
		}
		name := base + "/" + m.Name
		if opts.period != "" {
			name += " (" + opts.period + ")"
		}
		err := importMember(ctx, db, m, name, opts, e)
		switch {
		case err == nil:
			imported++
		case errors.Is(err, importers.ErrUnknownFormat):
			skipped = append(skipped, m.Name)
		case errors.Is(err, importers.ErrWrongReport):
			skipped = append(skipped, m.Name)
			wrong[m.Name] = err
		default:
			failed++
			reportImportError(e.stderr, name, err)
		}
	}
	for _, s := range skipped {
		switch {
		case imported > 0 && wrong[s] != nil:
			fmt.Fprintf(e.stdout, "%s/%s: skipped: a report with nothing to import\n", printable(base), printable(s))
		case imported > 0 || failed > 0:
			fmt.Fprintf(e.stdout, "%s/%s: skipped: no source recognises it\n", printable(base), printable(s))
		case wrong[s] != nil:
			// Nothing else imported: say what the report is and what to
			// download instead.
			failed++
			reportImportError(e.stderr, base+"/"+s, wrong[s])
		}
	}
	switch {
	case failed > 0:
		return errReported
	case imported == 0 && len(skipped) > 0:
		return fmt.Errorf("no member of the archive is a known export (%s): %w", strings.Join(skipped, ", "), importers.ErrUnknownFormat)
	case imported == 0:
		return fmt.Errorf("the archive holds no CSV file")
	}
	return nil
}

// importMember unpacks one member to a private temporary file and imports
// it as name.
func importMember(ctx context.Context, db ledger.Store, m *zip.File, name string, opts importOptions, e *env) error {
	if m.UncompressedSize64 > maxMember {
		return fmt.Errorf("%s: %d bytes unpacked, more than import takes from an archive (%d)", m.Name, m.UncompressedSize64, maxMember)
	}
	rc, err := m.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	tmp, err := os.CreateTemp("", "creatorledger-zip-*.csv") // mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = io.Copy(tmp, io.LimitReader(rc, maxMember+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("unpack %s: %w", m.Name, err)
	}
	opts.name = name
	return importFile(ctx, db, tmp.Name(), opts, e.stdout)
}
