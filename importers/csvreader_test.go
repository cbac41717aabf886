package importers

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// sameAsEncodingCSV reads data with csvReader and with encoding/csv set up
// as Source used it, and fails on any difference: records, errors, record
// lines, input offsets. csvReader gets a tiny buffer, so that long lines
// take its other path; it must not matter.
func sameAsEncodingCSV(t *testing.T, data []byte, comma rune, trim bool) {
	t.Helper()
	want := csv.NewReader(bufio.NewReaderSize(bytes.NewReader(data), 4096))
	want.Comma, want.FieldsPerRecord, want.ReuseRecord, want.TrimLeadingSpace = comma, -1, true, trim
	got := &csvReader{r: bufio.NewReaderSize(bytes.NewReader(data), 16), comma: comma, trimLeadingSpace: trim}
	for n := 0; ; n++ {
		wrec, werr := want.Read()
		gerr := got.readRecord()
		var grec []string
		prev := 0
		for _, end := range got.fieldIndexes {
			grec = append(grec, string(got.recordBuffer[prev:end]))
			prev = end
		}
		if _, parse := werr.(*csv.ParseError); !reflect.DeepEqual(gerr, werr) && (parse || fmt.Sprint(gerr) != fmt.Sprint(werr)) {
			t.Fatalf("record %d of %.300q: error %#v, want %#v", n, data, gerr, werr)
		}
		if werr != nil {
			return // Source stops at the first error
		}
		if !slices.Equal(grec, wrec) {
			t.Fatalf("record %d of %.300q: %q, want %q", n, data, grec, wrec)
		}
		if line, _ := want.FieldPos(0); got.recLine != line || got.offset != want.InputOffset() {
			t.Fatalf("record %d of %.300q: line %d offset %d, want %d %d", n, data, got.recLine, got.offset, line, want.InputOffset())
		}
		if len(got.fieldStarts) != len(grec) {
			t.Fatalf("record %d of %.300q: %d field starts for %d fields", n, data, len(got.fieldStarts), len(grec))
		}
		for i, at := range got.fieldStarts {
			if at >= 0 && (at+int64(len(grec[i])) > int64(len(data)) || string(data[at:at+int64(len(grec[i]))]) != grec[i]) {
				t.Fatalf("record %d of %.300q: field %d %q is not at %d", n, data, i, grec[i], at)
			}
		}
	}
}

// FuzzCSVReader: csvReader reads everything as encoding/csv does.
func FuzzCSVReader(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "native", "*.csv"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, byte(0))
		}
	}
	for _, s := range []string{
		"a,b,c\r\n1,2,3\r\n", "a;\"b;c\"\n\"x\"\"y\";z\r\n", "\"two\nlines\",\"CRLF\r\ninside\"\nlast,row",
		"a,\"b\nc", "a,b\"c\n", "\"a\"b,c\n", "  x,  \"y\"  ,z\n", " \u00a0\"q\",\u2003r\n", "\n\n\r\n a\r\n\r\r\n", "a,b\r",
		"x|\"1|\"|2\n", "é€,\xff\"\n", "\"\"\"\",\"\"\n", "a,\"\r\n\r\n\"\n",
		// lines plainRecord reads, and lines it must leave to readRecord
		"a,\"b,c\",d\n\"\",x,\"\"\n\"last\"", "x,\"y\"z\n", "p,q\"r\n", "a, b\n", "a,\u00a0b\n", "a\rb,c\r\n",
	} {
		f.Add([]byte(s), byte(0))
		f.Add([]byte(s), byte(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, d byte) {
		commas := []rune{',', ';', '\t', '|', '€', '"', 0}
		comma := commas[int(d)%len(commas)]
		sameAsEncodingCSV(t, data, comma, comma != '\t')
	})
}

// TestCSVReaderLongLines: lines longer than the reader's buffer, quoted
// fields across many lines and errors after them read as encoding/csv
// reads them.
func TestCSVReaderLongLines(t *testing.T) {
	long := strings.Repeat("x", 5000)
	for _, s := range []string{
		"a," + long + "\n\"" + long + "\n" + long + "\",b\r\n",
		"\"" + long + "\r\n" + long + "\"" + long + "\n",
		"a,b\n\n\n" + long + "\"\n",
		"\"" + long,
	} {
		for _, comma := range []rune{',', '\t'} {
			sameAsEncodingCSV(t, []byte(s), comma, comma != '\t')
		}
	}
}
