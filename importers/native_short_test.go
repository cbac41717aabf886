package importers

import (
	"strings"
	"testing"
)

// TestNativeShortRows: a native row may leave out counterparty and
// description at its end (a spreadsheet drops empty trailing cells); a row
// that ends before its status, or a file that ends inside a short row, is
// refused at its line.
func TestNativeShortRows(t *testing.T) {
	head := strings.Join(NativeHeader, ",") + "\n"
	cases := []struct{ name, text, err string }{
		{"without description", head + "2026-10-11,workshops,teaching,earning,210.00,EUR,WS-1,,,approved,Bibliotheek Noord\n", ""},
		{"without counterparty and description", head + "2026-10-11,workshops,teaching,earning,210.00,EUR,WS-1,,,approved\r\n", ""},
		{"without status", head + "2026-10-11,workshops,teaching,earning,210.00,EUR,WS-1,,\n", "it ends before status, which every row needs"},
		{"cut short at the end of the file", head + "2026-10-11,workshops,teaching,earning,210.00,EUR,WS-1,,,approved,Bibliotheek", "the file is cut short"},
	}
	for _, c := range cases {
		es, err := parsePayPal(t, Native{}, c.text)
		if c.err == "" {
			if err != nil || len(es) != 1 || es[0].Amount.String() != "210" || es[0].Status != "approved" || es[0].Description != "" {
				t.Errorf("%s: %v, %+v; want the workshop earning", c.name, err, es)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), ":2: has ") || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: %v; want an error at line 2 saying %q", c.name, err, c.err)
		}
	}
}
