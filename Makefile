# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs in parallel, one pytest-xdist worker per core; TEST_WORKERS=0 runs it in
# one process.
TEST_WORKERS ?= auto

.PHONY: run test lint format install setup clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(STAMP)

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed

run: setup
	@echo ""
	@echo "  Masthead is starting on SQLite:"
	@echo "    Site      http://$(HOST):$(PORT)/"
	@echo "    Admin     http://$(HOST):$(PORT)/admin/  (sign in with a demo account above)"
	@echo "    API docs  http://$(HOST):$(PORT)/api/docs/"
	@echo "  and one worker (scheduled publishing, retried effects: docs/operators.md)."
	@echo ""
	@# One command, two processes: the worker in the background, stopped with the server
	@# (Ctrl-C reaches both; the trap covers the server ending any other way).
	$(BIN)/python manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	@# axe-core (browser tests) and vnu-jar (HTML check) come from npm (package-lock.json).
	@if command -v npm >/dev/null && { [ ! -d node_modules/axe-core ] || [ ! -d node_modules/vnu-jar ]; }; then npm ci --no-audit --no-fund; fi
	$(BIN)/pytest -n $(TEST_WORKERS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles .test-media
