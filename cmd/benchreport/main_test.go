//go:build linux

package main

import "testing"

func TestImportCounts(t *testing.T) {
	c, err := importCounts("native-1M.csv (native): import 1: 1000000 rows: 0 new, 999999 duplicates, 1 updated\n")
	if err != nil {
		t.Fatal(err)
	}
	if c["rows"] != 1000000 || c["new"] != 0 || c["duplicates"] != 999999 || c["updated"] != 1 {
		t.Errorf("got %v", c)
	}
	if _, err := importCounts("native-1M.csv: already imported as import 1"); err == nil {
		t.Error("a line without counts was accepted")
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{10_000_000: "10M", 100_000: "100k", 1_500_000: "1500k", 1234: "1234"} {
		if got := count(n); got != want {
			t.Errorf("count(%d) = %q, want %q", n, got, want)
		}
	}
}
