# hireloop: `make demo` runs the product on the embedded stack, `make test` runs the tests.
# Both build the virtualenv and install everything on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast lint bench bench-interview histories services stop clean

$(STAMP): pyproject.toml scripts/apt-deps.sh
	bash scripts/apt-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# PostgreSQL backs half of the ledger tests; start the machine's cluster if it is down.
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1

demo: install
	$(BIN)/hireloop demo

test: install services
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest -p no:cacheprovider

# The unit tests only (no Temporal server, no Whisper, no model training): under a minute.
test-fast: install
	$(BIN)/pytest -p no:cacheprovider -m "not slow and not postgres"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: install
	$(BIN)/python -m bench.lifecycle

# 150,000 resumes screened end to end (about 20 minutes; the corpus is cached in .hireloop/).
bench-screening: install
	$(BIN)/python -m bench.screening --resumes 150000

# AI interview report latency (issue 3); a module run so `bench` and `tests` import.
bench-interview: install
	$(BIN)/python -m bench.interview --candidates 10

histories: install
	$(BIN)/python -m tests.histories.record

stop:
	-pkill -f "temporal server start-dev --db-filename $(CURDIR)/.hireloop" ; pkill -f "$(CURDIR)/worker.py" ; true

clean: stop
	rm -rf .hireloop
