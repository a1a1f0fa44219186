# newsgraph — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint typecheck bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## install: create .venv and install newsgraph, its pinned dependencies and the English spaCy model
install: $(STAMP)

## demo: analyse the bundled example articles and print the report
demo: install
	$(BIN)/newsgraph analyze examples/state_visit.txt --published 2024-02-21
	$(BIN)/newsgraph analyze examples/condemnation.txt --published 2024-02-26
	$(BIN)/newsgraph analyze examples/sanctions.txt --published 2025-02-25
	$(BIN)/newsgraph analyze examples/aid_delivery.txt --published 2024-06-08
	$(BIN)/newsgraph analyze examples/proposal_rejection.txt --published 2024-04-18
	$(BIN)/newsgraph analyze examples/quotes.txt --published 2024-07-11
	$(BIN)/newsgraph analyze examples/state_visit.html
	$(BIN)/newsgraph analyze examples/articles.jsonl

## test: lint, type-check and run the whole test suite
test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy

## bench: throughput and peak memory of newsgraph against bare spaCy on the same texts
bench: install
	$(BIN)/python bench/bench.py

## eval: the reference article, quotes (PolNeAR dev) and events (skipped when ../shared is absent)
eval: install
	$(BIN)/newsgraph eval seed
	$(BIN)/newsgraph eval quotes --split dev
	$(BIN)/newsgraph eval events

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
