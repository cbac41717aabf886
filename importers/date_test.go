package importers

import (
	"testing"
)

func TestDateLayout(t *testing.T) {
	cases := map[string]string{
		"yyyy-mm-dd":  "2006-01-02",
		"dd-mm-yyyy":  "02-01-2006",
		"m/d/yyyy":    "1/2/2006",
		"yyyymmdd":    "20060102",
		"d mmmm yyyy": "2 January 2006",
		"mmm d, yyyy": "Jan 2, 2006",
		"dd.mm.yy":    "02.01.06",
	}
	for in, want := range cases {
		got, err := DateLayout(in)
		if err != nil || got != want {
			t.Errorf("DateLayout(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "yyyy-mm", "dd/mm", "yyyy-mm-dd hh", "q"} {
		if got, err := DateLayout(bad); err == nil {
			t.Errorf("DateLayout(%q) = %q, want an error", bad, got)
		}
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct {
		in, pattern, want string
	}{
		{"2026-09-01", "yyyy-mm-dd", "2026-09-01"},
		{"2026-09-01 13:45:00", "yyyy-mm-dd", "2026-09-01"},
		{"2026-09-01T13:45:00Z", "yyyy-mm-dd", "2026-09-01"},
		{"20200213", "yyyymmdd", "2020-02-13"},
		{"9/4/2018", "m/d/yyyy", "2018-09-04"},
		{"9/4/2018 10:03 PM", "m/d/yyyy", "2018-09-04"},
		{"06 February 2026", "d mmmm yyyy", "2026-02-06"},
		{"Sep 27, 2024", "mmm d, yyyy", "2024-09-27"},
		{"13-02-2020", "dd-mm-yyyy", "2020-02-13"},
	}
	for _, c := range cases {
		layout, err := DateLayout(c.pattern)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseDate(c.in, layout)
		if err != nil || got.Format("2006-01-02") != c.want {
			t.Errorf("ParseDate(%q, %q) = %v, %v; want %s", c.in, c.pattern, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "2026-02-31", "31/02/2026", "yesterday"} {
		if d, err := ParseDate(bad, "2006-01-02", "02/01/2006"); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", bad, d)
		}
	}
}

func TestDayMonthEvidence(t *testing.T) {
	cases := []struct {
		cells []string
		want  DayMonthOrder
	}{
		{[]string{"01/02/2026", "03/04/2026"}, OrderUnknown},
		{[]string{"01/02/2026", "13/04/2026"}, OrderDayFirst},
		{[]string{"9/4/2018", "9/24/2018 10:03 PM"}, OrderMonthFirst},
		{[]string{"13/04/2026", "04/13/2026"}, OrderConflict},
		{[]string{"2026-09-01", "Sep 27, 2024"}, OrderUnknown},
		{[]string{"13.02.2020"}, OrderDayFirst},
	}
	for _, c := range cases {
		var e DayMonthEvidence
		for _, cell := range c.cells {
			e.Add(cell)
		}
		if got := e.Order(); got != c.want {
			t.Errorf("%v: order %v, want %v", c.cells, got, c.want)
		}
	}
}
