# creatorledger: every job a developer or CI needs, on a machine with Go.
GO        ?= go
BIN       ?= bin/creatorledger
FUZZTIME  ?= 30s
PKGS      := ./...

.PHONY: all build test demo bench fuzz lint clean

all: lint test build

build:
	$(GO) build -o $(BIN) ./cmd/creatorledger

# The test command CI runs (README.md).
test:
	$(GO) test -count=1 $(PKGS)

# Sample exports -> temporary ledger -> every report.
demo:
	$(GO) run ./cmd/creatorledger demo

# Go benchmarks of import and reports; results go in BENCHMARKS.md.
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# Every fuzz target for FUZZTIME each (make fuzz FUZZTIME=10m for a long run).
# Crashers land in testdata/fuzz/ of the package: commit them.
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$target ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

clean:
	rm -rf bin
