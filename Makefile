# make run   - set everything up and start portwindow
# make test  - set everything up and run the linters and the whole test suite
# make bench - run the benchmarks (prints figures)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.stamp-run
TSTAMP := $(VENV)/.stamp-test

.PHONY: run test lint bench sysdeps sysdeps-test clean services-data

run: $(STAMP)
	$(VENV)/bin/portwindow

$(VENV)/bin/python:
	sh tools/system-deps.sh run
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(VENV)/bin/python
	sh tools/system-deps.sh run
	$(PY) -m pip install -q -e ".[fast]"
	touch $@

$(TSTAMP): pyproject.toml | $(VENV)/bin/python
	sh tools/system-deps.sh test
	$(PY) -m pip install -q -e ".[fast,test]"
	touch $@

lint: $(TSTAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(TSTAMP) lint
	$(VENV)/bin/pytest

bench: $(TSTAMP)
	$(PY) bench/engine_vs_nmap.py

services-data: | $(VENV)/bin/python
	$(PY) tools/build_services.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis
