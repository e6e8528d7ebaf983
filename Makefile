# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
SEED := data/zukunftsstrategie-ludwigsburg-2025.json

.PHONY: install system-libraries run serve test lint audit format migrate seed messages clean bench load

install: $(VENV)/.installed system-libraries

# WeasyPrint (committee papers as PDF) needs Pango from Debian's packages; install it where it is missing.
system-libraries:
	@ldconfig -p | grep -q libpangoft2-1.0 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }

# Reinstall whenever the dependencies change.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools
	$(BIN)/pip install --quiet -e '.[dev,s3]'  # s3: so that the object-storage settings are tested too
	touch $@

migrate: install
	mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable

seed: migrate
	$(MANAGE) import_strategy $(SEED)

run: seed
	$(MANAGE) create_demo_accounts
	@echo "Das Portal läuft unter http://127.0.0.1:8000/ (Anmeldung: /konto/login/, Verwaltung: /admin/)."
	$(MANAGE) runserver 127.0.0.1:8000

# Production: settings from the environment (README.md, "Betrieb"; docs/deployment.md), gunicorn.conf.py for gunicorn.
serve: install
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) collectstatic --no-input
	$(BIN)/gunicorn strategy_portal.wsgi

# The suite in parallel (pytest-xdist, a worker per core), then the browser tests on their own (each starts a live
# server and a browser). On SQLite the test databases are kept between runs (var/test-*.sqlite3; only new migrations
# run): PYTEST_ARGS=--create-db builds them anew. With DATABASE_URL (CI's PostgreSQL) they are made fresh every run.
REUSE_DB := $(if $(DATABASE_URL),,--reuse-db)
test: install
	$(BIN)/pytest -n auto $(REUSE_DB) --ignore=tests/e2e $(PYTEST_ARGS)
	$(BIN)/pytest $(REUSE_DB) tests/e2e $(PYTEST_ARGS)

# Style, the layer order of the apps ([tool.importlinter]) and the types ([tool.mypy]).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

# Known vulnerabilities in the installed dependencies, and bandit over the portal's own code ([tool.bandit]).
# pip-audit asks PyPI's per-version JSON API for known vulnerabilities. Where only a package mirror is reachable (as on
# the development machines) it answers "could not be audited" for every package: read its output, not only its status.
audit: install
	$(BIN)/pip-audit --skip-editable --progress-spinner off
	$(BIN)/bandit --quiet --configfile pyproject.toml --recursive .

# Performance at scale against PostgreSQL (docs/performance.md); not part of `make test` or .ci/run.
# Shorter: make bench BENCH_ARGS="--sizes 100 1000 --repeat 10".
bench: install
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# 50 users for 60 s on gunicorn against the benchmark database (docs/performance.md).
load: install
	$(BIN)/python -m bench.load $(LOAD_ARGS)

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# After changing user-facing strings: update locale/de/LC_MESSAGES/django.po, translate, then compile.
messages: install
	$(MANAGE) makemessages --locale de --no-obsolete --ignore '.venv/*' --ignore 'var/*'
	$(MANAGE) compilemessages --locale de --ignore '.venv/*'

clean:
	rm -rf $(VENV) var
