// Command genexports writes deterministic, realistic export files of any
// size for benchmarks and load tests: the same flags always give the same
// bytes. Formats: native (the native entries CSV), amazon-associates-us
// (Fee-Earnings report), tiktok-creator-rewards (TikTok Studio), a busy
// creator's year of bank statement, payouts and invoices (busyyear.go) and
// the ECB rates over the native file's three years (ecb-hist).
//
//	genexports -rows 1000000 -format native > native-1m.csv
//	genexports -rows 100000 -format native -seed 7 -o sample.csv
//	genexports -rows 1000000 -format amazon-associates-us -o fee-earnings.csv
//	genexports -rows 1000000 -order item -o by-item.csv (also newest, shuffled)
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	rows := flag.Int("rows", 1000, "number of data rows")
	format := flag.String("format", "native", "file format: "+strings.Join(formatNames(), ", "))
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("o", "", "output file (default stdout)")
	order := flag.String("order", "date", "row order of the native format: "+strings.Join(orders, ", "))
	flag.Parse()
	f := os.Stdout
	if *out != "" {
		var err error
		if f, err = os.Create(*out); err != nil {
			fail(err)
		}
	}
	if err := generateOrdered(f, *format, *order, *rows, *seed); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
}

// formats maps each -format name to its writer.
var formats = map[string]func(w *bufio.Writer, rows int, seed uint64) error{
	"native":                 native,
	"amazon-associates-us":   amazonUS,
	"tiktok-creator-rewards": tiktokCreatorRewards,
	"busy-year-bank":         busyYearBank,
	"busy-year-payouts":      busyYearPayouts,
	"busy-year-invoices":     busyYearInvoices,
	"ecb-hist":               ecbHist,
}

func formatNames() []string {
	names := make([]string, 0, len(formats))
	for name := range formats {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// generate writes rows data rows of format to w.
func generate(w io.Writer, format string, rows int, seed uint64) error {
	return generateOrdered(w, format, "date", rows, seed)
}

// generateOrdered is generate with the rows in the given order (see
// orders); only the native format has orders other than date.
func generateOrdered(w io.Writer, format, order string, rows int, seed uint64) error {
	gen, ok := formats[format]
	if !ok {
		return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(formatNames(), ", "))
	}
	if order != "date" && format != "native" {
		return fmt.Errorf("-order %s: only the native format has row orders", order)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := reorder(bw, order, rows, seed, gen); err != nil {
		return err
	}
	return bw.Flush()
}

// newRand is the generator's only source of randomness: seeded, so the
// same flags give the same bytes.
func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// start and days are the period every format covers: three years.
var start = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

const days = 3 * 365

// dayOf spreads rows evenly over the period, in date order.
func dayOf(i, rows int) time.Time {
	return start.AddDate(0, 0, i*days/max(rows, 1))
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
	r := newRand(seed)
	w.WriteString("date,platform,program,kind,amount,currency,external_id,views,qualified_views,status,counterparty,description\n")
	var prev []byte
	line := make([]byte, 0, 256)
	statuses := []string{"approved", "approved", "approved", "paid", "pending", "estimated"}
	for i := 0; i < rows; i++ {
		if prev != nil && r.IntN(200) == 0 {
			w.Write(prev)
			continue
		}
		s := streams[r.IntN(len(streams))]
		d := dayOf(i, rows)
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

// appendField appends s as one CSV field, quoted when it has to be.
func appendField(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}

// appendMoney appends cents as an amount with thousands separators
// ("1,249.00"), quoted when it has one, as Amazon writes them.
func appendMoney(b []byte, cents int64) []byte {
	var digits []byte
	if cents < 0 {
		digits = append(digits, '-')
		cents = -cents
	}
	units := strconv.FormatInt(cents/100, 10)
	for i, c := range units {
		if i > 0 && (len(units)-i)%3 == 0 {
			digits = append(digits, ',')
		}
		digits = append(digits, byte(c))
	}
	digits = append(digits, '.', byte('0'+cents%100/10), byte('0'+cents%10))
	if len(units) > 3 {
		b = append(b, '"')
		b = append(b, digits...)
		return append(b, '"')
	}
	return append(b, digits...)
}

// appendASIN appends a ten-character ASIN ("B0" and eight capitals or
// digits) numbered n.
func appendASIN(b []byte, n int) []byte {
	id := strings.ToUpper(strconv.FormatInt(int64(n)*2_654_435_761%2_821_109_907_456, 36)) // < 36^8
	b = append(b, "B0"...)
	for range 8 - len(id) {
		b = append(b, '0')
	}
	return append(b, id...)
}

// product is one item an Amazon affiliate links to.
type product struct {
	category, name string
	priceCents     int64
	feePermille    int64 // the category's commission rate
}

var products = []product{
	{"Home & Kitchen", "Singer Heavy Duty 4423 Sewing Machine, 23 Stitches", 19999, 30},
	{"Arts Crafts & Sewing", `Fiskars 8" Dressmaker Shears`, 2498, 50},
	{"Arts Crafts & Sewing", "Gutermann Sew-All Thread Set 26 Colors", 4299, 50},
	{"Arts Crafts & Sewing", "Rotary Cutter 45mm with 5 Blades", 1899, 50},
	{"Books", "The Sewing Book: Over 300 Step-by-Step Techniques", 2599, 45},
	{"Books", "Make, Thrift, Mend", 1999, 45},
	{"Electronics", "Ring Light 18 inch with Tripod Stand", 8999, 40},
	{"Electronics", "Wireless Lavalier Microphone, 2-Pack", 12999, 40},
	{"Clothing & Accessories", "Levi's Men's 501 Original Fit Jeans", 5950, 40},
	{"Home & Kitchen", "Brother SE700 Sewing and Embroidery Machine", 124900, 30},
}

var sellers = []string{"Amazon.com", "Amazon.com", "Amazon.com", "Craft Supply Co", "Thread & Needle LLC"}
var trackingIDs = []string{"sewnotes-20", "sewnotes-20", "sewnotes-yt-20", "sewnotes-tt-20", "sewnotes-ig-20"}
var devices = []string{"DESKTOP", "PHONE", "PHONE", "PHONE", "TABLET"}

// amazonUS writes an Amazon Associates Fee-Earnings report, US layout: a
// BOM and a title line before the header, the currency only in the column
// names, amounts of 1,000 and more with separators, item lines in date
// order with returns as negative rows (~1 in 40), and a Total row with the
// column sums at the end.
func amazonUS(w *bufio.Writer, rows int, seed uint64) error {
	r := newRand(seed)
	last := dayOf(max(rows-1, 0), rows)
	fmt.Fprintf(w, "\ufeffFee-Earnings reports from %s to %s\n", start.Format("2006-01-02"), last.Format("2006-01-02"))
	w.WriteString("Category,Name,ASIN,Seller,Tracking ID,Date Shipped,Price($),Items Shipped,Returns,Revenue($),Ad Fees($),Device Type Group\n")
	var items, returns, revenue, fees int64
	line := make([]byte, 0, 256)
	for i := 0; i < rows; i++ {
		p := products[r.IntN(len(products))]
		asin := 1_000_000 + r.IntN(4000) // one of 4,000 listings of the product
		n, back := int64(1+r.IntN(3)*r.IntN(2)), int64(0)
		if r.IntN(40) == 0 {
			n, back = 0, 1
		}
		rev := (n - back) * p.priceCents
		fee := rev * p.feePermille / 1000
		items, returns, revenue, fees = items+n, returns+back, revenue+rev, fees+fee
		line = line[:0]
		line = appendField(line, p.category)
		line = append(line, ',')
		line = appendField(line, p.name)
		line = append(line, ',')
		line = appendASIN(line, asin)
		line = append(line, ',')
		line = appendField(line, sellers[r.IntN(len(sellers))])
		line = append(line, ',')
		line = append(line, trackingIDs[r.IntN(len(trackingIDs))]...)
		line = append(line, ',')
		line = dayOf(i, rows).AppendFormat(line, "2006-01-02")
		line = append(line, ',')
		line = appendMoney(line, p.priceCents)
		line = append(line, ',')
		line = strconv.AppendInt(line, n, 10)
		line = append(line, ',')
		line = strconv.AppendInt(line, back, 10)
		line = append(line, ',')
		line = appendMoney(line, rev)
		line = append(line, ',')
		line = appendMoney(line, fee)
		line = append(line, ',')
		line = append(line, devices[r.IntN(len(devices))]...)
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	line = append(line[:0], "Total,,,,,,,"...)
	line = strconv.AppendInt(line, items, 10)
	line = append(line, ',')
	line = strconv.AppendInt(line, returns, 10)
	line = append(line, ',')
	line = appendMoney(line, revenue)
	line = append(line, ',')
	line = appendMoney(line, fees)
	line = append(line, ",\n"...)
	_, err := w.Write(line)
	return err
}

// tiktokCreatorRewards writes a TikTok Studio Creator Rewards export: a
// BOM, one row per video and day (a video appears once a day), rewards =
// qualified views x RPM / 1000, "Confirmed" except the last 30 days, which
// are still "Estimated".
func tiktokCreatorRewards(w *bufio.Writer, rows int, seed uint64) error {
	r := newRand(seed)
	w.WriteString("\ufeffDate,Video ID,Video title,Video views,Qualified views,RPM (USD),Estimated rewards (USD),Status\n")
	// Rows of one day are consecutive, so a pool larger than a day's rows
	// keeps (date, video) unique.
	pool := max(5000, rows/days+2)
	confirmedUntil := dayOf(max(rows-1, 0), rows).AddDate(0, 0, -30)
	line := make([]byte, 0, 256)
	for i := 0; i < rows; i++ {
		d := dayOf(i, rows)
		video := i % pool
		views := int64(1000 + r.IntN(400000))
		qualified := views * int64(40+r.IntN(50)) / 100
		rpmMilli := int64(400 + r.IntN(800))         // $0.40 to $1.20 per 1,000 qualified views
		rewards := max(qualified*rpmMilli/10_000, 1) // in cents
		line = line[:0]
		line = d.AppendFormat(line, "2006-01-02")
		line = append(line, ',')
		line = strconv.AppendInt(line, 7400000000000000000+int64(video)*104729+int64(seed), 10)
		line = append(line, ',')
		t := titles[video%len(titles)]
		if video%7 == 0 {
			t += `, "part two"`
		}
		line = appendField(line, t)
		line = append(line, ',')
		line = strconv.AppendInt(line, views, 10)
		line = append(line, ',')
		line = strconv.AppendInt(line, qualified, 10)
		line = append(line, ',')
		line = appendMoney(line, rpmMilli/10)
		line = append(line, ',')
		line = appendMoney(line, rewards)
		line = append(line, ',')
		if d.After(confirmedUntil) {
			line = append(line, "Estimated"...)
		} else {
			line = append(line, "Confirmed"...)
		}
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}
