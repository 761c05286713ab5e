# MultiPotenzial — the two commands a newcomer needs:
#   make run    build everything and start with demo data at http://127.0.0.1:8090
#   make test   build everything and run every test (what CI runs, via .ci/run)
#
# PocketBase v0.40 needs Go 1.27; machines with an older Go fetch it once
# through the module proxy.
export GOTOOLCHAIN := go1.27.3

BIN      := bin/multipotenzial
ADDR     ?= 127.0.0.1:8090
UI_SRC   := $(shell find ui -path ui/node_modules -prune -o -path ui/test -prune -o -type f -print 2>/dev/null)
GO_SRC   := $(shell find . -name '*.go' -not -path './ui/*' 2>/dev/null) go.mod go.sum
CHROMIUM := /usr/bin/chromium
# Fuzz targets CI runs briefly (package:target); long runs: make fuzz FUZZTIME=10m
FUZZ     := ./rules:FuzzCompile ./forms:FuzzCompile ./forms:FuzzEvaluate ./workflows:FuzzCompileWorkflow
FUZZTIME ?= 5s

.PHONY: run serve build ui test test-go test-ui fuzz lint bench browser-deps clean \
	loadtest load drill-crash drill-diskfull drill-backup drill-badinput drills

run: build
	@(for i in $$(seq 1 100); do \
	    curl -sf http://$(ADDR)/api/health >/dev/null 2>&1 && break; sleep 0.2; done; \
	  command -v xdg-open >/dev/null 2>&1 && xdg-open http://$(ADDR)/ >/dev/null 2>&1 || \
	  echo "MultiPotenzial is running: open http://$(ADDR)/") &
	./$(BIN) serve --demo --http $(ADDR)

build: ui $(BIN)

$(BIN): $(GO_SRC)
	go build -o $(BIN) .

ui: pb_public/index.html

ui/node_modules/.package-lock.json: ui/package-lock.json ui/package.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

pb_public/index.html: ui/node_modules/.package-lock.json $(UI_SRC)
	cd ui && npm run build

test: ui browser-deps lint test-ui test-go fuzz

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	go vet ./...

test-ui: ui
	cd ui && npm test && npm run size

test-go:
	go test -count=1 ./...

fuzz:
	@for t in $(FUZZ); do pkg=$${t%%:*}; fn=$${t##*:}; \
	  echo "fuzz $$pkg $$fn ($(FUZZTIME))"; \
	  go test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; done

bench:
	go test -run '^$$' -bench . -benchmem ./forms/ ./workflows/ ./hooks/

# The long load run and fault drills (docs/PERFORMANCE.md, docs/RELIABILITY.md):
# each starts a throwaway server from bin/multipotenzial and prints its figures.
LOADTEST := bin/loadtest

loadtest: $(LOADTEST)

$(LOADTEST): $(GO_SRC)
	go build -o $(LOADTEST) ./cmd/loadtest

load: build $(LOADTEST)             # ~7 min: bursts vs batch API, counsellors, realtime, memory
	./$(LOADTEST) load -bin $(BIN) -burst 10000 -rounds 3 -mix 20s -kinds 5s -rt 10s -settle 20s

drill-crash: build $(LOADTEST)      # ~3 min: 50 × kill -9 under registrations
	./$(LOADTEST) crash -bin $(BIN) -cycles 50

drill-diskfull: build $(LOADTEST)   # ~20 s, needs root (mounts a tmpfs)
	./$(LOADTEST) diskfull -bin $(BIN)

drill-backup: build $(LOADTEST)     # ~3 min: a backup while registrations run, restored
	./$(LOADTEST) backup -bin $(BIN) -cases 10000 -rate 40

drill-badinput: build $(LOADTEST)   # ~1 min: 67 kinds of hostile request at volume
	./$(LOADTEST) badinput -bin $(BIN) -rounds 200

drills: drill-crash drill-diskfull drill-backup drill-badinput

# Browser tests drive Debian's chromium, never a downloaded browser.
browser-deps:
	@test -x $(CHROMIUM) || { echo "installing Debian chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

clean:
	rm -rf bin pb_public
