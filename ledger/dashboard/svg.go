package dashboard

import (
	"math"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// The charts are plain SVG drawn here: a few rectangles, lines, circles and
// labels in a viewBox, which the page scales to its width. The template
// (page.tmpl, "svg") writes any chart; what differs is where the marks go.

// palette is Okabe and Ito's colour-blind-safe palette (Color Universal
// Design, 2008), the strongest colours first; other is for what is left
// when there are more series than colours.
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}

const other = "#999999"

// Verdict colours of the RPM charts, from the same palette.
var verdictFill = map[ledger.Verdict]string{
	ledger.VerdictBelow: "#D55E00", ledger.VerdictWithin: "#0072B2", ledger.VerdictAbove: "#009E73",
}

// chart is one SVG: its marks in viewBox units.
type chart struct {
	ID, Title, Desc string
	Class           string // CSS classes of the svg element
	W, H            int
	Aspect          string // preserveAspectRatio, when not the default
	Lines           []line
	Rects           []rect
	Paths           []path
	Circles         []circle
	Texts           []label
}

type rect struct{ X, Y, W, H, Fill, Class, Title string }
type line struct{ X1, Y1, X2, Y2, Class string }
type path struct{ D, Stroke, Class string }
type circle struct{ X, Y, R, Fill, Title string }

// label is a text mark; Rotate turns it a quarter left about its point.
type label struct {
	X, Y, Anchor, Class, Text string
	Rotate                    bool
}

func px(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// f is an amount as a chart coordinate: geometry, not money.
func f(d decimal.Decimal) float64 { return d.InexactFloat64() }

// scale maps [lo, hi] to [bottom, top] pixels.
type scale struct{ lo, hi, bottom, top float64 }

func (s scale) y(v float64) float64 {
	return s.bottom - (v-s.lo)/(s.hi-s.lo)*(s.bottom-s.top)
}

// niceTicks chooses 1, 2 or 5 times a power of ten as the step of about n
// ticks covering lo to hi (lo <= 0 <= hi for amounts), and the range they span.
func niceTicks(lo, hi float64, n int) (ticks []float64, step float64) {
	if hi-lo <= 0 {
		hi = lo + 1
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if raw <= m*mag {
			step = m * mag
			break
		}
	}
	start, end := math.Floor(lo/step+1e-9)*step, math.Ceil(hi/step-1e-9)*step
	for v := start; v <= end+step/2; v += step {
		ticks = append(ticks, math.Round(math.Round(v/step)*step*1e9)/1e9)
	}
	return ticks, step
}

// tickLabel writes an axis value with as many decimals as its step needs.
func tickLabel(v, step float64) string {
	dec := 0
	if step < 1 {
		dec = int(math.Ceil(-math.Log10(step) - 1e-9))
	}
	if v == 0 {
		v = 0 // no "-0"
	}
	return ledger.GroupThousands(strconv.FormatFloat(v, 'f', dec, 64))
}

// yAxis draws the gridlines and labels of s between x0 and x1, and the
// axis title.
func yAxis(c *chart, s scale, ticks []float64, step, x0, x1 float64, title string) {
	for _, t := range ticks {
		y := s.y(t)
		cls := "grid"
		if t == 0 {
			cls = "zero"
		}
		c.Lines = append(c.Lines, line{px(x0), px(y), px(x1), px(y), cls})
		c.Texts = append(c.Texts, label{X: px(x0 - 6), Y: px(y + 4), Anchor: "end", Class: "tick", Text: tickLabel(t, step)})
	}
	c.Texts = append(c.Texts, label{X: "14", Y: px((s.top + s.bottom) / 2), Anchor: "middle", Class: "axis", Text: title, Rotate: true})
}

// monthLabels writes the months under the plot: "2026-09" when there is
// room, else "Sep" with the year under the first month and each January.
func monthLabels(c *chart, periods []string, x func(int) float64, slot, y float64) {
	short := slot < 58
	for i, p := range periods {
		if !short {
			c.Texts = append(c.Texts, label{X: px(x(i)), Y: px(y), Anchor: "middle", Class: "tick", Text: p})
			continue
		}
		m, err := time.Parse("2006-01", p)
		if err != nil {
			c.Texts = append(c.Texts, label{X: px(x(i)), Y: px(y), Anchor: "middle", Class: "tick", Text: p})
			continue
		}
		c.Texts = append(c.Texts, label{X: px(x(i)), Y: px(y), Anchor: "middle", Class: "tick", Text: m.Format("Jan")})
		if i == 0 || m.Month() == time.January {
			c.Texts = append(c.Texts, label{X: px(x(i)), Y: px(y + 14), Anchor: "middle", Class: "tick", Text: m.Format("2006")})
		}
	}
}

// series is one colour of a stacked chart: a value per period.
type series struct {
	Name   string
	Colour string
	Values []decimal.Decimal
	Has    []bool // the period has a value (a zero may be one)
}

// stackedChart draws periods as bars stacked by series (positive values up
// from zero, negative ones down), totals above the bars where they fit.
func stackedChart(id, title, desc, currency string, periods []string, ss []series, totals []decimal.Decimal, width int) chart {
	const height, left, right, top, bottom = 300, 62, 8, 22, 44
	c := chart{ID: id, Title: title, Desc: desc, W: width, H: height}
	pos, neg := 0.0, 0.0
	for i := range periods {
		p, n := 0.0, 0.0
		for _, s := range ss {
			if v := f(s.Values[i]); v > 0 {
				p += v
			} else {
				n += v
			}
		}
		pos, neg = math.Max(pos, p), math.Min(neg, n)
	}
	ticks, step := niceTicks(neg, pos, 5)
	sc := scale{ticks[0], ticks[len(ticks)-1], height - bottom, top}
	plotW := float64(width - left - right)
	slot := plotW / float64(max(len(periods), 1))
	barW := math.Min(slot*0.64, 64)
	x := func(i int) float64 { return left + slot*(float64(i)+0.5) }
	yAxis(&c, sc, ticks, step, left, float64(width-right), "amount ("+currency+")")
	for i, p := range periods {
		up, down := 0.0, 0.0
		for _, s := range ss {
			if !s.Has[i] {
				continue
			}
			v := f(s.Values[i])
			var y0, y1 float64
			if v >= 0 {
				y0, y1 = sc.y(up+v), sc.y(up)
				up += v
			} else {
				y0, y1 = sc.y(down), sc.y(down+v)
				down += v
			}
			c.Rects = append(c.Rects, rect{X: px(x(i) - barW/2), Y: px(y0), W: px(barW), H: px(math.Max(y1-y0, 0)),
				Fill: s.Colour, Class: "seg", Title: p + " " + s.Name + ": " + money(s.Values[i], currency) + " " + currency})
		}
		if totals != nil && slot >= 58 {
			c.Texts = append(c.Texts, label{X: px(x(i)), Y: px(sc.y(up) - 5), Anchor: "middle", Class: "total", Text: money(totals[i], currency)})
		}
	}
	monthLabels(&c, periods, x, slot, height-bottom+16)
	c.Texts = append(c.Texts, label{X: px(left + plotW/2), Y: px(height - 4), Anchor: "middle", Class: "axis", Text: "month"})
	return c
}

// rpmPoint is one period of an RPM chart.
type rpmPoint struct {
	Period    string
	RPM       decimal.Decimal
	Low, High decimal.Decimal
	HasBand   bool
	Band      string // "low-high" as shown
	Verdict   ledger.Verdict
	Title     string
	Missing   bool // a month between two with views: no point
}

// rpmChart draws a platform's RPM per month as points on a line, each over
// its month's estimate band.
func rpmChart(id, title, desc, currency string, pts []rpmPoint) chart {
	const width, height, left, right, top, bottom = 360, 240, 62, 10, 14, 44
	c := chart{ID: id, Title: title, Desc: desc, W: width, H: height}
	hi := 0.0
	for _, p := range pts {
		if p.Missing {
			continue
		}
		hi = math.Max(hi, f(p.RPM))
		if p.HasBand {
			hi = math.Max(hi, f(p.High))
		}
	}
	ticks, step := niceTicks(0, hi*1.08, 4)
	sc := scale{ticks[0], ticks[len(ticks)-1], height - bottom, top}
	plotW := float64(width - left - right)
	slot := plotW / float64(max(len(pts), 1))
	x := func(i int) float64 { return left + slot*(float64(i)+0.5) }
	yAxis(&c, sc, ticks, step, left, float64(width-right), "RPM ("+currency+" per 1,000 views)")
	for i, p := range pts {
		if !p.Missing && p.HasBand {
			y0, y1 := sc.y(f(p.High)), sc.y(f(p.Low))
			c.Rects = append(c.Rects, rect{X: px(x(i) - slot/2), Y: px(y0), W: px(slot), H: px(math.Max(y1-y0, 1)),
				Fill: "#56B4E9", Class: "band", Title: p.Period + " estimate " + p.Band + " " + currency})
		}
	}
	d := ""
	for i, p := range pts {
		if p.Missing {
			d += " "
			continue
		}
		cmd := "L"
		if i == 0 || pts[i-1].Missing {
			cmd = "M"
		}
		d += cmd + px(x(i)) + "," + px(sc.y(f(p.RPM)))
	}
	c.Paths = append(c.Paths, path{D: d, Stroke: "#333333", Class: "rpmline"})
	for i, p := range pts {
		if p.Missing {
			continue
		}
		fill, ok := verdictFill[p.Verdict]
		if !ok {
			fill = other
		}
		c.Circles = append(c.Circles, circle{X: px(x(i)), Y: px(sc.y(f(p.RPM))), R: "5", Fill: fill, Title: p.Title})
	}
	periods := make([]string, len(pts))
	for i, p := range pts {
		periods[i] = p.Period
	}
	monthLabels(&c, periods, x, slot, height-bottom+16)
	c.Texts = append(c.Texts, label{X: px(left + plotW/2), Y: px(height - 4), Anchor: "middle", Class: "axis", Text: "month"})
	return c
}

// hbar is one bar of a horizontal bar chart.
type hbar struct {
	Label  string
	Value  decimal.Decimal
	Colour string
}

// barsChart draws labelled horizontal bars with their values beside them.
func barsChart(id, title, desc, currency string, bars []hbar) chart {
	const width, left, right, top, rowH = 360, 84, 78, 8, 30
	height := top + rowH*len(bars) + 26
	c := chart{ID: id, Title: title, Desc: desc, W: width, H: height}
	hi := 0.0
	for _, b := range bars {
		hi = math.Max(hi, f(b.Value))
	}
	if hi <= 0 {
		hi = 1
	}
	plotW := float64(width - left - right)
	for i, b := range bars {
		y := float64(top + rowH*i)
		w := math.Max(f(b.Value), 0) / hi * plotW
		c.Texts = append(c.Texts, label{X: px(left - 6), Y: px(y + 19), Anchor: "end", Class: "tick", Text: b.Label})
		c.Rects = append(c.Rects, rect{X: px(left), Y: px(y + 5), W: px(math.Max(w, 0.5)), H: "20", Fill: b.Colour, Class: "seg",
			Title: b.Label + ": " + money(b.Value, currency) + " " + currency})
		c.Texts = append(c.Texts, label{X: px(left + w + 4), Y: px(y + 19), Anchor: "start", Class: "value", Text: money(b.Value, currency)})
	}
	c.Lines = append(c.Lines, line{px(left), px(top), px(left), px(float64(top + rowH*len(bars))), "zero"})
	c.Texts = append(c.Texts, label{X: px(left + plotW/2), Y: px(float64(height - 6)), Anchor: "middle", Class: "axis", Text: "owed (" + currency + ")"})
	return c
}

// progressBar draws a balance against its threshold: what is withdrawable,
// then what is pending, on a track as long as the larger of the threshold
// and the two together; a tick marks the threshold.
func progressBar(id, title string, withdrawable, pending, threshold decimal.Decimal) chart {
	c := chart{ID: id, Title: title, Class: "bar", W: 100, H: 10, Aspect: "none"}
	w, p, t := math.Max(f(withdrawable), 0), math.Max(f(pending), 0), f(threshold)
	full := math.Max(t, w+p)
	if full <= 0 {
		full = 1
	}
	c.Rects = append(c.Rects, rect{X: "0", Y: "0", W: "100", H: "10", Fill: "#e8e8e8", Class: "track"})
	if w > 0 {
		c.Rects = append(c.Rects, rect{X: "0", Y: "0", W: px(w / full * 100), H: "10", Fill: "#0072B2", Class: "seg", Title: "withdrawable"})
	}
	if p > 0 {
		c.Rects = append(c.Rects, rect{X: px(w / full * 100), Y: "0", W: px(p / full * 100), H: "10", Fill: "#56B4E9", Class: "seg", Title: "pending"})
	}
	tx := math.Min(t/full*100, 99.2)
	c.Rects = append(c.Rects, rect{X: px(tx), Y: "0", W: "0.8", H: "10", Fill: "#000000", Class: "threshold", Title: "threshold"})
	return c
}
