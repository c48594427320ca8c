# Gonghui: `make run` serves the demo, `make test` runs every check. Both bootstrap themselves.
SHELL := /bin/bash
PYTHON ?= $(shell python3.12 -c 'import sys' >/dev/null 2>&1 && echo python3.12 || echo python3)
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test lint bench bench-load install messages clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --python $(PYTHON) --quiet
	@touch $@

install: $(VENV)/.synced

# axe-core for the browser tests' accessibility check, from the npm registry (package-lock.json pins it).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund && touch $@; \
	else echo "npm not found: the browser tests need axe-core (apt-get install nodejs npm)"; fi

run: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py demo --if-empty --quiet
	$(PY) manage.py welcome --url http://$(HOST):$(PORT)/
	$(PY) manage.py runserver $(HOST):$(PORT) --skip-checks

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

# Every core runs tests (pytest-xdist; each worker has its own test database). `--dist loadgroup`
# (pyproject's addopts) hands tests out one at a time to whichever worker is free, except the paths
# in the root conftest's WHOLE_ON_ONE_WORKER, each run whole by one worker: the demo province's
# modules, so each province is built once, not once per worker that got some of its tests.
# PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto

test: lint node_modules/.package-lock.json
	@mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# bench/load.py needs the production shape (PostgreSQL, pgbouncer, Redis, nginx): its own target.
bench: install
	@mkdir -p bench/results
	@for b in $(filter-out bench/load.py,$(wildcard bench/*.py)); do echo "# $$b"; $(PY) $$b || exit 1; done

# Load on the production shape against the same stack's ceiling (docs/deploy.md "Load").
# LOAD_ARGS="--unions 100000 --duration 60" for the issue's province size.
bench-load: install
	@mkdir -p bench/results
	$(PY) bench/load.py $(LOAD_ARGS)

# Rebuild the compiled translations after editing gonghui/locale/*/LC_MESSAGES/django.po.
messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=.tools --ignore=node_modules --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.tools --ignore=node_modules

clean:
	rm -rf $(VENV) $(TOOLS) var
