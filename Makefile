# make run   - set everything up and start portwindow
# make test  - set everything up and run the linters and the whole test suite
# make bench - run the benchmarks (prints figures)
# make package      - build the Linux packages into dist/ (.deb, .tar.gz) and print their figures
# make package-test - make package, then run the frozen build's smoke test
# make translations - the window's translation catalogues again (resources/i18n)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.stamp-run
TSTAMP := $(VENV)/.stamp-test
PSTAMP := $(VENV)/.stamp-package

.PHONY: run test lint bench sysdeps sysdeps-test clean services-data package package-test icons translations

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

$(PSTAMP): pyproject.toml | $(VENV)/bin/python
	sh tools/system-deps.sh package
	$(PY) -m pip install -q -e ".[fast,test,package]"
	touch $@

lint: $(TSTAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Tests and benchmarks scan loopback: they run in a network namespace of their own.
NETNS := sh tools/in-netns.sh

test: $(TSTAMP) lint
	$(NETNS) $(VENV)/bin/pytest

# Each benchmark that scans loopback runs itself again in a namespace of its own.
bench: $(TSTAMP)
	$(PY) bench/engine_vs_nmap.py
	$(PY) bench/udp_vs_nmap.py
	$(PY) bench/banner_overhead.py
	$(PY) bench/ui_responsiveness.py
	$(PY) bench/ui_file_actions.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/door_scroll.py

# PyInstaller onedir bundle (packaging/portwindow.spec), then the .deb and .tar.gz, then
# the figures (size, start-up time).
package: $(PSTAMP)
	rm -rf build/pyinstaller dist/portwindow dist/portwindow_*.deb dist/portwindow-*.tar.gz
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/portwindow.spec
	$(PY) packaging/linux/build_deb.py --bundle dist/portwindow --out dist
	$(PY) packaging/measure.py --bundle dist/portwindow

# (make package leaves exactly one .deb in dist/)
package-test: package
	PORTWINDOW_FROZEN_DEB="$$(ls $(CURDIR)/dist/portwindow_*.deb)" $(NETNS) $(VENV)/bin/pytest tests/packaging

# Re-render the icons in packaging/ from resources/icons/portwindow.svg.
icons: $(PSTAMP)
	$(PY) packaging/render_icons.py

services-data: | $(VENV)/bin/python
	$(PY) tools/build_services.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis

# The window's translation catalogues (resources/i18n: .ts from the sources, .qm from them).
translations: $(TSTAMP)
	VENV=$(VENV) sh tools/translations.sh
