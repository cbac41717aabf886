# creatorledger: every job a developer or CI needs, on a machine with Go.
GO        ?= go
BIN       ?= bin/creatorledger
FUZZTIME  ?= 30s
PKGS      := ./...

.PHONY: all build install test demo bench fuzz lint clean

all: lint test build

# -buildvcs=auto: creatorledger --version names the commit whatever
# GOFLAGS says, when there is a Git checkout to ask.
build:
	$(GO) build -buildvcs=auto -o $(BIN) ./cmd/creatorledger

# Puts creatorledger where go install does: $GOBIN when set, else
# $(go env GOPATH)/bin (~/go/bin), says where, and how to put that folder
# on PATH when it is not.
install:
	$(GO) install -buildvcs=auto ./cmd/creatorledger
	@dir=$$($(GO) env GOBIN); [ -n "$$dir" ] || dir=$$($(GO) env GOPATH)/bin; \
	  echo "installed $$dir/creatorledger"; \
	  case ":$$PATH:" in *":$$dir:"*) ;; *) \
	    echo "$$dir is not on your PATH; add it (e.g. in ~/.profile):"; \
	    echo "  export PATH=\"$$dir:\$$PATH\"";; esac

# The test command CI runs (README.md).
test:
	$(GO) test -count=1 $(PKGS)

# Sample exports -> temporary ledger -> every report.
demo:
	$(GO) run ./cmd/creatorledger demo

# Go micro-benchmarks, then cmd/benchreport: whole-program import, re-import,
# memory and report against sqlite3 and hledger (apt-get install -y sqlite3
# hledger), which rewrites BENCHMARKS.md. ~8 minutes; BENCH_QUICK=1 make bench
# uses 10x fewer rows and only prints.
bench:
	@for t in sqlite3 hledger; do command -v $$t >/dev/null || { \
	  echo "make bench: $$t not found; it is a baseline of the benchmarks (try: sudo apt-get install -y sqlite3 hledger)"; exit 1; }; done
	@mkdir -p bin
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS) > bin/go-bench.txt || { cat bin/go-bench.txt; exit 1; }
	@cat bin/go-bench.txt
	GO=$(GO) $(GO) run ./cmd/benchreport -go-bench bin/go-bench.txt -o BENCHMARKS.md

# Every fuzz target for FUZZTIME each (make fuzz FUZZTIME=10m for a long run).
# Crashers land in testdata/fuzz/ of the package: commit them. scripts/fuzz.sh
# tries a target once more after the Go 1.26 engine's deadline race.
fuzz:
	@GO=$(GO) FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

# gofmt, go vet and staticcheck (a pinned version, built by go run from the
# module proxy on first use and cached).
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 $(PKGS)

clean:
	rm -rf bin
