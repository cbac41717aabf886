//go:build linux

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// measurement is one command's cost.
type measurement struct {
	wall   time.Duration
	peakKB int64 // maximum resident set size, KiB
	stdout string
}

func (m measurement) seconds() float64 { return m.wall.Seconds() }
func (m measurement) peakMiB() float64 { return float64(m.peakKB) / 1024 }

// commandTimeout stops a command that hangs; the slowest, the import of
// 10M rows, takes a few minutes.
const commandTimeout = 15 * time.Minute

// measure runs one command to completion and returns its wall time, peak
// memory and output; a failure is an error quoting its stderr.
func measure(name string, args ...string) (measurement, error) {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// What earlier commands wrote goes to the disk first, untimed: each
	// command starts with the disk idle instead of behind the writeback of
	// the one before (sqlite3's 120 MB before each of our imports, say).
	syscall.Sync()
	t0 := time.Now()
	err := cmd.Run()
	m := measurement{wall: time.Since(t0), stdout: stdout.String()}
	if ctx.Err() != nil {
		err = fmt.Errorf("no result after %s: %w", commandTimeout, err)
	}
	if err != nil {
		return m, fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, lastLines(stderr.String(), 20))
	}
	m.peakKB = cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
	return m, nil
}

// warm reads the file at path through, untimed, so that the command that
// reads it next finds it in the page cache, as the method says, whatever
// this machine's memory manager (which drops pages it has not seen used
// for a while) dropped meanwhile.
func warm(path string) {
	if f, err := os.Open(path); err == nil {
		io.Copy(io.Discard, f)
		f.Close()
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}
func peak(what string, m measurement) result {
	return result{what: what, figure: fmt.Sprintf("%.1f MiB", m.peakMiB()), target: fmt.Sprintf("< %.0f MiB", maxPeakMiB), pass: m.peakMiB() < maxPeakMiB}
}

func secs(m measurement) string { return fmt.Sprintf("%.2f s", m.seconds()) }

// bestOf is how many times the 1M-row import, re-import and baseline run
// (and our side of the hledger comparison). With wall times that move by
// 15% from run to run, and by more in bursts, three runs left the ratio
// anywhere between 1.0x and 1.3x for the same code.
const bestOf = 5

// better keeps the faster of two runs of one command, with the higher peak
// memory of the two; a zero measurement is no run yet.
func better(a, b measurement) measurement {
	if a.wall == 0 {
		return b
	}
	peak := max(a.peakKB, b.peakKB)
	if b.wall < a.wall {
		a = b
	}
	a.peakKB = peak
	return a
}

// removeLedger removes a ledger file and SQLite's files beside it.
func removeLedger(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

// count writes 1000000 as 1M, 100000 as 100k.
func count(n int) string {
	switch {
	case n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n%1_000 == 0:
		return fmt.Sprintf("%dk", n/1_000)
	}
	return strconv.Itoa(n)
}

var countsRE = regexp.MustCompile(`(\d+) rows: (\d+) new, (\d+) duplicates, (\d+) updated`)

// importCounts reads the summary line creatorledger import prints.
func importCounts(stdout string) (map[string]int, error) {
	m := countsRE.FindStringSubmatch(stdout)
	if m == nil {
		return nil, fmt.Errorf("no import summary in %q", stdout)
	}
	c := map[string]int{}
	for i, k := range []string{"rows", "new", "duplicates", "updated"} {
		c[k], _ = strconv.Atoi(m[i+1])
	}
	return c, nil
}

// appendNewline copies src to dst with one more newline: the same rows in
// a file with another SHA-256, so the import reads every row.
func appendNewline(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if _, err := out.WriteString("\n"); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
