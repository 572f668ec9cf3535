# The two commands: `make run` serves the portal with the starter data; `make test` runs everything.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
export FLASK_APP := wsgi

.PHONY: run test venv db index node-deps system-deps lint bench bench-backends bench-pages bench-synthetic clean translations

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	touch $@

venv: $(BIN)/.installed

db: venv
	mkdir -p instance
	$(BIN)/flask db upgrade
	$(BIN)/flask seed

index: db
	@if $(BIN)/flask search --help >/dev/null 2>&1; then $(BIN)/flask search rebuild; fi

run: index
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - wsgi:app

system-deps:
	bash scripts/install-system-deps.sh

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-deps: node_modules/.installed

test: venv system-deps node-deps lint
	$(BIN)/pytest -n 2 --dist loadgroup --durations=40

lint: venv
	$(BIN)/ruff check portal tests bench config.py wsgi.py
	$(BIN)/ruff format --check portal tests bench config.py wsgi.py

bench: venv
	$(BIN)/python bench/search_bench.py

# Whoosh, tantivy, PostgreSQL (GIN window and RUM) and SQLite FTS5 side by side (~1 h at 100k).
bench-backends: venv system-deps
	$(BIN)/python bench/search_backends_bench.py

# Pages served by gunicorn (2 x cores workers, production config) under wrk (16 connections, 10 s a page)
# at 25k and 100k sample records on SQLite and a private PostgreSQL; bench/results/pages.json.
# Needs Debian's wrk (installed here: the benchmark is not a test). Loopback only; ~1 h with both sizes.
# Narrow it with e.g. make bench-pages BENCH_PAGES_ARGS="--sizes 25000 --databases sqlite".
BENCH_PAGES_ARGS ?=
bench-pages: venv
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/pages.py $(BENCH_PAGES_ARGS)

# Records/s of flask demo synthetic at 10k and 100k on a fresh SQLite file; bench/results/synthetic.json.
bench-synthetic: venv
	$(BIN)/python bench/synthetic.py

clean:
	rm -rf $(VENV) node_modules instance search_index/*

# Re-extract UI strings (N_ marks Python strings translated later; `_macros` must not be skipped),
# merge them into the English catalogue and compile it. The compiled .mo is committed. The catalogue
# keeps its header (without it pybabel compile takes the catalogue for fuzzy and skips it) and its
# creation date, and new strings are left untranslated rather than guessed from similar ones.
translations: venv
	$(BIN)/pybabel extract -F babel.cfg -k N_ --ignore-dirs=".* __pycache__ node_modules" \
		--no-location --sort-output -o portal/translations/messages.pot .
	$(BIN)/pybabel update -i portal/translations/messages.pot -d portal/translations \
		--ignore-pot-creation-date --no-fuzzy-matching
	$(BIN)/pybabel compile -d portal/translations
