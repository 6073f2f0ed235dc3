# VITA portal. The two commands: `make run` serves the portal, `make test` runs the tests.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
AXE := tests/browser/node_modules/axe-core/axe.min.js

# Local commands run in development mode; a production server sets DEBUG=false itself.
export DEBUG ?= true

.DEFAULT_GOAL := help
.PHONY: help run worker scheduler test bench backup restore lint format check stop reset-db dbshell

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "VITA needs Python 3.11 or newer, found " + sys.version.split()[0] + ": run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed  ## Set everything up and serve the portal at http://127.0.0.1:8000
	$(MANAGE) migrate --no-input
	$(MANAGE) import_sources
	$(MANAGE) publish_card_templates
	@if [ -z "$$DATABASE_URL" ]; then $(MANAGE) create_demo_animator; fi
	@echo "VITA portal: http://$(HOST):$(PORT)/ (Ctrl+C stops it; 'make stop' stops the database)"
	@# The task worker (large imports) and the scheduler (scheduled jobs) run beside the
	@# server and stop with it.
	@$(MANAGE) db_worker --no-startup-delay & worker=$$!; \
		$(MANAGE) run_scheduler & scheduler=$$!; \
		trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver $(HOST):$(PORT)

worker: $(VENV)/.installed  ## Run the task worker alone (large imports)
	$(MANAGE) db_worker

scheduler: $(VENV)/.installed  ## Run the scheduler alone (scheduled jobs: README)
	$(MANAGE) run_scheduler

test: $(VENV)/.installed-dev $(AXE)  ## Run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# axe-core and vnu-jar (the Nu HTML checker), from the npm registry, for the accessibility
# and HTML checks. Without npm those checks are skipped with a reason (CI installs it: .ci/run).
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility checks will be skipped"; fi

bench: $(VENV)/.installed-dev  ## Measure the portal at 1,000 to 100,000 cards: docs/benchmarks.md
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

backup: $(VENV)/.installed  ## Back up the database and the files into var/backups/ (OUTPUT=… elsewhere)
	$(MANAGE) backup $(if $(OUTPUT),--output $(OUTPUT))

restore: $(VENV)/.installed  ## Restore a backup: make restore FROM=var/backups/vita-…
	@test -n "$(FROM)" || { echo "Say which backup: make restore FROM=var/backups/vita-…"; exit 2; }
	$(MANAGE) restore $(FROM)

lint: $(VENV)/.installed-dev  ## ruff check and format check, and the layers (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev  ## Fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.installed  ## Django system checks and pending migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

dbshell: $(VENV)/.installed  ## psql on the portal's database
	$(MANAGE) dbshell

stop:  ## Stop the embedded PostgreSQL server
	@if [ -x $(BIN)/python ]; then $(BIN)/python -m vita.db.embedded stop; fi

reset-db: stop  ## Stop the embedded PostgreSQL server and delete its data (var/pgdata)
	rm -rf var/pgdata
	@echo "Embedded database deleted; the next command that needs it creates it anew."
