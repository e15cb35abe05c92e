# Common Ground: `make run` serves the demo, `make test` runs every check.
# Each target sets itself up (virtualenv, Python and npm packages, built assets).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
NODE := node_modules/.installed
CSS := build/static/css/app.css
SCSS := $(wildcard src/commonground/static_src/scss/*.scss)
CHROMIUM ?= /usr/bin/chromium
# Django's checks and mypy's Django plugin load the production settings, which need a
# key: a random one, made for the command, never stored.
WITH_KEY = SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')

.PHONY: run test lint typecheck checks pytest bench setup clean catalogues

run: $(RUNTIME) $(CSS) catalogues
	$(BIN)/commonground demo

test: $(DEV) $(CSS) catalogues
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo ""; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!! Chromium is not installed at $(CHROMIUM): the browser (e2e) tests"; \
	  echo "!! will be SKIPPED. Install it with: apt-get install -y chromium"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo ""; \
	fi
	$(MAKE) --no-print-directory lint typecheck checks pytest

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(DEV)
	$(WITH_KEY) $(BIN)/mypy

checks: $(DEV) $(CSS) catalogues
	$(WITH_KEY) $(BIN)/python manage.py check --fail-level WARNING
	$(WITH_KEY) $(BIN)/python manage.py makemigrations --check --dry-run

pytest: $(DEV) $(CSS) catalogues
	$(BIN)/pytest

# Every benchmark in benchmarks/, each writing its section of docs/BENCHMARKS.md.
# `make bench BENCH_ARGS=--quick` for short runs that leave the docs alone;
# `make bench BENCH_ARGS="--only search"` for one.
bench: $(DEV) $(CSS) catalogues
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

setup: $(DEV) $(CSS) catalogues

# The Welsh catalogues' compiled .mo files are built, not committed (DEVELOPERS.md, "Welsh"):
# Babel compiles the stale ones, so no machine needs GNU gettext.
catalogues: $(RUNTIME)
	$(BIN)/python -m commonground.core.catalogues compile

$(RUNTIME): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV): $(RUNTIME) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(CSS): $(NODE) $(SCSS)
	npm run build

clean:
	rm -rf $(VENV) node_modules build var/static
