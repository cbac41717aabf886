// Command genexports writes deterministic, realistic export files of any
// size for benchmarks and load tests: the same flags always give the same
// bytes.
//
//	genexports -rows 1000000 -format native > native-1m.csv
//	genexports -rows 100000 -format native -seed 7 -o sample.csv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	rows := flag.Int("rows", 1000, "number of data rows")
	format := flag.String("format", "native", "file format: native")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("o", "", "output file (default stdout)")
	flag.Parse()
	w := io.Writer(os.Stdout)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fail(err)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var err error
	switch *format {
	case "native":
		err = native(bw, *rows, *seed)
	default:
		err = fmt.Errorf("unknown format %q (want native)", *format)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genexports:", err)
	os.Exit(1)
}

// stream is one kind of income a creator has, with its typical size.
type stream struct {
	platform, program, currency string
	minCents, maxCents          int
	views                       bool
	idPrefix                    string
}

var streams = []stream{
	{"tiktok", "creator-rewards", "USD", 5, 25000, true, "74"},
	{"tiktok", "live-gifts", "USD", 50, 8000, false, ""},
	{"youtube", "long-form", "USD", 100, 40000, true, "yt-"},
	{"youtube", "shorts", "USD", 1, 900, true, "ys-"},
	{"amazon-associates", "associates", "USD", 5, 3000, false, "B0"},
	{"amazon-associates", "associates", "GBP", 5, 2500, false, "B0"},
	{"awin", "publisher", "EUR", 10, 5000, false, "AW"},
	{"gumroad", "seller", "USD", 300, 9900, false, "GR"},
	{"sponsorship", "tiktok", "EUR", 15000, 250000, false, "INV-"},
}

var titles = []string{
	"Thrift flip: 1970s denim jacket", "Amsterdam canal cleanup day", "Repairing a 30-year-old sewing machine",
	"Storytime: my first brand deal", "Pattern drafting for beginners", "LIVE gifts: Sunday Q&A",
	"Singer Heavy Duty 4423 sewing machine", "Fabric scissors 8 inch", "Pattern pack: Denim repair",
	"1 TikTok video + 3 stories, #advertentie",
}

// native writes the native entries CSV: rows in date order over three
// years, ~1 in 200 an identical repeat of the row before (as exports have),
// texts with commas and quotes now and then.
func native(w *bufio.Writer, rows int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	w.WriteString("date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n")
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	days := 3 * 365
	var prev []byte
	line := make([]byte, 0, 256)
	statuses := []string{"approved", "approved", "approved", "paid", "pending", "estimated"}
	for i := 0; i < rows; i++ {
		if prev != nil && r.IntN(200) == 0 {
			w.Write(prev)
			continue
		}
		s := streams[r.IntN(len(streams))]
		d := start.AddDate(0, 0, i*days/max(rows, 1))
		cents := s.minCents + r.IntN(s.maxCents-s.minCents+1)
		kind := "earning"
		if r.IntN(50) == 0 {
			kind, cents = "reversal", -cents
		}
		line = line[:0]
		line = d.AppendFormat(line, "2006-01-02")
		line = append(line, ',')
		line = append(line, s.platform...)
		line = append(line, ',')
		line = append(line, s.program...)
		line = append(line, ',')
		line = append(line, kind...)
		line = append(line, ',')
		line = appendCents(line, cents)
		line = append(line, ',')
		line = append(line, s.currency...)
		line = append(line, ',')
		if s.idPrefix != "" {
			line = append(line, s.idPrefix...)
			line = strconv.AppendInt(line, int64(i)*7919+int64(seed), 10)
		}
		line = append(line, ',')
		if s.views {
			v := 100 + r.IntN(500000)
			line = strconv.AppendInt(line, int64(v), 10)
			line = append(line, ',')
			line = strconv.AppendInt(line, int64(v*(40+r.IntN(50))/100), 10)
		} else {
			line = append(line, ',')
		}
		line = append(line, ',')
		line = append(line, statuses[r.IntN(len(statuses))]...)
		line = append(line, ',')
		if s.platform == "sponsorship" {
			line = append(line, "Vintage Vibes B.V."...)
		}
		line = append(line, ',')
		t := titles[r.IntN(len(titles))]
		switch {
		case r.IntN(10) == 0:
			line = append(line, `"`...)
			line = append(line, t...)
			line = append(line, `, part ""two"""`...)
		case strings.ContainsRune(t, ','):
			line = append(line, '"')
			line = append(line, t...)
			line = append(line, '"')
		default:
			line = append(line, t...)
		}
		line = append(line, '\n')
		prev = append(prev[:0], line...)
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}

func appendCents(b []byte, cents int) []byte {
	if cents < 0 {
		b = append(b, '-')
		cents = -cents
	}
	b = strconv.AppendInt(b, int64(cents/100), 10)
	b = append(b, '.')
	if cents%100 < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(cents%100), 10)
}
