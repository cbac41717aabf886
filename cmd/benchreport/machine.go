package main

// What a run was measured on, and BENCHMARKS.md as it is written (moved
// from main.go).

import (
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// machineInfo is what the figures were measured on.
type machineInfo struct {
	date, cpu, memory, kernel  string
	cores                      int
	goVersion, sqlite, hledger string
	commit                     string
	otherCPU                   float64 // share of the machine's CPU time others used during the run
}

func (m machineInfo) line() string {
	return fmt.Sprintf("%s, %s, %d cores, %s, Linux %s", m.date, m.cpu, m.cores, m.memory, m.kernel)
}

// cpuSeconds returns the CPU time the whole machine has been busy
// (/proc/stat, all but idle and iowait) and the CPU time of this process and
// its waited-for children, in seconds.
func cpuSeconds() (machine, ours float64) {
	data, _ := os.ReadFile("/proc/stat")
	line, _, _ := strings.Cut(string(data), "\n")
	for i, f := range strings.Fields(line) {
		if n, err := strconv.ParseFloat(f, 64); err == nil && i != 4 && i != 5 && i < 9 { // 4 idle, 5 iowait; 9, 10 guest time, counted in 1, 2 already
			machine += n / 100 // USER_HZ
		}
	}
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			ours += time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
		}
	}
	return machine, ours
}

func machine() machineInfo {
	first := func(name string, args ...string) string {
		out, err := exec.Command(name, args...).Output()
		if err != nil {
			return "unknown"
		}
		return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
	}
	m := machineInfo{
		date: time.Now().UTC().Format("2006-01-02 15:04 MST"), cores: runtime.NumCPU(),
		cpu: procField("/proc/cpuinfo", "model name"), memory: "unknown",
		goVersion: first(cmp.Or(os.Getenv("GO"), "go"), "version"), sqlite: first("sqlite3", "--version"), hledger: first("hledger", "--version"),
	}
	if kb, err := strconv.ParseInt(strings.TrimSuffix(procField("/proc/meminfo", "MemTotal"), " kB"), 10, 64); err == nil {
		m.memory = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
	}
	if k, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = strings.TrimSpace(string(k))
	}
	if f := strings.Fields(m.sqlite); len(f) > 2 {
		m.sqlite = f[0] + " " + f[1] // version and date, not the check-in hash
	}
	m.commit = "commit " + first("git", "rev-parse", "HEAD")
	if dirty := first("git", "status", "--porcelain", "--untracked-files=no", "--", "cmd", "ledger", "importers", "schema", "go.mod", "go.sum"); dirty != "" && dirty != "unknown" {
		m.commit += " plus uncommitted changes in the working tree"
	}
	return m
}

// procField returns the value of the first "key: value" line in a /proc file.
func procField(path, key string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// markdown renders BENCHMARKS.md.
func (b *bench) markdown(m machineInfo, micro []byte, took time.Duration) string {
	var s strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&s, format, args...) }
	p("# Benchmarks\n\n")
	p("Written by `make bench` (cmd/benchreport, after the Go micro-benchmarks); earlier runs are in\n")
	p("`git log -p BENCHMARKS.md`. Targets: DESIGN.md, \"Performance\", and issue 4. What each design change\n")
	p("bought: [docs/performance.md](docs/performance.md).\n\n")
	p("## %s\n\n", m.date)
	p("- Code: %s.\n", m.commit)
	p("- Machine: %s, %d cores (nproc), %s memory, Linux %s.\n", m.cpu, m.cores, m.memory, m.kernel)
	p("- Tools: %s; sqlite3 %s; %s.\n", m.goVersion, m.sqlite, m.hledger)
	p("- Whole run: %s, one command at a time. Other processes used %.0f%% of the machine's CPU time\n", took.Round(time.Second), 100*m.otherCPU)
	p("  meanwhile (/proc/stat less this run's own rusage); above a few percent, they slowed the figures.\n\n")
	p("| measurement | figure | ratio | target | |\n|---|---|---|---|---|\n")
	passed := 0
	for _, r := range b.results {
		verdict := "MISS"
		if r.pass {
			verdict, passed = "PASS", passed+1
		}
		p("| %s | %s | %s | %s | %s |\n", r.what, r.figure, cmp.Or(r.ratio, "-"), r.target, verdict)
	}
	p("\n%d of %d targets met.\n\n", passed, len(b.results))
	p("Other figures of the same run:\n\n")
	for _, n := range b.notes {
		p("- %s\n", n)
	}
	p("\n### Method\n\n")
	p("Files from `genexports` (deterministic: seed 1), in a temporary directory, page-cached. Times are\n")
	p("wall clock of the whole command: for the %s-row import, re-import and sqlite3 baseline the best of\n", count(b.rows1M))
	p("%d interleaved runs (wall times here vary by about 15%% from run to run), for our %s-row import the\n", bestOf, count(b.rowsHledger))
	p("best of %d, for the others one run (the report: median of three; hledger, which takes over 15 s,\n", bestOf)
	p("once). Before each command, `sync` puts what earlier ones wrote on the disk, untimed, so that\n")
	p("none waits for another's writeback. Peak memory is the child's maximum resident set size from `wait4`\n")
	p("rusage, the figure `/usr/bin/time -v` prints (the highest of the runs).\n\n")
	p("- Baseline: `sqlite3 bare.db '.mode csv' '.import native-%s.csv t'` (a new table, every column text).\n", count(b.rows1M))
	p("- Import: `creatorledger --db ledger.db import native-%s.csv` into a new ledger (parse, validate,\n", count(b.rows1M))
	p("  de-duplicate, insert, commit); the run fails unless every row is reported new.\n")
	p("- Re-import: the same file with one more newline (another SHA-256, so every row is read) into\n")
	p("  the same ledger; the run fails unless every row is reported a duplicate.\n")
	p("- Row orders: the same %s rows newest first, grouped by item (each item's days in turn) and\n", count(b.rows1M))
	p("  shuffled (`genexports -order newest|item|shuffled`), each against sqlite3 .import of that file,\n")
	p("  measured as the date order is.\n")
	p("- hledger: `hledger -f native-%s.csv --rules-file native.rules check` (reads, converts and checks\n", count(b.rowsHledger))
	p("  every row; the cheapest command that does), against our import of the same file. Rules:\n\n")
	p("```\n%s```\n\n", hledgerRules)
	p("- Reports: `creatorledger report income`, `payouts pending` and `report rpm`, each `--format csv`,\n")
	p("  over a ledger built by importing a %s-row native file; the income report also in euros, after\n", count(b.rows10M))
	p("  importing three years of generated ECB rates (`genexports -format ecb-hist`); then `report dashboard\n")
	p("  --as-of 2026-12-31 --out -` (the five reports of its last year and the page) over it. The native\n")
	p("  file makes one row in nine a sponsorship invoice, and the invoices panel reads every invoice; the\n")
	p("  dashboard is timed as well over a ledger of as many TikTok Creator Rewards rows (platform earnings\n")
	p("  per video and day, with views, and the same rates), a creator's ledger without them.\n")
	p("- Reconciliation: `payouts reconcile --format csv` over a busy year generated by `genexports`\n")
	p("  (`busy-year-bank`, an ING statement of %s rows; `busy-year-payouts`; `busy-year-invoices`).\n\n", count(rowsBank))
	p("## Go micro-benchmarks\n\n")
	if len(micro) == 0 {
		p("Not run in this pass (`make bench` runs them first).\n")
		return s.String()
	}
	p("`go test -run '^$' -bench . -benchmem ./...` in the same `make bench`; ns/op is per entry for the\n")
	p("import benchmarks, per report for BenchmarkIncome100k.\n\n```\n")
	for _, line := range strings.Split(string(micro), "\n") {
		if strings.HasPrefix(line, "Benchmark") || strings.HasPrefix(line, "pkg:") || strings.HasPrefix(line, "cpu:") {
			p("%s\n", line)
		}
	}
	p("```\n")
	return s.String()
}
