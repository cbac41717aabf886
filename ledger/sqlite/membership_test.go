package sqlite

import (
	"reflect"
	"testing"
)

// TestMemberRuns: pairs in any order survive the encoding.
func TestMemberRuns(t *testing.T) {
	var r memberRun
	want := [][2]int64{{5, 2}, {6, 3}, {1, 9}, {1 << 40, 1}, {7, 7}}
	for _, p := range want {
		r.add(p[0], int(p[1]))
	}
	var got [][2]int64
	if err := eachMember(r.pack(), int64(r.n), func(id int64, line int) { got = append(got, [2]int64{id, int64(line)}) }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if err := eachMember(r.pack(), int64(r.n)+1, func(int64, int) {}); err == nil {
		t.Error("a run read as one pair longer: no error")
	}
}
